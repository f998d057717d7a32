// `npm run schema:emit`: writes schema/schema.graphql from buildAppSchema(). The file is committed,
// and test/schema.test.ts fails when it and the code disagree.
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../paths';
import { buildAppSchema } from '../schema';
import { printAppSchema } from '../schemaPrint';
import { runCli } from './run';

runCli(async () => {
  const file = path.join(projectRoot, 'schema', 'schema.graphql');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, printAppSchema(await buildAppSchema()));
  console.log(`wrote ${path.relative(projectRoot, file)}`);
  return 0;
});
