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
}
