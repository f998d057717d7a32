// docs/DATA.md, generated from the code: every entity label with every field of its record (from
// each kind's zod record schema, described by the zod description or the GraphQL field of the same
// name), every relationship (src/graph/relationships.ts), the claim's properties (CLAIM_SCHEMA),
// the bookkeeping labels, and the parts written by hand here: the licence and why, how to cite a
// release, and the release notes (release-notes.yaml). Deterministic: kinds and relationships
// sorted, no dates. `npm run docs:data` writes it (formatted by Prettier, as the repository's
// lint wants); `npm run docs:data -- --check` fails when it is stale.
import path from 'node:path';
import type { GraphQLNamedType, GraphQLSchema } from 'graphql';
import { isObjectType } from 'graphql';
import type { z } from 'zod';
import { type JsonProp, jsonSchemaOf, PATTERN_HINTS } from '../graph/curation/curation.validation';
import { STORED_SCORE_KEYS } from '../graph/evidence/score';
import { GRAPH_VERSION_LABEL, GRAPH_VERSION_PROPERTIES } from '../db/graphVersion';
import { EVIDENCE_CARD_PROPERTIES } from '../graph/dashboard/card.store';
import { EVIDENCE_CARD_LABEL } from '../graph/dashboard/dashboard.repository';
import { AUDIT_LABEL, ENTITY_LABEL } from '../graph/model';
import { ENTITY_DEFINITIONS, LABELS } from '../graph/registry';
import { RELATIONSHIPS } from '../graph/relationships';
import { RELEASE_LABEL, RELEASE_PROPERTIES } from '../graph/stats/release.repository';
import { projectRoot } from '../paths';
import { CLAIM_SCHEMA, METADATA_PROPERTIES, SEARCH_TEXT_PROPERTIES } from '../seed/schema';
import { DATA_VERSION_HEADER } from '../graph/stats/data-version';
import { citationText, LICENCE } from './licence';
import { type ReleaseNote, readReleaseNotes, RELEASE_NOTES_FILE } from './release-notes';

export const DATA_DOC = path.join(projectRoot, 'docs', 'DATA.md');

/**
 * Stored fields the API shows in another form, so that the GraphQL field of the same name (if any)
 * does not describe what a record holds. Used before the GraphQL descriptions.
 */
const STORED_FORM: Record<string, string> = {
  sources: 'Ids of the Sources that describe it (stored as `sourceIds`; the API resolves them as `sources`).',
  xrefs: 'Other CURIEs that name exactly this (the API shows them, with the primary CURIE, as `crossReferences`).',
  ingestedFields:
    'Fields an ingestion set (`ctgov/enrollment`), or list items it added (`ontology/synonyms=MSC`); all other values are curated. API: `provenance.ingestedFields`.',
  ingestedFrom: 'The source record of those fields. API: `provenance.ingestedFrom`.',
  ingestedBy: 'The ingestion that last set fields, e.g. `ingest:ctgov`. API: `provenance.ingestedBy`.',
  retrievedAt: 'When that record was retrieved. API: `provenance.retrievedAt`.',
  alternativeValues:
    'Values an ingested source states that differ from the curated ones, as JSON; the curated value is kept. API: `provenance.alternativeValues`.',
};

const CLAIM_STORED_FORM: Record<string, string> = {
  subject: 'Id of the entity the relationship starts from (the relationship’s start node).',
  object: 'Id of the entity it points to (the relationship’s end node).',
  sources: 'Ids of the cited Sources, at least one (stored as `sourceIds`).',
};

/** Text safe in a table cell: one line, pipes escaped. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const code = (text: string) => `\`${text}\``;

function rangeOf(p: JsonProp): string {
  const bound = (v: number | undefined) =>
    v !== undefined && Math.abs(v) < Number.MAX_SAFE_INTEGER ? String(v) : undefined;
  const [low, high] = [bound(p.minimum), bound(p.maximum)];
  return low === undefined && high === undefined ? '' : ` (${low ?? '…'} to ${high ?? '…'})`;
}

/** A field's type in words, from its JSON Schema (zod's own export). */
export function typeInWords(p: JsonProp & { default?: unknown }): string {
  const fallback = p.default === undefined ? '' : `; default ${code(String(p.default))}`;
  if (p.type === 'array') {
    return `list of ${typeInWords(p.items ?? {})}`;
  }
  if (p.enum !== undefined) {
    return `one of ${p.enum.map(code).join(', ')}${fallback}`;
  }
  if (p.format === 'date' || p.format === 'date-time' || p.format === 'uri') {
    return { date: 'date (YYYY-MM-DD)', 'date-time': 'date-time (ISO 8601)', uri: 'URL' }[p.format];
  }
  if (p.type === 'number' || p.type === 'integer') {
    return `${p.type}${rangeOf(p)}`;
  }
  const hint = p.pattern === undefined ? undefined : PATTERN_HINTS[p.pattern];
  if (hint !== undefined) {
    return `text: ${hint}`;
  }
  return p.maxLength === undefined ? 'text' : `text (at most ${p.maxLength} characters)`;
}

