// `npm run ingest -- <ctgov|pubmed|europepmc|ontology> (--file PATH ... | --query TEXT) [--dry-run]
// [--skip-invalid] [--retrieved-at ISO] [--json]`: merges public records into the graph (src/ingest).
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { migrate } from '../db/migrations';
import { formatSummary, INGESTIONS, type Ingestion, runIngest } from '../ingest';
import { withDatabase } from './database';
import { runCli } from './run';

class UsageError extends Error {
  readonly userFacing = true;
}

const USAGE = `usage: npm run ingest -- <${INGESTIONS.join('|')}> (--file PATH ... | --query TEXT) [--dry-run] [--skip-invalid] [--retrieved-at ISO] [--json]`;

runCli(async (argv) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      file: { type: 'string', multiple: true, default: [] },
      query: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'skip-invalid': { type: 'boolean', default: false },
      'retrieved-at': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const source = positionals[0] as Ingestion | undefined;
  if (source === undefined || !INGESTIONS.includes(source) || positionals.length > 1) {
    throw new UsageError(
      `${positionals.length === 0 ? 'name the source to ingest' : `unknown source ${positionals.join(' ')}`}\n${USAGE}`,
    );
  }
  const retrievedAt = values['retrieved-at'];
  if (retrievedAt !== undefined && Number.isNaN(Date.parse(retrievedAt))) {
    throw new UsageError(`--retrieved-at must be a date-time such as 2026-12-04T10:00:00Z (got ${retrievedAt})`);
  }
  const config = loadConfig();
  const summary = await withDatabase(config, async (database) => {
    const executor = database.executor({ operationName: `ingest.${source}` });
    await migrate(executor);
    return runIngest(
      executor,
      {
        source,
        files: values.file,
        query: values.query,
        dryRun: values['dry-run'],
        skipInvalid: values['skip-invalid'],
        retrievedAt: retrievedAt === undefined ? undefined : new Date(retrievedAt).toISOString(),
        progress: (line) => console.error(line),
      },
      config,
    );
  });
  console.log(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
  return 0;
});
