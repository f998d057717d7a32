// The graph view in Debian's Chromium against the real server and the seed graph: the same graph
// gives the same picture whatever order the API lists it in, labels do not overlap, the legend
// names the kinds drawn, and a relationship, clicked or opened from the keyboard, shows the
// evidence and sources the API states for its claim. What the page should show is read from the
// GraphQL API; positions and label boxes are read from the page's Cytoscape instance, which
// Cytoscape keeps on its container (_cyreg).
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { GRAPH_NEIGHBORHOOD } from '../../explorer/src/graphQueries';
import { NEIGHBOURS } from '../../explorer/src/queries';
import { ENTITIES } from '../../src/graph/entities';
import { RELATIONSHIPS } from '../../src/graph/relationships';
import {
  BROWSER_TIMEOUT_MS,
  DESKTOP,
  DOC_IMAGES,
  ensureExplorerBuilt,
  launchChromium,
  PHONE,
  type Problems,
  seriousAccessibilityViolations,
  SLOW_MACHINE,
  warmUp,
  watch,
} from '../support/browser';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';

const DDD = 'condition:degenerative-disc-disease';
const CLAIM = 'claim:nct01290367-studies-degenerative-disc-disease';
jest.setTimeout(240_000);

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

interface ApiClaim {
  id: string;
  source: string;
  target: string;
  type: string;
  evidence: {
    level: string;
    knowledgeLevel: string;
    score: { value: number } | null;
    sources: Array<{ id: string; title: string; url: string | null }>;
  };
}

const NEIGHBOURHOOD = `
query Expected($id: ID!, $limit: Int) {
  neighborhood(id: $id, depth: 1, limit: $limit) {
    nodes { __typename id name }
    edges { id source target type evidence { level knowledgeLevel score { value } sources { id title url } } }
  }
}`;

/** An enum value as words, to compare with the page's wording whatever its capitals. */
const words = (value: string) => value.replace(/_/g, ' ').toLowerCase();

