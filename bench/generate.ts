// A seeded, deterministic synthetic graph at benchmark scale, with the same model and evidence
// rules as the real seed: every record goes through the seed validator (the zod record schemas
// and the relationship catalogue) and the project's batched loader. Degrees are skewed the way
// the field is: a few conditions are studied by thousands of trials, most trials have 1–5
// outcomes, a few products and risks are everywhere.
//
// The graph is built in parts so memory stays bounded at scale L: first the "backbone" (every
// label but Trial and Outcome, and the claims among them), then trials in chunks, each chunk
// validated against the backbone's ids and loaded in its own transactions.
import type { Executor } from '../src/db/database';
import {
  EVIDENCE_LEVELS,
  type Label,
  OUTCOME_DIRECTIONS,
  OUTCOME_MEASURES,
  RISK_FREQUENCIES,
  RISK_SEVERITIES,
  STUDY_DESIGNS,
  TRIAL_PHASES,
  TRIAL_STATUSES,
} from '../src/graph/model';
import { loadSeedWith } from '../src/seed/load';
import { type SeedDocument, validateSeed } from '../src/seed/validate';

export const SCALES = { S: 0.1, M: 1, L: 10 } as const;
export type Scale = keyof typeof SCALES;

/** Node counts at scale M (×0.1 at S, ×10 at L). Outcomes follow from trials (about 3.5 each). */
const BASE = {
  Source: 10_000,
  Condition: 2_000,
  CellSource: 300,
  CellType: 1_500,
  Product: 2_500,
  Mechanism: 800,
  Risk: 800,
  RegulatoryStatus: 600,
  Trial: 18_000,
} as const;

const TRIALS_PER_CHUNK = 2_000;
export const GENERATOR_VERSION = 1;

/** mulberry32: small, fast and the same everywhere. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** A skewed index in [0, n): index 0 is the most popular (a power law with exponent `k`). */
  skewed(n: number, k = 3): number {
    return Math.min(n - 1, Math.floor(n * this.next() ** k));
  }
  /** `count` distinct skewed indexes in [0, n). */
  distinctSkewed(n: number, count: number, k = 3): number[] {
    const out = new Set<number>();
    const want = Math.min(count, n);
    while (out.size < want) {
      out.add(this.skewed(n, k));
    }
    return [...out];
  }
  /** A count whose distribution has a long tail: mostly near `typical`, sometimes up to `max`. */
  tail(min: number, typical: number, max: number): number {
    const u = this.next();
    return u < 0.9 ? this.int(min, typical) : this.int(typical, max);
  }
}

const WORDS = {
  tissue: [
    'bone marrow',
    'adipose',
    'umbilical cord',
    'placental',
    'synovial',
    'dental pulp',
    'nucleus pulposus',
    'peripheral blood',
  ],
  cell: [
    'mesenchymal stromal',
    'chondrocyte',
    'notochordal',
    'progenitor',
    'stem',
    'discogenic',
    'mononuclear',
    'pericyte',
  ],
  mechanism: [
    'anti-inflammatory',
    'extracellular matrix',
    'paracrine',
    'angiogenic',
    'immunomodulatory',
    'anti-apoptotic',
    'proteoglycan',
  ],
  condition: [
    'degenerative disc disease',
    'low back pain',
    'discogenic pain',
    'disc herniation',
    'spinal stenosis',
    'annular fissure',
    'radiculopathy',
    'facet arthropathy',
    'spondylolisthesis',
    'modic changes',
  ],
  risk: [
    'infection',
    'nerve injury',
    'disc space narrowing',
    'tumour formation',
    'allergic reaction',
    'transient pain flare',
    'osteophyte',
    'headache',
  ],
  qualifier: ['chronic', 'lumbar', 'multilevel', 'early', 'severe', 'refractory', 'single-level', 'recurrent'],
};

const pad = (n: number, width = 6) => String(n).padStart(width, '0');
const id = (prefix: string, n: number) => `${prefix}:b-${pad(n)}`;

interface Part {
  documents: SeedDocument[];
  entities: number;
  claims: number;
}

class PartBuilder {
  private readonly records = new Map<string, unknown[]>();
  entities = 0;
  claims = 0;
  constructor(private readonly name: string) {}
  add(kind: Label, record: Record<string, unknown>) {
    this.list(kind).push(record);
    this.entities++;
  }
  claim(record: Record<string, unknown>) {
    this.list('Claim').push(record);
    this.claims++;
  }
  private list(kind: string) {
    let list = this.records.get(kind);
    if (list === undefined) {
      list = [];
      this.records.set(kind, list);
    }
    return list;
  }
  build(): Part {
    return {
      documents: [...this.records].map(([kind, records]) => ({
        file: `bench/${this.name}/${kind}.yaml`,
        data: { kind, records },
      })),
      entities: this.entities,
      claims: this.claims,
    };
  }
}

