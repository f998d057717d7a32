// ClinicalTrials.gov (API v2): pages of /api/v2/studies, fetched with pageToken or read from a saved
// response, each study checked and turned into statements: the Trial, its registry record as a
// Source (its last update as the record version), the sponsor and collaborators as Organizations,
// the conditions and interventions the reviewed mapping table links, and posted results as
// Outcomes. The registry record is the source of every claim it yields.
import { z } from 'zod';
import { NCT_PATTERN, PARTIAL_DATE_PATTERN } from '../graph/model';
import type { HttpClient } from './http';
import { mapOrReport, type MappingTable, nameKey } from './mapping';
import {
  type ClaimStatement,
  type EntityStatement,
  type IngestBatch,
  type IngestProblem,
  type Unmapped,
  slug,
} from './model';
import { issuesToProblems, type ReadResult } from './read';

export const CTGOV_DEFAULT_BASE_URL = 'https://clinicaltrials.gov';
const PAGE_SIZE = 100;

const date = z.string().regex(PARTIAL_DATE_PATTERN, 'must be a date such as 2015, 2015-03 or 2015-03-17');
const dateStruct = z.object({ date, type: z.enum(['ACTUAL', 'ESTIMATED']).optional() });
const agency = z.object({
  name: z.string().trim().min(1).max(300),
  class: z.enum(['NIH', 'FED', 'OTHER_GOV', 'INDIV', 'INDUSTRY', 'NETWORK', 'AMBIG', 'OTHER', 'UNKNOWN']).optional(),
});
const outcomeMeasure = z.object({
  measure: z.string().trim().min(1).max(1000),
  description: z.string().trim().min(1).max(4000).optional(),
  timeFrame: z.string().trim().min(1).max(1000).optional(),
});
const mesh = z.object({ id: z.string().regex(/^D\d+$/, 'must be a MeSH id such as D055959'), term: z.string().min(1) });

const STATUSES = [
  'ACTIVE_NOT_RECRUITING',
  'COMPLETED',
  'ENROLLING_BY_INVITATION',
  'NOT_YET_RECRUITING',
  'RECRUITING',
  'SUSPENDED',
  'TERMINATED',
  'WITHDRAWN',
  'AVAILABLE',
  'NO_LONGER_AVAILABLE',
  'TEMPORARILY_NOT_AVAILABLE',
  'APPROVED_FOR_MARKETING',
  'WITHHELD',
  'UNKNOWN',
] as const;

const measurement = z.object({
  groupId: z.string(),
  value: z.string().optional(),
  lowerLimit: z.string().optional(),
  upperLimit: z.string().optional(),
});
const resultMeasure = z.object({
  type: z.enum(['PRIMARY', 'SECONDARY', 'OTHER_PRE_SPECIFIED', 'POST_HOC']),
  title: z.string().min(1),
  paramType: z.string().optional(),
  dispersionType: z.string().optional(),
  unitOfMeasure: z.string().optional(),
  timeFrame: z.string().optional(),
  groups: z.array(z.object({ id: z.string(), title: z.string(), description: z.string().optional() })).default([]),
  denoms: z
    .array(
      z.object({ units: z.string().optional(), counts: z.array(z.object({ groupId: z.string(), value: z.string() })) }),
    )
    .default([]),
  classes: z
    .array(z.object({ categories: z.array(z.object({ measurements: z.array(measurement).default([]) })).default([]) }))
    .default([]),
  analyses: z
    .array(
      z.object({
        groupIds: z.array(z.string()).default([]),
        pValue: z.string().optional(),
        ciPctValue: z.string().optional(),
        ciLowerLimit: z.string().optional(),
        ciUpperLimit: z.string().optional(),
      }),
    )
    .default([]),
});

