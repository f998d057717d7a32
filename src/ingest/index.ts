// One ingestion run: read the input (saved files, or the live API through HttpClient), refuse it
// whole when a record is invalid (unless skipInvalid), and merge it into the graph in one
// transaction (apply.ts), or roll back for a dry run. `npm run ingest` (src/cli/ingest.ts) prints
// the summary; the tests call runIngest directly.
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config';
import type { Executor } from '../db/database';
import { ENTITY_LABEL } from '../graph/model';
import { labelOf } from '../graph/entity/entity.repository';
import { projectRoot } from '../paths';
import { applyBatch, type IngestSummary } from './apply';
import { ctgovBatch, fetchPages, pagesOf } from './ctgov';
import { europepmcBatch, fetchEuropepmc } from './europepmc';
import { HttpClient } from './http';
import { MappingTable } from './mapping';
import { type IngestBatch, type Ingestion, type IngestProblem, IngestRefused } from './model';
import { ontologyBatch, type TermInGraph } from './obographs';
import { fetchPubmed, pubmedBatch } from './pubmed';

export { INGESTIONS, IngestRefused, type Ingestion } from './model';
export type { IngestSummary } from './apply';

export interface IngestOptions {
  source: Ingestion;
  /** Saved responses to read; or */
  files: string[];
  /** a query to run against the live API (ctgov, pubmed, europepmc). */
  query?: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
  /** When the records were retrieved; by default now for a query, the file's time for a file. */
  retrievedAt?: string;
  /** The mapping table; the seed's by default. */
  mappingFile?: string;
  /** Progress lines for long runs. */
  progress?: (line: string) => void;
}

const shown = (file: string) => {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
};

function readJson(file: string): { data?: unknown; problem?: IngestProblem } {
  const text = readFileSync(file, 'utf8');
  try {
    return { data: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      problem: {
        file: shown(file),
        record: '(file)',
        field: '(json)',
        message: `not valid JSON: ${(error as Error).message}`,
      },
    };
  }
}

// name: ingestTermsInGraph — entities that carry a CURIE, for the ontology ingestion
const TERMS_IN_GRAPH = `
MATCH (n:${ENTITY_LABEL})
WHERE n.curie IS NOT NULL OR n.xrefs IS NOT NULL
RETURN n.id AS id, ${labelOf('n')} AS label, n.curie AS curie, coalesce(n.xrefs, []) AS xrefs`;

function merged(batches: IngestBatch[], agent: IngestBatch['agent'], retrievedAt: string): IngestBatch {
  return {
    agent,
    retrievedAt,
    records: batches.reduce((n, b) => n + b.records, 0),
    entities: batches.flatMap((b) => b.entities),
    claims: batches.flatMap((b) => b.claims),
    unmapped: batches.flatMap((b) => b.unmapped),
    skipped: [],
  };
}

/** Reads the input into one batch, with the problems of its invalid records. */
async function read(executor: Executor, options: IngestOptions, config: AppConfig) {
  const files = options.files.map((f) => path.resolve(process.cwd(), f));
  const fileTime =
    files.length > 0 ? new Date(Math.max(...files.map((f) => statSync(f).mtimeMs))).toISOString() : undefined;
  const retrievedAt = options.retrievedAt ?? fileTime ?? new Date().toISOString();
  const say = options.progress ?? (() => undefined);
  const http = new HttpClient({
    minIntervalMs: config.ingest.minIntervalMs,
    maxRetries: config.ingest.maxRetries,
    baseDelayMs: config.ingest.retryBaseMs,
    maxDelayMs: 60_000,
    timeoutMs: 30_000,
    onRetry: say,
  });
  const problems: IngestProblem[] = [];
  const batches: IngestBatch[] = [];
  const label = options.query === undefined ? files.map(shown).join(', ') : `query "${options.query}"`;
  switch (options.source) {
    case 'ctgov': {
      const table = MappingTable.read(options.mappingFile);
      const pages: Array<{ studies: unknown[] }> = [];
      if (options.query !== undefined) {
        const fetched = await fetchPages(http, config.ingest.ctgovBaseUrl, options.query, (page, studies) =>
          say(`ctgov: page ${page}, ${studies} studies`),
        );
        pages.push(...(fetched as Array<{ studies: unknown[] }>));
      }
      for (const file of files) {
        const { data, problem } = readJson(file);
        if (problem !== undefined) {
          problems.push(problem);
          continue;
        }
        const read = pagesOf(data, shown(file));
        problems.push(...read.problems);
        const result = ctgovBatch(read.pages, shown(file), table, retrievedAt);
        problems.push(...result.problems);
        batches.push(result.batch);
      }
      if (options.query !== undefined) {
        const result = ctgovBatch(pages, label, table, retrievedAt);
        problems.push(...result.problems);
        batches.push(result.batch);
      }
      return { batch: merged(batches, 'ingest:ctgov', retrievedAt), problems, label };
    }
    case 'pubmed': {
      const texts = files.map((file) => ({ file: shown(file), text: readFileSync(file, 'utf8') }));
      if (options.query !== undefined) {
        const fetched = await fetchPubmed(http, config.ingest.eutilsBaseUrl, options.query, (done, total) =>
          say(`pubmed: ${done} of ${total} articles fetched`),
        );
        texts.push(...fetched.map((text, i) => ({ file: `${label} (efetch ${i + 1})`, text })));
      }
      for (const { file, text } of texts) {
        const result = pubmedBatch(text, file, retrievedAt);
        problems.push(...result.problems);
        batches.push(result.batch);
      }
      return { batch: merged(batches, 'ingest:pubmed', retrievedAt), problems, label };
    }
    case 'europepmc': {
      const inputs: Array<{ file: string; data: unknown }> = [];
      for (const file of files) {
        const { data, problem } = readJson(file);
        if (problem !== undefined) {
          problems.push(problem);
        } else {
          inputs.push({ file: shown(file), data });
        }
      }
      if (options.query !== undefined) {
        const pages = await fetchEuropepmc(http, config.ingest.europepmcBaseUrl, options.query, (page, results) =>
          say(`europepmc: page ${page}, ${results} results`),
        );
        inputs.push({ file: label, data: pages });
      }
      for (const { file, data } of inputs) {
        const result = europepmcBatch(data, file, retrievedAt);
        problems.push(...result.problems);
        batches.push(result.batch);
      }
      return { batch: merged(batches, 'ingest:europepmc', retrievedAt), problems, label };
    }
    case 'ontology': {
      if (options.query !== undefined) {
        throw new IngestRefused([
          {
            file: '(arguments)',
            record: '--query',
            field: 'ontology',
            message: 'ontologies are read from files: pass --file <obographs.json>',
          },
        ]);
      }
      const used = await executor.read<TermInGraph & Record<string, unknown>>('ingestTermsInGraph', TERMS_IN_GRAPH);
      for (const file of files) {
        const { data, problem } = readJson(file);
        if (problem !== undefined) {
          problems.push(problem);
          continue;
        }
        const result = ontologyBatch(data, shown(file), used, retrievedAt);
        problems.push(...result.problems);
        batches.push(result.batch);
      }
      return { batch: merged(batches, 'ingest:ontology', retrievedAt), problems, label };
    }
  }
}

