// Schema migrations: uniqueness constraints, range indexes and the full-text index. Every
// statement is idempotent (IF NOT EXISTS), so they run on every start, locally, in docker compose
// and on Aura alike. Labels, indexed properties and relationship types come from the entity and
// relationship definitions (src/graph/entities.ts, src/graph/relationships.ts).
import { AUDIT_LABEL, ENTITY_LABEL } from '../graph/model';
import { ENTITIES } from '../graph/entities';
import { LABELS } from '../graph/registry';
import { RELATIONSHIP_TYPES } from '../graph/enums';
import { RELEASE_SCHEMA_STATEMENTS } from '../graph/stats/release.repository';
import type { Executor } from './database';
import { GRAPH_VERSION_SCHEMA_STATEMENTS } from './graphVersion';
import { EVIDENCE_CARD_SCHEMA_STATEMENTS } from '../graph/dashboard/card.store';

export const FULLTEXT_INDEX = 'entity_search';

/** Properties the full-text index reads; the loader fills the derived `*Text` ones. */
export const FULLTEXT_PROPERTIES = ['name', 'synonymsText', 'description', 'identifiersText'] as const;

const RANGE_INDEXES: ReadonlyArray<[label: string, property: string]> = [
  [ENTITY_LABEL, 'curie'],
  [ENTITY_LABEL, 'name'],
  ...ENTITIES.flatMap((entity) =>
    ['name', ...entity.indexes].map((property): [string, string] => [entity.label, property]),
  ),
];

export function migrationStatements(): string[] {
  const statements = [ENTITY_LABEL, ...LABELS].map(
    (label) =>
      `CREATE CONSTRAINT ${label.toLowerCase()}_id_unique IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
  );
  for (const [label, property] of RANGE_INDEXES) {
    statements.push(
      `CREATE INDEX ${label.toLowerCase()}_${property.toLowerCase()} IF NOT EXISTS FOR (n:${label}) ON (n.${property})`,
    );
  }
  for (const type of RELATIONSHIP_TYPES) {
    statements.push(`CREATE INDEX rel_${type.toLowerCase()}_id IF NOT EXISTS FOR ()-[r:${type}]-() ON (r.id)`);
  }
  statements.push(
    `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (n:${LABELS.join('|')}) ON EACH [${FULLTEXT_PROPERTIES.map((p) => `n.${p}`).join(', ')}]`,
  );
  // The audit trail of curation (src/graph/curation/audit.store.ts): entries are unique by id
  // and read by the entity or claim they concern, or by a claim's ends.
  statements.push(
    `CREATE CONSTRAINT auditentry_id_unique IF NOT EXISTS FOR (n:${AUDIT_LABEL}) REQUIRE n.id IS UNIQUE`,
    ...['targetId', 'subjectId', 'objectId'].map(
      (property) =>
        `CREATE INDEX auditentry_${property.toLowerCase()} IF NOT EXISTS FOR (n:${AUDIT_LABEL}) ON (n.${property})`,
    ),
  );
  // Data releases (src/release): a version is unique, and `changedSinceRelease` seeks audit entries by time.
  statements.push(...RELEASE_SCHEMA_STATEMENTS);
  // The graph version (src/db/graphVersion.ts): one node, advanced by every write, made here if missing.
  statements.push(...GRAPH_VERSION_SCHEMA_STATEMENTS);
  // Stored evidence cards (src/graph/dashboard/card.store.ts): one per condition.
  statements.push(...EVIDENCE_CARD_SCHEMA_STATEMENTS);
  return statements;
}

/** Applies every migration, then waits until the indexes are online. */
export async function migrate(executor: Executor): Promise<void> {
  for (const statement of migrationStatements()) {
    await executor.db.driver.executeQuery(statement, {}, { database: executor.db.options.database });
  }
  await executor.db.driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database: executor.db.options.database });
}
