// `npm run cards [-- --all]`: stores the evidence card of every condition that has none of the
// current format, and drops the cards of conditions that are gone; with --all, computes every card
// again (after Cypher run by hand against the database, which bypasses the writes that keep them).
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { migrate } from '../db/migrations';
import { buildEvidenceCards } from '../graph/dashboard/card.store';
import { withDatabase } from './database';
import { runCli } from './run';

/** A card batch is not a client request: the most-studied conditions take a while at scale. */
const CARDS_TX_TIMEOUT_MS = 3_600_000;

runCli(async (argv) => {
  const { values } = parseArgs({ args: argv, options: { all: { type: 'boolean', default: false } } });
  const config = loadConfig();
  await withDatabase(config, async (database) => {
    const executor = database.executor();
    await migrate(executor);
    const started = performance.now();
    const built = await buildEvidenceCards(executor, (done, total) => console.log(`stored ${done} of ${total} cards`), {
      all: values.all,
      timeoutMs: CARDS_TX_TIMEOUT_MS,
    });
    console.log(`${built} evidence card(s) stored in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  });
  return 0;
});