export async function runIngest(executor: Executor, options: IngestOptions, config: AppConfig): Promise<IngestSummary> {
  if (options.files.length === 0 && options.query === undefined) {
    throw new IngestRefused([
      { file: '(arguments)', record: options.source, field: '--file', message: 'give --file <path> or --query <text>' },
    ]);
  }
  const { batch, problems, label } = await read(executor, options, config);
  // A file that cannot be read at all is never skipped: nothing of it is known.
  const fatal = problems.filter((p) => p.record === '(file)');
  if (fatal.length > 0 || (problems.length > 0 && options.skipInvalid !== true)) {
    throw new IngestRefused(problems);
  }
  batch.skipped = problems;
  options.progress?.(
    `${options.source}: merging ${batch.entities.length} statements and ${batch.claims.length} claims from ${batch.records} records`,
  );
  return applyBatch(executor, batch, {
    dryRun: options.dryRun,
    file: label,
    requestId: `ingest-${randomUUID()}`,
    timeoutMs: 600_000,
  });
}

/** The summary as the CLI prints it: a table per kind, then disagreements, unmapped and skipped records. */
export function formatSummary(summary: IngestSummary): string {
  const lines: string[] = [];
  const head = summary.dryRun ? 'dry run (nothing was written): would be' : 'written';
  lines.push(`${summary.agent}: ${summary.records} records read; ${head}:`);
  const rows = Object.entries(summary.kinds);
  const width = Math.max(4, ...rows.map(([kind]) => kind.length));
  lines.push(
    `  ${'kind'.padEnd(width)}  ${'added'.padStart(6)} ${'changed'.padStart(8)} ${'unchanged'.padStart(10)} ${'refused'.padStart(8)}`,
  );
  for (const [kind, c] of rows) {
    lines.push(
      `  ${kind.padEnd(width)}  ${String(c.added).padStart(6)} ${String(c.changed).padStart(8)} ${String(c.unchanged).padStart(10)} ${String(c.refused).padStart(8)}`,
    );
  }
  if (summary.disagreements.length > 0) {
    lines.push(
      `values that differ from curated ones (both kept, each with its source): ${summary.disagreements.length}`,
    );
    for (const d of summary.disagreements) {
      lines.push(`  ${d.id}: ${d.field}`);
    }
  }
  if (summary.unmapped.length > 0) {
    lines.push(
      `not mapped (a reviewed entry in seed/mappings/registry.yaml links what is meant to be linked): ${summary.unmapped.length}`,
    );
    for (const u of summary.unmapped) {
      lines.push(`  ${u.record}: ${u.field}: ${u.value} (${u.reason ?? `tried ${u.keys.join(', ')}`})`);
    }
  }
  if (summary.skipped.length > 0) {
    lines.push(`skipped invalid records (--skip-invalid): ${summary.skipped.length}`);
    for (const p of summary.skipped) {
      lines.push(`  ${p.file}: ${p.record}: ${p.field}: ${p.message}`);
    }
  }
  return lines.join('\n');
}

export const DEFAULT_MAPPING_FILE = path.join(projectRoot, 'seed', 'mappings', 'registry.yaml');
