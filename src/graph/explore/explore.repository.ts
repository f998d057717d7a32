// Cypher for the exploration fields: full-text search over the `entity_search` index, a node's
// neighbourhood read level by level, and the ranked paths between two entities. Every query is
// parameterised; the only text interpolated is the index name, the `Entity` and `Source` labels,
// relationship types taken from the relationship definitions (graph/relationships.ts), path lengths
// from the constant range 1..6, positions in $via and the search's constant bounds, never a value a
// client sent.
import type { Executor } from '../../db/database';
import { FULLTEXT_INDEX, FULLTEXT_PROPERTIES } from '../../db/migrations';
import {
  type EntityParent,
  type EvidenceRow,
  labelOf,
  toEntityParent,
  toEvidence,
  where,
  zipProperties,
} from '../entity/entity.repository';
import { CURIE_PATTERN, DOI_PATTERN, ENTITY_LABEL, type Label, type RelationshipType } from '../model';
import { ENTITY_ID_PATTERN, labelOfId } from '../registry';
import { RELATIONSHIP_TYPES } from '../enums';
import { SOURCE } from '../source/source.entity';
import {
  labelsBetween,
  LEVEL_STRENGTHS,
  PATH_CANDIDATES,
  type PathRow,
  typesBetween,
  typesFlowing,
} from './path-reading';

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
  /**
   * A Lucene query that finds at least every hit with an identifier spelled as one of `exact`; only
   * the identifiers of what it finds are read to rank. Null when `exact` is empty.
   */
  identifiers: string | null;
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
const IDENTIFIERS_FIELD: (typeof FULLTEXT_PROPERTIES)[number] = 'identifiersText';
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

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
  const plan = planText(text);
  const { exact } = plan;
  if (exact.length === 0) {
    return { ...plan, identifiers: null };
  }
  // Every identifier property is in the identifier text, between spaces, so the phrase of a
  // spelling there finds each entity with an identifier of that spelling, as the index lower-cases
  // both (not one spelled with the few letters whose upper case is ASCII and lower case is not:
  // ı, ſ, the ﬀ–ﬆ ligatures). A spelling with no letter or digit has no token to be found by:
  // then every hit is ranked.
  if (!exact.every((form) => LETTER_OR_DIGIT.test(form))) {
    return { ...plan, identifiers: plan.lucene };
  }
  const phrases = exact.map((form) => `"${escapeLucene(form)}"`).join(' OR ');
  return { ...plan, identifiers: `${IDENTIFIERS_FIELD}:(${phrases})` };
}

