// Keeps the stored evidence scores true: every writer (seed load, import, curation) calls
// refreshScores in its own transaction with the claims it may have changed, so a score is never
// older than the claim, sources, trial or outcome it was computed from. Relationship types are
// interpolated only from the closed RELATIONSHIP_TYPES list; every value is a parameter.
import type { Tx } from '../../db/database';
import { RELATIONSHIP_TYPES } from '../enums';
import { ENTITY_LABEL, type EvidenceLevel, type Label, type RelationshipType, type SourceKind } from '../model';
import { computeScore, type ScoreInputs, scoreProperties } from './score';

/** Kinds whose properties enter the scores of the claims that join or cite them. */
export const SCORED_FROM: readonly Label[] = ['Source', 'Trial', 'Outcome'];

export interface ClaimKey {
  type: RelationshipType;
  id: string;
}

type InputRow = {
  id: string;
  level: EvidenceLevel;
  sources: Array<{ kind: SourceKind; year: number | null }>;
  sampleSize: number | null;
};

/**
 * name: scoreInputs(<TYPE>) — what each claim's score is computed from. The sample size is the
 * outcome's n for a claim with an outcome end, else the actual enrolment of a trial end.
 */
const scoreInputsCypher = (type: RelationshipType) => `
UNWIND $ids AS id
MATCH (a:${ENTITY_LABEL})-[r:${type} {id: id}]->(b:${ENTITY_LABEL})
RETURN r.id AS id, r.level AS level,
  COLLECT { MATCH (s:Source) WHERE s.id IN r.sourceIds RETURN {kind: s.kind, year: s.year} } AS sources,
  CASE
    WHEN b:Outcome THEN b.sampleSize
    WHEN a:Outcome THEN a.sampleSize
    WHEN a:Trial AND a.enrollmentKind = 'ACTUAL' THEN a.enrollment
    WHEN b:Trial AND b.enrollmentKind = 'ACTUAL' THEN b.enrollment
  END AS sampleSize`;

// name: writeScores(<TYPE>)
const writeScoresCypher = (type: RelationshipType) => `
UNWIND $rows AS row
MATCH (:${ENTITY_LABEL})-[r:${type} {id: row.id}]->(:${ENTITY_LABEL})
SET r += row.props`;

/** Reads what the claims' scores depend on, as the score function takes it. */
export async function readScoreInputs(tx: Tx, claims: readonly ClaimKey[]): Promise<Map<string, ScoreInputs>> {
  const out = new Map<string, ScoreInputs>();
  for (const type of RELATIONSHIP_TYPES) {
    const ids = [...new Set(claims.filter((c) => c.type === type).map((c) => c.id))];
    if (ids.length === 0) {
      continue;
    }
    const rows = await tx.run<InputRow>(scoreInputsCypher(type), { ids });
    for (const row of rows) {
      out.set(row.id, { level: row.level, sources: row.sources, sampleSize: row.sampleSize ?? null });
    }
  }
  return out;
}

/** Recomputes and stores the scores of these claims. */
export async function refreshScores(tx: Tx, claims: readonly ClaimKey[]): Promise<void> {
  const inputs = await readScoreInputs(tx, claims);
  for (const type of RELATIONSHIP_TYPES) {
    const rows = claims
      .filter((c) => c.type === type && inputs.has(c.id))
      .map((c) => ({ id: c.id, props: scoreProperties(computeScore(inputs.get(c.id) as ScoreInputs)) }));
    if (rows.length > 0) {
      await tx.run(writeScoresCypher(type), { rows });
    }
  }
}

// name: claimsDependingOn — the claims that join any of the entities, or cite any of them as a
// source (a scan of relationships, as for deleting a source: writes are rare, reads never do it)
const CLAIMS_DEPENDING_ON = `
CALL () {
  UNWIND $ids AS id
  MATCH (:${ENTITY_LABEL} {id: id})-[r]-(:${ENTITY_LABEL})
  RETURN r
  UNION
  MATCH (:${ENTITY_LABEL})-[r]->(:${ENTITY_LABEL})
  WHERE $sources AND any(s IN r.sourceIds WHERE s IN $ids)
  RETURN r
}
RETURN DISTINCT type(r) AS type, r.id AS id`;

/** The claims whose score depends on any of these entities; `sources` when some of them are sources. */
export async function claimsDependingOn(tx: Tx, ids: readonly string[], sources: boolean): Promise<ClaimKey[]> {
  return tx.run<{ type: string; id: string }>(CLAIMS_DEPENDING_ON, { ids: [...new Set(ids)], sources });
}

/** Recomputes the scores of every claim that depends on these entities. */
export async function refreshScoresOf(tx: Tx, ids: readonly string[], sources: boolean): Promise<void> {
  if (ids.length > 0) {
    await refreshScores(tx, await claimsDependingOn(tx, ids, sources));
  }
}
