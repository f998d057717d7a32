// Cypher for the exploration fields: full-text search over the `entity_search` index, a node's
// neighbourhood read level by level, and shortest paths between two entities. Every query is
// parameterised; the only text interpolated is the index name, the `Entity` label, relationship
// types taken from the relationship definitions (graph/relationships.ts), and path lengths from the constant
// range 1..6, never a value a client sent.
import type { Executor } from '../../db/database';
import { FULLTEXT_INDEX, FULLTEXT_PROPERTIES } from '../../db/migrations';
import {
  type EntityParent,
  type EvidenceRow,
  labelOf,
  toEntityParent,
  toEvidence,
  zipProperties,
} from '../entity/entity.repository';
import { CURIE_PATTERN, DOI_PATTERN, ENTITY_LABEL, type Label, type RelationshipType } from '../model';
import { ENTITY_ID_PATTERN } from '../registry';
import { RELATIONSHIP_TYPES } from '../enums';

/** A node a projection read: its label and the values of $nodeKeys (see entityProperties). */
interface ProjectedNode {
  label: Label;
  values: unknown[];
}

const projectedNode = (n: string) => `{label: ${labelOf(n)}, values: [k IN $nodeKeys | ${n}[k]]}`;
const toRow = (node: ProjectedNode, keys: readonly string[]): EntityParent =>
  toEntityParent(node.label, zipProperties(keys, node.values));

// ---------------------------------------------------------------------------------------------
// Search.

/** How one search text is asked of the database. */
export interface SearchPlan {
  /** The Lucene query handed to the full-text index. */
  lucene: string;
  /** The entity id the text names, if it has the shape of one (ids are not in the full-text index). */
  entityId: string | null;
  /** Upper-cased spellings an identifier property must equal for an exact match; empty for multi-word text. */
  exact: string[];
}

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
/** A plain word: letters and digits, with inner hyphens, dots, apostrophes or underscores. */
const PLAIN_WORD = /^[\p{L}\p{N}][\p{L}\p{N}'’._-]*$/u;
const LUCENE_OPERATORS = new Set(['AND', 'OR', 'NOT', 'TO']);
const NCT = /^NCT\d{8}$/i;
const DOI_CURIE = /^doi:(10\.\d{4,9}\/\S+)$/i;
/** Prefix autocompletion starts at this many characters; a one-letter prefix matches most of the index. */
const MIN_PREFIX = 2;
const NAME_FIELD: (typeof FULLTEXT_PROPERTIES)[number] = 'name';

export function escapeLucene(text: string): string {
  return text.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
}

/**
 * Lucene regular expressions (`/.../`) are turned off by escaping every unescaped `/`: a crafted
 * one (a large repetition such as `{9999}`) builds an automaton that exhausts the database's heap.
 */
function withoutRegex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\\') {
      out += c + (text[i + 1] ?? '');
      i += 1;
    } else {
      out += c === '/' ? '\\/' : c;
    }
  }
  return out;
}

function looksLikeIdentifier(token: string): boolean {
  if (ENTITY_ID_PATTERN.test(token.toLowerCase()) || NCT.test(token) || DOI_PATTERN.test(token)) {
    return true;
  }
  if (DOI_CURIE.test(token)) {
    return true;
  }
  // `name:disc` is Lucene's field syntax, not a CURIE.
  const prefix = token.slice(0, token.indexOf(':'));
  return CURIE_PATTERN.test(token) && !(FULLTEXT_PROPERTIES as readonly string[]).includes(prefix);
}

function exactForms(token: string): string[] {
  const upper = token.toUpperCase();
  const forms = new Set([upper]);
  if (NCT.test(token)) {
    forms.add(`CLINICALTRIALS:${upper}`);
  }
  if (DOI_PATTERN.test(token)) {
    forms.add(`DOI:${upper}`);
  }
  const colon = upper.indexOf(':');
  if (colon > 0) {
    // CLINICALTRIALS:NCT…, DOI:10.…, PMID:… also name the bare registry id, DOI or PubMed id.
    forms.add(upper.slice(colon + 1));
  }
  return [...forms];
}

