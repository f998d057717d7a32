// The one schema builder: used by the server, the tests and `npm run schema:emit`.
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { authChecker } from './auth/authChecker';
import { CURATION_RESOLVERS } from './graph/curation/curation.resolver';
import { DashboardResolver } from './graph/dashboard/dashboard.resolver';
import { ENTITY_RESOLVERS } from './graph/entity/entity.resolver';
import { ENTITY_DEFINITIONS } from './graph/registry';
import { EvidenceResolver } from './graph/evidence/evidence.resolver';
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
      EvidenceResolver,
      ...ENTITY_RESOLVERS,
      ...CURATION_RESOLVERS,
    ] as NonEmptyArray<Resolver>,
    orphanedTypes: Object.values(ENTITY_DEFINITIONS).map((d) => d.type),
    // Curation arguments are parsed with zod at the resolver boundary (graph/curation/curation.validation.ts).
    validate: false,
    authChecker,
  });
  // type-graphql has no option for the root types' descriptions.
  const query = schema.getQueryType();
  if (query) {
    query.description =
      'Read the knowledge graph of cell-based therapy for lower back pain: entities by id, filtered and sorted lists, search, neighbourhoods, paths and dashboard aggregates. Every claim carries its evidence and sources.';
  }
  const mutation = schema.getMutationType();
  if (mutation) {
    mutation.description =
      'Curate the knowledge graph (API key or JWT: curators create, update, link and unlink; admins also delete and import). Every write is validated as seed files are, runs in one transaction with its audit entry, and every new claim cites at least one existing Source with an evidence level.';
  }
  return schema;
}
