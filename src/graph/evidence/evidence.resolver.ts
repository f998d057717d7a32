// GraphQL wiring of `evidenceBetween`: the claims joining two entities and their aggregate score.
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { NotFoundError, quoted } from '../../common/errors';
import type { Context } from '../../context';
import { evidenceBetween } from './evidence.repository';
import { PairEvidence } from './evidence.type';
import { pairScore } from './score';

@Resolver()
export class EvidenceResolver {
  @Query(() => PairEvidence, {
    description:
      'The evidence between two entities: every claim joining them in either direction, and those the first inherits along the ontology (a product from the cell types it contains and their ancestors), strongest first, with one aggregate score. NOT_FOUND names an id no entity has.',
  })
  async evidenceBetween(
    @Arg('subjectId', () => ID, { description: 'The first entity, e.g. product:rexlemestrocel-l.' }) subjectId: string,
    @Arg('objectId', () => ID, { description: 'The second entity, e.g. risk:immune-reaction.' }) objectId: string,
    @Arg('includeInherited', () => Boolean, {
      defaultValue: true,
      description: 'Also count claims the first entity inherits; false: direct claims only.',
    })
    includeInherited: boolean,
    @Ctx() ctx: Context,
  ): Promise<PairEvidence> {
    const rows = await evidenceBetween(ctx.db, subjectId, objectId, includeInherited);
    const missing = [...(rows.subject === null ? [subjectId] : []), ...(rows.object === null ? [objectId] : [])];
    if (missing.length > 0) {
      throw new NotFoundError(`No entity has the id ${missing.map(quoted).join(' or ')}.`, { ids: missing });
    }
    const claims = [...rows.claims].sort(
      (a, b) => (b.evidence.score?.value ?? 0) - (a.evidence.score?.value ?? 0) || a.id.localeCompare(b.id),
    );
    return {
      subject: rows.subject,
      object: rows.object,
      score: pairScore(claims.map((c) => c.evidence.score?.value ?? 0)),
      claimCount: claims.length,
      claims: claims.map((c, i) => ({ ...c, evidence: c.evidence as never, weight: 1 / (i + 1) ** 2 })),
    };
  }
}
