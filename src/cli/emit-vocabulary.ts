// Part of `npm run build`: writes explorer/src/vocabulary.generated.ts from the entity and
// relationship definitions (src/graph/vocabulary.ts), before the explorer is compiled.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { explorerVocabularyModule } from '../graph/vocabulary';
import { projectRoot } from '../paths';
import { buildAppSchema } from '../schema';
import { runCli } from './run';

runCli(async () => {
  const file = path.join(projectRoot, 'explorer', 'src', 'vocabulary.generated.ts');
  writeFileSync(file, explorerVocabularyModule(await buildAppSchema()));
  console.log(`wrote ${path.relative(projectRoot, file)}`);
  return 0;
});
