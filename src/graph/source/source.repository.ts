// What a Source supports: the claims that cite it and the entities it describes. Citations are
// lists of source ids on relationships and nodes, so both reads filter on list membership.
import { compileFilter, CypherParams } from '../../common/filter';
import type { Executor } from '../../db/database';
import {
  checkedRows,
  citedSources,
  type EntityParent,
  type EvidenceRow,
  evidenceClauses,
  labelOf,
  type ListQuery,
  type ListRow,
  listIdReferences,
  listRules,
  pageClauses,
  sortExpression,
  toEntityParent,
  toEvidence,
  where,
  withIdCheck,
} from '../entity/entity.repository';
import { ENTITY_LABEL, type Label } from '../model';
import { LABELS } from '../registry';

export interface ClaimRow {
  id: string;
  sortKey: string;
  type: string;
  subject: EntityParent;
  object: EntityParent;
  evidence: EvidenceRow;
}

const CLAIM_SORT = { property: 'id', numeric: false, description: 'By claim id.' };

/** name: sourceClaims — a page of the claims citing each source of a batch. */
export async function sourceClaims(
  executor: Executor,
  sourceIds: readonly string[],
  query: ListQuery & { types: string[] | null },
): Promise<ClaimRow[][]> {
  const params = new CypherParams();
  const page = pageClauses(query, CLAIM_SORT, 'r', params);
  const clauses = [...evidenceClauses(query.evidence, 'r', params), ...page.where];
  if (query.types !== null) {
    clauses.push(`type(r) IN ${params.add(query.types)}`);
  }
  const cypher = `
UNWIND range(0, size($keys) - 1) AS i
CALL (i) {
  MATCH (a:${ENTITY_LABEL})-[r]->(b:${ENTITY_LABEL})
  ${where([`$keys[i] IN r.sourceIds`, ...clauses])}
  WITH a, r, b, ${sortExpression(CLAIM_SORT, 'r')} AS sortKey
  ${page.order}
  LIMIT toInteger(${params.add(query.page.limit + 1)})
  RETURN collect({id: r.id, sortKey: sortKey, type: type(r), rel: properties(r),
                  a: properties(a), aLabel: ${labelOf('a')}, b: properties(b), bLabel: ${labelOf('b')},
                  sources: ${citedSources('r')}}) AS items
}
RETURN i, items
ORDER BY i`;
  type Item = {
    id: string;
    sortKey: string;
    type: string;
    rel: Record<string, unknown>;
    sources: Record<string, unknown>[];
    a: Record<string, unknown>;
    aLabel: Label;
    b: Record<string, unknown>;
    bLabel: Label;
  };
  const refs = listIdReferences({ filter: null, evidence: query.evidence }, LABELS, 'Source.claims');
  const rows = checkedRows(
    await executor.read<{ i: number; items: Item[] }>('sourceClaims', withIdCheck(cypher, refs, params), {
      ...params.values,
      keys: sourceIds,
    }),
    'i',
  );
  const byIndex = new Map(rows.map((r) => [r.i, r.items]));
  return sourceIds.map((_, i) =>
    (byIndex.get(i) ?? []).map((item) => ({
      id: item.id,
      sortKey: item.sortKey,
      type: item.type,
      subject: toEntityParent(item.aLabel, item.a),
      object: toEntityParent(item.bLabel, item.b),
      evidence: toEvidence(item.rel, item.type, item.sources),
    })),
  );
}

/** name: sourceClaimCounts */
export async function sourceClaimCounts(
  executor: Executor,
  sourceIds: readonly string[],
  query: Pick<ListQuery, 'evidence'> & { types: string[] | null },
): Promise<number[]> {
  const params = new CypherParams();
  const clauses = evidenceClauses(query.evidence, 'r', params);
  if (query.types !== null) {
    clauses.push(`type(r) IN ${params.add(query.types)}`);
  }
  const cypher = `
UNWIND range(0, size($keys) - 1) AS i
RETURN i, COUNT { MATCH (:${ENTITY_LABEL})-[r]->(:${ENTITY_LABEL}) ${where([`$keys[i] IN r.sourceIds`, ...clauses])} } AS count
ORDER BY i`;
  const refs = listIdReferences({ filter: null, evidence: query.evidence }, LABELS, 'Source.claims');
  const rows = checkedRows(
    await executor.read<{ i: number; count: number }>('sourceClaimCounts', withIdCheck(cypher, refs, params), {
      ...params.values,
      keys: sourceIds,
    }),
    'i',
  );
  const byIndex = new Map(rows.map((r) => [r.i, r.count]));
  return sourceIds.map((_, i) => byIndex.get(i) ?? 0);
}

/** name: describedBy — a page of the entities each source of a batch describes. */
export async function describedBy(
  executor: Executor,
  sourceIds: readonly string[],
  query: ListQuery,
): Promise<ListRow[][]> {
  const { filters, sorts } = listRules(LABELS);
  const sort = sorts[query.sortField];
  const params = new CypherParams();
  const page = pageClauses(query, sort, 'n', params);
  const clauses = [...compileFilter(query.filter, filters, 'n', params), ...page.where];
  // The class sets the filter tests against, once for the batch rather than once a source.
  const sets = params.takeSets();
  const cypher = `
${sets.prelude}UNWIND range(0, size($keys) - 1) AS i
CALL (${['i', ...sets.variables].join(', ')}) {
  MATCH (n:${ENTITY_LABEL})
  ${where([`$keys[i] IN n.sourceIds`, ...clauses])}
  WITH n, ${sortExpression(sort, 'n')} AS sortKey
  ${page.order}
  LIMIT toInteger(${params.add(query.page.limit + 1)})
  RETURN collect({id: n.id, sortKey: sortKey, label: ${labelOf('n')}, props: properties(n)}) AS items
}
RETURN i, items
ORDER BY i`;
  const refs = listIdReferences({ filter: query.filter, evidence: null }, LABELS, 'Source.describes');
  const rows = checkedRows(
    await executor.read<{
      i: number;
      items: Array<{ id: string; sortKey: string; label: Label; props: Record<string, unknown> }>;
    }>('describedBy', withIdCheck(cypher, refs, params), { ...params.values, keys: sourceIds }),
    'i',
  );
  const byIndex = new Map(rows.map((r) => [r.i, r.items]));
  return sourceIds.map((_, i) =>
    (byIndex.get(i) ?? []).map((item) => ({
      id: item.id,
      sortKey: item.sortKey,
      node: toEntityParent(item.label, item.props),
    })),
  );
}

/** name: describedByCounts */
export async function describedByCounts(
  executor: Executor,
  sourceIds: readonly string[],
  filter: ListQuery['filter'],
): Promise<number[]> {
  const params = new CypherParams();
  const clauses = compileFilter(filter, listRules(LABELS).filters, 'n', params);
  const cypher = `
${params.takeSets().prelude}UNWIND range(0, size($keys) - 1) AS i
RETURN i, COUNT { MATCH (n:${ENTITY_LABEL}) ${where([`$keys[i] IN n.sourceIds`, ...clauses])} } AS count
ORDER BY i`;
  const refs = listIdReferences({ filter, evidence: null }, LABELS, 'Source.describes');
  const rows = checkedRows(
    await executor.read<{ i: number; count: number }>('describedByCounts', withIdCheck(cypher, refs, params), {
      ...params.values,
      keys: sourceIds,
    }),
    'i',
  );
  const byIndex = new Map(rows.map((r) => [r.i, r.count]));
  return sourceIds.map((_, i) => byIndex.get(i) ?? 0);
}