/** A GraphQL type's field descriptions, by field name. */
function descriptionsOf(type: GraphQLNamedType | undefined | null): Record<string, string> {
  if (!isObjectType(type)) {
    return {};
  }
  return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, f.description ?? '']));
}

function fieldTable(schema: z.ZodObject, ...described: Array<Record<string, string>>): string[] {
  const json = jsonSchemaOf(schema);
  const required = new Set(json.required ?? []);
  const shape = schema.shape as Record<string, z.ZodType>;
  const meaning = (field: string) =>
    shape[field]?.description ?? described.map((d) => d[field]).find((d) => d !== undefined && d !== '') ?? '';
  return [
    '| field | type | required | meaning |',
    '| --- | --- | --- | --- |',
    ...Object.entries(json.properties).map(
      ([field, p]) =>
        `| ${code(field)} | ${cell(typeInWords(p))} | ${required.has(field) ? 'required' : 'optional'} | ${cell(meaning(field))} |`,
    ),
  ];
}

const LICENCE_SECTION = [
  '## Licence',
  '',
  `The data is released under the [${LICENCE.name}](${LICENCE.url}) licence (SPDX ${code(LICENCE.spdx)}).`,
  '',
  'Why this licence: researchers may copy, redistribute, combine and adapt the data for any purpose, ' +
    'commercial ones included, as long as they credit the release. That is what a research resource needs ' +
    'to be reused in other knowledge graphs, notebooks and pipelines, and the credit keeps the chain of ' +
    'provenance back to this graph. CC0 would drop the credit; ShareAlike or NonCommercial terms would keep ' +
    'the data out of many combined resources (Monarch, Open Targets and KG-Hub combine CC BY data). It is ' +
    'compatible with the terms of the sources: the graph states short facts with a citation, not their text.',
  '',
  'Ontology terms (MONDO, HP, CL, UBERON, GO: CC BY 4.0 or CC0), trial registry records ' +
    '(ClinicalTrials.gov) and articles keep their own licences and terms. Every claim cites its sources, ' +
    "and a release's `manifest.json` lists every Source with its version (`recordVersion`, `accessed`) and " +
    'identifiers, which credits them; keep that list with any redistribution.',
];

const CITATION_SECTION = [
  '## How to cite a release',
  '',
  'Cite the version you used, its release date and, to pin the exact files, the sha256 of its `manifest.json`:',
  '',
  `> ${citationText({ version: '[version]', date: '[release date]' })} Manifest sha256 [checksum].`,
  '',
  'For example:',
  '',
  `> ${citationText({ version: '2026.1', date: '2026-12-04', url: 'https://…/releases/2026.1' })} Manifest sha256 9f2c…`,
  '',
  'A bundle carries its own `CITATION.cff` (read by GitHub, Zenodo and reference managers) and its ' +
    '`manifest.json` (version, `releasedAt`, counts, the sha256 of every file, the sources, the licence); ' +
    `the graph records the manifest's sha256 with the release. A server names the latest release in ` +
    `\`stats { dataVersion releasedAt }\` and in the ${code(DATA_VERSION_HEADER)} response header; ` +
    '`stats { changedSinceRelease }` says whether the graph has been written through the API since, so ' +
    'that answers you cite may differ from the release.',
];

function releaseNotesSection(notes: ReleaseNote[]): string[] {
  return [
    '## Release notes',
    '',
    `Written by hand in ${code(path.relative(projectRoot, RELEASE_NOTES_FILE))}, newest first; the date and ` +
      "counts of a release are in its manifest. Make a release with `npm run release -- <version>` (README, 'Data releases').",
    '',
    ...notes.flatMap((release) => [`### ${release.version}`, '', ...release.notes.map((n) => `- ${n}`), '']),
  ];
}

function entitySections(schema: GraphQLSchema): string[] {
  const lines = [
    '## Entity labels',
    '',
    `Every entity node has the label of its kind and the label ${code(ENTITY_LABEL)}, and a stable, readable ` +
      '`id` (`<prefix>:lower-case-words`). The fields below are those of a record: the seed format, the ' +
      'node-link JSON and CSV exports, and the properties of the stored node (`sources` is stored as ' +
      `\`sourceIds\`). Stored but not released: curation metadata (${METADATA_PROPERTIES.map(code).join(', ')}) ` +
      `and search text derived from the record (${SEARCH_TEXT_PROPERTIES.map(code).join(', ')}).`,
    '',
  ];
  const common = descriptionsOf(schema.getType('Entity'));
  for (const label of [...LABELS].sort()) {
    const definition = ENTITY_DEFINITIONS[label];
    const type = schema.getType(label);
    lines.push(
      `### ${label}`,
      '',
      `${type?.description ?? definition.display.name} Ids: ${code(`${definition.idPrefix}:…`)}.`,
      '',
      ...fieldTable(definition.record, STORED_FORM, descriptionsOf(type), common),
      '',
    );
  }
  return lines;
}

