// Must show of the ingestion issue, on a throw-away Neo4j of its own (it starts from an empty
// database and rewrites curated entities): seed, then ingest the recorded ClinicalTrials.gov pages
// (through the real client, from a local replay server with a 429 and a 500), PubMed XML, Europe PMC
// JSON and OBO Graphs; the reference trials are enriched without losing a curated claim, a second
// run changes nothing, a contradicted curated value stays beside the registry's, a dry run writes
// nothing, and every kind of invalid input is refused with nothing written.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Database, Executor } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { auditLog } from '../../src/graph/curation/audit.store';
import { readSnapshot, snapshotChecksum } from '../../src/graph/snapshot.repository';
import { IngestRefused, type IngestSummary, runIngest } from '../../src/ingest';
import type { IngestOptions } from '../../src/ingest';
import { projectRoot } from '../../src/paths';
import { seedFrom } from '../../src/seed';
import { loadSeedWith } from '../../src/seed/load';
import { validateSeed } from '../../src/seed/validate';
import { cardMismatches } from '../support/cards';
import { gql, startTestServer, testConfig, type TestServer } from '../support/harness';
import { ctgovRoutes, type ReplayServer, startReplayServer } from '../support/replay';
import { type OwnNeo4j, startOwnNeo4j } from '../support/own-neo4j';

const run = promisify(execFile);
const work = mkdtempSync(path.join(os.tmpdir(), 'discgraph-ingest-'));
const fixtures = path.join(projectRoot, 'test', 'fixtures', 'ingest');
const fixture = (file: string) => path.join(fixtures, file);
const AT = '2026-12-04T09:00:00.000Z';
const REFERENCE_TRIALS = ['NCT01290367', 'NCT01860417', 'NCT02412735', 'NCT03347708', 'NCT06325566', 'NCT07254806'];

let neo4j: OwnNeo4j;
let uri: string;
let database: Database;
let executor: Executor;
let replay: ReplayServer;
let config: ReturnType<typeof testConfig>;

const checksum = async () => snapshotChecksum(await readSnapshot(executor));
const ingest = (options: Omit<IngestOptions, 'retrievedAt'> & { retrievedAt?: string }) =>
  runIngest(executor, { retrievedAt: AT, ...options }, config);
const props = async (id: string) => {
  const [row] = await executor.read<{ p: Record<string, unknown> }>(
    'test.props',
    'MATCH (n:Entity {id: $id}) RETURN properties(n) AS p',
    { id },
  );
  return row?.p;
};

/** Every run of the four ingestions, as the README's refresh does it; `after` runs after each. */
async function ingestAll(after: (source: string) => Promise<void> = async () => undefined): Promise<IngestSummary[]> {
  const runs: Array<IngestOptions & { retrievedAt?: string }> = [
    { source: 'ctgov', files: [], query: 'intervertebral disc degeneration AND cell therapy' },
    { source: 'pubmed', files: [fixture('pubmed/efetch.xml')] },
    { source: 'europepmc', files: [fixture('europepmc/results.json')] },
    { source: 'ontology', files: [fixture('ontology/terms.obographs.json')] },
  ];
  const summaries: IngestSummary[] = [];
  for (const options of runs) {
    summaries.push(await ingest(options));
    await after(options.source);
  }
  return summaries;
}

const total = (summary: IngestSummary, key: 'added' | 'changed' | 'unchanged' | 'refused') =>
  Object.values(summary.kinds).reduce((n, c) => n + c[key], 0);

beforeAll(async () => {
  neo4j = await startOwnNeo4j(work);
  uri = neo4j.uri;
  database = neo4j.database;
  executor = database.executor();
  await migrate(executor);
  replay = await startReplayServer(
    ctgovRoutes(readFileSync(fixture('ctgov/page-1.json'), 'utf8'), readFileSync(fixture('ctgov/page-2.json'), 'utf8')),
  );
  config = testConfig({
    NEO4J_URI: uri,
    CTGOV_BASE_URL: replay.url,
    INGEST_MIN_INTERVAL_MS: '0',
    INGEST_RETRY_BASE_MS: '10',
  });
}, 300_000);