export const STUDY = z.object({
  protocolSection: z.object({
    identificationModule: z.object({
      nctId: z
        .string({ error: 'is missing: every study needs its NCT id' })
        .regex(NCT_PATTERN, 'must be an NCT number'),
      briefTitle: z.string().trim().min(1).max(300),
      officialTitle: z.string().trim().min(1).max(1000).optional(),
      acronym: z.string().trim().min(1).max(100).optional(),
    }),
    statusModule: z.object({
      overallStatus: z.enum(STATUSES).optional(),
      startDateStruct: dateStruct.optional(),
      completionDateStruct: dateStruct.optional(),
      lastUpdatePostDateStruct: z.object({ date: z.iso.date({ error: 'must be a date such as 2024-05-02' }) }),
    }),
    sponsorCollaboratorsModule: z
      .object({ leadSponsor: agency.optional(), collaborators: z.array(agency).optional() })
      .optional(),
    conditionsModule: z.object({ conditions: z.array(z.string().trim().min(1).max(300)).optional() }).optional(),
    designModule: z
      .object({
        studyType: z.enum(['INTERVENTIONAL', 'OBSERVATIONAL', 'EXPANDED_ACCESS']).optional(),
        phases: z.array(z.enum(['NA', 'EARLY_PHASE1', 'PHASE1', 'PHASE2', 'PHASE3', 'PHASE4'])).optional(),
        designInfo: z
          .object({
            allocation: z.enum(['RANDOMIZED', 'NON_RANDOMIZED', 'NA']).optional(),
            interventionModel: z.string().optional(),
            maskingInfo: z
              .object({ masking: z.enum(['NONE', 'SINGLE', 'DOUBLE', 'TRIPLE', 'QUADRUPLE']).optional() })
              .optional(),
          })
          .optional(),
        enrollmentInfo: z
          .object({ count: z.number().int().min(0).optional(), type: z.enum(['ACTUAL', 'ESTIMATED']).optional() })
          .optional(),
      })
      .optional(),
    armsInterventionsModule: z
      .object({
        interventions: z
          .array(
            z.object({
              type: z.string().min(1),
              name: z.string().trim().min(1).max(500),
              otherNames: z.array(z.string()).optional(),
            }),
          )
          .optional(),
      })
      .optional(),
    outcomesModule: z
      .object({
        primaryOutcomes: z.array(outcomeMeasure).optional(),
        secondaryOutcomes: z.array(outcomeMeasure).optional(),
        otherOutcomes: z.array(outcomeMeasure).optional(),
      })
      .optional(),
    contactsLocationsModule: z
      .object({ locations: z.array(z.object({ country: z.string().optional() })).optional() })
      .optional(),
  }),
  derivedSection: z
    .object({
      conditionBrowseModule: z.object({ meshes: z.array(mesh).optional() }).optional(),
      interventionBrowseModule: z.object({ meshes: z.array(mesh).optional() }).optional(),
    })
    .optional(),
  hasResults: z.boolean().optional(),
  resultsSection: z
    .object({ outcomeMeasuresModule: z.object({ outcomeMeasures: z.array(resultMeasure).default([]) }).optional() })
    .optional(),
});
type Study = z.infer<typeof STUDY>;

const PAGE = z.object({ studies: z.array(z.unknown()), nextPageToken: z.string().optional() });

/** Pages from a saved response: one page, or a list of pages. */
export function pagesOf(
  data: unknown,
  file: string,
): { pages: Array<z.infer<typeof PAGE>>; problems: IngestProblem[] } {
  const list = Array.isArray(data) ? data : [data];
  const pages: Array<z.infer<typeof PAGE>> = [];
  const problems: IngestProblem[] = [];
  list.forEach((raw, index) => {
    const page = PAGE.safeParse(raw);
    if (page.success) {
      pages.push(page.data);
    } else {
      problems.push(...issuesToProblems(page.error.issues, file, Array.isArray(data) ? `page ${index + 1}` : '(file)'));
    }
  });
  return { pages, problems };
}

/** Every page of a query, following nextPageToken. */
export async function fetchPages(
  http: HttpClient,
  baseUrl: string,
  query: string,
  onPage: (page: number, studies: number) => void,
): Promise<unknown[]> {
  const pages: unknown[] = [];
  let token: string | undefined;
  do {
    const url = new URL('/api/v2/studies', baseUrl);
    url.searchParams.set('query.term', query);
    url.searchParams.set('pageSize', String(PAGE_SIZE));
    url.searchParams.set('format', 'json');
    if (token !== undefined) {
      url.searchParams.set('pageToken', token);
    }
    const data = await http.getJson(url.toString());
    const page = PAGE.safeParse(data);
    if (!page.success) {
      throw new Error(`${url.toString()} did not answer a page of studies: ${page.error.issues[0].message}`);
    }
    pages.push(page.data);
    onPage(pages.length, page.data.studies.length);
    token = page.data.nextPageToken;
  } while (token !== undefined);
  return pages;
}

