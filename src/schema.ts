// The one schema builder: used by the server, the tests and `npm run schema:emit`.
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { DashboardResolver } from './graph/dashboard/dashboard.resolver';
import { ENTITY_RESOLVERS } from './graph/entity/entity.resolver';
import { ENTITY_DEFINITIONS } from './graph/entity/definitions';
import { ExploreResolver } from './graph/explore/explore.resolver';
import { SourceResolver } from './graph/source/source.resolver';
import { StatsResolver } from './graph/stats/stats.resolver';

type Resolver = NonEmptyArray<abstract new (...args: never[]) => unknown>[number];

export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [
      StatsResolver,
      DashboardResolver,
      SourceResolver,
      ExploreResolver,
      ...ENTITY_RESOLVERS,
    ] as NonEmptyArray<Resolver>,
    orphanedTypes: Object.values(ENTITY_DEFINITIONS).map((d) => d.type),
    validate: { forbidUnknownValues: false },
  });
  // type-graphql has no option for the root types' descriptions.
  const query = schema.getQueryType();
  if (query) {
    query.description =
      'Read the knowledge graph of cell-based therapy for lower back pain: entities by id, filtered and sorted lists, search, neighbourhoods, paths and dashboard aggregates. Every claim carries its evidence and sources.';
  }
  return schema;
}
