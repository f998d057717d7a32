// Cypher for entities and relationship fields, and the mapping of rows to plain objects. Every
// list query pushes its filter, keyset and LIMIT into Cypher; relationship fields are read for a
// whole batch of parents in one UNWIND query that returns results in key order.
import { compileFilter, compileRootMatch, type FilterSpec, Params } from '../../common/filter';
import type { KeysetPosition, PageRequest } from '../../common/pagination';
import { SortDirection } from '../../common/pagination';
import type { Executor } from '../../db/database';
import { CURIE_URL, ENTITY_LABEL, type Label } from '../model';
import { ENTITY_DEFINITIONS, type SortFieldDef } from './definitions';
import { ENTITY_FILTER_FIELDS, NAME_ONLY_SORTS } from './generated';
import { type RelationGroup, relationPattern } from './relations';

export type EntityRow = Record<string, unknown> & {
  id: string;
  __typename: Label;
  name: string;
  sourceIds: string[];
  /** The Source rows of sourceIds, when the query that read the entity fetched them too. */
  sourceRows?: EntityRow[];
};

export interface EvidenceRow {
  /** The cited Source rows, when the query fetched them with the claim (saves a round trip). */
  sources?: EntityRow[];
  claimId: string;
  type: string;
  level: string;
  knowledgeLevel: string;
  agentType: string;
  note: string | null;
  sourceIds: string[];
}

const LIST_PROPERTIES = ['synonyms', 'xrefs', 'sourceIds', 'countries', 'arms', 'origins'];

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

/** A node's properties as the GraphQL layer sees them: lists never null, links derived. */
export function toEntityRow(label: Label, props: Record<string, unknown>): EntityRow {
  const row: Record<string, unknown> = { ...props, __typename: label, version: props.version ?? 1 };
  for (const list of LIST_PROPERTIES) {
    row[list] = props[list] ?? [];
  }
  row.crossReferences = crossReferences(props);
  if (label === 'Source') {
    row.title = props.name;
    row.url = sourceUrl(props);
  }
  return row as EntityRow;
}

export function toEvidence(
  rel: Record<string, unknown>,
  type: string,
  sources?: Record<string, unknown>[],
): EvidenceRow {
  return {
    ...(sources === undefined ? {} : { sources: sources.map((props) => toEntityRow('Source', props)) }),
    claimId: String(rel.id),
    type,
    level: String(rel.level),
    knowledgeLevel: String(rel.knowledgeLevel),
    agentType: String(rel.agentType ?? 'MANUAL_AGENT'),
    note: (rel.note as string | undefined) ?? null,
    sourceIds: (rel.sourceIds as string[] | undefined) ?? [],
  };
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
  page: PageRequest;
  evidence: { levels?: string[] | null; knowledgeLevels?: string[] | null; sourceIds?: string[] | null } | null;
  /** Read each node's sources in the same query (the client selected edges.node.sources). */
  nodeSources?: boolean;
  /** Read the sources each claim cites in the same query (the client selected edges.evidence.sources). */
  claimSources?: boolean;
}

const NULL_NUMBER = -9007199254740991;
export const sortExpression = (sort: SortFieldDef, v: string) =>
  sort.numeric ? `coalesce(${v}.${sort.property}, ${NULL_NUMBER})` : `${v}.${sort.property}`;

