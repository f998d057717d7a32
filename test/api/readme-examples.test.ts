// The README's example operations run against the seed graph, so the README stays true. They are
// read as GraphiQL reads them for its tabs (graphiql/src/examples.ts), comments included.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readmeExamples } from '../../graphiql/src/examples';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';

const examples = readmeExamples(readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8'));

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
    expect(examples).toHaveLength(5);
  });

  it.each(examples.map(({ name, query }) => [name, query]))(
    '%s runs without errors and finds data',
    async (_name, query) => {
      const res = await gql(t.url, query);
      expect(res.errors).toBeUndefined();
      const [root] = Object.values(res.data!);
      const found = Array.isArray(root)
        ? root.length
        : ((root as any).totalCount ?? (root as any).trialCount ?? (root as any).edges?.length);
      expect(found).toBeGreaterThan(0);
    },
  );
});
