// Cypher of entity writes: create, update, and delete with what a delete cascades to (the claims
// that join or cite the entity, the entities that cite it). Runs in the caller's transaction;
// labels and relationship types come only from the closed lists.
import type { Tx } from '../../db/database';
import { labelOf } from '../entity/entity.repository';
import { ENTITY_LABEL, type Label, type RelationshipType } from '../model';
import { RELATIONSHIP_TYPES } from '../enums';
import { touchCards } from '../dashboard/card.store';
import { CLAIM_ROW, type Props, type StoredClaim, type StoredEntity } from './curation.store';

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
  await touchCards(tx, [id]);
  return row.props;
}

// name: updateEntity — `props` holds every stored key (absent ones as null, which SET += removes)
const UPDATE_ENTITY = `
MATCH (n:${ENTITY_LABEL} {id: $id})
SET n += $props, n.version = coalesce(n.version, 1) + 1, n.updatedAt = datetime($at), n.updatedBy = $actor
RETURN properties(n) AS props`;

export async function updateEntity(tx: Tx, id: string, props: Props, at: string, actor: string): Promise<Props> {
  const [row] = await tx.run<{ props: Props }>(UPDATE_ENTITY, { id, props, at, actor });
  await touchCards(tx, [id]);
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
  await touchCards(
    tx,
    rows.map((r) => r.id),
  );
  return new Map(out.map((r) => [r.id, r.version]));
}

// name: deleteEntity
const DELETE_ENTITY = `
MATCH (n:${ENTITY_LABEL} {id: $id})
DETACH DELETE n`;

export async function deleteEntity(tx: Tx, id: string): Promise<void> {
  await touchCards(tx, [id], { before: true });
  await tx.run(DELETE_ENTITY, { id });
}

// name: claimsOfEntity — every claim joining the entity, either way
const CLAIMS_OF_ENTITY = `
MATCH (n:${ENTITY_LABEL} {id: $id})
CALL (n) {
  MATCH (n)-[r]->(b:${ENTITY_LABEL}) RETURN n AS a, r, b
  UNION
  MATCH (a:${ENTITY_LABEL})-[r]->(n) RETURN a, r, n AS b
}
RETURN ${CLAIM_ROW}`;

export async function claimsOfEntity(tx: Tx, id: string): Promise<StoredClaim[]> {
  return tx.run<StoredClaim & Props>(CLAIMS_OF_ENTITY, { id });
}

// name: claimsCiting — claims whose sources include the id. Citations are lists on relationships,
// which no index covers; curation deletes sources rarely, so a scan of the claims is acceptable.
const CLAIMS_CITING = `
MATCH (a:${ENTITY_LABEL})-[r]->(b:${ENTITY_LABEL})
WHERE $id IN r.sourceIds
RETURN ${CLAIM_ROW}`;

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
      await touchCards(
        tx,
        rows.flatMap((r) => [r.subject, r.object]),
      );
      await tx.run(setClaimSourcesCypher(type), { rows });
    }
  }
}
