// `npm run seed [-- --check] [-- --from DIR]`: validate the seed, and load it unless --check.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { withDatabase } from './database';
import { readSeed } from '../seed';
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
  const graph = readSeed(dir);
  console.log(`${dir}: ${graph.entities.length} entities and ${graph.claims.length} claims are valid.`);
  if (values.check) {
    return 0;
  }
  await withDatabase(config, async (database) => {
    const executor = database.executor();
    await migrate(executor);
    const result = await loadSeed(executor, graph, { agent: 'seed' });
    console.log(
      `loaded ${result.entities} entities and ${result.claims} claims (idempotent: existing ids were updated in place).`,
    );
  });
  return 0;
});
