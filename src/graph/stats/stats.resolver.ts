import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { graphCounts } from './stats.repository';
import { GraphStats } from './stats.type';

@Resolver()
export class StatsResolver {
  @Query(() => GraphStats, { description: 'Node counts per label and relationship counts per type.' })
  async stats(@Ctx() ctx: Context): Promise<GraphStats> {
    const counts = await graphCounts(ctx.db);
    return {
      ...counts,
      totalNodes: counts.nodes.reduce((sum, n) => sum + n.count, 0),
      totalRelationships: counts.relationships.reduce((sum, r) => sum + r.count, 0),
    };
  }
}
