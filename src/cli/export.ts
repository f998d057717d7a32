// `npm run export -- --format seed|json|csv|graphml --out DIR [--edge-key edges|links]`: writes
// the whole graph. `seed` reproduces seed/ (so `--out seed` after curation shows the changes as a
// git diff); json and csv re-import with `npm run seed -- --from DIR`; graphml is for viewing
// tools. --edge-key names the json format's edge list (edges by default, links for d3).
// The entity definitions carry type-graphql decorators, which need the metadata polyfill first.
import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { databaseSource, EDGE_KEYS, EXPORT_FORMATS, type ExportFormat, isEdgeKey, writeExport } from '../export';
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
    options: { format: { type: 'string' }, out: { type: 'string' }, 'edge-key': { type: 'string' } },
  });
  if (!isFormat(values.format)) {
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')} (got ${values.format ?? 'nothing'})`);
  }
  if (values.out === undefined || values.out === '') {
    throw new UsageError('--out DIR is required: the folder to write the export into');
  }
  const edgeKey = values['edge-key'];
  if (edgeKey !== undefined && !isEdgeKey(edgeKey)) {
    throw new UsageError(`--edge-key must be one of ${EDGE_KEYS.join(', ')} (got ${edgeKey})`);
  }
  if (edgeKey !== undefined && values.format !== 'json') {
    throw new UsageError('--edge-key names the edge list of --format json; leave it out for other formats');
  }
  const format = values.format;
  // Relative to the project root, like `npm run seed -- --from DIR`, whatever npm's working directory.
  const outDir = path.resolve(projectRoot, values.out);
  const config = loadConfig();
  const written = await withDatabase(config, (database) =>
    writeExport(format, databaseSource(database.executor({ operationName: 'export' })), outDir, { edgeKey }),
  );
  for (const file of written) {
    const relative = path.relative(process.cwd(), file);
    console.log(`wrote ${relative.startsWith('..') ? file : relative}`);
  }
  return 0;
});
