import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'How many nodes carry a label.' })
export class LabelCount {
  @Field(() => String, { description: 'The node label, e.g. Trial.' })
  label!: string;

  @Field(() => Int, { description: 'Number of nodes with the label.' })
  count!: number;
}

@ObjectType({ description: 'How many relationships have a type.' })
export class RelationshipTypeCount {
  @Field(() => String, { description: 'The relationship type, e.g. STUDIES.' })
  type!: string;

  @Field(() => Int, { description: 'Number of relationships of the type.' })
  count!: number;
}

@ObjectType({ description: 'Size of the graph: node counts per label and relationship counts per type.' })
export class GraphStats {
  @Field(() => [LabelCount], { description: 'One entry per entity label, including labels with no nodes.' })
  nodes!: LabelCount[];

  @Field(() => [RelationshipTypeCount], { description: 'One entry per relationship type, including unused types.' })
  relationships!: RelationshipTypeCount[];

  @Field(() => Int, { description: 'All entity nodes.' })
  totalNodes!: number;

  @Field(() => Int, { description: 'All relationships (claims).' })
  totalRelationships!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'The latest data release (`npm run release`), e.g. 2026.1; null before the first. Responses carry it in the X-Data-Version header. How to cite a release: docs/DATA.md.',
  })
  dataVersion!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'When the latest release was made (ISO 8601, database clock); null before the first.',
  })
  releasedAt!: string | null;

  @Field(() => Boolean, {
    description:
      'Whether the graph was written through the API (a mutation or importGraph: anything in the audit trail) after the latest release, so that it may differ from that release. False when there is no release (dataVersion is null). Loads from the command line (npm run seed, npm run ingest) keep no audit trail and do not count.',
  })
  changedSinceRelease!: boolean;
}
