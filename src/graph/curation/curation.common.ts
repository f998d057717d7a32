// What the curation services share. Each write runs in ONE transaction with its audit entries (a
// refused write leaves nothing behind, and no write goes unrecorded), and afterwards the request's
// loaders forget what they read before it.
import { NotFoundError } from '../../common/errors';
import type { Context } from '../../context';
import type { Tx, TxOptions, TxWork } from '../../db/database';
import { type EntityParent } from '../entity/entity.repository';
import type { AuditRecord, AuditWriter } from './audit.store';
import { missingSources, type Props, type StoredClaim } from './curation.store';
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
