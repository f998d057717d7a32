// GraphQL wiring of the exploration root fields: `search`, `neighborhood` and `paths`. The
// functions above the resolver check arguments (every limit is a BAD_USER_INPUT that names its
// range) and handle search cursors; the repository does the Cypher, path-reading.ts the wording.
import { createHash } from 'node:crypto';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { BadUserInputError, NotFoundError, quoted } from '../../common/errors';
import { decodeTuple, encodeTuple } from '../../common/pagination';
import { selectedFields, selectedFieldsAt, selectsPath } from '../../common/selection';
import type { Context } from '../../context';
import { turnWithin } from '../../http/admission';
import { entityPropertiesToRead, evidencePropertiesToRead } from '../entity/entity.repository';
import type { RelationshipType } from '../model';
import {
  type PathsQuery,
  planSearch,
  readNeighborhood,
  readPaths,
  type SearchPosition,
  type SearchQuery,
  searchPage,
} from './explore.repository';
import {
  NEIGHBORHOOD_LIMITS,
  Neighborhood,
  NeighborhoodArgs,
  Path,
  PathDirection,
  PATHS_LIMITS,
  PathsArgs,
  SEARCH_DEFAULTS,
  SearchArgs,
  SearchConnection,
} from './explore.type';
import { type DescribedPath, describePath, LEVEL_STRENGTHS_TEXT, PATH_CANDIDATES } from './path-reading';

/** Longer text is not a search a person types; it would also approach Lucene's clause limit. */
export const MAX_SEARCH_LENGTH = 256;

function inRange(name: string, value: number, range: { min: number; max: number }): number {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new BadUserInputError(`\`${name}\` must be from ${range.min} to ${range.max}; got ${value}.`, {
      argumentName: name,
      min: range.min,
      max: range.max,
    });
  }
  return value;
}

function nonEmpty<T>(name: string, list: readonly T[] | null | undefined, omitted: string): readonly T[] | null {
  if (list == null) {
    return null;
  }
  if (list.length === 0) {
    throw new BadUserInputError(`\`${name}\` must name at least one value; omit it for ${omitted}.`, {
      argumentName: name,
    });
  }
  return list;
}

// Search results are paged by keyset on (rank DESC, score DESC, id ASC): rank is the exact-match
// tier, score the Lucene score of the hit. An offset would skip or repeat results whenever an
// entity is added or removed between pages; a keyset only moves if an entity's own score changes.
// For the same index contents Lucene scores are deterministic, and a score survives the cursor's
// JSON round trip exactly (it is a double, re-sent as a double), so pages neither repeat nor skip.
// The cursor also carries a fingerprint of the query text: its position means nothing in another
// query's ranking, so such a cursor is refused instead of silently skipping results.

const fingerprint = (query: string) => createHash('sha256').update(query).digest('base64url').slice(0, 12);

export function encodeSearchCursor(query: string, position: SearchPosition): string {
  return encodeTuple(['search', fingerprint(query), position.rank, position.score, position.id]);
}

export function decodeSearchCursor(cursor: string, query: string): SearchPosition {
  const notASearchCursor = () =>
    new BadUserInputError('`after` is not a search cursor from this API; pass an edge cursor unchanged.', {
      argumentName: 'after',
    });
  const parsed = decodeTuple(cursor, notASearchCursor);
  if (
    parsed.length !== 5 ||
    parsed[0] !== 'search' ||
    typeof parsed[1] !== 'string' ||
    !Number.isInteger(parsed[2]) ||
    typeof parsed[3] !== 'number' ||
    typeof parsed[4] !== 'string'
  ) {
    throw notASearchCursor();
  }
  if (parsed[1] !== fingerprint(query)) {
    throw new BadUserInputError('`after` comes from a search for other text; restart paging without it.', {
      argumentName: 'after',
    });
  }
  return { rank: parsed[2] as number, score: parsed[3], id: parsed[4] };
}

/**
 * The arguments of `paths`, checked and defaulted. `via` is bounded here, before any Cypher is
 * built: its length fixes the path's, which must fit `maxLength`.
 */
export function toPathsQuery(args: PathsArgs): PathsQuery {
  const maxLength = inRange('maxLength', args.maxLength ?? PATHS_LIMITS.maxLength.default, PATHS_LIMITS.maxLength);
  const first = inRange('first', args.first ?? PATHS_LIMITS.first.default, PATHS_LIMITS.first);
  if (args.from === args.to) {
    throw new BadUserInputError('`from` and `to` are the same entity; a path needs two.', { argumentName: 'to' });
  }
  const via = args.via ?? null;
  if (via !== null && via.length > PATHS_LIMITS.via.max) {
    throw new BadUserInputError(
      `\`via\` names ${via.length} entity types; at most ${PATHS_LIMITS.via.max} are allowed (a path has at most ${PATHS_LIMITS.maxLength.max} claims).`,
      { argumentName: 'via', limit: PATHS_LIMITS.via.max },
    );
  }
  if (via !== null && via.length >= maxLength) {
    throw new BadUserInputError(
      `\`via\` names ${via.length} entity types, so its paths have ${via.length + 1} claims, more than \`maxLength\` (${maxLength}); raise \`maxLength\` to ${via.length + 1} or name fewer types.`,
      { argumentName: 'via', limit: maxLength - 1 },
    );
  }
  return {
    from: args.from,
    to: args.to,
    maxLength,
    first,
    followFlow: (args.direction ?? PathDirection.FOLLOW_FLOW) === PathDirection.FOLLOW_FLOW,
    via,
  };
}

