// Creating, changing and deleting entities. Input arrives parsed (curation.validation.ts); this
// checks what only the graph can tell (taken ids, versions, sources, dependants) and writes.
//
// Concurrency: each write first takes the write locks of the entities it reads (sorted ids), so
// concurrent writes to one entity run one after another and see each other's commits. An update
// names the version it read; a stale version is a CONFLICT and writes nothing.
import { ConflictError, NotFoundError, quoted } from '../../common/errors';
import { storedEntityKeys, type EntityRecord } from '../../seed/schema';
import { type EntityParent, toEntityParent } from '../entity/entity.repository';
import { type Label } from '../model';
import { type AuditRecord, recordAudit } from './audit.store';
import {
  claimAudit,
  CurationWrites,
  listed,
  pick,
  requireSources,
  requireSupportedTrial,
  requireValidRecord,
} from './curation.common';
import { refreshScores, refreshScoresOf, SCORED_FROM } from '../evidence/score.store';
import { deleteClaims, entitiesByIds, lockEntities, type Props } from './curation.store';
import type { EntityPatch } from './curation.validation';
import {
  claimsCiting,
  claimsOfEntity,
  createEntity,
  deleteEntity,
  entitiesCiting,
  setClaimSources,
  setEntitySources,
  updateEntity,
} from './entity.store';
import { changedFields, recordFromInput, recordOf, storedProperties } from './records';

export interface DeleteRequest {
  id: string;
  expectedVersion?: number | null;
  cascade: boolean;
}

export interface DeleteResult {
  id: string;
  type: Label;
  deletedClaimIds: string[];
  uncitedIds: string[];
}

function withoutSource(props: Props, sourceId: string): string[] {
  return ((props.sourceIds as string[] | undefined) ?? []).filter((s) => s !== sourceId);
}

export class EntityService extends CurationWrites {
  async create(label: Label, record: EntityRecord): Promise<EntityParent> {
    requireValidRecord(label, record);
    const sources = record.sources ?? [];
    const props = storedProperties(label, record);
    const saved = await this.write(`create${label}`, async (tx) => {
      // The cited sources are locked, so a concurrent delete cannot leave the new entity citing nothing.
      const at = await lockEntities(tx, sources);
      const existing = (await entitiesByIds(tx, [record.id])).get(record.id);
      if (existing !== undefined) {
        throw new ConflictError(
          `${record.id} already exists (a ${existing.label}); choose another id, or change it with update${existing.label}.`,
          { id: record.id },
        );
      }
      await requireSources(tx, sources, 'input.sourceIds');
      if (label === 'Trial') {
        await requireSupportedTrial(tx, record);
      }
      const stored = await createEntity(tx, label, record.id, props, at, this.ctx.principal.id);
      await recordAudit(tx, this.writer(at), [
        {
          operation: 'CREATE',
          targetId: record.id,
          targetType: label,
          version: 1,
          changes: changedFields(null, stored),
        },
      ]);
      return stored;
    });
    const row = toEntityParent(label, saved);
    this.afterWrite([row]);
    return row;
  }

  async update(label: Label, patch: EntityPatch): Promise<EntityParent> {
    const { id, expectedVersion, changes } = patch;
    const newSources = Array.isArray(changes.sources) ? (changes.sources as string[]) : [];
    const saved = await this.write(`update${label}`, async (tx) => {
      const at = await lockEntities(tx, [id, ...newSources]);
      const current = (await entitiesByIds(tx, [id])).get(id);
      if (current === undefined || current.label !== label) {
        throw new NotFoundError(`No ${label} has the id ${quoted(id)}.`, { id });
      }
      const version = Number(current.props.version ?? 1);
      if (version !== expectedVersion) {
        throw new ConflictError(
          `${id} is at version ${version}, not ${expectedVersion}: it changed since you read it. Read it again, redo your change and send version ${version}.`,
          { id, currentVersion: version },
        );
      }
      // Valid fields over a valid record make a valid record: see parseUpdate.
      const record = recordFromInput(changes, recordOf(label, current.props)) as EntityRecord;
      const props = storedProperties(label, record);
      const diff = changedFields(pick(current.props, storedEntityKeys(label)), props);
      if (diff.length === 0) {
        // Already as asked: no new version, nothing to record.
        return current.props;
      }
      requireValidRecord(label, record);
      await requireSources(tx, newSources, 'input.sourceIds');
      if (label === 'Trial') {
        await requireSupportedTrial(tx, record);
      }
      const stored = await updateEntity(tx, id, props, at, this.ctx.principal.id);
      if (SCORED_FROM.includes(label)) {
        await refreshScoresOf(tx, [id], label === 'Source');
      }
      await recordAudit(tx, this.writer(at), [
        { operation: 'UPDATE', targetId: id, targetType: label, version: Number(stored.version), changes: diff },
      ]);
      return stored;
    });
    const row = toEntityParent(label, saved);
    this.afterWrite([row]);
    return row;
  }

