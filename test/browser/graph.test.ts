// The graph view in Debian's Chromium against the real server and the seed graph, then the seed
// graph with parallel claims (a registry's claim beside a curated one of the same type between the
// same two entities, as an ingestion leaves them): the same graph gives the same picture whatever
// order the API lists it in, labels do not overlap, the legend names the kinds drawn, and a
// relationship, clicked or opened from the keyboard, shows the evidence, provenance and sources the
// API states for each of its claims. What the page should show is read from the GraphQL API;
// positions and label boxes are read from the page's Cytoscape instance, which Cytoscape keeps on
// its container (_cyreg).
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
import { loadSyntheticParallelClaims, removeSynthetic } from '../support/synthetic';

const DDD = 'condition:degenerative-disc-disease';
const CLAIM = 'claim:nct01290367-studies-degenerative-disc-disease';
const SYNTHETIC = `graphview${process.pid}`;
jest.setTimeout(240_000);

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

interface ApiNode {
  __typename: string;
  id: string;
  name: string;
}

interface Neighbourhood {
  nodes: ApiNode[];
  edges: ApiClaim[];
}

interface ApiClaim {
  id: string;
  source: string;
  target: string;
  type: string;
  evidence: {
    level: string;
    knowledgeLevel: string;
    agentType: string;
    retrievedAt: string | null;
    score: { value: number } | null;
    sources: Array<{ id: string; title: string; url: string | null }>;
  };
}

const NEIGHBOURHOOD = `
query Expected($id: ID!, $limit: Int) {
  neighborhood(id: $id, depth: 1, limit: $limit) {
    nodes { __typename id name }
    edges {
      id source target type
      evidence { level knowledgeLevel agentType retrievedAt score { value } sources { id title url } }
    }
  }
}`;

/** An enum value as words, to compare with the page's wording whatever its capitals. */
const words = (value: string) => value.replace(/_/g, ' ').toLowerCase();