function planText(text: string): Pick<SearchPlan, 'lucene' | 'entityId' | 'exact'> {
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

const typed = (n: string) => `any(label IN labels(${n}) WHERE label IN $types)`;

/**
 * What a search query filters its hits on: the types asked for, and a position to start after.
 * Each filter is in the text only when it applies, since the count reads every hit and a filter
 * kept in the text is evaluated on each one even when its parameter is null.
 */
interface SearchShape {
  typed: boolean;
  after: boolean;
}

/** The conditions that apply (a filter that does not is `false`). */
const applying = (...conditions: (string | false)[]) => conditions.filter((c): c is string => c !== false);

/** All of the conditions that apply, as one. */
const allOf = (...conditions: (string | false)[]) => applying(...conditions).join(' AND ');

// Rank tiers of an exact identifier match: the entity's own id, its primary CURIE, one of its
// cross-references, another identifier (registry id, DOI, PubMed id, acronym). Within a tier a
// Source ranks after other entities: a registry record that shares a trial's NCT number is a
// document about the trial, not the trial. A rank of 8 or 9 is the entity whose id the text is.
const TIER = (n: string) => `CASE
  WHEN ${n}.id = $entityId THEN 4
  WHEN toUpper(${n}.curie) IN $exact THEN 3
  WHEN any(x IN coalesce(${n}.xrefs, []) WHERE toUpper(x) IN $exact) THEN 2
  WHEN any(v IN [${n}.registryId, ${n}.doi, ${n}.pmid, ${n}.pmcid, ${n}.acronym] WHERE toUpper(v) IN $exact) THEN 1
  ELSE 0
END`;
const ID_RANK = 8;

// The entities the text names exactly, as [node, rank] pairs: those the plan's identifier query
// finds, each ranked from its identifiers (the query may find more than the exact matches, never
// fewer), and the entity whose id the text is (ids are not in the index). Few: unless the plan
// ranks every hit, the identifiers of the other hits are never read.
const exactMatches = (shape: SearchShape) => `
CALL () {
  WITH $identifiers AS identifiers
  WHERE identifiers IS NOT NULL
  CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEX}', identifiers) YIELD node
  RETURN node AS c
  UNION
  MATCH (c:${ENTITY_LABEL} {id: $entityId})
  RETURN c
}
WITH c, ${TIER('c')} AS tier
${where(applying('tier > 0', shape.typed && typed('c')))}
WITH collect([c, CASE WHEN c:${SOURCE.label} THEN 2 * tier ELSE 2 * tier + 1 END]) AS exact`;

/**
 * The index's hits. With `first`, the read serves only to take that many hits; when nothing
 * filters them, the index itself then returns just its best $limit.
 */
const indexHits = (shape: SearchShape, first = false) => {
  const options = first && !shape.typed && !shape.after ? ', {limit: toInteger($limit)}' : '';
  return `
CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEX}', $lucene${options}) YIELD node AS n, score`;
};

// The index's hits of the requested types, each with its rank (0 unless it is an exact match),
// kept when it also meets `and`. The index returns each node once, best first.
const hitsRanked = (shape: SearchShape, and: string | false = false, first = false) =>
  `${indexHits(shape, first)}
WITH exact, n, score, CASE WHEN exact = [] THEN 0 ELSE coalesce(head([e IN exact WHERE e[0] = n | e[1]]), 0) END AS rank
${where(applying(shape.typed && typed('n'), and))}`;

// Words with no identifier in them: every hit ranks 0, so the query streams the index's hits of
// the requested types, each kept when it also meets `and`.
const wordHits = (shape: SearchShape, and: string | false = false, first = false) =>
  `${indexHits(shape, first)}
${where(applying(shape.typed && typed('n'), and))}`;

/** Whether a hit lies after the keyset position $after (rank and score descending, id ascending). */
const afterPosition = (rank: string, score: string, id: string) =>
  `(${rank} < $after.rank OR (${rank} = $after.rank AND (${score} < $after.score OR (${score} = $after.score AND ${id} > $after.id))))`;

/** The same for a hit collected as a [node, score, rank] triple. */
const afterHit = (h: string) => afterPosition(`${h}[2]`, `${h}[1]`, `${h}[0].id`);

/** A page row: the hit's position and its node, projected. */
const hitRow = (n: string, rank: string, score: string) =>
  `{id: ${n}.id, rank: ${rank}, score: ${score}, node: ${projectedNode(n)}}`;

const RANKED_ORDER = 'rank DESC, score DESC, n.id ASC';

// Without sorting every hit by id: the least (rank, score) among any $limit hits after the
// position is at most that of the last hit on the page, so the page lies among the hits ranking
// and scoring at least that much, and only those are read and sorted. The index returns its hits
// best first, so the first $limit make the cut as high as it can be, and it keeps a page's ties.

/** The least of the [rank, score] keys in `list` (null for none). */
const leastKey = (list: string) =>
  `reduce(least = null, k IN ${list} | CASE WHEN least IS NULL OR k[0] < least[0] OR (k[0] = least[0] AND k[1] < least[1]) THEN k ELSE least END)`;

/** Whether a hit's rank and score are at least the key `least` (never, when it is null). */
const atLeast = (rank: string, score: string, least: string) =>
  `(${rank} > ${least}[0] OR (${rank} = ${least}[0] AND ${score} >= ${least}[1]))`;

/** The page: the [node, score, rank] triples in `above`, sorted, the first $limit of them. */
const PAGE_OF_ABOVE = `
CALL (above) {
  UNWIND above AS h
  WITH h[0] AS n, h[1] AS score, h[2] AS rank
  ORDER BY ${RANKED_ORDER}
  LIMIT toInteger($limit)
  RETURN collect(${hitRow('n', 'rank', 'score')}) AS hits
}
RETURN count, hits`;

/**
 * Every hit of words counted, and those scoring at least `least` (and lying after the position)
 * collected as [node, score, 0] triples: `count` and `above`.
 */
const countWords = (shape: SearchShape, least: string) => `${wordHits(shape)}
  WITH count(*) AS count, collect(CASE WHEN ${allOf(`score >= ${least}`, shape.after && afterPosition('0', 'score', 'n.id'))} THEN [n, score, 0] END) AS above`;

// The page and the number of hits, from two reads of the index. The first takes the first $limit
// hits after the position, where it stops, and finds the cut; the second counts every hit and
// keeps only those above the cut, which alone are sorted. When the text names nothing exactly,
// every hit ranks 0, and the second read is that of words, with no rank to work out per hit (each
// branch aggregates inside its own CALL, which a branch whose condition fails never runs). The
// entity whose id the text is, when the index did not find it, is one more hit at score 0. No list
// holds every hit: the sort's rows would each be charged for it in transaction memory (536 MB for
// "disc" at scale L).
const searchPageQuery = (shape: SearchShape) => {
  const after = shape.after && afterPosition('rank', 'score', 'n.id');
  const aboveCut = allOf(atLeast('rank', 'score', 'least'), after);
  const byIdAfter = shape.after ? ` WHERE ${afterHit('h')}` : '';
  return `${exactMatches(shape)}
CALL (exact) {${hitsRanked(shape, after, true)}
  WITH rank, score
  LIMIT toInteger($limit)
  WITH collect([rank, score]) AS keys
  RETURN ${leastKey('keys')} AS least
}
CALL (exact, least) {
  WITH exact, least WHERE exact = []
  CALL (least) {${countWords(shape, 'least[1]')}
    RETURN count, above
  }
  RETURN count, 0 AS top, above
  UNION ALL
  WITH exact, least WHERE exact <> []
  CALL (exact, least) {${hitsRanked(shape)}
    RETURN count(*) AS count, max(rank) AS top, collect(CASE WHEN ${aboveCut} THEN [n, score, rank] END) AS above
  }
  RETURN count, top, above
}
WITH count, above, CASE WHEN top >= ${ID_RANK} THEN [] ELSE [e IN exact WHERE e[1] >= ${ID_RANK} | [e[0], 0.0, e[1]]] END AS byId
WITH count + size(byId) AS count, [h IN byId${byIdAfter}] + above AS above${PAGE_OF_ABOVE}`;
};

// Words: the same, with every rank 0 and nothing to add.
const wordPageQuery = (shape: SearchShape) => `
CALL () {${wordHits(shape, shape.after && afterPosition('0', 'score', 'n.id'), true)}
  WITH score
  LIMIT toInteger($limit)
  RETURN min(score) AS least
}
CALL (least) {${countWords(shape, 'least')}
  RETURN count, above
}${PAGE_OF_ABOVE}`;

// name: searchPage, searchPage(words)
const SEARCH_QUERIES = {
  searchPage: searchPageQuery,
  'searchPage(words)': wordPageQuery,
} as const;

/** The query text of each kind and shape, built once. */
const searchQueryTexts = new Map<string, string>();
function searchQueryText(name: keyof typeof SEARCH_QUERIES, shape: SearchShape): string {
  const key = `${name} ${shape.typed} ${shape.after}`;
  let text = searchQueryTexts.get(key);
  if (text === undefined) {
    text = SEARCH_QUERIES[name](shape);
    searchQueryTexts.set(key, text);
  }
  return text;
}

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
  const name = query.plan.identifiers === null ? 'searchPage(words)' : 'searchPage';
  const { plan, types } = query;
  const params = {
    lucene: plan.lucene,
    entityId: plan.entityId,
    exact: plan.exact,
    identifiers: plan.identifiers,
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
  // Every hit is read to find the page, so counting them costs nothing more.
  const shape = { typed: types !== null, after: query.after !== null };
  const [row] = await executor.read<{ count: number; hits: HitRecord[] }>(name, searchQueryText(name, shape), params);
  return { rows: row.hits.map(toSearchRow), count: withCount ? row.count : null };
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

/** What one `paths` call asks for, checked and defaulted by the resolver. */
export interface PathsQuery {
  from: string;
  to: string;
  maxLength: number;
  first: number;
  /** Only steps that follow their relationship's flow (PathDirection.FOLLOW_FLOW). */
  followFlow: boolean;
  /** The labels of the entities in between, in order; null: any labels, any length up to maxLength. */
  via: readonly Label[] | null;
}

/** What a path reads of its nodes and claims, and of their sources when they are selected. */
export interface PathProjection extends GraphProjection {
  /** Properties of the sources each claim cites, read with the path; null when not selected. */
  claimSources: string[] | null;
  /** Properties of the sources describing each entity, read with the path; null when not selected. */
  nodeSources: string[] | null;
}

const CLAIM_TYPES = RELATIONSHIP_TYPES.join('|');
const FLOWING_IN = typesFlowing('in').join('|');

/**
 * Whether claim `r`, walked from `s` to `x`, is followed the way its relationship flows: a claim
 * that flows in starts where the step ends, any other starts where it begins. (As one CASE the
 * search tests the type once; as a disjunction over both type lists it read far more of the store.)
 */
const follows = (r: string, s: string, x: string): string =>
  FLOWING_IN === ''
    ? `startNode(${r}) = ${s}`
    : `startNode(${r}) = CASE WHEN ${r}:${FLOWING_IN} THEN ${x} ELSE ${s} END`;

/**
 * How many walks of one length the exact search reads on either side (see flowingPaths). Past this
 * the neighbourhood is dense, many paths are likely, and SHORTEST finds enough of them sooner.
 */
const WALKS_A_LENGTH = 10_000;
/** How many pairs of a lead and a trail the exact search may join; past this SHORTEST picks the candidates. */
const JOINED_PATHS = 20_000;

const SIMPLE_PATH = (p: string) =>
  `all(i IN range(0, length(${p}) - 1) WHERE NOT nodes(${p})[i] IN nodes(${p})[i + 1..])`;

/**
 * An entity strictly inside a path: never an end point, never a Source (sources cite claims; they
 * are not links of an explanation), and, following the flow, of one of $innerLabels (see
 * labelsBetween): the search never enters kinds that cannot lead on to `b`.
 */
const inner = (x: string, followFlow: boolean) =>
  `${x}:${ENTITY_LABEL} AND NOT ${x}:${SOURCE.label} AND ${x} <> a AND ${x} <> b` +
  (followFlow ? ` AND any(l IN labels(${x}) WHERE l IN $innerLabels)` : '');

/** One step of a quantified path pattern, from `s` to an inner `x`, over a claim of `types` (`A|B`). */
const step = (types: string, followFlow: boolean) =>
  `((s)-[r:${types}]-(x) WHERE ${inner('x', followFlow)}${followFlow ? ` AND ${follows('r', 's', 'x')}` : ''})`;

/** The last step, from `last` to `b`, and what it must satisfy (TRUE when nothing). */
const lastStep = (types: string) => `(last)-[rl:${types}]-(b)`;
const lastStepFollows = (followFlow: boolean) => (followFlow ? follows('rl', 'last', 'b') : 'true');

/**
 * Rows (pathNodes, claims): the PATH_CANDIDATES shortest simple paths from `a` to `b` of 1 to
 * maxLength claims. SHORTEST keeps relationships distinct but may revisit an entity; such a detour
 * explains nothing and is dropped.
 */
const shortestPaths = (maxLength: number, types: string, followFlow: boolean) => `
  MATCH p = SHORTEST ${PATH_CANDIDATES} ((a) ${step(types, followFlow)}{0,${maxLength - 1}} ${lastStep(types)} WHERE ${lastStepFollows(followFlow)})
  WITH p
  WHERE ${SIMPLE_PATH('p')}
  WITH nodes(p) AS pathNodes, relationships(p) AS claims`;

/**
 * Rows (pathNodes, claims) following the flow: every simple path from `a` to `b` of 1 to maxLength
 * claims when there are few, else the shortest (shortestPaths). SHORTEST alone is fast where many
 * paths exist but, where few do, tries every chain through the rest of the graph before it can
 * stop, and directed paths are often few (a trial and a condition six claims apart did not finish
 * within a minute on the benchmark graph). So an exact, bidirectional search goes first:
 *
 * - walks grow one claim a round, out of `a` (leads, from the walk of `a` alone) or into `b`
 *   (trails), on the side whose last length had fewer walks, until the longest lead (p claims) and
 *   the longest trail (q) add up to maxLength - 1: a trial with few leads meets a condition with
 *   many trails close to the condition. A length of WALKS_A_LENGTH walks or more is dropped and
 *   closes its side; the other side may still grow;
 * - a path of n claims is then a lead of min(p, n - 1) claims, one more claim, and a trail of the
 *   rest: either any lead with a last claim into `b`, or a lead of p claims with a claim to the
 *   first entity of a trail. So each path is found once.
 *
 * When both sides close short (a dense neighbourhood), or the leads of p claims and the trails
 * would join in more than JOINED_PATHS pairs, SHORTEST takes over.
 */
function flowingPaths(maxLength: number, types: string): string {
  const reach = maxLength - 1;
  const tip = (side: 'lead' | 'trail') =>
    `CASE WHEN size(${side}s) = 0 THEN [{nodes: [${side === 'lead' ? 'a' : 'b'}], rels: []}] ELSE last(${side}s) END`;
  // A side is closed once a length of it had too many walks; the other side may still grow.
  const canGrow = (side: 'lead' | 'trail') => `NOT ${side}Closed AND size(${side}s) < ${reach}`;
  const leadTurn =
    `${canGrow('lead')} AND ` + `(NOT (${canGrow('trail')}) OR size(${tip('lead')}) <= size(${tip('trail')}))`;
  const trailTurn = `NOT (${leadTurn}) AND ${canGrow('trail')}`;
  const grow = (side: 'lead' | 'trail') => {
    const [from, to, walk] =
      side === 'lead'
        ? ['reached', 'x', '{nodes: walk.nodes + x, rels: walk.rels + r}']
        : ['x', 'reached', '{nodes: [x] + walk.nodes, rels: [r] + walk.rels}'];
    return `
    CALL (a, b, ${side}s) {
      UNWIND ${tip(side)} AS walk
      WITH walk, ${side === 'lead' ? 'last' : 'head'}(walk.nodes) AS reached
      MATCH (${from})-[r:${types}]-(${to})
      WHERE ${inner('x', true)} AND ${follows('r', from, to)} AND NOT x IN walk.nodes
      WITH ${walk} AS walk
      LIMIT ${WALKS_A_LENGTH}
      RETURN collect(walk) AS grown
    }`;
  };
  const state = 'a, b, leads, trails, leadClosed, trailClosed';
  const growing = `size(leads) + size(trails) < ${reach}`;
  const round = `
  CALL (${state}) {
    WITH ${state}
    WHERE ${growing} AND ${leadTurn}${grow('lead')}
    WITH leads, trails, trailClosed, grown, size(grown) >= ${WALKS_A_LENGTH} AS tooMany
    RETURN CASE WHEN tooMany THEN leads ELSE leads + [grown] END AS nextLeads, trails AS nextTrails,
      tooMany AS nextLeadClosed, trailClosed AS nextTrailClosed
    UNION ALL
    WITH ${state}
    WHERE ${growing} AND ${trailTurn}${grow('trail')}
    WITH leads, trails, leadClosed, grown, size(grown) >= ${WALKS_A_LENGTH} AS tooMany
    RETURN leads AS nextLeads, CASE WHEN tooMany THEN trails ELSE trails + [grown] END AS nextTrails,
      leadClosed AS nextLeadClosed, tooMany AS nextTrailClosed
    UNION ALL
    WITH ${state}
    WHERE NOT (${growing} AND (${leadTurn} OR ${trailTurn}))
    RETURN leads AS nextLeads, trails AS nextTrails, leadClosed AS nextLeadClosed, trailClosed AS nextTrailClosed
  }
  WITH a, b, nextLeads AS leads, nextTrails AS trails, nextLeadClosed AS leadClosed, nextTrailClosed AS trailClosed`;
  // reach successful rounds, and at most one closing round a side.
  return `
  WITH a, b, [] AS leads, [] AS trails, false AS leadClosed, false AS trailClosed${round.repeat(reach + 2)}
  WITH a, b, [[{nodes: [a], rels: []}]] + leads AS leads, trails, size(leads) + size(trails) < ${reach} AS dense
  CALL (b, leads, trails, dense) {
    WITH b, leads, trails
    WHERE NOT dense
    WITH b, leads, trails, [walk IN reduce(all = [], length IN trails | all + length) | head(walk.nodes)] AS starts
    CALL (leads, trails, starts) {
      UNWIND last(leads) AS lead
      WITH lead, last(lead.nodes) AS reached
      MATCH (reached)-[r:${types}]-(x)
      WHERE x IN starts AND ${follows('r', 'reached', 'x')} AND NOT x IN lead.nodes
      RETURN x AS meet, {nodes: lead.nodes, rels: lead.rels + r} AS walk, true AS leading
      UNION ALL
      UNWIND trails AS length
      UNWIND length AS walk
      RETURN head(walk.nodes) AS meet, walk, false AS leading
    }
    WITH meet, collect(CASE WHEN leading THEN walk END) AS before, collect(CASE WHEN NOT leading THEN walk END) AS after
    WITH collect({before: before, after: after}) AS meetings
    RETURN meetings, reduce(pairs = 0, m IN meetings | pairs + size(m.before) * size(m.after)) AS pairs
  }
  WITH a, b, leads, meetings, NOT dense AND pairs <= ${JOINED_PATHS} AS exact
  CALL (a, b, leads, meetings, exact) {
    WITH b, leads
    WHERE exact
    UNWIND leads AS length
    UNWIND length AS lead
    WITH b, lead, last(lead.nodes) AS reached
    MATCH (reached)-[r:${types}]-(b)
    WHERE ${follows('r', 'reached', 'b')}
    RETURN lead.nodes + b AS pathNodes, lead.rels + r AS claims
    UNION ALL
    WITH meetings
    WHERE exact
    UNWIND meetings AS meeting
    UNWIND meeting.before AS lead
    UNWIND meeting.after AS trail
    WITH lead, trail
    WHERE none(n IN lead.nodes WHERE n IN trail.nodes)
    RETURN lead.nodes + trail.nodes AS pathNodes, lead.rels + trail.rels AS claims
    UNION ALL
    WITH a, b
    WHERE NOT exact${shortestPaths(maxLength, types, true)}
    RETURN pathNodes, claims
  }`;
}

/** No rows (pathNodes, claims): no relationship type can be a step of the path asked for. */
const NO_PATHS = `
  WITH a, b
  WHERE false
  WITH [a, b] AS pathNodes, [] AS claims`;

/**
 * Rows (pathNodes, claims): paths through exactly `count` entities, the i-th labelled $via[i], all
 * distinct (a fixed chain, so the distinctness is part of the search), the PATH_CANDIDATES found
 * first. With count 0, the direct claims.
 */
function viaPaths(count: number, types: string, followFlow: boolean): string {
  const nodes = ['a', ...Array.from({ length: count }, (_, i) => `x${i}`), 'b'];
  const conditions: string[] = [];
  let pattern = '(a)';
  for (let i = 1; i < nodes.length; i += 1) {
    pattern += `-[r${i - 1}:${types}]-(${nodes[i]})`;
    if (i < nodes.length - 1) {
      const before = ['a', 'b', ...nodes.slice(1, i)].join(', ');
      conditions.push(`$via[${i - 1}] IN labels(${nodes[i]}) AND NOT ${nodes[i]} IN [${before}]`);
    }
    if (followFlow) {
      conditions.push(follows(`r${i - 1}`, nodes[i - 1], nodes[i]));
    }
  }
  const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
  return `
  MATCH p = SHORTEST ${PATH_CANDIDATES} (${pattern}${where})
  WITH nodes(p) AS pathNodes, relationships(p) AS claims`;
}

/** The Source nodes `v` cites, in the order of its sourceIds, as value lists of the properties `$keys` names. */
const citedSources = (v: string, keys: string) =>
  `COLLECT { UNWIND ${v}.sourceIds AS sid MATCH (src:${SOURCE.label} {id: sid}) RETURN [k IN ${keys} | src[k]] }`;

export interface PathsCypherOptions {
  maxLength: number;
  followFlow: boolean;
  /** How many entity labels $via holds; null for any labels. */
  viaCount: number | null;
  /**
   * The relationship types a step may have (typesBetween, for FOLLOW_FLOW without via); null: any.
   * From the closed catalogue, so they are written into the text like labels.
   */
  stepTypes: readonly RelationshipType[] | null;
  claimSources: boolean;
  nodeSources: boolean;
}

// name: paths(<flow|any>, <upTo n|via n>[, claim sources][, node sources])
// The candidates (flowingPaths, shortestPaths or viaPaths) are ranked by evidence and the best $first kept: a
// step's strength is its claim's score, else its level's ($levelStrengths). Both end points are
// looked up optionally so that an unknown id is reported as such instead of as "no path". Nodes,
// claims and sources return only the properties in $nodeKeys, $claimKeys and $*SourceKeys, as value
// lists.
function pathsQuery(options: PathsCypherOptions): string {
  const { maxLength, followFlow, viaCount, stepTypes } = options;
  const types = stepTypes === null ? CLAIM_TYPES : stepTypes.join('|');
  const candidates =
    stepTypes !== null && stepTypes.length === 0
      ? NO_PATHS
      : viaCount !== null || maxLength === 1
        ? viaPaths(viaCount ?? 0, types, followFlow)
        : followFlow
          ? flowingPaths(maxLength, types)
          : shortestPaths(maxLength, types, false);
  const nodeSources = options.nodeSources ? citedSources('n', '$nodeSourceKeys') : 'null';
  const claimSources = options.claimSources ? citedSources('r', '$claimSourceKeys') : 'null';
  return `
OPTIONAL MATCH (a:${ENTITY_LABEL} {id: $from})
OPTIONAL MATCH (b:${ENTITY_LABEL} {id: $to})
CALL (a, b) {${candidates}
  WITH pathNodes, claims, [r IN claims | coalesce(r.score, $levelStrengths[r.level], 0.0)] AS strengths
  WITH pathNodes, claims, strengths,
    reduce(weakest = 1.0, s IN strengths | CASE WHEN s < weakest THEN s ELSE weakest END) AS strength,
    reduce(product = 1.0, s IN strengths | product * s) AS strengthProduct
  ORDER BY strength DESC, strengthProduct DESC, size(claims), [n IN pathNodes | n.id], [r IN claims | r.id]
  LIMIT toInteger($first)
  RETURN collect({
    strength: strength,
    strengthProduct: strengthProduct,
    strengths: strengths,
    nodes: [n IN pathNodes | {label: ${labelOf('n')}, values: [k IN $nodeKeys | n[k]], sources: ${nodeSources}}],
    claims: [r IN claims | {type: type(r), subject: startNode(r).id, values: [k IN $claimKeys | r[k]], sources: ${claimSources}}]
  }) AS paths
}
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths`;
}

const pathsQueryName = (options: PathsCypherOptions) =>
  `paths(${options.followFlow ? 'flow' : 'any'}, ${options.viaCount === null ? `upTo ${options.maxLength}` : `via ${options.viaCount}`}` +
  `${options.claimSources ? ', claim sources' : ''}${options.nodeSources ? ', node sources' : ''})`;

/**
 * Built on first use, keyed by name and step types: bounded by the catalogue (two directions, four
 * lengths, via or not, sources or not, and the pairs of entity kinds a flowing path can join).
 */
const PATHS_QUERIES = new Map<string, string>();

/** The query for one shape of `paths`, with its name (the benchmark's raw-Cypher floor sends it too). */
export function pathsCypher(options: PathsCypherOptions): { name: string; cypher: string } {
  const name = pathsQueryName(options);
  const key = `${name} ${options.stepTypes?.join('|') ?? '*'}`;
  let cypher = PATHS_QUERIES.get(key);
  if (cypher === undefined) {
    cypher = pathsQuery(options);
    PATHS_QUERIES.set(key, cypher);
  }
  return { name, cypher };
}

export interface PathsRows {
  fromFound: boolean;
  toFound: boolean;
  paths: PathRow[];
}

interface RawPath {
  strength: number;
  strengthProduct: number;
  strengths: number[];
  nodes: Array<ProjectedNode & { sources: unknown[][] | null }>;
  claims: Array<{ type: string; subject: string; values: unknown[]; sources: unknown[][] | null }>;
}

/** Source rows read with only some properties: never cached as the whole entity. */
const projectedSources = (rows: unknown[][], keys: readonly string[]): EntityParent[] =>
  rows.map((values) => ({ ...toEntityParent(SOURCE.label, zipProperties(keys, values)), projected: true }));

/**
 * What bounds a FOLLOW_FLOW search without via: the labels inner nodes may have and the types steps
 * may have (labelsBetween, typesBetween); null for other searches. An id of no known kind matches
 * nothing anyway.
 */
function flowBounds(query: PathsQuery): { innerLabels: Label[]; stepTypes: RelationshipType[] } | null {
  if (!query.followFlow || query.via !== null) {
    return null;
  }
  const fromLabel = labelOfId(query.from);
  const toLabel = labelOfId(query.to);
  if (fromLabel === undefined || toLabel === undefined) {
    return { innerLabels: [], stepTypes: [] };
  }
  const innerLabels = labelsBetween(fromLabel, toLabel, query.maxLength);
  return { innerLabels, stepTypes: typesBetween(fromLabel, toLabel, innerLabels) };
}

/** The query of one `paths` call, its name and its parameters (the benchmark's floor sends them too). */
export function pathsStatement(
  query: PathsQuery,
  projection: PathProjection,
): { name: string; cypher: string; params: Record<string, unknown> } {
  const bounds = flowBounds(query);
  const { name, cypher } = pathsCypher({
    maxLength: query.maxLength,
    followFlow: query.followFlow,
    viaCount: query.via?.length ?? null,
    stepTypes: bounds?.stepTypes ?? null,
    claimSources: projection.claimSources !== null,
    nodeSources: projection.nodeSources !== null,
  });
  const params = {
    from: query.from,
    to: query.to,
    first: query.first,
    via: query.via,
    innerLabels: bounds?.innerLabels ?? null,
    levelStrengths: LEVEL_STRENGTHS,
    nodeKeys: projection.node,
    claimKeys: projection.claim,
    nodeSourceKeys: projection.nodeSources,
    claimSourceKeys: projection.claimSources,
  };
  return { name, cypher, params };
}

/** One query, whatever is selected: the best `first` paths, ranked as the `paths` field describes. */
export async function readPaths(executor: Executor, query: PathsQuery, projection: PathProjection): Promise<PathsRows> {
  const { name, cypher, params } = pathsStatement(query, projection);
  const [row] = await executor.read<{ fromFound: boolean; toFound: boolean; paths: RawPath[] }>(name, cypher, params);
  return {
    fromFound: row.fromFound,
    toFound: row.toFound,
    paths: row.paths.map((raw) => {
      const nodes = raw.nodes.map((node) => {
        const entity = toRow(node, projection.node);
        if (node.sources !== null && projection.nodeSources !== null) {
          entity.sourceRows = projectedSources(node.sources, projection.nodeSources);
        }
        return entity;
      });
      return {
        length: raw.claims.length,
        nodes,
        strength: raw.strength,
        strengthProduct: raw.strengthProduct,
        steps: raw.claims.map((claim, i) => {
          const evidence = toEvidence(zipProperties(projection.claim, claim.values), claim.type);
          if (claim.sources !== null && projection.claimSources !== null) {
            evidence.sources = projectedSources(claim.sources, projection.claimSources);
          }
          return {
            from: nodes[i],
            to: nodes[i + 1],
            type: claim.type,
            forward: claim.subject === nodes[i].id,
            strength: raw.strengths[i],
            evidence,
          };
        }),
      };
    }),
  };
}
