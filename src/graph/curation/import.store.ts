// Cypher of importGraph beyond the seed loader's own (src/seed/load.ts). Runs in the caller's transaction.
import type { Tx } from '../../db/database';
import { ENTITY_LABEL } from '../model';
import { touchCards } from '../dashboard/card.store';

// name: setVersions — after an import: changed entities get the next version and the writer
const SET_VERSIONS = `
UNWIND $rows AS row
MATCH (n:${ENTITY_LABEL} {id: row.id})
SET n.version = row.version, n.updatedAt = datetime($at), n.updatedBy = $actor`;

export async function setVersions(
  tx: Tx,
  rows: Array<{ id: string; version: number }>,
  at: string,
  actor: string,
): Promise<void> {
  if (rows.length > 0) {
    await tx.run(SET_VERSIONS, { rows, at, actor });
    await touchCards(
      tx,
      rows.map((r) => r.id),
    );
  }
}
