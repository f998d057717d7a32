import path from 'node:path';
import type { Executor } from '../db/database';
import { ENTITY_LABEL } from '../graph/model';
import { projectRoot } from '../paths';
import { type LoadResult, type LoadWithOptions, loadSeedWith } from './load';
import { readSeedDir, type SeedGraph, validateSeed } from './validate';

/** Reads and validates a seed folder (relative paths are taken from the project root). */
export function readSeed(dir: string): SeedGraph {
  return validateSeed(readSeedDir(path.resolve(projectRoot, dir)));
}

// name: hasEntities
const HAS_ENTITIES = `MATCH (n:${ENTITY_LABEL}) RETURN count(n) > 0 AS any`;

export async function isGraphEmpty(executor: Executor): Promise<boolean> {
  const [row] = await executor.read<{ any: boolean }>('hasEntities', HAS_ENTITIES);
  return !row.any;
}

/** Validates the whole seed first; writes nothing unless every record is valid. */
export async function seedFrom(executor: Executor, dir: string, options: LoadWithOptions = {}): Promise<LoadResult> {
  return loadSeedWith(executor, readSeed(dir), options);
}
