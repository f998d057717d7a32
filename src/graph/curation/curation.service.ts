// Curation: every write of the graph through the API. The resolvers only wire GraphQL; this service
// validates (the seed's zod schemas, so the API accepts exactly what seed files may hold), checks
// references, versions and dependants, writes, and records the audit trail, all in ONE
// transaction per mutation: a refused write leaves nothing behind, and no write goes unrecorded.
// Who may call what is settled earlier, by @Authorized and src/auth/authChecker.ts.
//
// Concurrency: each write first takes the write locks of the entities it reads (sorted ids), so
// concurrent writes to one entity run one after another and see each other's commits. An update
// names the version it read; a stale version is a CONFLICT and writes nothing.
import path from 'node:path';
import { BadUserInputError, ConflictError, NotFoundError, quoted } from '../../common/errors';
import { type CursorScope, DEFAULT_PAGE_SIZE, pageRequest, toPage } from '../../common/pagination';
import type { Context } from '../../context';
import type { Executor, Tx, TxOptions, TxWork } from '../../db/database';
import { projectRoot } from '../../paths';
import { loadSeed } from '../../seed/load';
import { type SeedGraph, SeedValidationError, validateSeed } from '../../seed/validate';
import { type EntityRow, toEntityRow, toEvidence } from '../entity/entity.repository';
import { ID_PREFIX, labelOfId } from '../registry';
import { type Label } from '../model';
import { type RelationshipDef } from '../relationships';
import { type AuditEntryRow, type AuditRecord, type AuditWriter, auditLog, recordAudit } from './audit.repository';
import type { AuditLogArgs, DeleteArgs, LinkInput, SeedDocumentInput, UnlinkInput } from './curation.inputs';
import { invalidInput } from './curation.middleware';
import {
  claimIdsStartingWith,
  claimsBetween,
  claimsCiting,
  claimsOfEntity,
  claimsWithIds,
  createClaim,
  createEntity,
  deleteClaims,
  deleteEntity,
  entitiesByIds,
  entitiesCiting,
  lockEntities,
  missingSources,
  setClaimSources,
  setEntitySources,
  setVersions,
  type StoredClaim,
  type StoredEntity,
  updateEntity,
} from './curation.repository';
import {
  changedFields,
  claimIdFor,
  type FieldProblem,
  isIdOf,
  parseClaimRecord,
  parseEntityRecord,
  recordFromInput,
  recordOf,
  storedClaimProperties,
  storedKeys,
  storedProperties,
} from './records';

type Props = Record<string, unknown>;

/** A claim as the Claim type resolves it. */
export interface ClaimResult {
  id: string;
  type: string;
  subject: EntityRow;
  object: EntityRow;
  evidence: ReturnType<typeof toEvidence>;
}

export interface DeleteResult {
  id: string;
  type: Label;
  deletedClaimIds: string[];
  uncitedIds: string[];
}

export interface ImportResult {
  entities: number;
  claims: number;
  created: number;
  changed: number;
  unchanged: number;
}

/** How many ids an error lists in its message; `extensions` carries them all (up to a bound). */
const LISTED = 5;
const listed = (ids: readonly string[]) =>
  ids.slice(0, LISTED).join(', ') + (ids.length > LISTED ? ` and ${ids.length - LISTED} more` : '');

const pick = (props: Props, keys: readonly string[]): Props =>
  Object.fromEntries(keys.map((k) => [k, props[k] ?? null]));

const AUDIT_CURSOR: CursorScope = { connection: 'Query.auditLog', order: 'AT:DESC', key: 'datetime' };

function missingSourcesError(ids: string[], path: string): NotFoundError {
  return new NotFoundError(
    `No Source with id ${listed(ids)}: every id in ${path} must name an existing Source (create it first with createSource).`,
    { ids, path },
  );
}

function idProblem(label: Label, path: string): FieldProblem {
  return { path, message: `must be the id of a ${label} (${ID_PREFIX[label]}:lower-case-words)` };
}

