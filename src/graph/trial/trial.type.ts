import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Entity, Node } from '../entity/entity.type';
import { EnrollmentKind, EvidenceLevel, StudyDesign, TrialPhase, TrialStatus } from '../enums';

@ObjectType({
  implements: [Node, Entity],
  simpleResolvers: true,
  description: 'A clinical trial or study. Its results are Outcome nodes (`outcomes`).',
})
export class Trial extends Entity {
  @Field(() => String, { nullable: true, description: 'Registry id, e.g. NCT01290367.' })
  registryId!: string | null;

  @Field(() => String, { nullable: true, description: "Sponsor's short name for the trial, e.g. MSB-DR001." })
  acronym!: string | null;

  @Field(() => TrialPhase, { nullable: true, description: 'Clinical phase; null when the sources do not state it.' })
  phase!: string | null;

  @Field(() => StudyDesign, { nullable: true, description: 'Study design; null when the sources do not state it.' })
  design!: string | null;

  @Field(() => EvidenceLevel, {
    description:
      'Level of evidence the study gives, no stronger than its design and its sources support (docs/EVIDENCE.md).',
  })
  evidenceLevel!: string;

  @Field(() => TrialStatus, { description: 'Recruitment status.' })
  status!: string;

  @Field(() => Int, { nullable: true, description: 'Number of patients (see enrollmentKind).' })
  enrollment!: number | null;

  @Field(() => EnrollmentKind, {
    nullable: true,
    description: 'Whether enrollment is actual, planned or an upper bound.',
  })
  enrollmentKind!: string | null;

  @Field(() => Int, { nullable: true, description: 'Year the trial started.' })
  startYear!: number | null;

  @Field(() => Int, { nullable: true, description: 'Year the trial ended or is expected to end.' })
  completionYear!: number | null;

  @Field(() => Float, { nullable: true, description: 'Longest follow-up, in months.' })
  followUpMonths!: number | null;

  @Field(() => String, { nullable: true, description: 'Sponsor.' })
  sponsor!: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of study sites.' })
  sites!: number | null;

  @Field(() => [String], { description: 'Countries with sites.' })
  countries!: string[];

  @Field(() => [String], { description: 'Arms or groups, as the sources describe them.' })
  arms!: string[];
}
