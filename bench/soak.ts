// `npm run bench:soak -- --scale M --minutes 10`: this server alone under the mix of all eight
// operations at concurrency 64, its RSS sampled every few seconds. Passes when the RSS stays under
// the limit and the last minute's average is within ±10% of the first minute's (after warm-up).
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { projectRoot } from '../src/paths';
import { benchDatabase } from './db';
import { SCALES, type Scale } from './generate';
import { chooseParams } from './params';
import { startServer } from './servers';
import { OPERATIONS } from './types';

/** Issue 20, target 5: the RSS stays under this throughout. */
const RSS_LIMIT_MB = 300;

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'M' },
      minutes: { type: 'string', default: '10' },
      connections: { type: 'string', default: '64' },
    },
  });
  const scale = values.scale as Scale;
  if (!(scale in SCALES)) {
    throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  }
  const seconds = Number(values.minutes) * 60;
  const connections = Number(values.connections);
  const db = await benchDatabase(scale, (line) => console.log(line));
  const params = await chooseParams(db.uri);
  const server = await startServer('ours', db.uri, params);
  try {
    // One minute of warm-up at the same load, not sampled: JIT, pools and caches settle.
    const mix = OPERATIONS.map((op) => ({
      method: 'POST' as const,
      path: server.requests[op].path,
      body: server.requests[op].body,
      headers: { 'content-type': 'application/json' },
    }));
    const run = (duration: number) =>
      new Promise<autocannon.Result>((resolve, reject) =>
        autocannon(
          { url: server.baseUrl, connections, duration, timeout: 60, requests: mix as any },
          (error, result) => (error ? reject(error) : resolve(result)),
        ),
      );
    console.log(`warming up for 60 s at c=${connections}`);
    await run(60);
    const samples: Array<{ second: number; rssMb: number }> = [];
    const started = Date.now();
    const sampler = setInterval(() => {
      samples.push({ second: (Date.now() - started) / 1000, rssMb: server.rssBytes() / 2 ** 20 });
    }, 5_000);
    console.log(`soaking for ${seconds} s at c=${connections}, RSS sampled every 5 s`);
    const result = await run(seconds);
    clearInterval(sampler);
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const first = avg(samples.filter((s) => s.second <= 60).map((s) => s.rssMb));
    const last = avg(samples.filter((s) => s.second > seconds - 60).map((s) => s.rssMb));
    const max = Math.max(...samples.map((s) => s.rssMb));
    const min = Math.min(...samples.map((s) => s.rssMb));
    const drift = (last - first) / first;
    const failures = result.non2xx + result.errors + result.timeouts;
    const flat = Math.abs(drift) <= 0.1;
    console.log(
      `requests: ${result.requests.total} (${(result.requests.total / seconds).toFixed(1)}/s), failures: ${failures}\n` +
        `RSS MB: min ${min.toFixed(0)}, max ${max.toFixed(0)} (limit ${RSS_LIMIT_MB}); first minute ${first.toFixed(0)}, ` +
        `last minute ${last.toFixed(0)}, drift ${(drift * 100).toFixed(1)}% (flat within ±10%: ${flat ? 'yes' : 'no'})`,
    );
    const dir = path.join(projectRoot, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `soak-${scale}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          scale,
          connections,
          seconds,
          requests: result.requests.total,
          failures,
          first,
          last,
          min,
          max,
          drift,
          samples,
        },
        null,
        2,
      ),
    );
    console.log(`samples written to ${path.relative(projectRoot, file)}`);
    process.exitCode = max < RSS_LIMIT_MB && flat && failures === 0 ? 0 : 1;
  } finally {
    await server.stop();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
