// GraphiQL in a real browser: Debian's Chromium (never a downloaded one) driven by playwright-core
// against the real server and the seed graph. Every request to a host other than the server's is
// aborted and recorded, so a page that needs a CDN, a web font or telemetry fails here as it would
// offline. It opens /graphql, lands on GraphiQL with the README's example operations as tabs, runs
// one, sends a header from the headers editor, checks accessibility on a desktop and a phone, and
// saves docs/images/graphiql.png.
// Any console error or uncaught page error fails the test that caused it.
//
// Functions passed to page.evaluate run in the browser; this project's test types have no DOM
// library, so they reach the page through `globalThis` as `any`.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DESKTOP, DOC_IMAGES, PHONE, seriousAccessibilityViolations, browserSession } from '../support/browser';
import { EXAMPLES, ensureGraphiqlBuilt } from '../support/graphiql';
import { gql, type TestServer } from '../support/harness';

jest.setTimeout(240_000);

const AUTHORIZATION = 'Bearer not-a-real-key';
const SEARCH = EXAMPLES.find((example) => example.name === 'Search')!;

describe('GraphiQL in Chromium', () => {
  const external: string[] = [];
  const session = browserSession({
    build: ensureGraphiqlBuilt,
    // Without the debug extension, whose request id would change the screenshot on every run.
    env: { GRAPHQL_DEBUG: 'false' },
    onContext: async (context, server) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.origin === server.origin) {
          return route.continue();
        }
        external.push(url.href);
        return route.abort('blockedbyclient');
      });
    },
  });
  let t: TestServer;
  let page: Page;
  beforeAll(() => ({ t, page } = session));

  afterEach(() => {
    expect(external.splice(0)).toEqual([]);
  });

  const tabs = () => page.getByRole('tablist', { name: 'Select active operation' }).getByRole('tab');
  /** Presses the run button and returns the request it sent. */
  const run = async () => {
    const sent = page.waitForRequest((request) => request.url() === t.url && request.method() === 'POST');
    await page.getByRole('button', { name: /^Execute query/ }).click();
    return sent;
  };

  it('opens from /graphql on the README example operations, one a tab, and runs one as a JSON POST', async () => {
    await page.goto(t.url);
    expect(new URL(page.url()).pathname).toBe('/graphiql');
    await tabs().first().waitFor();
    expect(await tabs().allTextContents()).toEqual(EXAMPLES.map((example) => example.name));
    await page
      .locator('.graphiql-query-editor')
      .filter({ hasText: `query ${EXAMPLES[0].name}` })
      .waitFor();

    const expected = await gql(t.url, SEARCH.query);
    await page.getByRole('tab', { name: SEARCH.name }).click();
    await page
      .locator('.graphiql-query-editor')
      .filter({ hasText: `query ${SEARCH.name}` })
      .waitFor();
    const request = await run();
    expect(request.headers()['content-type']).toBe('application/json');
    expect(JSON.parse(request.postData()!).query).toBe(SEARCH.query);
    await page.locator('.graphiql-response').filter({ hasText: expected.data!.search.edges[0].node.id }).waitFor();
    await page.screenshot({ path: path.join(DOC_IMAGES, 'graphiql.png') });
  });

  it('sends the headers the headers editor holds, such as an API key', async () => {
    const headers = page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden)');
    await expect(headers.textContent()).resolves.toContain('Authorization');
    await headers.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    // Pasted, not typed: the editor adds a closing bracket to a typed one.
    await page.evaluate(
      (text) => (globalThis as any).navigator.clipboard.writeText(text),
      JSON.stringify({ Authorization: AUTHORIZATION }),
    );
    await page.keyboard.press('ControlOrMeta+V');
    const request = await run();
    expect(request.headers()['authorization']).toBe(AUTHORIZATION);
    expect((await request.response())!.status()).toBe(200);
  });

  it('has no serious accessibility violations on a desktop or a phone', async () => {
    await page.setViewportSize(DESKTOP);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.setViewportSize(DESKTOP);
  });

  it('closes the focused tab with Delete', async () => {
    await page.getByRole('tab', { name: 'Why' }).focus();
    await page.keyboard.press('Delete');
    await page.getByRole('tab', { name: 'Why' }).waitFor({ state: 'detached' });
    expect(await tabs().allTextContents()).toEqual(
      EXAMPLES.filter((example) => example.name !== 'Why').map((example) => example.name),
    );
  });
});
