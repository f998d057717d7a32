// `npm run export -- --format seed|json|csv|graphml --out DIR`: writes the whole graph.
// `seed` reproduces seed/ (so `--out seed` after curation shows the changes as a git diff);
// json and csv re-import with `npm run seed -- --from DIR`; graphml is for viewing tools.
// The entity definitions carry type-graphql decorators, which need the metadata polyfill first.
import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { databaseSource, EXPORT_FORMATS, type ExportFormat, writeExport } from '../export';
import { projectRoot } from '../paths';
import { withDatabase } from './database';
import { runCli } from './run';

class UsageError extends Error {
  readonly userFacing = true;
}

const isFormat = (value: string | undefined): value is ExportFormat =>
  (EXPORT_FORMATS as readonly (string | undefined)[]).includes(value);

runCli(async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: { format: { type: 'string' }, out: { type: 'string' } },
  });
  if (!isFormat(values.format)) {
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')} (got ${values.format ?? 'nothing'})`);
  }
  if (values.out === undefined || values.out === '') {
    throw new UsageError('--out DIR is required: the folder to write the export into');
  }
  const format = values.format;
  // Relative to the project root, like `npm run seed -- --from DIR`, whatever npm's working directory.
  const outDir = path.resolve(projectRoot, values.out);
  const config = loadConfig();
  const written = await withDatabase(config, (database) =>
    writeExport(format, databaseSource(database.executor({ operationName: 'export' })), outDir),
  );
  for (const file of written) {
    const relative = path.relative(process.cwd(), file);
    console.log(`wrote ${relative.startsWith('..') ? file : relative}`);
  }
  return 0;
});
