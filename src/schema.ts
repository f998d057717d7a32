// The one schema builder: used by the server, the tests and `npm run schema:emit`.
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { ENTITY_RESOLVERS } from './graph/entity/entity.resolver';
import { ENTITY_DEFINITIONS } from './graph/entity/definitions';
import { StatsResolver } from './graph/stats/stats.resolver';

type Resolver = NonEmptyArray<abstract new (...args: never[]) => unknown>[number];

export function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [StatsResolver, ...ENTITY_RESOLVERS] as NonEmptyArray<Resolver>,
    orphanedTypes: Object.values(ENTITY_DEFINITIONS).map((d) => d.type),
    validate: { forbidUnknownValues: false },
  });
}
