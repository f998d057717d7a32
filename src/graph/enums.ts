// GraphQL enums generated from the closed vocabulary in model.ts and the relationship types of
// relationships.ts, each value described.
import { registerEnumType } from 'type-graphql';
import * as M from './model';
import { RELATIONSHIPS } from './relationships';

/** Every relationship type, in the order of first appearance in RELATIONSHIPS. */
export const RELATIONSHIP_TYPES: readonly string[] = [...new Set(RELATIONSHIPS.map((r) => r.type))];

type EnumOf<T extends readonly string[]> = { [K in T[number]]: K };
function enumOf<const T extends readonly string[]>(values: T): EnumOf<T> {
  return Object.fromEntries(values.map((v) => [v, v])) as EnumOf<T>;
}
const humanise = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replaceAll('_', ' ') + '.';

function register<const T extends readonly string[]>(
  values: T,
  name: string,
  description: string,
  valueDescriptions: Partial<Record<T[number], string>> = {},
): EnumOf<T> {
  const e = enumOf(values);
  registerEnumType(e, {
    name,
    description,
    valuesConfig: Object.fromEntries(
      values.map((v) => [v, { description: (valueDescriptions as Record<string, string>)[v] ?? humanise(v) }]),
    ) as never,
  });
  return e;
}

export const EvidenceLevel = register(M.EVIDENCE_LEVELS, 'EvidenceLevel', 'How strong the study behind a claim is.', {
  SYSTEMATIC_REVIEW: 'A systematic review or meta-analysis of studies.',
  RANDOMISED_CONTROLLED_TRIAL: 'A randomised controlled trial.',
  NON_RANDOMISED_TRIAL: 'A controlled or single-arm trial without randomisation.',
  OBSERVATIONAL_STUDY: 'A cohort, registry or other observational study.',
  CASE_REPORT: 'Case reports or case series.',
  EXPERT_OR_NARRATIVE: 'An expert opinion, narrative review or general article.',
  PRECLINICAL: 'Laboratory or animal studies.',
  CURATED_DATABASE: 'A curated database: a trial registry record or an ontology.',
});
export const KnowledgeLevel = register(
  M.KNOWLEDGE_LEVELS,
  'KnowledgeLevel',
  'Biolink knowledge level: what kind of statement a claim is.',
  {
    KNOWLEDGE_ASSERTION: 'A statement of fact asserted by the source.',
    STATISTICAL_ASSOCIATION: 'A statistical association measured in a study.',
    OBSERVATION: 'Something observed, without a statistical test.',
    PREDICTION: 'A hypothesis or a possible effect ("may").',
    LOGICAL_ENTAILMENT:
      "Inferred by a curator from what the sources state, not stated by them; the claim's note says how.",
    NOT_PROVIDED: 'The source does not say.',
  },
);
export const AgentType = register(M.AGENT_TYPES, 'AgentType', 'Biolink agent type: who or what made the claim.');
export const CellOrigin = register(M.CELL_ORIGINS, 'CellOrigin', "Whose cells: the patient's own or a donor's.", {
  AUTOLOGOUS: "From the patient's own body.",
  ALLOGENEIC: 'From a donor.',
});
export const ConditionCategory = register(
  M.CONDITION_CATEGORIES,
  'ConditionCategory',
  'Whether a condition is a disease or a phenotype (sign or symptom).',
);
export const ProductKind = register(M.PRODUCT_KINDS, 'ProductKind', 'What kind of cell product.', {
  PREPARATION: 'A preparation made at the point of care, such as a concentrate.',
  INVESTIGATIONAL_PRODUCT: 'A manufactured product under clinical investigation.',
});
export const Manipulation = register(M.MANIPULATIONS, 'Manipulation', 'How much the cells are processed.');
export const TrialPhase = register(M.TRIAL_PHASES, 'TrialPhase', 'Clinical trial phase.');
export const StudyDesign = register(
  M.STUDY_DESIGNS,
  'StudyDesign',
  'Design of a trial or study, as its sources state it.',
  {
    REVIEW: 'A review of studies whose method (systematic or narrative) the sources do not state.',
  },
);
export const TrialStatus = register(M.TRIAL_STATUSES, 'TrialStatus', 'Recruitment status of a trial.', {
  ONGOING: 'Under way, without saying whether it is still recruiting.',
  SUSPENDED: 'Halted for now; it may resume.',
  WITHDRAWN: 'Stopped before its first patient was enrolled.',
  UNKNOWN: 'The sources do not say.',
});
export const EnrollmentKind = register(
  M.ENROLLMENT_KINDS,
  'EnrollmentKind',
  'Whether enrollment is counted or planned.',
  {
    ACTUAL: 'Patients actually enrolled.',
    PLANNED: 'Patients the trial plans to enrol.',
    UP_TO: 'An upper bound the source gives ("up to").',
  },
);
export const OutcomeMeasure = register(M.OUTCOME_MEASURES, 'OutcomeMeasure', 'What an outcome measures.');
export const ValueQualifier = register(
  M.VALUE_QUALIFIERS,
  'ValueQualifier',
  'How a reported figure relates to its value ("over 50%" is MORE_THAN 50).',
);
export const OutcomeDirection = register(M.OUTCOME_DIRECTIONS, 'OutcomeDirection', 'What happened to the measure.', {
  IMPROVED: 'Got better.',
  WORSENED: 'Got worse.',
  NO_DIFFERENCE: 'No difference from the comparison.',
  NOT_OBSERVED: 'The event was not observed (safety outcomes).',
  NOT_STATED: 'The source gives the figure without saying whether it is better or worse (a registry result).',
});
export const Allocation = register(M.ALLOCATIONS, 'Allocation', 'How a trial assigned patients to its arms.', {
  NOT_APPLICABLE: 'One arm, or the registry says allocation does not apply.',
});
export const Masking = register(M.MASKINGS, 'Masking', 'Who was blinded to the assignment (the number of parties).');
export const OrganizationClass = register(
  M.ORGANIZATION_CLASSES,
  'OrganizationClass',
  "What kind of organisation it is, in ClinicalTrials.gov's classes.",
  {
    INDUSTRY: 'A company.',
    NIH: 'The US National Institutes of Health.',
    FED: 'A US federal agency other than the NIH.',
    OTHER_GOV: 'Another government body.',
    INDIV: 'An individual.',
    NETWORK: 'A research network.',
    AMBIG: 'The registry could not tell.',
    OTHER: 'Anything else, such as a university or hospital.',
    UNKNOWN: 'The registry does not say.',
  },
);
export const ArticleType = register(
  M.ARTICLE_TYPES,
  'ArticleType',
  'What a journal article reports, from its publication types.',
  {
    TRIAL_REPORT: 'A report of a clinical trial.',
    OTHER: 'None of the above, such as a comment or an editorial.',
  },
);
export const RiskSeverity = register(
  M.RISK_SEVERITIES,
  'RiskSeverity',
  'How serious a risk is, as the sources state it.',
);
export const RiskFrequency = register(
  M.RISK_FREQUENCIES,
  'RiskFrequency',
  'How often a risk occurs, as the sources state it.',
  {
    LOW: 'Described as generally low, without a rate.',
    CASE_REPORTS: 'Known only from case reports.',
    UNKNOWN: 'The sources give no frequency.',
  },
);
export const RegulatoryStatusKind = register(
  M.REGULATORY_STATUS_KINDS,
  'RegulatoryStatusKind',
  'The standing a regulator gives.',
);
export const SourceKind = register(
  M.SOURCE_KINDS,
  'SourceKind',
  'What kind of document a source is: its provenance tier (docs/EVIDENCE.md).',
  {
    SYSTEMATIC_REVIEW: 'A systematic review or meta-analysis, peer reviewed.',
    PEER_REVIEWED_ARTICLE: 'A peer-reviewed journal article reporting a study.',
    TRIAL_REGISTRY_RECORD: 'A record in a trial registry such as ClinicalTrials.gov.',
    REGULATORY_DOCUMENT: "A regulator's decision, designation or guidance.",
    ONTOLOGY: 'A curated ontology or terminology.',
    CONSUMER_HEALTH_ARTICLE: 'A consumer-health or news article, not peer reviewed.',
  },
);
export const AttributionPart = register(
  M.ATTRIBUTION_PARTS,
  'AttributionPart',
  'A part of the attribution of a source (who, when, where, which version).',
  {
    AUTHORS: 'Who wrote it.',
    YEAR: 'When it was published.',
    PUBLISHER: 'Who published it (a web site, a registry, a regulator).',
    JOURNAL: 'The journal it appeared in.',
    IDENTIFIER: 'A persistent identifier: DOI, PMID, PMCID or NCT number.',
    URL: 'Where it can be read.',
    ACCESSED: 'When a web page was read.',
    RECORD_VERSION: 'The version of a registry or database record (its last update).',
  },
);
export const Jurisdiction = register(M.JURISDICTIONS, 'Jurisdiction', 'Where a regulatory status applies.', {
  US: 'United States.',
  EU: 'European Union.',
  UK: 'United Kingdom.',
  AU: 'Australia.',
  CA: 'Canada.',
  JP: 'Japan.',
  KR: 'South Korea.',
});
export const Authority = register(M.AUTHORITIES, 'Authority', 'The regulator that gives a status.', {
  FDA: 'US Food and Drug Administration.',
  EMA: 'European Medicines Agency.',
  MHRA: 'Medicines and Healthcare products Regulatory Agency (UK).',
  TGA: 'Therapeutic Goods Administration (Australia).',
  HEALTH_CANADA: 'Health Canada.',
  PMDA: 'Pharmaceuticals and Medical Devices Agency (Japan).',
  MFDS: 'Ministry of Food and Drug Safety (South Korea).',
});
export const EstimateKind = register(M.ESTIMATE_KINDS, 'EstimateKind', 'What kind of number an outcome estimate is.', {
  MEAN_SCORE: 'A mean score at the time point (compare with the baseline).',
  MEAN_CHANGE: 'A mean change from baseline, in the units of the scale.',
  PERCENT_CHANGE: 'A change from baseline in percent.',
  RESPONDER_RATE: 'The percentage of patients who met a response definition.',
  PROPORTION: 'The percentage of patients with the event or result.',
  COUNT: 'A number of patients.',
  NONE: 'The source reports a direction of effect without a number.',
});
export const ResultPart = register(
  M.RESULT_PARTS,
  'ResultPart',
  'A part of an outcome result that a source may or may not report.',
  {
    ESTIMATE: 'The estimate itself.',
    INTERVAL: 'A confidence interval around the estimate.',
    P_VALUE: 'A p value.',
    SAMPLE_SIZE: 'How many patients the estimate is from.',
    COMPARATOR: 'What the treatment was compared with.',
    TIMEPOINT: 'When it was measured.',
    BASELINE: 'The value before treatment.',
    SCALE: 'The scale or instrument and its range.',
  },
);
export const RelationshipType = register(
  RELATIONSHIP_TYPES,
  'RelationshipType',
  'The type of a relationship (claim) in the graph.',
);
