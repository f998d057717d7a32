// `npm run bench:load -- --scale M`: generate and load the bench graph only (the benchmark does
// this itself when the graph is missing), and print the loader's rate.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { benchDatabase } from './db';
import { SCALES, type Scale } from './generate';

async function main() {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: 'M' }, keep: { type: 'boolean', default: false } },
  });
  const scale = values.scale as Scale;
  if (!(scale in SCALES)) {
    throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  }
  const db = await benchDatabase(scale, (line) => console.log(line));
  const l = db.load;
  console.log(
    `${scale}: ${l.entities} nodes, ${l.claims} relationships; loader ${Math.round(l.relationshipsPerSecond)} relationships/s ` +
      `(${l.loadSeconds.toFixed(1)} s in the loader, ${l.totalSeconds.toFixed(1)} s with generation and validation)` +
      (db.loadedNow ? '' : ' [measured when it was loaded]'),
  );
  if (!values.keep) {
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
