// Types of the exploration root fields: full-text search as a Relay connection, a node's
// neighbourhood as nodes and edges for graph views, and the paths between two entities as ordered
// steps, each step with the evidence of the claim it follows, its reading, and the whole path as a
// sentence.
import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../common/pagination';
import { Entity, Evidence } from '../entity/entity.type';
import { EntityType } from '../registry';
import { RelationshipType } from '../enums';
import { LEVEL_STRENGTHS_TEXT } from './path-reading';

export const SEARCH_DEFAULTS = { first: 20 } as const;
export const NEIGHBORHOOD_LIMITS = { depth: { min: 1, max: 3, default: 1 }, limit: { min: 1, max: 500, default: 50 } };
const MAX_PATH_LENGTH = 6;
export const PATHS_LIMITS = {
  maxLength: { min: 1, max: MAX_PATH_LENGTH, default: 4 },
  first: { min: 1, max: 20, default: 5 },
  /** The entities between the ends of the longest path. */
  via: { max: MAX_PATH_LENGTH - 1 },
} as const;

@ArgsType()
export class SearchArgs {
  @Field(() => String, {
    description:
      'What to look for: words (the last word also matches as a prefix, for autocomplete), an exact identifier ' +
      '(entity id, CURIE such as MONDO:0011385, NCT number, DOI), or Lucene query syntax (AND, OR, "phrases", ' +
      'wildcards, fuzzy~). Regular expressions are not supported; a / is searched literally.',
  })
  query!: string;

  @Field(() => [EntityType], { nullable: true, description: 'Only entities of these types (default: every type).' })
  types?: string[] | null;

  @Field(() => Int, {
    nullable: true,
    description: `At most this many edges (default ${SEARCH_DEFAULTS.first}, at most MAX_PAGE_SIZE).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor (from the same query).' })
  after?: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'An entity that matches a search, with its relevance.' })
export class SearchEdge {
  @Field(() => String, { description: 'Opaque cursor of this edge; valid only for the same query text.' })
  cursor!: string;

  @Field(() => Entity, { description: 'The matching entity.' })
  node!: unknown;

  @Field(() => Float, {
    description:
      'Full-text relevance (Lucene score; higher is better). Entities whose identifier equals the query exactly ' +
      'are listed first whatever their score.',
  })
  score!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A page of search results, best first: exact identifier matches, then by relevance, ties broken by id.',
})
export class SearchConnection {
  @Field(() => [SearchEdge], { description: 'The results of this page, each with its cursor.' })
  edges!: SearchEdge[];

  @Field(() => PageInfo, { description: 'Whether more results follow, and the cursor to reach them.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many entities match in all pages. Computed only when selected.' })
  totalCount!: number | null;
}

@ArgsType()
export class NeighborhoodArgs {
  @Field(() => ID, { description: 'Id of the entity at the centre.' })
  id!: string;

  @Field(() => Int, {
    nullable: true,
    defaultValue: NEIGHBORHOOD_LIMITS.depth.default,
    description: `How many relationships away from the centre to go, ${NEIGHBORHOOD_LIMITS.depth.min} to ${NEIGHBORHOOD_LIMITS.depth.max}.`,
  })
  depth?: number | null;

  @Field(() => [RelationshipType], {
    nullable: true,
    description: 'Only follow (and return) claims of these relationship types (default: every type).',
  })
  relationshipTypes?: string[] | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: NEIGHBORHOOD_LIMITS.limit.default,
    description: `At most this many nodes, the centre included, ${NEIGHBORHOOD_LIMITS.limit.min} to ${NEIGHBORHOOD_LIMITS.limit.max}; nearer nodes are kept first.`,
  })
  limit?: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A claim between two nodes of a graph view, pointing source → target.',
})
export class GraphEdge {
  @Field(() => ID, { description: 'Id of the claim, e.g. claim:ddd-contributes-to-lbp.' })
  id!: string;

  @Field(() => ID, { description: 'Id of the entity the claim is about (its subject).' })
  source!: string;

  @Field(() => ID, { description: 'Id of the entity the claim points to (its object).' })
  target!: string;

  @Field(() => RelationshipType, { description: 'The relationship type of the claim.' })
  type!: string;

  @Field(() => Evidence, { description: 'Sources, evidence level and knowledge level of the claim.' })
  evidence!: Evidence;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The entities around one entity, and the claims between them, ready to draw as a graph.',
})
export class Neighborhood {
  @Field(() => [Entity], {
    description: 'The centre first, then nodes by distance from it; never more than `limit`.',
  })
  nodes!: unknown[];

  @Field(() => [GraphEdge], { description: 'Every claim (of the types asked for) between two returned nodes.' })
  edges!: GraphEdge[];

  @Field(() => Boolean, { description: 'Whether nodes within `depth` were left out because of `limit`.' })
  truncated!: boolean;
}

export enum PathDirection {
  FOLLOW_FLOW = 'FOLLOW_FLOW',
  ANY = 'ANY',
}

registerEnumType(PathDirection, {
  name: 'PathDirection',
  description: 'Which way the steps of a path may follow their claims.',
  valuesConfig: {
    FOLLOW_FLOW: {
      description:
        'Every step follows its relationship the way a chain of reasoning does, from origin to effect: tissue to ' +
        'the cell types derived from it and the products prepared from it, product to the trials testing it, cell ' +
        'type to mechanism, mechanism to condition, trial to outcome. A path then reads as an explanation.',
    },
    ANY: {
      description:
        'A step may follow a claim either way (e.g. from a condition back to a mechanism that affects it): every ' +
        'connection, including those that explain nothing.',
    },
  },
});

@ArgsType()
export class PathsArgs {
  @Field(() => ID, { description: 'Id of the entity the paths start at.' })
  from!: string;

  @Field(() => ID, { description: 'Id of the entity the paths end at.' })
  to!: string;

  @Field(() => Int, {
    nullable: true,
    defaultValue: PATHS_LIMITS.maxLength.default,
    description: `Longest path, in claims, ${PATHS_LIMITS.maxLength.min} to ${PATHS_LIMITS.maxLength.max}.`,
  })
  maxLength?: number | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: PATHS_LIMITS.first.default,
    description: `At most this many paths, ${PATHS_LIMITS.first.min} to ${PATHS_LIMITS.first.max}.`,
  })
  first?: number | null;

  @Field(() => PathDirection, {
    nullable: true,
    defaultValue: PathDirection.FOLLOW_FLOW,
    description:
      'Which way steps may follow their claims: FOLLOW_FLOW (the default) only the way reasoning runs, so every ' +
      'path is an explanation; ANY either way.',
  })
  direction?: PathDirection | null;

  @Field(() => [EntityType], {
    nullable: true,
    description:
      'The types of the entities between `from` and `to`, in order: [CellType, Mechanism] keeps only paths ' +
      'from → a cell type → a mechanism → to, so exactly one claim longer than the list. [] keeps only direct ' +
      `claims. At most ${PATHS_LIMITS.via.max} types, and fewer than \`maxLength\`. Omitted: any types.`,
  })
  via?: string[] | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'One claim followed along a path, forwards or backwards, with how it reads in the explanation.',
})
export class PathStep {
  @Field(() => Entity, { description: 'Where this step starts (the previous step ends here).' })
  from!: unknown;

