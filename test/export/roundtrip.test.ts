// Must show 2 of the curation issue: export → wipe → import gives an identical graph (same counts,
// same checksum over ids, properties and relationships with their evidence), in the seed, json and
// csv formats, through the library and through the two command lines. The seed export of the
// unmodified seed graph is byte-identical to seed/. And the HTTP export streams: it reads the
// database only as fast as the client takes the response.
// Everything here wipes a database, so it runs on a throw-away Neo4j of its own, never the shared one.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Database, type Executor } from '../../src/db/database';
import { startLocalNeo4j, stopLocalNeo4j } from '../../src/db/localNeo4j';
import { migrate } from '../../src/db/migrations';
import { databaseSource, type ExportFormat, readImportDir, writeExport } from '../../src/export';
import { readSnapshot, snapshotChecksum } from '../../src/graph/snapshot.repository';
import { graphCounts } from '../../src/graph/stats/stats.repository';
import { projectRoot } from '../../src/paths';
import { seedFrom } from '../../src/seed';
import { loadSeedWith } from '../../src/seed/load';
import { type SeedDocument, validateSeed } from '../../src/seed/validate';
import { gql, startTestServer, type TestServer } from '../support/harness';

const run = promisify(execFile);
const work = mkdtempSync(path.join(os.tmpdir(), 'discgraph-export-'));
const local = {
  dir: path.join(work, 'neo4j'),
  port: 20000 + Math.floor(Math.random() * 20000),
  heap: '768m',
  pageCache: '256m',
};
const seedDir = path.join(projectRoot, 'seed');
let uri: string;
let database: Database;
let executor: Executor;
let original: { counts: Awaited<ReturnType<typeof graphCounts>>; checksum: string };

async function state() {
  return { counts: await graphCounts(executor), checksum: snapshotChecksum(await readSnapshot(executor)) };
}
// name: wipe — the whole (throw-away) database
const wipe = () => executor.write('wipe', 'MATCH (n) DETACH DELETE n');
// The files in a folder; seed/mappings/, the ingestions' mapping table, is a folder and not graph data.
const files = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();

beforeAll(async () => {
  uri = (await startLocalNeo4j(local)).uri;
  database = new Database({
    uri,
    database: 'neo4j',
    txTimeoutMs: 120_000,
    connectionTimeoutMs: 5_000,
    maxRetryMs: 3_000,
    poolSize: 4,
  });
  executor = database.executor();
  await migrate(executor);
  await seedFrom(executor, 'seed');
  original = await state();
}, 300_000);

afterAll(async () => {
  await database?.close();
  await stopLocalNeo4j({ dir: local.dir });
  rmSync(work, { recursive: true, force: true });
});

describe('the seed format', () => {
  it('reproduces seed/ byte for byte from the unmodified seed graph', async () => {
    const out = path.join(work, 'seed-bytes');
    await writeExport('seed', databaseSource(executor, { pageSize: 7 }), out);
    expect(files(out)).toEqual(files(seedDir));
    for (const file of files(seedDir)) {
      expect(readFileSync(path.join(out, file), 'utf8')).toBe(readFileSync(path.join(seedDir, file), 'utf8'));
    }
  });

  it('shows a curated change as a one-line diff', async () => {
    const id = 'condition:degenerative-disc-disease';
    const [{ name }] = await executor.write<{ name: string }>(
      'rename',
      'MATCH (n:Condition {id: $id}) SET n.name = n.name + " (renamed)" RETURN n.name AS name',
      { id },
    );
    const out = path.join(work, 'seed-diff');
    await writeExport('seed', databaseSource(executor), out);
    const changed = files(seedDir).filter(
      (file) => readFileSync(path.join(out, file), 'utf8') !== readFileSync(path.join(seedDir, file), 'utf8'),
    );
    expect(changed).toEqual(['conditions.yaml']);
    const before = readFileSync(path.join(seedDir, 'conditions.yaml'), 'utf8').split('\n');
    const after = readFileSync(path.join(out, 'conditions.yaml'), 'utf8').split('\n');
    expect(after).toHaveLength(before.length);
    const diff = after.filter((line, i) => line !== before[i]);
    expect(diff).toEqual([`    name: ${name}`]);
    // Reloading the seed puts the name back (the loader MERGEs and SETs).
    await seedFrom(executor, 'seed');
    expect(await state()).toEqual(original);
  });
});

