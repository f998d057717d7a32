import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { DataVersionCache } from './data-version';
import { graphStats } from './stats.repository';
import { GraphStats } from './stats.type';

@Resolver()
export class StatsResolver {
  @Query(() => GraphStats, {
    description: 'Node counts per label and relationship counts per type, and the data release the graph is at.',
  })
  async stats(@Ctx() ctx: Context): Promise<GraphStats> {
    const { nodes, relationships, release, changedSinceRelease } = await graphStats(ctx.db);
    // The read costs nothing extra and is newer than the header's background copy.
    DataVersionCache.of(ctx.db.db).set(release);
    return {
      nodes,
      relationships,
      totalNodes: nodes.reduce((sum, n) => sum + n.count, 0),
      totalRelationships: relationships.reduce((sum, r) => sum + r.count, 0),
      dataVersion: release?.version ?? null,
      releasedAt: release?.releasedAt ?? null,
      changedSinceRelease,
    };
  }
}
