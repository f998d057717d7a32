// Output types of the dashboard: aggregates over a filtered set of trials, and the evidence
// summary card for a condition (optionally narrowed to one intervention). Every type is plain data
// the repository assembles in one query, so no field here needs a resolver of its own; entities
// inside are full entity rows, so their relationship fields and `sources` resolve as anywhere else.
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
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
import { STATEMENT_SCOPES, type StatementScope } from './dashboard.repository';

export const EvidenceSummaryScope = Object.fromEntries(STATEMENT_SCOPES.map((scope) => [scope, scope])) as {
  [K in StatementScope]: K;
};
registerEnumType(EvidenceSummaryScope, {
  name: 'EvidenceSummaryScope',
  description: 'For whom a claim on the evidence card is stated.',
  valuesConfig: {
    INTERVENTION: { description: 'The intervention asked about, itself.' },
    CONDITION: { description: 'The condition asked about, itself.' },
    TRIAL: { description: 'A matching trial, which reported it.' },
    SUBTYPE: { description: 'A subtype of the condition (SUBCLASS_OF, up to 3 levels below).' },
    INHERITED: {
      description:
        'A class the intervention or the condition belongs to, so the claim holds for it only through that ' +
        'class: an ancestor cell type or condition (SUBCLASS_OF, up to 3 levels above), or, for a product, a ' +
        'cell type it contains or an ancestor of one.',
    },
  },
});

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
  description:
    'How many of the filtered trials test a product prepared from one cell source, or cells derived from it.',
})
export class TrialCellSourceCount {
  @Field(() => CellSource, { description: 'The cell source.' })
  entity!: EntityParent;

  @Field(() => Int, {
    description:
      'Number of filtered trials testing at least one product PREPARED_FROM this cell source, or cells ' +
      '(TESTS_CELL_TYPE) of a type that DERIVES_FROM it.',
  })
  count!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'How many of the filtered trials test a product that contains one cell type, or cells of that type.',
})
export class TrialCellTypeCount {
  @Field(() => CellType, { description: 'The cell type.' })
  entity!: EntityParent;

  @Field(() => Int, {
    description:
      'Number of filtered trials testing at least one product with a CONTAINS_CELL_TYPE claim to exactly this ' +
      'cell type, or with a TESTS_CELL_TYPE claim to it. Subtypes are not rolled up into their parents here ' +
      '(unlike the cellTypeIds filter), so the counts of a parent and its subtype never count the same product ' +
      'twice.',
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
  description: 'The enrollment figures of one kind group, summed within the group only.',
})
export class EnrollmentSubtotal {
  @Field(() => Int, { description: 'Number of trials whose enrollment is of this group.' })
  trialCount!: number;

  @Field(() => Int, { nullable: true, description: 'Sum of their enrollments; null when trialCount is 0.' })
  total!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Enrollment split by what the figure counts (enrollmentKind): patients actually enrolled, or a planned ' +
    'target or ceiling. The groups are never added together; every trial is in exactly one of actual, ' +
    'planned, unstatedKind or trialsWithoutEnrollment.',
})
export class EnrollmentByKind {
  @Field(() => EnrollmentSubtotal, { description: 'Trials whose enrollmentKind is ACTUAL: patients enrolled.' })
  actual!: EnrollmentSubtotal;

  @Field(() => EnrollmentSubtotal, {
    description: 'Trials whose enrollmentKind is PLANNED or UP_TO: a target or a ceiling, not patients enrolled.',
  })
  planned!: EnrollmentSubtotal;

  @Field(() => EnrollmentSubtotal, {
    description: 'Trials that state an enrollment without saying whether it is actual or planned.',
  })
  unstatedKind!: EnrollmentSubtotal;

  @Field(() => Int, { description: 'Number of trials that report no enrollment at all.' })
  trialsWithoutEnrollment!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Enrollment of the filtered trials that state one. The statistics here take actual, planned and ' +
    'upper-bound ("up to") figures as given; byKind keeps them apart. Every number is null when no filtered ' +
    'trial states an enrollment.',
})
export class TrialEnrollmentSummary {
  @Field(() => Int, { description: 'Number of filtered trials that state an enrollment.' })
  trialsWithEnrollment!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Sum of the stated enrollments, actual and planned alike.',
    deprecationReason: 'Adds patients enrolled to planned targets; use byKind.actual.total and byKind.planned.total.',
  })
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

  @Field(() => EnrollmentByKind, {
    description: 'Actual and planned enrollment apart, and how many filtered trials report none.',
  })
  byKind!: EnrollmentByKind;
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
    description:
      'Filtered trials per cell source of the products (or cells) they test; a trial counts once per source.',
  })
  byCellSource!: TrialCellSourceCount[];

  @Field(() => [TrialCellTypeCount], {
    description:
      'Filtered trials per cell type the tested products contain, or tested without a product named; a trial ' +
      'counts once per type.',
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
  description:
    "One result of a matching trial, with the claim that the trial reported it: the claim's evidence level " +
    "(evidence.level), the trial's (trial.evidenceLevel) and the claim's sources (evidence.sources).",
})
export class EvidenceSummaryOutcome {
  @Field(() => Outcome, { description: 'The outcome.' })
  outcome!: EntityParent;

