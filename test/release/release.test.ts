// Data releases on the seed graph (real Neo4j): `npm run release -- <version>` writes every format, a
// licence, a citation and a manifest whose counts, checksums and sources match the files and the
// graph; the release is recorded in the graph (stats { dataVersion releasedAt changedSinceRelease },
// the X-Data-Version header, with no extra round trip); a bad version, a second release of a
// version and an existing folder are refused with nothing changed; --force replaces a release.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Executor } from '../../src/db/database';
import { dataPackageText } from '../../src/export/datapackage';
import { SEED_FILES } from '../../src/export/seed';
import { RELEASE_LABEL } from '../../src/graph/stats/release.repository';
import { projectRoot } from '../../src/paths';
import type { Manifest } from '../../src/release/manifest';
import { ReleaseError, writeRelease } from '../../src/release/release';
import { ensureSeedGraph, startTestServer, type TestServer } from '../support/harness';

const run = promisify(execFile);
const work = mkdtempSync(path.join(os.tmpdir(), 'discgraph-release-'));
// Versions no real release uses (2099.*); the suite removes their records and its audit entry.
const VERSION = '2099.1';
const AUDIT_ID = `audit:release-test-${process.pid}`;
// A registry record with its version, as an ingestion writes one; the seed's sources have none.
const SOURCE = {
  id: `source:release-test-${process.pid}`,
  name: 'A registry record for the release test',
  kind: 'TRIAL_REGISTRY_RECORD',
  registryId: 'NCT09999999',
  url: 'https://clinicaltrials.gov/study/NCT09999999',
  accessed: '2026-12-01',
  recordVersion: '2026-11-30',
  sourceIds: [],
};
let t: TestServer;
let db: Executor;

const STATS =
  '{ stats { dataVersion releasedAt changedSinceRelease totalNodes totalRelationships nodes { label count } relationships { type count } } }';

async function cleanUp() {
  await db.write('test.removeReleases', `MATCH (r:${RELEASE_LABEL}) WHERE r.version STARTS WITH '2099.' DELETE r`);
  await db.write('test.removeAudit', 'MATCH (a:AuditEntry {id: $id}) DELETE a', { id: AUDIT_ID });
  await db.write('test.removeSource', 'MATCH (s:Source {id: $id}) DETACH DELETE s', { id: SOURCE.id });
}

async function recorded(version: string) {
  return db.read<{ releasedAt: string; manifestSha256: string }>(
    'test.release',
    `MATCH (r:${RELEASE_LABEL} {version: $version}) RETURN toString(r.releasedAt) AS releasedAt, r.manifestSha256 AS manifestSha256`,
    { version },
  );
}

