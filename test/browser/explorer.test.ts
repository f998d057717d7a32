// The explorer in a real browser: Debian's Chromium (never a downloaded one) driven by
// playwright-core against the real server and the seed graph. It searches, opens degenerative
// disc disease, reads its trials and their citations in the evidence table, grows the graph view,
// draws the dashboard and finds paths, saving screenshots under screenshots/ (git-ignored). Any
// console error or uncaught page error fails the test that caused it.
//
// What the page should show is read from the GraphQL API directly, not from the explorer's code.
// Functions passed to page.evaluate run in the browser; this project's test types have no DOM
// library, so they reach the page through `globalThis` as `any`.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ENTITY_TYPES, RELATIONS } from '../../explorer/src/model';
import { GRAPH_NEIGHBORHOOD } from '../../explorer/src/graphQueries';
import * as explorerQueries from '../../explorer/src/queries';
import { ensureExplorerBuilt, type Problems, SCREENSHOTS, SLOW_MACHINE, browserSession } from '../support/browser';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';
import { loadSyntheticRegistryFacts, removeSynthetic } from '../support/synthetic';

const SYNTHETIC = 'zz-explorer';
const DDD = 'condition:degenerative-disc-disease';
jest.setTimeout(240_000);

describe('the explorer in Chromium', () => {
  const session = browserSession();
  let t: TestServer;
  let page: Page;
  let problems: Problems;
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const open = (route: string) => page.goto(`${t.origin}/explore${route}`);

  beforeAll(() => ({ t, page, problems } = session));

  it('searches "degenerative" and opens degenerative disc disease from the keyboard', async () => {
    await open('/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/knowledge graph/);
    const search = page.getByRole('combobox', { name: 'Search the knowledge graph' });
    await search.click();
    await search.pressSequentially('degenerative');
    await page
      .getByRole('option')
      .filter({ hasText: /^ConditionDegenerative disc disease$/ })
      .waitFor();

    // Arrow down through the suggestions until the active one is the condition, then Enter.
    let active = '';
    for (let step = 0; step < 8 && active !== 'Degenerative disc disease'; step++) {
      await search.press('ArrowDown');
      const activeId = await search.getAttribute('aria-activedescendant');
      active =
        activeId === null ? '' : ((await page.locator(`[id="${activeId}"] .suggestion-name`).textContent()) ?? '');
    }
    expect(active).toBe('Degenerative disc disease');
    await search.press('Enter');

    await page.waitForURL(`**/explore/entity/${DDD}`);
    await page.getByRole('heading', { level: 1, name: 'Degenerative disc disease', exact: true }).waitFor();
    // The primary CURIE links to its ontology page.
    await page.locator('a[href="http://purl.obolibrary.org/obo/MONDO_0011385"]').waitFor();
  });

  it('lists the trials of degenerative disc disease with their citations in the evidence table', async () => {
    const expected = await gql(
      t.url,
      `query ($id: ID!) { condition(id: $id) { trials(first: 10) { totalCount edges {
         node { id name } evidence { level sources { id title } } } } } }`,
      { id: DDD },
    );
    expect(expected.errors).toBeUndefined();
    const trials = expected.data!.condition.trials.edges as Array<{
      node: { id: string; name: string };
      evidence: { level: string; sources: Array<{ id: string; title: string }> };
    }>;
    expect(trials.length).toBeGreaterThan(0);
    expect(expected.data!.condition.trials.totalCount).toBe(trials.length);

    const rows = page.locator('table.evidence-table tbody tr[data-relation="STUDIES"]');
    await rows.first().waitFor();
    // Citations arrive in a second request; wait until every source title has replaced its id.
    await page.waitForFunction(() =>
      [
        ...(globalThis as any).document.querySelectorAll(
          'table.evidence-table .citation a[href*="/explore/entity/source:"]',
        ),
      ].every((link) => !link.textContent?.startsWith('source:')),
    );
    expect(await rows.count()).toBe(trials.length);
    for (const trial of trials) {
      const row = rows.filter({ has: page.locator(`a[href="/explore/entity/${trial.node.id}"]`) });
      await expect(row.count()).resolves.toBe(1);
      await expect(row.locator('a').first().textContent()).resolves.toBe(trial.node.name);
      const citations = await row.locator('.citation a[href*="/explore/entity/source:"]').allTextContents();
      expect(citations).toEqual(trial.evidence.sources.map((source) => source.title));
      await expect(row.locator('.level-badge').textContent()).resolves.toMatch(/\w/);
    }
    await expect(page.locator('[role="alert"]').count()).resolves.toBe(0);
    await shot('explorer-entity');
  });

  it("shows the condition's evidence card with trials and claims counted apart", async () => {
    const expected = await gql(
      t.url,
      `query ($id: ID!) { evidenceSummary(conditionId: $id) { trialCount claimCount
         trialsByEvidenceLevel { level trialCount } claimsByEvidenceLevel { level claimCount } } }`,
      { id: DDD },
    );
    expect(expected.errors).toBeUndefined();
    const summary = expected.data!.evidenceSummary;
    const card = page.locator('section.evidence-card');
    await card.waitFor();
    await expect(card.locator('.card-trials').textContent()).resolves.toMatch(
      new RegExp(`^${summary.trialCount} trials? stud`),
    );
    // Each list's counts, read from the page, add up to what it claims to count.
    const counts = async (label: string) =>
      (await card.locator(`ul[aria-label="${label}"] li`).allTextContents()).map((text) =>
        Number(text.match(/(\d+)$/)![1]),
      );
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(sum(await counts('Evidence levels of those trials, one per trial'))).toBe(summary.trialCount);
    expect(sum(await counts('Evidence levels of the claims, one per claim'))).toBe(summary.claimCount);
    await expect(card.textContent()).resolves.toContain(`${summary.claimCount} claims`);
  });

  it('grows the graph view when a node is clicked', async () => {
    await page.getByRole('link', { name: 'Graph view' }).click();
    await page.waitForURL(`**/explore/graph/${DDD}`);
    const count = page.getByTestId('graph-count');
    const settled = async () => {
      await page.waitForFunction(() => {
        const text = (globalThis as any).document.querySelector('[data-testid="graph-count"]')?.textContent ?? '';
        return (
          !text.includes('loading') &&
          Number(
            (globalThis as any).document.querySelector('[data-testid="graph-count"]')?.getAttribute('data-nodes'),
          ) > 0
        );
      });
      return Number(await count.getAttribute('data-nodes'));
    };
    const before = await settled();
    expect(before).toBeGreaterThan(1);

    // Click, on the canvas, a trial the drawing has not expanded yet: its outcomes join the drawing.
    // Cytoscape keeps its instance on the container (_cyreg), which gives the node's screen position.
    const target = await page.evaluate(() => {
      const container = (globalThis as any).document.querySelector('.graph-canvas');
      type CyNode = { id(): string; data(key: string): unknown; renderedPosition(): { x: number; y: number } };
      const nodes: CyNode[] = container._cyreg?.cy?.nodes().toArray() ?? [];
      const unexpanded = nodes.filter((node) => node.id().startsWith('trial:') && node.data('expanded') !== true);
      // MSB-DR001 reports several outcomes, so expanding it certainly adds entities.
      const candidate = unexpanded.find((node) => node.id() === 'trial:nct01290367') ?? unexpanded[0];
      if (candidate === undefined) {
        return null;
      }
      const box = container.getBoundingClientRect();
      const at = candidate.renderedPosition();
      return { id: candidate.id(), x: box.left + at.x, y: box.top + at.y };
    });
    expect(target).not.toBeNull();
    await page.mouse.click(target!.x, target!.y);
    await page.waitForFunction(
      (n) =>
        Number((globalThis as any).document.querySelector('[data-testid="graph-count"]')?.getAttribute('data-nodes')) >
        n,
      before,
    );
    const after = await settled();
    expect(after).toBeGreaterThan(before);
    await expect(page.locator('.selection-name').textContent()).resolves.toMatch(/\w/);
    await shot('explorer-graph');
  });

  it('draws every chart of the dashboard', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL('**/explore/dashboard');
    await page.locator('.chart-card canvas').nth(5).waitFor();
    const charts = page.locator('.chart-card canvas');
    expect(await charts.count()).toBe(6);
    // A drawn chart has coloured pixels; a blank canvas is all transparent.
    await page.waitForFunction(() =>
      [...(globalThis as any).document.querySelectorAll('.chart-card canvas')].every((canvas: any) => {
        const context = canvas.getContext('2d');
        if (context === null || canvas.width === 0 || canvas.height === 0) {
          return false;
        }
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < pixels.length; i += 4) {
          if (pixels[i] !== 0) {
            return true;
          }
        }
        return false;
      }),
    );
    const stats = await gql(t.url, '{ trialAggregates { trialCount } }');
    await expect(page.locator('.tiles li').first().textContent()).resolves.toBe(
      `${stats.data!.trialAggregates.trialCount} trials`,
    );
    await shot('explorer-dashboard');
  });

  it("shows a condition's card on its dashboard: enrollment by kind and the figures that disagree", async () => {
    const LBP = 'condition:low-back-pain';
    const expected = await gql(
      t.url,
      `query ($id: ID!) { evidenceSummary(conditionId: $id) { trialCount
         enrollment { actual { trialCount total } planned { trialCount total } trialsWithoutEnrollment }
         disagreements { measure timepointMonths figures { outcome { id value } trial { id name }
           evidence { sources { id title } } } } } }`,
      { id: LBP },
    );
    expect(expected.errors).toBeUndefined();
    const summary = expected.data!.evidenceSummary;
    await open(`/dashboard?condition=${LBP}`);
    const card = page.locator('section.evidence-card');
    await card.waitFor();
    await expect(page.locator('.tiles li').first().textContent()).resolves.toBe(`${summary.trialCount} trials`);
    const figure = (total: number | null) => (total === null ? '—' : total.toLocaleString('en'));
    await expect(page.locator('.tiles li[data-kind="actual"] .tile-value').textContent()).resolves.toBe(
      figure(summary.enrollment.actual.total),
    );
    await expect(page.locator('.tiles li[data-kind="planned"] .tile-value').textContent()).resolves.toBe(
      figure(summary.enrollment.planned.total),
    );
    await expect(page.locator('.tiles li[data-kind="none"] .tile-value').textContent()).resolves.toBe(
      String(summary.enrollment.trialsWithoutEnrollment),
    );

    type Figure = {
      outcome: { id: string; value: number };
      trial: { name: string };
      evidence: { sources: Array<{ title: string }> };
    };
    const group = (
      summary.disagreements as Array<{ measure: string; timepointMonths: number; figures: Figure[] }>
    ).find((g) => g.measure === 'SUCCESS_RATE' && g.timepointMonths === 6);
    expect(group).toBeDefined();
    expect(group!.figures.map((f) => f.outcome.value)).toEqual(expect.arrayContaining([40.7, 53.5]));
    const table = card.locator('.disagreement[data-measure="SUCCESS_RATE"][data-timepoint="6"]');
    for (const f of group!.figures) {
      const row = table.locator(`tr[data-outcome="${f.outcome.id}"]`);
      await expect(row.locator('.figure-value a').textContent()).resolves.toContain(String(f.outcome.value));
      await expect(row.textContent()).resolves.toContain(f.trial.name);
      await expect(row.locator('.level-badge').count()).resolves.toBe(2);
      await expect(row.locator('.citation a[href*="/explore/entity/source:"]').allTextContents()).resolves.toEqual(
        f.evidence.sources.map((source) => source.title),
      );
    }
    await shot('explorer-dashboard-condition');
  });

  it('says a condition id that names nothing is unknown, instead of showing 0 trials', async () => {
    await open('/dashboard?condition=condition:nope');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/unknown condition: condition:nope/i);
    await expect(page.locator('.tiles').count()).resolves.toBe(0);
    await expect(page.getByText(/\b0 trials\b/).count()).resolves.toBe(0);
  });

  it('shows the paths between two entities as chains with the evidence of each step', async () => {
    await open('/paths?from=cell-type:mesenchymal-stem-cell&to=condition:low-back-pain');
    await page.locator('.path').first().waitFor();
    const steps = page.locator('.path').first().locator('.step');
    expect(await steps.count()).toBeGreaterThan(0);
    await expect(steps.first().locator('.level-badge').textContent()).resolves.toMatch(/\w/);
    await expect(steps.first().locator('.citation').count()).resolves.toBeGreaterThan(0);
    await shot('explorer-paths');
  });

  it('loads a deep link on a narrow screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open(`/entity/${DDD}`);
    await page.locator('table.evidence-table tbody tr').first().waitFor();
    const overflow = await page.evaluate(
      () => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('explorer-entity-narrow');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('explains a search it cannot run instead of showing the raw error', async () => {
    await open('/');
    const search = page.getByRole('combobox', { name: 'Search the knowledge graph' });
    await search.fill('"unclosed');
    const note = page.locator('.suggestion-note');
    await note.waitFor();
    await expect(note.textContent()).resolves.toMatch(/^The search did not understand that\./);
    await search.press('Escape');
  });

  it('says so when the server cannot be reached, without a stack or status line', async () => {
    // The aborted requests make Chromium log "Failed to load resource": the only console errors allowed here.
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    try {
      await open(`/entity/${DDD}`);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      const text = (await alert.textContent()) ?? '';
      expect(text).toMatch(/Could not reach the discgraph server/);
      expect(text).not.toMatch(/TypeError|Failed to fetch|ERR_|\bat\b.*:\d+/);
      await expect(page.getByRole('button', { name: 'Try again' }).count()).resolves.toBe(1);
    } finally {
      await page.unroute('**/graphql');
      problems.list = problems.list.filter((problem) => !/Failed to load resource/.test(problem));
    }
  });
});

