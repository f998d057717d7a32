// Cypher for the evidence between two entities: every claim that joins them, in either direction,
// and (unless asked not to) every claim the first inherits along the ontology from a class it
// reaches by an inheritance rule (src/graph/inheritance.ts). Types and labels come only from the
// relationship definitions; ids are parameters.
import type { Executor } from '../../db/database';
import { type EntityParent, type EvidenceRow, labelOf, toEntityParent, toEvidence } from '../entity/entity.repository';
import { INHERITANCE } from '../inheritance';
import { ENTITY_LABEL, type Label } from '../model';
import { chain } from '../patterns';

export interface PairClaimRow {
  id: string;
  type: string;
  /** Stored from the pair's subject to its object (false: from the object to the subject). */
  forward: boolean;
  evidence: EvidenceRow;
  /** The class the claim is stated for, when the subject inherits it. */
  inheritedFrom: EntityParent | null;
}

export interface PairRows {
  subject: EntityParent | null;
  object: EntityParent | null;
  claims: PairClaimRow[];
}

/** name: evidenceBetween — one query: both ends, the direct claims and the inherited ones. */
function pairCypher(inherited: boolean): string {
  const rules = inherited ? INHERITANCE : [];
  const branches = [
    `MATCH (a)-[r]-(b) RETURN r, startNode(r) = a AS forward, null AS c`,
    ...rules.map(
      (rule) =>
        `MATCH ${chain(`a:${rule.owner}`, rule.via, 'c')}-[r:${rule.rel.type}]->(b:${rule.rel.to}) RETURN r, true AS forward, c`,
    ),
  ];
  return `
OPTIONAL MATCH (a:${ENTITY_LABEL} {id: $subject})
OPTIONAL MATCH (b:${ENTITY_LABEL} {id: $object})
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  CALL (a, b) {
    ${branches.join('\n    UNION\n    ')}
  }
  RETURN collect({id: r.id, type: type(r), forward: forward, props: properties(r),
    sources: COLLECT { MATCH (s:Source) WHERE s.id IN r.sourceIds RETURN properties(s) },
    from: CASE WHEN c IS NULL THEN null ELSE {label: ${labelOf('c')}, props: properties(c)} END}) AS claims
}
RETURN CASE WHEN a IS NULL THEN null ELSE {label: ${labelOf('a')}, props: properties(a)} END AS subject,
  CASE WHEN b IS NULL THEN null ELSE {label: ${labelOf('b')}, props: properties(b)} END AS object,
  claims`;
}

type Ended = { label: Label; props: Record<string, unknown> } | null;
interface ClaimRead {
  id: string;
  type: string;
  forward: boolean;
  props: Record<string, unknown>;
  sources: Record<string, unknown>[];
  from: Ended;
}

const toParent = (end: Ended) => (end === null ? null : toEntityParent(end.label, end.props));

export async function evidenceBetween(
  executor: Executor,
  subject: string,
  object: string,
  inherited: boolean,
): Promise<PairRows> {
  const [row] = await executor.read<{ subject: Ended; object: Ended; claims: ClaimRead[] }>(
    'evidenceBetween',
    pairCypher(inherited),
    { subject, object },
  );
  return {
    subject: toParent(row.subject),
    object: toParent(row.object),
    claims: (row.claims ?? []).map((c) => ({
      id: c.id,
      type: c.type,
      forward: c.forward,
      evidence: toEvidence(c.props, c.type, c.sources),
      inheritedFrom: toParent(c.from),
    })),
  };
}
