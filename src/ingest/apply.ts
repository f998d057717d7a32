// Merges an IngestBatch into the graph in ONE write transaction: find the entities the graph
// already holds (a curated trial by its NCT id, a term by its CURIE), merge each statement into
// them (merge.ts), check every resulting record by the seed's rules (validateSeed: schemas,
// references, evidence levels), and write through the seed loader with versions and audit entries
// whose actor is the ingestion (writeRecords). A dry run does all of that and rolls back, so its
// counts are exactly what a real run would write.
import type { Executor, Tx } from '../db/database';
import { type AuditWriter } from '../graph/curation/audit.store';
import { claimsWithIds, entitiesByIds, lockEntities } from '../graph/curation/curation.store';
import { writeRecords } from '../graph/curation/import.service';
import { recordOf } from '../graph/curation/records';
import { ENTITY_LABEL, type Label, type SourceKind } from '../graph/model';
import { labelOf } from '../graph/entity/entity.repository';
import { LABELS } from '../graph/registry';
import { RELATIONSHIP_TYPES } from '../graph/enums';
import { SeedValidationError, type SeedDocument, validateSeed } from '../seed/validate';
import { mergeStatement } from './merge';
import { type EntityStatement, type IngestBatch, type IngestProblem, IngestRefused, type MatchProperty } from './model';

/** Per kind (label or relationship type): what the run added, changed, left unchanged and refused. */
export interface KindCounts {
  added: number;
  changed: number;
  unchanged: number;
  refused: number;
}

export interface IngestSummary {
  agent: string;
  dryRun: boolean;
  records: number;
  kinds: Record<string, KindCounts>;
  /** Fields where a curated value and the source's differ: both are kept. */
  disagreements: Array<{ id: string; field: string }>;
  unmapped: IngestBatch['unmapped'];
  skipped: IngestProblem[];
}

class DryRunRollback extends Error {
  constructor(readonly summary: IngestSummary) {
    super('dry run: rolled back');
  }
}

// name: ingestMatches — entities holding any of the identifiers (DOIs compared in lower case)
const MATCHES = `
MATCH (n:${ENTITY_LABEL})
WHERE n.registryId IN $registryIds OR toLower(n.doi) IN $dois OR n.pmid IN $pmids OR n.pmcid IN $pmcids
   OR n.curie IN $curies OR any(x IN coalesce(n.xrefs, []) WHERE x IN $curies)
RETURN n.id AS id, ${labelOf('n')} AS label, n.registryId AS registryId, toLower(n.doi) AS doi, n.pmid AS pmid,
       n.pmcid AS pmcid, n.curie AS curie, coalesce(n.xrefs, []) AS xrefs`;

// name: ingestSourceKinds — kinds of the sources the records cite
const SOURCE_KINDS_OF = `
UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN s.id AS id, s.kind AS kind`;

type MatchRow = {
  id: string;
  label: Label;
  registryId: string | null;
  doi: string | null;
  pmid: string | null;
  pmcid: string | null;
  curie: string | null;
  xrefs: string[];
};

const norm = (property: MatchProperty, value: string) => (property === 'doi' ? value.toLowerCase() : value);

function matchesOf(row: MatchRow, property: MatchProperty, value: string): boolean {
  if (property === 'curie') {
    return row.curie === value || row.xrefs.includes(value);
  }
  return row[property] === norm(property, value);
}

/** Which graph id each statement is: an entity holding one of its identifiers, else its own id. */
async function resolve(tx: Tx, statements: EntityStatement[], file: string, problems: IngestProblem[]) {
  const values = (property: MatchProperty) => [
    ...new Set(
      statements.flatMap((s) => s.match.filter((m) => m.property === property).map((m) => norm(property, m.value))),
    ),
  ];
  const rows = await tx.run<MatchRow>(MATCHES, {
    registryIds: values('registryId'),
    dois: values('doi'),
    pmids: values('pmid'),
    pmcids: values('pmcid'),
    curies: values('curie'),
  });
  const ids = new Map<string, { id: string; label: Label }>();
  for (const statement of statements) {
    const found = rows.filter(
      (row) =>
        (statement.anyLabel === true || row.label === statement.label) &&
        statement.match.some((m) => matchesOf(row, m.property, m.value)),
    );
    const distinct = [...new Map(found.map((row) => [row.id, row])).values()];
    if (distinct.length > 1) {
      problems.push({
        file,
        record: statement.record,
        field: statement.match.map((m) => m.property).join(', '),
        message: `matches ${distinct.length} entities (${distinct.map((r) => r.id).join(', ')}); merge them or remove an identifier first`,
      });
    }
    const target = distinct.length === 1 ? distinct[0] : { id: statement.id, label: statement.label };
    ids.set(statement.id, ids.get(statement.id) ?? target);
  }
  return ids;
}

