// The command lines refuse an unknown option with one line that names it, never a stack trace.
// Each runs as a real process; the option is parsed before any database is reached.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/paths';

const run = promisify(execFile);
jest.setTimeout(60_000);

it.each(['seed.ts', 'export.ts', 'ingest.ts', 'release.ts'])('%s refuses an unknown option by name', async (script) => {
  const failure = await run(
    process.execPath,
    ['--import', 'tsx', path.join('src', 'cli', script), '--no-such-option'],
    {
      cwd: projectRoot,
      env: { ...process.env, NEO4J_URI: 'bolt://127.0.0.1:1', LOG_LEVEL: 'silent' },
    },
  ).then(
    () => undefined,
    (error: { code: number; stderr: string }) => error,
  );
  expect(failure?.code).toBe(1);
  expect(failure?.stderr).toMatch(/^error: .*'--no-such-option'/m);
  expect(failure?.stderr).not.toMatch(/^\s+at /m);
});
