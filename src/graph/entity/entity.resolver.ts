// GraphQL wiring for every entity type, generated from ENTITY_DEFINITIONS and RELATION_GROUPS:
// root connections and lookups, relationship fields in both directions, `sources` on every
// entity, `sources` on evidence, and Relay's node/nodes. Resolvers only translate arguments and
// call loaders or the repository.
import { getArgumentValues, type GraphQLResolveInfo, isObjectType } from 'graphql';
import { Arg, Args, type ClassType, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { EVIDENCE_SORTS, type SortFieldDef } from './define';
import { fieldResolverClass } from './field-resolver';
import { type ListPlan, planKey } from './list-plan';
import { BadUserInputError } from '../../common/errors';
import { idProblemError } from '../../common/filter';
import { fieldNodesAt, selectedFieldsAt, selectsPath } from '../../common/selection';
import { type CursorScope, type PageArgs, pageRequest, SortDirection, toPage } from '../../common/pagination';
import type { Context } from '../../context';
import { type Label } from '../model';
import { LABELS, ENTITY_DEFINITIONS } from '../registry';
import { Source } from '../source/source.type';
import {
  entityPropertiesToRead,
  type EntityParent,
  evidencePropertiesToRead,
  type EvidenceRow,
  type ListQuery,
  type ListRow,
  listRules,
  type NestedPage,
  rootCount,
  rootPage,
} from './entity.repository';
import { Evidence, Node } from './entity.type';
import { type ConnectionArgsShape, GENERATED, GENERATED_ENTITY } from './connection.types';
import { RELATION_GROUPS, type RelationGroup } from './relations';

/** Arguments of a list, normalised into what the repository and the loaders are keyed by. */
export function toListQuery(
  args: ConnectionArgsShape,
  labels: readonly Label[],
  maxPageSize: number,
  connection: string,
  extraSorts: Readonly<Record<string, SortFieldDef>> = {},
): ListQuery {
  const sorts = { ...listRules(labels).sorts, ...extraSorts };
  const sortField = args.orderBy?.field ?? 'NAME';
  const direction = args.orderBy?.direction ?? SortDirection.ASC;
  const sort = sorts[sortField];
  if (sort === undefined) {
    throw new BadUserInputError(`Cannot sort by ${sortField} here.`);
  }
  const cursor: CursorScope = {
    connection,
    order: `${sortField}:${direction}`,
    key: sort.numeric ? 'number' : 'text',
  };
  return {
    filter: args.filter ? JSON.parse(JSON.stringify(args.filter)) : null,
    sortField,
    direction,
    cursor,
    page: pageRequest(args as PageArgs, cursor, maxPageSize),
    evidence: args.evidence ? JSON.parse(JSON.stringify(args.evidence)) : null,
    ...(args.includeInherited === false ? { inherited: false } : {}),
  };
}

type Edge = { cursor: string; node: EntityParent; evidence?: unknown; inherited?: boolean; inheritedFrom?: unknown };
type PageInfo = ReturnType<typeof toPage>['pageInfo'];

/**
 * A connection whose parts GraphQL's default resolver calls only when selected (it calls a
 * function-valued property): a client asking only for totalCount reads no page, and one asking
 * only for edges runs no count.
 */
/** Sources of the listed nodes are read with the page when the client selects them. */
const selectsNodeSources = (info: GraphQLResolveInfo) => selectsPath(info, ['edges', 'node', 'sources']);

/** What a relationship field's resolver reads for its arguments and selection (`info` is the field's own). */
function relationQuery(
  group: RelationGroup,
  args: ConnectionArgsShape,
  info: GraphQLResolveInfo,
  maxPageSize: number,
): ListQuery {
  return {
    ...toListQuery(args, group.targets, maxPageSize, `${group.owner}.${group.field}`, EVIDENCE_SORTS),
    nodeSources: selectsNodeSources(info),
    claimSources: selectsPath(info, ['edges', 'evidence', 'sources']),
    nodeKeys: entityPropertiesToRead(selectedFieldsAt(info, ['edges', 'node'])),
    claimKeys: evidencePropertiesToRead(selectedFieldsAt(info, ['edges', 'evidence'])),
    nodeSourceKeys: entityPropertiesToRead(selectedFieldsAt(info, ['edges', 'node', 'sources'])),
    claimSourceKeys: entityPropertiesToRead(selectedFieldsAt(info, ['edges', 'evidence', 'sources'])),
  };
}

const GROUPS_BY_FIELD = new Map(RELATION_GROUPS.map((group) => [`${group.owner}.${group.field}`, group]));

/** A page the root page reads ahead, with the plan its field will find. */
type NestedPlan = NestedPage & { plan: ListPlan };

/**
 * The plans of the relationship fields selected on the nodes of a root page of `label`
 * (edges.node.outcomes…), recorded on the request's plans under the paths those fields will
 * resolve at. The root page reads their pages in its own query and puts them in the plans, so the
 * fields resolve without a query of their own. A field whose arguments its resolver would refuse
 * is not read ahead: its resolver reports it.
 */
function nestedPlans(info: GraphQLResolveInfo, label: Label, ctx: Context): NestedPlan[] {
  const type = info.schema.getType(label);
  if (!isObjectType(type)) {
    return [];
  }
  const nested: NestedPlan[] = [];
  for (const fieldNode of fieldNodesAt(info, ['edges', 'node'])) {
    const group = GROUPS_BY_FIELD.get(`${label}.${fieldNode.name.value}`);
    const fieldInfo = { ...info, fieldNodes: [fieldNode] };
    if (group === undefined || !(selectsPath(fieldInfo, ['edges']) || selectsPath(fieldInfo, ['pageInfo']))) {
      continue;
    }
    try {
      const args = getArgumentValues(type.getFields()[group.field], fieldNode, info.variableValues);
      const plan: ListPlan = {
        query: relationQuery(group, args as ConnectionArgsShape, fieldInfo, ctx.config.maxPageSize),
      };
      const responseKey = fieldNode.alias?.value ?? fieldNode.name.value;
      ctx.plans.set(planKey(info.path, label, ['edges', 'node', responseKey]), plan);
      nested.push({ group, query: plan.query, plan });
    } catch {
      // An argument the field refuses: its resolver reports it.
    }
  }
  return nested;
}

export interface ConnectionResult {
  edges: Edge[] | (() => Promise<Edge[]>);
  pageInfo: PageInfo | (() => Promise<PageInfo>);
  totalCount: () => Promise<number>;
}

function pageOf(rows: ListRow[], query: ListQuery) {
  const page = toPage(rows, query.page, query.cursor);
  return {
    edges: page.edges.map((row) => ({
      cursor: row.cursor,
      node: row.node,
      evidence: row.evidence,
      inherited: row.inheritedFrom != null,
      inheritedFrom: row.inheritedFrom ?? null,
    })),
    pageInfo: page.pageInfo,
  };
}

export function toConnection(rows: ListRow[], query: ListQuery, count: () => Promise<number>): ConnectionResult {
  return { ...pageOf(rows, query), totalCount: count };
}

/** A connection that reads its page only when edges or pageInfo is selected (once for both). */
export function lazyConnection(
  query: ListQuery,
  read: () => Promise<ListRow[]>,
  count: () => Promise<number>,
): ConnectionResult {
  let page: Promise<ReturnType<typeof pageOf>> | undefined;
  const load = () => (page ??= read().then((rows) => pageOf(rows, query)));
  return {
    edges: async () => (await load()).edges,
    pageInfo: async () => (await load()).pageInfo,
    totalCount: count,
  };
}

function createRootResolver(label: Label): ClassType {
  const def = ENTITY_DEFINITIONS[label];
  const types = GENERATED[label];

  @Resolver(() => def.type)
  class RootResolver {
    @Query(() => types.connection, {
      name: def.plural,
      description: `${label} items: filter, sort and page (Relay connection with keyset cursors). Every id in \`filter\` must name an entity of the kind its field takes: an unknown id is a NOT_FOUND error naming it, another kind's id a BAD_USER_INPUT error, never an empty page.`,
    })
    async list(
      @Args(() => types.connectionArgs) args: ConnectionArgsShape,
      @Ctx() ctx: Context,
      @Info() info: GraphQLResolveInfo,
    ): Promise<ConnectionResult> {
      const query = {
        ...toListQuery(args, [label], ctx.config.maxPageSize, `Query.${def.plural}`),
        nodeSources: selectsNodeSources(info),
        nodeKeys: entityPropertiesToRead(selectedFieldsAt(info, ['edges', 'node'])),
        nodeSourceKeys: entityPropertiesToRead(selectedFieldsAt(info, ['edges', 'node', 'sources'])),
      };
      const nested = nestedPlans(info, label, ctx);
      return lazyConnection(
        query,
        async () => {
          const page = await rootPage(ctx.db, label, query, nested);
          nested.forEach(({ plan }, k) => {
            plan.pages = new Map(page.rows.map((row, i) => [row.id, page.nested[k][i]]));
          });
          return page.rows;
        },
        () => rootCount(ctx.db, label, query.filter),
      );
    }

    @Query(() => def.type, {
      name: def.singular,
      // Nullable so that a refused id nulls this field alone, not the whole response.
      nullable: true,
      description: `The ${label} with this id. An id no entity has is a NOT_FOUND error naming it; the id of another kind of entity, a BAD_USER_INPUT error (node(id:) takes any kind).`,
    })
    async one(
      @Arg('id', () => ID, { description: `Id of the ${label}, e.g. ${def.idPrefix}:lower-case-words.` }) id: string,
      @Ctx() ctx: Context,
    ) {
      const row = await ctx.loaders.entities.byId.load(id);
      const error = idProblemError(
        row?.__typename === label
          ? []
          : [{ id, at: `${def.singular}(id:)`, labels: [label], found: row?.__typename ?? null }],
      );
      if (error !== null) {
        throw error;
      }
      return row;
    }

    @FieldResolver(() => [Source], { name: 'sources', description: 'The sources that describe this entity.' })
    sources(@Root() entity: EntityParent, @Ctx() ctx: Context): EntityParent[] | Promise<EntityParent[]> {
      if (entity.sourceRows !== undefined) {
        primeWhole(ctx, entity.sourceRows);
        return entity.sourceRows;
      }
      return loadSources(ctx, entity.sourceIds);
    }
  }
  Object.defineProperty(RootResolver, 'name', { value: `${label}RootResolver` });
  return RootResolver;
}

/** Sources read whole with a page answer later lookups of them; projected ones cannot. */
function primeWhole(ctx: Context, sources: readonly EntityParent[]): void {
  for (const source of sources) {
    if (!source.projected) {
      ctx.loaders.entities.byId.prime(source.id, source);
    }
  }
}

async function loadSources(ctx: Context, ids: readonly string[]): Promise<EntityParent[]> {
  const rows = await ctx.loaders.entities.byId.loadMany(ids);
  return rows.filter(
    (row): row is EntityParent => row !== null && !(row instanceof Error) && row.__typename === 'Source',
  );
}

/** A relationship field: its page from the root page's read-ahead, else from its loader. */
function createRelationResolver(group: RelationGroup): ClassType {
  const types = group.targets.length === 1 ? GENERATED[group.targets[0]] : GENERATED_ENTITY;
  return fieldResolverClass({
    owner: ENTITY_DEFINITIONS[group.owner].type,
    field: group.field,
    args: types.relationArgs,
    returns: types.relationConnection,
    description: `${group.description}. An id in \`filter\` or \`evidence.sourceIds\` that no entity has is a NOT_FOUND error naming it; the id of another kind of entity, a BAD_USER_INPUT error.`,
    // Not async: a page read ahead by the root page resolves without a promise.
    resolve(
      parent: EntityParent,
      args: ConnectionArgsShape,
      ctx: Context,
      info: GraphQLResolveInfo,
    ): ConnectionResult | Promise<ConnectionResult> {
      const plan = ctx.plans.at(info, () => relationQuery(group, args, info, ctx.config.maxPageSize));
      const { query } = plan;
      const count = () => ctx.loaders.entities.relationCount(group, plan).load(parent.id);
      const readAhead = plan.pages?.get(parent.id);
      if (readAhead !== undefined) {
        return toConnection(readAhead, query, count);
      }
      return ctx.loaders.entities
        .relationPage(group, plan)
        .load(parent.id)
        .then((rows) => toConnection(rows, query, count));
    },
  });
}

@Resolver(() => Evidence)
export class EvidenceResolver {
  @FieldResolver(() => [Source], { description: 'The sources the claim cites.' })
  sources(@Root() evidence: EvidenceRow, @Ctx() ctx: Context): EntityParent[] | Promise<EntityParent[]> {
    if (evidence.sources !== undefined) {
      primeWhole(ctx, evidence.sources);
      return evidence.sources;
    }
    return loadSources(ctx, evidence.sourceIds);
  }
}

@Resolver()
export class NodeResolver {
  // Relay's node and nodes answer null for an id that names nothing, unlike the typed lookups: a
  // Relay client refetches by id and reads null as "deleted", and nodes(ids:) keeps each answer in
  // the place of its id, so nothing is lost silently.
  @Query(() => Node, {
    nullable: true,
    description:
      'Any entity by its global id (Relay), or null when no entity has it, never an error; the typed lookups such as condition(id:) answer NOT_FOUND instead.',
  })
  async node(@Arg('id', () => ID, { description: 'A global id.' }) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.entities.byId.load(id);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description:
      'Entities by global id, in the order asked; null where an id matches nothing (as node(id:)). At most MAX_PAGE_SIZE ids.',
  })
  async nodes(@Arg('ids', () => [ID], { description: 'Global ids.' }) ids: string[], @Ctx() ctx: Context) {
    if (ids.length > ctx.config.maxPageSize) {
      throw new BadUserInputError(`Ask for at most ${ctx.config.maxPageSize} ids at a time.`, { argumentName: 'ids' });
    }
    const rows = await ctx.loaders.entities.byId.loadMany(ids);
    return rows.map((row) => (row instanceof Error ? null : row));
  }
}

export const ENTITY_RESOLVERS: ClassType[] = [
  ...LABELS.map(createRootResolver),
  ...RELATION_GROUPS.map(createRelationResolver),
  EvidenceResolver,
  NodeResolver,
];