function overlap(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const pairOf = (claim: ApiClaim) => [claim.source, claim.target].sort().join(' ');

/** Every claim joining the same two entities as `claim`, whichever way, by id. */
function claimsBetween(graph: Neighbourhood, claim: ApiClaim): ApiClaim[] {
  return graph.edges.filter((edge) => pairOf(edge) === pairOf(claim)).sort(byId);
}

/** The relationships the drawing should hold: one for each pair of entities some claim joins. */
const pairCount = (graph: Neighbourhood) => new Set(graph.edges.map(pairOf)).size;

/** What the vocabulary says a claim states, read from its subject ("studies"). */
function verbOf(graph: Neighbourhood, claim: ApiClaim): string {
  const kind = (id: string) => graph.nodes.find((node) => node.id === id)!.__typename;
  return RELATIONSHIPS.find(
    (rel) => rel.type === claim.type && rel.from === kind(claim.source) && rel.to === kind(claim.target),
  )!.verbs.out;
}

describe('the graph view in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: Problems;
  let expected: Neighbourhood;

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

  /** The page's drawing of the graph around DDD is the same when the API lists it backwards. */
  const expectSamePositionsWhateverOrder = async (graph: Neighbourhood) => {
    await openGraph(page, DDD);
    const first = await positions(page);
    expect(Object.keys(first)).toEqual(graph.nodes.map((node) => node.id).sort());

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
  };

  const expectNoLabelClashes = async (graph: Neighbourhood) => {
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
    expect(drawn.nodes).toHaveLength(graph.nodes.length);
    expect(drawn.edges).toHaveLength(pairCount(graph));
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
    // Readable: the labels are drawn at 10 px or more.
    expect(drawn.fontSize * drawn.zoom).toBeGreaterThanOrEqual(10);
  };

  /** The one edge drawn between the two entities `claim` joins: its label and its middle on screen. */
  const edgeOnCanvas = (target: Page, claim: ApiClaim) =>
    target.evaluate(
      ([a, b]) => {
        const container = (globalThis as any).document.querySelector('.graph-canvas');
        const between = container._cyreg.cy
          .edges()
          .filter((edge: any) => [edge.source().id(), edge.target().id()].sort().join(' ') === [a, b].sort().join(' '));
        const box = container.getBoundingClientRect();
        const at = between[0].renderedMidpoint();
        return { count: between.length, label: between[0].data('label'), x: box.left + at.x, y: box.top + at.y };
      },
      [claim.source, claim.target],
    );

  const expectClickShowsEvidence = async (graph: Neighbourhood, claimId: string) => {
    await openGraph(page, DDD);
    const claim = graph.edges.find((edge) => edge.id === claimId)!;
    expect(claim).toBeDefined();
    const claims = claimsBetween(graph, claim);
    const drawn = await edgeOnCanvas(page, claim);
    expect(drawn.count).toBe(1);
    const statements = [...new Set(claims.map((c) => verbOf(graph, c)))].join(' · ');
    expect(drawn.label).toBe(claims.length > 1 ? `${statements} (${claims.length} claims)` : statements);

    await page.mouse.click(drawn.x, drawn.y);
    const panel = page.getByTestId('edge-evidence');
    await panel.waitFor();
    await expectEvidence(panel, graph, claims);
    await page.getByRole('button', { name: 'Close' }).click();
    await panel.waitFor({ state: 'detached' });
  };

  const expectKeyboardOpensEvidence = async (graph: Neighbourhood, claimId: string) => {
    await openGraph(page, DDD);
    const claim = graph.edges.find((edge) => edge.id === claimId)!;
    const summary = page.getByText(/^Relationships in the drawing \(\d+\)$/);
    await expect(summary.textContent()).resolves.toBe(`Relationships in the drawing (${pairCount(graph)})`);
    await summary.focus();
    await page.keyboard.press('Enter');
    const buttons = page.getByTestId('graph-edges').getByRole('button');
    await expect(buttons.count()).resolves.toBe(pairCount(graph));
    const button = page.locator(`button[data-claims~="${claimId}"]`);
    await button.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('edge-evidence');
    await panel.waitFor();
    // Focus moves to the panel, so a screen reader reads it next.
    await expect(page.evaluate(() => (globalThis as any).document.activeElement?.id)).resolves.toBe(
      'edge-evidence-heading',
    );
    await expectEvidence(panel, graph, claimsBetween(graph, claim));
  };

  it('draws the same graph at the same positions on every load, whatever order the API lists it in', async () => {
    await expectSamePositionsWhateverOrder(expected);
  });

  it('draws no label over another label or entity at the default zoom', async () => {
    await expectNoLabelClashes(expected);
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
    await expectClickShowsEvidence(expected, CLAIM);
  });

  it('opens a relationship from the keyboard, through the list under the drawing', async () => {
    await expectKeyboardOpensEvidence(expected, CLAIM);
  });

  it('has no serious accessibility violations on a desktop and on a 390 px phone, evidence open', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await openGraph(page, DDD);
      await page.getByText(/^Relationships in the drawing/).click();
      await page.getByText(/^Entities in the drawing/).click();
      await page.locator(`button[data-claims~="${CLAIM}"]`).click();
      await page.getByTestId('edge-evidence').waitFor();
      await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
      const overflow = await page.evaluate(
        () => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize(DESKTOP);
    await openGraph(page, DDD);
    await page.locator('.graph-canvas').evaluate((canvas) => canvas.scrollIntoView({ block: 'center' }));
    const drawn = await edgeOnCanvas(
      page,
      expected.edges.find((edge) => edge.id === CLAIM)!,
    );
    await page.mouse.click(drawn.x, drawn.y);
    await page.getByTestId('edge-evidence').waitFor();
    await page.mouse.move(0, 0);
    await page.locator('main').screenshot({ path: path.join(DOC_IMAGES, 'graph.png') });
  });

  describe('with parallel claims', () => {
    let parallel: Neighbourhood;
    let registryClaims: string[];

    beforeAll(async () => {
      // A registry's claim beside every other curated claim around DDD, and two beside CLAIM.
      const kind = (id: string) => expected.nodes.find((node) => node.id === id)!.__typename;
      const curated = [...expected.edges].sort(byId);
      const beside = [
        curated.find((edge) => edge.id === CLAIM)!,
        ...curated.filter((edge, i) => i % 2 === 0 || edge.id === CLAIM),
      ];
      registryClaims = await loadSyntheticParallelClaims(
        t.database.executor(),
        SYNTHETIC,
        beside.map((edge) => ({
          type: edge.type,
          subject: { id: edge.source, label: kind(edge.source) },
          object: { id: edge.target, label: kind(edge.target) },
        })),
      );
      const answer = await gql(t.url, NEIGHBOURHOOD, { id: DDD, limit: NEIGHBOURS });
      expect(answer.errors).toBeUndefined();
      parallel = answer.data!.neighborhood;
      expect(parallel.edges.map((edge) => edge.id).sort()).toEqual(
        [...expected.edges.map((edge) => edge.id), ...registryClaims].sort(),
      );
      const besideClaim = claimsBetween(
        expected,
        expected.edges.find((edge) => edge.id === CLAIM)!,
      );
      expect(
        claimsBetween(
          parallel,
          parallel.edges.find((edge) => edge.id === CLAIM)!,
        ),
      ).toHaveLength(besideClaim.length + 2);
    });

    afterAll(async () => {
      await removeSynthetic(t.database.executor(), SYNTHETIC);
    });

    it('draws them at the same positions on every load, whatever order the API lists them in', async () => {
      await expectSamePositionsWhateverOrder(parallel);
    });

    it('draws one edge for each pair of entities, with no label over another label or entity', async () => {
      await expectNoLabelClashes(parallel);
    });

    it('shows each claim of a relationship clicked on the canvas, with its own evidence and provenance', async () => {
      await expectClickShowsEvidence(parallel, CLAIM);
      await expectClickShowsEvidence(parallel, registryClaims[registryClaims.length - 1]);
    });

    it('opens a relationship with parallel claims from the keyboard', async () => {
      await expectKeyboardOpensEvidence(parallel, registryClaims[0]);
    });
  });
});

