// Output types of the dashboard: aggregates over a filtered set of trials, and the evidence
// summary card for a condition (optionally narrowed to one intervention). Every type is plain data
// the repository assembles in one query, so no field here needs a resolver of its own; entities
// inside are full entity rows, so their relationship fields and `sources` resolve as anywhere else.
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { CellSource } from '../cell-source/cell-source.type';
import { CellType } from '../cell-type/cell-type.type';
import { Condition } from '../condition/condition.type';
import type { EntityParent } from '../entity/entity.repository';
import { Entity, Evidence } from '../entity/entity.type';
import { EvidenceLevel, OutcomeMeasure } from '../enums';
import { Outcome } from '../outcome/outcome.type';
import { RegulatoryStatus } from '../regulatory-status/regulatory-status.type';
import { Risk } from '../risk/risk.type';
import { Trial } from '../trial/trial.type';

@ObjectType({
  simpleResolvers: true,
  description: 'How many of the filtered trials have one value of a property (phase, status, design, ...).',
})
export class TrialValueCount {
  @Field(() => String, { description: 'The value, as the name of its enum value, e.g. PHASE_2.' })
  value!: string;

  @Field(() => Int, { description: 'Number of filtered trials with this value.' })
  count!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'How many of the filtered trials test a product prepared from one cell source.',
})
export class TrialCellSourceCount {
  @Field(() => CellSource, { description: 'The cell source.' })
  entity!: EntityParent;

  @Field(() => Int, {
    description: 'Number of filtered trials testing at least one product PREPARED_FROM this cell source.',
  })
  count!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'How many of the filtered trials test a product that contains one cell type.',
})
export class TrialCellTypeCount {
  @Field(() => CellType, { description: 'The cell type.' })
  entity!: EntityParent;

  @Field(() => Int, {
    description:
      'Number of filtered trials testing at least one product with a CONTAINS_CELL_TYPE claim to exactly this ' +
      'cell type. Subtypes are not rolled up into their parents here (unlike the cellTypeIds filter), so the ' +
      'counts of a parent and its subtype never count the same product twice.',
  })
  count!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'How many of the filtered trials study one condition.',
})
export class TrialConditionCount {
  @Field(() => Condition, { description: 'The condition.' })
  entity!: EntityParent;

  @Field(() => Int, {
    description:
      'Number of filtered trials with a STUDIES claim to exactly this condition (subtypes are counted under ' +
      'their own entry, not rolled up).',
  })
  count!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Enrollment of the filtered trials that state one. Actual, planned and upper-bound ("up to") figures are ' +
    'all counted as given; every number is null when no filtered trial states an enrollment.',
})
export class TrialEnrollmentSummary {
  @Field(() => Int, { description: 'Number of filtered trials that state an enrollment.' })
  trialsWithEnrollment!: number;

  @Field(() => Int, { nullable: true, description: 'Sum of the stated enrollments.' })
  total!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Median enrollment, by Cypher percentileCont(enrollment, 0.5): with an even number of trials it is the ' +
      'mean of the two middle values, so it may be fractional.',
  })
  median!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean enrollment.' })
  mean!: number | null;

  @Field(() => Int, { nullable: true, description: 'Smallest stated enrollment.' })
  min!: number | null;

  @Field(() => Int, { nullable: true, description: 'Largest stated enrollment.' })
  max!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The outcomes the filtered trials reported for one measure.',
})
export class TrialOutcomeMeasureSummary {
  @Field(() => OutcomeMeasure, { description: 'What the outcomes measured.' })
  measure!: string;

  @Field(() => Int, { description: 'Number of distinct outcomes with this measure reported by the filtered trials.' })
  outcomeCount!: number;

  @Field(() => Int, { description: 'Number of filtered trials reporting at least one outcome with this measure.' })
  trialCount!: number;

  @Field(() => Int, { description: 'How many of those outcomes have direction IMPROVED.' })
  improvedCount!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Aggregates over the trials a TrialFilter keeps. The filter compiles exactly as for the `trials` ' +
    "connection, so trialCount always equals that connection's totalCount. Lists of counts are sorted by " +
    'count (largest first), ties by value or name, and leave out values no filtered trial has.',
})
export class TrialAggregates {
  @Field(() => Int, { description: 'Number of trials the filter keeps.' })
  trialCount!: number;

  @Field(() => [TrialValueCount], { description: 'Filtered trials per phase (TrialPhase values).' })
  byPhase!: TrialValueCount[];

  @Field(() => [TrialValueCount], { description: 'Filtered trials per recruitment status (TrialStatus values).' })
  byStatus!: TrialValueCount[];

  @Field(() => [TrialValueCount], { description: 'Filtered trials per study design (StudyDesign values).' })
  byDesign!: TrialValueCount[];

  @Field(() => [TrialValueCount], {
    description: 'Filtered trials per evidence level their design yields (EvidenceLevel values).',
  })
  byEvidenceLevel!: TrialValueCount[];

  @Field(() => [TrialCellSourceCount], {
    description: 'Filtered trials per cell source of the products they test; a trial counts once per source.',
  })
  byCellSource!: TrialCellSourceCount[];

  @Field(() => [TrialCellTypeCount], {
    description: 'Filtered trials per cell type the tested products contain; a trial counts once per type.',
  })
  byCellType!: TrialCellTypeCount[];

  @Field(() => [TrialConditionCount], {
    description: 'Filtered trials per condition they study; a trial counts once under each condition.',
  })
  byCondition!: TrialConditionCount[];

  @Field(() => TrialEnrollmentSummary, { description: 'Total, median, mean and range of enrollment.' })
  enrollment!: TrialEnrollmentSummary;

