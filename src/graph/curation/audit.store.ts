// The audit trail: one (:AuditEntry) node per write of an entity or a claim, created in the write's
// own transaction. Entries have no Entity label, so the graph API, stats, snapshots and exports
// never see them; they outlive what they describe (a deleted entity keeps its history).
import { randomUUID } from 'node:crypto';
import type { Executor, Tx } from '../../db/database';
import { AUDIT_LABEL } from '../model';
import type { FieldChange } from './records';

export interface AuditRecord {
  operation: 'CREATE' | 'UPDATE' | 'DELETE' | 'LINK' | 'UNLINK' | 'IMPORT' | 'INGEST';
  targetId: string;
  /** The entity's label or the claim's relationship type. */
  targetType: string;
  subjectId?: string;
  objectId?: string;
  /** An entity's version after the write. */
  version?: number;
  changes: FieldChange[];
}

export interface AuditWriter {
  actor: string;
  role: string;
  requestId: string;
  /** The write's time (database clock), shared by everything the transaction records. */
  at: string;
}

export interface AuditEntryRow {
  id: string;
  at: string;
  actor: string;
  role: string;
  operation: string;
  targetId: string;
  targetType: string;
  subjectId: string | null;
  objectId: string | null;
  version: number | null;
  requestId: string | null;
  changes: FieldChange[];
}

// name: createAuditEntries
const CREATE_AUDIT_ENTRIES = `
UNWIND $entries AS entry
CREATE (a:${AUDIT_LABEL})
SET a = entry, a.at = datetime($at)
RETURN count(a) AS written`;

/**
 * Records writes in the caller's transaction. Ids end in their order within the transaction, so
 * entries of one transaction (which share `at`) still list newest first.
 */
export async function recordAudit(tx: Tx, writer: AuditWriter, records: AuditRecord[]): Promise<void> {
  if (records.length === 0) {
    return;
  }
  const batch = randomUUID();
  const entries = records.map((r, i) => ({
    id: `audit:${batch}-${String(i).padStart(6, '0')}`,
    actor: writer.actor,
    role: writer.role,
    requestId: writer.requestId,
    operation: r.operation,
    targetId: r.targetId,
    targetType: r.targetType,
    subjectId: r.subjectId ?? null,
    objectId: r.objectId ?? null,
    version: r.version ?? null,
    changes: JSON.stringify(r.changes),
  }));
  await tx.run(CREATE_AUDIT_ENTRIES, { entries, at: writer.at });
}

// name: auditLog — entries about an id (as the target, or as an end of a claim), newest first,
// from after a keyset position. Three index seeks; the keyset is (at, id), both descending.
const AUDIT_LOG = `
CALL {
  MATCH (a:${AUDIT_LABEL} {targetId: $id}) RETURN a
  UNION
  MATCH (a:${AUDIT_LABEL} {subjectId: $id}) RETURN a
  UNION
  MATCH (a:${AUDIT_LABEL} {objectId: $id}) RETURN a
}
WITH a
WHERE $afterAt IS NULL OR a.at < datetime($afterAt) OR (a.at = datetime($afterAt) AND a.id < $afterId)
WITH a
ORDER BY a.at DESC, a.id DESC
LIMIT toInteger($limit)
RETURN properties(a) AS entry`;

export async function auditLog(
  executor: Executor,
  id: string,
  after: { at: string; id: string } | undefined,
  limit: number,
): Promise<AuditEntryRow[]> {
  const rows = await executor.read<{ entry: Record<string, unknown> }>('auditLog', AUDIT_LOG, {
    id,
    afterAt: after?.at ?? null,
    afterId: after?.id ?? null,
    limit,
  });
  return rows.map(({ entry }) => ({
    id: String(entry.id),
    at: String(entry.at),
    actor: String(entry.actor),
    role: String(entry.role),
    operation: String(entry.operation),
    targetId: String(entry.targetId),
    targetType: String(entry.targetType),
    subjectId: (entry.subjectId as string | undefined) ?? null,
    objectId: (entry.objectId as string | undefined) ?? null,
    version: (entry.version as number | undefined) ?? null,
    requestId: (entry.requestId as string | undefined) ?? null,
    changes: JSON.parse(String(entry.changes ?? '[]')) as FieldChange[],
  }));
}
