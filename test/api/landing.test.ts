// What a browser and a plain HTTP client get at /graphql and /graphiql under each GRAPHQL_LANDING,
// and the README's cacheable GET, run as written. GraphiQL's page comes from dist/graphiql, so this
// suite is e2e (jest.config.js) and builds the bundle when it is missing or stale.
import { ConfigError, loadConfig } from '../../src/config';
import { SLOW_MACHINE } from '../support/browser';
import { ensureGraphiqlBuilt, README_TEXT } from '../support/graphiql';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';

/** What Chromium sends when it opens an address. */
const BROWSER = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
};

/** Every `curl` of the README that sends the apollo-require-preflight header: its URL and headers. */
const README_GETS = [...README_TEXT.matchAll(/curl -s\w* '([^']+)'((?:\s*\\?\s*-H '[^']+')+)/g)]
  .map(([, url, flags]) => ({
    url: new URL(url),
    headers: Object.fromEntries(
      [...flags.matchAll(/-H '([^:]+):\s*([^']*)'/g)].map(([, name, value]) => [name.toLowerCase(), value]),
    ),
  }))
  .filter((get) => 'apollo-require-preflight' in get.headers);

let t: TestServer;
beforeAll(async () => {
  ensureGraphiqlBuilt();
  t = await startTestServer();
  await ensureSeedGraph(t.database);
});
afterAll(async () => {
  await t.close();
});

describe('GRAPHQL_LANDING=graphiql (the default outside production)', () => {
  it('sends a browser that opens /graphql to /graphiql', async () => {
    const landing = await fetch(t.url, { headers: BROWSER, redirect: 'manual' });
    expect(landing.status).toBe(302);
    expect(landing.headers.get('location')).toBe('/graphiql');
  });

  it('serves GraphiQL whose every script and stylesheet comes from this server, under a CSP that names no other host', async () => {
    const page = await fetch(`${t.origin}/graphiql`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:|\*/);
    const html = await page.text();
    expect(html).toContain('<title>discgraph GraphiQL</title>');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
      .map(([, url]) => url)
      .filter((url) => url !== 'data:,');
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/graphiql\/assets\//);
      const response = await fetch(`${t.origin}${asset}`);
      expect([asset, response.status]).toEqual([asset, 200]);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });

  it('leaves GraphQL clients alone: a GET preferring JSON runs the query', async () => {
    const response = await fetch(`${t.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
      redirect: 'manual',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query' } });
  });
});

describe('GRAPHQL_LANDING=off and sandbox', () => {
  it('off: a browser at /graphql gets no IDE, only the coded refusal of a GET without the preflight header', async () => {
    const off = await startTestServer({ GRAPHQL_LANDING: 'off' });
    try {
      const landing = await fetch(off.url, { headers: BROWSER, redirect: 'manual' });
      expect(landing.status).toBe(400);
      expect(landing.headers.get('content-type')).toMatch(/application\/json/);
      expect(((await landing.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    } finally {
      await off.close();
    }
  });

  it('sandbox: serves Apollo Sandbox on an example operation, with variables, that runs as shown', async () => {
    const sandbox = await startTestServer({ ...SLOW_MACHINE, GRAPHQL_LANDING: 'sandbox' });
    try {
      const landing = await fetch(sandbox.url, { headers: BROWSER, redirect: 'manual' });
      expect(landing.status).toBe(200);
      const html = await landing.text();
      // The embedded Sandbox receives its initial state as JSON inside the page.
      const document = /"initialState":\{"document":("(?:[^"\\]|\\.)*")/.exec(html)?.[1];
      const variables = /"variables":(\{[^}]*\})/.exec(html)?.[1];
      expect(document).toBeDefined();
      expect(variables).toBeDefined();
      const example = await gql(sandbox.url, JSON.parse(document!), JSON.parse(variables!));
      expect(example.errors).toBeUndefined();
      const trials = example.data!.condition.trials.edges;
      expect(trials.length).toBeGreaterThan(0);
      expect(trials[0].evidence.sources.length).toBeGreaterThan(0);
      expect(example.data!.evidenceSummary.trialCount).toBeGreaterThanOrEqual(trials.length);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses sandbox in production at start, and serves no landing page there by default', async () => {
    expect(() => loadConfig({ NODE_ENV: 'production', GRAPHQL_LANDING: 'sandbox' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', GRAPHQL_LANDING: 'sandbox' })).toThrow(
      /^GRAPHQL_LANDING=sandbox is refused in production/,
    );
    const production = await startTestServer({ NODE_ENV: 'production' });
    try {
      const landing = await fetch(production.url, { headers: BROWSER, redirect: 'manual' });
      expect(landing.status).toBe(400);
      expect(await landing.text()).not.toMatch(/sandbox|graphiql/i);
      expect((await fetch(`${production.origin}/graphiql`)).status).toBe(200);
    } finally {
      await production.close();
    }
  });
});

describe("the README's cacheable GET", () => {
  it('is in the README', () => {
    expect(README_GETS.length).toBeGreaterThan(0);
  });

  it('answers with data and a public Cache-Control with the header, and BAD_REQUEST without it', async () => {
    for (const { url, headers } of README_GETS) {
      const local = `${t.origin}${url.pathname}${url.search}`;
      const ok = await fetch(local, { headers });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('cache-control')).toBe(`max-age=${t.config.cacheMaxAgeSeconds}, public`);
      const body = (await ok.json()) as any;
      expect(body.errors).toBeUndefined();
      expect(Object.keys(body.data).length).toBeGreaterThan(0);

      const refused = await fetch(local);
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    }
  });
});
