// Cypher for entities and relationship fields, and the mapping of rows to plain objects. Every
// list query pushes its filter, keyset and LIMIT into Cypher; relationship fields are read for a
// whole batch of parents in one UNWIND query that returns results in key order.
import { PROVENANCE_READ_PROPERTIES, provenanceOf, registeredOutcomesOf } from '../evidence/ingested';
import {
  compileFilter,
  compileRootMatch,
  CypherParams,
  distinctReferences,
  filterIdReferences,
  type FilterSpec,
  type IdProblem,
  type IdReference,
  idProblemError,
} from '../../common/filter';
import type { CursorScope, KeysetPosition, PageRequest } from '../../common/pagination';
import { SortDirection } from '../../common/pagination';
import type { Executor } from '../../db/database';
import { type Score, STORED_SCORE_KEYS, storedScore } from '../evidence/score';
import { CITATION_READ_PROPERTIES, citationOf, RESULT_READ_PROPERTIES, resultOf } from '../evidence/provenance';
import { CURIE_URL, ENTITY_LABEL, type Label } from '../model';
import { ENTITIES } from '../entities';
import { ENTITY_DEFINITIONS } from '../registry';
import { EVIDENCE_SORTS, type SortFieldDef } from './define';
import { ENTITY_FILTER_FIELDS, NAME_ONLY_SORTS } from './connection.types';
import { chain } from '../patterns';
import { type RelationGroup, relationPattern } from './relations';

/**
 * The parent object an entity's GraphQL fields resolve from: the node's properties as the API
 * shows them (lists never null, cross-references derived), not a database row.
 */
export type EntityParent = Record<string, unknown> & {
  id: string;
  __typename: Label;
  name: string;
  sourceIds: string[];
  /** The Source rows of sourceIds, when the query that read the entity fetched them too. */
  sourceRows?: EntityParent[];
  /** Read with only the properties its selection needed: never cached as the entity. */
  projected?: boolean;
};

export interface EvidenceRow {
  /** The cited Source rows, when the query fetched them with the claim (saves a round trip). */
  sources?: EntityParent[];
  claimId: string;
  type: string;
  level: string;
  knowledgeLevel: string;
  agentType: string;
  note: string | null;
  retrievedAt: string | null;
  sourceIds: string[];
  score: Score | null;
}

/** Every property stored as a list, over all kinds: a row never has null for one. */
const LIST_PROPERTIES = [...new Set(ENTITIES.flatMap((entity) => entity.listProperties))];

function crossReferences(props: Record<string, unknown>) {
  const curies = [props.curie, ...((props.xrefs as string[] | null) ?? [])].filter(
    (c): c is string => typeof c === 'string',
  );
  return curies.map((curie, i) => {
    const colon = curie.indexOf(':');
    const prefix = curie.slice(0, colon);
    const localId = curie.slice(colon + 1);
    return {
      curie,
      prefix,
      localId,
      url: CURIE_URL[prefix]?.(localId) ?? null,
      primary: i === 0 && props.curie === curie,
    };
  });
}

function sourceUrl(props: Record<string, unknown>): string | null {
  if (typeof props.url === 'string') {
    return props.url;
  }
  if (typeof props.doi === 'string') {
    return CURIE_URL.DOI(props.doi);
  }
  if (typeof props.pmid === 'string') {
    return CURIE_URL.PMID(props.pmid);
  }
  if (typeof props.pmcid === 'string') {
    return CURIE_URL.PMC(props.pmcid.replace(/^PMC/, ''));
  }
  if (typeof props.registryId === 'string') {
    return CURIE_URL.CLINICALTRIALS(props.registryId);
  }
  return null;
}

/**
 * A node's properties as the GraphQL layer sees them: lists never null, links derived. Every row
 * gets the same properties in the same order before the node's own, so all rows share one shape.
 */
