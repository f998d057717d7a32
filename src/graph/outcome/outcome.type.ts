import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Entity, Node } from '../entity/entity.type';
import { OutcomeDirection, OutcomeMeasure, ValueQualifier } from '../enums';

@ObjectType({
  implements: [Node, Entity],
  simpleResolvers: true,
  description: 'A result a trial reported: a measure, its value and unit, the comparison, time point and population.',
})
export class Outcome extends Entity {
  @Field(() => OutcomeMeasure, { description: 'What was measured.' })
  measure!: string;

  @Field(() => String, { nullable: true, description: 'Instrument, e.g. VAS or ODI.' })
  instrument!: string | null;

  @Field(() => Float, { nullable: true, description: 'Reported figure (see valueQualifier and unit).' })
  value!: number | null;

  @Field(() => ValueQualifier, {
    nullable: true,
    description: 'How the figure relates to the value ("over 50%" is MORE_THAN 50).',
  })
  valueQualifier!: string | null;

  @Field(() => String, { nullable: true, description: 'Unit of value, e.g. % or points.' })
  unit!: string | null;

  @Field(() => Float, { nullable: true, description: 'Baseline figure, where reported.' })
  baselineValue!: number | null;

  @Field(() => OutcomeDirection, {
    description: 'Whether the measure improved, worsened, did not differ, or an event was not observed.',
  })
  direction!: string;

  @Field(() => String, { nullable: true, description: 'What it was compared with.' })
  comparison!: string | null;

  @Field(() => Float, { nullable: true, description: 'Time point, in months after treatment.' })
  timepointMonths!: number | null;

  @Field(() => String, { nullable: true, description: 'Population the figure describes.' })
  population!: string | null;

  @Field(() => Int, { nullable: true, description: 'Patients the figure is based on.' })
  sampleSize!: number | null;

  @Field(() => Float, { nullable: true, description: 'p-value, where reported.' })
  pValue!: number | null;
}
