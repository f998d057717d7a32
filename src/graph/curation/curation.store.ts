// Cypher that every curation write shares: locks, reads by id, source checks and claim removal.
// Every function runs inside the caller's transaction (a service opens one per mutation). Labels
// and relationship types are interpolated only from the closed lists of graph/entities.ts and
// graph/relationships.ts; every value is a parameter.
import type { Tx } from '../../db/database';
import { labelOf } from '../entity/entity.repository';
import { ENTITY_LABEL, type Label, type RelationshipType, type SourceKind } from '../model';
import { RELATIONSHIP_TYPES } from '../enums';
import { touchCards } from '../dashboard/card.store';

export type Props = Record<string, unknown>;

export interface StoredEntity {
  id: string;
  label: Label;
  props: Props;
}

export interface StoredClaim {
  id: string;
  type: RelationshipType;
  subject: string;
  object: string;
  props: Props;
}

// name: lockEntities — takes each node's write lock before anything reads it, so concurrent writes
// to one entity run one after another and each reads what the one before committed (a read before
// the lock could see a version another transaction is about to replace: a lost update). Ids come
// sorted, so two transactions lock shared nodes in the same order and cannot deadlock. The time is
// read after the locks, so a later write of the same entity always has a later time.
const LOCK_ENTITIES = `
UNWIND $ids AS id
MATCH (n:${ENTITY_LABEL} {id: id})
SET n.__lock = true
REMOVE n.__lock
WITH count(n) AS locked
RETURN locked, toString(datetime.realtime()) AS at`;

export async function lockEntities(tx: Tx, ids: readonly string[]): Promise<string> {
  const [row] = await tx.run<{ locked: number; at: string }>(LOCK_ENTITIES, { ids: [...new Set(ids)].sort() });
  return row.at;
}

// name: entitiesByIds
const ENTITIES_BY_IDS = `
UNWIND $ids AS id
MATCH (n:${ENTITY_LABEL} {id: id})
RETURN n.id AS id, ${labelOf('n')} AS label, properties(n) AS props`;

export async function entitiesByIds(tx: Tx, ids: readonly string[]): Promise<Map<string, StoredEntity>> {
  const rows = await tx.run<{ id: string; label: Label; props: Props }>(ENTITIES_BY_IDS, { ids: [...new Set(ids)] });
  return new Map(rows.map((r) => [r.id, r]));
}

// name: missingSources — which of the ids name no Source
const MISSING_SOURCES = `
UNWIND $ids AS id
OPTIONAL MATCH (s:Source {id: id})
WITH id, s WHERE s IS NULL
RETURN id`;

// name: sourceKinds — the kind of each id that names a Source
const SOURCE_KINDS_OF = `
UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN s.kind AS kind`;

export async function sourceKinds(tx: Tx, ids: readonly string[]): Promise<SourceKind[]> {
  const rows = await tx.run<{ kind: SourceKind }>(SOURCE_KINDS_OF, { ids: [...new Set(ids)] });
  return rows.map((r) => r.kind);
}

export async function missingSources(tx: Tx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await tx.run<{ id: string }>(MISSING_SOURCES, { ids: [...new Set(ids)] });
  return rows.map((r) => r.id);
}

export const CLAIM_ROW = `r.id AS id, type(r) AS type, a.id AS subject, b.id AS object, properties(r) AS props`;

// name: claimsWithIds(<TYPE>) — an index seek on the type's claim ids. Callers ask type by type:
// one UNION over every type would use the same indexes, but the planner takes seconds over it.
const claimsWithIdsCypher = (type: RelationshipType) => `
UNWIND $ids AS claimId
MATCH (a:${ENTITY_LABEL})-[r:${type} {id: claimId}]->(b:${ENTITY_LABEL})
RETURN ${CLAIM_ROW}`;

/** Claims with any of these ids, of the given types (by default, of any type). */
export async function claimsWithIds(
  tx: Tx,
  ids: readonly string[],
  types: readonly RelationshipType[] = RELATIONSHIP_TYPES,
): Promise<StoredClaim[]> {
  if (ids.length === 0) {
    return [];
  }
  const found: StoredClaim[] = [];
  for (const type of types) {
    found.push(...(await tx.run<StoredClaim & Props>(claimsWithIdsCypher(type), { ids: [...new Set(ids)] })));
  }
  return found;
}

// name: deleteClaims — type from the closed enum
const deleteClaimsCypher = (type: RelationshipType) => `
UNWIND $rows AS row
MATCH (:${ENTITY_LABEL} {id: row.subject})-[r:${type} {id: row.id}]->(:${ENTITY_LABEL} {id: row.object})
DELETE r
RETURN count(*) AS deleted`;

export async function deleteClaims(tx: Tx, claims: readonly StoredClaim[]): Promise<void> {
  for (const type of RELATIONSHIP_TYPES) {
    const rows = claims.filter((c) => c.type === type).map(({ id, subject, object }) => ({ id, subject, object }));
    if (rows.length > 0) {
      await touchCards(
        tx,
        rows.flatMap((r) => [r.subject, r.object]),
        { before: true },
      );
      await tx.run(deleteClaimsCypher(type), { rows });
    }
  }
}