export function toEntityParent(label: Label, props: Record<string, unknown>): EntityParent {
  const row: Record<string, unknown> = { __typename: label, version: 1, crossReferences: null };
  for (const list of LIST_PROPERTIES) {
    row[list] = [];
  }
  Object.assign(row, props);
  // Neo4j stores no nulls, but a caller's map may hold them.
  row.version ??= 1;
  for (const list of LIST_PROPERTIES) {
    row[list] ??= [];
  }
  row.__typename = label;
  // A projected row without identifiers (most list and graph views) skips the derivation.
  row.crossReferences = props.curie == null && props.xrefs == null ? [] : crossReferences(props);
  if (label === 'Source') {
    row.title = props.name;
    row.url = sourceUrl(props);
    row.citation = citationOf(props);
  }
  if (label === 'Outcome') {
    row.result = resultOf(props);
  }
  if (label === 'Trial') {
    row.registeredOutcomes = registeredOutcomesOf(props.registeredOutcomes);
  }
  row.provenance = provenanceOf(props);
  return row as EntityParent;
}

// Selection-driven projection: a read that returns many entities or claims for a few selected
// fields (a graph view's id, name and type) reads only the properties those fields need, sent as a
// parameter (`[k IN $keys | n[k]]`), never as text. The benchmark's neighbourhood spent more time
// reading and decoding every property of every node and claim than finding them.

/** The stored properties a selected field reads, where they are not the property of the field's own name. */
const ENTITY_FIELD_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  __typename: [],
  crossReferences: ['curie', 'xrefs'],
  sources: ['sourceIds'],
  title: ['name'],
  url: ['url', 'doi', 'pmid', 'pmcid', 'registryId'],
  citation: CITATION_READ_PROPERTIES,
  result: RESULT_READ_PROPERTIES,
  provenance: PROVENANCE_READ_PROPERTIES,
};

const EVIDENCE_FIELD_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  __typename: [],
  claimId: ['id'],
  type: [],
  sources: ['sourceIds'],
  score: STORED_SCORE_KEYS,
};

function propertiesFor(fields: Iterable<string>, table: Readonly<Record<string, readonly string[]>>): string[] {
  const keys = new Set(['id']);
  for (const field of fields) {
    for (const key of table[field] ?? [field]) {
      keys.add(key);
    }
  }
  return [...keys];
}

/**
 * The properties to read for the selected fields of an entity (any type: a field of another type
 * names a property this one lacks, which reads as null). Relationship fields read only the id.
 */
export const entityPropertiesToRead = (fields: Iterable<string>) => propertiesFor(fields, ENTITY_FIELD_PROPERTIES);

/** The properties to read for the selected fields of a claim's Evidence. */
export const evidencePropertiesToRead = (fields: Iterable<string>) => propertiesFor(fields, EVIDENCE_FIELD_PROPERTIES);

/** The map of `keys` to the `values` a projection (`[k IN $keys | n[k]]`) read, absent ones left out. */
export function zipProperties(keys: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  keys.forEach((key, i) => {
    if (values[i] !== null) {
      props[key] = values[i];
    }
  });
  return props;
}

export function toEvidence(
  rel: Record<string, unknown>,
  type: string,
  sources?: Record<string, unknown>[],
): EvidenceRow {
  const evidence: EvidenceRow = {
    claimId: String(rel.id),
    type,
    level: String(rel.level),
    knowledgeLevel: String(rel.knowledgeLevel),
    agentType: String(rel.agentType ?? 'MANUAL_AGENT'),
    note: (rel.note as string | undefined) ?? null,
    retrievedAt: rel.retrievedAt == null ? null : String(rel.retrievedAt),
    sourceIds: (rel.sourceIds as string[] | undefined) ?? [],
    score: storedScore(rel),
  };
  if (sources !== undefined) {
    evidence.sources = sources.map((props) => toEntityParent('Source', props));
  }
  return evidence;
}