function relationshipSection(): string[] {
  const sorted = [...RELATIONSHIPS].sort(
    (a, b) => a.type.localeCompare(b.type) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
  );
  return [
    '## Relationship types',
    '',
    'Every relationship is a claim, with the properties of the next section. A type may join several ' +
      'pairs of labels. Read a claim as "from verb to" (or "to inverse verb from"); `flow` is the way a ' +
      'chain of reasoning follows it (`paths`): `out` from → to, `in` to → from. The GraphQL fields walk it ' +
      'from each end.',
    '',
    '| type | from → to | verb (inverse) | meaning | Biolink | flow | GraphQL fields |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...sorted.map(
      (r) =>
        `| ${code(r.type)} | ${r.from} → ${r.to} | ${r.verbs.out} (${r.verbs.in}) | ${cell(r.meaning)} | ` +
        `${code(r.biolink)} | ${r.flow} | ${code(`${r.from}.${r.outField}`)}, ${code(`${r.to}.${r.inField}`)} |`,
    ),
    '',
  ];
}

function claimSection(schema: GraphQLSchema): string[] {
  return [
    '## Claim properties',
    '',
    'Every relationship carries these (the seed `claims.yaml`, the `edges` of the node-link JSON, ' +
      '`edges.csv`). `id`, `type`, `subject` and `object` are the relationship itself; the rest are its ' +
      `properties. Stored but not released: the evidence score (${STORED_SCORE_KEYS.map(code).join(', ')}), ` +
      'which every writer recomputes (docs/EVIDENCE.md).',
    '',
    ...fieldTable(
      CLAIM_SCHEMA,
      CLAIM_STORED_FORM,
      descriptionsOf(schema.getType('Claim')),
      descriptionsOf(schema.getType('Evidence')),
    ),
    '',
  ];
}

function bookkeepingSection(): string[] {
  return [
    '## Bookkeeping labels',
    '',
    `Nodes without the ${code(ENTITY_LABEL)} label, which the API's lists, \`stats\` counts and exports never ` +
      'show, and which no release contains:',
    '',
    `- ${code(AUDIT_LABEL)}: one per write through the API (who, when, what, each changed field); read with ` +
      "`auditLog` (README, 'Audit trail').",
    `- ${code(RELEASE_LABEL)}: one per data release, written by \`npm run release\`:`,
    ...Object.entries(RELEASE_PROPERTIES).map(([property, meaning]) => `  - ${code(property)}: ${meaning}`),
    `- ${code(GRAPH_VERSION_LABEL)}: one node, the graph version that keys the response cache (README, 'Replicas'):`,
    ...Object.entries(GRAPH_VERSION_PROPERTIES).map(([property, meaning]) => `  - ${code(property)}: ${meaning}`),
    `- ${code(EVIDENCE_CARD_LABEL)}: one per condition, its evidence card without an intervention as ` +
      "`evidenceSummary` answers it, kept true by every write (README, 'Stored evidence cards'):",
    ...Object.entries(EVIDENCE_CARD_PROPERTIES).map(([property, meaning]) => `  - ${code(property)}: ${meaning}`),
    '',
  ];
}

/** docs/DATA.md before formatting: the same text for the same code and notes. */
export function dataDoc(schema: GraphQLSchema, notes: ReleaseNote[] = readReleaseNotes()): string {
  return [
    '# The data: model, licence, citation and releases',
    '',
    '<!-- Generated by `npm run docs:data` from the code (src/release/data-doc.ts) and ' +
      'src/release/release-notes.yaml. Do not edit: `npm run docs:data -- --check` and a test fail when it is stale. -->',
    '',
    'The graph is a property graph in Neo4j: entities (nodes) and claims (relationships), each claim ' +
      'with its evidence and sources. A data release (`npm run release -- <version>`) writes it as ' +
      'node-link JSON (its edge list under `edges`, the key networkx 3.6 reads by default), CSV (with ' +
      '`datapackage.json`, a Frictionless Data Package whose Table Schema types every column as below), ' +
      'GraphML and the seed format, with a manifest of counts, checksums and sources.',
    '',
    ...LICENCE_SECTION,
    '',
    ...CITATION_SECTION,
    '',
    ...releaseNotesSection(notes),
    ...entitySections(schema),
    ...relationshipSection(),
    ...claimSection(schema),
    ...bookkeepingSection(),
  ].join('\n');
}
