import { rmSync } from 'node:fs';
import { stopLocalNeo4j } from '../../src/db/localNeo4j';

export default async function globalTeardown(): Promise<void> {
  const dir = process.env.DISCGRAPH_TEST_NEO4J_DIR;
  if (dir === undefined) {
    return;
  }
  await stopLocalNeo4j({ dir });
  rmSync(dir, { recursive: true, force: true });
}
