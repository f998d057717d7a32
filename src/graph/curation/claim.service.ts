// Adding and removing claims. Input arrives parsed (curation.validation.ts); this checks what only
// the graph can tell (both ends exist with the relationship's labels, the sources exist, the id
// is free, exactly one claim matches) and writes, under the locks of both ends.
import { ConflictError, NotFoundError, quoted } from '../../common/errors';
import type { Tx } from '../../db/database';
import { type EntityParent, toEntityParent, toEvidence } from '../entity/entity.repository';
import { labelOfId } from '../registry';
import { type RelationshipDef } from '../relationships';
import { recordAudit } from './audit.store';
import { claimIdsStartingWith, claimsBetween, createClaim } from './claim.store';
import { claimAudit, CurationWrites, listed, requireSources, requireSupportedClaim } from './curation.common';
import { refreshScores } from '../evidence/score.store';
import {
  claimsWithIds,
  deleteClaims,
  entitiesByIds,
  lockEntities,
  type StoredClaim,
  type StoredEntity,
} from './curation.store';
import type { LinkRequest, UnlinkRequest } from './curation.validation';
import { claimIdFor, storedClaimProperties } from './records';

/** A claim as the Claim type resolves it. */
export interface ClaimResult {
  id: string;
  type: string;
  subject: EntityParent;
  object: EntityParent;
  evidence: ReturnType<typeof toEvidence>;
}

function claimResult(claim: StoredClaim, ends: Map<string, StoredEntity>): ClaimResult {
  const subject = ends.get(claim.subject)!;
  const object = ends.get(claim.object)!;
  return {
    id: claim.id,
    type: claim.type,
    subject: toEntityParent(subject.label, subject.props),
    object: toEntityParent(object.label, object.props),
    evidence: toEvidence(claim.props, claim.type),
  };
}

export class ClaimService extends CurationWrites {
  async link(def: RelationshipDef, request: LinkRequest): Promise<ClaimResult> {
    const { record } = request;
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
      await requireSources(tx, record.sources, 'input.sourceIds');
      await requireSupportedClaim(tx, record, ends.get(record.subject));
      let id = request.id;
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
      await createClaim(tx, def.type, { id, subject: record.subject, object: record.object, props }, at);
      await refreshScores(tx, [{ type: def.type, id }]);
      const [{ props: stored }] = await claimsWithIds(tx, [id], [def.type]);
      const claim: StoredClaim = { id, type: def.type, subject: record.subject, object: record.object, props: stored };
      await recordAudit(tx, this.writer(at), [claimAudit('LINK', claim, null, stored)]);
      return claimResult(claim, ends);
    });
    this.afterWrite();
    return result;
  }

  async unlink(def: RelationshipDef, request: UnlinkRequest): Promise<ClaimResult> {
    const what = `${def.type} claim from a ${def.from} to a ${def.to}`;
    const find = async (tx: Tx): Promise<StoredClaim[]> =>
      'claimId' in request
        ? (await claimsWithIds(tx, [request.claimId], [def.type])).filter(
            (c) => labelOfId(c.subject) === def.from && labelOfId(c.object) === def.to,
          )
        : claimsBetween(tx, def.type, request.subjectId, request.objectId);
    const result = await this.write(`unlink${def.type}`, async (tx) => {
      const found = await find(tx);
      if (found.length === 0) {
        throw 'claimId' in request
          ? new NotFoundError(`No ${what} has the id ${quoted(request.claimId)}.`, {
              id: request.claimId,
              subjectId: null,
              objectId: null,
            })
          : new NotFoundError(`No ${what} joins ${quoted(request.subjectId)} to ${quoted(request.objectId)}.`, {
              id: null,
              subjectId: request.subjectId,
              objectId: request.objectId,
            });
      }
      if (found.length > 1) {
        const ids = found.map((c) => c.id);
        throw new ConflictError(
          `${found.length} ${def.type} claims join them (${listed(ids)}); pass claimId to say which.`,
          { claimIds: ids },
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
}
