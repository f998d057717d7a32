// `npm run seed [-- --check] [-- --from DIR]`: validate the seed, and load it unless --check.
// DIR may also hold a json (graph.json) or csv (nodes.csv, edges.csv) export; it is recognised by
// its files and goes through the same validation and loader.
// The entity definitions carry type-graphql decorators, which need the metadata polyfill first.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { withDatabase } from './database';
import { readImportDir } from '../export/import';
import { loadSeed } from '../seed/load';
import { migrate } from '../db/migrations';
import { runCli } from './run';

runCli(async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: { check: { type: 'boolean', default: false }, from: { type: 'string' } },
  });
  const config = loadConfig();
  const dir = values.from ?? config.seedDir;
  const { format, graph } = readImportDir(dir);
  console.log(`${dir} (${format}): ${graph.entities.length} entities and ${graph.claims.length} claims are valid.`);
  if (values.check) {
    return 0;
  }
  await withDatabase(config, async (database) => {
    const executor = database.executor();
    await migrate(executor);
    // One transaction: a failure leaves the database as it was.
    const result = await executor.writeTx('seed.load', (tx) => loadSeed(tx, graph, { agent: 'seed' }));
    console.log(
      `loaded ${result.entities} entities and ${result.claims} claims (idempotent: existing ids were updated in place).`,
    );
  });
  return 0;
});
