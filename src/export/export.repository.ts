// Reads the whole graph without holding it: keyset pages by id, each page its own short read
// transaction through the Executor. Nodes come label by label (LABELS order), each label in id
// order through its uniqueness-constraint index. Claims come in global id order: one cursor per
// relationship type walks that type's id index, and the cursors are merged, so memory holds at
// most one page per type whatever the size of the graph.
// Each page is read when the consumer asks for it; a slow consumer (an HTTP client, a file)
// therefore slows the reading instead of filling memory. Pages are separate transactions, so an
// export taken while curators write is not a single point-in-time snapshot.
import type { Executor } from '../db/database';
import { type Label, type RelationshipType } from '../graph/model';
import { LABELS } from '../graph/registry';
import { RELATIONSHIP_TYPES } from '../graph/enums';
import type { GraphClaim, GraphNode, Properties } from './records';

export interface ReadOptions {
  /** Rows per keyset page (per relationship type for claims). */
  pageSize?: number;
}

const DEFAULT_PAGE_SIZE = 500;

// name: exportNodesPage — label interpolated from the closed LABELS enum only
const nodesPage = (label: Label) => `
MATCH (n:${label})
WHERE n.id > $after
RETURN n.id AS id, properties(n) AS properties
ORDER BY n.id
LIMIT toInteger($limit)`;

// name: exportClaimsPage — relationship type interpolated from the closed RELATIONSHIP_TYPES enum only
const claimsPage = (type: RelationshipType) => `
MATCH (a)-[r:${type}]->(b)
WHERE r.id > $after
RETURN r.id AS id, a.id AS subject, b.id AS object, properties(r) AS properties
ORDER BY r.id
LIMIT toInteger($limit)`;

/** The entities of one label, in id order. */
export async function* readNodes(
  executor: Executor,
  label: Label,
  options: ReadOptions = {},
): AsyncGenerator<GraphNode> {
  const limit = options.pageSize ?? DEFAULT_PAGE_SIZE;
  // '' sorts before every id, so the first page starts at the beginning.
  let after = '';
  for (;;) {
    const rows = await executor.read<{ id: string; properties: Properties }>('exportNodesPage', nodesPage(label), {
      after,
      limit,
    });
    for (const row of rows) {
      yield { id: row.id, label, properties: row.properties };
    }
    if (rows.length < limit) {
      return;
    }
    after = rows[rows.length - 1].id;
  }
}

/** Every entity: label by label in LABELS order, each label in id order. */
export async function* readAllNodes(executor: Executor, options: ReadOptions = {}): AsyncGenerator<GraphNode> {
  for (const label of LABELS) {
    yield* readNodes(executor, label, options);
  }
}

/** A keyset cursor over one relationship type. */
class ClaimCursor {
  private rows: GraphClaim[] = [];
  private index = 0;
  private after = '';
  private exhausted = false;

  constructor(
    private readonly executor: Executor,
    readonly type: RelationshipType,
    private readonly limit: number,
  ) {}

  /** The next claim of this type without consuming it, reading a page when needed. */
  async peek(): Promise<GraphClaim | undefined> {
    if (this.index < this.rows.length) {
      return this.rows[this.index];
    }
    if (this.exhausted) {
      return undefined;
    }
    const rows = await this.executor.read<Omit<GraphClaim, 'type'>>('exportClaimsPage', claimsPage(this.type), {
      after: this.after,
      limit: this.limit,
    });
    this.rows = rows.map((row) => ({ ...row, type: this.type }));
    this.index = 0;
    this.exhausted = rows.length < this.limit;
    if (rows.length > 0) {
      this.after = rows[rows.length - 1].id;
    }
    return this.rows[0];
  }

  take(): void {
    this.index += 1;
  }
}

/** Every claim, in id order across all relationship types. */
export async function* readClaims(executor: Executor, options: ReadOptions = {}): AsyncGenerator<GraphClaim> {
  const limit = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const cursors = RELATIONSHIP_TYPES.map((type) => new ClaimCursor(executor, type, limit));
  for (;;) {
    let best: { cursor: ClaimCursor; claim: GraphClaim } | undefined;
    for (const cursor of cursors) {
      const claim = await cursor.peek();
      // Plain code-unit comparison, the order Neo4j's ORDER BY gives these ASCII ids.
      if (claim !== undefined && (best === undefined || claim.id < best.claim.id)) {
        best = { cursor, claim };
      }
    }
    if (best === undefined) {
      return;
    }
    best.cursor.take();
    yield best.claim;
  }
}

/** The whole graph as a producer of nodes then claims; formats consume it. */
export interface GraphSource {
  nodes(label?: Label): AsyncIterable<GraphNode>;
  claims(): AsyncIterable<GraphClaim>;
}

export function databaseSource(executor: Executor, options: ReadOptions = {}): GraphSource {
  return {
    nodes: (label) => (label === undefined ? readAllNodes(executor, options) : readNodes(executor, label, options)),
    claims: () => readClaims(executor, options),
  };
}
