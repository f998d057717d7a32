// importGraph: seed documents, parsed and checked at the boundary as `npm run seed` checks seed
// files (curation.validation.ts), written by the seed loader inside the one transaction that also
// versions what changed and records the audit trail. That transaction has a timeout of its own
// (IMPORT_TIMEOUT_MS), which may outlast the request's deadline. (Its size, IMPORT_MAX_RECORDS over
// all documents, was bounded before execution: common/bounds.ts.)
import { storedEntityKeys } from '../../seed/schema';
import { loadSeed } from '../../seed/load';
import type { SeedGraph } from '../../seed/validate';
import type { TxWork } from '../../db/database';
import { type AuditRecord, recordAudit } from './audit.store';
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

export class ImportService extends CurationWrites {
  async importGraph(graph: SeedGraph): Promise<ImportResult> {
    const entityIds = graph.entities.map((e) => e.record.id);
    const claimIds = graph.claims.map((c) => c.record.id);
    const actor = this.ctx.principal.id;
    const importAll: TxWork<ImportResult> = async (tx) => {
      const at = await lockEntities(tx, entityIds);
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

      await loadSeed(tx, graph, { agent: actor });

      const after = await entitiesByIds(tx, entityIds);
      const claimsAfter = await claimsWithIds(tx, claimIds, [...new Set(graph.claims.map((c) => c.record.type))]);
      const audits: AuditRecord[] = [];
      const bumps: Array<{ id: string; version: number }> = [];
      let created = 0;
      let changed = 0;
      for (const { label, record } of graph.entities) {
        const old = before.get(record.id);
        const now = after.get(record.id)!;
        const keys = storedEntityKeys(label);
        const changes = changedFields(old === undefined ? null : pick(old.props, keys), pick(now.props, keys));
        if (old === undefined) {
          created += 1;
          audits.push({ operation: 'IMPORT', targetId: record.id, targetType: label, version: 1, changes });
        } else if (changes.length > 0) {
          changed += 1;
          const version = Number(old.props.version ?? 1) + 1;
          bumps.push({ id: record.id, version });
          audits.push({ operation: 'IMPORT', targetId: record.id, targetType: label, version, changes });
        }
      }
      await setVersions(tx, bumps, at, actor);
      for (const claim of claimsAfter) {
        const old = claimsBefore.get(claim.id);
        const changes = changedFields(old?.props ?? null, claim.props);
        if (old === undefined) {
          created += 1;
        } else if (changes.length > 0) {
          changed += 1;
        }
        if (old === undefined || changes.length > 0) {
          audits.push(claimAudit('IMPORT', claim, old?.props ?? null, claim.props));
        }
      }
      await recordAudit(tx, this.writer(at), audits);
      const total = graph.entities.length + graph.claims.length;
      return {
        entities: graph.entities.length,
        claims: graph.claims.length,
        created,
        changed,
        unchanged: total - created - changed,
      };
    };
    const result = await this.write('importGraph', importAll, {
      timeoutMs: this.ctx.config.import.timeoutMs,
      extendDeadline: true,
    });
    this.afterWrite();
    return result;
  }
}