/**
 * Three kinds of text, told apart by shape:
 * - an identifier (entity id, CURIE, NCT number, DOI): searched as a quoted phrase, so `:` and `/`
 *   are literal, and matched exactly against the identifier properties;
 * - plain words: escaped, the last word also searched as a prefix (so the field autocompletes), and
 *   matches in the name weighted double;
 * - anything else is Lucene syntax, passed through (minus regular expressions); if it does not
 *   parse, src/db turns Lucene's error into BAD_USER_INPUT.
 */
export function planSearch(text: string): SearchPlan {
  const tokens = text.trim().split(/\s+/u);
  const single = tokens.length === 1 ? tokens[0] : undefined;
  const exact = single === undefined ? [] : exactForms(single);
  if (single !== undefined && looksLikeIdentifier(single)) {
    const lower = single.toLowerCase();
    return {
      lucene: `"${escapeLucene(single)}"`,
      entityId: ENTITY_ID_PATTERN.test(lower) ? lower : null,
      exact,
    };
  }
  if (tokens.every((t) => PLAIN_WORD.test(t) && !LUCENE_OPERATORS.has(t))) {
    const terms = tokens.map(escapeLucene);
    const prefix = (tokens.at(-1)!.match(/[\p{L}\p{N}]+$/u)?.[0] ?? '').toLowerCase();
    if (prefix.length >= MIN_PREFIX) {
      terms.push(`${prefix}*`);
    }
    // Matches in the name count double: typing "chronic low ba" should offer "Chronic low back pain"
    // before a longer text that mentions it.
    const words = terms.join(' ');
    return { lucene: `${words} ${NAME_FIELD}:(${words})^2`, entityId: null, exact };
  }
  return { lucene: withoutRegex(text.trim()), entityId: null, exact };
}

/** A keyset position in a search: rank (exact-match tier), score, then id. */
export type SearchPosition = {
  rank: number;
  score: number;
  id: string;
};

export interface SearchQuery {
  plan: SearchPlan;
  types: readonly string[] | null;
  /** Rows to return; one more is read to tell whether another page follows. */
  limit: number;
  after: SearchPosition | null;
}

export interface SearchRow extends SearchPosition {
  node: EntityParent;
}

// Hits of the full-text index plus the entity whose id the text is (ids are not indexed), with
// the best score per entity, restricted to the requested types. Lucene returns every hit, so
// nothing is gained by pushing the LIMIT further in than the ORDER BY below.
const SEARCH_HITS = `
CALL () {
  CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEX}', $lucene) YIELD node, score
  RETURN node AS n, score
  UNION ALL
  MATCH (n:${ENTITY_LABEL} {id: $entityId})
  RETURN n, 0.0 AS score
}
WITH n, max(score) AS score
WHERE $types IS NULL OR any(label IN labels(n) WHERE label IN $types)`;

// Words with no identifier in them: every hit ranks 0 and the index returns each node once, so
// there is nothing to merge or rank and the query streams the index's hits.
const WORD_HITS = `
CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEX}', $lucene) YIELD node AS n, score
WHERE $types IS NULL OR any(label IN labels(n) WHERE label IN $types)`;

/** Whether a hit lies after the keyset position $after (rank and score descending, id ascending). */
const afterPosition = (rank: string, score: string, id: string) =>
  `($after IS NULL OR ${rank} < $after.rank OR (${rank} = $after.rank AND (${score} < $after.score OR (${score} = $after.score AND ${id} > $after.id))))`;

/** A page row: the hit's position and its node, projected. */
const hitRow = (n: string, rank: string, score: string) =>
  `{id: ${n}.id, rank: ${rank}, score: ${score}, node: ${projectedNode(n)}}`;

// Both orders put rank first, then score, then id; for plain words every rank is 0, so their
// sort leaves the constant out.
const RANKED_ORDER = 'rank DESC, score DESC, n.id ASC';
const WORD_ORDER = 'score DESC, n.id ASC';

// The page alone: a top-k sort of the hits after the position.
const page = (order: string) => `
WHERE ${afterPosition('rank', 'score', 'n.id')}
ORDER BY ${order}
LIMIT toInteger($limit)
RETURN ${hitRow('n', 'rank', 'score')} AS hit`;