/** Filter and sort rules of a list of `labels` (one label: its own; several: the common ones). */
export function listRules(labels: readonly Label[]): { filters: FilterSpec; sorts: Record<string, SortFieldDef> } {
  if (labels.length === 1) {
    const def = ENTITY_DEFINITIONS[labels[0]];
    return { filters: Object.fromEntries(Object.entries(def.filters).map(([k, f]) => [k, f.spec])), sorts: def.sorts };
  }
  return {
    filters: Object.fromEntries(Object.entries(ENTITY_FILTER_FIELDS).map(([k, f]) => [k, f.spec])),
    sorts: NAME_ONLY_SORTS,
  };
}

/** The normalised arguments of one list read: what a loader is keyed by. */
export interface ListQuery {
  filter: Record<string, unknown> | null;
  sortField: string;
  direction: SortDirection;
  /** The list its cursors belong to. */
  cursor: CursorScope;
  page: PageRequest;
  evidence: { levels?: string[] | null; knowledgeLevels?: string[] | null; sourceIds?: string[] | null } | null;
  /** Relationship fields: also return claims inherited along the ontology (src/graph/inheritance.ts). */
  inherited?: boolean;
  /** Read each node's sources in the same query (the client selected edges.node.sources). */
  nodeSources?: boolean;
  /** Read the sources each claim cites in the same query (the client selected edges.evidence.sources). */
  claimSources?: boolean;
  /** Read only these properties of each node (see entityPropertiesToRead); every property when absent. */
  nodeKeys?: readonly string[];
  /** Read only these properties of each claim (see evidencePropertiesToRead); every property when absent. */
  claimKeys?: readonly string[];
  /** Read only these properties of each node's sources, and of each claim's. */
  nodeSourceKeys?: readonly string[];
  claimSourceKeys?: readonly string[];
}

/** The properties of `v` a list reads: the projected ones as a value list, or the whole map. */
const readProperties = (v: string, keys: readonly string[] | undefined, params: CypherParams) =>
  keys === undefined ? `properties(${v})` : `[k IN ${params.add(keys)} | ${v}[k]]`;

/** What readProperties read, as a property map. */
const propertiesRead = (keys: readonly string[] | undefined, read: unknown): Record<string, unknown> =>
  keys === undefined ? (read as Record<string, unknown>) : zipProperties(keys, read as unknown[]);

const NULL_NUMBER = -9007199254740991;
export const sortExpression = (sort: SortFieldDef, v: string) => {
  const target = sort.on === 'claim' ? 'r' : v;
  const value = sort.expression?.(target) ?? `${target}.${sort.property}`;
  return sort.numeric ? `coalesce(${value}, ${NULL_NUMBER})` : value;
};

/** WHERE clauses and ORDER BY for a keyset page of `v`. */
export function pageClauses(
  query: ListQuery,
  sort: SortFieldDef,
  v: string,
  params: CypherParams,
): { where: string[]; order: string } {
  const expr = sortExpression(sort, v);
  const ascending = (query.direction === SortDirection.ASC) !== query.page.backwards;
  const op = ascending ? '>' : '<';
  const where: string[] = [];
  const position: KeysetPosition | undefined = query.page.position;
  if (position !== undefined) {
    const key = params.add(position.key);
    const id = params.add(position.id);
    // The first conjunct lets the planner seek the sort key's range index.
    where.push(`${expr} ${op}= ${key}`, `(${expr} ${op} ${key} OR ${v}.id ${op} ${id})`);
  }
  const dir = ascending ? 'ASC' : 'DESC';
  return { where, order: `ORDER BY sortKey ${dir}, ${v}.id ${dir}` };
}

