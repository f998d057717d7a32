// `npm run release -- <version> [--out DIR] [--force] [--url URL]`: writes the release bundle of the
// graph (releases/<version>/ by default; DIR is taken from the project root, like `npm run export`)
// and records the release in the graph (src/release/release.ts).
// The entity definitions carry type-graphql decorators, which need the metadata polyfill first.
import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { projectRoot } from '../paths';
import { readReleaseNotes } from '../release/release-notes';
import { checkVersion, ReleaseError, writeRelease } from '../release/release';
import { migrate } from '../db/migrations';
import { withDatabase } from './database';
import { runCli } from './run';

const USAGE = 'usage: npm run release -- <version, such as 2026.1> [--out DIR] [--force] [--url URL]';

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string' }, force: { type: 'boolean', default: false }, url: { type: 'string' } },
    });
  } catch (error) {
    throw new ReleaseError(`${(error as Error).message}\n${USAGE}`);
  }
}

function checkUrl(url: string | undefined): void {
  if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) {
    throw new ReleaseError(`--url must be an http(s) URL, where the release will be published (got "${url}")`);
  }
}

runCli(async (argv) => {
  const { values, positionals } = parse(argv);
  if (positionals.length !== 1) {
    throw new ReleaseError(USAGE);
  }
  const [version] = positionals;
  checkVersion(version);
  checkUrl(values.url);
  const outDir = path.resolve(projectRoot, values.out ?? path.join('releases', version));
  const config = loadConfig();
  const result = await withDatabase(config, async (database) => {
    const executor = database.executor({ operationName: 'release' });
    await migrate(executor);
    return writeRelease(executor, version, { outDir, force: values.force, url: values.url });
  });
  const { counts, files, sources } = result.manifest;
  const relative = path.relative(process.cwd(), result.dir);
  console.log(
    `release ${version}: ${counts.totalNodes} entities and ${counts.totalRelationships} claims in ${relative.startsWith('..') ? result.dir : relative}`,
  );
  console.log(`manifest sha256 ${result.manifestSha256}; ${files.length} files, ${sources.length} sources`);
  if (!readReleaseNotes().some((note) => note.version === version)) {
    console.log(`note: src/release/release-notes.yaml has no notes for ${version}; add them and run npm run docs:data`);
  }
  return 0;
});