// The page and the number of hits in one query: every hit is sorted once, counted, and the page
// cut from the sorted list (the hits are read once instead of once a query). A first page takes
// the head of the list; only a later one tests every hit against its position.
// Not a top-k over an UNWIND of the collected hits: Neo4j charges the whole list to transaction
// memory once per kept row, so concurrent searches would exhaust the memory pool.
const pageAndCount = (order: string) => `
WITH n, score, rank
ORDER BY ${order}
WITH collect({n: n, rank: rank, score: score}) AS hits
WITH size(hits) AS count, CASE
  WHEN $after IS NULL THEN hits[..toInteger($limit)]
  ELSE [h IN hits WHERE ${afterPosition('h.rank', 'h.score', 'h.n.id')}][..toInteger($limit)]
END AS page
RETURN count, [h IN page | ${hitRow('h.n', 'h.rank', 'h.score')}] AS hits`;

// Rank tiers of an exact identifier match: the entity's own id, its primary CURIE, one of its
// cross-references, another identifier (registry id, DOI, PubMed id, acronym). Within a tier a
// Source ranks after other entities: a registry record that shares a trial's NCT number is a
// document about the trial, not the trial.
const RANKED_HITS = `${SEARCH_HITS}
WITH n, score, CASE
  WHEN n.id = $entityId THEN 4
  WHEN toUpper(n.curie) IN $exact THEN 3
  WHEN any(x IN coalesce(n.xrefs, []) WHERE toUpper(x) IN $exact) THEN 2
  WHEN any(v IN [n.registryId, n.doi, n.pmid, n.pmcid, n.acronym] WHERE toUpper(v) IN $exact) THEN 1
  ELSE 0
END AS tier
WITH n, score, CASE WHEN tier = 0 THEN 0 WHEN n:Source THEN 2 * tier ELSE 2 * tier + 1 END AS rank`;

const WORD_RANKED_HITS = `${WORD_HITS}
WITH n, score, 0 AS rank`;

// name: searchPage, searchPage(words), searchPageAndCount, searchPageAndCount(words)
const SEARCH_QUERIES = {
  searchPage: RANKED_HITS + page(RANKED_ORDER),
  'searchPage(words)': WORD_RANKED_HITS + page(WORD_ORDER),
  searchPageAndCount: RANKED_HITS + pageAndCount(RANKED_ORDER),
  'searchPageAndCount(words)': WORD_RANKED_HITS + pageAndCount(WORD_ORDER),
} as const;

const wordsOnly = (plan: SearchPlan) => plan.entityId === null && plan.exact.length === 0;

interface HitRecord extends SearchPosition {
  node: ProjectedNode;
}

export interface SearchResultRows {
  rows: SearchRow[];
  /** Every hit, when it was asked for. */
  count: number | null;
}

/**
 * A page of hits (one more than `query.limit`, to tell whether another follows), reading the
 * properties in `nodeKeys` of each; with `withCount`, the number of every hit too, in the same query.
 */
export async function searchPage(
  executor: Executor,
  query: SearchQuery,
  nodeKeys: readonly string[],
  withCount: boolean,
): Promise<SearchResultRows> {
  const name = `${withCount ? 'searchPageAndCount' : 'searchPage'}${wordsOnly(query.plan) ? '(words)' : ''}` as const;
  const { plan, types } = query;
  const params = {
    lucene: plan.lucene,
    entityId: plan.entityId,
    exact: plan.exact,
    types,
    after: query.after,
    limit: query.limit + 1,
    nodeKeys,
  };
  const toSearchRow = (hit: HitRecord): SearchRow => ({
    id: hit.id,
    rank: hit.rank,
    score: hit.score,
    node: toRow(hit.node, nodeKeys),
  });
  if (withCount) {
    const [row] = await executor.read<{ count: number; hits: HitRecord[] }>(name, SEARCH_QUERIES[name], params);
    return { rows: row.hits.map(toSearchRow), count: row.count };
  }
  const rows = await executor.read<{ hit: HitRecord }>(name, SEARCH_QUERIES[name], params);
  return { rows: rows.map((r) => toSearchRow(r.hit)), count: null };
}

