// Cypher of claim writes: finding a claim by its ends, choosing a free id, creating it. Runs in
// the caller's transaction; relationship types come only from the closed list.
import type { Tx } from '../../db/database';
import { touchCards } from '../dashboard/card.store';
import { ENTITY_LABEL, type RelationshipType } from '../model';
import { RELATIONSHIP_TYPES } from '../enums';
import { CLAIM_ROW, type Props, type StoredClaim } from './curation.store';

// name: claimIdsStartingWith(<TYPE>) — a range seek on the type's claim ids
const claimIdsStartingWithCypher = (type: RelationshipType) => `
MATCH ()-[r:${type}]->() WHERE r.id STARTS WITH $prefix
RETURN r.id AS id`;

/** Claim ids, of any type, that start with the prefix. */
export async function claimIdsStartingWith(tx: Tx, prefix: string): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const type of RELATIONSHIP_TYPES) {
    for (const row of await tx.run<{ id: string }>(claimIdsStartingWithCypher(type), { prefix })) {
      taken.add(row.id);
    }
  }
  return taken;
}

// name: claimsBetween — claims of one type from one entity to another — type from the closed enum
const claimsBetweenCypher = (type: RelationshipType) => `
MATCH (a:${ENTITY_LABEL} {id: $subject})-[r:${type}]->(b:${ENTITY_LABEL} {id: $object})
RETURN ${CLAIM_ROW}
ORDER BY id`;

export async function claimsBetween(
  tx: Tx,
  type: RelationshipType,
  subject: string,
  object: string,
): Promise<StoredClaim[]> {
  return tx.run<StoredClaim & Props>(claimsBetweenCypher(type), { subject, object });
}

// name: createClaim — type from the closed enum; both ends are locked and checked by the caller
const createClaimCypher = (type: RelationshipType) => `
MATCH (a:${ENTITY_LABEL} {id: $subject}), (b:${ENTITY_LABEL} {id: $object})
CREATE (a)-[r:${type}]->(b)
SET r = $props, r.id = $id, r.createdAt = datetime($at)
RETURN properties(r) AS props`;

export async function createClaim(
  tx: Tx,
  type: RelationshipType,
  claim: { id: string; subject: string; object: string; props: Props },
  at: string,
): Promise<Props> {
  const [row] = await tx.run<{ props: Props }>(createClaimCypher(type), { ...claim, at });
  await touchCards(tx, [claim.subject, claim.object]);
  return row.props;
}