// ---------------------------------------------------------------------------------------------
// Mapping a study.

const STATUS_OF: Record<(typeof STATUSES)[number], string> = {
  ACTIVE_NOT_RECRUITING: 'ACTIVE_NOT_RECRUITING',
  COMPLETED: 'COMPLETED',
  ENROLLING_BY_INVITATION: 'RECRUITING',
  NOT_YET_RECRUITING: 'NOT_YET_RECRUITING',
  RECRUITING: 'RECRUITING',
  SUSPENDED: 'SUSPENDED',
  TERMINATED: 'TERMINATED',
  WITHDRAWN: 'WITHDRAWN',
  AVAILABLE: 'UNKNOWN',
  NO_LONGER_AVAILABLE: 'UNKNOWN',
  TEMPORARILY_NOT_AVAILABLE: 'UNKNOWN',
  APPROVED_FOR_MARKETING: 'UNKNOWN',
  WITHHELD: 'UNKNOWN',
  UNKNOWN: 'UNKNOWN',
};

function phaseOf(phases: readonly string[] | undefined): string | undefined {
  const key = [...(phases ?? [])].sort().join('+');
  const table: Record<string, string> = {
    NA: 'NOT_APPLICABLE',
    EARLY_PHASE1: 'EARLY_PHASE_1',
    PHASE1: 'PHASE_1',
    'PHASE1+PHASE2': 'PHASE_1_2',
    PHASE2: 'PHASE_2',
    'PHASE2+PHASE3': 'PHASE_2_3',
    PHASE3: 'PHASE_3',
    PHASE4: 'PHASE_4',
  };
  return table[key];
}

/** The design and the evidence level it gives, from the registry's study type and allocation. */
function designOf(study: Study): { design?: string; evidenceLevel: string; allocation?: string } {
  const module = study.protocolSection.designModule;
  const allocation = module?.designInfo?.allocation;
  const allocated =
    allocation === undefined
      ? undefined
      : { RANDOMIZED: 'RANDOMISED', NON_RANDOMIZED: 'NON_RANDOMISED', NA: 'NOT_APPLICABLE' }[allocation];
  if (module?.studyType === 'OBSERVATIONAL') {
    return { design: 'OBSERVATIONAL_STUDY', evidenceLevel: 'OBSERVATIONAL_STUDY', allocation: allocated };
  }
  if (allocation === 'RANDOMIZED') {
    return {
      design: 'RANDOMISED_CONTROLLED_TRIAL',
      evidenceLevel: 'RANDOMISED_CONTROLLED_TRIAL',
      allocation: allocated,
    };
  }
  if (allocation === 'NON_RANDOMIZED') {
    return { design: 'NON_RANDOMISED_TRIAL', evidenceLevel: 'NON_RANDOMISED_TRIAL', allocation: allocated };
  }
  if (module?.designInfo?.interventionModel === 'SINGLE_GROUP') {
    return { design: 'SINGLE_ARM_TRIAL', evidenceLevel: 'NON_RANDOMISED_TRIAL', allocation: allocated };
  }
  // An interventional study that does not say how it allocated is at best non-randomised.
  return { evidenceLevel: 'NON_RANDOMISED_TRIAL', allocation: allocated };
}

const defined = (fields: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  );

const number = (text: string | undefined) => {
  if (text === undefined) {
    return undefined;
  }
  const cleaned = text.trim().replace(/^</, '');
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : undefined;
};

interface StudyContext {
  table: MappingTable;
  retrievedAt: string;
  unmapped: Unmapped[];
}

const AUTOMATED = {
  agentType: 'AUTOMATED_AGENT',
  knowledgeLevel: 'KNOWLEDGE_ASSERTION',
  level: 'CURATED_DATABASE',
} as const;

