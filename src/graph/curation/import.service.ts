// importGraph: seed documents, parsed and checked at the boundary as `npm run seed` checks seed
// files (curation.validation.ts), written by the seed loader inside the one transaction that also
// versions what changed and records the audit trail. That transaction has a timeout of its own
// (IMPORT_TIMEOUT_MS), which may outlast the request's deadline. (Its size, IMPORT_MAX_RECORDS over
// all documents, was bounded before execution: common/bounds.ts.)
import { storedEntityKeys } from '../../seed/schema';
import { loadSeed } from '../../seed/load';
import type { SeedGraph } from '../../seed/validate';
import type { Tx, TxWork } from '../../db/database';
import { type AuditRecord, type AuditWriter, recordAudit } from './audit.store';
import { claimAudit, CurationWrites, pick } from './curation.common';
import { claimsWithIds, entitiesByIds, lockEntities } from './curation.store';
import { importRefused } from './curation.validation';
import { setVersions } from './import.store';
import { changedFields } from './records';

export interface ImportResult {
  entities: number;
  claims: number;
  created: number;
  changed: number;
  unchanged: number;
}

/** What a write of seed records did: totals, and each created or changed target by kind. */
export interface RecordsWritten extends ImportResult {
  /** Ids created and changed, per label or relationship type. */
  createdIds: Record<string, string[]>;
  changedIds: Record<string, string[]>;
}

const addTo = (table: Record<string, string[]>, kind: string, id: string) => {
  (table[kind] ??= []).push(id);
};

/**
 * Writes validated seed records in the caller's transaction through the seed loader, then gives
 * changed entities their next version and records every creation and change in the audit trail
 * under `writer` (importGraph's caller, or an ingestion such as `ingest:ctgov`). Records that
 * change nothing are counted as unchanged and leave no trace. The caller has locked the entities
 * (lockEntities, whose time is `writer.at`).
 */
export async function writeRecords(
  tx: Tx,
  graph: SeedGraph,
  writer: AuditWriter,
  operation: AuditRecord['operation'] = 'IMPORT',
): Promise<RecordsWritten> {
  const entityIds = graph.entities.map((e) => e.record.id);
  const claimIds = graph.claims.map((c) => c.record.id);
  const before = await entitiesByIds(tx, entityIds);
  const claimsBefore = new Map((await claimsWithIds(tx, claimIds)).map((c) => [c.id, c]));
  const clashes = graph.claims.flatMap(({ file, record }) => {
    const existing = claimsBefore.get(record.id);
    if (
      existing === undefined ||
      (existing.type === record.type && existing.subject === record.subject && existing.object === record.object)
    ) {
      return [];
    }
    return [
      {
        file,
        record: record.id,
        field: 'type',
        message: `the graph already has ${record.id} as ${existing.type} from ${existing.subject} to ${existing.object}; a claim keeps its type and ends (unlink it first)`,
      },
    ];
  });
  if (clashes.length > 0) {
    throw importRefused(clashes);
  }

  await loadSeed(tx, graph, { agent: writer.actor });

  const after = await entitiesByIds(tx, entityIds);
  const claimsAfter = await claimsWithIds(tx, claimIds, [...new Set(graph.claims.map((c) => c.record.type))]);
  const audits: AuditRecord[] = [];
  const bumps: Array<{ id: string; version: number }> = [];
  const createdIds: Record<string, string[]> = {};
  const changedIds: Record<string, string[]> = {};
  for (const { label, record } of graph.entities) {
    const old = before.get(record.id);
    const now = after.get(record.id)!;
    const keys = storedEntityKeys(label);
    const changes = changedFields(old === undefined ? null : pick(old.props, keys), pick(now.props, keys));
    if (old === undefined) {
      addTo(createdIds, label, record.id);
      audits.push({ operation, targetId: record.id, targetType: label, version: 1, changes });
    } else if (changes.length > 0) {
      addTo(changedIds, label, record.id);
      const version = Number(old.props.version ?? 1) + 1;
      bumps.push({ id: record.id, version });
      audits.push({ operation, targetId: record.id, targetType: label, version, changes });
    }
  }
  await setVersions(tx, bumps, writer.at, writer.actor);
  for (const claim of claimsAfter) {
    const old = claimsBefore.get(claim.id);
    const changes = changedFields(old?.props ?? null, claim.props);
    if (old === undefined) {
      addTo(createdIds, claim.type, claim.id);
    } else if (changes.length > 0) {
      addTo(changedIds, claim.type, claim.id);
    }
    if (old === undefined || changes.length > 0) {
      audits.push(claimAudit(operation, claim, old?.props ?? null, claim.props));
    }
  }
  await recordAudit(tx, writer, audits);
  const count = (table: Record<string, string[]>) => Object.values(table).reduce((n, ids) => n + ids.length, 0);
  const created = count(createdIds);
  const changed = count(changedIds);
  const total = graph.entities.length + graph.claims.length;
  return {
    entities: graph.entities.length,
    claims: graph.claims.length,
    created,
    changed,
    unchanged: total - created - changed,
    createdIds,
    changedIds,
  };
}

export class ImportService extends CurationWrites {
  async importGraph(graph: SeedGraph): Promise<ImportResult> {
    const importAll: TxWork<ImportResult> = async (tx) => {
      const at = await lockEntities(
        tx,
        graph.entities.map((e) => e.record.id),
      );
      const { createdIds: _created, changedIds: _changed, ...result } = await writeRecords(tx, graph, this.writer(at));
      return result;
    };
    const result = await this.write('importGraph', importAll, {
      timeoutMs: this.ctx.config.import.timeoutMs,
      extendDeadline: true,
    });
    this.afterWrite();
    return result;
  }
}