export function evidenceClauses(evidence: ListQuery['evidence'], r: string, params: CypherParams): string[] {
  const out: string[] = [];
  if (evidence?.levels != null) {
    out.push(`${r}.level IN ${params.add(evidence.levels)}`);
  }
  if (evidence?.knowledgeLevels != null) {
    out.push(`${r}.knowledgeLevel IN ${params.add(evidence.knowledgeLevels)}`);
  }
  if (evidence?.sourceIds != null) {
    out.push(`any(s IN ${r}.sourceIds WHERE s IN ${params.add(evidence.sourceIds)})`);
  }
  return out;
}

export const where = (clauses: string[]) => (clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`);
export const labelOf = (n: string) => `[l IN labels(${n}) WHERE l <> '${ENTITY_LABEL}'][0]`;

// The check of the ids a read was given (src/common/filter.ts) rides in the read itself: one
// round trip whether or not the ids are good. It comes first and aggregates into one row, and the
// read follows as an OPTIONAL CALL, so a page with no rows still answers the check.

/**
 * `read` (a query ending in RETURN) preceded by the check of `refs`: its rows come back as they
 * were, each with `idProblems` beside them, or one row of nulls and `idProblems` when it has none.
 * Without refs, `read` is returned unchanged. Read the rows with checkedRows.
 */
export function withIdCheck(read: string, refs: readonly IdReference[], params: CypherParams): string {
  if (refs.length === 0) {
    return read;
  }
  return `
CALL () {
  UNWIND ${params.add(distinctReferences(refs))} AS ref
  OPTIONAL MATCH (e:${ENTITY_LABEL} {id: ref.id})
  WITH ref, ${labelOf('e')} AS found
  WHERE found IS NULL OR NOT found IN ref.labels
  RETURN collect({id: ref.id, at: ref.at, labels: ref.labels, found: found}) AS idProblems
}
OPTIONAL CALL () {${read}
}
RETURN *`;
}

/**
 * The rows of a read made by withIdCheck, without the row of nulls it adds when the read had none
 * (told by `column`, never null in a real row); throws the coded error of any problem found.
 */
export function checkedRows<T extends object>(
  rows: ReadonlyArray<T & { idProblems?: IdProblem[] }>,
  column: keyof T,
): T[] {
  const error = idProblemError(rows[0]?.idProblems ?? []);
  if (error !== null) {
    throw error;
  }
  return rows.filter((row) => row[column] !== null);
}

/** The ids a list's filter and evidence filter name; `at` names where, e.g. `trials` or `Trial.outcomes`. */
export function listIdReferences(
  query: Pick<ListQuery, 'filter' | 'evidence'>,
  labels: readonly Label[],
  at: string,
): IdReference[] {
  const refs = filterIdReferences(query.filter, listRules(labels).filters, labels, (field) => `${at}(filter.${field})`);
  for (const id of query.evidence?.sourceIds ?? []) {
    refs.push({ id, at: `${at}(evidence.sourceIds)`, labels: ['Source'] });
  }
  return refs;
}

export interface ListRow {
  id: string;
  sortKey: string | number | null;
  node: EntityParent;
  evidence?: EvidenceRow;
  /** For an inherited claim, the class it is stated for (src/graph/inheritance.ts). */
  inheritedFrom?: EntityParent | null;
}

// name: entitiesById
const ENTITIES_BY_ID = `
UNWIND $ids AS id
MATCH (n:${ENTITY_LABEL} {id: id})
RETURN n.id AS id, ${labelOf('n')} AS label, properties(n) AS props`;

export async function findByIds(executor: Executor, ids: readonly string[]): Promise<Map<string, EntityParent>> {
  const rows = await executor.read<{ id: string; label: Label; props: Record<string, unknown> }>(
    'entitiesById',
    ENTITIES_BY_ID,
    {
      ids: [...new Set(ids)],
    },
  );
  return new Map(rows.map((r) => [r.id, toEntityParent(r.label, r.props)]));
}

/** A relationship field's page for each node of a root page, read in the root page's query. */
export interface NestedPage {
  group: RelationGroup;
  query: ListQuery;
}

/**
 * name: rootPage(<Label>) — one page of a root connection. With `nested`, the page of each of
 * those relationship fields for every node of the page is read in the same query, by the same
 * per-parent subquery relationPages runs (so the rows are the same), and returned in `nested`,
 * one list per entry, each in the order of the rows.
 */
export async function rootPage(
  executor: Executor,
  label: Label,
  query: ListQuery,
  nested: readonly NestedPage[] = [],
): Promise<{ rows: ListRow[]; nested: ListRow[][][] }> {
  const { filters, sorts } = listRules([label]);
  const sort = sorts[query.sortField];
  const params = new CypherParams();
  // The nested fields' bodies first, so that the class sets their filters test against are
  // computed once, with the root's, rather than once a row of the page.
  const items = nested.map((n) => relationItems(n.group, n.query, params));
  const root = compileRootMatch(label, query.filter, filters, 'n', params);
  const page = pageClauses(query, sort, 'n', params);
  const subqueries = items.map(
    (body, k) => `
CALL (${['n', ...root.sets].join(', ')}) {
  WITH *, n AS p
  CALL (${['p', ...root.sets].join(', ')}) {${body}
  }
  RETURN items AS nested${k}
}`,
  );
  const read = `
${root.match}
${where([...root.clauses, ...page.where])}
WITH ${['n', `${sortExpression(sort, 'n')} AS sortKey`, ...root.sets].join(', ')}
${page.order}
LIMIT toInteger(${params.add(query.page.limit + 1)})${subqueries.join('')}
RETURN n.id AS id, sortKey, ${readProperties('n', query.nodeKeys, params)} AS props, ${nodeSources(query, 'n', params)} AS sources, [${nested.map((_, k) => `nested${k}`).join(', ')}] AS nested`;
  // The nested fields' ids too: with no parent on the page, their own resolvers never run.
  const refs = [
    ...listIdReferences(query, [label], ENTITY_DEFINITIONS[label].plural),
    ...nested.flatMap((n) => listIdReferences(n.query, n.group.targets, n.group.key)),
  ];
  const rows = checkedRows(
    await executor.read<{
      id: string;
      sortKey: string | number;
      props: unknown;
      sources: unknown[] | null;
      nested: RelationItem[][];
    }>(
      `rootPage(${label}${nested.map((n) => `, ${n.group.field}`).join('')})`,
      withIdCheck(read, refs, params),
      params.values,
    ),
    'id',
  );
  return {
    rows: rows.map((r) => ({
      id: r.id,
      sortKey: r.sortKey,
      node: withSourceRows(
        toEntityParent(label, propertiesRead(query.nodeKeys, r.props)),
        r.sources,
        query.nodeSourceKeys,
      ),
    })),
    nested: nested.map(({ query: nestedQuery }, k) => rows.map((r) => toListRows(r.nested[k], nestedQuery))),
  };
}

/** name: rootCount(<Label>) — without a filter, Neo4j answers from its count store in constant time. */
export async function rootCount(executor: Executor, label: Label, filter: ListQuery['filter']): Promise<number> {
  const params = new CypherParams();
  const root = compileRootMatch(label, filter, listRules([label]).filters, 'n', params);
  const read = `${root.match} ${where(root.clauses)} RETURN count(n) AS count`;
  const refs = listIdReferences({ filter, evidence: null }, [label], ENTITY_DEFINITIONS[label].plural);
  const [row] = checkedRows(
    await executor.read<{ count: number }>(`rootCount(${label})`, withIdCheck(read, refs, params), params.values),
    'count',
  );
  return row.count;
}

interface RelationItem {
  id: string;
  sortKey: string | number | null;
  label: Label;
  /** A property map, or a value list when the query projects (see readProperties). */
  props: unknown;
  rel: unknown;
  type: string;
  sources: unknown[] | null;
  nodeSources: unknown[] | null;
  /** The class the claim is stated for, when the row inherits it. */
  from: { label: Label; props: Record<string, unknown> } | null;
}

/**
 * The Source nodes a claim or an entity `v` cites, read in the same query (index seeks on
 * Source.id), with the properties `keys` names (see readProperties; all when absent).
 */
export const citedSources = (v: string, keys?: readonly string[], params = new CypherParams()) =>
  `COLLECT { MATCH (s:Source) WHERE s.id IN ${v}.sourceIds RETURN ${readProperties('s', keys, params)} }`;

/** The Source nodes that describe entity `n`, when asked for; null otherwise (the loader reads them). */
const nodeSources = (query: ListQuery, n: string, params: CypherParams) =>
  query.nodeSources ? citedSources(n, query.nodeSourceKeys, params) : 'null';

/** The Source rows a citedSources read. */
function sourceRows(read: unknown[], keys: readonly string[] | undefined): EntityParent[] {
  return read.map((props) => {
    const row = toEntityParent('Source', propertiesRead(keys, props));
    if (keys !== undefined) {
      row.projected = true;
    }
    return row;
  });
}

function withSourceRows(
  row: EntityParent,
  sources: unknown[] | null,
  keys: readonly string[] | undefined,
): EntityParent {
  if (sources !== null) {
    row.sourceRows = sourceRows(sources, keys);
  }
  return row;
}

/**
 * The body of the per-parent subquery of a relationship field's page: from the parent `p`, the
 * filtered, sorted page (one row more than asked, to tell whether another follows) as `items`.
 * The LIMIT sits inside, so no parent's list is read whole. The class sets its filter tests
 * against are left in `params`, for the caller to compute once, before its parents, and import.
 */
function relationItems(group: RelationGroup, query: ListQuery, params: CypherParams): string {
  const { filters, sorts } = listRules(group.targets);
  const sort = sorts[query.sortField] ?? EVIDENCE_SORTS[query.sortField];
  const clauses = [
    ...compileFilter(query.filter, filters, 'n', params),
    ...evidenceClauses(query.evidence, 'r', params),
  ];
  const page = pageClauses(query, sort, 'n', params);
  return `
  ${relationClaims(group, query.inherited !== false, clauses)}
  ${where(page.where)}
  WITH n, r, a, ${sortExpression(sort, 'n')} AS sortKey
  ${page.order}
  LIMIT toInteger(${params.add(query.page.limit + 1)})
  RETURN collect({id: n.id, sortKey: sortKey, label: ${labelOf('n')}, props: ${readProperties('n', query.nodeKeys, params)}, rel: ${readProperties('r', query.claimKeys, params)}, type: type(r), sources: ${query.claimSources ? citedSources('r', query.claimSourceKeys, params) : 'null'}, nodeSources: ${nodeSources(query, 'n', params)}, from: CASE WHEN a IS NULL THEN null ELSE {label: ${labelOf('a')}, props: properties(a)} END}) AS items`;
}

/**
 * The claims `r` from the parent `p` to the related nodes `n` of a relationship field that pass
 * `clauses`, one row per node: stated for `p` itself (`a` null), or inherited from a class `a` that
 * one of the field's inheritance rules reaches (src/graph/inheritance.ts). A node reached several
 * ways keeps its direct claim, else the inherited claim with the highest score, so keyset paging
 * over the nodes stays exact. The branches import every variable in scope: the clauses may test
 * against class sets (CypherParams.takeSets) besides `p`.
 */
export function relationClaims(group: RelationGroup, inherited: boolean, clauses: readonly string[]): string {
  const direct = relationPattern(group, 'p', 'r', 'n');
  const rules = inherited ? group.inherits : [];
  if (rules.length === 0) {
    return direct === null
      ? 'UNWIND [] AS n WITH n, null AS r, null AS a'
      : `MATCH ${direct}\n  ${where([...clauses])}\n  WITH n, r, null AS a`;
  }
  const branches = [
    ...(direct === null ? [] : [`MATCH ${direct} ${where([...clauses])} RETURN n, r, null AS a`]),
    ...rules.map(
      (rule) =>
        `MATCH ${chain('p', rule.via, 'a')}-[r:${rule.rel.type}]->(n:${rule.rel.to}) ${where([...clauses])} RETURN n, r, a`,
    ),
  ];
  return `CALL (*) {
    ${branches.join('\n    UNION\n    ')}
  }
  WITH n, r, a ORDER BY a IS NULL DESC, coalesce(r.score, 0) DESC, r.id
  WITH n, head(collect({r: r, a: a})) AS best
  WITH n, best.r AS r, best.a AS a`;
}

function toListRows(items: RelationItem[], query: ListQuery): ListRow[] {
  return items.map((item) => {
    const evidence = toEvidence(propertiesRead(query.claimKeys, item.rel), item.type);
    if (item.sources !== null) {
      evidence.sources = sourceRows(item.sources, query.claimSourceKeys);
    }
    return {
      id: item.id,
      sortKey: item.sortKey,
      node: withSourceRows(
        toEntityParent(item.label, propertiesRead(query.nodeKeys, item.props)),
        item.nodeSources,
        query.nodeSourceKeys,
      ),
      evidence,
      inheritedFrom: item.from === null ? null : toEntityParent(item.from.label, item.from.props),
    };
  });
}

/** name: relationPages(<Owner.field>) — one page per parent, for a batch of parents, in one query. */
export async function relationPages(
  executor: Executor,
  group: RelationGroup,
  keys: readonly string[],
  query: ListQuery,
): Promise<ListRow[][]> {
  const params = new CypherParams();
  const items = relationItems(group, query, params);
  const sets = params.takeSets();
  const read = `
${sets.prelude}UNWIND range(0, size($keys) - 1) AS i
MATCH (p:${group.owner} {id: $keys[i]})
CALL (${['p', ...sets.variables].join(', ')}) {${items}
}
RETURN i, items
ORDER BY i`;
  const cypher = withIdCheck(read, listIdReferences(query, group.targets, group.key), params);
  const rows = checkedRows(
    await executor.read<{ i: number; items: RelationItem[] }>(`relationPages(${group.key})`, cypher, {
      ...params.values,
      keys,
    }),
    'i',
  );
  const byIndex = new Map(rows.map((r) => [r.i, r.items]));
  return keys.map((_, i) => toListRows(byIndex.get(i) ?? [], query));
}

/** name: relationCounts(<Owner.field>) — totalCount of a relationship field for a batch of parents. */
export async function relationCounts(
  executor: Executor,
  group: RelationGroup,
  keys: readonly string[],
  filter: ListQuery['filter'],
  evidence: ListQuery['evidence'],
  inherited = true,
): Promise<number[]> {
  const params = new CypherParams();
  const clauses = [
    ...compileFilter(filter, listRules(group.targets).filters, 'n', params),
    ...evidenceClauses(evidence, 'r', params),
  ];
  const sets = params.takeSets();
  const read = `
${sets.prelude}UNWIND range(0, size($keys) - 1) AS i
OPTIONAL MATCH (p:${group.owner} {id: $keys[i]})
CALL (${['p', ...sets.variables].join(', ')}) {
  WITH * WHERE p IS NOT NULL
  ${relationClaims(group, inherited, clauses)}
  RETURN count(n) AS count
}
RETURN i, count
ORDER BY i`;
  const cypher = withIdCheck(read, listIdReferences({ filter, evidence }, group.targets, group.key), params);
  const rows = checkedRows(
    await executor.read<{ i: number; count: number }>(`relationCounts(${group.key})`, cypher, {
      ...params.values,
      keys,
    }),
    'i',
  );
  const byIndex = new Map(rows.map((r) => [r.i, r.count]));
  return keys.map((_, i) => byIndex.get(i) ?? 0);
}
