// The one schema builder: used by the server, the tests and `npm run schema:emit`.
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { StatsResolver } from './graph/stats/stats.resolver';

export function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [StatsResolver],
    validate: { forbidUnknownValues: false },
  });
}