function overlap(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

describe('the graph view in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: Problems;
  let expected: { nodes: Array<{ __typename: string; id: string; name: string }>; edges: ApiClaim[] };

  const openGraph = async (target: Page, id: string) => {
    await target.goto(`${t.origin}/explore/graph/${id}`);
    await target.waitForFunction(() => {
      const count = (globalThis as any).document.querySelector('[data-testid="graph-count"]');
      const cy = (globalThis as any).document.querySelector('.graph-canvas')?._cyreg?.cy;
      const nodes = Number(count?.getAttribute('data-nodes'));
      return !count?.textContent.includes('loading') && nodes > 0 && cy?.nodes().length === nodes;
    });
  };

  /** Every node's model and on-screen position, by id. */
  const positions = (target: Page) =>
    target.evaluate(() => {
      const cy = (globalThis as any).document.querySelector('.graph-canvas')._cyreg.cy;
      return Object.fromEntries(
        cy
          .nodes()
          .map((node: any) => [node.id(), { model: node.position(), rendered: node.renderedPosition() }])
          .sort(([a]: [string], [b]: [string]) => (a < b ? -1 : 1)),
      );
    });

  beforeAll(async () => {
    ensureExplorerBuilt();
    t = await startTestServer(SLOW_MACHINE);
    await ensureSeedGraph(t.database);
    await warmUp(t);
    const answer = await gql(t.url, NEIGHBOURHOOD, { id: DDD, limit: NEIGHBOURS });
    expect(answer.errors).toBeUndefined();
    expected = answer.data!.neighborhood;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: DESKTOP, reducedMotion: 'reduce' });
    page = await context.newPage();
    page.setDefaultTimeout(BROWSER_TIMEOUT_MS);
    problems = watch(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    const seen = problems.list.splice(0);
    expect(seen).toEqual([]);
  });

  it('asks the server only what its limits accept', async () => {
    const answer = await gql(t.url, GRAPH_NEIGHBORHOOD, { id: DDD, limit: NEIGHBOURS });
    expect({ status: answer.status, errors: answer.errors }).toEqual({ status: 200, errors: undefined });
  });

  it('draws the same graph at the same positions on every load, whatever order the API lists it in', async () => {
    await openGraph(page, DDD);
    const first = await positions(page);
    expect(Object.keys(first)).toEqual(expected.nodes.map((node) => node.id).sort());

    await openGraph(page, DDD);
    await expect(positions(page)).resolves.toEqual(first);

    // The same answer, its nodes and claims listed backwards: nothing moves.
    const reversed = await context.newPage();
    const reversedProblems = watch(reversed);
    await reversed.route('**/graphql', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      const neighbourhood = body.data?.neighborhood;
      if (neighbourhood !== undefined) {
        neighbourhood.nodes.reverse();
        neighbourhood.edges.reverse();
      }
      await route.fulfill({ response, json: body });
    });
    try {
      await openGraph(reversed, DDD);
      await expect(positions(reversed)).resolves.toEqual(first);
      expect(reversedProblems.list).toEqual([]);
    } finally {
      await reversed.close();
    }
  });

  it('draws no label over another label or entity at the default zoom', async () => {
    await openGraph(page, DDD);
    const drawn = await page.evaluate(() => {
      const cy = (globalThis as any).document.querySelector('.graph-canvas')._cyreg.cy;
      const only = (labels: boolean) => ({
        includeNodes: !labels,
        includeEdges: false,
        includeLabels: labels,
        includeOverlays: false,
        includeUnderlays: false,
        includeOutlines: false,
      });
      return {
        zoom: cy.zoom(),
        fontSize: parseFloat(cy.nodes()[0].style('font-size')),
        nodes: cy.nodes().map((node: any) => ({
          id: node.id(),
          label: node.renderedBoundingBox(only(true)),
          shape: node.renderedBoundingBox(only(false)),
        })),
        edges: cy.edges().map((edge: any) => ({ id: edge.id(), label: edge.renderedBoundingBox(only(true)) })),
      };
    });
    expect(drawn.nodes).toHaveLength(expected.nodes.length);
    // Readable: the labels are drawn at 10 px or more.
    expect(drawn.fontSize * drawn.zoom).toBeGreaterThanOrEqual(10);
    const clashes: string[] = [];
    for (const [i, a] of drawn.nodes.entries()) {
      expect(a.label.w).toBeGreaterThan(0);
      for (const [j, b] of drawn.nodes.entries()) {
        if (j > i && overlap(a.label, b.label)) {
          clashes.push(`label of ${a.id} over label of ${b.id}`);
        }
        if (j !== i && overlap(a.label, b.shape)) {
          clashes.push(`label of ${a.id} over ${b.id}`);
        }
      }
    }
    for (const [i, a] of drawn.edges.entries()) {
      expect(a.label.w).toBeGreaterThan(0);
      for (const node of drawn.nodes) {
        if (overlap(a.label, node.label) || overlap(a.label, node.shape)) {
          clashes.push(`label of ${a.id} over ${node.id}`);
        }
      }
      for (const b of drawn.edges.slice(i + 1)) {
        if (overlap(a.label, b.label)) {
          clashes.push(`label of ${a.id} over label of ${b.id}`);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('lists in the legend each kind drawn, with its shape', async () => {
    await openGraph(page, DDD);
    const kinds = ENTITIES.filter((entity) => expected.nodes.some((node) => node.__typename === entity.label));
    const legend = page.getByTestId('graph-legend').locator('li');
    await expect(legend.evaluateAll((items) => items.map((item) => item.textContent))).resolves.toEqual(
      kinds.map((kind) => `${kind.display.name}${kind.display.shape}`),
    );
    const fills = await legend.evaluateAll((items) =>
      items.map((item) => item.querySelector('svg > *')?.getAttribute('fill')?.toUpperCase()),
    );
    expect(fills).toEqual(kinds.map((kind) => kind.display.colour.toUpperCase()));
  });

  it('shows the evidence and sources of a relationship clicked on the canvas, as the API states them', async () => {
    await openGraph(page, DDD);
    const claim = expected.edges.find((edge) => edge.id === CLAIM)!;
    expect(claim).toBeDefined();
    const drawn = await page.evaluate((id) => {
      const container = (globalThis as any).document.querySelector('.graph-canvas');
      const edge = container._cyreg.cy.getElementById(id);
      const box = container.getBoundingClientRect();
      const at = edge.renderedMidpoint();
      return { label: edge.data('label'), x: box.left + at.x, y: box.top + at.y };
    }, CLAIM);
    const definition = RELATIONSHIPS.find(
      (rel) =>
        rel.type === claim.type &&
        rel.from === expected.nodes.find((node) => node.id === claim.source)!.__typename &&
        rel.to === expected.nodes.find((node) => node.id === claim.target)!.__typename,
    )!;
    expect(drawn.label).toBe(definition.verbs.out);

    await page.mouse.click(drawn.x, drawn.y);
    const panel = page.getByTestId('edge-evidence');
    await panel.waitFor();
    await expectEvidence(panel, claim, definition.verbs.out);
    await page.getByRole('button', { name: 'Close' }).click();
    await panel.waitFor({ state: 'detached' });
  });

  it('opens a relationship from the keyboard, through the list under the drawing', async () => {
    await openGraph(page, DDD);
    const claim = expected.edges.find((edge) => edge.id === CLAIM)!;
    const summary = page.getByText(/^Relationships in the drawing \(\d+\)$/);
    await expect(summary.textContent()).resolves.toBe(`Relationships in the drawing (${expected.edges.length})`);
    await summary.focus();
    await page.keyboard.press('Enter');
    const buttons = page.getByTestId('graph-edges').getByRole('button');
    await expect(buttons.count()).resolves.toBe(expected.edges.length);
    const button = page.locator(`button[data-claim="${CLAIM}"]`);
    await button.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('edge-evidence');
    await panel.waitFor();
    // Focus moves to the panel, so a screen reader reads it next.
    await expect(page.evaluate(() => (globalThis as any).document.activeElement?.id)).resolves.toBe(
      'edge-evidence-heading',
    );
    const definition = RELATIONSHIPS.find((rel) => rel.type === claim.type)!;
    await expectEvidence(panel, claim, definition.verbs.out);
  });

  it('has no serious accessibility violations on a desktop and on a 390 px phone, evidence open', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await openGraph(page, DDD);
      await page.getByText(/^Relationships in the drawing/).click();
      await page.getByText(/^Entities in the drawing/).click();
      await page.locator(`button[data-claim="${CLAIM}"]`).click();
      await page.getByTestId('edge-evidence').waitFor();
      await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
      const overflow = await page.evaluate(
        () => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize(DESKTOP);
    await openGraph(page, DDD);
    await page.locator('.graph-canvas').scrollIntoViewIfNeeded();
    const drawn = await page.evaluate((id) => {
      const container = (globalThis as any).document.querySelector('.graph-canvas');
      const at = container._cyreg.cy.getElementById(id).renderedMidpoint();
      const box = container.getBoundingClientRect();
      return { x: box.left + at.x, y: box.top + at.y };
    }, CLAIM);
    await page.mouse.click(drawn.x, drawn.y);
    await page.getByTestId('edge-evidence').waitFor();
    await page.mouse.move(0, 0);
    await page.locator('main').screenshot({ path: path.join(DOC_IMAGES, 'graph.png') });
  });
});

async function expectEvidence(panel: ReturnType<Page['getByTestId']>, claim: ApiClaim, verb: string) {
  await expect(panel.locator('.edge-sentence').textContent()).resolves.toContain(` ${verb} `);
  expect(words((await panel.getByTestId('edge-level').textContent()) ?? '')).toBe(words(claim.evidence.level));
  expect(words((await panel.getByTestId('edge-knowledge-level').textContent()) ?? '')).toBe(
    words(claim.evidence.knowledgeLevel),
  );
  if (claim.evidence.score === null) {
    await expect(panel.getByTestId('edge-score').count()).resolves.toBe(0);
  } else {
    await expect(panel.getByTestId('edge-score').textContent()).resolves.toBe(claim.evidence.score.value.toFixed(2));
  }
  expect(claim.evidence.sources.length).toBeGreaterThan(0);
  // Until the sources' titles arrive, a citation shows its id.
  await panel.page().waitForFunction((count) => {
    const titles = [...(globalThis as any).document.querySelectorAll('.edge-evidence .citation > a:first-child')];
    return titles.length === count && titles.every((title: any) => !title.textContent.startsWith('source:'));
  }, claim.evidence.sources.length);
  const citations = panel.locator('.citation');
  const shown = await citations.evaluateAll((items) =>
    items.map((item) => ({
      page: item.querySelector('a')?.getAttribute('href'),
      title: item.querySelector('a')?.textContent,
      url: item.querySelector('a.external')?.getAttribute('href') ?? null,
    })),
  );
  const expectedSources = claim.evidence.sources.map((source) => ({
    page: `/explore/entity/${source.id}`,
    title: source.title,
    url: source.url,
  }));
  const byPage = (a: { page?: string | null }, b: { page?: string | null }) =>
    (a.page ?? '') < (b.page ?? '') ? -1 : 1;
  expect([...shown].sort(byPage)).toEqual([...expectedSources].sort(byPage));
}
