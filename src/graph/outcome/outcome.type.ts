import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Entity, Node } from '../entity/entity.type';
import { EstimateKind, OutcomeDirection, OutcomeMeasure, ResultPart, ValueQualifier } from '../enums';

@ObjectType({ simpleResolvers: true, description: 'A confidence or credible interval around an estimate.' })
export class ResultInterval {
  @Field(() => Float, { description: 'Lower bound.' })
  low!: number;

  @Field(() => Float, { description: 'Upper bound.' })
  high!: number;

  @Field(() => Float, { nullable: true, description: 'Its level, e.g. 0.95 for a 95% interval.' })
  level!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'An outcome as a structured result. A null part is one the source does not report, and `notReported` lists it: nothing is left blank silently.',
})
export class OutcomeResult {
  @Field(() => OutcomeMeasure, { description: 'What was measured.' })
  measure!: string;

  @Field(() => String, { nullable: true, description: 'Instrument, e.g. VAS or ODI.' })
  instrument!: string | null;

  @Field(() => String, { nullable: true, description: 'Scale and range as the source gives it, e.g. "VAS 0-100".' })
  scale!: string | null;

  @Field(() => EstimateKind, { nullable: true, description: 'What kind of number the estimate is.' })
  estimateKind!: string | null;

  @Field(() => Float, { nullable: true, description: 'The estimate (read with qualifier and unit).' })
  estimate!: number | null;

  @Field(() => ValueQualifier, { nullable: true, description: '"over 50%" is MORE_THAN 50.' })
  qualifier!: string | null;

  @Field(() => String, { nullable: true, description: 'Unit of the estimate.' })
  unit!: string | null;

  @Field(() => Float, { nullable: true, description: 'Value before treatment.' })
  baseline!: number | null;

  @Field(() => ResultInterval, { nullable: true, description: 'Interval around the estimate.' })
  interval!: ResultInterval | null;

  @Field(() => Float, { nullable: true, description: 'p value.' })
  pValue!: number | null;

  @Field(() => Int, { nullable: true, description: 'Patients the estimate is based on.' })
  n!: number | null;

  @Field(() => String, { nullable: true, description: 'What the treatment was compared with.' })
  comparator!: string | null;

  @Field(() => Float, { nullable: true, description: 'Time point, in months after treatment.' })
  timepointMonths!: number | null;

  @Field(() => [ResultPart], { description: 'Parts of the result the source does not report.' })
  notReported!: string[];

  @Field(() => Boolean, { description: 'Whether the source gives a number for the estimate.' })
  numeric!: boolean;
}

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

  @Field(() => String, { nullable: true, description: 'Scale and range as the source gives it, e.g. "VAS 0-100".' })
  scale!: string | null;

  @Field(() => EstimateKind, { nullable: true, description: 'What kind of number `value` is.' })
  estimateKind!: string | null;

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

  @Field(() => Float, { nullable: true, description: 'Lower bound of the interval, where reported.' })
  intervalLow!: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper bound of the interval, where reported.' })
  intervalHigh!: number | null;

  @Field(() => Float, { nullable: true, description: 'Level of the interval, e.g. 0.95.' })
  intervalLevel!: number | null;

  @Field(() => [ResultPart], { description: 'Parts of the result the source does not report.' })
  notReported!: string[];

  @Field(() => OutcomeResult, { description: 'The outcome as a structured result, with what is not reported.' })
  result!: OutcomeResult;
}