export interface ApplyOptions {
  dryRun?: boolean;
  /** The input file, named in problems. */
  file: string;
  requestId: string;
  timeoutMs?: number;
}

export async function applyBatch(
  executor: Executor,
  batch: IngestBatch,
  options: ApplyOptions,
): Promise<IngestSummary> {
  try {
    return await executor.writeTx('ingest.apply', (tx) => applyIn(tx, batch, options), {
      timeoutMs: options.timeoutMs,
    });
  } catch (error) {
    if (error instanceof DryRunRollback) {
      return error.summary;
    }
    throw error;
  }
}

async function applyIn(tx: Tx, batch: IngestBatch, options: ApplyOptions): Promise<IngestSummary> {
  const { file } = options;
  const problems: IngestProblem[] = [];
  // Claims whose object is found by an identifier are resolved with the statements.
  const lookups: EntityStatement[] = batch.claims.flatMap((c) =>
    c.objectMatch === undefined
      ? []
      : [
          {
            label: c.objectMatch.label,
            id: c.object,
            match: [c.objectMatch],
            fields: {},
            source: '',
            complete: false,
            record: c.record,
          },
        ],
  );
  const resolved = await resolve(tx, [...batch.entities, ...lookups], file, problems);
  const idOf = (id: string) => resolved.get(id)?.id ?? id;
  const stated = new Set(batch.entities.map((s) => resolved.get(s.id)!.id));
  const at = await lockEntities(tx, [...stated]);

  const referenced = new Set<string>(stated);
  for (const claim of batch.claims) {
    referenced.add(idOf(claim.subject));
    referenced.add(idOf(claim.object));
  }
  const stored = await entitiesByIds(tx, [...referenced]);
  const unmapped = [...batch.unmapped];
  const claims = batch.claims.flatMap((c) => {
    const claim = { ...c, subject: idOf(c.subject), object: idOf(c.object), sources: c.sources.map(idOf) };
    if (c.objectMatch !== undefined && !stored.has(claim.object) && !stated.has(claim.object)) {
      unmapped.push({
        record: c.record,
        field: c.objectMatch.property,
        value: c.objectMatch.value,
        keys: [],
        reason: `no ${c.objectMatch.label} in the graph has ${c.objectMatch.property} ${c.objectMatch.value} (ingest it first)`,
      });
      return [];
    }
    return [claim];
  });
  const records = new Map<
    string,
    { label: Label; record: Record<string, unknown>; source: string; statement: string }
  >();
  for (const [id, entity] of stored) {
    records.set(id, { label: entity.label, record: recordOf(entity.label, entity.props), source: '', statement: id });
  }
  const touched = new Set<string>();
  const disagreements: IngestSummary['disagreements'] = [];
  for (const statement of batch.entities) {
    const { id, label } = resolved.get(statement.id)!;
    const current = records.get(id);
    if (current !== undefined && current.label !== label) {
      problems.push({
        file,
        record: statement.record,
        field: 'id',
        message: `${id} is a ${current.label} in the graph, not a ${label}`,
      });
      continue;
    }
    const { record, conflicts } = mergeStatement(
      current?.record ?? null,
      { ...statement, id, label },
      batch.agent,
      batch.retrievedAt,
    );
    disagreements.push(...conflicts.map((field) => ({ id, field })));
    records.set(id, { label, record, source: statement.source, statement: statement.record });
    touched.add(id);
  }

  // Every merged record and claim, checked as a seed is, against what the graph already holds.
  const documents: SeedDocument[] = LABELS.map((label) => ({
    file,
    data: {
      kind: label,
      records: [...touched].filter((id) => records.get(id)!.label === label).map((id) => records.get(id)!.record),
    },
  }));
  // A claim keeps the time it was first retrieved in its present form, so a rerun changes nothing.
  const existingClaims = new Map(
    (
      await claimsWithIds(
        tx,
        claims.map((c) => c.id),
      )
    ).map((c) => [c.id, c.props]),
  );
  const claimRecords = claims.map(({ record: _record, objectMatch: _match, ...claim }) => {
    const before = existingClaims.get(claim.id);
    const unchanged =
      before !== undefined &&
      before.retrievedAt != null &&
      (['level', 'knowledgeLevel', 'agentType', 'note'] as const).every((k) => (before[k] ?? undefined) === claim[k]) &&
      JSON.stringify(before.sourceIds) === JSON.stringify(claim.sources);
    return { ...claim, retrievedAt: unchanged ? String(before.retrievedAt) : batch.retrievedAt };
  });
  documents.push({ file, data: { kind: 'Claim', records: claimRecords } });
  const known = new Map<string, Label>();
  for (const [id, entity] of records) {
    if (!touched.has(id)) {
      known.set(id, entity.label);
    }
  }
  const cited = [
    ...new Set([...touched].flatMap((id) => (records.get(id)!.record.sources as string[] | undefined) ?? [])),
  ];
  const sourceRows = await tx.run<{ id: string; kind: SourceKind }>(SOURCE_KINDS_OF, {
    ids: cited.filter((id) => !touched.has(id)),
  });
  for (const row of sourceRows) {
    known.set(row.id, 'Source');
  }
  let graph;
  try {
    graph = validateSeed(documents, known, new Map(sourceRows.map((row) => [row.id, row.kind])));
  } catch (error) {
    if (!(error instanceof SeedValidationError)) {
      throw error;
    }
    const statementOf = (id: string) =>
      records.get(id)?.statement ?? batch.claims.find((c) => c.id === id)?.record ?? id;
    problems.push(
      ...error.problems.map((p) => ({
        file,
        record: statementOf(p.record) === p.record ? p.record : `${statementOf(p.record)} (${p.record})`,
        field: p.field,
        message: p.message,
      })),
    );
  }
  if (problems.length > 0 || graph === undefined) {
    throw new IngestRefused(problems);
  }

  const writer: AuditWriter = { actor: batch.agent, role: 'ingest', requestId: options.requestId, at };
  const written = await writeRecords(tx, graph, writer, 'INGEST');
  const kinds: Record<string, KindCounts> = {};
  const count = (kind: string) => (kinds[kind] ??= { added: 0, changed: 0, unchanged: 0, refused: 0 });
  for (const entity of graph.entities) {
    count(entity.label);
  }
  for (const claim of graph.claims) {
    count(claim.record.type);
  }
  for (const [kind, ids] of Object.entries(written.createdIds)) {
    count(kind).added += ids.length;
  }
  for (const [kind, ids] of Object.entries(written.changedIds)) {
    count(kind).changed += ids.length;
  }
  const totals = new Map<string, number>();
  for (const kind of [...graph.entities.map((e) => e.label), ...graph.claims.map((c) => c.record.type)]) {
    totals.set(kind, (totals.get(kind) ?? 0) + 1);
  }
  for (const [kind, total] of totals) {
    kinds[kind].unchanged = total - kinds[kind].added - kinds[kind].changed;
  }
  for (const skipped of batch.skipped) {
    count(skipped.kind ?? 'record').refused += 1;
  }
  const summary: IngestSummary = {
    agent: batch.agent,
    dryRun: options.dryRun === true,
    records: batch.records,
    kinds: Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))),
    disagreements,
    unmapped,
    skipped: batch.skipped,
  };
  if (options.dryRun === true) {
    throw new DryRunRollback(summary);
  }
  return summary;
}

/** Entity kinds before relationship types, each in the order of their definitions. */
const order = (kind: string) => {
  const label = LABELS.indexOf(kind);
  return label >= 0 ? label : LABELS.length + RELATIONSHIP_TYPES.indexOf(kind);
};