  async delete(label: Label, request: DeleteRequest): Promise<DeleteResult> {
    const { id, expectedVersion, cascade } = request;
    const result = await this.write(`delete${label}`, async (tx) => {
      let at = await lockEntities(tx, [id]);
      const current = (await entitiesByIds(tx, [id])).get(id);
      if (current === undefined) {
        throw new NotFoundError(`No ${label} has the id ${quoted(id)}.`, { id });
      }
      const version = Number(current.props.version ?? 1);
      if (expectedVersion != null && version !== expectedVersion) {
        throw new ConflictError(
          `${id} is at version ${version}, not ${expectedVersion}: it changed since you read it. Read it again before deleting it.`,
          { id, currentVersion: version },
        );
      }
      const joined = await claimsOfEntity(tx, id);
      let citingClaims = label === 'Source' ? await claimsCiting(tx, id) : [];
      let citingEntities = label === 'Source' ? await entitiesCiting(tx, id) : [];
      if (!cascade && joined.length + citingClaims.length + citingEntities.length > 0) {
        const claimIds = joined.map((c) => c.id);
        const citedBy = [...citingEntities.map((e) => e.id), ...citingClaims.map((c) => c.id)];
        const parts = [
          claimIds.length > 0 ? `${claimIds.length} claim(s) join it (${listed(claimIds)})` : '',
          citedBy.length > 0 ? `${citedBy.length} entity(ies) or claim(s) cite it (${listed(citedBy)})` : '',
        ].filter((p) => p !== '');
        throw new ConflictError(
          `${id} was not deleted: ${parts.join(' and ')}. Unlink or re-cite them first, or delete with cascade: true (admins only).`,
          { id, claimIds: claimIds.slice(0, 100), citedBy: citedBy.slice(0, 100) },
        );
      }

      if (citingEntities.length > 0) {
        // Lock what the cascade will change, then read it again: it may have changed meanwhile.
        at = await lockEntities(
          tx,
          citingEntities.map((e) => e.id),
        );
        citingEntities = await entitiesCiting(tx, id);
        citingClaims = await claimsCiting(tx, id);
      }
      const uncited = citingEntities.filter((e) => e.label !== 'Source' && withoutSource(e.props, id).length === 0);
      if (uncited.length > 0) {
        const ids = uncited.map((e) => e.id);
        throw new ConflictError(
          `${id} was not deleted: it is the only source of ${listed(ids)}; give them another source first.`,
          { id, citedBy: ids.slice(0, 100) },
        );
      }

      const audits: AuditRecord[] = [];
      const joinedIds = new Set(joined.map((c) => c.id));
      const orphaned = citingClaims.filter((c) => !joinedIds.has(c.id) && withoutSource(c.props, id).length === 0);
      const recited = citingClaims.filter((c) => !joinedIds.has(c.id) && withoutSource(c.props, id).length > 0);
      const removed = [...joined, ...orphaned];
      await deleteClaims(tx, removed);
      audits.push(...removed.map((c) => claimAudit('UNLINK', c, c.props, null)));
      const recitedRows = recited.map((c) => ({ ...c, sourceIds: withoutSource(c.props, id) }));
      await setClaimSources(tx, recitedRows);
      await refreshScores(tx, recitedRows);
      audits.push(...recitedRows.map((c) => claimAudit('UPDATE', c, c.props, { ...c.props, sourceIds: c.sourceIds })));
      const versions = await setEntitySources(
        tx,
        citingEntities.map((e) => ({ id: e.id, sourceIds: withoutSource(e.props, id) })),
        at,
        this.ctx.principal.id,
      );
      audits.push(
        ...citingEntities.map((e): AuditRecord => ({
          operation: 'UPDATE',
          targetId: e.id,
          targetType: e.label,
          version: versions.get(e.id),
          changes: [{ field: 'sourceIds', before: e.props.sourceIds, after: withoutSource(e.props, id) }],
        })),
      );
      await deleteEntity(tx, id);
      audits.push({
        operation: 'DELETE',
        targetId: id,
        targetType: current.label,
        changes: changedFields(current.props, null),
      });
      await recordAudit(tx, this.writer(at), audits);
      return {
        id,
        type: current.label,
        deletedClaimIds: removed.map((c) => c.id),
        uncitedIds: [...citingEntities.map((e) => e.id), ...recited.map((c) => c.id)],
      };
    });
    this.afterWrite();
    return result;
  }
}