afterAll(async () => {
  await replay?.close();
  await neo4j?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('from an empty database: seed, then ingest', () => {
  let curatedClaims: Array<{
    id: string;
    type: string;
    start: string;
    end: string;
    level: unknown;
    sourceIds: unknown;
  }>;
  let first: IngestSummary[];
  /** What cardMismatches found after the seed load and after each ingestion. */
  const cardProblems: Record<string, string[]> = {};

  beforeAll(async () => {
    expect(await checksum()).toBe(snapshotChecksum({ nodes: [], relationships: [] }));
    await seedFrom(executor, 'seed');
    cardProblems.seed = await cardMismatches(executor);
    // A curated cell type whose ontology label the curators did not give as a synonym.
    await loadSeedWith(
      executor,
      validateSeed(
        [
          {
            file: 'test',
            data: {
              kind: 'CellType',
              records: [
                {
                  id: 'cell-type:whartons-jelly-msc',
                  name: "Wharton's jelly MSC",
                  curie: 'CL:0002568',
                  sources: ['source:cl'],
                },
              ],
            },
          },
        ],
        new Map([['source:cl', 'Source']]),
      ),
    );
    curatedClaims = (await readSnapshot(executor)).relationships.map((r) => ({
      id: r.id,
      type: r.type,
      start: r.source,
      end: r.target,
      level: r.properties.level,
      sourceIds: r.properties.sourceIds,
    }));
    first = await ingestAll(async (source) => {
      cardProblems[source] = await cardMismatches(executor);
    });
  }, 120_000);

  it('keeps every stored evidence card equal to the card computed from scratch, after the seed and each ingestion', () => {
    expect(cardProblems).toEqual({ seed: [], ctgov: [], pubmed: [], europepmc: [], ontology: [] });
  });

  it('pages through the registry (after a 429 and a 500) and enriches the six reference trials', async () => {
    expect(replay.requests.filter((r) => r.url.pathname === '/api/v2/studies')).toHaveLength(4);
    expect(first[0].records).toBe(6);
    expect(first[0].kinds.Trial).toEqual({ added: 0, changed: 6, unchanged: 0, refused: 0 });
    const registered = new Set(
      ['page-1', 'page-2'].flatMap((page) =>
        (
          JSON.parse(readFileSync(fixture(`ctgov/${page}.json`), 'utf8')) as {
            studies: Array<{ protocolSection: Record<string, any> }>;
          }
        ).studies
          .filter((s) => s.protocolSection.outcomesModule?.primaryOutcomes !== undefined)
          .map((s) => String(s.protocolSection.identificationModule.nctId)),
      ),
    );
    expect(registered.size).toBeGreaterThanOrEqual(3);
    for (const nct of REFERENCE_TRIALS) {
      const trial = (await props(`trial:${nct.toLowerCase()}`))!;
      if (registered.has(nct)) {
        expect(trial.registeredOutcomes).toEqual(expect.arrayContaining([expect.stringContaining('"PRIMARY"')]));
      }
      expect(trial.sourceIds).toContain(`source:ctgov-${nct.toLowerCase()}`);
      expect(trial.ingestedBy).toBe('ingest:ctgov');
      const source = (await props(`source:ctgov-${nct.toLowerCase()}`))!;
      expect(source).toMatchObject({
        kind: 'TRIAL_REGISTRY_RECORD',
        registryId: nct,
        recordVersion: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
    }
    expect(await props('trial:nct02412735')).toMatchObject({
      sponsor: 'Mesoblast',
      startDate: '2015-03',
      completionDate: '2021-06',
    });
    const [sponsor] = await executor.read<{ org: string }>(
      'test.sponsor',
      'MATCH (:Trial {id: "trial:nct02412735"})-[r:SPONSORED_BY]->(o:Organization) RETURN o.name AS org',
    );
    expect(sponsor.org).toBe('Mesoblast');
    const [claim] = await executor.read<{ p: Record<string, unknown> }>(
      'test.claim',
      'MATCH (:Trial {id: "trial:nct02412735"})-[r:STUDIES]->() WHERE r.id STARTS WITH "claim:ctgov-" RETURN properties(r) AS p',
    );
    expect(claim.p).toMatchObject({
      agentType: 'AUTOMATED_AGENT',
      knowledgeLevel: 'KNOWLEDGE_ASSERTION',
      sourceIds: ['source:ctgov-nct02412735'],
      retrievedAt: AT,
    });
  });

  it('loses no curated claim: each keeps its type, its ends, its level and its sources', async () => {
    const after = new Map((await readSnapshot(executor)).relationships.map((r) => [r.id, r]));
    for (const claim of curatedClaims) {
      const now = after.get(claim.id);
      expect([claim.id, now?.type, now?.source, now?.target, now?.properties.level, now?.properties.sourceIds]).toEqual(
        [claim.id, claim.type, claim.start, claim.end, claim.level, claim.sourceIds],
      );
    }
    expect(after.size).toBeGreaterThan(curatedClaims.length);
  });

  it('records every change in the audit log under the ingestion that made it', async () => {
    const entries = await auditLog(executor, 'trial:nct01290367', undefined, 50);
    const ingested = entries.filter((e) => e.actor === 'ingest:ctgov' && e.targetId === 'trial:nct01290367');
    expect(ingested[0]).toMatchObject({
      operation: 'INGEST',
      role: 'ingest',
      targetId: 'trial:nct01290367',
      version: 2,
    });
    expect(ingested[0].changes.map((c) => c.field)).toEqual(
      expect.arrayContaining(['registryInterventions', 'sourceIds', 'alternativeValues']),
    );
    expect(
      entries.some(
        (e) => e.actor === 'ingest:pubmed' && e.operation === 'INGEST' && e.targetType === 'DESCRIBES_TRIAL',
      ),
    ).toBe(true);
  });

  it('changes nothing when run a second time: the export is the same', async () => {
    const before = await checksum();
    const second = await ingestAll();
    for (const summary of second) {
      expect([summary.agent, total(summary, 'added'), total(summary, 'changed')]).toEqual([summary.agent, 0, 0]);
    }
    expect(await checksum()).toBe(before);
  }, 60_000);

  it('makes ontology synonyms searchable and the ontology hierarchy visible', async () => {
    const server: TestServer = await startTestServer({ NEO4J_URI: uri }, database);
    try {
      const { data } = await gql(
        server.url,
        `{ search(query: "mesenchymal stem cell of Wharton's jelly", first: 3) { edges { node { id } } } }`,
      );
      expect(data!.search.edges[0].node.id).toBe('cell-type:whartons-jelly-msc');
      const wharton = (await props('cell-type:whartons-jelly-msc'))!;
      expect(wharton.synonyms).toEqual(["mesenchymal stem cell of Wharton's jelly"]);
      expect(wharton.sourceIds).toEqual(['source:cl', 'source:obo-cl']);
      const parents = await gql(
        server.url,
        `{ cellType(id: "cell-type:bone-marrow-mesenchymal-stem-cell") {
             parents { edges { node { id } evidence { agentType sources { id } } } }
             provenance { agentType ingestedFields }
           } }`,
      );
      const edges = parents.data!.cellType.parents.edges as Array<{
        node: { id: string };
        evidence: { agentType: string; sources: Array<{ id: string }> };
      }>;
      expect(edges.flatMap((e) => [[e.node.id, e.evidence.agentType, e.evidence.sources[0].id]])).toContainEqual([
        'cell-type:mesenchymal-stem-cell',
        'AUTOMATED_AGENT',
        'source:obo-cl',
      ]);
      expect(parents.data!.cellType.provenance).toEqual({ agentType: 'MANUAL_AGENT', ingestedFields: [] });
    } finally {
      await server.close();
    }
  });
});

describe('a curated value the registry contradicts', () => {
  it('stays, beside the registry value, each with its source; the evidence card shows both', async () => {
    const summary = await ingest({
      source: 'ctgov',
      files: [fixture('ctgov/contradiction/page.json')],
      retrievedAt: '2026-12-04T10:00:00.000Z',
    });
    expect(summary.disagreements).toContainEqual({ id: 'trial:nct01290367', field: 'enrollment' });
    const trial = (await props('trial:nct01290367'))!;
    expect(trial.enrollment).toBe(100);
    const server = await startTestServer({ NEO4J_URI: uri }, database);
    try {
      const { data, errors } = await gql(
        server.url,
        `{ trial(id: "trial:nct01290367") { enrollment sources { id } provenance { alternativeValues { field value sourceId ingestedBy } } }
           evidenceSummary(conditionId: "condition:degenerative-disc-disease") {
             valueDisagreements { trial { id } field value sourceIds statedValue statedBy ingestedBy }
           } }`,
      );
      expect(errors).toBeUndefined();
      expect(data!.trial.enrollment).toBe(100);
      expect(data!.trial.provenance.alternativeValues).toContainEqual({
        field: 'enrollment',
        value: '104',
        sourceId: 'source:ctgov-nct01290367',
        ingestedBy: 'ingest:ctgov',
      });
      const shown = (data!.evidenceSummary.valueDisagreements as Array<Record<string, unknown>>).find(
        (d) => (d.trial as { id: string }).id === 'trial:nct01290367' && d.field === 'enrollment',
      );
      expect(shown).toEqual({
        trial: { id: 'trial:nct01290367' },
        field: 'enrollment',
        value: '100',
        sourceIds: ['source:amirdelfan-2021', 'source:article-stem-cell-therapy-lbp', 'source:nct01290367'],
        statedValue: '104',
        statedBy: 'source:ctgov-nct01290367',
        ingestedBy: 'ingest:ctgov',
      });
    } finally {
      await server.close();
    }
  });
});

describe('a record whose source changed', () => {
  it('updates the graph, and the audit log says which ingestion changed what', async () => {
    const before = (await props('trial:nct06325566'))!;
    const summary = await ingest({
      source: 'ctgov',
      files: [fixture('ctgov/changed/page.json')],
      retrievedAt: '2026-12-04T11:00:00.000Z',
    });
    expect(summary.kinds.Trial.changed).toBe(1);
    const after = (await props('trial:nct06325566'))!;
    expect(after.status).toBe('RECRUITING');
    expect(after.version).toBe(Number(before.version) + 1);
    expect((await props('source:ctgov-nct06325566'))!.recordVersion).toBe('2026-11-20');
    const [entry] = await auditLog(executor, 'trial:nct06325566', undefined, 1);
    expect(entry).toMatchObject({ actor: 'ingest:ctgov', operation: 'INGEST' });
    expect(entry.changes).toContainEqual(expect.objectContaining({ field: 'status', after: 'RECRUITING' }));
  });
});

describe('--dry-run', () => {
  it('counts what would change and writes nothing', async () => {
    const before = await checksum();
    const summary = await ingest({
      source: 'ctgov',
      files: [fixture('ctgov/studies.json')],
      dryRun: true,
      retrievedAt: '2026-12-04T12:00:00.000Z',
    });
    expect(summary.dryRun).toBe(true);
    // The two records the tests changed since would go back to the saved pages' versions.
    expect(summary.kinds.Trial).toEqual({ added: 0, changed: 2, unchanged: 4, refused: 0 });
    expect(await checksum()).toBe(before);
  });

  it('prints the counts per kind from the command line', async () => {
    const before = await checksum();
    const { stdout } = await run(
      'npx',
      ['tsx', 'src/cli/ingest.ts', 'ctgov', '--file', fixture('ctgov/studies.json'), '--dry-run'],
      { cwd: projectRoot, env: { ...process.env, NEO4J_URI: uri } },
    );
    expect(stdout).toMatch(/^ingest:ctgov: 6 records read; dry run \(nothing was written\): would be:$/m);
    expect(stdout).toMatch(/^ {2}Trial +0 +2 +4 +0$/m);
    expect(await checksum()).toBe(before);
  }, 60_000);
});

describe('invalid input', () => {
  it.each([
    ['ctgov', 'ctgov/invalid/no-nct-id.json', 'study #2', 'protocolSection.identificationModule.nctId'],
    ['ctgov', 'ctgov/invalid/bad-date.json', 'NCT02412735', 'protocolSection.statusModule.startDateStruct.date'],
    ['ctgov', 'ctgov/invalid/bad-enum.json', 'NCT02412735', 'protocolSection.statusModule.overallStatus'],
    ['ctgov', 'ctgov/invalid/broken.json', '(file)', '(json)'],
    ['pubmed', 'pubmed/broken.xml', '(file)', expect.stringMatching(/^line \d+, column \d+$/)],
    ['pubmed', 'pubmed/invalid-year.xml', 'PMID 99000001', 'Article.Journal.JournalIssue.PubDate.Year'],
    ['europepmc', 'europepmc/invalid.json', expect.any(String), 'pmid'],
    ['ontology', 'ontology/invalid.json', expect.any(String), 'pred'],
  ] as const)(
    '%s %s is refused with the file, record and field named, and nothing written',
    async (source, file, record, field) => {
      const before = await checksum();
      const error = await ingest({ source, files: [fixture(file)] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IngestRefused);
      expect((error as IngestRefused).problems).toContainEqual(
        expect.objectContaining({ file: path.relative(process.cwd(), fixture(file)), record, field }),
      );
      expect((error as Error).message).toMatch(/nothing written/);
      expect(await checksum()).toBe(before);
    },
  );

  it('with --skip-invalid, skips and lists the bad records and writes the good ones', async () => {
    const summary = await ingest({
      source: 'ctgov',
      files: [fixture('ctgov/invalid/no-nct-id.json')],
      skipInvalid: true,
    });
    expect(summary.skipped).toEqual([
      expect.objectContaining({ record: 'study #2', field: 'protocolSection.identificationModule.nctId' }),
    ]);
    expect(summary.kinds.Trial.refused).toBe(1);
    expect(summary.records).toBe(2);
  });

  it('never skips a file that cannot be read at all', async () => {
    const error = await ingest({
      source: 'ctgov',
      files: [fixture('ctgov/invalid/broken.json')],
      skipInvalid: true,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestRefused);
  });
});