// ---------------------------------------------------------------------------------------------
// Neighbourhood.

export interface GraphEdgeRow {
  id: string;
  source: string;
  target: string;
  type: string;
  evidence: EvidenceRow;
}

/** The properties a neighbourhood or a path reads of each node and each claim (see entityProperties). */
export interface GraphProjection {
  node: string[];
  claim: string[];
}

export interface NeighborhoodRows {
  nodes: EntityParent[];
  edges: GraphEdgeRow[];
  truncated: boolean;
}

/** `:A|B` over the requested types in catalogue order, or nothing (every type). */
function typeFilter(types: readonly RelationshipType[] | null): string {
  if (types === null) {
    return '';
  }
  const known = RELATIONSHIP_TYPES.filter((t) => types.includes(t));
  if (known.length === 0) {
    throw new Error('typeFilter needs at least one relationship type from the catalogue');
  }
  return `:${known.join('|')}`;
}

// name: neighborhood(<depth>, <types>)
// Breadth-first in one query: one CALL a level. Each level reads the not-yet-seen neighbours of
// the frontier; both LIMITs stream (the inner one stops expanding a high-degree node, the outer one
// stops the level), so no node's whole neighbourhood is read before limiting. A level keeps what
// still fits under $limit and marks the result truncated when more existed; later levels then read
// nothing. The claims among the chosen nodes are read last, each once from its subject's side.
// Nodes and claims return only the properties in $nodeKeys and $claimKeys, as value lists.
// The depth is a constant from the closed range 1..3 and the types come from the catalogue.
function neighborhoodQuery(depth: number, types: string): string {
  const level = `
CALL (visited, frontier, truncated) {
  WITH visited, frontier, truncated
  WHERE NOT truncated
  UNWIND frontier AS f
  CALL (f, visited) {
    MATCH (f)-[${types}]-(m:${ENTITY_LABEL})
    WHERE NOT m IN visited
    RETURN DISTINCT m
    LIMIT toInteger($limit)
  }
  WITH DISTINCT m
  LIMIT toInteger($limit)
  RETURN collect(m) AS found
}
WITH c, visited, truncated, found, $limit - size(visited) AS room
WITH c, visited + found[0..room] AS visited, found[0..room] AS frontier, truncated OR size(found) > room AS truncated`;
  return `
MATCH (c:${ENTITY_LABEL} {id: $centre})
WITH c, [c] AS visited, [c] AS frontier, false AS truncated
${Array.from({ length: depth }, () => level).join('')}
CALL (visited) {
  UNWIND visited AS a
  MATCH (a)-[r${types}]->(b:${ENTITY_LABEL})
  WHERE b IN visited
  WITH a, r, b
  ORDER BY r.id
  RETURN collect({id: r.id, source: a.id, target: b.id, type: type(r), values: [k IN $claimKeys | r[k]]}) AS edges
}
RETURN [n IN visited | ${projectedNode('n')}] AS nodes, edges, truncated`;
}

/** One query; null when no entity has the centre's id. */
export async function readNeighborhood(
  executor: Executor,
  centreId: string,
  depth: number,
  types: readonly RelationshipType[] | null,
  limit: number,
  projection: GraphProjection,
): Promise<NeighborhoodRows | null> {
  const filter = typeFilter(types);
  const rows = await executor.read<{
    nodes: ProjectedNode[];
    edges: Array<Omit<GraphEdgeRow, 'evidence'> & { values: unknown[] }>;
    truncated: boolean;
  }>(`neighborhood(${depth}, ${filter || 'all'})`, neighborhoodQuery(depth, filter), {
    centre: centreId,
    limit,
    nodeKeys: projection.node,
    claimKeys: projection.claim,
  });
  if (rows.length === 0) {
    return null;
  }
  const [row] = rows;
  return {
    nodes: row.nodes.map((n) => toRow(n, projection.node)),
    edges: row.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      type: e.type,
      evidence: toEvidence(zipProperties(projection.claim, e.values), e.type),
    })),
    truncated: row.truncated,
  };
}