describe('export → wipe → import gives an identical graph', () => {
  it.each<ExportFormat>(['seed', 'json', 'csv'])('in the %s format', async (format) => {
    const out = path.join(work, `lib-${format}`);
    await writeExport(format, databaseSource(executor), out);
    await wipe();
    expect((await state()).checksum).not.toBe(original.checksum);
    const imported = readImportDir(out);
    expect(imported.format).toBe(format);
    await loadSeedWith(executor, imported.graph);
    expect(await state()).toEqual(original);
  });
});

describe('the command lines', () => {
  const env = { ...process.env, NEO4J_URI: '', NEO4J_USER: '', NEO4J_PASSWORD: '', LOG_LEVEL: 'silent' };
  const tsx = (script: string, args: string[]) =>
    run('npx', ['tsx', path.join('src', 'cli', script), ...args], {
      cwd: projectRoot,
      env: { ...env, NEO4J_URI: uri },
      encoding: 'utf8',
    });

  /** How a command failed, or undefined when it succeeded. */
  const failureOf = (command: Promise<unknown>) =>
    command.then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );

  it('`export --format seed` writes seed/ byte for byte', async () => {
    const out = path.join(work, 'cli-seed');
    const { stdout } = await tsx('export.ts', ['--format', 'seed', '--out', out]);
    expect(stdout).toContain('claims.yaml');
    for (const file of files(seedDir)) {
      expect(readFileSync(path.join(out, file), 'utf8')).toBe(readFileSync(path.join(seedDir, file), 'utf8'));
    }
  }, 180_000);

  it.each(['json', 'csv'])(
    '`export --format %s`, wipe, `seed --from DIR` gives the same graph',
    async (format) => {
      const out = path.join(work, `cli-${format}`);
      await tsx('export.ts', ['--format', format, '--out', out]);
      expect(files(out)).toEqual(format === 'json' ? ['graph.json'] : ['datapackage.json', 'edges.csv', 'nodes.csv']);
      await wipe();
      const { stdout } = await tsx('seed.ts', ['--from', out]);
      expect(stdout).toContain(`(${format}): ${original.counts.nodes.reduce((n, c) => n + c.count, 0)} entities`);
      expect(await state()).toEqual(original);
    },
    180_000,
  );

  it("`export --format json --edge-key links` (an older export's shape), wipe, `seed --from DIR` gives the same graph", async () => {
    const out = path.join(work, 'cli-json-links');
    await tsx('export.ts', ['--format', 'json', '--edge-key', 'links', '--out', out]);
    const data = JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8'));
    expect(data.edges).toBeUndefined();
    expect(data.links).toHaveLength(original.counts.relationships.reduce((n, c) => n + c.count, 0));
    await wipe();
    await tsx('seed.ts', ['--from', out]);
    expect(await state()).toEqual(original);
  }, 180_000);

  it('refuses an invalid export whole, listing every problem, and writes nothing', async () => {
    const out = path.join(work, 'cli-json');
    const data = JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8'));
    data.nodes[0].label = 'Disease';
    data.edges[0].level = 'HEARSAY';
    data.edges[1].sources = [];
    const broken = path.join(work, 'broken-json');
    rmSync(broken, { recursive: true, force: true });
    await writeExport('json', databaseSource(executor), broken);
    writeFileSync(path.join(broken, 'graph.json'), JSON.stringify(data));
    await wipe();
    const failure = await failureOf(tsx('seed.ts', ['--from', broken]));
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/\(3 problems\); nothing was written/);
    expect(failure?.stderr).toContain(`record ${data.nodes[0].id}: field label`);
    expect(failure?.stderr).toContain(`record ${data.edges[0].key}: field level`);
    expect(failure?.stderr).toContain(`record ${data.edges[1].key}: field sources`);
    expect((await graphCounts(executor)).nodes.every((n) => n.count === 0)).toBe(true);
    await seedFrom(executor, 'seed');
    expect(await state()).toEqual(original);
  }, 180_000);

  it('refuses a bad --format or --edge-key with a usage message', async () => {
    const failure = await failureOf(tsx('export.ts', ['--format', 'xlsx', '--out', work]));
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('--format must be one of seed, json, csv, graphml');
    const key = await failureOf(tsx('export.ts', ['--format', 'json', '--edge-key', 'arcs', '--out', work]));
    expect(key?.code).toBe(1);
    expect(key?.stderr).toContain('--edge-key must be one of edges, links (got arcs)');
    const misplaced = await failureOf(tsx('export.ts', ['--format', 'csv', '--edge-key', 'links', '--out', work]));
    expect(misplaced?.code).toBe(1);
    expect(misplaced?.stderr).toContain('--edge-key names the edge list of --format json');
  }, 180_000);
});

