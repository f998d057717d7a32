// Source.claims (every claim a source supports) and Source.describes (every entity it describes).
import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Ctx, Field, FieldResolver, Info, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { type CursorScope, PageArgs, PageInfo, pageRequest, SortDirection, toPage } from '../../common/pagination';
import type { Context } from '../../context';
import { Claim } from '../claim/claim.type';
import type { EntityParent } from '../entity/entity.repository';
import { type ConnectionResult, toConnection, toListQuery } from '../entity/entity.resolver';
import { EvidenceFilter, type ConnectionArgsShape, GENERATED_ENTITY } from '../entity/connection.types';
import { RelationshipType } from '../enums';
import { LABELS } from '../registry';
import { describedBy, describedByCounts, sourceClaimCounts, sourceClaims } from './source.repository';
import { Source } from './source.type';

@ArgsType()
class ClaimArgs extends PageArgs {
  @Field(() => [RelationshipType], { nullable: true, description: 'Only claims of these relationship types.' })
  types?: string[] | null;

  @Field(() => EvidenceFilter, { nullable: true, description: 'Only claims with this evidence.' })
  evidence?: EvidenceFilter | null;
}

@ObjectType({ simpleResolvers: true, description: 'A claim in a list.' })
class ClaimEdge {
  @Field(() => String, { description: 'Opaque keyset cursor of this edge.' })
  cursor!: string;

  @Field(() => Claim, { description: 'The claim.' })
  node!: Claim;
}

@ObjectType({ simpleResolvers: true, description: 'A page of claims, sorted by claim id.' })
class ClaimConnection {
  @Field(() => [ClaimEdge], { description: 'The claims of this page.' })
  edges!: ClaimEdge[];

  @Field(() => PageInfo, { description: 'Whether more pages exist, and the cursors to reach them.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many claims match in all pages. Computed only when selected.' })
  totalCount!: number;
}

const CLAIM_CURSOR: CursorScope = { connection: 'Source.claims', order: `ID:${SortDirection.ASC}`, key: 'text' };

@Resolver(() => Source)
export class SourceResolver {
  @FieldResolver(() => ClaimConnection, {
    description: 'Every claim (relationship) that cites this source, by claim id.',
  })
  async claims(
    @Root() source: EntityParent,
    @Args(() => ClaimArgs) args: ClaimArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const plan = ctx.plans.at(info, () => ({
      filter: null,
      sortField: 'ID',
      direction: SortDirection.ASC,
      cursor: CLAIM_CURSOR,
      page: pageRequest(args, CLAIM_CURSOR, ctx.config.maxPageSize),
      evidence: args.evidence ? JSON.parse(JSON.stringify(args.evidence)) : null,
      types: args.types ?? null,
    }));
    const { query } = plan;
    const loaders = ctx.loaders.entities;
    const rows = await loaders.batched(plan, (ids) => sourceClaims(ctx.db, ids, query)).load(source.id);
    const page = toPage(rows, query.page, CLAIM_CURSOR);
    return {
      edges: page.edges.map(({ cursor, ...claim }) => ({ cursor, node: claim })),
      pageInfo: page.pageInfo,
      totalCount: () => loaders.counted(plan, (ids) => sourceClaimCounts(ctx.db, ids, query)).load(source.id),
    };
  }

  @FieldResolver(() => GENERATED_ENTITY.connection, { description: 'Every entity this source describes.' })
  async describes(
    @Root() source: EntityParent,
    @Args(() => GENERATED_ENTITY.connectionArgs) args: ConnectionArgsShape,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionResult> {
    const plan = ctx.plans.at(info, () => toListQuery(args, LABELS, ctx.config.maxPageSize, 'Source.describes'));
    const { query } = plan;
    const loaders = ctx.loaders.entities;
    const rows = await loaders.batched(plan, (ids) => describedBy(ctx.db, ids, query)).load(source.id);
    return toConnection(rows, query, () =>
      loaders.counted(plan, (ids) => describedByCounts(ctx.db, ids, query.filter)).load(source.id),
    );
  }
}