/** WHERE clauses and ORDER BY for a keyset page of `v`. */
export function pageClauses(
  query: ListQuery,
  sort: SortFieldDef,
  v: string,
  params: Params,
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

export function evidenceClauses(evidence: ListQuery['evidence'], r: string, params: Params): string[] {
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

export interface ListRow {
  id: string;
  sortKey: string | number | null;
  node: EntityRow;
  evidence?: EvidenceRow;
}

// name: entitiesById
const ENTITIES_BY_ID = `
UNWIND $ids AS id
MATCH (n:${ENTITY_LABEL} {id: id})
RETURN n.id AS id, ${labelOf('n')} AS label, properties(n) AS props`;

export async function findByIds(executor: Executor, ids: readonly string[]): Promise<Map<string, EntityRow>> {
  const rows = await executor.read<{ id: string; label: Label; props: Record<string, unknown> }>(
    'entitiesById',
    ENTITIES_BY_ID,
    {
      ids: [...new Set(ids)],
    },
  );
  return new Map(rows.map((r) => [r.id, toEntityRow(r.label, r.props)]));
}

/** name: rootPage(<Label>) — one page of a root connection. */
export async function rootPage(executor: Executor, label: Label, query: ListQuery): Promise<ListRow[]> {
  const { filters, sorts } = listRules([label]);
  const sort = sorts[query.sortField];
  const params = new Params();
  const root = compileRootMatch(label, query.filter, filters, 'n', params);
  const page = pageClauses(query, sort, 'n', params);
  const cypher = `
${root.match}
${where([...root.clauses, ...page.where])}
WITH n, ${sortExpression(sort, 'n')} AS sortKey
${page.order}
LIMIT toInteger(${params.add(query.page.limit + 1)})
RETURN n.id AS id, sortKey, properties(n) AS props, ${nodeSources(query, 'n')} AS sources`;
  const rows = await executor.read<{
    id: string;
    sortKey: string | number;
    props: Record<string, unknown>;
    sources: Record<string, unknown>[] | null;
  }>(`rootPage(${label})`, cypher, params.values);
  return rows.map((r) => ({
    id: r.id,
    sortKey: r.sortKey,
    node: withSourceRows(toEntityRow(label, r.props), r.sources),
  }));
}

/** name: rootCount(<Label>) — without a filter, Neo4j answers from its count store in constant time. */
export async function rootCount(executor: Executor, label: Label, filter: ListQuery['filter']): Promise<number> {
  const params = new Params();
  const root = compileRootMatch(label, filter, listRules([label]).filters, 'n', params);
  const cypher = `${root.match} ${where(root.clauses)} RETURN count(n) AS count`;
  const [row] = await executor.read<{ count: number }>(`rootCount(${label})`, cypher, params.values);
  return row.count;
}

interface RelationItem {
  id: string;
  sortKey: string | number | null;
  label: Label;
  props: Record<string, unknown>;
  rel: Record<string, unknown>;
  type: string;
  sources: Record<string, unknown>[] | null;
  nodeSources: Record<string, unknown>[] | null;
}

/** The Source nodes a claim `r` cites, read in the same query (index seeks on Source.id). */
export const citedSources = (r: string) =>
  `COLLECT { MATCH (s:Source) WHERE s.id IN ${r}.sourceIds RETURN properties(s) }`;

/** The Source nodes that describe entity `n`, when asked for; null otherwise (the loader reads them). */
const nodeSources = (query: ListQuery, n: string) => (query.nodeSources ? citedSources(n) : 'null');

function withSourceRows(row: EntityRow, sources: Record<string, unknown>[] | null): EntityRow {
  if (sources !== null) {
    row.sourceRows = sources.map((props) => toEntityRow('Source', props));
  }
  return row;
}

/**
 * name: relationPages(<Owner.field>) — one page per parent, for a batch of parents, in one query.
 * The LIMIT sits inside the per-parent subquery, so no parent's list is read whole.
 */
export async function relationPages(
  executor: Executor,
  group: RelationGroup,
  keys: readonly string[],
  query: ListQuery,
): Promise<ListRow[][]> {
  const { filters, sorts } = listRules(group.targets);
  const sort = sorts[query.sortField];
  const params = new Params();
  const clauses = [
    ...compileFilter(query.filter, filters, 'n', params),
    ...evidenceClauses(query.evidence, 'r', params),
  ];
  const page = pageClauses(query, sort, 'n', params);
  const cypher = `
UNWIND range(0, size($keys) - 1) AS i
MATCH (p:${group.owner} {id: $keys[i]})
CALL (p) {
  MATCH ${relationPattern(group, 'p', 'r', 'n')}
  ${where([...clauses, ...page.where])}
  WITH n, r, ${sortExpression(sort, 'n')} AS sortKey
  ${page.order}
  LIMIT toInteger(${params.add(query.page.limit + 1)})
  RETURN collect({id: n.id, sortKey: sortKey, label: ${labelOf('n')}, props: properties(n), rel: properties(r), type: type(r), sources: ${query.claimSources ? citedSources('r') : 'null'}, nodeSources: ${nodeSources(query, 'n')}}) AS items
}
RETURN i, items
ORDER BY i`;
  const rows = await executor.read<{ i: number; items: RelationItem[] }>(`relationPages(${group.key})`, cypher, {
    ...params.values,
    keys,
  });
  const byIndex = new Map(rows.map((r) => [r.i, r.items]));
  return keys.map((_, i) =>
    (byIndex.get(i) ?? []).map((item) => ({
      id: item.id,
      sortKey: item.sortKey,
      node: withSourceRows(toEntityRow(item.label, item.props), item.nodeSources),
      evidence: toEvidence(item.rel, item.type, item.sources ?? undefined),
    })),
  );
}

/** name: relationCounts(<Owner.field>) — totalCount of a relationship field for a batch of parents. */
export async function relationCounts(
  executor: Executor,
  group: RelationGroup,
  keys: readonly string[],
  filter: ListQuery['filter'],
  evidence: ListQuery['evidence'],
): Promise<number[]> {
  const params = new Params();
  const clauses = [
    ...compileFilter(filter, listRules(group.targets).filters, 'n', params),
    ...evidenceClauses(evidence, 'r', params),
  ];
  const cypher = `
UNWIND range(0, size($keys) - 1) AS i
OPTIONAL MATCH (p:${group.owner} {id: $keys[i]})
RETURN i, CASE WHEN p IS NULL THEN 0 ELSE COUNT { MATCH ${relationPattern(group, 'p', 'r', 'n')} ${where(clauses)} } END AS count
ORDER BY i`;
  const rows = await executor.read<{ i: number; count: number }>(`relationCounts(${group.key})`, cypher, {
    ...params.values,
    keys,
  });
  return rows.map((r) => r.count);
}