export function mapStudy(
  study: Study,
  context: StudyContext,
): { entities: EntityStatement[]; claims: ClaimStatement[] } {
  const { protocolSection: p } = study;
  const nct = p.identificationModule.nctId;
  const local = nct.toLowerCase();
  const trialId = `trial:${local}`;
  const source = `source:ctgov-${local}`;
  const version = p.statusModule.lastUpdatePostDateStruct.date;
  const entities: EntityStatement[] = [];
  const claims: ClaimStatement[] = [];
  const claim = (type: string, object: string, note: string, subject = trialId, extra: Partial<ClaimStatement> = {}) =>
    claims.push({
      id: `claim:ctgov-${local}-${slug(type)}-${object.split(':')[1]}`,
      type,
      subject,
      object,
      ...AUTOMATED,
      sources: [source],
      note,
      record: nct,
      ...extra,
    });

  entities.push({
    label: 'Source',
    id: source,
    match: [],
    fields: {
      name: `ClinicalTrials.gov record ${nct}: ${p.identificationModule.briefTitle}`.slice(0, 300),
      kind: 'TRIAL_REGISTRY_RECORD',
      publisher: 'ClinicalTrials.gov',
      registryId: nct,
      url: `https://clinicaltrials.gov/study/${nct}`,
      recordVersion: version,
      accessed: context.retrievedAt.slice(0, 10),
    },
    source,
    complete: true,
    volatile: ['accessed'],
    record: nct,
  });

  const { design, evidenceLevel, allocation } = designOf(study);
  const enrollment = p.designModule?.enrollmentInfo;
  const start = p.statusModule.startDateStruct?.date;
  const completion = p.statusModule.completionDateStruct?.date;
  const outcomes = p.outcomesModule;
  const registered = [
    ...(outcomes?.primaryOutcomes ?? []).map((o) => ({ kind: 'PRIMARY', ...o })),
    ...(outcomes?.secondaryOutcomes ?? []).map((o) => ({ kind: 'SECONDARY', ...o })),
    ...(outcomes?.otherOutcomes ?? []).map((o) => ({ kind: 'OTHER', ...o })),
  ].map((o) =>
    JSON.stringify(defined({ kind: o.kind, measure: o.measure, timeFrame: o.timeFrame, description: o.description })),
  );
  const countries = [
    ...new Set((p.contactsLocationsModule?.locations ?? []).flatMap((l) => (l.country ? [l.country] : []))),
  ].sort();
  const conditionMeshes = study.derivedSection?.conditionBrowseModule?.meshes ?? [];
  const sponsor = p.sponsorCollaboratorsModule?.leadSponsor;
  entities.push({
    label: 'Trial',
    id: trialId,
    match: [{ property: 'registryId', value: nct }],
    fields: defined({
      name: p.identificationModule.briefTitle,
      curie: `CLINICALTRIALS:${nct}`,
      registryId: nct,
      officialTitle: p.identificationModule.officialTitle,
      acronym: p.identificationModule.acronym,
      phase: phaseOf(p.designModule?.phases),
      design,
      allocation,
      masking: p.designModule?.designInfo?.maskingInfo?.masking,
      evidenceLevel,
      status: p.statusModule.overallStatus === undefined ? undefined : STATUS_OF[p.statusModule.overallStatus],
      enrollment: enrollment?.count,
      enrollmentKind:
        enrollment?.count === undefined || enrollment.type === undefined
          ? undefined
          : enrollment.type === 'ACTUAL'
            ? 'ACTUAL'
            : 'PLANNED',
      startDate: start,
      startYear: start === undefined ? undefined : Number(start.slice(0, 4)),
      completionDate: completion,
      completionYear: completion === undefined ? undefined : Number(completion.slice(0, 4)),
      sponsor: sponsor?.name,
      sites: countries.length > 0 ? p.contactsLocationsModule?.locations?.length : undefined,
      countries,
      registryConditions: p.conditionsModule?.conditions,
      meshTerms: conditionMeshes.map((m) => `${m.id} ${m.term}`),
      registryInterventions: (p.armsInterventionsModule?.interventions ?? []).map((i) => `${i.type}: ${i.name}`),
      registeredOutcomes: registered,
    }),
    // The registry always gives a status; a saved record without one creates a trial of unknown status.
    defaults: { status: 'UNKNOWN' },
    source,
    complete: true,
    record: nct,
  });

  const organisations = [
    ...(sponsor === undefined ? [] : [{ org: sponsor, type: 'SPONSORED_BY', role: 'lead sponsor' }]),
    ...(p.sponsorCollaboratorsModule?.collaborators ?? []).map((org) => ({
      org,
      type: 'HAS_COLLABORATOR',
      role: 'collaborator',
    })),
  ];
  for (const { org, type, role } of organisations) {
    const id = `organization:${slug(org.name)}`;
    entities.push({
      label: 'Organization',
      id,
      match: [],
      fields: defined({ name: org.name, organizationClass: org.class }),
      source,
      complete: false,
      record: nct,
    });
    claim(type, id, `ClinicalTrials.gov names ${org.name} as the ${role}.`);
  }

  // Conditions: by the registry's MeSH terms first, then by the condition's own name.
  const linkedConditions = new Set<string>();
  for (const [index, condition] of (p.conditionsModule?.conditions ?? []).entries()) {
    const keys = [nameKey(condition)];
    const entity = mapOrReport(
      context.table,
      keys,
      { record: nct, field: `conditions[${index}]`, value: condition },
      context.unmapped,
    );
    if (entity !== null && !linkedConditions.has(entity)) {
      linkedConditions.add(entity);
      claim('STUDIES', entity, `ClinicalTrials.gov lists the condition "${condition}".`);
    }
  }
  for (const [index, m] of conditionMeshes.entries()) {
    const entity = mapOrReport(
      context.table,
      [`mesh:${m.id}`],
      { record: nct, field: `meshes[${index}]`, value: `${m.id} ${m.term}` },
      context.unmapped,
    );
    if (entity !== null && !linkedConditions.has(entity)) {
      linkedConditions.add(entity);
      claim('STUDIES', entity, `ClinicalTrials.gov gives the MeSH term ${m.id} (${m.term}).`);
    }
  }

  const linkedInterventions = new Set<string>();
  for (const [index, intervention] of (p.armsInterventionsModule?.interventions ?? []).entries()) {
    const keys = [intervention.name, ...(intervention.otherNames ?? [])].map(nameKey);
    const entity = mapOrReport(
      context.table,
      keys,
      { record: nct, field: `interventions[${index}]`, value: `${intervention.type}: ${intervention.name}` },
      context.unmapped,
    );
    if (entity !== null && !linkedInterventions.has(entity)) {
      linkedInterventions.add(entity);
      const type = entity.startsWith('product:') ? 'TESTS' : entity.startsWith('cell-type:') ? 'TESTS_CELL_TYPE' : null;
      if (type === null) {
        context.unmapped.push({
          record: nct,
          field: `interventions[${index}]`,
          value: intervention.name,
          keys: [],
          reason: `the mapping names ${entity}, which is neither a product nor a cell type`,
        });
      } else {
        claim(type, entity, `ClinicalTrials.gov lists the intervention "${intervention.type}: ${intervention.name}".`);
      }
    }
  }

  const results = mapResults(study, { ...context, trialId, source, nct, evidenceLevel });
  entities.push(...results.entities);
  claims.push(...results.claims);
  return { entities, claims };
}

