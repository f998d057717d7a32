import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Entity, Evidence } from '../entity/entity.type';
import { RelationshipType } from '../enums';

@ObjectType({
  simpleResolvers: true,
  description: 'A claim between the two entities of a pair, and its share of the pair score.',
})
export class PairClaim {
  @Field(() => ID, { description: 'The claim id.' })
  id!: string;

  @Field(() => RelationshipType, { description: 'What the claim states.' })
  type!: string;

  @Field(() => Boolean, {
    description: "true: stated from the pair's subject to its object; false: from the object to the subject.",
  })
  forward!: boolean;

  @Field(() => Evidence, { description: 'Its evidence, sources and score.' })
  evidence!: Evidence;

  @Field(() => Entity, {
    nullable: true,
    description: 'For a claim the subject inherits (src/graph/inheritance.ts), the class it is stated for.',
  })
  inheritedFrom!: unknown;

  @Field(() => Float, { description: 'Its weight in the pair score: 1/i² for the i-th strongest claim.' })
  weight!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'All the evidence between two entities, aggregated as Open Targets aggregates target–disease evidence, with every claim inspectable (docs/EVIDENCE.md).',
})
export class PairEvidence {
  @Field(() => Entity, { description: 'The first entity.' })
  subject!: unknown;

  @Field(() => Entity, { description: 'The second entity.' })
  object!: unknown;

  @Field(() => Float, {
    description:
      "The claims' scores combined as a harmonic sum (the i-th strongest counts 1/i²), divided by its largest possible value (π²/6): from 0 to 1; 0 when no claim joins them.",
  })
  score!: number;

  @Field(() => Int, { description: 'How many claims join them (direct and inherited).' })
  claimCount!: number;

  @Field(() => [PairClaim], { description: 'The claims, strongest first.' })
  claims!: PairClaim[];
}
