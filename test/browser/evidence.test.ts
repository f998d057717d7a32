// Evidence you can see, in Debian's Chromium against the real server: a trial page lists its
// outcomes with their numbers, every citation says what kind of document its source is, a
// condition's and a product's pages draw their trials' outcomes as forest plots (comparable ones
// together, each with its numbers), and a claim stated for a broader class names that class.
// Expected values are read from the GraphQL API, never from the explorer's code. A small
// synthetic product, whose trials report intervals (the seed reports none), is loaded and removed.
//
// Functions passed to page.evaluate run in the browser; this project's test types have no DOM
// library, so they reach the page through `globalThis` as `any`.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { OUTCOME_FIGURES, OUTCOME_PAGE } from '../../explorer/src/queries';
import { loadSeedWith } from '../../src/seed/load';
import { validateSeed } from '../../src/seed/validate';
import {
  DESKTOP,
  DOC_IMAGES,
  PHONE,
  seriousAccessibilityViolations,
  SLOW_MACHINE,
  browserSession,
} from '../support/browser';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';
import { removeSynthetic } from '../support/synthetic';

jest.setTimeout(240_000);

const PREFIX = 'zz-evidence';
const DDD = 'condition:degenerative-disc-disease';
const CHRONIC_LBP = 'condition:chronic-low-back-pain';
const IDCT_TRIAL = 'trial:nct03347708';
/** Cites a registry record, a peer-reviewed report and the consumer-health article. */
const MSB_DR001 = 'trial:nct01290367';
const REXLEMESTROCEL = 'product:rexlemestrocel-l';
const PRODUCT = `product:${PREFIX}-product`;

/** What a badge must say for each kind, in words a reader understands. */
const KIND_WORDS: Record<string, RegExp> = {
  PEER_REVIEWED_ARTICLE: /^peer-reviewed article$/i,
  SYSTEMATIC_REVIEW: /^systematic review/i,
  TRIAL_REGISTRY_RECORD: /^registry record$/i,
  REGULATORY_DOCUMENT: /^regulatory document$/i,
  CONSUMER_HEALTH_ARTICLE: /^consumer article/i,
  ONTOLOGY: /^ontology$/i,
};

interface Result {
  measure: string;
  instrument: string | null;
  scale: string | null;
  estimateKind: string | null;
  estimate: number | null;
  qualifier: string | null;
  unit: string | null;
  interval: { low: number; high: number; level: number | null } | null;
  n: number | null;
  pValue: number | null;
  timepointMonths: number | null;
  notReported: string[];
}

interface Source {
  id: string;
  title: string;
  kind: string;
}

const RESULT = `result { measure instrument scale estimateKind estimate qualifier unit
  interval { low high level } n pValue timepointMonths notReported }`;

/** Two comparable 12-month outcomes with intervals, and one at 6 months that is not comparable with them. */
function syntheticProduct() {
  const article = `source:${PREFIX}-article`;
  const registry = `source:${PREFIX}-registry`;
  const outcome = (trial: string, value: number, low: number, high: number, months: number, n: number) => ({
    trial,
    id: `outcome:${PREFIX}-${trial}-pain-${months}m`,
    name: `${PREFIX} trial ${trial}: VAS pain change at ${months} months`,
    sources: [article],
    measure: 'PAIN',
    instrument: 'VAS',
    scale: 'VAS 0-100',
    estimateKind: 'MEAN_CHANGE',
    value,
    unit: 'points',
    baselineValue: 64,
    intervalLow: low,
    intervalHigh: high,
    intervalLevel: 0.95,
    direction: 'IMPROVED',
    comparison: 'saline injection',
    timepointMonths: months,
    sampleSize: n,
    pValue: 0.01,
  });
  const outcomes = [
    outcome('a', -21.5, -28.25, -14.75, 12, 40),
    outcome('b', -9, -17.5, -0.5, 12, 25),
    outcome('a', -15, -22, -8, 6, 40),
  ];
  const claim = (id: string, type: string, subject: string, object: string) => ({
    id: `claim:${PREFIX}-${id}`,
    type,
    subject,
    object,
    level: 'RANDOMISED_CONTROLLED_TRIAL',
    knowledgeLevel: 'OBSERVATION',
    sources: [article, registry],
  });
  const trialId = (name: string) => `trial:${PREFIX}-${name}`;
  const trials = ['a', 'b'].map((name) => ({
    id: trialId(name),
    name: `${PREFIX} trial ${name}`,
    sources: [article, registry],
    design: 'RANDOMISED_CONTROLLED_TRIAL',
    evidenceLevel: 'RANDOMISED_CONTROLLED_TRIAL',
    status: 'COMPLETED',
  }));
  const records: Record<string, unknown[]> = {
    Source: [
      {
        id: article,
        name: `${PREFIX} randomised trial report`,
        kind: 'PEER_REVIEWED_ARTICLE',
        year: 2025,
        authors: 'Test A, Test B',
        journal: 'Synthetic J',
        doi: '10.5555/discgraph-evidence',
      },
      {
        id: registry,
        name: `${PREFIX} registry record`,
        kind: 'TRIAL_REGISTRY_RECORD',
        publisher: 'Synthetic registry',
        registryId: 'NCT99999998',
        url: 'https://example.org/NCT99999998',
        recordVersion: '2026-01-01',
      },
    ],
    Product: [{ id: PRODUCT, name: `${PREFIX} product`, sources: [article], kind: 'INVESTIGATIONAL_PRODUCT' }],
    Trial: trials,
    Outcome: outcomes.map(({ trial: _, ...record }) => record),
    Claim: [
      ...['a', 'b'].map((name) => claim(`${name}-tests`, 'TESTS', trialId(name), PRODUCT)),
      ...outcomes.map((o) => claim(`${o.trial}-${o.timepointMonths}m-reported`, 'HAS_OUTCOME', trialId(o.trial), o.id)),
    ],
  };
  return Object.entries(records).map(([kind, list]) => ({
    file: `synthetic/${kind}.yaml`,
    data: { kind, records: list },
  }));
}