export interface GeneratedCounts {
  sizes: Record<Label, number>;
}

/**
 * Levels any cited source may support: src/seed/validate.ts refuses SYSTEMATIC_REVIEW on an article
 * or a registry record, and claims here cite a random mix of source kinds.
 */
const PRIMARY_LEVELS = EVIDENCE_LEVELS.filter((level) => level !== 'SYSTEMATIC_REVIEW');

/** The generator for one scale and seed; parts() yields the backbone, then trial chunks. */
export class SyntheticGraph {
  readonly sizes: Record<Label, number>;
  private readonly random: Random;
  private claimCounter = 0;
  /** Each trial's evidence level, so the claims about it can be no stronger. */
  private readonly trialLevels = new Map<string, (typeof EVIDENCE_LEVELS)[number]>();

  private trialLevel(trial: string): (typeof EVIDENCE_LEVELS)[number] {
    const level = this.random.pick(PRIMARY_LEVELS);
    this.trialLevels.set(trial, level);
    return level;
  }

  constructor(
    readonly scale: Scale,
    readonly seed = 20261125,
  ) {
    const f = SCALES[scale];
    const n = (x: number) => Math.max(10, Math.round(x * f));
    this.sizes = {
      Source: n(BASE.Source),
      Condition: n(BASE.Condition),
      CellSource: n(BASE.CellSource),
      CellType: n(BASE.CellType),
      Product: n(BASE.Product),
      Mechanism: n(BASE.Mechanism),
      Risk: n(BASE.Risk),
      RegulatoryStatus: n(BASE.RegulatoryStatus),
      Trial: n(BASE.Trial),
      Outcome: 0, // known once generated
    };
    this.random = new Random(rng(seed));
  }

  static conditionId = (i: number) => id('condition', i);
  static cellSourceId = (i: number) => id('cell-source', i);

  private sources(): string[] {
    const r = this.random;
    return r.distinctSkewed(this.sizes.Source, r.int(1, 3), 2).map((i) => id('source', i));
  }

  private claim(builder: PartBuilder, type: string, subject: string, object: string) {
    const r = this.random;
    builder.claim({
      id: `claim:b-${(this.claimCounter++).toString(36)}`,
      type,
      subject,
      object,
      // A claim about a trial is no stronger than the trial (src/seed/validate.ts): the trial's own level.
      level: this.trialLevels.get(subject) ?? r.pick(PRIMARY_LEVELS),
      knowledgeLevel: r.pick(['KNOWLEDGE_ASSERTION', 'OBSERVATION', 'STATISTICAL_ASSOCIATION'] as const),
      agentType: r.next() < 0.8 ? 'MANUAL_AGENT' : 'TEXT_MINING_AGENT',
      sources: this.sources(),
    });
  }

  private link(builder: PartBuilder, type: string, subject: string, targets: Iterable<string>) {
    for (const object of targets) {
      this.claim(builder, type, subject, object);
    }
  }

  private pickIds(prefix: string, label: Label, count: number, k = 3): string[] {
    return this.random.distinctSkewed(this.sizes[label], count, k).map((i) => id(prefix, i));
  }