/** Many entities with long descriptions: an export far larger than any socket buffer (~20 MB). */
function bulkyGraph(count: number): SeedDocument[] {
  const source = 'source:bulk';
  const words = ['disc', 'cell', 'pain', 'marrow', 'matrix', 'trial', 'lumbar', 'stroma'];
  const description = (i: number) =>
    Array.from({ length: 520 }, (_, w) => words[(i * 7 + w * 3) % words.length]).join(' ');
  const conditions = Array.from({ length: count }, (_, i) => ({
    id: `condition:bulk-${String(i).padStart(5, '0')}`,
    name: `Bulk condition ${i}`,
    description: description(i),
    sources: [source],
    category: 'DISEASE',
  }));
  return [
    {
      file: 'sources.yaml',
      data: {
        kind: 'Source',
        records: [
          {
            id: source,
            name: 'Bulk',
            kind: 'ONTOLOGY',
            publisher: 'Test',
            url: 'https://example.org/test',
            recordVersion: '1',
          },
        ],
      },
    },
    { file: 'conditions.yaml', data: { kind: 'Condition', records: conditions } },
  ];
}

describe('GET /export/graph.json streams with backpressure', () => {
  let t: TestServer;

  beforeAll(async () => {
    await wipe();
    await loadSeedWith(executor, validateSeed(bulkyGraph(5_000)));
    t = await startTestServer({ NEO4J_URI: uri, NEO4J_MAX_RETRY_MS: '1000' });
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('reads the database only as the client takes the response', async () => {
    // The client takes the first chunk and stops reading. While it waits, a second client takes a
    // whole export: a server that read ahead regardless of its client would be done reading the
    // first export by then too. Then a claim is added that sorts last (edges follow ~20 MB of
    // nodes): it reaches the first client only if that export was still waiting on its client.
    const marker = 'claim:zzzz-written-while-the-client-paused';
    const chunks: Buffer[] = [];
    let meanwhile: any;
    const body = await new Promise<string>((resolve, reject) => {
      http
        .get(`${t.origin}/export/graph.json`, (res) => {
          res.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            if (chunks.length > 1) {
              return;
            }
            res.pause();
            (async () => {
              meanwhile = JSON.parse(await (await fetch(`${t.origin}/export/graph.json`)).text());
              await executor.write(
                'marker',
                `MATCH (a:Condition {id: 'condition:bulk-00000'}), (b:Condition {id: 'condition:bulk-00001'})
                 CREATE (a)-[:CONTRIBUTES_TO {id: $id, level: 'EXPERT_OR_NARRATIVE',
                   knowledgeLevel: 'NOT_PROVIDED', agentType: 'MANUAL_AGENT', sourceIds: ['source:bulk']}]->(b)`,
                { id: marker },
              );
              res.resume();
            })().catch(reject);
          });
          res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          res.on('error', reject);
        })
        .on('error', reject);
    });
    expect(meanwhile.edges).toEqual([]);
    expect(chunks.length).toBeGreaterThan(1);
    const data = JSON.parse(body);
    expect(data.edges.map((l: any) => l.key)).toEqual([marker]);
    const stats = (await gql(t.url, '{ stats { totalNodes totalRelationships } }')).data!.stats;
    expect(data.nodes).toHaveLength(stats.totalNodes);
    expect(data.edges).toHaveLength(stats.totalRelationships);
  }, 180_000);

  it('answers 503 DATABASE_UNAVAILABLE, not a truncated file, when Neo4j is down', async () => {
    await stopLocalNeo4j({ dir: local.dir });
    const res = await fetch(`${t.origin}/export/nodes.csv`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
  }, 120_000);
});
