// A deterministic synthetic graph for tests that need volume (round-trip counting over many
// parents). It goes through the real validator and loader; every id carries a run prefix so the
// test can remove exactly what it wrote.
import type { Executor } from '../../src/db/database';
import type { Label, RelationshipType } from '../../src/graph/model';
import { loadSeedWith } from '../../src/seed/load';
import { type SeedDocument, validateSeed } from '../../src/seed/validate';
import { resyncCards } from './harness';

export interface SyntheticGraph {
  prefix: string;
  trialIds: string[];
}

/** A small linear congruential generator: the same seed gives the same graph. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function syntheticDocuments(
  prefix: string,
  trials: number,
  seed = 42,
): { documents: SeedDocument[]; trialIds: string[] } {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const source = `source:${prefix}-source`;
  const condition = `condition:${prefix}-condition`;
  const product = `product:${prefix}-product`;
  const risks = Array.from({ length: 5 }, (_, i) => `risk:${prefix}-risk-${i}`);
  const entities: Record<string, unknown[]> = {
    Source: [
      {
        id: source,
        name: `${prefix} synthetic source`,
        kind: 'PEER_REVIEWED_ARTICLE',
        year: 2024,
        authors: 'Test et al.',
        journal: 'Test J',
        doi: '10.5555/discgraph-test',
      },
    ],
    Condition: [{ id: condition, name: `${prefix} condition`, sources: [source], category: 'DISEASE' }],
    Product: [{ id: product, name: `${prefix} product`, sources: [source], kind: 'INVESTIGATIONAL_PRODUCT' }],
    Risk: risks.map((id, i) => ({
      id,
      name: `${prefix} risk ${i}`,
      sources: [source],
      severity: 'MILD',
      frequency: 'RARE',
    })),
    Trial: [],
    Outcome: [],
    Claim: [],
  };
  const claim = (id: string, type: string, subject: string, object: string) => ({
    id: `claim:${id}`,
    type,
    subject,
    object,
    level: 'RANDOMISED_CONTROLLED_TRIAL',
    knowledgeLevel: 'OBSERVATION',
    sources: [source],
  });
  const trialIds: string[] = [];
  for (let t = 0; t < trials; t++) {
    const trial = `trial:${prefix}-${String(t).padStart(5, '0')}`;
    trialIds.push(trial);
    entities.Trial.push({
      id: trial,
      name: `${prefix} trial ${t}`,
      sources: [source],
      phase: pick(['PHASE_1', 'PHASE_2', 'PHASE_3']),
      design: 'RANDOMISED_CONTROLLED_TRIAL',
      evidenceLevel: 'RANDOMISED_CONTROLLED_TRIAL',
      status: pick(['COMPLETED', 'RECRUITING']),
      enrollment: 10 + Math.floor(next() * 400),
    });
    entities.Claim.push(claim(`${prefix}-${t}-studies`, 'STUDIES', trial, condition));
    entities.Claim.push(claim(`${prefix}-${t}-tests`, 'TESTS', trial, product));
    const outcomes = 1 + Math.floor(next() * 5);
    for (let o = 0; o < outcomes; o++) {
      const outcome = `outcome:${prefix}-${t}-${o}`;
      entities.Outcome.push({
        id: outcome,
        name: `${prefix} outcome ${t}.${o}`,
        sources: [source],
        measure: pick(['PAIN', 'FUNCTION', 'SAFETY']),
        direction: 'IMPROVED',
        timepointMonths: pick([6, 12, 24]),
        scale: 'VAS',
        notReported: ['ESTIMATE', 'INTERVAL', 'P_VALUE', 'SAMPLE_SIZE', 'COMPARATOR'],
      });
      entities.Claim.push(claim(`${prefix}-${t}-${o}-outcome`, 'HAS_OUTCOME', trial, outcome));
      entities.Claim.push(claim(`${prefix}-${t}-${o}-assesses`, 'ASSESSES', outcome, pick(risks)));
    }
  }
  const documents = Object.entries(entities).map(([kind, records]) => ({
    file: `synthetic/${kind}.yaml`,
    data: { kind, records },
  }));
  return { documents, trialIds };
}

export async function loadSynthetic(db: Executor, prefix: string, trials: number): Promise<SyntheticGraph> {
  const { documents, trialIds } = syntheticDocuments(prefix, trials);
  await loadSeedWith(db, validateSeed(documents), { agent: 'test' });
  return { prefix, trialIds };
}

// name: removeSynthetic — only ids of this run: `<label-prefix>:<run prefix>-...`, claims between
// entities of other runs (or of the seed) included.
export async function removeSynthetic(db: Executor, prefix: string): Promise<void> {
  const marker = `:${prefix}-`;
  await db.write('test.removeSyntheticClaims', `MATCH ()-[r]->() WHERE r.id CONTAINS $marker DELETE r`, { marker });
  await db.write('test.removeSynthetic', `MATCH (n:Entity) WHERE n.id CONTAINS $marker DETACH DELETE n`, { marker });
  await resyncCards(db);
}

export interface ParallelClaim {
  type: RelationshipType;
  subject: { id: string; label: Label };
  object: { id: string; label: Label };
}

/** A synthetic registry record Source with its own NCT id, for claims an ingestion would make. */
function registryRecord(prefix: string, id: string, registryId: string): Record<string, unknown> {
  return {
    id,
    name: `${prefix} registry record`,
    kind: 'TRIAL_REGISTRY_RECORD',
    publisher: 'Synthetic registry',
    registryId,
    url: `https://example.org/${registryId}`,
    recordVersion: '2026-01-01',
  };
}