  @Field(() => Trial, { description: 'The matching trial that reported it.' })
  trial!: EntityParent;

  @Field(() => Evidence, { description: 'Evidence of the HAS_OUTCOME claim linking the trial to the outcome.' })
  evidence!: Evidence;

  @Field(() => Float, {
    nullable: true,
    description: "The HAS_OUTCOME claim's score, from 0 to 1, where the claim carries one; null otherwise.",
  })
  claimScore!: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "A trial's field where a curated value and an ingested source's value differ; both are kept.",
})
export class EvidenceSummaryValueDisagreement {
  @Field(() => Trial, { description: 'The trial.' })
  trial!: EntityParent;

  @Field(() => String, { description: 'The field, e.g. enrollment.' })
  field!: string;

  @Field(() => String, { description: 'The curated value, as JSON (e.g. 100).' })
  value!: string;

  @Field(() => [ID], { description: 'The sources the curators cite for the trial.' })
  sourceIds!: string[];

  @Field(() => String, { description: 'The value the ingested source states, as JSON (e.g. 104).' })
  statedValue!: string;

  @Field(() => ID, { description: 'The ingested source that states it, e.g. source:ctgov-nct01290367.' })
  statedBy!: string;

  @Field(() => String, { nullable: true, description: 'The ingestion that read it, e.g. ingest:ctgov.' })
  ingestedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'When the source was retrieved (ISO 8601).' })
  retrievedAt!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Outcomes of the matching trials on the same measure at the same time point whose values differ, side by ' +
    'side, so that neither figure is read alone.',
})
export class EvidenceSummaryDisagreement {
  @Field(() => OutcomeMeasure, { description: 'What the outcomes measured.' })
  measure!: string;

  @Field(() => Float, { description: 'The time point, in months, all the figures refer to.' })
  timepointMonths!: number;

  @Field(() => Int, { description: 'Number of different values among the figures (at least 2).' })
  valueCount!: number;

  @Field(() => Int, { description: 'Number of figures (outcome and reporting trial) in the group, all of them.' })
  figureCount!: number;

  @Field(() => [EvidenceSummaryOutcome], {
    description:
      "The figures, by the reporting trial's evidence level (strongest first), then value, outcome id and trial " +
      'id. At most 10; figureCount gives the full number. Units may differ: read outcome.unit.',
  })
  figures!: EvidenceSummaryOutcome[];
}

@ObjectType({
  simpleResolvers: true,
  description: 'A claim that brings a risk or a regulatory status onto the card, and for whom it is stated.',
})
export class EvidenceSummaryStatement {
  @Field(() => Evidence, { description: 'The claim: its type, evidence level and sources.' })
  evidence!: Evidence;

  @Field(() => Entity, {
    description:
      'The entity the claim is stated for: the intervention, a cell type or condition it is inherited from, a ' +
      'matching trial, the condition or one of its subtypes.',
  })
  statedFor!: EntityParent;

  @Field(() => EvidenceSummaryScope, {
    description: 'How statedFor relates to the card; INHERITED marks a claim inherited from the class statedFor.',
  })
  scope!: string;
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

  @Field(() => Boolean, {
    description:
      'True when every claim that brings the risk in is INHERITED: it is stated for a class of the ' +
      'intervention, not for the intervention or a matching trial.',
  })
  inherited!: boolean;

  @Field(() => [EvidenceSummaryStatement], {
    description:
      'The claims that bring the risk into the summary, each with the entity it is stated for: ' +
      'HAS_ADVERSE_EVENT of the intervention (INTERVENTION), of its cell types and their ancestors, up to 3 ' +
      'levels (INHERITED), REPORTED_ADVERSE_EVENT of matching trials (TRIAL). Strongest evidence level first, ' +
      'then by claim id. At most 5; evidenceCount gives the full number.',
  })
  statements!: EvidenceSummaryStatement[];

