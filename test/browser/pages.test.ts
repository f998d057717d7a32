// Every explorer page, on a desktop and on a 390 px phone: it loads without console errors, fits
// the screen without sideways scrolling, and axe-core (in the page) finds no serious or critical
// accessibility violation. The desktop views are the README's screenshots in docs/images/.
// Pages with suites of their own (browse, graph, evidence) are checked here too, at their plainest
// address, so that one list names every explorer page; then the entity and browse page of every
// kind. GraphiQL is checked the same way in graphiql.test.ts.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DESKTOP, DOC_IMAGES, PHONE, seriousAccessibilityViolations, browserSession } from '../support/browser';
import { BROWSE } from '../../explorer/src/browse';
import { ENTITY_TYPES } from '../../explorer/src/model';
import { gql, type TestServer } from '../support/harness';
import { loadSyntheticRegistryFacts, removeSynthetic } from '../support/synthetic';

const SYNTHETIC = 'zz-pages';

jest.setTimeout(300_000);

interface PageCase {
  name: string;
  route: string;
  /** The screenshot written to docs/images/ from the desktop view, if the README shows this page. */
  image?: string;
}

const PAGES: PageCase[] = [
  { name: 'home', route: '/', image: 'home.png' },
  { name: 'condition', route: '/entity/condition:degenerative-disc-disease', image: 'entity.png' },
  { name: 'trial', route: '/entity/trial:nct01290367' },
  { name: 'source', route: '/entity/source:schneider-2022' },
  { name: 'product', route: '/entity/product:rexlemestrocel-l' },
  { name: 'graph', route: '/graph/condition:degenerative-disc-disease' },
  { name: 'dashboard', route: '/dashboard' },
  { name: 'browse index', route: '/browse' },
  { name: 'browse trials', route: '/browse/Trial' },
  {
    name: 'paths',
    route: '/paths?from=cell-type:mesenchymal-stem-cell&to=condition:low-back-pain',
    image: 'paths.png',
  },
  { name: 'unknown entity', route: '/entity/condition:nope' },
  { name: 'not found', route: '/no-such-page' },
];

describe('every explorer page', () => {
  const session = browserSession();
  let t: TestServer;
  let page: Page;
  beforeAll(() => ({ t, page } = session));

  /** Opens a page and waits until its heading is drawn, its requests are answered and nothing is loading. */
  async function load(route: string): Promise<void> {
    await page.goto(`${t.origin}/explore${route}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.locator('.loading').first().waitFor({ state: 'detached' });
  }

  /** On a desktop and a phone: no sideways scrolling and no serious accessibility violation. */
  async function check(c: PageCase): Promise<void> {
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await load(c.route);
      await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
      const overflow = await page.evaluate(
        () => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      if (viewport === DESKTOP && c.image !== undefined) {
        await page.screenshot({ path: path.join(DOC_IMAGES, c.image), fullPage: true });
      }
    }
  }

  it.each(PAGES)('$name: no console error, no sideways scrolling, no serious accessibility violation', check);

  describe('of every kind', () => {
    // After the screenshots, which show the seed alone: the seed names no sponsors, and synthetic
    // registry facts give Organization a page to check.
    beforeAll(() => loadSyntheticRegistryFacts(t.database.executor(), SYNTHETIC));
    afterAll(() => removeSynthetic(t.database.executor(), SYNTHETIC));

    it.each([...ENTITY_TYPES])('the entity page and the browse page of a %s pass the same checks', async (kind) => {
      const { connection } = BROWSE[kind];
      const first = await gql<Record<string, { edges: Array<{ node: { id: string } }> }>>(
        t.url,
        `{ list: ${connection}(first: 1) { edges { node { id } } } }`,
      );
      expect(first.errors).toBeUndefined();
      const [edge] = first.data!.list.edges;
      expect(edge).toBeDefined();
      await check({ name: kind, route: `/entity/${edge.node.id}` });
      await check({ name: kind, route: `/browse/${kind}` });
    });
  });
});
