// What the GraphiQL suites need besides test/support/browser.ts: its bundle, no older than its
// sources or the README whose example operations it carries, and those examples.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readmeExamples } from '../../graphiql/src/examples';
import { GRAPHIQL_DIR } from '../../src/http/graphiql.routes';
import { projectRoot } from '../../src/paths';
import { newestChange } from './browser';

const README = path.join(projectRoot, 'README.md');

export const README_TEXT = readFileSync(README, 'utf8');
export const EXAMPLES = readmeExamples(README_TEXT);

/** `npm test` builds first; a direct `npx jest` run builds here when the bundle is missing or stale. */
export function ensureGraphiqlBuilt(): void {
  const index = path.join(GRAPHIQL_DIR, 'index.html');
  const sources = Math.max(newestChange(path.join(projectRoot, 'graphiql')), statSync(README).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) {
    return;
  }
  execFileSync(
    process.execPath,
    [path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'graphiql/vite.config.mts'],
    { cwd: projectRoot, stdio: 'pipe' },
  );
}
