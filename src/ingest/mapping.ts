// The reviewed mapping table (seed/mappings/registry.yaml): which graph entity a registry's
// condition or intervention is, by MeSH id, CURIE or normalised name, and how a registered result's
// measure reads. Only what the table says is linked; everything else is reported as unmapped.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { entityRef } from '../seed/schema';
import { ESTIMATE_KINDS, OUTCOME_MEASURES } from '../graph/model';
import { projectRoot } from '../paths';
import { normalisedName, type IngestProblem, IngestRefused, type Unmapped } from './model';

export const MAPPING_FILE = 'seed/mappings/registry.yaml';

const KEY = z
  .string()
  .regex(/^(mesh:D\d+|curie:[A-Za-z][A-Za-z0-9_.]*:[A-Za-z0-9_.-]+|name:[a-z0-9 ]+|outcome:[a-z0-9 ]+)$/, {
    message: 'must be mesh:D055959, curie:CL:0000134, name:<lower-case words> or outcome:<lower-case words>',
  });

const OUTCOME_READING = z.strictObject({
  measure: z.enum(OUTCOME_MEASURES),
  estimateKind: z.enum(ESTIMATE_KINDS),
  instrument: z.string().min(1).max(100).optional(),
  scale: z.string().min(1).max(200).optional(),
  timepointMonths: z.number().min(0).optional(),
});

const ENTRY = z
  .strictObject({
    key: KEY,
    entity: entityRef.optional(),
    ignore: z.string().min(1).max(300).optional(),
    outcome: OUTCOME_READING.optional(),
    reviewed: z.iso.date({ error: 'must be the date of the review, such as 2026-12-04' }),
    note: z.string().max(1000).optional(),
  })
  .refine((e) => [e.entity, e.ignore, e.outcome].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of entity (what it is), ignore (why it is not in the graph) or outcome (how it reads)',
  });

const FILE = z.strictObject({ kind: z.literal('Mapping'), mappings: z.array(z.unknown()) });

export type OutcomeReading = z.infer<typeof OUTCOME_READING>;
type Entry = z.infer<typeof ENTRY>;

export type Resolution =
  | { kind: 'entity'; entity: string; key: string }
  | { kind: 'ignored'; reason: string; key: string }
  | { kind: 'unmapped'; keys: string[] };

export class MappingTable {
  private constructor(private readonly entries: ReadonlyMap<string, Entry>) {}

  static read(file = path.join(projectRoot, MAPPING_FILE)): MappingTable {
    const shown = path.relative(projectRoot, file) || file;
    const doc = parseDocument(readFileSync(file, 'utf8'), { uniqueKeys: true });
    if (doc.errors.length > 0) {
      throw new IngestRefused([
        { file: shown, record: '(file)', field: '(yaml)', message: doc.errors[0].message.split('\n')[0] },
      ]);
    }
    const parsed = FILE.safeParse(doc.toJS());
    if (!parsed.success) {
      throw new IngestRefused(
        parsed.error.issues.map((i) => ({
          file: shown,
          record: '(file)',
          field: i.path.join('.') || '(file)',
          message: i.message,
        })),
      );
    }
    const problems: IngestProblem[] = [];
    const entries = new Map<string, Entry>();
    parsed.data.mappings.forEach((raw, index) => {
      const key = (raw as { key?: unknown } | null)?.key;
      const record = typeof key === 'string' ? key : `#${index}`;
      const entry = ENTRY.safeParse(raw);
      if (!entry.success) {
        problems.push(
          ...entry.error.issues.map((i) => ({
            file: shown,
            record,
            field: i.path.join('.') || '(entry)',
            message: i.message,
          })),
        );
      } else if (entries.has(entry.data.key)) {
        problems.push({ file: shown, record, field: 'key', message: 'appears twice; keep one entry per key' });
      } else {
        entries.set(entry.data.key, entry.data);
      }
    });
    if (problems.length > 0) {
      throw new IngestRefused(problems);
    }
    return new MappingTable(entries);
  }

  /** Every entity id the table maps to (a test checks that each is in the seed). */
  entityIds(): string[] {
    return [...this.entries.values()].flatMap((e) => (e.entity === undefined ? [] : [e.entity]));
  }

  /** The first key of `keys` the table has. */
  resolve(keys: readonly string[]): Resolution {
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry?.entity !== undefined) {
        return { kind: 'entity', entity: entry.entity, key };
      }
      if (entry?.ignore !== undefined) {
        return { kind: 'ignored', reason: entry.ignore, key };
      }
    }
    return { kind: 'unmapped', keys: [...keys] };
  }

  outcome(title: string): OutcomeReading | null {
    return this.entries.get(`outcome:${normalisedName(title)}`)?.outcome ?? null;
  }
}

export const nameKey = (name: string) => `name:${normalisedName(name)}`;

/** A resolution that reports what it could not map. */
export function mapOrReport(
  table: MappingTable,
  keys: string[],
  report: { record: string; field: string; value: string },
  unmapped: Unmapped[],
): string | null {
  const found = table.resolve(keys);
  if (found.kind === 'entity') {
    return found.entity;
  }
  if (found.kind === 'unmapped') {
    unmapped.push({ ...report, keys: found.keys });
  }
  return null;
}
