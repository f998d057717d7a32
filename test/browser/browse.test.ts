// Browse pages, the dashboard's links into them and the footer's data release, in Debian's Chromium
// against the real server and the seed graph: a kind's filter, sort and keyset pages, held in the
// address; the CSV of every matching row; a chart's bar that opens the list it counts; unknown ids,
// kinds and values said in words; the data version and how to cite it once a release exists; and
// axe-core on desktop and on a phone. Expected values are read from the GraphQL API.
//
// Functions passed to page.evaluate run in the browser; this project's test types have no DOM
// library, so they reach the page through `globalThis` as `any`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { browseQuery, columnChoices, MAX_PAGE_SIZE } from '../../explorer/src/browse';
import { ENTITY_TYPES } from '../../explorer/src/model';
import { RELEASE_LABEL } from '../../src/graph/stats/release.repository';
import {
  DESKTOP,
  DOC_IMAGES,
  PHONE,
  seriousAccessibilityViolations,
  SLOW_MACHINE,
  browserSession,
} from '../support/browser';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';

const LBP = 'condition:low-back-pain';
const DDD = 'condition:degenerative-disc-disease';
jest.setTimeout(240_000);

/** RFC 4180: fields separated by commas, quoted when needed with quotes doubled, lines ending in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  expect({ field, row, quoted }).toEqual({ field: '', row: [], quoted: false });
  return rows;
}

describe('browse pages, chart links and the data release in Chromium', () => {
  const session = browserSession({ context: { acceptDownloads: true } });
  let t: TestServer;
  let page: Page;
  beforeAll(() => ({ t, page } = session));
  const open = (route: string) => page.goto(`${t.origin}/explore${route}`);
  const api = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await gql(t.url, query, variables);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const rowIds = async () => {
    await page.locator('[data-testid="browse-total"]').waitFor();
    return page.locator('table.browse-table tbody tr').evaluateAll((rows: any[]) => rows.map((row) => row.dataset.id));
  };
  const total = async () => Number(await page.locator('[data-testid="browse-total"]').getAttribute('data-total'));

  it('filters, sorts and pages a kind with the API cursors, and the address reloads the same view', async () => {
    const filter = { year: { min: 2000 } };
    const orderBy = { field: 'YEAR', direction: 'DESC' };
    const expected = await api(
      `query ($filter: SourceFilter, $orderBy: SourceOrder) {
         sources(filter: $filter, orderBy: $orderBy, first: 100) { totalCount edges { node { id } } } }`,
      { filter, orderBy },
    );
    const ids: string[] = expected.sources.edges.map((edge: { node: { id: string } }) => edge.node.id);
    const size = 5;
    expect(expected.sources.totalCount).toBeGreaterThan(size);

    await open(`/browse/Source?size=${size}`);
    const all = await api('{ sources { totalCount } }');
    expect(await total()).toBe(all.sources.totalCount);

    await page.getByText('Filters', { exact: true }).click();
    const year = page.getByRole('group', { name: 'Year' });
    await year.getByLabel('from').fill('2000');
    await page.getByLabel('Sort by').selectOption('YEAR');
    await page.getByLabel('Order', { exact: true }).selectOption('desc');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/year=2000\.\.&sort=YEAR&dir=desc&size=5$/);
    await page.waitForFunction(
      (n) => (globalThis as any).document.querySelector('[data-testid="browse-total"]')?.dataset.total === String(n),
      expected.sources.totalCount,
    );
    expect(await rowIds()).toEqual(ids.slice(0, size));

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/[?&]after=/);
    await page.waitForFunction((first) => {
      const row = (globalThis as any).document.querySelector('table.browse-table tbody tr');
      return row !== null && row.dataset.id === first;
    }, ids[size]);
    expect(await rowIds()).toEqual(ids.slice(size, 2 * size));
    const secondPage = page.url();

    await page.reload();
    expect(page.url()).toBe(secondPage);
    expect(await rowIds()).toEqual(ids.slice(size, 2 * size));
    expect(await total()).toBe(expected.sources.totalCount);

    await page.getByRole('link', { name: 'Previous page' }).click();
    await page.waitForURL(/[?&]before=/);
    await page.waitForFunction((first) => {
      const row = (globalThis as any).document.querySelector('table.browse-table tbody tr');
      return row !== null && row.dataset.id === first;
    }, ids[0]);
    expect(await rowIds()).toEqual(ids.slice(0, size));

    // Columns: the choice is in the address and the table shows just those.
    await page.getByText(/^Columns \(/).click();
    const columns = page.getByRole('group', { name: 'Columns after the name' });
    for (const box of await columns.getByRole('checkbox').all()) {
      await box.uncheck();
    }
    await columns.getByRole('checkbox', { name: 'Year' }).check();
    await columns.getByRole('checkbox', { name: 'Kind' }).check();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/columns=(kind,year|year,kind)&/);
    await page.waitForFunction(
      () => (globalThis as any).document.querySelectorAll('table.browse-table thead th').length === 3,
    );
    const headers = await page.locator('table.browse-table thead th').allTextContents();
    expect([headers[0], ...headers.slice(1).sort()]).toEqual(['Name', 'Kind', 'Year']);
    // A new view starts from its first page.
    expect(page.url()).not.toMatch(/after=|before=/);
    expect(await rowIds()).toEqual(ids.slice(0, size));
  });

  it('downloads every row of the filter and sort as CSV, not only the page shown', async () => {
    const columns = ['registryId', 'phase', 'status', 'enrollment', 'countries'];
    // Every status but the rarest: a filter that leaves out some trials and keeps several pages of them.
    const byStatus = (await api('{ trialAggregates { byStatus { value count } } }')).trialAggregates.byStatus as Array<{
      value: string;
      count: number;
    }>;
    expect(byStatus.length).toBeGreaterThan(1);
    const rarest = [...byStatus].sort((a, b) => a.count - b.count)[0].value;
    const filter = { status: byStatus.map((row) => row.value).filter((value) => value !== rarest) };
    const expected = await api(
      `query ($filter: TrialFilter) {
         trials(filter: $filter, orderBy: { field: START_YEAR, direction: DESC }, first: 100) {
           totalCount edges { node { id name ${columns.join(' ')} } } } }`,
      { filter },
    );
    const size = 3;
    expect(expected.trials.totalCount).toBeGreaterThan(size);
    await open(
      `/browse/Trial?status=${filter.status.join(',')}&sort=START_YEAR&dir=desc&columns=${columns.join(',')}&size=${size}`,
    );
    expect(await rowIds()).toHaveLength(size);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /^Download this table as CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('trials.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(['id', 'name', ...columns]);
    const cell = (value: unknown) =>
      value === null ? '' : Array.isArray(value) ? value.join('; ') : String(value as string | number);
    expect(rows).toEqual(
      expected.trials.edges.map((edge: { node: Record<string, unknown> }) =>
        ['id', 'name', ...columns].map((column) => cell(edge.node[column])),
      ),
    );
    expect(rows).toHaveLength(expected.trials.totalCount);
    await page.getByText(`Downloaded ${expected.trials.totalCount} rows.`).waitFor();
  });

  it('opens the trials of a phase from its bar and from its row of numbers, as many as the bar counts', async () => {
    const aggregates = await api(
      `query ($filter: TrialFilter) { trialAggregates(filter: $filter) { byPhase { value count } } }`,
      { filter: { conditionIds: [DDD] } },
    );
    const byPhase = new Map<string, number>(
      aggregates.trialAggregates.byPhase.map((row: { value: string; count: number }) => [row.value, row.count]),
    );
    expect(byPhase.get('PHASE_2')).toBeGreaterThan(0);

    // A click on a drawn bar: the canvas is scanned for the bars' colour to find the first one.
    await open(`/dashboard?condition=${DDD}`);
    const card = page
      .locator('section.chart-card')
      .filter({ has: page.getByRole('heading', { name: 'Trials by phase' }) });
    const canvas = card.locator('canvas');
    await canvas.waitFor();
    await canvas.scrollIntoViewIfNeeded();
    const bar = await page.waitForFunction(
      () => {
        const document = (globalThis as any).document;
        const heading = [...document.querySelectorAll('.chart-card h2')].find(
          (h: any) => h.textContent === 'Trials by phase',
        );
        const canvas = heading?.closest('section').querySelector('canvas');
        const context = canvas?.getContext('2d');
        if (context == null || canvas.width === 0) {
          return null;
        }
        const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
        const isBar = (x: number, y: number) => {
          const i = (y * width + x) * 4;
          return Math.abs(data[i]) < 10 && Math.abs(data[i + 1] - 114) < 10 && Math.abs(data[i + 2] - 178) < 10;
        };
        const barRows = (x: number) => {
          const ys: number[] = [];
          for (let y = 0; y < height; y++) {
            if (isBar(x, y)) {
              ys.push(y);
            }
          }
          return ys;
        };
        let start = -1;
        for (let x = 0; x < width; x++) {
          if (barRows(x).length > 2) {
            start = start === -1 ? x : start;
          } else if (start !== -1) {
            const middle = Math.floor((start + x) / 2);
            const ys = barRows(middle);
            const box = canvas.getBoundingClientRect();
            const scale = box.width / width;
            return { x: box.left + middle * scale, y: box.top + ((ys[0] + ys[ys.length - 1]) / 2) * scale };
          }
        }
        return null;
      },
      undefined,
      { polling: 250 },
    );
    const at = (await bar.jsonValue()) as { x: number; y: number };
    await page.mouse.click(at.x, at.y);
    await page.waitForURL(/\/explore\/browse\/Trial\?/);
    const clicked = new URL(page.url()).searchParams;
    expect(clicked.get('conditionIds')).toBe(DDD);
    const phase = clicked.get('phase')!;
    expect(byPhase.has(phase)).toBe(true);
    await rowIds();
    expect(await total()).toBe(byPhase.get(phase));
    expect(await rowIds()).toHaveLength(byPhase.get(phase)!);

    // From the keyboard: the table of numbers beside the chart links each phase.
    await page.goBack();
    await page.waitForURL(/\/explore\/dashboard/);
    const numbers = card.locator('details');
    await numbers.locator('summary').focus();
    await page.keyboard.press('Enter');
    const link = numbers.getByRole('link', { name: 'Phase 2', exact: true });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/phase=PHASE_2/);
    expect(new URL(page.url()).searchParams.get('conditionIds')).toBe(DDD);
    await page.waitForFunction(
      (n) => (globalThis as any).document.querySelector('[data-testid="browse-total"]')?.dataset.total === String(n),
      byPhase.get('PHASE_2'),
    );
    expect(await rowIds()).toHaveLength(byPhase.get('PHASE_2')!);
    const listed = await api(
      `query ($filter: TrialFilter) { trials(filter: $filter, first: 100) { edges { node { id } } } }`,
      { filter: { conditionIds: [DDD], phase: ['PHASE_2'] } },
    );
    expect(await rowIds()).toEqual(listed.trials.edges.map((edge: { node: { id: string } }) => edge.node.id));
  });

  it('says what is unknown: a condition, a kind, a filter value, an id in a filter, an id of a path', async () => {
    const said = async (route: string, message: RegExp) => {
      await open(route);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toMatch(message);
    };
    await said('/dashboard?condition=condition:nope', /unknown condition: condition:nope/i);
    await expect(page.getByText(/\b0 trials\b/).count()).resolves.toBe(0);
    await said('/browse/Nope', /Unknown kind: Nope/);
    await said('/browse/Trial?phase=PHASE_9', /no value “PHASE_9”/);
    await said('/browse/Trial?enrollment=many', /range of whole numbers.*“many”/);
    await said('/browse/Trial?sort=COLOUR', /cannot be sorted by “COLOUR”/);
    await said(`/browse/Trial?conditionIds=condition:nope,${LBP}`, /“condition:nope”.*no entity with this id/);
    await said(`/browse/Trial?conditionIds=product:rexlemestrocel-l`, /takes Condition ids.*is a Product/);
    await expect(page.locator('table.browse-table').count()).resolves.toBe(0);
    await said(`/paths?from=cell-type:nope&to=${LBP}`, /no entity with the id “cell-type:nope”/);
  });

  it('shows the data release and how to cite it in the footer once a release exists', async () => {
    const before = await api('{ stats { dataVersion } }');
    if (before.stats.dataVersion === null) {
      await open('/');
      await expect(page.getByTestId('data-version').textContent()).resolves.toMatch(/^Unreleased data/);
    }
    const version = `2097.${Date.now() % 100_000}`;
    const db = t.database.executor();
    await db.write(
      'test.recordRelease',
      `CREATE (:${RELEASE_LABEL} {version: $version, releasedAt: datetime(), recordedAt: datetime(),
         packageVersion: 'test', manifestSha256: $sha, totalNodes: 0, totalRelationships: 0})`,
      { version, sha: '0'.repeat(64) },
    );
    try {
      const stats = (await api('{ stats { dataVersion releasedAt changedSinceRelease } }')).stats;
      expect(stats.dataVersion).toBe(version);
      const date = stats.releasedAt.slice(0, 10);
      const header = await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ stats { totalNodes } }' }),
      });
      expect(header.headers.get('x-data-version')).toBe(version);

      await open('/browse');
      const footer = page.getByTestId('data-version');
      await expect(footer.getAttribute('data-version')).resolves.toBe(version);
      const text = (await footer.textContent()) ?? '';
      expect(text).toContain(`Data release ${version} (${date}).`);
      expect(text).toContain(
        `discgraph contributors (${date.slice(0, 4)}). discgraph: a knowledge graph of cell-based therapy for low back pain, data release ${version} (${date}). Licensed under CC BY 4.0.`,
      );
      expect(text.includes('changed since this release')).toBe(stats.changedSinceRelease);
    } finally {
      await db.write('test.removeRelease', `MATCH (r:${RELEASE_LABEL} {version: $version}) DELETE r`, { version });
    }
  });

  it('has no serious accessibility violations on the browse page and the dashboard, on desktop and a phone', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await open(`/browse/Trial?conditionIds=${LBP}&sort=START_YEAR&dir=desc&size=10`);
      await rowIds();
      await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
      const overflow = await page.evaluate(
        () => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      if (viewport === DESKTOP) {
        await page.screenshot({ path: path.join(DOC_IMAGES, 'browse.png'), fullPage: true });
      }

      await open(`/dashboard?condition=${DDD}`);
      await page.locator('.chart-card canvas').nth(5).waitFor();
      await page.locator('section.evidence-card').waitFor();
      await expect(seriousAccessibilityViolations(page)).resolves.toEqual([]);
      if (viewport === DESKTOP) {
        await page.screenshot({ path: path.join(DOC_IMAGES, 'dashboard.png'), fullPage: true });
      }
    }
    await page.setViewportSize(DESKTOP);
  });
});

describe('browse operations over HTTP', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(SLOW_MACHINE);
    await ensureSeedGraph(t.database);
  });
  afterAll(async () => {
    await t?.close();
  });

  // Like every client, the explorer is held to the server's operation limits: a page of the
  // largest size with every column must be accepted for every kind.
  it('asks for the largest page with every column of every kind within the limits', async () => {
    const stats = await gql(t.url, '{ stats { nodes { label count } } }');
    const counts = new Map(
      stats.data!.stats.nodes.map((row: { label: string; count: number }) => [row.label, row.count]),
    );
    for (const kind of ENTITY_TYPES) {
      const response = await gql(t.url, browseQuery(kind, columnChoices(kind)), {
        first: MAX_PAGE_SIZE,
        orderBy: { field: 'NAME', direction: 'DESC' },
      });
      expect({ kind, status: response.status, errors: response.errors }).toEqual({
        kind,
        status: 200,
        errors: undefined,
      });
      const list = Object.values(response.data!)[0] as { totalCount: number };
      expect(list.totalCount).toBe(counts.get(kind));
    }
  });
});