// ---------------------------------------------------------------------------------------------
// Paths.

export const MAX_PATH_LENGTH = 6;

/**
 * How many shortest trails SHORTEST selects before the ones that revisit an entity are dropped and
 * `first` are kept: twice the largest `first`, so dropping a few still leaves enough. (SHORTEST k
 * keeps relationships distinct but may revisit a node; such a detour explains nothing.)
 */
const PATH_SELECTION = 40;

// name: shortestPaths(<maxLength>)
// Quantifier bounds cannot be parameters, so there is one constant query a length, built below
// from the closed range 1..MAX_PATH_LENGTH. Inner nodes are never an end point (pruned during the
// search, not after) and never a Source (sources cite claims; they are not links of an
// explanation). Both end points are looked up optionally so that an unknown id is reported as
// such instead of as "no path". Nodes and claims return only the properties in $nodeKeys and
// $claimKeys, as value lists.
function shortestPathsQuery(maxLength: number): string {
  const pattern =
    maxLength === 1
      ? '(a)-[]-(b)'
      : `(a) ((s)-[]-(x) WHERE x <> a AND x <> b AND NOT x:Source){0,${maxLength - 1}} (last)-[]-(b)`;
  return `
OPTIONAL MATCH (a:${ENTITY_LABEL} {id: $from})
OPTIONAL MATCH (b:${ENTITY_LABEL} {id: $to})
CALL (a, b) {
  MATCH p = SHORTEST ${PATH_SELECTION} ${pattern}
  WITH p
  WHERE all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
  WITH p
  ORDER BY length(p), [n IN nodes(p) | n.id], [r IN relationships(p) | r.id]
  LIMIT toInteger($first)
  RETURN collect({
    nodes: [n IN nodes(p) | ${projectedNode('n')}],
    claims: [r IN relationships(p) | {type: type(r), subject: startNode(r).id, values: [k IN $claimKeys | r[k]]}]
  }) AS paths
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths`;
}

const SHORTEST_PATHS: ReadonlyMap<number, string> = new Map(
  Array.from({ length: MAX_PATH_LENGTH }, (_, i) => [i + 1, shortestPathsQuery(i + 1)]),
);

/** The query for paths of at most `maxLength` claims (the benchmark's raw-Cypher floor sends it too). */
export function shortestPathsCypher(maxLength: number): string {
  const cypher = SHORTEST_PATHS.get(maxLength);
  if (cypher === undefined) {
    throw new Error(`no shortest-path query for length ${maxLength}`);
  }
  return cypher;
}

export interface PathStepRow {
  from: EntityParent;
  to: EntityParent;
  type: string;
  forward: boolean;
  evidence: EvidenceRow;
}

export interface PathRow {
  length: number;
  nodes: EntityParent[];
  steps: PathStepRow[];
}

export interface PathsRows {
  fromFound: boolean;
  toFound: boolean;
  paths: PathRow[];
}

interface RawPath {
  nodes: ProjectedNode[];
  claims: Array<{ type: string; subject: string; values: unknown[] }>;
}

export async function readShortestPaths(
  executor: Executor,
  from: string,
  to: string,
  maxLength: number,
  first: number,
  projection: GraphProjection,
): Promise<PathsRows> {
  const [row] = await executor.read<{ fromFound: boolean; toFound: boolean; paths: RawPath[] }>(
    `shortestPaths(${maxLength})`,
    shortestPathsCypher(maxLength),
    { from, to, first, nodeKeys: projection.node, claimKeys: projection.claim },
  );
  return {
    fromFound: row.fromFound,
    toFound: row.toFound,
    paths: row.paths.map((raw) => {
      const nodes = raw.nodes.map((node) => toRow(node, projection.node));
      return {
        length: raw.claims.length,
        nodes,
        steps: raw.claims.map((claim, i) => ({
          from: nodes[i],
          to: nodes[i + 1],
          type: claim.type,
          forward: claim.subject === nodes[i].id,
          evidence: toEvidence(zipProperties(projection.claim, claim.values), claim.type),
        })),
      };
    }),
  };
}