  backbone(): Part {
    const r = this.random;
    const s = this.sizes;
    const b = new PartBuilder('backbone');
    for (let i = 0; i < s.Source; i++) {
      b.add('Source', {
        id: id('source', i),
        name: `${r.pick(WORDS.cell)} cells in ${r.pick(WORDS.condition)}: report ${i}`,
        kind: r.pick(['PEER_REVIEWED_ARTICLE', 'SYSTEMATIC_REVIEW', 'TRIAL_REGISTRY_RECORD'] as const),
        year: r.int(1995, 2026),
        authors: `Author ${i} et al.`,
        journal: 'Bench J',
        publisher: 'Bench Publisher',
        doi: `10.5555/bench.${i}`,
        url: `https://example.org/bench/${i}`,
        recordVersion: '1',
      });
    }
    for (let i = 0; i < s.Condition; i++) {
      b.add('Condition', {
        id: id('condition', i),
        name: `${r.pick(WORDS.qualifier)} ${r.pick(WORDS.condition)} ${i}`,
        category: r.next() < 0.7 ? 'DISEASE' : 'PHENOTYPE',
        sources: this.sources(),
      });
    }
    for (let i = 0; i < s.CellSource; i++) {
      b.add('CellSource', {
        id: id('cell-source', i),
        name: `${r.pick(WORDS.tissue)} ${i}`,
        origins: r.next() < 0.5 ? ['AUTOLOGOUS'] : ['AUTOLOGOUS', 'ALLOGENEIC'],
        sources: this.sources(),
      });
    }
    for (let i = 0; i < s.CellType; i++) {
      b.add('CellType', { id: id('cell-type', i), name: `${r.pick(WORDS.cell)} cell ${i}`, sources: this.sources() });
    }
    for (let i = 0; i < s.Product; i++) {
      b.add('Product', {
        id: id('product', i),
        name: `${r.pick(WORDS.tissue)} ${r.pick(WORDS.cell)} product ${i}`,
        kind: r.next() < 0.3 ? 'PREPARATION' : 'INVESTIGATIONAL_PRODUCT',
        origin: r.pick(['AUTOLOGOUS', 'ALLOGENEIC'] as const),
        sources: this.sources(),
      });
    }
    for (let i = 0; i < s.Mechanism; i++) {
      b.add('Mechanism', {
        id: id('mechanism', i),
        name: `${r.pick(WORDS.mechanism)} effect ${i}`,
        sources: this.sources(),
      });
    }
    for (let i = 0; i < s.Risk; i++) {
      b.add('Risk', {
        id: id('risk', i),
        name: `${r.pick(WORDS.risk)} ${i}`,
        severity: r.pick(RISK_SEVERITIES),
        frequency: r.pick(RISK_FREQUENCIES),
        sources: this.sources(),
      });
    }
    for (let i = 0; i < s.RegulatoryStatus; i++) {
      b.add('RegulatoryStatus', {
        id: id('regulatory-status', i),
        name: `regulatory status ${i}`,
        jurisdiction: r.pick(['US', 'EU', 'JP', 'KR', 'AU']),
        authority: r.pick(['FDA', 'EMA', 'PMDA', 'MFDS', 'TGA']),
        status: r.pick(['APPROVED', 'NOT_APPROVED', 'INVESTIGATIONAL', 'DESIGNATION_GRANTED'] as const),
        scope: 'synthetic scope for the benchmark',
        sources: this.sources(),
      });
    }
    // Claims among the backbone. Hierarchies are trees (a parent has a smaller index: no cycles).
    for (let i = 0; i < s.CellType; i++) {
      const cellType = id('cell-type', i);
      this.link(b, 'DERIVES_FROM', cellType, this.pickIds('cell-source', 'CellSource', r.int(1, 2), 2));
      if (i > 0) {
        this.claim(b, 'SUBCLASS_OF', cellType, id('cell-type', r.skewed(i, 2)));
      }
      this.link(b, 'CAPABLE_OF', cellType, this.pickIds('mechanism', 'Mechanism', r.tail(2, 8, 40), 2));
      this.link(b, 'HAS_ADVERSE_EVENT', cellType, this.pickIds('risk', 'Risk', r.int(1, 10)));
      this.link(
        b,
        'HAS_REGULATORY_STATUS',
        cellType,
        this.pickIds('regulatory-status', 'RegulatoryStatus', r.int(0, 2)),
      );
    }
    for (let i = 0; i < s.Product; i++) {
      const product = id('product', i);
      this.link(b, 'PREPARED_FROM', product, this.pickIds('cell-source', 'CellSource', r.int(1, 2), 2));
      this.link(b, 'CONTAINS_CELL_TYPE', product, this.pickIds('cell-type', 'CellType', r.int(1, 4), 2));
      this.link(b, 'HAS_ADVERSE_EVENT', product, this.pickIds('risk', 'Risk', r.tail(2, 15, 60)));
      this.link(
        b,
        'HAS_REGULATORY_STATUS',
        product,
        this.pickIds('regulatory-status', 'RegulatoryStatus', r.int(0, 3)),
      );
    }
    for (let i = 0; i < s.Mechanism; i++) {
      this.link(b, 'AFFECTS', id('mechanism', i), this.pickIds('condition', 'Condition', r.tail(5, 25, 150)));
    }
    for (let i = 0; i < s.Condition; i++) {
      const condition = id('condition', i);
      if (i >= 10) {
        this.claim(b, 'SUBCLASS_OF', condition, id('condition', r.skewed(i, 2)));
      }
      const contributes = r.distinctSkewed(s.Condition, r.int(0, 4)).filter((j) => j !== i);
      this.link(
        b,
        'CONTRIBUTES_TO',
        condition,
        contributes.map((j) => id('condition', j)),
      );
    }
    for (let i = 0; i < s.RegulatoryStatus; i++) {
      this.link(
        b,
        'APPLIES_TO_CONDITION',
        id('regulatory-status', i),
        this.pickIds('condition', 'Condition', r.int(1, 10)),
      );
    }
    return b.build();
  }

