// The one schema builder: used by the server, the tests and `npm run schema:emit`.
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ENTITY_RESOLVERS } from './graph/entity/entity.resolver';
import { ENTITY_DEFINITIONS } from './graph/entity/definitions';
import { StatsResolver } from './graph/stats/stats.resolver';

export function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [StatsResolver, ...ENTITY_RESOLVERS] as unknown as [Function, ...Function[]],
    orphanedTypes: Object.values(ENTITY_DEFINITIONS).map((d) => d.type),
    validate: { forbidUnknownValues: false },
  });
}