export function toSearchQuery(args: SearchArgs, maxPageSize: number): SearchQuery & { text: string } {
  const text = args.query.trim();
  if (text === '') {
    throw new BadUserInputError('`query` is empty; give words, an identifier or a Lucene query.', {
      argumentName: 'query',
    });
  }
  if (text.length > MAX_SEARCH_LENGTH) {
    throw new BadUserInputError(`\`query\` must be at most ${MAX_SEARCH_LENGTH} characters.`, {
      argumentName: 'query',
    });
  }
  const limit = inRange('first', args.first ?? SEARCH_DEFAULTS.first, { min: 0, max: maxPageSize });
  return {
    text,
    plan: planSearch(text),
    types: nonEmpty('types', args.types, 'every type'),
    limit,
    after: args.after == null ? null : decodeSearchCursor(args.after, text),
  };
}

@Resolver()
export class ExploreResolver {
  @Query(() => SearchConnection, {
    description:
      'Full-text search over names, synonyms, descriptions and identifiers. An exact identifier (entity id, ' +
      'CURIE, NCT number, DOI) lists its entity first; otherwise best match first. Invalid Lucene syntax is a ' +
      'BAD_USER_INPUT error.',
  })
  async search(
    @Args(() => SearchArgs) args: SearchArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SearchConnection> {
    const query = toSearchQuery(args, ctx.config.maxPageSize);
    // totalCount, when selected, comes from the same query as the page; it is null only when not selected.
    const { rows, count } = await searchPage(
      ctx.db,
      query,
      entityPropertiesToRead(selectedFieldsAt(info, ['edges', 'node'])),
      selectedFields(info).has('totalCount'),
    );
    const kept = rows.slice(0, query.limit);
    const edges = kept.map((row) => ({
      cursor: encodeSearchCursor(query.text, row),
      node: row.node,
      score: row.score,
    }));
    return {
      edges,
      pageInfo: {
        hasNextPage: rows.length > query.limit,
        hasPreviousPage: query.after !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      totalCount: count,
    };
  }

  @Query(() => Neighborhood, {
    description:
      'The entities within `depth` claims of an entity and the claims between them, for graph views. At most ' +
      '`limit` nodes, nearest first; `truncated` tells whether more existed. Unknown id: NOT_FOUND.',
  })
  async neighborhood(
    @Args(() => NeighborhoodArgs) args: NeighborhoodArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Neighborhood> {
    const depth = inRange('depth', args.depth ?? NEIGHBORHOOD_LIMITS.depth.default, NEIGHBORHOOD_LIMITS.depth);
    const limit = inRange('limit', args.limit ?? NEIGHBORHOOD_LIMITS.limit.default, NEIGHBORHOOD_LIMITS.limit);
    const types = nonEmpty('relationshipTypes', args.relationshipTypes, 'every type') as RelationshipType[] | null;
    const result = await readNeighborhood(ctx.db, args.id, depth, types, limit, {
      node: entityPropertiesToRead(selectedFieldsAt(info, ['nodes'])),
      claim: evidencePropertiesToRead(selectedFieldsAt(info, ['edges', 'evidence'])),
    });
    if (result === null) {
      throw new NotFoundError(`No entity has the id ${quoted(args.id)}.`, { argumentName: 'id' });
    }
    return result;
  }

  @Query(() => [Path], {
    description:
      'Why two entities are linked: chains of claims from `from` to `to`, each step with its evidence and how it ' +
      'reads, and the whole chain as one sentence (`explanation`). By default every step follows its relationship ' +
      'the way reasoning flows (`direction`); `via` fixes the types of the entities in between. Best evidence ' +
      "first: by the weakest step's strength (`strength`), then by the product of the steps' strengths " +
      "(`strengthProduct`), then fewer claims, then the entities' ids. A step's strength is its claim's `score` " +
      `(0 to 1), or, for a claim without one, its evidence level's (${LEVEL_STRENGTHS_TEXT}). Following the ` +
      `flow, every path is ranked; with ANY, with \`via\` and around densely linked entities, the ${PATH_CANDIDATES} ` +
      'shortest found are. Empty when none is at most `maxLength` long. Unknown ids: NOT_FOUND.',
  })
  async paths(
    @Args(() => PathsArgs) args: PathsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<DescribedPath[]> {
    const query = toPathsQuery(args);
    const at = (...path: string[]) => selectedFieldsAt(info, path);
    const sourcesAt = (paths: string[][]) =>
      paths.some((path) => selectsPath(info, path))
        ? entityPropertiesToRead(paths.flatMap((path) => [...at(...path)]))
        : null;
    const projection = {
      // Names are read whatever the selection: the explanation is made of them.
      node: entityPropertiesToRead(['name', ...at('nodes'), ...at('steps', 'from'), ...at('steps', 'to')]),
      claim: evidencePropertiesToRead(at('steps', 'evidence')),
      claimSources: sourcesAt([['steps', 'evidence', 'sources']]),
      nodeSources: sourcesAt([
        ['nodes', 'sources'],
        ['steps', 'from', 'sources'],
        ['steps', 'to', 'sources'],
      ]),
    };
    const line = ctx.pathSearches;
    const release = line === null ? undefined : await turnWithin(line, ctx.db.deadline, 'path searches');
    const result = await readPaths(ctx.db, query, projection).finally(() => release?.());
    const missing = [...(result.fromFound ? [] : [args.from]), ...(result.toFound ? [] : [args.to])];
    if (missing.length > 0) {
      throw new NotFoundError(`No entity has the id ${missing.map(quoted).join(' or ')}.`, { ids: missing });
    }
    return result.paths.map(describePath);
  }
}
