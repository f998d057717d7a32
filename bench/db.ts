// The benchmark's own Neo4j: the project's local Neo4j (same version and configuration as
// `npm start`), in .data/bench-<scale>, loaded once with the synthetic graph and reused by later
// runs while the generator version, seed and counts match.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../src/common/ports';
import { Database, type Executor } from '../src/db/database';
import { buildEvidenceCards } from '../src/graph/dashboard/card.store';
import { startLocalNeo4j, stopLocalNeo4j } from '../src/db/localNeo4j';
import { migrate } from '../src/db/migrations';
import { projectRoot } from '../src/paths';
import { GENERATOR_VERSION, type LoadReport, loadSynthetic, type Scale } from './generate';

export interface BenchDatabase {
  uri: string;
  dir: string;
  load: LoadReport;
  /** True when this run loaded the graph (the load rate was measured now). */
  loadedNow: boolean;
  stop(): Promise<void>;
}

/** Sized for the 2-core, 24 GiB machine with three API servers beside it. */
const MEMORY: Record<Scale, { heap: string; pageCache: string }> = {
  S: { heap: '1g', pageCache: '1g' },
  M: { heap: '3g', pageCache: '3g' },
  L: { heap: '6g', pageCache: '8g' },
};

export function openBenchDatabase(uri: string, poolSize = 20): Database {
  return new Database({
    uri,
    database: 'neo4j',
    txTimeoutMs: 600_000,
    connectionTimeoutMs: 30_000,
    maxRetryMs: 30_000,
    poolSize,
    app: 'discgraph-bench',
  });
}

interface Marker {
  generatorVersion: number;
  seed: number;
  load: LoadReport;
}

/**
 * The graph's stored evidence cards, before anything is measured: a graph loaded by an older
 * version has none, or cards of another format (the server would otherwise build them while the
 * benchmark runs).
 */
async function storeCards(executor: Executor, say: (line: string) => void): Promise<void> {
  await migrate(executor);
  const started = performance.now();
  const built = await buildEvidenceCards(
    executor,
    (done, total) => say(`storing evidence cards: ${done} of ${total}`),
    {
      timeoutMs: 3_600_000,
    },
  );
  if (built > 0) {
    say(`stored ${built} evidence cards in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

export async function benchDatabase(scale: Scale, say: (line: string) => void): Promise<BenchDatabase> {
  const dir = path.join(projectRoot, '.data', `bench-${scale}`);
  const markerFile = path.join(dir, 'bench-graph.json');
  const port = await freePort();
  const local = { dir, port, ...MEMORY[scale], say };
  const marker: Marker | undefined = existsSync(markerFile) ? JSON.parse(readFileSync(markerFile, 'utf8')) : undefined;
  const reusable = marker?.generatorVersion === GENERATOR_VERSION;
  if (!reusable && existsSync(dir)) {
    await stopLocalNeo4j({ dir });
    rmSync(dir, { recursive: true, force: true });
  }
  // A previous run may have left it running on another port: restart on ours.
  await stopLocalNeo4j({ dir });
  const { uri } = await startLocalNeo4j(local);
  const database = openBenchDatabase(uri);
  try {
    const executor = database.executor();
    if (reusable) {
      const [row] = await executor.read<{ entities: number; claims: number }>(
        'bench.counts',
        'MATCH (n:Entity) WITH count(n) AS entities RETURN entities, COUNT { ()-[r]->() } AS claims',
      );
      if (row.entities === marker.load.entities && row.claims === marker.load.claims) {
        say(
          `bench graph ${scale} found in ${path.relative(projectRoot, dir)}: ${row.entities} nodes, ${row.claims} relationships`,
        );
        await storeCards(executor, say);
        return {
          uri,
          dir,
          load: marker.load,
          loadedNow: false,
          stop: () => stopLocalNeo4j({ dir }).then(() => undefined),
        };
      }
      say(`bench graph ${scale} in ${dir} is incomplete: loading it again`);
      await database.close();
      await stopLocalNeo4j({ dir });
      rmSync(dir, { recursive: true, force: true });
      return benchDatabase(scale, say);
    }
    say(`generating and loading the ${scale} graph through the project's loader (this takes a while)`);
    await migrate(executor);
    const load = await loadSynthetic(executor, scale, { say });
    // Written before the cards: a graph whose cards fail to build is reused, not loaded again.
    writeFileSync(markerFile, JSON.stringify({ generatorVersion: GENERATOR_VERSION, seed: load.seed, load }, null, 2));
    await storeCards(executor, say);
    // Let the index population finish before anything is measured.
    await executor.write('bench.awaitIndexes', 'CALL db.awaitIndexes(600)');
    return { uri, dir, load, loadedNow: true, stop: () => stopLocalNeo4j({ dir }).then(() => undefined) };
  } finally {
    await database.close();
  }
}
