// The TypeScript client example (examples/typescript): its generated types are what
// `npm run codegen` makes from today's schema, and the typed client runs against a live server.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';

const run = promisify(execFile);
/** tsx and codegen start slowly on a busy 2-core machine; a bound, not an expectation. */
const SUBPROCESS_TIMEOUT_MS = 300_000;
jest.setTimeout(SUBPROCESS_TIMEOUT_MS);
const ROOT = path.resolve(__dirname, '../..');
const GENERATED = path.join(ROOT, 'examples/typescript/generated/graphql.ts');

describe('examples/typescript', () => {
  it('has generated types identical to what `npm run codegen` makes from schema/schema.graphql', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'discgraph-codegen-'));
    try {
      // Into a temporary folder, so a stale committed copy is reported, not silently rewritten.
      await run('npm', ['run', '--silent', 'codegen'], { cwd: ROOT, env: { ...process.env, CODEGEN_OUT_DIR: out } });
      const fresh = await readFile(path.join(out, 'graphql.ts'), 'utf8');
      const committed = await readFile(GENERATED, 'utf8');
      if (fresh !== committed) {
        throw new Error('examples/typescript/generated/graphql.ts is out of date: run `npm run codegen` and commit it');
      }
      expect(committed).toContain('export const TrialsPageDocument');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  describe('client.ts against a live server', () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer();
      await ensureSeedGraph(server.database);
    });

    afterAll(async () => {
      await server.close();
    });

    it('pages through every trial, reads stats and searches, with the types codegen made', async () => {
      // Pages of 3, so the client follows endCursor several times. Asynchronous: the server is in this process.
      const { stdout } = await run(
        path.join(ROOT, 'node_modules/.bin/tsx'),
        ['examples/typescript/client.ts', server.origin, '3'],
        { cwd: ROOT },
      );
      const summary = JSON.parse(stdout) as {
        stats: { totalNodes: number; totalRelationships: number };
        trials: number;
        trialIds: string[];
        outcomes: number;
        search: Array<{ type: string; id: string; name: string; curie?: string | null }>;
      };

      const expected = await gql<{ stats: { totalNodes: number; totalRelationships: number } }>(
        server.url,
        'query ExpectedStats { stats { totalNodes totalRelationships } }',
      );
      expect(expected.errors).toBeUndefined();
      // What the API should have listed, read from Neo4j itself.
      const [truth] = await server.database.executor().read<{ ids: string[]; outcomes: number }>(
        'typescript example truth',
        `MATCH (t:Trial)
         OPTIONAL MATCH (t)-[r:HAS_OUTCOME]->(:Outcome)
         WITH t, count(r) AS outcomes ORDER BY t.id
         RETURN collect(t.id) AS ids, sum(outcomes) AS outcomes`,
      );
      expect(truth.ids.length).toBeGreaterThan(3);

      expect(summary.stats).toEqual(expected.data!.stats);
      expect(summary.trials).toBe(truth.ids.length);
      expect([...summary.trialIds].sort()).toEqual(truth.ids);
      expect(summary.outcomes).toBe(truth.outcomes);
      expect(summary.search).toContainEqual(
        expect.objectContaining({ type: 'Condition', id: 'condition:degenerative-disc-disease' }),
      );
    });

    it('exits non-zero with the error code when the server refuses an operation', async () => {
      // A page size above MAX_PAGE_SIZE is the client's mistake: BAD_USER_INPUT, reported on stderr.
      await expect(
        run(path.join(ROOT, 'node_modules/.bin/tsx'), ['examples/typescript/client.ts', server.origin, '100000'], {
          cwd: ROOT,
        }),
      ).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/^error: TrialsPage failed \((BAD_USER_INPUT|QUERY_TOO_COMPLEX):/),
      });
    });
  });
});
