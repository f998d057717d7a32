// The README's example operations run against the seed graph, so the README stays true.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';

const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Example operations'), readme.indexOf('## Architecture'));
const operations = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await ensureSeedGraph(t.database);
});
afterAll(async () => {
  await t.close();
});

describe('README example operations', () => {
  it('has five', () => {
    expect(operations).toHaveLength(5);
  });

  it.each(operations.map((op) => [/query (\w+)/.exec(op)?.[1] ?? '?', op]))(
    '%s runs without errors and finds data',
    async (_name, op) => {
      const res = await gql(t.url, op);
      expect(res.errors).toBeUndefined();
      const [root] = Object.values(res.data!);
      const found = Array.isArray(root)
        ? root.length
        : ((root as any).totalCount ?? (root as any).trialCount ?? (root as any).edges?.length);
      expect(found).toBeGreaterThan(0);
    },
  );
});