describe('evidence in the explorer, in Chromium', () => {
  const session = browserSession({
    prepare: async (server) => {
      await removeSynthetic(server.database.executor(), PREFIX);
      await loadSeedWith(server.database.executor(), validateSeed(syntheticProduct()), { agent: 'test' });
    },
    cleanup: (server) => removeSynthetic(server.database.executor(), PREFIX),
  });
  let t: TestServer;
  let page: Page;
  beforeAll(() => ({ t, page } = session));
  const open = async (route: string) => {
    await page.goto(`${t.origin}/explore${route}`);
  };
  const api = async <T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await gql<T>(t.url, query, variables);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  /** Waits until every citation on the page has its source loaded (its badge drawn). */
  const citationsLoaded = () =>
    page.waitForFunction(() => {
      const citations = [...(globalThis as any).document.querySelectorAll('.citation')];
      return citations.length > 0 && citations.every((citation: any) => citation.querySelector('.source-kind'));
    });
  const accessible = async (label: string, ready: () => Promise<unknown>) => {
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await ready();
      expect({ label, viewport, violations: await seriousAccessibilityViolations(page) }).toEqual({
        label,
        viewport,
        violations: [],
      });
    }
    await page.setViewportSize(DESKTOP);
  };

  /** Checks one outcome's row of a numbers table against the API's result. */
  async function expectOutcomeRow(
    row: Locator,
    result: Result,
    evidence?: { level: string; score: { value: number } | null; sources: Source[] },
  ) {
    const cell = (field: string) => row.locator(`td[data-field="${field}"]`).textContent();
    const part = (value: unknown, name: string) =>
      value !== null ? String(value) : result.notReported.includes(name) ? 'not reported' : '—';
    if (result.estimate === null) {
      await expect(cell('estimate')).resolves.toContain(part(null, 'ESTIMATE'));
    } else {
      await expect(cell('estimate')).resolves.toContain(String(result.estimate));
      if (result.unit !== null) {
        await expect(cell('estimate')).resolves.toContain(result.unit);
      }
    }
    const interval = await cell('interval');
    if (result.interval === null) {
      expect(interval).toBe(part(null, 'INTERVAL'));
    } else {
      expect(interval).toContain(`${result.interval.low}–${result.interval.high}`);
      expect(interval).toContain(`${Math.round((result.interval.level ?? 0) * 100)}%`);
    }
    await expect(cell('n')).resolves.toBe(part(result.n, 'SAMPLE_SIZE'));
    const timepoint = await cell('timepoint');
    expect(timepoint).toContain(part(result.timepointMonths, 'TIMEPOINT'));
    await expect(cell('p')).resolves.toBe(part(result.pValue, 'P_VALUE'));
    if (evidence !== undefined) {
      await expect(row.locator('.level-badge').textContent()).resolves.toMatch(/\w/);
      if (evidence.score !== null) {
        await expect(row.locator('.score').getAttribute('data-score')).resolves.toBe(String(evidence.score.value));
      }
      const cited = await row.locator('.citation').evaluateAll((items) =>
        items.map((item: any) => ({
          href: item.querySelector('a').getAttribute('href'),
          kind: item.querySelector('.source-kind')?.getAttribute('data-kind') ?? null,
        })),
      );
      expect(cited).toEqual(
        evidence.sources.map((source) => ({ href: `/explore/entity/${source.id}`, kind: source.kind })),
      );
    }
  }

  it.each([IDCT_TRIAL, `trial:${PREFIX}-a`])(
    '%s: the trial page lists its outcomes with the numbers the API returns',
    async (trialId) => {
      const data = await api(
        `query ($id: ID!) { trial(id: $id) { name outcomes(first: 100) { totalCount edges {
         node { id name ${RESULT} }
         evidence { level score { value } sources { id title kind } } } } } }`,
        { id: trialId },
      );
      const outcomes = data.trial.outcomes.edges as Array<{
        node: { id: string; name: string; result: Result };
        evidence: { level: string; score: { value: number } | null; sources: Source[] };
      }>;
      expect(outcomes.length).toBe(data.trial.outcomes.totalCount);
      expect(outcomes.length).toBeGreaterThan(0);

      await open(`/entity/${trialId}`);
      const table = page.locator('.trial-outcomes table');
      await table.waitFor();
      await expect(page.locator('.trial-outcomes h2').textContent()).resolves.toBe(
        `Reported outcomes (${outcomes.length})`,
      );
      await expect(table.locator('tbody tr').count()).resolves.toBe(outcomes.length);
      for (const { node, evidence } of outcomes) {
        const row = table.locator(`tr[data-outcome="${node.id}"]`);
        await expect(row.locator('a').first().textContent()).resolves.toBe(node.name);
        await expectOutcomeRow(row, node.result, evidence);
      }
      if (trialId === IDCT_TRIAL) {
        await citationsLoaded();
        await page.screenshot({ path: path.join(DOC_IMAGES, 'entity-trial.png'), fullPage: true });
        await accessible('trial page', () => table.waitFor());
      } else {
        // The synthetic trial reports intervals, which the seed does not.
        expect(outcomes.every(({ node }) => node.result.interval !== null)).toBe(true);
      }
    },
  );

  it.each([MSB_DR001, 'condition:low-back-pain'])(
    '%s: every citation is badged with its source kind from the API',
    async (id) => {
      await open(`/entity/${id}`);
      await page.locator('table.evidence-table tbody tr').first().waitFor();
      // Each relationship's rows arrive in a request of their own: wait for them all, then for the badges.
      await page.waitForLoadState('networkidle');
      await citationsLoaded();
      const cited = await page.locator('.citation').evaluateAll((items) =>
        items.map((item: any) => {
          const badge = item.querySelector('.source-kind');
          return {
            id: decodeURIComponent(item.querySelector('a').getAttribute('href').replace('/explore/entity/', '')),
            kind: badge.getAttribute('data-kind'),
            words: badge.textContent,
            pictogram: badge.querySelector('svg[aria-hidden="true"]') !== null,
          };
        }),
      );
      const ids = [...new Set(cited.map((citation) => citation.id))];
      const { nodes } = await api<{ nodes: Array<{ id: string; kind: string }> }>(
        'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Source { id kind } } }',
        { ids },
      );
      const kindOf = new Map(nodes.map((node) => [node.id, node.kind]));
      expect(kindOf.size).toBe(ids.length);
      for (const citation of cited) {
        expect({ id: citation.id, kind: citation.kind }).toEqual({ id: citation.id, kind: kindOf.get(citation.id) });
        expect(citation.words).toMatch(KIND_WORDS[citation.kind]);
        expect(citation.pictogram).toBe(true);
      }
      // Several kinds, so that a badge shown for the wrong source would be seen. Which claims of low
      // back pain fill its first pages depends on what other suites of the run have written.
      const kinds = new Set(cited.map((citation) => citation.kind));
      expect(kinds).toContain('CONSUMER_HEALTH_ARTICLE');
      expect(kinds.size).toBeGreaterThan(1);
      if (id === MSB_DR001) {
        expect(kinds).toContain('TRIAL_REGISTRY_RECORD');
      }
    },
  );

  /** The forest plot's marks and numbers, read from the page, against the API's outcomes. */
  async function expectForest(filter: Record<string, unknown>) {
    const data = await api(
      `query ($filter: OutcomeFilter!) { outcomes(first: 100, filter: $filter) { totalCount edges { node {
         id ${RESULT} trials(first: 1) { edges { node { id name } } } } } } }`,
      { filter: { ...filter, numeric: true } },
    );
    const outcomes = data.outcomes.edges.map((edge: any) => edge.node) as Array<{
      id: string;
      result: Result;
      trials: { edges: Array<{ node: { id: string; name: string } }> };
    }>;
    expect(outcomes.length).toBe(data.outcomes.totalCount);
    expect(outcomes.length).toBeGreaterThan(0);
    const byId = new Map(outcomes.map((outcome) => [outcome.id, outcome]));

    const section = page.locator('.forest-section');
    await section.locator('.forest').first().waitFor();
    const panels = await section.locator('figure.forest').evaluateAll((figures) =>
      figures.map((figure: any) => ({
        marks: [...figure.querySelectorAll('svg[role="img"] .forest-mark')].map((mark: any) => ({
          id: mark.getAttribute('data-outcome'),
          estimate: Number(mark.getAttribute('data-estimate')),
          x: parseFloat(mark.getAttribute('cx')),
        })),
        intervals: [...figure.querySelectorAll('.forest-interval line:first-child')].map((line: any) => [
          parseFloat(line.getAttribute('x1')),
          parseFloat(line.getAttribute('x2')),
        ]),
        label: figure.querySelector('svg').getAttribute('aria-labelledby'),
      })),
    );
    // One mark per outcome the API returns, each at its estimate.
    const marks = panels.flatMap((panel) => panel.marks);
    expect(marks.map((mark) => mark.id).sort()).toEqual([...byId.keys()].sort());
    for (const mark of marks) {
      expect(mark.estimate).toBe(byId.get(mark.id)!.result.estimate);
    }
    for (const panel of panels) {
      expect(panel.label).toBeTruthy();
      const results = panel.marks.map((mark) => byId.get(mark.id)!.result);
      // Comparable only: the same measure, kind of estimate, instrument, scale, unit and time point,
      // and nothing whose scale or time point is unknown shares a panel.
      const shape = (r: Result) => [r.measure, r.estimateKind, r.instrument, r.scale, r.unit, r.timepointMonths];
      for (const result of results) {
        expect(shape(result)).toEqual(shape(results[0]));
      }
      if (results.length > 1) {
        expect(results.some((r) => r.notReported.includes('SCALE') || r.notReported.includes('TIMEPOINT'))).toBe(false);
      }
      // On one axis, larger estimates lie further right, and each interval brackets its estimate.
      const sorted = [...panel.marks].sort((a, b) => a.estimate - b.estimate);
      expect(sorted.map((mark) => mark.x)).toEqual([...sorted.map((mark) => mark.x)].sort((a, b) => a - b));
      const withIntervals = panel.marks.filter((mark) => byId.get(mark.id)!.result.interval !== null);
      expect(panel.intervals.length).toBe(withIntervals.length);
      withIntervals.forEach((mark, index) => {
        const [low, high] = panel.intervals[index];
        expect(low).toBeLessThanOrEqual(mark.x);
        expect(high).toBeGreaterThanOrEqual(mark.x);
      });
    }
    // The numbers table of each panel: one row per outcome, linked to its trial, with the API's numbers.
    for (const summary of await section.locator('figure.forest details summary').all()) {
      await summary.click();
    }
    for (const outcome of outcomes) {
      const row = section.locator(`figure.forest tr[data-outcome="${outcome.id}"]`);
      await expect(row.count()).resolves.toBe(1);
      const trial = outcome.trials.edges[0].node;
      await expect(row.locator(`td[data-label="Trial"] a`).getAttribute('href')).resolves.toBe(
        `/explore/entity/${trial.id}`,
      );
      await expect(row.locator(`td[data-label="Trial"] a`).textContent()).resolves.toBe(trial.name);
      await expectOutcomeRow(row, outcome.result);
    }
    return panels;
  }

  it('draws a forest plot on a condition page: one mark per numeric outcome, numbers as the API gives them', async () => {
    await open(`/entity/${DDD}`);
    await expectForest({ conditionIds: [DDD] });
    await page.locator('.forest-section').screenshot({ path: path.join(DOC_IMAGES, 'forest-plot.png') });
    await accessible('condition page', () => page.locator('.forest-section figure.forest').first().waitFor());
  });

  it('draws comparable outcomes of a product on one axis, with their intervals, and others apart', async () => {
    await open(`/entity/${PRODUCT}`);
    const panels = await expectForest({ productIds: [PRODUCT] });
    expect(panels.map((panel) => panel.marks.length)).toEqual([2, 1]);
    expect(panels[0].intervals.length).toBe(2);
    await open(`/entity/${REXLEMESTROCEL}`);
    await expectForest({ productIds: [REXLEMESTROCEL] });
  });

  it('marks an inherited claim in the evidence table with the class it is stated for', async () => {
    const data = await api(
      `query ($id: ID!) { product(id: $id) { risks(first: 25) { edges {
         node { id } inherited inheritedFrom { id name } } } } }`,
      { id: REXLEMESTROCEL },
    );
    const risks = data.product.risks.edges as Array<{
      node: { id: string };
      inherited: boolean;
      inheritedFrom: { id: string; name: string } | null;
    }>;
    expect(risks.some((risk) => risk.inherited)).toBe(true);
    await open(`/entity/${REXLEMESTROCEL}`);
    const rows = page.locator('table.evidence-table tbody tr[data-relation="HAS_ADVERSE_EVENT"]');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(risks.length);
    for (const risk of risks) {
      const row = rows.filter({ has: page.locator(`a[href="/explore/entity/${risk.node.id}"]`) });
      const marker = row.locator('.inherited');
      if (risk.inheritedFrom === null) {
        await expect(marker.count()).resolves.toBe(0);
        continue;
      }
      await expect(marker.getAttribute('data-inherited-from')).resolves.toBe(risk.inheritedFrom.id);
      const name = risk.inheritedFrom.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      await expect(marker.textContent()).resolves.toMatch(new RegExp(`^Inherited from the .+ ${name}$`));
      await expect(marker.locator('a').getAttribute('href')).resolves.toBe(`/explore/entity/${risk.inheritedFrom.id}`);
    }
  });

  it("marks an inherited statement on a condition's evidence card with the class it comes from", async () => {
    const STATEMENTS = 'statements { scope statedFor { id name } evidence { score { value } sources { kind } } }';
    const data = await api(
      `query ($id: ID!) { evidenceSummary(conditionId: $id) {
         risks { ${STATEMENTS} } regulatoryStatuses { ${STATEMENTS} } } }`,
      { id: CHRONIC_LBP },
    );
    const summary = data.evidenceSummary;
    const statements = [...summary.risks, ...summary.regulatoryStatuses].flatMap((item: any) => item.statements);
    const inherited = statements.filter((statement) => statement.scope === 'INHERITED');
    expect(inherited.length).toBeGreaterThan(0);
    await open(`/entity/${CHRONIC_LBP}`);
    const card = page.locator('section.evidence-card');
    await card.waitFor();
    await expect(card.locator('li[data-scope]').count()).resolves.toBe(statements.length);
    await expect(card.locator('li[data-scope="INHERITED"] .inherited').count()).resolves.toBe(inherited.length);
    await expect(card.locator('li[data-scope]:not([data-scope="INHERITED"]) .inherited').count()).resolves.toBe(0);
    for (const statement of inherited) {
      const item = card
        .locator('li[data-scope="INHERITED"]')
        .filter({ has: page.locator(`.inherited[data-inherited-from="${statement.statedFor.id}"]`) })
        .first();
      await expect(item.locator('.inherited a').textContent()).resolves.toBe(statement.statedFor.name);
      if (statement.evidence.score !== null) {
        await expect(item.locator('.score').getAttribute('data-score')).resolves.toBe(
          String(statement.evidence.score.value),
        );
      }
      await expect(
        item
          .locator('.source-kind')
          .evaluateAll((badges) => badges.map((badge: any) => badge.getAttribute('data-kind'))),
      ).resolves.toEqual(statement.evidence.sources.map((source: { kind: string }) => source.kind));
    }
    await card.screenshot({ path: path.join(DOC_IMAGES, 'evidence-card.png') });
  });
});

describe('the explorer’s outcome requests', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(SLOW_MACHINE);
    await ensureSeedGraph(t.database);
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['a trial', { trialIds: [IDCT_TRIAL] }],
    ['a condition', { conditionIds: [DDD], numeric: true }],
    ['a product', { productIds: [REXLEMESTROCEL], numeric: true }],
  ])('fit the server’s limits at their largest page, for %s', async (_, filter) => {
    const response = await gql(t.url, OUTCOME_FIGURES, { filter, first: OUTCOME_PAGE });
    expect({ status: response.status, errors: response.errors }).toEqual({ status: 200, errors: undefined });
    expect(response.data!.outcomes.edges.length).toBeGreaterThan(0);
  });
});
