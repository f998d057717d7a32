// The graph version: one (:GraphVersion {id: 'graph'}) node whose `version` every write
// transaction that changed anything advances before it commits (Executor.writeTx), so a reader
// that knows the version knows whether an answer it kept is still the graph's. Like the audit
// trail it has no Entity label: the API, stats, snapshots and exports never see it.
// The new version is the larger of the old one plus one and the database clock in milliseconds,
// so it never goes back, even when the graph is emptied and the node is created again.
export const GRAPH_VERSION_LABEL = 'GraphVersion';

/** Applied with every migration: the constraint, then the node itself if no write has made it yet. */
export const GRAPH_VERSION_SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE CONSTRAINT graphversion_id_unique IF NOT EXISTS FOR (n:${GRAPH_VERSION_LABEL}) REQUIRE n.id IS UNIQUE`,
  `MERGE (v:${GRAPH_VERSION_LABEL} {id: 'graph'}) ON CREATE SET v.version = timestamp()`,
];

// name: advanceGraphVersion — run last in a write transaction that changed the graph. MERGE on the
// unique id takes the node's lock, so concurrent writes get distinct, increasing versions.
export const ADVANCE_GRAPH_VERSION = `
MERGE (v:${GRAPH_VERSION_LABEL} {id: 'graph'})
WITH v, coalesce(v.version, 0) + 1 AS next
SET v.version = CASE WHEN next > timestamp() THEN next ELSE timestamp() END
RETURN v.version AS version`;

// name: lockGraphVersion — run first in every write transaction: takes the node's write lock
// (set and removed, so nothing is changed), which the transaction holds until it ends.
export const LOCK_GRAPH_VERSION = `
MERGE (v:${GRAPH_VERSION_LABEL} {id: 'graph'})
SET v.__lock = true
REMOVE v.__lock`;

// name: readGraphVersion — null before the first write.
export const READ_GRAPH_VERSION = `
OPTIONAL MATCH (v:${GRAPH_VERSION_LABEL} {id: 'graph'})
RETURN v.version AS version`;

/** The properties of the (:GraphVersion) node, for docs/DATA.md. */
export const GRAPH_VERSION_PROPERTIES: Readonly<Record<'id' | 'version', string>> = {
  id: 'Always "graph": there is one such node.',
  version:
    'Advanced by every write transaction that changes the graph: the larger of the previous version plus one and the database clock in milliseconds. Response caches are keyed by it.',
};
