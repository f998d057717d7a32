// `npm run docs:data [-- --check] [-- --file PATH]`: writes docs/DATA.md from the code
// (src/release/data-doc.ts), formatted by Prettier with the repository's settings so that
// `prettier --check` accepts it as written; with --check, writes nothing and exits 1 when the file
// differs from what the code generates. --file names another file (the tests use a copy).
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { projectRoot } from '../paths';
import { DATA_DOC, dataDoc } from '../release/data-doc';
import { buildAppSchema } from '../schema';
import { runCli } from './run';

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

runCli(async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: { check: { type: 'boolean', default: false }, file: { type: 'string' } },
  });
  const file = path.resolve(projectRoot, values.file ?? DATA_DOC);
  const shown = path.relative(process.cwd(), file) || file;
  // Prettier settings are those of docs/DATA.md's place in the repository, whatever --file says.
  const options = (await resolveConfig(DATA_DOC)) ?? {};
  const text = await format(dataDoc(await buildAppSchema()), { ...options, parser: 'markdown' });
  if (!values.check) {
    writeFileSync(file, text);
    console.log(`wrote ${shown}`);
    return 0;
  }
  if (readOrEmpty(file) !== text) {
    console.error(`${shown} is stale: it is not what the code generates. Run npm run docs:data and commit it.`);
    return 1;
  }
  console.log(`${shown} is up to date.`);
  return 0;
});
