import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Entity, Node } from '../entity/entity.type';
import { Allocation, EnrollmentKind, EvidenceLevel, Masking, StudyDesign, TrialPhase, TrialStatus } from '../enums';

@ObjectType({ simpleResolvers: true, description: 'An outcome measure a trial registered, with its time frame.' })
export class RegisteredOutcome {
  @Field(() => String, { description: 'PRIMARY, SECONDARY or OTHER, as the registry lists it.' })
  kind!: string;

  @Field(() => String, { description: "The measure, in the registry's words." })
  measure!: string;

  @Field(() => String, { nullable: true, description: "When it is measured, in the registry's words." })
  timeFrame!: string | null;

  @Field(() => String, { nullable: true, description: "How it is measured, in the registry's words." })
  description!: string | null;
}

@ObjectType({
  implements: [Node, Entity],
  simpleResolvers: true,
  description: 'A clinical trial or study. Its results are Outcome nodes (`outcomes`).',
})
export class Trial extends Entity {
  @Field(() => String, { nullable: true, description: 'Registry id, e.g. NCT01290367.' })
  registryId!: string | null;

  @Field(() => String, { nullable: true, description: 'Full scientific title, as registered.' })
  officialTitle!: string | null;

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

  @Field(() => Allocation, { nullable: true, description: 'How patients were assigned to arms; null when unstated.' })
  allocation!: string | null;

  @Field(() => Masking, { nullable: true, description: 'Who was blinded; null when unstated.' })
  masking!: string | null;

  @Field(() => Int, { nullable: true, description: 'Year the trial started.' })
  startYear!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'When the trial started, as precisely as the source gives it (2015, 2015-03 or 2015-03-17).',
  })
  startDate!: string | null;

  @Field(() => Int, { nullable: true, description: 'Year the trial ended or is expected to end.' })
  completionYear!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'When the trial ended or is expected to end, as precisely as the source gives it.',
  })
  completionDate!: string | null;

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

  @Field(() => [String], { description: 'Conditions as the registry names them (mapped ones are `conditions`).' })
  registryConditions!: string[];

  @Field(() => [String], {
    description:
      'MeSH terms of its conditions, as the registry gives them: "D055959 Intervertebral Disc Degeneration".',
  })
  meshTerms!: string[];

  @Field(() => [String], {
    description:
      'Interventions as the registry lists them, "TYPE: name" (mapped ones are `interventions` and `cellTypes`).',
  })
  registryInterventions!: string[];

  @Field(() => [RegisteredOutcome], { description: 'Primary and secondary outcome measures the trial registered.' })
  registeredOutcomes!: RegisteredOutcome[];
}
