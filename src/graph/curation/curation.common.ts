// What the curation services share. Each write runs in ONE transaction with its audit entries (a
// refused write leaves nothing behind, and no write goes unrecorded), and afterwards the request's
// loaders forget what they read before it.
import { BadUserInputError, NotFoundError } from '../../common/errors';
import type { Context } from '../../context';
import type { Tx, TxOptions, TxWork } from '../../db/database';
import { type EntityParent } from '../entity/entity.repository';
import type { AuditRecord, AuditWriter } from './audit.store';
import { atMost, NEEDS_NOTE, unsupportedLevel } from '../evidence/provenance';
import type { EvidenceLevel, KnowledgeLevel, Label } from '../model';
import { ENTITY_DEFINITIONS } from '../registry';
import { missingSources, type Props, sourceKinds, type StoredClaim, type StoredEntity } from './curation.store';
import { changedFields } from './records';

/** How many ids an error lists in its message; `extensions` carries them all (up to a bound). */
const LISTED = 5;
export const listed = (ids: readonly string[]) =>
  ids.slice(0, LISTED).join(', ') + (ids.length > LISTED ? ` and ${ids.length - LISTED} more` : '');

export const pick = (props: Props, keys: readonly string[]): Props =>
  Object.fromEntries(keys.map((k) => [k, props[k] ?? null]));

/** NOT_FOUND unless every id names an existing Source; `path` is the argument that gave them. */
export async function requireSources(tx: Tx, ids: readonly string[], path: string): Promise<void> {
  const missing = await missingSources(tx, ids);
  if (missing.length > 0) {
    throw new NotFoundError(
      `No Source with id ${listed(missing)}: every id in ${path} must name an existing Source (create it first with createSource).`,
      { ids: missing, path },
    );
  }
}

export function claimAudit(
  operation: AuditRecord['operation'],
  claim: StoredClaim,
  before: Props | null,
  after: Props | null,
): AuditRecord {
  return {
    operation,
    targetId: claim.id,
    targetType: claim.type,
    subjectId: claim.subject,
    objectId: claim.object,
    changes: changedFields(before, after),
  };
}

/** The request a service writes for: who writes, its transactions and its loaders. */
export abstract class CurationWrites {
  constructor(protected readonly ctx: Context) {}

  /** Who the audit trail names, at the transaction's time. */
  protected writer(at: string): AuditWriter {
    const { principal, requestId } = this.ctx;
    return { actor: principal.id, role: principal.role, requestId, at };
  }

  /** Nothing read before a write may answer after it; what was written is primed instead. */
  protected afterWrite(rows: EntityParent[] = []): void {
    const loader = this.ctx.loaders.entities;
    loader.clearAll();
    for (const row of rows) {
      loader.byId.prime(row.id, row);
    }
  }

  protected write<T>(operation: string, work: TxWork<T>, options?: TxOptions): Promise<T> {
    return this.ctx.db.writeTx(`curation.${operation}`, work, options);
  }
}

/**
 * A claim is no stronger than its sources and its trial support, and an inference says how it was
 * reached (docs/EVIDENCE.md); the seed validator applies the same rules to seed files.
 */
export async function requireSupportedClaim(
  tx: Tx,
  record: { level: EvidenceLevel; knowledgeLevel: string; note?: string; sources: string[] },
  subject: StoredEntity | undefined,
): Promise<void> {
  const problems: string[] = [];
  const why = unsupportedLevel(record.level, await sourceKinds(tx, record.sources));
  if (why !== null) {
    problems.push(`input.level: ${why}`);
  }
  const trialLevel = subject?.label === 'Trial' ? (subject.props.evidenceLevel as EvidenceLevel) : undefined;
  if (trialLevel !== undefined && !atMost(record.level, trialLevel)) {
    problems.push(`input.level: ${record.level} is stronger than the trial's own evidence level (${trialLevel})`);
  }
  if (NEEDS_NOTE.has(record.knowledgeLevel as KnowledgeLevel) && record.note === undefined) {
    problems.push(`input.note: a ${record.knowledgeLevel} claim is not stated by its sources; say how it was reached`);
  }
  if (problems.length > 0) {
    throw new BadUserInputError(`Nothing was linked: ${problems.join('; ')}.`, { problems });
  }
}

/** A trial's evidence level is no stronger than its sources support. */
export async function requireSupportedTrial(tx: Tx, record: Record<string, unknown>): Promise<void> {
  const why = unsupportedLevel(
    record.evidenceLevel as EvidenceLevel,
    await sourceKinds(tx, (record.sources as string[] | undefined) ?? []),
  );
  if (why !== null) {
    throw new BadUserInputError(`input.evidenceLevel: ${why}.`, { field: 'input.evidenceLevel' });
  }
}

/** Rules across one record's fields (its kind's `check`), as a refusal naming each field. */
export function requireValidRecord(label: Label, record: Record<string, unknown>): void {
  const problems = ENTITY_DEFINITIONS[label].check(record);
  if (problems.length > 0) {
    throw new BadUserInputError(
      `Invalid input: ${problems.map((p) => `input.${p.field === 'sources' ? 'sourceIds' : p.field}: ${p.message}`).join('; ')}.`,
      { problems: problems.map((p) => ({ ...p, field: `input.${p.field}` })) },
    );
  }
}