  @Field(() => [TrialOutcomeMeasureSummary], {
    description: 'Outcomes of the filtered trials grouped by measure, most outcomes first.',
  })
  outcomesByMeasure!: TrialOutcomeMeasureSummary[];
}

@ObjectType({
  simpleResolvers: true,
  description: 'One result of a matching trial, with the claim that the trial reported it.',
})
export class EvidenceSummaryOutcome {
  @Field(() => Outcome, { description: 'The outcome.' })
  outcome!: EntityParent;

  @Field(() => Trial, { description: 'The matching trial that reported it.' })
  trial!: EntityParent;

  @Field(() => Evidence, { description: 'Evidence of the HAS_OUTCOME claim linking the trial to the outcome.' })
  evidence!: Evidence;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A risk that bears on the intervention or was reported by a matching trial, with its strongest claims.',
})
export class EvidenceSummaryRisk {
  @Field(() => Risk, { description: 'The risk.' })
  risk!: EntityParent;

  @Field(() => Int, { description: 'Number of claims that bring the risk into the summary (all of them).' })
  evidenceCount!: number;

  @Field(() => [Evidence], {
    description:
      'The claims that bring the risk into the summary (HAS_ADVERSE_EVENT of the intervention or its cell ' +
      'types, REPORTED_ADVERSE_EVENT of matching trials), strongest evidence level first, then by claim id. ' +
      'At most 5; evidenceCount gives the full number.',
  })
  evidence!: Evidence[];
}

@ObjectType({
  simpleResolvers: true,
  description: 'A regulatory standing that bears on the intervention or the condition, with its strongest claims.',
})
export class EvidenceSummaryRegulatoryStatus {
  @Field(() => RegulatoryStatus, { description: 'The regulatory status.' })
  status!: EntityParent;

  @Field(() => Int, { description: 'Number of claims that bring the status into the summary (all of them).' })
  evidenceCount!: number;

  @Field(() => [Evidence], {
    description:
      'The claims that bring the status into the summary (HAS_REGULATORY_STATUS of the intervention or its ' +
      'cell types, APPLIES_TO_CONDITION to the condition, its subtypes or its ancestors), strongest first, ' +
      'then by claim id. At most 5; evidenceCount gives the full number.',
  })
  evidence!: Evidence[];
}

@ObjectType({ simpleResolvers: true, description: 'How many claims have one evidence level.' })
export class EvidenceLevelCount {
  @Field(() => EvidenceLevel, { description: 'The evidence level.' })
  level!: string;

  @Field(() => Int, { description: 'Number of claims at this level.' })
  count!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'What the graph knows about treating a condition (and its subtypes), optionally with one intervention: ' +
    'the matching trials, their best results, the risks, the regulatory standing and how strong the ' +
    'evidence is. A trial matches when it STUDIES the condition or one of its subtypes and, when an ' +
    'intervention is given, TESTS that product (or a product containing that cell type or one of its subtypes).',
})
export class EvidenceSummary {
  @Field(() => Condition, { description: 'The condition asked about.' })
  condition!: EntityParent;

  @Field(() => Entity, {
    nullable: true,
    description: 'The intervention asked about: a Product or a CellType; null when none was given.',
  })
  intervention!: EntityParent | null;

  @Field(() => Int, { description: 'Number of matching trials (all of them, not only those listed in `trials`).' })
  trialCount!: number;

  @Field(() => [Trial], {
    description:
      'The matching trials, strongest evidence level first (the order of the EvidenceLevel enum), then largest ' +
      'enrollment (unknown last), then id. At most 20 are listed; trialCount gives the full number.',
  })
  trials!: EntityParent[];

  @Field(() => [EvidenceSummaryOutcome], {
    description:
      "Up to 10 outcomes of the matching trials: IMPROVED ones first, then by the reporting trial's evidence " +
      'level (strongest first), then latest time point first (unknown last), then id.',
  })
  bestOutcomes!: EvidenceSummaryOutcome[];

  @Field(() => [EvidenceSummaryRisk], {
    description:
      'Risks HAS_ADVERSE_EVENT-linked to the intervention or to its cell types and their parent types, or ' +
      'REPORTED_ADVERSE_EVENT by a matching trial; most severe first, then by name. At most 20 are listed; ' +
      'riskCount gives the full number.',
  })
  risks!: EvidenceSummaryRisk[];

  @Field(() => Int, { description: 'Number of risks (all of them, not only those listed in `risks`).' })
  riskCount!: number;

  @Field(() => [EvidenceSummaryRegulatoryStatus], {
    description:
      'Regulatory statuses HAS_REGULATORY_STATUS-linked to the intervention or to the cell types it contains ' +
      '(a CellType intervention: that type), or APPLIES_TO_CONDITION the condition, its subtypes or its ' +
      'ancestors; by name. At most 20 are listed; regulatoryStatusCount gives the full number.',
  })
  regulatoryStatuses!: EvidenceSummaryRegulatoryStatus[];

  @Field(() => Int, {
    description: 'Number of regulatory statuses (all of them, not only those listed in `regulatoryStatuses`).',
  })
  regulatoryStatusCount!: number;

  @Field(() => [EvidenceLevelCount], {
    description:
      'Spread of evidence levels over the claims linking the matching trials to the condition (STUDIES the ' +
      'condition or a subtype) and to their outcomes (HAS_OUTCOME). Every level is listed, in EvidenceLevel ' +
      'order, with 0 where no claim has it.',
  })
  evidenceLevels!: EvidenceLevelCount[];
}