  /** Trials [from, to) with their outcomes and claims. */
  trials(from: number, to: number): Part {
    const r = this.random;
    const b = new PartBuilder(`trials-${from}`);
    for (let t = from; t < to; t++) {
      const trial = id('trial', t);
      b.add('Trial', {
        id: trial,
        name: `${r.pick(WORDS.tissue)} ${r.pick(WORDS.cell)} cells for ${r.pick(WORDS.qualifier)} ${r.pick(WORDS.condition)}, study ${t}`,
        registryId: `NCT${String(10_000_000 + t).padStart(8, '0')}`,
        phase: r.pick(TRIAL_PHASES),
        design: r.pick(STUDY_DESIGNS),
        evidenceLevel: this.trialLevel(trial),
        status: r.pick(TRIAL_STATUSES),
        enrollment: r.tail(10, 120, 2_000),
        startYear: r.int(2000, 2026),
        sponsor: `sponsor ${r.skewed(500)}`,
        sources: this.sources(),
      });
      this.link(b, 'STUDIES', trial, this.pickIds('condition', 'Condition', r.tail(1, 3, 8)));
      this.link(b, 'TESTS', trial, this.pickIds('product', 'Product', r.int(1, 3)));
      this.link(b, 'REPORTED_ADVERSE_EVENT', trial, this.pickIds('risk', 'Risk', r.tail(0, 30, 100)));
      const outcomes = r.tail(1, 4, 20);
      for (let o = 0; o < outcomes; o++) {
        const outcome = `outcome:b-${pad(t)}-${o}`;
        const measure = r.pick(OUTCOME_MEASURES);
        b.add('Outcome', {
          id: outcome,
          name: `${measure.toLowerCase().replace(/_/g, ' ')} at ${r.pick([3, 6, 12, 24, 36])} months, study ${t}`,
          measure,
          direction: r.pick(OUTCOME_DIRECTIONS),
          value: Math.round(r.next() * 1000) / 10,
          unit: r.pick(['points', '%', 'mm']),
          estimateKind: 'MEAN_CHANGE',
          baselineValue: Math.round(r.next() * 1000) / 10,
          scale: 'VAS',
          timepointMonths: r.pick([3, 6, 12, 24, 36]),
          sampleSize: r.int(5, 500),
          notReported: ['INTERVAL', 'P_VALUE', 'COMPARATOR'],
          sources: this.sources(),
        });
        this.claim(b, 'HAS_OUTCOME', trial, outcome);
        this.link(b, 'SUPPORTS', outcome, this.pickIds('mechanism', 'Mechanism', r.int(1, 8), 2));
        if (measure === 'SAFETY' || r.next() < 0.3) {
          this.link(b, 'ASSESSES', outcome, this.pickIds('risk', 'Risk', r.int(2, 15)));
        }
      }
    }
    return b.build();
  }

  /** The backbone, then chunks of trials. */
  *parts(): Generator<Part> {
    yield this.backbone();
    for (let from = 0; from < this.sizes.Trial; from += TRIALS_PER_CHUNK) {
      yield this.trials(from, Math.min(this.sizes.Trial, from + TRIALS_PER_CHUNK));
    }
  }
}

export interface LoadReport {
  scale: Scale;
  seed: number;
  entities: number;
  claims: number;
  /** Time in the project's loader (validation and generation excluded). */
  loadSeconds: number;
  totalSeconds: number;
  relationshipsPerSecond: number;
  entitiesPerSecond: number;
}

/** Generates, validates and loads the graph through the project's batched loader. */
export async function loadSynthetic(
  executor: Executor,
  scale: Scale,
  options: { seed?: number; say?: (line: string) => void } = {},
): Promise<LoadReport> {
  const say = options.say ?? (() => undefined);
  const graph = new SyntheticGraph(scale, options.seed);
  const known = new Map<string, Label>();
  const started = performance.now();
  let loadMs = 0;
  let entities = 0;
  let claims = 0;
  for (const part of graph.parts()) {
    const validated = validateSeed(part.documents, known);
    const t0 = performance.now();
    const result = await loadSeedWith(executor, validated, {
      singleTransaction: false,
      buildCards: false,
      batchSize: 10_000,
      agent: 'bench',
      timeoutMs: 600_000,
    });
    loadMs += performance.now() - t0;
    entities += result.entities;
    claims += result.claims;
    if (known.size === 0) {
      // Only the backbone is referenced across parts; trials and outcomes stay within their chunk.
      for (const e of validated.entities) {
        known.set(e.record.id, e.label);
      }
    }
    say(`  loaded ${entities.toLocaleString('en')} entities and ${claims.toLocaleString('en')} claims`);
  }
  const totalSeconds = (performance.now() - started) / 1000;
  const loadSeconds = loadMs / 1000;
  return {
    scale,
    seed: graph.seed,
    entities,
    claims,
    loadSeconds,
    totalSeconds,
    relationshipsPerSecond: claims / loadSeconds,
    entitiesPerSecond: entities / loadSeconds,
  };
}
