import { gql, startTestServer, type TestServer } from '../support/harness';

describe('HTTP server over the real Neo4j', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers a GraphQL POST', async () => {
    const response = await gql(t.url, '{ __typename }');
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ __typename: 'Query' });
  });

  it('reads from Neo4j through every layer: stats per label and type, one round trip', async () => {
    const response = await gql<{ stats: { nodes: Array<{ label: string; count: number }>; relationships: unknown[] } }>(
      t.url,
      '{ stats { nodes { label count } relationships { type count } totalNodes } }',
    );
    expect(response.errors).toBeUndefined();
    const labels = response.data!.stats.nodes.map((n) => n.label);
    expect(labels).toEqual(expect.arrayContaining(['Condition', 'Trial', 'Source']));
    expect(response.extensions).toMatchObject({ discgraph: { roundTrips: 1 } });
  });

  it('says it is alive and ready', async () => {
    const health = await fetch(`${t.origin}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${t.origin}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: true });
  });

  it('carries a request id, echoing a valid one', async () => {
    const response = await fetch(`${t.origin}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(response.headers.get('x-request-id')).toBe('abc-123');
    const generated = await fetch(`${t.origin}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