async function post(url: string, query: string): Promise<{ header: string | null; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { header: response.headers.get('x-data-version'), body: await response.json() };
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  t = await startTestServer();
  db = t.database.executor();
  await ensureSeedGraph(t.database);
  await cleanUp();
}, 120_000);
afterAll(async () => {
  await cleanUp();
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

describe('a bad version', () => {
  it.each(['latest', '2026', 'v2026.1', '2026.01', '2026.1.2.3', '26.1'])(
    '"%s" is refused, and says what to write',
    async (bad) => {
      const out = path.join(work, 'bad');
      await expect(writeRelease(db, bad, { outDir: out })).rejects.toThrow(
        new ReleaseError(
          `"${bad}" is not a release version: use the year, a dot and the release number of that year, optionally with a patch number, such as 2026.1 or 2026.1.1 (no leading zeros, no "v")`,
        ),
      );
      expect(existsSync(out)).toBe(false);
      expect(await recorded(bad)).toEqual([]);
    },
  );
});

describe('a data release', () => {
  const dir = path.join(work, VERSION);
  let manifest: Manifest;
  let manifestSha256: string;

  beforeAll(async () => {
    await db.write('test.source', 'CREATE (s:Entity:Source) SET s = $source', { source: SOURCE });
    ({ manifest, manifestSha256 } = await writeRelease(db, VERSION, { outDir: dir }));
  }, 120_000);

  it('writes every format, a licence, a citation and a manifest, and nothing else', () => {
    expect(readdirSync(dir).sort()).toEqual([
      'CITATION.cff',
      'LICENSE',
      'csv',
      'graphml',
      'json',
      'manifest.json',
      'seed',
    ]);
    expect(readdirSync(path.join(dir, 'json'))).toEqual(['graph.json']);
    expect(readdirSync(path.join(dir, 'csv')).sort()).toEqual(['datapackage.json', 'edges.csv', 'nodes.csv']);
    expect(readFileSync(path.join(dir, 'csv', 'datapackage.json'), 'utf8')).toBe(dataPackageText());
    expect(readdirSync(path.join(dir, 'graphml'))).toEqual(['graph.graphml']);
    expect(readdirSync(path.join(dir, 'seed')).sort()).toEqual(Object.values(SEED_FILES).sort());
    // The temporary folder is gone.
    expect(readdirSync(work).filter((name) => name.includes('.partial-'))).toEqual([]);
  });

  it('names the version, the licence and how to cite it', () => {
    expect(manifest).toMatchObject({
      name: 'discgraph',
      version: VERSION,
      software: { name: 'discgraph', version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
      licence: { spdx: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
    });
    expect(manifest.citation).toContain(`data release ${VERSION} (${manifest.releasedAt.slice(0, 10)})`);
    expect(readFileSync(path.join(dir, 'CITATION.cff'), 'utf8')).toContain(`version: "${VERSION}"`);
    expect(readFileSync(path.join(dir, 'LICENSE'), 'utf8')).toContain('CC-BY-4.0');
  });

  it('counts per label and relationship type what stats counts, and what the files hold', async () => {
    const { body } = await post(t.url, STATS);
    const stats = body.data.stats;
    expect(manifest.counts.nodes).toEqual(Object.fromEntries(stats.nodes.map((n: any) => [n.label, n.count])));
    expect(manifest.counts.relationships).toEqual(
      Object.fromEntries(stats.relationships.map((r: any) => [r.type, r.count])),
    );
    expect([manifest.counts.totalNodes, manifest.counts.totalRelationships]).toEqual([
      stats.totalNodes,
      stats.totalRelationships,
    ]);
    const graph = JSON.parse(readFileSync(path.join(dir, 'json', 'graph.json'), 'utf8'));
    expect([graph.nodes.length, graph.edges.length]).toEqual([stats.totalNodes, stats.totalRelationships]);
    const edgeRows = readFileSync(path.join(dir, 'csv', 'edges.csv'), 'utf8')
      .trimEnd()
      .split('\r\n').length;
    expect(edgeRows).toBeGreaterThanOrEqual(stats.totalRelationships + 1);
  });

  it('lists every file but itself with its size and a sha256 that matches it', () => {
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name !== 'manifest.json')
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .sort();
    expect(manifest.files.map((f) => f.path)).toEqual(files);
    expect(files).toContain('csv/datapackage.json');
    for (const file of manifest.files) {
      const bytes = readFileSync(path.join(dir, file.path));
      expect({ path: file.path, bytes: bytes.length, sha256: sha256(bytes) }).toEqual(file);
    }
    expect(sha256(readFileSync(path.join(dir, 'manifest.json')))).toBe(manifestSha256);
  });

  it('lists every Source with its kind and version', async () => {
    const sources = await db.read<{ id: string; kind: string; recordVersion: string | null }>(
      'test.sources',
      'MATCH (s:Source) RETURN s.id AS id, s.kind AS kind, s.recordVersion AS recordVersion ORDER BY id',
    );
    expect(manifest.sources.find((s) => s.id === SOURCE.id)).toEqual({
      id: SOURCE.id,
      name: SOURCE.name,
      kind: SOURCE.kind,
      registryId: SOURCE.registryId,
      url: SOURCE.url,
      accessed: SOURCE.accessed,
      recordVersion: SOURCE.recordVersion,
    });
    expect(manifest.sources.map((s) => s.id)).toEqual(sources.map((s) => s.id));
    for (const source of sources) {
      expect(manifest.sources.find((s) => s.id === source.id)).toMatchObject({
        kind: source.kind,
        ...(source.recordVersion === null ? {} : { recordVersion: source.recordVersion }),
      });
    }
  });

  it('is recorded in the graph: stats give its version and date in one round trip', async () => {
    const [record] = await recorded(VERSION);
    expect(record).toEqual({ releasedAt: manifest.releasedAt, manifestSha256 });
    const { body } = await post(t.url, STATS);
    expect(body.data.stats).toMatchObject({
      dataVersion: VERSION,
      releasedAt: manifest.releasedAt,
      changedSinceRelease: false,
    });
    expect(body.extensions.discgraph.roundTrips).toBe(1);
  });

  it('is sent in the X-Data-Version header, at no round trip, by this server and a fresh one', async () => {
    // The stats read above refreshed this server's copy.
    const here = await post(t.url, '{ __typename }');
    expect(here.header).toBe(VERSION);
    expect(here.body.extensions.discgraph.roundTrips).toBe(0);
    // A fresh server reads the version in the background as it starts.
    const fresh = await startTestServer({}, t.database);
    try {
      let header: string | null = null;
      for (let attempt = 0; attempt < 50 && header !== VERSION; attempt++) {
        ({ header } = await post(fresh.url, '{ __typename }'));
        if (header !== VERSION) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      expect(header).toBe(VERSION);
    } finally {
      await fresh.close();
    }
  });

  it('says the graph changed since the release once the audit trail has a newer write', async () => {
    await db.write(
      'test.audit',
      "CREATE (:AuditEntry {id: $id, at: datetime() + duration('PT1S'), operation: 'UPDATE', targetId: 'test'})",
      { id: AUDIT_ID },
    );
    const { body } = await post(t.url, STATS);
    expect(body.data.stats).toMatchObject({ dataVersion: VERSION, changedSinceRelease: true });
    expect(body.extensions.discgraph.roundTrips).toBe(1);
    await db.write('test.removeAudit', 'MATCH (a:AuditEntry {id: $id}) DELETE a', { id: AUDIT_ID });
  });

  it('refuses the same version again, wherever it would go, changing nothing', async () => {
    const before = readFileSync(path.join(dir, 'manifest.json'), 'utf8');
    const [record] = await recorded(VERSION);
    const message = `release ${VERSION} was made on ${manifest.releasedAt} and is recorded in the graph; choose the next version (or pass --force to replace it)`;
    await expect(writeRelease(db, VERSION, { outDir: dir })).rejects.toThrow(new ReleaseError(message));
    const elsewhere = path.join(work, 'elsewhere');
    await expect(writeRelease(db, VERSION, { outDir: elsewhere })).rejects.toThrow(new ReleaseError(message));
    expect(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).toBe(before);
    expect(existsSync(elsewhere)).toBe(false);
    expect(await recorded(VERSION)).toEqual([record]);
  });

  it('refuses a folder that exists, even for a new version', async () => {
    const taken = path.join(work, 'taken');
    mkdirSync(taken);
    await expect(writeRelease(db, '2099.3', { outDir: taken })).rejects.toThrow(
      /taken exists already; choose the next version/,
    );
    expect(readdirSync(taken)).toEqual([]);
    expect(await recorded('2099.3')).toEqual([]);
  });

  it('replaces a release with --force: new files, new record', async () => {
    const replaced = await writeRelease(db, VERSION, { outDir: dir, force: true });
    expect(replaced.manifest.releasedAt >= manifest.releasedAt).toBe(true);
    expect(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).toBe(
      `${JSON.stringify(replaced.manifest, null, 2)}\n`,
    );
    expect(await recorded(VERSION)).toEqual([
      { releasedAt: replaced.manifest.releasedAt, manifestSha256: replaced.manifestSha256 },
    ]);
    expect(readdirSync(work).filter((name) => name.includes('.replaced-') || name.includes('.partial-'))).toEqual([]);
  });
});

describe('a release while the graph is written', () => {
  it('is refused, leaving neither a folder nor a record', async () => {
    // An audited write stamped after the release's read began, as a curation during the release is.
    await db.write(
      'test.audit',
      "CREATE (:AuditEntry {id: $id, at: datetime() + duration('PT1H'), operation: 'UPDATE', targetId: 'test'})",
      { id: AUDIT_ID },
    );
    try {
      const out = path.join(work, '2099.4');
      await expect(writeRelease(db, '2099.4', { outDir: out })).rejects.toThrow(
        new ReleaseError(
          'the graph changed while it was read (1 audited write(s) since it began); make the release again when no curation is running',
        ),
      );
      expect(readdirSync(work).filter((name) => name.startsWith('2099.4'))).toEqual([]);
      expect(await recorded('2099.4')).toEqual([]);
    } finally {
      await db.write('test.removeAudit', 'MATCH (a:AuditEntry {id: $id}) DELETE a', { id: AUDIT_ID });
    }
  });
});

describe('npm run release', () => {
  const cli = (...args: string[]) =>
    run('npx', ['tsx', 'src/cli/release.ts', ...args], {
      cwd: projectRoot,
      env: { ...process.env, NEO4J_URI: t.config.neo4j!.uri },
    });

  it('writes the bundle and the manifest, and says where', async () => {
    const out = path.join(work, 'cli');
    const { stdout } = await cli('2099.2', '--out', out, '--url', 'https://example.org/releases/2099.2');
    expect(stdout).toMatch(/^release 2099\.2: \d+ entities and \d+ claims in /m);
    expect(stdout).toMatch(/^manifest sha256 [0-9a-f]{64}; \d+ files, \d+ sources$/m);
    expect(stdout).toMatch(/^note: src\/release\/release-notes\.yaml has no notes for 2099\.2/m);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ version: '2099.2', url: 'https://example.org/releases/2099.2' });
    expect(readFileSync(path.join(out, 'CITATION.cff'), 'utf8')).toContain(
      'url: "https://example.org/releases/2099.2"',
    );
  }, 60_000);

  it('refuses a bad version with one line that says what to write, and exits 1', async () => {
    const failed = await cli('next').catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toMatch(
      /^error: "next" is not a release version: .* such as 2026\.1/m,
    );
  }, 60_000);
});
