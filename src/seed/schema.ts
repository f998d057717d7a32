// The shape of a seed record, one zod schema per kind. A seed file is
//   kind: <Label | Claim>
//   records: [ ... ]
// and every record is checked here before anything is written. Cross-record rules (duplicate
// ids, dangling references, claim endpoints) live in validate.ts.
import { z } from 'zod';
import {
  AGENT_TYPES,
  CELL_ORIGINS,
  CLAIM_ID_PATTERN,
  CONDITION_CATEGORIES,
  CURIE_PATTERN,
  DOI_PATTERN,
  ENROLLMENT_KINDS,
  EVIDENCE_LEVELS,
  ID_PREFIX,
  KNOWLEDGE_LEVELS,
  LOCAL_ID_PATTERN,
  type Label,
  MANIPULATIONS,
  NCT_PATTERN,
  OUTCOME_DIRECTIONS,
  OUTCOME_MEASURES,
  PRODUCT_KINDS,
  REGULATORY_STATUS_KINDS,
  RELATIONSHIP_TYPES,
  RISK_FREQUENCIES,
  RISK_SEVERITIES,
  SOURCE_KINDS,
  STUDY_DESIGNS,
  TRIAL_PHASES,
  TRIAL_STATUSES,
  VALUE_QUALIFIERS,
} from '../graph/model';

const idOf = (label: Label) =>
  z
    .string()
    .regex(
      new RegExp(`^${ID_PREFIX[label]}:${LOCAL_ID_PATTERN}$`),
      `must look like ${ID_PREFIX[label]}:lower-case-words`,
    );
const entityRef = z
  .string()
  .regex(
    new RegExp(`^(${Object.values(ID_PREFIX).join('|')}):${LOCAL_ID_PATTERN}$`),
    'must be the id of an entity, such as condition:low-back-pain',
  );
const sourceRef = idOf('Source');
const curie = z.string().regex(CURIE_PATTERN, 'must be a CURIE such as MONDO:0011385');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const year = z.number().int('must be a whole year').min(1900).max(2100);
const count = z.number().int('must be a whole number').min(0);
const measure = z.number().finite('must be a finite number');

const common = {
  name: text(300),
  description: text(4000).optional(),
  synonyms: z.array(text(200)).optional(),
  curie: curie.optional(),
  xrefs: z.array(curie).optional(),
};
/** Everything but a Source must say which sources describe it. */
const described = { ...common, sources: z.array(sourceRef).min(1, 'needs at least one source') };

export const RECORD_SCHEMAS = {
  CellSource: z.strictObject({
    id: idOf('CellSource'),
    ...described,
    origins: z.array(z.enum(CELL_ORIGINS)).min(1),
    collectionMethod: text(1000).optional(),
  }),
  CellType: z.strictObject({ id: idOf('CellType'), ...described }),
  Product: z.strictObject({
    id: idOf('Product'),
    ...described,
    kind: z.enum(PRODUCT_KINDS),
    developer: text(200).optional(),
    origin: z.enum(CELL_ORIGINS).optional(),
    manipulation: z.enum(MANIPULATIONS).optional(),
    route: text(200).optional(),
  }),
  Mechanism: z.strictObject({ id: idOf('Mechanism'), ...described }),
  Condition: z.strictObject({
    id: idOf('Condition'),
    ...described,
    category: z.enum(CONDITION_CATEGORIES),
  }),
  Trial: z.strictObject({
    id: idOf('Trial'),
    ...described,
    registryId: z.string().regex(NCT_PATTERN, 'must be an NCT number such as NCT01290367').optional(),
    acronym: text(100).optional(),
    phase: z.enum(TRIAL_PHASES),
    design: z.enum(STUDY_DESIGNS),
    evidenceLevel: z.enum(EVIDENCE_LEVELS),
    status: z.enum(TRIAL_STATUSES),
    enrollment: count.optional(),
    enrollmentKind: z.enum(ENROLLMENT_KINDS).optional(),
    startYear: year.optional(),
    completionYear: year.optional(),
    followUpMonths: measure.min(0).optional(),
    sponsor: text(200).optional(),
    sites: count.optional(),
    countries: z.array(text(100)).optional(),
    arms: z.array(text(500)).optional(),
  }),
  Outcome: z.strictObject({
    id: idOf('Outcome'),
    ...described,
    measure: z.enum(OUTCOME_MEASURES),
    instrument: text(100).optional(),
    value: measure.optional(),
    valueQualifier: z.enum(VALUE_QUALIFIERS).optional(),
    unit: text(100).optional(),
    baselineValue: measure.optional(),
    direction: z.enum(OUTCOME_DIRECTIONS),
    comparison: text(500).optional(),
    timepointMonths: measure.min(0).optional(),
    population: text(500).optional(),
    sampleSize: count.optional(),
    pValue: measure.min(0).max(1).optional(),
  }),
  Risk: z.strictObject({
    id: idOf('Risk'),
    ...described,
    severity: z.enum(RISK_SEVERITIES),
    frequency: z.enum(RISK_FREQUENCIES),
  }),
  RegulatoryStatus: z.strictObject({
    id: idOf('RegulatoryStatus'),
    ...described,
    jurisdiction: text(100),
    authority: text(100),
    status: z.enum(REGULATORY_STATUS_KINDS),
    designation: text(100).optional(),
    year: year.optional(),
    scope: text(1000),
  }),
  Source: z.strictObject({
    id: idOf('Source'),
    ...common,
    kind: z.enum(SOURCE_KINDS),
    year: year.optional(),
    authors: text(300).optional(),
    journal: text(300).optional(),
    doi: z.string().regex(DOI_PATTERN, 'must be a DOI such as 10.1016/j.spinee.2020.10.004').optional(),
    pmid: z.string().regex(/^\d{1,9}$/, 'must be digits only').optional(),
    pmcid: z.string().regex(/^PMC\d+$/, 'must look like PMC5610473').optional(),
    registryId: z.string().regex(NCT_PATTERN, 'must be an NCT number').optional(),
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  }),
} as const satisfies Record<Label, z.ZodType>;

export const CLAIM_SCHEMA = z.strictObject({
  id: z.string().regex(CLAIM_ID_PATTERN, 'must look like claim:lower-case-words'),
  type: z.enum(RELATIONSHIP_TYPES),
  subject: entityRef,
  object: entityRef,
  level: z.enum(EVIDENCE_LEVELS),
  knowledgeLevel: z.enum(KNOWLEDGE_LEVELS),
  agentType: z.enum(AGENT_TYPES).default('MANUAL_AGENT'),
  sources: z.array(sourceRef).min(1, 'a claim needs at least one source'),
  note: text(1000).optional(),
});

export type EntityRecord<L extends Label = Label> = z.infer<(typeof RECORD_SCHEMAS)[L]>;
export type ClaimRecord = z.infer<typeof CLAIM_SCHEMA>;
export type SeedKind = Label | 'Claim';

export const SEED_FILE_SCHEMA = z.strictObject({
  kind: z.enum([...(Object.keys(RECORD_SCHEMAS) as Label[]), 'Claim']),
  records: z.array(z.unknown()),
});
