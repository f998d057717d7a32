// What every browser suite needs: Debian's Chromium (never a downloaded one) through playwright-core,
// an explorer bundle no older than its sources, a warm database, a watch on console errors, an
// accessibility check with axe-core inside the page, and screenshots.
//
// Functions passed to page.evaluate run in the browser; this project's test types have no DOM
// library, so they reach the page through `globalThis` as `any`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { EXPLORER_DIR } from '../../src/http/explorer.routes';
import { projectRoot } from '../../src/paths';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from './harness';

export const CHROMIUM = '/usr/bin/chromium';
export const BROWSER_TIMEOUT_MS = 60_000;
/** Screenshots the tests take for the README; committed, so a change to a page shows in review. */
export const DOC_IMAGES = path.join(projectRoot, 'docs', 'images');
/** Other screenshots, for looking at a failed run (git-ignored). */
export const SCREENSHOTS = path.join(projectRoot, 'screenshots');
// The machine that runs the suite may be busy (2 cores, a JVM, Chromium): these tests are about the
// pages, not about deadlines, so the server gets generous ones and each step a generous timeout.
export const SLOW_MACHINE = { REQUEST_TIMEOUT_MS: '60000', NEO4J_TX_TIMEOUT_MS: '60000' };
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** Newest modification time under a folder: a build older than its sources is rebuilt. */
export function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** `npm test` builds first; a direct `npx jest` run builds here when the bundle is missing or stale. */
export function ensureExplorerBuilt(): void {
  const index = path.join(EXPLORER_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestChange(path.join(projectRoot, 'explorer'))) {
    return;
  }
  execFileSync(
    process.execPath,
    [path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'explorer/vite.config.mts'],
    { cwd: projectRoot, stdio: 'pipe' },
  );
}

/** A fresh Neo4j answers its first full-text and aggregate queries slowly: ask them once before the browser does. */
export async function warmUp(t: TestServer): Promise<void> {
  const warm = await gql(
    t.url,
    '{ stats { totalNodes } search(query: "degenerative", first: 8) { totalCount } trialAggregates { trialCount } }',
  );
  if (warm.errors !== undefined) {
    throw new Error(`warm-up query failed: ${JSON.stringify(warm.errors)}`);
  }
}

/** Debian's Chromium, headless; fails with what to install when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium package (.ci/run does); the tests never download a browser.`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  mkdirSync(DOC_IMAGES, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Problems {
  list: string[];
}

/** Collects console errors and uncaught exceptions of a page. */
export function watch(page: Page): Problems {
  const problems: Problems = { list: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') {
      problems.list.push(`console error: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.list.push(`page error: ${error.message}`));
  return problems;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** CSS selectors of the offending elements. */
  targets: string[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2 A and AA rules) inside the page as it is now and returns the serious and
 * critical violations: an empty list is a pass.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as any).axe !== 'undefined');
  if (!loaded) {
    // Evaluated through the DevTools protocol, so the page's Content-Security-Policy does not apply.
    await page.evaluate(AXE_SOURCE);
  }
  const violations: AxeViolation[] = await page.evaluate(async () => {
    const result = await (globalThis as any).axe.run((globalThis as any).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n: any) => String(n.target)),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A browser suite's server and page, filled in by its beforeAll. */
export interface BrowserSession {
  t: TestServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  problems: Problems;
}

export interface BrowserSessionOptions {
  /** Server environment beyond SLOW_MACHINE. */
  env?: Record<string, string>;
  /** Builds the bundle the suite opens when it is stale; the explorer's by default. */
  build?: () => void;
  /** Browser context options beyond the desktop viewport and reduced motion. */
  context?: BrowserContextOptions;
  /** Runs on the seeded graph before the warm-up, e.g. to load synthetic data. */
  prepare?: (t: TestServer) => Promise<void>;
  /** Runs on the new context before the page opens, e.g. to route requests. */
  onContext?: (context: BrowserContext, t: TestServer) => Promise<void>;
  /** Runs before the server closes, e.g. to remove synthetic data. */
  cleanup?: (t: TestServer) => Promise<void>;
}

/**
 * Registers a describe block's hooks: a server on the seed graph and one Chromium page at desktop
 * size (reduced motion, so charts are drawn finished), closed after; any console error fails the
 * test during which it happened.
 */
export function browserSession(options: BrowserSessionOptions = {}): BrowserSession {
  const session = {} as BrowserSession;
  beforeAll(async () => {
    (options.build ?? ensureExplorerBuilt)();
    session.t = await startTestServer({ ...SLOW_MACHINE, ...options.env });
    await ensureSeedGraph(session.t.database);
    await options.prepare?.(session.t);
    await warmUp(session.t);
    session.browser = await launchChromium();
    session.context = await session.browser.newContext({
      viewport: DESKTOP,
      reducedMotion: 'reduce',
      ...options.context,
    });
    await options.onContext?.(session.context, session.t);
    session.page = await session.context.newPage();
    session.page.setDefaultTimeout(BROWSER_TIMEOUT_MS);
    session.problems = watch(session.page);
  }, 180_000);
  afterAll(async () => {
    await session.browser?.close();
    if (session.t !== undefined) {
      await options.cleanup?.(session.t);
      await session.t.close();
    }
  });
  afterEach(() => {
    expect(session.problems.list.splice(0)).toEqual([]);
  });
  return session;
}
