// The TypeScript client example (examples/typescript): its generated types are what
// `npm run codegen` makes from today's schema, and the typed client runs against a live server.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { DiscgraphClient } from '../../examples/typescript/client';
import { generateApiKey } from '../../src/auth/apiKeys';
import { Role } from '../../src/auth/roles';
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

    it('reads its own write on another server: it keeps the bookmark a write returned and sends it back', async () => {
      const curator = generateApiKey('cora', Role.CURATOR);
      const replica = await startTestServer({ API_KEYS: curator.entry });
      const id = `source:typescript-example-${process.pid}`;
      try {
        const writer = new DiscgraphClient(replica.origin, { apiKey: curator.key });
        const create: TypedDocumentNode<{ createSource: { id: string } }, { input: Record<string, unknown> }> = parse(
          'mutation CreateSource($input: CreateSourceInput!) { createSource(input: $input) { id } }',
        );
        await writer.request(create, {
          input: {
            id,
            name: 'A source the TypeScript example writes',
            kind: 'PEER_REVIEWED_ARTICLE',
            year: 2024,
            authors: 'Test et al.',
            journal: 'Test J',
            doi: '10.5555/discgraph-ts-example',
          },
        });
        expect(writer.bookmark).toMatch(/^FB:/);

        const reader = new DiscgraphClient(server.origin);
        reader.bookmark = writer.bookmark;
        const read: TypedDocumentNode<{ source: { id: string } | null }, { id: string }> = parse(
          'query ReadSource($id: ID!) { source(id: $id) { id } }',
        );
        expect(await reader.request(read, { id })).toEqual({ source: { id } });
        // A read returns no bookmark, so the client keeps the one it has.
        expect(reader.bookmark).toBe(writer.bookmark);
      } finally {
        await replica.database
          .executor()
          .write('typescript example cleanup', 'MATCH (s:Source {id: $id}) DETACH DELETE s', { id });
        await replica.close();
      }
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
