// The GraphQL type of the Device kind that extension.test.ts adds to the graph.
import { Field, Int, ObjectType } from 'type-graphql';
import { Entity, Node } from '../../../src/graph/entity/entity.type';

@ObjectType({
  implements: [Node, Entity],
  simpleResolvers: true,
  description: 'A device that delivers cells, such as an injection needle system.',
})
export class Device extends Entity {
  @Field(() => String, { description: 'Who makes the device.' })
  manufacturer!: string;

  @Field(() => Int, { nullable: true, description: 'Year of first clearance.' })
  clearedYear!: number | null;
}