/** The panel names the relationship and lists each of `claims` with what the API states for it. */
async function expectEvidence(panel: ReturnType<Page['getByTestId']>, graph: Neighbourhood, claims: ApiClaim[]) {
  const verbs = new Set(claims.map((claim) => verbOf(graph, claim)));
  if (verbs.size === 1 && new Set(claims.map((claim) => claim.source)).size === 1) {
    await expect(panel.locator('.edge-sentence').textContent()).resolves.toContain(` ${[...verbs][0]} `);
  }
  const items = panel.getByTestId('edge-claim');
  await expect(items.evaluateAll((all) => all.map((item) => item.getAttribute('data-claim')))).resolves.toEqual(
    claims.map((claim) => claim.id),
  );
  for (const claim of claims) {
    const item = panel.locator(`[data-testid="edge-claim"][data-claim="${claim.id}"]`);
    expect(words((await item.getByTestId('edge-level').textContent()) ?? '')).toBe(words(claim.evidence.level));
    expect(words((await item.getByTestId('edge-knowledge-level').textContent()) ?? '')).toBe(
      words(claim.evidence.knowledgeLevel),
    );
    expect(words((await item.getByTestId('edge-agent').textContent()) ?? '')).toBe(words(claim.evidence.agentType));
    const origin = (await item.getByTestId('edge-origin').textContent()) ?? '';
    if (claim.evidence.retrievedAt === null) {
      expect(origin).toBe('Curated');
    } else {
      expect(origin).toContain(claim.evidence.retrievedAt.slice(0, 10));
    }
    if (claim.evidence.score === null) {
      await expect(item.getByTestId('edge-score').count()).resolves.toBe(0);
    } else {
      await expect(item.getByTestId('edge-score').textContent()).resolves.toBe(claim.evidence.score.value.toFixed(2));
    }
    expect(claim.evidence.sources.length).toBeGreaterThan(0);
    // Until the sources' titles arrive, a citation shows its id.
    await panel.page().waitForFunction(
      ([id, count]) => {
        const titles = [
          ...(globalThis as any).document.querySelectorAll(
            `.edge-evidence [data-claim="${id}"] .citation > a:first-of-type`,
          ),
        ];
        return titles.length === count && titles.every((title: any) => !title.textContent.startsWith('source:'));
      },
      [claim.id, claim.evidence.sources.length] as const,
    );
    const shown = await item.locator('.citation').evaluateAll((all) =>
      all.map((citation) => ({
        page: citation.querySelector('a')?.getAttribute('href'),
        title: citation.querySelector('a')?.textContent,
        url: citation.querySelector('a.external')?.getAttribute('href') ?? null,
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
}