/** loadSeed opens its own transaction through an Executor; this one runs it inside ours instead. */
function inTransaction(tx: Tx): Executor {
  const facade = { writeTx: <T>(_name: string, work: TxWork<T>) => work(tx) };
  return facade as unknown as Executor;
}

export class CurationService {
  constructor(private readonly ctx: Context) {}

  private writer(at: string): AuditWriter {
    const { principal, requestId } = this.ctx;
    return { actor: principal.id, role: principal.role, requestId, at };
  }

  /** Nothing read before a write may answer after it; what was written is primed instead. */
  private afterWrite(rows: EntityRow[] = []): void {
    const loader = this.ctx.loaders.entities;
    loader.clearAll();
    for (const row of rows) {
      loader.byId.prime(row.id, row);
    }
  }

  private write<T>(operation: string, work: TxWork<T>, options?: TxOptions): Promise<T> {
    return this.ctx.db.writeTx(`curation.${operation}`, work, options);
  }

  async create(label: Label, input: Props): Promise<EntityRow> {
    const parsed = parseEntityRecord(label, recordFromInput(input));
    if ('problems' in parsed) {
      throw invalidInput(parsed.problems);
    }
    const { record } = parsed;
    const sources = (record as { sources?: string[] }).sources ?? [];
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
      const missing = await missingSources(tx, sources);
      if (missing.length > 0) {
        throw missingSourcesError(missing, 'input.sourceIds');
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
    const row = toEntityRow(label, saved);
    this.afterWrite([row]);
    return row;
  }

  async update(label: Label, input: Props & { id: string; expectedVersion: number }): Promise<EntityRow> {
    const { id, expectedVersion } = input;
    const newSources = Array.isArray(input.sourceIds) ? (input.sourceIds as string[]) : [];
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
      const parsed = parseEntityRecord(label, recordFromInput(input, recordOf(label, current.props)));
      if ('problems' in parsed) {
        throw invalidInput(parsed.problems);
      }
      const keys = storedKeys(label);
      const props = storedProperties(label, parsed.record);
      const changes = changedFields(pick(current.props, keys), props);
      if (changes.length === 0) {
        // Already as asked: no new version, nothing to record.
        return current.props;
      }
      const missing = await missingSources(tx, newSources);
      if (missing.length > 0) {
        throw missingSourcesError(missing, 'input.sourceIds');
      }
      const stored = await updateEntity(tx, id, props, at, this.ctx.principal.id);
      await recordAudit(tx, this.writer(at), [
        { operation: 'UPDATE', targetId: id, targetType: label, version: Number(stored.version), changes },
      ]);
      return stored;
    });
    const row = toEntityRow(label, saved);
    this.afterWrite([row]);
    return row;
  }

  async delete(label: Label, args: DeleteArgs): Promise<DeleteResult> {
    const { id, expectedVersion, cascade } = args;
    if (!isIdOf(label, id)) {
      throw invalidInput([idProblem(label, 'id')]);
    }
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

  async link(def: RelationshipDef, input: LinkInput): Promise<ClaimResult> {
    const problems: FieldProblem[] = [];
    if (!isIdOf(def.from, input.subjectId)) {
      problems.push(idProblem(def.from, 'input.subjectId'));
    }
    if (!isIdOf(def.to, input.objectId)) {
      problems.push(idProblem(def.to, 'input.objectId'));
    }
    // The generated id is chosen in the transaction; a well-formed stand-in validates the rest now.
    const parsed = parseClaimRecord({
      id: input.id ?? 'claim:new',
      type: def.type,
      subject: input.subjectId,
      object: input.objectId,
      level: input.level,
      knowledgeLevel: input.knowledgeLevel,
      agentType: input.agentType,
      sources: input.sourceIds,
      ...(input.note == null ? {} : { note: input.note }),
    });
    if ('problems' in parsed) {
      problems.push(...parsed.problems);
    }
    if (problems.length > 0 || 'problems' in parsed) {
      throw invalidInput(problems);
    }
    const { record } = parsed;
    const props = storedClaimProperties(record);
    const result = await this.write(`link${def.type}`, async (tx) => {
      const at = await lockEntities(tx, [record.subject, record.object, ...record.sources]);
      const ends = await entitiesByIds(tx, [record.subject, record.object]);
      const absent = [
        ...(ends.get(record.subject)?.label === def.from
          ? []
          : [`no ${def.from} has the id ${quoted(record.subject)}`]),
        ...(ends.get(record.object)?.label === def.to ? [] : [`no ${def.to} has the id ${quoted(record.object)}`]),
      ];
      if (absent.length > 0) {
        throw new NotFoundError(`Nothing was linked: ${absent.join(' and ')}.`, {
          ids: [record.subject, record.object].filter((id) => !ends.has(id)),
        });
      }
      const missing = await missingSources(tx, record.sources);
      if (missing.length > 0) {
        throw missingSourcesError(missing, 'input.sourceIds');
      }
      let id = input.id ?? undefined;
      if (id !== undefined) {
        if ((await claimsWithIds(tx, [id])).length > 0) {
          throw new ConflictError(
            `A claim with the id ${quoted(id)} already exists; choose another id, or leave id out.`,
            { id },
          );
        }
      } else {
        const base = claimIdFor(def, record.subject, record.object, () => false);
        const taken = await claimIdsStartingWith(tx, base);
        id = claimIdFor(def, record.subject, record.object, (candidate) => taken.has(candidate));
      }
      const stored = await createClaim(tx, def.type, { id, subject: record.subject, object: record.object, props }, at);
      const claim: StoredClaim = { id, type: def.type, subject: record.subject, object: record.object, props: stored };
      await recordAudit(tx, this.writer(at), [claimAudit('LINK', claim, null, stored)]);
      return claimResult(claim, ends);
    });
    this.afterWrite();
    return result;
  }

  async unlink(def: RelationshipDef, input: UnlinkInput): Promise<ClaimResult> {
    const { claimId, subjectId, objectId } = input;
    const byEnds = subjectId != null || objectId != null;
    if ((claimId == null) === !byEnds || (byEnds && (subjectId == null || objectId == null))) {
      throw invalidInput([{ path: 'input', message: 'must give either claimId, or both subjectId and objectId' }]);
    }
    const problems = byEnds
      ? [
          ...(isIdOf(def.from, subjectId!) ? [] : [idProblem(def.from, 'input.subjectId')]),
          ...(isIdOf(def.to, objectId!) ? [] : [idProblem(def.to, 'input.objectId')]),
        ]
      : [];
    if (problems.length > 0) {
      throw invalidInput(problems);
    }
    const what = `${def.type} claim from a ${def.from} to a ${def.to}`;
    const find = async (tx: Tx): Promise<StoredClaim[]> =>
      byEnds
        ? claimsBetween(tx, def.type, subjectId!, objectId!)
        : (await claimsWithIds(tx, [claimId!], [def.type])).filter(
            (c) => labelOfId(c.subject) === def.from && labelOfId(c.object) === def.to,
          );
    const result = await this.write(`unlink${def.type}`, async (tx) => {
      const found = await find(tx);
      if (found.length === 0) {
        throw new NotFoundError(
          byEnds
            ? `No ${what} joins ${quoted(subjectId)} to ${quoted(objectId)}.`
            : `No ${what} has the id ${quoted(claimId)}.`,
          { id: claimId ?? null, subjectId: subjectId ?? null, objectId: objectId ?? null },
        );
      }
      if (found.length > 1) {
        const ids = found.map((c) => c.id);
        throw new ConflictError(
          `${found.length} ${def.type} claims join them (${listed(ids)}); pass claimId to say which.`,
          {
            claimIds: ids,
          },
        );
      }
      const at = await lockEntities(tx, [found[0].subject, found[0].object]);
      // Read again under the locks: a concurrent unlink may have removed it meanwhile.
      const [claim] = await claimsWithIds(tx, [found[0].id], [def.type]);
      if (claim === undefined) {
        throw new NotFoundError(`No ${what} has the id ${quoted(found[0].id)} any more.`, { id: found[0].id });
      }
      await deleteClaims(tx, [claim]);
      await recordAudit(tx, this.writer(at), [claimAudit('UNLINK', claim, claim.props, null)]);
      return claimResult(claim, await entitiesByIds(tx, [claim.subject, claim.object]));
    });
    this.afterWrite();
    return result;
  }

  /**
   * Imports seed documents through the path `npm run seed` takes: validateSeed (every problem,
   * with document, record and field, or nothing is written), then loadSeed, here inside the one
   * transaction that also versions what changed and records the audit trail. That transaction
   * has a timeout of its own (IMPORT_TIMEOUT_MS), which may outlast the request's deadline. (Its
   * size, IMPORT_MAX_RECORDS over all documents, was bounded before execution: common/bounds.ts.)
   */
  async importGraph(documents: SeedDocumentInput[]): Promise<ImportResult> {
    let graph: SeedGraph;
    try {
      // Named as files under the project root, so problems read "documents[2]", as seed files read "seed/x.yaml".
      graph = validateSeed(
        documents.map((d, i) => ({
          file: path.join(projectRoot, `documents[${i}]`),
          data: { kind: d.kind, records: d.records },
        })),
      );
    } catch (error) {
      if (error instanceof SeedValidationError) {
        throw importRefused(error.problems);
      }
      throw error;
    }
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

      await loadSeed(inTransaction(tx), graph, { agent: actor });

      const after = await entitiesByIds(tx, entityIds);
      const claimsAfter = await claimsWithIds(tx, claimIds, [...new Set(graph.claims.map((c) => c.record.type))]);
      const audits: AuditRecord[] = [];
      const bumps: Array<{ id: string; version: number }> = [];
      let created = 0;
      let changed = 0;
      for (const { label, record } of graph.entities) {
        const old = before.get(record.id);
        const now = after.get(record.id)!;
        const keys = storedKeys(label);
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

  async auditLog(args: AuditLogArgs) {
    const page = pageRequest(
      { first: args.first ?? DEFAULT_PAGE_SIZE, after: args.after },
      AUDIT_CURSOR,
      this.ctx.config.maxPageSize,
    );
    const position = page.position;
    const rows = await auditLog(
      this.ctx.db,
      args.entityId,
      position === undefined ? undefined : { at: String(position.key), id: position.id },
      page.limit + 1,
    );
    const result = toPage(
      rows.map((row: AuditEntryRow) => ({ ...row, sortKey: row.at })),
      page,
      AUDIT_CURSOR,
    );
    return {
      edges: result.edges.map(({ cursor, sortKey: _sortKey, ...node }) => ({ cursor, node })),
      pageInfo: result.pageInfo,
    };
  }
}

function withoutSource(props: Props, sourceId: string): string[] {
  return ((props.sourceIds as string[] | undefined) ?? []).filter((s) => s !== sourceId);
}

function claimAudit(
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

function claimResult(claim: StoredClaim, ends: Map<string, StoredEntity>): ClaimResult {
  const subject = ends.get(claim.subject)!;
  const object = ends.get(claim.object)!;
  return {
    id: claim.id,
    type: claim.type,
    subject: toEntityRow(subject.label, subject.props),
    object: toEntityRow(object.label, object.props),
    evidence: toEvidence(claim.props, claim.type),
  };
}

function importRefused(
  problems: Array<{ file: string; record: string; field: string; message: string }>,
): BadUserInputError {
  const first = problems
    .slice(0, 3)
    .map((p) => `${p.file}: record ${p.record}: field ${p.field}: ${p.message}`)
    .join('; ');
  return new BadUserInputError(
    `The import is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was written. ${first}${problems.length > 3 ? '; …' : ''} (all in extensions.problems).`,
    { problems },
  );
}