  @Field(() => Entity, { description: 'Where this step ends (the next step starts here).' })
  to!: unknown;

  @Field(() => RelationshipType, { description: 'The relationship type of the claim.' })
  type!: string;

  @Field(() => Boolean, {
    description: 'Whether the claim points from `from` to `to`; false when the step follows it backwards.',
  })
  forward!: boolean;

  @Field(() => Boolean, {
    description:
      'Whether the step goes the way its relationship flows (see PathDirection); always true with FOLLOW_FLOW.',
  })
  followsFlow!: boolean;

  @Field(() => String, {
    description: 'The relationship as a verb phrase in the direction walked, e.g. "gives rise to" or "derives from".',
  })
  verb!: string;

  @Field(() => String, {
    description: 'The step as a clause: "Adipose tissue gives rise to mesenchymal stem cell".',
  })
  phrase!: string;

  @Field(() => Float, {
    description:
      "How strong the claim's evidence is, 0 to 1, as the ranking uses it: the claim's score, or, for a claim " +
      `without one, its evidence level's strength (${LEVEL_STRENGTHS_TEXT}).`,
  })
  strength!: number;

  @Field(() => Evidence, { description: 'The claim followed: its sources, evidence level and knowledge level.' })
  evidence!: Evidence;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A chain of claims from one entity to another, with the evidence of each; no entity appears twice.',
})
export class Path {
  @Field(() => Int, { description: 'Number of steps (claims).' })
  length!: number;

  @Field(() => [Entity], { description: 'The entities along the path, from start to end.' })
  nodes!: unknown[];

  @Field(() => [PathStep], { description: 'The claims along the path, in order.' })
  steps!: PathStep[];

  @Field(() => String, {
    description:
      'The path as one sentence built from the verbs of its steps: "Adipose tissue gives rise to mesenchymal ' +
      'stem cell, which may act through reduction of inflammation, which may affect degenerative disc disease."',
  })
  explanation!: string;

  @Field(() => Float, {
    description:
      "The strength of the path's weakest step, 0 to 1: a chain is only as strong as its weakest claim. Paths " +
      'are ranked by it first.',
  })
  strength!: number;

  @Field(() => Float, {
    description:
      "The product of the steps' strengths, 0 to 1; it falls with every further step. Paths of equal `strength` " +
      'are ranked by it.',
  })
  strengthProduct!: number;
}