/** Posted results: one Outcome per measure and arm whose reading the mapping table gives. */
function mapResults(
  study: Study,
  context: StudyContext & { trialId: string; source: string; nct: string; evidenceLevel: string },
): { entities: EntityStatement[]; claims: ClaimStatement[] } {
  const entities: EntityStatement[] = [];
  const claims: ClaimStatement[] = [];
  const measures = study.resultsSection?.outcomeMeasuresModule?.outcomeMeasures ?? [];
  const local = context.nct.toLowerCase();
  for (const [index, measure] of measures.entries()) {
    const reading = context.table.outcome(measure.title);
    if (reading === null) {
      context.unmapped.push({
        record: context.nct,
        field: `outcomeMeasures[${index}]`,
        value: measure.title,
        keys: [`outcome:${measure.title}`],
      });
      continue;
    }
    for (const group of measure.groups) {
      const value = measure.classes
        .flatMap((c) => c.categories.flatMap((cat) => cat.measurements))
        .find((m) => m.groupId === group.id);
      const estimate = number(value?.value);
      if (estimate === undefined) {
        continue;
      }
      const n = number(measure.denoms[0]?.counts.find((c) => c.groupId === group.id)?.value);
      const analysis = measure.analyses.find((a) => a.groupIds.length === 1 && a.groupIds[0] === group.id);
      const p = number(analysis?.pValue);
      const low = number(value?.lowerLimit);
      const high = number(value?.upperLimit);
      const ciLevel = measure.dispersionType?.match(/^(\d+)% Confidence Interval/)?.[1];
      const hasInterval = low !== undefined && high !== undefined && ciLevel !== undefined;
      const notReported = [
        hasInterval ? null : 'INTERVAL',
        p === undefined ? 'P_VALUE' : null,
        n === undefined ? 'SAMPLE_SIZE' : null,
        'COMPARATOR',
        reading.timepointMonths === undefined ? 'TIMEPOINT' : null,
        'BASELINE',
        reading.scale === undefined ? 'SCALE' : null,
      ].filter((part): part is string => part !== null);
      const id = `outcome:ctgov-${local}-${slug(measure.title, 40)}-${slug(group.id)}`;
      entities.push({
        label: 'Outcome',
        id,
        match: [],
        fields: defined({
          name: `${measure.title}: ${group.title} (${context.nct})`.slice(0, 300),
          measure: reading.measure,
          instrument: reading.instrument,
          scale: reading.scale,
          estimateKind: reading.estimateKind,
          value: estimate,
          valueQualifier: 'EXACT',
          unit: measure.unitOfMeasure,
          intervalLow: hasInterval ? low : undefined,
          intervalHigh: hasInterval ? high : undefined,
          intervalLevel: hasInterval ? Number(ciLevel) / 100 : undefined,
          direction: 'NOT_STATED',
          timepointMonths: reading.timepointMonths,
          population: group.description ?? group.title,
          sampleSize: n,
          pValue: p,
          notReported,
        }),
        source: context.source,
        complete: true,
        record: context.nct,
      });
      claims.push({
        id: `claim:ctgov-${local}-has-outcome-${id.split(':')[1]}`,
        type: 'HAS_OUTCOME',
        subject: context.trialId,
        object: id,
        level: context.evidenceLevel as ClaimStatement['level'],
        knowledgeLevel: 'OBSERVATION',
        agentType: 'AUTOMATED_AGENT',
        sources: [context.source],
        note: `Posted result on ClinicalTrials.gov (${measure.type.toLowerCase()} outcome measure), read by the reviewed mapping of "${measure.title}".`,
        record: context.nct,
      });
    }
  }
  return { entities, claims };
}

