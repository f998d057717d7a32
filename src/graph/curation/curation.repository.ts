// Cypher of the curation writes. Every function runs inside the caller's transaction (the service
// opens one per mutation). Labels and relationship types are interpolated only from the closed
// lists of graph/entities.ts and graph/relationships.ts; every value is a parameter.
import type { Tx } from '../../db/database';
import { labelOf } from '../entity/entity.repository';
import { ENTITY_LABEL, type Label, type RelationshipType } from '../model';
import { RELATIONSHIP_TYPES } from '../enums';

type Props = Record<string, unknown>;

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

// name: createEntity — label from the closed LABELS enum only
const createEntityCypher = (label: Label) => `
CREATE (n:${ENTITY_LABEL}:${label} {id: $id})
SET n += $props, n.createdAt = datetime($at), n.updatedAt = datetime($at), n.updatedBy = $actor, n.version = 1
RETURN properties(n) AS props`;

export async function createEntity(
  tx: Tx,
  label: Label,
  id: string,
  props: Props,
  at: string,
  actor: string,
): Promise<Props> {
  const [row] = await tx.run<{ props: Props }>(createEntityCypher(label), { id, props, at, actor });
  return row.props;
}

// name: updateEntity — `props` holds every stored key (absent ones as null, which SET += removes)
const UPDATE_ENTITY = `
MATCH (n:${ENTITY_LABEL} {id: $id})
SET n += $props, n.version = coalesce(n.version, 1) + 1, n.updatedAt = datetime($at), n.updatedBy = $actor
RETURN properties(n) AS props`;

export async function updateEntity(tx: Tx, id: string, props: Props, at: string, actor: string): Promise<Props> {
  const [row] = await tx.run<{ props: Props }>(UPDATE_ENTITY, { id, props, at, actor });
  return row.props;
}

// name: setEntitySources — a cascade removing a deleted Source from the entities that cite it
const SET_ENTITY_SOURCES = `
UNWIND $rows AS row
MATCH (n:${ENTITY_LABEL} {id: row.id})
SET n.sourceIds = row.sourceIds, n.version = coalesce(n.version, 1) + 1, n.updatedAt = datetime($at), n.updatedBy = $actor
RETURN n.id AS id, n.version AS version`;

export async function setEntitySources(
  tx: Tx,
  rows: Array<{ id: string; sourceIds: string[] }>,
  at: string,
  actor: string,
): Promise<Map<string, number>> {
  if (rows.length === 0) {
    return new Map();
  }
  const out = await tx.run<{ id: string; version: number }>(SET_ENTITY_SOURCES, { rows, at, actor });
  return new Map(out.map((r) => [r.id, r.version]));
}

// name: deleteEntity
const DELETE_ENTITY = `
MATCH (n:${ENTITY_LABEL} {id: $id})
DETACH DELETE n`;

export async function deleteEntity(tx: Tx, id: string): Promise<void> {
  await tx.run(DELETE_ENTITY, { id });
}

// name: missingSources — which of the ids name no Source
const MISSING_SOURCES = `
UNWIND $ids AS id
OPTIONAL MATCH (s:Source {id: id})
WITH id, s WHERE s IS NULL
RETURN id`;

export async function missingSources(tx: Tx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await tx.run<{ id: string }>(MISSING_SOURCES, { ids: [...new Set(ids)] });
  return rows.map((r) => r.id);
}

const claimRow = `r.id AS id, type(r) AS type, a.id AS subject, b.id AS object, properties(r) AS props`;

// name: claimsOfEntity — every claim joining the entity, either way
const CLAIMS_OF_ENTITY = `
MATCH (n:${ENTITY_LABEL} {id: $id})
CALL (n) {
  MATCH (n)-[r]->(b:${ENTITY_LABEL}) RETURN n AS a, r, b
  UNION
  MATCH (a:${ENTITY_LABEL})-[r]->(n) RETURN a, r, n AS b
}
RETURN ${claimRow}`;

export async function claimsOfEntity(tx: Tx, id: string): Promise<StoredClaim[]> {
  return tx.run<StoredClaim & Props>(CLAIMS_OF_ENTITY, { id });
}

// name: claimsCiting — claims whose sources include the id. Citations are lists on relationships,
// which no index covers; curation deletes sources rarely, so a scan of the claims is acceptable.
const CLAIMS_CITING = `
MATCH (a:${ENTITY_LABEL})-[r]->(b:${ENTITY_LABEL})
WHERE $id IN r.sourceIds
RETURN ${claimRow}`;

export async function claimsCiting(tx: Tx, id: string): Promise<StoredClaim[]> {
  return tx.run<StoredClaim & Props>(CLAIMS_CITING, { id });
}

// name: entitiesCiting — entities whose sources include the id (a scan, as above)
const ENTITIES_CITING = `
MATCH (n:${ENTITY_LABEL})
WHERE $id IN n.sourceIds
RETURN n.id AS id, ${labelOf('n')} AS label, properties(n) AS props`;

export async function entitiesCiting(tx: Tx, id: string): Promise<StoredEntity[]> {
  return tx.run<StoredEntity & Props>(ENTITIES_CITING, { id });
}

// name: claimsWithIds(<TYPE>) — an index seek on the type's claim ids. Callers ask type by type:
// one UNION over every type would use the same indexes, but the planner takes seconds over it.
const claimsWithIdsCypher = (type: RelationshipType) => `
UNWIND $ids AS claimId
MATCH (a:${ENTITY_LABEL})-[r:${type} {id: claimId}]->(b:${ENTITY_LABEL})
RETURN ${claimRow}`;

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
RETURN ${claimRow}
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
  return row.props;
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
      await tx.run(deleteClaimsCypher(type), { rows });
    }
  }
}

// name: setClaimSources — type from the closed enum
const setClaimSourcesCypher = (type: RelationshipType) => `
UNWIND $rows AS row
MATCH (:${ENTITY_LABEL} {id: row.subject})-[r:${type} {id: row.id}]->(:${ENTITY_LABEL} {id: row.object})
SET r.sourceIds = row.sourceIds
RETURN count(*) AS updated`;

export async function setClaimSources(
  tx: Tx,
  claims: ReadonlyArray<StoredClaim & { sourceIds: string[] }>,
): Promise<void> {
  for (const type of RELATIONSHIP_TYPES) {
    const rows = claims
      .filter((c) => c.type === type)
      .map(({ id, subject, object, sourceIds }) => ({ id, subject, object, sourceIds }));
    if (rows.length > 0) {
      await tx.run(setClaimSourcesCypher(type), { rows });
    }
  }
}

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
  }
}