  @Field(() => [Evidence], {
    description: 'The claims of `statements`, in the same order, without saying for whom each is stated.',
    deprecationReason: 'Use statements, which say for whom each claim is stated and whether it is inherited.',
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

  @Field(() => Boolean, {
    description:
      'True when every claim that brings the status in is INHERITED: stated for a class of the intervention or ' +
      'an ancestor of the condition, not for them or a subtype.',
  })
  inherited!: boolean;

  @Field(() => [EvidenceSummaryStatement], {
    description:
      'The claims that bring the status into the summary, each with the entity it is stated for: ' +
      'HAS_REGULATORY_STATUS of the intervention (INTERVENTION), of its cell types and their ancestors ' +
      '(INHERITED); APPLIES_TO_CONDITION to the condition (CONDITION), its ancestors (INHERITED) or its ' +
      'subtypes (SUBTYPE). Strongest first, then by claim id. At most 5; evidenceCount gives the full number.',
  })
  statements!: EvidenceSummaryStatement[];

  @Field(() => [Evidence], {
    description: 'The claims of `statements`, in the same order, without saying for whom each is stated.',
    deprecationReason: 'Use statements, which say for whom each claim is stated and whether it is inherited.',
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

@ObjectType({ simpleResolvers: true, description: 'How many matching trials have one evidence level.' })
export class EvidenceLevelTrialCount {
  @Field(() => EvidenceLevel, { description: 'The evidence level.' })
  level!: string;

  @Field(() => Int, { description: "Number of matching trials whose evidenceLevel (from the trial's design) is this." })
  trialCount!: number;
}

@ObjectType({ simpleResolvers: true, description: 'How many claims of the card have one evidence level.' })
export class EvidenceLevelClaimCount {
  @Field(() => EvidenceLevel, { description: 'The evidence level.' })
  level!: string;

  @Field(() => Int, { description: 'Number of claims at this level.' })
  claimCount!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'What the graph knows about treating a condition (and its subtypes), optionally with one intervention: ' +
    'the matching trials, their best results and where they disagree, the risks, the regulatory standing and ' +
    'how strong the evidence is. A trial matches when it STUDIES the condition or one of its subtypes and, ' +
    'when an intervention is given, tests it exactly as the TrialFilter productIds and cellTypeIds read it ' +
    '(that product; for a cell type, a product containing it or a subtype, or cells of it or a subtype). ' +
    'Trials and claims are counted apart: a trial is one study, a claim one stated relationship.',
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

  @Field(() => [EvidenceLevelTrialCount], {
    description:
      'The matching trials by their own evidence level, one per trial: the counts add up to trialCount. Every level is listed, in EvidenceLevel order, with 0 where no trial has it.',
  })
  trialsByEvidenceLevel!: EvidenceLevelTrialCount[];

  @Field(() => Int, {
    description:
      'Number of claims behind the matching trials: their STUDIES claims to the condition or a subtype, and ' +
      'their HAS_OUTCOME claims. A trial has one or more of each, so this is not a number of trials.',
  })
  claimCount!: number;

  @Field(() => [EvidenceLevelClaimCount], {
    description:
      'The claims of claimCount by evidence level: the counts add up to claimCount. Every level is listed, in ' +
      'EvidenceLevel order, with 0 where no claim has it.',
  })
  claimsByEvidenceLevel!: EvidenceLevelClaimCount[];

  @Field(() => EnrollmentByKind, {
    description: 'Enrollment of the matching trials, actual and planned apart, and how many report none.',
  })
  enrollment!: EnrollmentByKind;

  @Field(() => [EvidenceSummaryOutcome], {
    description:
      "Up to 10 outcomes of the matching trials: IMPROVED ones first, then by the reporting trial's evidence " +
      'level (strongest first), then latest time point first (unknown last), then id.',
  })
  bestOutcomes!: EvidenceSummaryOutcome[];

  @Field(() => [EvidenceSummaryDisagreement], {
    description:
      'Where the matching trials disagree: outcomes with a value, on the same measure at the same time point, ' +
      'whose values differ, one group per measure and time point (by measure, then time point). At most 10; ' +
      'disagreementCount gives the full number.',
  })
  disagreements!: EvidenceSummaryDisagreement[];

  @Field(() => Int, { description: 'Number of disagreements (all of them, not only those listed).' })
  disagreementCount!: number;

  @Field(() => [EvidenceSummaryValueDisagreement], {
    description:
      'Where a public record (a registry entry, an article record, an ontology) states another value for a ' +
      "matching trial's field than the curators did: both values, each with its source. The curated value stays " +
      'in the graph. Trials in id order, at most 10 of them.',
  })
  valueDisagreements!: EvidenceSummaryValueDisagreement[];

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
      'Regulatory statuses HAS_REGULATORY_STATUS-linked to the intervention or to its cell types and their ' +
      'parent types (a CellType intervention: that type and its parents), or APPLIES_TO_CONDITION the ' +
      'condition, its subtypes or its ancestors; by name. At most 20 are listed; regulatoryStatusCount gives ' +
      'the full number.',
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
      'order, with 0 where no claim has it. These are claims, not trials.',
    deprecationReason: 'Counts claims, which read as trials; use claimsByEvidenceLevel or trialsByEvidenceLevel.',
  })
  evidenceLevels!: EvidenceLevelCount[];
}