/**
 * What a registry ingestion leaves beside the curated seed: for each given claim, another claim of
 * the same type between the same two entities, made by an automated agent from a registry record
 * of this run. Returns the new claims' ids, in the order given.
 */
export async function loadSyntheticParallelClaims(
  db: Executor,
  prefix: string,
  claims: readonly ParallelClaim[],
): Promise<string[]> {
  const source = `source:${prefix}-parallel-registry`;
  const ids = claims.map((_, i) => `claim:${prefix}-parallel-${i}`);
  const existing = new Map(claims.flatMap((c) => [c.subject, c.object]).map((entity) => [entity.id, entity.label]));
  const documents: SeedDocument[] = [
    {
      file: 'synthetic/Source.yaml',
      data: {
        kind: 'Source',
        records: [registryRecord(prefix, source, 'NCT99999998')],
      },
    },
    {
      file: 'synthetic/claims.yaml',
      data: {
        kind: 'Claim',
        records: claims.map((c, i) => ({
          id: ids[i],
          type: c.type,
          subject: c.subject.id,
          object: c.object.id,
          level: 'CURATED_DATABASE',
          knowledgeLevel: 'KNOWLEDGE_ASSERTION',
          agentType: 'AUTOMATED_AGENT',
          retrievedAt: '2026-01-02T03:04:05Z',
          sources: [source],
        })),
      },
    },
  ];
  await loadSeedWith(db, validateSeed(documents, existing), { agent: 'test' });
  return ids;
}

/**
 * Sponsors, collaborators and a publication naming a trial: relationships the curated seed has no
 * sourced facts for (the reference names no sponsor or collaborator), which ingestion adds. Suites
 * that cover every relationship load these beside the seed and remove them after.
 */
export async function loadSyntheticRegistryFacts(db: Executor, prefix: string): Promise<void> {
  const source = `source:${prefix}-registry`;
  const article = `source:${prefix}-article`;
  const trial = `trial:${prefix}-trial`;
  const claim = (name: string, type: string, subject: string, object: string, sources = [source]) => ({
    id: `claim:${prefix}-${name}`,
    type,
    subject,
    object,
    level: 'CURATED_DATABASE',
    knowledgeLevel: 'KNOWLEDGE_ASSERTION',
    agentType: 'AUTOMATED_AGENT',
    sources,
  });
  const documents: SeedDocument[] = [
    {
      file: 'synthetic/Source.yaml',
      data: {
        kind: 'Source',
        records: [
          registryRecord(prefix, source, 'NCT99999999'),
          {
            id: article,
            name: `${prefix} trial report`,
            kind: 'PEER_REVIEWED_ARTICLE',
            articleType: 'TRIAL_REPORT',
            year: 2026,
            authors: 'Test A',
            journal: 'Synthetic J',
            doi: '10.9999/synthetic',
          },
        ],
      },
    },
    {
      file: 'synthetic/Trial.yaml',
      data: {
        kind: 'Trial',
        records: [
          {
            id: trial,
            name: `${prefix} trial`,
            evidenceLevel: 'RANDOMISED_CONTROLLED_TRIAL',
            status: 'COMPLETED',
            sources: [source],
          },
        ],
      },
    },
    {
      file: 'synthetic/Organization.yaml',
      data: {
        kind: 'Organization',
        records: [
          {
            id: `organization:${prefix}-sponsor`,
            name: `${prefix} sponsor`,
            organizationClass: 'INDUSTRY',
            sources: [source],
          },
          {
            id: `organization:${prefix}-university`,
            name: `${prefix} university`,
            organizationClass: 'OTHER',
            sources: [source],
          },
        ],
      },
    },
    {
      file: 'synthetic/claims.yaml',
      data: {
        kind: 'Claim',
        records: [
          claim('sponsored-by', 'SPONSORED_BY', trial, `organization:${prefix}-sponsor`),
          claim('collaborator', 'HAS_COLLABORATOR', trial, `organization:${prefix}-university`),
          claim('describes', 'DESCRIBES_TRIAL', article, trial, [article]),
        ],
      },
    },
  ];
  await loadSeedWith(db, validateSeed(documents), { agent: 'test' });
}
