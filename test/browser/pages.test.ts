// Every explorer page, on a desktop and on a 390 px phone: it loads without console errors, fits
// the screen without sideways scrolling, and axe-core (in the page) finds no serious or critical
// accessibility violation. The desktop views are the README's screenshots in docs/images/.
// Pages with suites of their own (browse, graph, evidence, GraphiQL) are checked here too, at
// their plainest address, so that one list names every page.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DESKTOP, DOC_IMAGES, PHONE, seriousAccessibilityViolations, browserSession } from '../support/browser';
import type { TestServer } from '../support/harness';

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

  it.each(PAGES)('$name: no console error, no sideways scrolling, no serious accessibility violation', async (c) => {
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
  });
});