describe('the explorer over HTTP', () => {
  let t: TestServer;
  beforeAll(async () => {
    ensureExplorerBuilt();
    t = await startTestServer(SLOW_MACHINE);
    await ensureSeedGraph(t.database);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers any explorer path with the app (deep links) but a missing asset with 404', async () => {
    const deep = await fetch(`${t.origin}/explore/entity/${DDD}`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toMatch(/^text\/html/);
    expect(deep.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await deep.text()).toContain('<div id="root">');
    const missing = await fetch(`${t.origin}/explore/assets/no-such-file.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
    expect(
      ((await missing.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code,
    ).toBe('NOT_FOUND');
  });

  // The server's operation limits (cost, aliases, tokens, depth) apply to the explorer like any
  // client: every operation it can send, at its largest, must be accepted for every entity type.
  it('sends only operations the server accepts, for every entity type', async () => {
    const q = explorerQueries;
    const oneOfEach: Record<(typeof ENTITY_TYPES)[number], string> = {
      Condition: DDD,
      Trial: 'trial:nct01290367',
      Outcome: 'outcome:nct01290367-pain-12m',
      Product: 'product:rexlemestrocel-l',
      CellType: 'cell-type:mesenchymal-stem-cell',
      CellSource: 'cell-source:bone-marrow',
      Mechanism: 'mechanism:anti-inflammatory',
      Risk: 'risk:injection-site-pain',
      RegulatoryStatus: 'regulatory-status:us-investigational-orthopedic',
      Organization: `organization:${SYNTHETIC}-sponsor`,
      Source: 'source:article-stem-cell-therapy-lbp',
    };
    // The seed names no sponsor; an ingested one stands in.
    await loadSyntheticRegistryFacts(t.database.executor(), SYNTHETIC);
    const accepted = async (query: string, variables: Record<string, unknown>) => {
      const response = await gql(t.url, query, variables);
      expect({ status: response.status, errors: response.errors }).toEqual({ status: 200, errors: undefined });
      return response.data!;
    };
    try {
      for (const type of ENTITY_TYPES) {
        const id = oneOfEach[type];
        const entity = await accepted(q.ENTITY, { id });
        expect(entity.node.__typename).toBe(type);
        const fields =
          type === 'Source' ? ['claims', 'describes'] : (RELATIONS[type] ?? []).map((relation) => relation.field);
        for (const field of fields) {
          await accepted(q.relationQuery(type, field), { id, first: q.RELATION_PAGE, after: null });
        }
      }
      const sources = await accepted('{ sources(first: 100) { edges { node { id } } } }', {});
      const sourceIds = sources.sources.edges.map((edge: { node: { id: string } }) => edge.node.id);
      const batch = Array.from({ length: q.SOURCE_BATCH }, (_, i) => sourceIds[i % sourceIds.length]);
      await accepted(q.SOURCES, { ids: batch });
      await accepted(q.SEARCH, { query: 'disc', first: 8 });
      await accepted(q.HOME, {});
      await accepted(q.CONDITION_OPTIONS, {});
      await accepted(q.DASHBOARD, { filter: {}, enrolled: { enrollment: { min: 0 } } });
      await accepted(q.DASHBOARD, { filter: { conditionIds: [DDD] }, enrolled: { conditionIds: [DDD] } });
      await accepted(q.CONDITION_DASHBOARD, {
        filter: { conditionIds: [DDD] },
        enrolled: { conditionIds: [DDD], enrollment: { min: 0 } },
        conditionId: DDD,
      });
      await accepted(q.EVIDENCE_SUMMARY, { conditionId: DDD });
      await accepted(GRAPH_NEIGHBORHOOD, { id: DDD, limit: q.NEIGHBOURS });
      await accepted(q.ENTITY_NAMES, { ids: [DDD, 'condition:low-back-pain'] });
      await accepted(q.PATHS, {
        from: 'cell-type:mesenchymal-stem-cell',
        to: 'condition:low-back-pain',
        maxLength: 6,
        first: 5,
      });
    } finally {
      await removeSynthetic(t.database.executor(), SYNTHETIC);
    }
  });
});
