import { Field, ObjectType } from 'type-graphql';
import { Entity, Node } from '../entity/entity.type';
import { ConditionCategory } from '../enums';

@ObjectType({
  implements: [Node, Entity],
  simpleResolvers: true,
  description: 'A disease or phenotype, such as degenerative disc disease or low back pain (MONDO, HP).',
})
export class Condition extends Entity {
  @Field(() => ConditionCategory, { description: 'Disease or phenotype.' })
  category!: string;
}
