import { Field, ID, ObjectType } from 'type-graphql';
import { Entity, Evidence } from '../entity/entity.type';
import { RelationshipType } from '../enums';

@ObjectType({
  simpleResolvers: true,
  description: 'A claim: one relationship of the graph, with the entities it joins and its evidence.',
})
export class Claim {
  @Field(() => ID, { description: 'Stable id of the claim.' })
  id!: string;

  @Field(() => RelationshipType, { description: 'What the claim states.' })
  type!: string;

  @Field(() => Entity, { description: 'The entity the relationship starts from.' })
  subject!: unknown;

  @Field(() => Entity, { description: 'The entity the relationship points to.' })
  object!: unknown;

  @Field(() => Evidence, { description: 'Sources, evidence level and knowledge level of the claim.' })
  evidence!: Evidence;
}
