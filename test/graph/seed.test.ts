// The curated seed on the real Neo4j: validation refuses every defect class with the file, record
// and field named and writes nothing; loading is idempotent; every claim is cited; identifiers
// from the reference file sit on the right entities; the article's phase II trial is walkable.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database, Executor } from '../../src/db/database';
import { graphCounts } from '../../src/graph/stats/stats.repository';
import { readSnapshot, snapshotChecksum } from '../../src/graph/snapshot.repository';
import { readSeed, seedFrom } from '../../src/seed';
import { SeedValidationError } from '../../src/seed/validate';
import { ensureSeedGraph, openDatabase } from '../support/harness';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const ARTICLE = 'source:article-stem-cell-therapy-lbp';

describe('the seed graph', () => {
  let database: Database;
  let db: Executor;
  beforeAll(async () => {
    database = openDatabase();
    db = database.executor();
    await ensureSeedGraph(database);
  });
  afterAll(async () => {
    await database.close();
  });

  it('passes validation', () => {
    const graph = readSeed('seed');
    expect(graph.entities.length).toBeGreaterThan(50);
    expect(graph.claims.length).toBeGreaterThan(50);
  });

  it('accepts the valid fixture the broken ones are made from', () => {
    expect(readSeed(path.join(FIXTURES, 'valid-seed')).claims).toHaveLength(1);
  });

  const broken: Array<[defect: string, file: string, record: string, field: string, message: RegExp]> = [
    ['dangling-reference', 'claims.yaml', 'claim:fixture-a-contributes-to-b', 'object', /dangling reference/],
    ['duplicate-id', 'conditions.yaml', 'condition:fixture-a', 'id', /duplicate id/],
    ['unknown-evidence-level', 'claims.yaml', 'claim:fixture-a-contributes-to-b', 'level', /expected one of/],
    ['claim-without-source', 'claims.yaml', 'claim:fixture-a-contributes-to-b', 'sources', /at least one source/],
    ['bad-curie', 'conditions.yaml', 'condition:fixture-a', 'curie', /must be a CURIE/],
    ['bad-number', 'trials.yaml', 'trial:fixture-trial', 'enrollment', />=0/],
  ];

  /** Broken by a provenance rule; test/graph/provenance.test.ts refuses them. */
  const provenanceDefects = ['incomplete-result', 'overstated-level'];

  it('has one broken fixture per defect class, and no other', () => {
    const dirs = readdirSync(path.join(FIXTURES, 'broken-seeds')).filter((d) => d !== 'many-defects');
    expect(dirs.sort()).toEqual([...broken.map(([defect]) => defect), ...provenanceDefects].sort());
  });

  it.each(broken)(
    'refuses %s naming file %s, record %s, field %s, and writes nothing',
    async (defect, file, record, field, message) => {
      const before = await graphCounts(db);
      const dir = path.join(FIXTURES, 'broken-seeds', defect);
      const error = await seedFrom(db, dir).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SeedValidationError);
      const problems = (error as SeedValidationError).problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ record, field });
      expect(problems[0].file).toMatch(new RegExp(`broken-seeds/${defect}/${file.replace('.', '\\.')}$`));
      expect(problems[0].message).toMatch(message);
      expect((error as Error).message).toContain(`${file}: record ${record}: field ${field}:`);
      expect(await graphCounts(db)).toEqual(before);
    },
  );

  it('reports every problem of a seed in one refusal', async () => {
    const before = await graphCounts(db);
    const error = (await seedFrom(db, path.join(FIXTURES, 'broken-seeds', 'many-defects')).catch(
      (e) => e,
    )) as SeedValidationError;
    expect(error).toBeInstanceOf(SeedValidationError);
    expect(error.problems.map((p) => `${p.record}/${p.field}`).sort()).toEqual([
      'claim:fixture-a-contributes-to-b/level',
      'claim:fixture-a-contributes-to-b/object',
      'claim:fixture-a-contributes-to-b/sources',
      'condition:fixture-a/curie',
    ]);
    expect(await graphCounts(db)).toEqual(before);
  });

  it('loads idempotently: a second load changes no count and no content', async () => {
    const countsBefore = await graphCounts(db);
    const checksumBefore = snapshotChecksum(await readSnapshot(db));
    const result = await seedFrom(db, 'seed');
    expect(result.entities).toBeGreaterThan(0);
    expect(await graphCounts(db)).toEqual(countsBefore);
    expect(snapshotChecksum(await readSnapshot(db))).toBe(checksumBefore);
  });

  it('holds exactly the seed: every record and claim, and nothing else', async () => {
    const graph = readSeed('seed');
    const snapshot = await readSnapshot(db);
    const seedIds = graph.entities.map((e) => e.record.id);
    const graphIds = snapshot.nodes.map((n) => n.id).filter((id) => seedIds.includes(id));
    expect(graphIds.sort()).toEqual([...seedIds].sort());
    const claimIds = snapshot.relationships.map((r) => r.id);
    expect(claimIds).toEqual(expect.arrayContaining(graph.claims.map((c) => c.record.id)));
  });

  it('cites every claim: at least one existing Source and a known evidence level on every relationship', async () => {
    const [row] = await db.read<{ total: number; uncited: number; unlevelled: number; dangling: number }>(
      'test.citations',
      `MATCH ()-[r]->()
       WITH r, [s IN coalesce(r.sourceIds, []) WHERE NOT EXISTS { MATCH (:Source {id: s}) }] AS missing
       RETURN count(r) AS total,
              count(CASE WHEN size(coalesce(r.sourceIds, [])) = 0 THEN 1 END) AS uncited,
              count(CASE WHEN r.level IS NULL OR r.knowledgeLevel IS NULL THEN 1 END) AS unlevelled,
              count(CASE WHEN size(missing) > 0 THEN 1 END) AS dangling`,
    );
    expect(row.total).toBeGreaterThan(100);
    expect(row).toMatchObject({ uncited: 0, unlevelled: 0, dangling: 0 });
  });

  it('describes every entity but Sources with at least one existing Source', async () => {
    const rows = await db.read<{ id: string }>(
      'test.entitySources',
      `MATCH (n:Entity) WHERE NOT n:Source
         AND (size(coalesce(n.sourceIds, [])) = 0
              OR any(s IN n.sourceIds WHERE NOT EXISTS { MATCH (:Source {id: s}) }))
       RETURN n.id AS id`,
    );
    expect(rows).toEqual([]);
  });

  it('puts every identifier of the reference file that the seed uses on the right entity', async () => {
    const reference = readFileSync(
      path.join(__dirname, '..', '..', 'docs', 'reference', 'identifiers-and-trials.md'),
      'utf8',
    );
    const referenceIds = new Set(reference.match(/\b(?:MONDO|HP|CL|UBERON|GO):\d{7}\b|\bDOID:\d+\b|\bNCT\d{8}\b/g));
    // Which entity each identifier names, read off the reference's tables.
    const expected: Record<string, string> = {
      'MONDO:0011385': 'condition:degenerative-disc-disease',
      'DOID:90': 'condition:degenerative-disc-disease',
      'MONDO:0044339': 'condition:lumbar-degenerative-disc-disease',
      'HP:0003419': 'condition:low-back-pain',
      'HP:0003418': 'condition:back-pain',
      'HP:0008419': 'condition:disc-degeneration',
      'HP:0002018': 'risk:nausea',
      'HP:0002013': 'risk:vomiting',
      'HP:0025679': 'risk:discitis',
      'HP:0002664': 'risk:tumour-formation',
      'MONDO:0005070': 'risk:tumour-formation',
      'HP:0012647': 'risk:immune-reaction',
      'MONDO:0005046': 'risk:immune-reaction',
      'CL:0000134': 'cell-type:mesenchymal-stem-cell',
      'CL:0002540': 'cell-type:bone-marrow-mesenchymal-stem-cell',
      'CL:0002570': 'cell-type:adipose-mesenchymal-stem-cell',
      'CL:0002569': 'cell-type:umbilical-cord-mesenchymal-stem-cell',
      'UBERON:0002371': 'cell-source:bone-marrow',
      'UBERON:0001013': 'cell-source:adipose-tissue',
      'UBERON:0002331': 'cell-source:umbilical-cord',
      'GO:0050728': 'mechanism:anti-inflammatory',
      'GO:0050776': 'mechanism:immunomodulation',
      'GO:0042246': 'mechanism:tissue-regeneration',
      'GO:0030198': 'mechanism:extracellular-matrix-rebuilding',
      'GO:0051930': 'mechanism:pain-signal-modulation',
      'GO:0043524': 'mechanism:nerve-cell-survival',
      NCT01290367: 'trial:nct01290367',
      NCT02412735: 'trial:nct02412735',
      NCT06325566: 'trial:nct06325566',
      NCT03347708: 'trial:nct03347708',
      NCT07254806: 'trial:nct07254806',
      NCT01860417: 'trial:nct01860417',
    };
    const rows = await db.read<{ id: string; label: string; ids: string[] }>(
      'test.identifiers',
      `MATCH (n:Entity) WHERE NOT n:Source
       RETURN n.id AS id, [x IN [n.curie] + coalesce(n.xrefs, []) + [n.registryId] WHERE x IS NOT NULL] AS ids`,
    );
    const holders = new Map<string, string[]>();
    for (const row of rows) {
      for (const identifier of row.ids) {
        const bare = identifier.replace(/^CLINICALTRIALS:/, '');
        holders.set(bare, [...new Set([...(holders.get(bare) ?? []), row.id])]);
      }
    }
    const used = [...referenceIds].filter((id) => holders.has(id));
    expect(used.length).toBeGreaterThanOrEqual(Object.keys(expected).length);
    for (const identifier of used) {
      expect({ identifier, on: holders.get(identifier) }).toEqual({ identifier, on: [expected[identifier]] });
    }
    for (const [identifier, entity] of Object.entries(expected)) {
      expect({ identifier, on: holders.get(identifier) }).toEqual({ identifier, on: [entity] });
    }
    const [ddd] = await db.read<{ xrefs: string[] }>(
      'test.ddd',
      `MATCH (n:Condition {id: 'condition:degenerative-disc-disease'}) RETURN n.xrefs AS xrefs`,
    );
    expect(ddd.xrefs).toContain('MESH:D055959');
    const dois = await db.read<{ id: string; doi: string | null; pmcid: string | null }>(
      'test.dois',
      `MATCH (s:Source) WHERE s.id IN $ids RETURN s.id AS id, s.doi AS doi, s.pmcid AS pmcid ORDER BY id`,
      {
        ids: [
          'source:amirdelfan-2021',
          'source:centeno-2017',
          'source:gornet-2024',
          'source:kumar-2017',
          'source:pettine-2015',
          'source:schneider-2022',
        ],
      },
    );
    expect(dois).toEqual([
      { id: 'source:amirdelfan-2021', doi: '10.1016/j.spinee.2020.10.004', pmcid: null },
      { id: 'source:centeno-2017', doi: null, pmcid: 'PMC5610473' },
      { id: 'source:gornet-2024', doi: '10.14444/8609', pmcid: null },
      { id: 'source:kumar-2017', doi: '10.1186/s13287-017-0710-3', pmcid: null },
      { id: 'source:pettine-2015', doi: '10.1002/stem.1845', pmcid: null },
      { id: 'source:schneider-2022', doi: '10.1016/j.spinee.2021.07.015', pmcid: null },
    ]);
  });

  it("walks from the article's phase II trial to its cited facts", async () => {
    const [trial] = await db.read<{ trial: any; products: any[]; outcomes: any[] }>(
      'test.phase2',
      `MATCH (t:Trial {id: 'trial:nct01290367'})
       CALL (t) {
         MATCH (t)-[c:TESTS]->(p:Product)
         OPTIONAL MATCH (p)-[:CONTAINS_CELL_TYPE]->(ct:CellType)
         OPTIONAL MATCH (p)-[:PREPARED_FROM]->(cs:CellSource)
         RETURN collect({product: p.id, synonyms: p.synonyms, cellType: ct.id, cellTypeName: ct.name, source: cs.id, sources: c.sourceIds}) AS products
       }
       CALL (t) {
         MATCH (t)-[c:HAS_OUTCOME]->(o:Outcome)
         RETURN collect(o {.*, claimSources: c.sourceIds, level: c.level}) AS outcomes
       }
       RETURN t {.*} AS trial, products, outcomes`,
    );
    expect(trial.trial).toMatchObject({ phase: 'PHASE_2', enrollment: 100, registryId: 'NCT01290367' });
    expect(trial.trial.sourceIds).toEqual(expect.arrayContaining([ARTICLE, 'source:nct01290367']));
    expect(`${trial.trial.description} ${(trial.trial.arms ?? []).join(' ')}`).toMatch(
      /one intradiscal injection|single intradiscal injection/i,
    );

    const rexlemestrocel = trial.products.filter((p) => p.product === 'product:rexlemestrocel-l');
    expect(rexlemestrocel.length).toBeGreaterThan(0);
    expect(rexlemestrocel[0].sources).toContain(ARTICLE);
    expect(rexlemestrocel.map((p) => p.cellType)).toContain('cell-type:bone-marrow-mesenchymal-stem-cell');
    expect(rexlemestrocel.map((p) => p.source)).toContain('cell-source:bone-marrow');

    const cited = (o: any) => o.sourceIds.includes(ARTICLE) && o.claimSources.includes(ARTICLE);
    const pain = trial.outcomes.find((o) => o.measure === 'PAIN' && o.timepointMonths === 12 && cited(o));
    expect(pain).toMatchObject({ value: 50, valueQualifier: 'MORE_THAN', unit: '% reduction', direction: 'IMPROVED' });
    expect(trial.outcomes.find((o) => o.measure === 'MEDICATION_USE' && cited(o))).toMatchObject({
      direction: 'IMPROVED',
    });
    expect(trial.outcomes.find((o) => o.measure === 'FUNCTION' && cited(o))).toMatchObject({ direction: 'IMPROVED' });
  });

  it('keeps disagreeing figures side by side, each with its own source', async () => {
    const rows = await db.read<{ trial: string; value: number; sources: string[] }>(
      'test.disagreement',
      `MATCH (t:Trial)-[c:HAS_OUTCOME]->(o:Outcome {measure: 'SUCCESS_RATE'})
       WHERE t.id IN ['trial:article-2022-review', 'trial:schneider-2022'] AND o.timepointMonths = 6
       RETURN t.id AS trial, o.value AS value, c.sourceIds AS sources ORDER BY trial`,
    );
    expect(rows).toEqual([
      { trial: 'trial:article-2022-review', value: 40.7, sources: [ARTICLE] },
      { trial: 'trial:schneider-2022', value: 53.5, sources: ['source:schneider-2022'] },
    ]);
  });
});
