// The `seed` format: exactly the files in seed/, one YAML file per kind (`kind:` and `records:`),
// records in id order, keys in schema order, written the way `yaml` stringifies the whole
// document with lineWidth 0. Records are stringified one at a time and indented under
// `records:`, which gives the same bytes as stringifying the whole document (a test holds this
// and another holds that exporting the unmodified seed graph reproduces seed/ byte for byte), so
// curated changes review as clean diffs.
import { stringify } from 'yaml';
import { type Label } from '../graph/model';
import { LABELS } from '../graph/registry';
import type { SeedKind } from '../seed/schema';
import type { GraphSource } from './export.repository';
import { claimRecordOf, entityRecordOf, type Properties } from './records';

/** The file each kind is written to (the names in seed/). */
export const SEED_FILES: Record<SeedKind, string> = {
  CellSource: 'cell-sources.yaml',
  CellType: 'cell-types.yaml',
  Product: 'products.yaml',
  Mechanism: 'mechanisms.yaml',
  Condition: 'conditions.yaml',
  Trial: 'trials.yaml',
  Outcome: 'outcomes.yaml',
  Risk: 'risks.yaml',
  RegulatoryStatus: 'regulatory-statuses.yaml',
  Organization: 'organizations.yaml',
  Source: 'sources.yaml',
  Claim: 'claims.yaml',
};

export const YAML_OPTIONS = { lineWidth: 0 } as const;

/** One record as it appears under `records:` (a `- ` item indented by two spaces). */
export function yamlRecord(record: Properties): string {
  return stringify([record], YAML_OPTIONS)
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
}

/** The text of one seed file, chunk by chunk. */
export async function* seedFileChunks(kind: SeedKind, records: AsyncIterable<Properties>): AsyncGenerator<string> {
  let empty = true;
  for await (const record of records) {
    if (empty) {
      yield `kind: ${kind}\nrecords:\n`;
      empty = false;
    }
    yield yamlRecord(record);
  }
  if (empty) {
    yield `kind: ${kind}\nrecords: []\n`;
  }
}

async function* entityRecords(source: GraphSource, label: Label): AsyncGenerator<Properties> {
  for await (const node of source.nodes(label)) {
    yield entityRecordOf(node);
  }
}

async function* claimRecords(source: GraphSource): AsyncGenerator<Properties> {
  for await (const claim of source.claims()) {
    yield claimRecordOf(claim);
  }
}

/** Every seed file of the graph: its name and its text as chunks. */
export function seedFiles(source: GraphSource): Array<{ file: string; chunks: () => AsyncIterable<string> }> {
  return [
    ...LABELS.map((label) => ({
      file: SEED_FILES[label],
      chunks: () => seedFileChunks(label, entityRecords(source, label)),
    })),
    { file: SEED_FILES.Claim, chunks: () => seedFileChunks('Claim', claimRecords(source)) },
  ];
}
