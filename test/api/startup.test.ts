// Until start-up work (migrations, the seed of an empty graph) has finished, operations are refused
// with 503 DATABASE_UNAVAILABLE instead of answering from a graph that is not there yet; once it
// has, the same requests are answered. src/main.ts passes Bootstrap's `done` as `bootstrapped`.
import { STARTING_MESSAGE } from '../../src/http/startup';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';

const CARD = '{ evidenceSummary(conditionId: "condition:lumbar-degenerative-disc-disease") { trialCount } }';

let t: TestServer;
let started = false;
beforeAll(async () => {
  t = await startTestServer({}, undefined, () => started);
  await ensureSeedGraph(t.database);
});
afterAll(async () => {
  await t.close();
});

describe('a server whose start-up work is still running', () => {
  it('refuses a GraphQL POST with 503 DATABASE_UNAVAILABLE and Retry-After, naming what to wait for', async () => {
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CARD }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toEqual({
      errors: [{ message: STARTING_MESSAGE, extensions: { code: 'DATABASE_UNAVAILABLE' } }],
    });
    expect(STARTING_MESSAGE).toMatch(/retry in a few seconds, or wait until GET \/readyz answers 200/);
  });

  it('refuses a GraphQL GET and an export the same way', async () => {
    const get = await fetch(`${t.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(503);
    expect(((await get.json()) as any).errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
    const exported = await fetch(`${t.origin}/export/nodes.csv`);
    expect(exported.status).toBe(503);
    expect(((await exported.json()) as any).errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
  });

  it('still serves the landing page, /healthz, and a /readyz that says why it is not ready', async () => {
    const landing = await fetch(t.url, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(landing.status).toBe(302);
    expect((await fetch(`${t.origin}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.origin}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', database: true, bootstrapped: false });
  });

  it('answers the same requests once start-up work has finished', async () => {
    started = true;
    const card = await gql<{ evidenceSummary: { trialCount: number } }>(t.url, CARD);
    expect(card.status).toBe(200);
    expect(card.errors).toBeUndefined();
    expect(card.data!.evidenceSummary.trialCount).toBeGreaterThan(0);
    expect((await fetch(`${t.origin}/export/nodes.csv`)).status).toBe(200);
    expect((await fetch(`${t.origin}/readyz`)).status).toBe(200);
  });
});