/** Checks every study of the pages and maps the valid ones. */
export function ctgovBatch(
  pages: Array<{ studies: unknown[] }>,
  file: string,
  table: MappingTable,
  retrievedAt: string,
): { batch: IngestBatch; problems: IngestProblem[] } {
  const problems: IngestProblem[] = [];
  const unmapped: Unmapped[] = [];
  const entities: EntityStatement[] = [];
  const claims: ClaimStatement[] = [];
  let records = 0;
  const seen = new Set<string>();
  pages.forEach((page, pageIndex) =>
    page.studies.forEach((raw, index) => {
      records += 1;
      const nct = (raw as { protocolSection?: { identificationModule?: { nctId?: unknown } } } | null)?.protocolSection
        ?.identificationModule?.nctId;
      const record =
        typeof nct === 'string' ? nct : `${pages.length > 1 ? `page ${pageIndex + 1} ` : ''}study #${index + 1}`;
      const parsed = STUDY.safeParse(raw);
      if (!parsed.success) {
        problems.push(...issuesToProblems(parsed.error.issues, file, record, 'Trial'));
        return;
      }
      if (seen.has(parsed.data.protocolSection.identificationModule.nctId)) {
        return;
      }
      seen.add(parsed.data.protocolSection.identificationModule.nctId);
      const mapped = mapStudy(parsed.data, { table, retrievedAt, unmapped });
      entities.push(...mapped.entities);
      claims.push(...mapped.claims);
    }),
  );
  return {
    batch: { agent: 'ingest:ctgov', retrievedAt, records, entities, claims, unmapped, skipped: [] },
    problems,
  };
}

export type { ReadResult };
