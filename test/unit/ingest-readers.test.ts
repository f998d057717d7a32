// The ingestion readers on recorded responses: what a study, an article and a term become, what an
// invalid record is refused for (file, record and field named), the reviewed mapping table, and the
// merge rules that keep curated values.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ctgovBatch, pagesOf } from '../../src/ingest/ctgov';
import { europepmcBatch } from '../../src/ingest/europepmc';
import { classify } from '../../src/ingest/literature';
import { MappingTable } from '../../src/ingest/mapping';
import { mergeStatement } from '../../src/ingest/merge';
import type { EntityStatement } from '../../src/ingest/model';
import { ontologyBatch } from '../../src/ingest/obographs';
import { pubmedBatch } from '../../src/ingest/pubmed';
import { readSeed } from '../../src/seed';

const dir = path.join(__dirname, '..', 'fixtures', 'ingest');
const text = (file: string) => readFileSync(path.join(dir, file), 'utf8');
const json = (file: string) => JSON.parse(text(file)) as unknown;
const AT = '2026-12-04T10:00:00.000Z';
const table = MappingTable.read();

function ctgov(file: string) {
  const { pages, problems } = pagesOf(json(file), file);
  const result = ctgovBatch(pages, file, table, AT);
  return { ...result, problems: [...problems, ...result.problems] };
}

describe('ClinicalTrials.gov studies', () => {
  const { batch, problems } = ctgov('ctgov/studies.json');
  const trial = (nct: string) => batch.entities.find((e) => e.label === 'Trial' && e.record === nct)!;

  it('become trials with their registry facts, each cited to its registry record and its version', () => {
    expect(problems).toEqual([]);
    expect(batch.records).toBe(6);
    const mpc3 = trial('NCT02412735');
    expect(mpc3.match).toEqual([{ property: 'registryId', value: 'NCT02412735' }]);
    expect(mpc3.source).toBe('source:ctgov-nct02412735');
    expect(mpc3.fields).toMatchObject({
      registryId: 'NCT02412735',
      phase: 'PHASE_3',
      startDate: '2015-03',
      startYear: 2015,
      completionDate: '2021-06',
      completionYear: 2021,
      sponsor: 'Mesoblast',
      enrollment: 404,
      enrollmentKind: 'ACTUAL',
    });
    const registered = (mpc3.fields.registeredOutcomes as string[]).map((o) => JSON.parse(o) as { kind: string });
    expect(registered.some((o) => o.kind === 'PRIMARY')).toBe(true);
    const source = batch.entities.find((e) => e.id === 'source:ctgov-nct02412735')!;
    expect(source.fields).toMatchObject({
      kind: 'TRIAL_REGISTRY_RECORD',
      registryId: 'NCT02412735',
      recordVersion: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      accessed: '2026-12-04',
    });
  });

  it('link conditions and interventions through the reviewed table only, and report the rest', () => {
    const links = batch.claims.filter((c) => c.subject === 'trial:nct01290367').map((c) => `${c.type} ${c.object}`);
    expect(links).toEqual(
      expect.arrayContaining(['STUDIES condition:degenerative-disc-disease', 'TESTS product:rexlemestrocel-l']),
    );
    for (const claim of batch.claims) {
      expect(claim).toMatchObject({
        agentType: 'AUTOMATED_AGENT',
        sources: [`source:ctgov-${claim.record.toLowerCase()}`],
      });
    }
    // Controls are reviewed as "not in the graph"; nothing in the fixtures is left to guess.
    expect(batch.unmapped).toEqual([]);
    const withoutTable = ctgovBatch(pagesOf(json('ctgov/studies.json'), 'x').pages, 'x', emptyTable(), AT).batch;
    expect(withoutTable.claims.filter((c) => ['STUDIES', 'TESTS', 'TESTS_CELL_TYPE'].includes(c.type))).toEqual([]);
    expect(withoutTable.unmapped).toContainEqual({
      record: 'NCT03347708',
      field: 'interventions[0]',
      value: 'BIOLOGICAL: IDCT',
      keys: ['name:idct'],
    });
  });

  it('map a posted result through its reviewed reading, with what the registry does not report declared', () => {
    const outcome = batch.entities.find((e) => e.label === 'Outcome')!;
    expect(outcome.fields).toMatchObject({
      measure: 'PAIN',
      estimateKind: 'PERCENT_CHANGE',
      value: -62.8,
      pValue: 0.0005,
      direction: 'NOT_STATED',
      timepointMonths: 12,
    });
    expect(outcome.fields.notReported).toEqual(expect.arrayContaining(['INTERVAL', 'COMPARATOR', 'BASELINE']));
  });

  it.each([
    [
      'ctgov/invalid/no-nct-id.json',
      'study #2',
      'protocolSection.identificationModule.nctId',
      /every study needs its NCT id/,
    ],
    [
      'ctgov/invalid/bad-date.json',
      'NCT02412735',
      'protocolSection.statusModule.startDateStruct.date',
      /must be a date such as 2015/,
    ],
    ['ctgov/invalid/bad-enum.json', 'NCT02412735', 'protocolSection.statusModule.overallStatus', /expected one of/],
  ])('refuse %s, naming the record and the field', (file, record, field, message) => {
    expect(ctgov(file).problems).toContainEqual({
      file,
      record,
      field,
      message: expect.stringMatching(message),
      kind: 'Trial',
    });
  });
});

/** A table with no entries: every condition and intervention is unmapped. */
function emptyTable(): MappingTable {
  const file = path.join(tmpdir(), `empty-mapping-${process.pid}.yaml`);
  writeFileSync(file, 'kind: Mapping\nmappings: []\n');
  return MappingTable.read(file);
}

describe('PubMed and Europe PMC records', () => {
  it('become sources matched by DOI, with kinds from their publication types, linked to the trials they name', () => {
    const { batch, problems } = pubmedBatch(text('pubmed/efetch.xml'), 'pubmed/efetch.xml', AT);
    expect(problems).toEqual([]);
    const amirdelfan = batch.entities.find((e) => e.fields.doi === '10.1016/j.spinee.2020.10.004')!;
    expect(amirdelfan.match).toContainEqual({ property: 'doi', value: '10.1016/j.spinee.2020.10.004' });
    expect(amirdelfan.fields).toMatchObject({ kind: 'PEER_REVIEWED_ARTICLE', articleType: 'TRIAL_REPORT', year: 2021 });
    const schneider = batch.entities.find((e) => e.fields.doi === '10.1016/j.spinee.2021.07.015')!;
    expect(schneider.fields).toMatchObject({ kind: 'SYSTEMATIC_REVIEW', articleType: 'SYSTEMATIC_REVIEW' });
    expect(batch.claims.map((c) => [c.type, c.objectMatch?.value, c.agentType])).toContainEqual([
      'DESCRIBES_TRIAL',
      'NCT01290367',
      'AUTOMATED_AGENT',
    ]);
  });

  it('refuse XML that is not well-formed, and an article whose year is not a year', () => {
    expect(pubmedBatch(text('pubmed/broken.xml'), 'pubmed/broken.xml', AT).problems).toEqual([
      {
        file: 'pubmed/broken.xml',
        record: '(file)',
        field: expect.stringMatching(/^line \d+, column \d+$/),
        message: expect.stringMatching(/^not well-formed XML/),
      },
    ]);
    const { batch, problems } = pubmedBatch(text('pubmed/invalid-year.xml'), 'pubmed/invalid-year.xml', AT);
    expect(problems).toEqual([
      {
        file: 'pubmed/invalid-year.xml',
        record: 'PMID 99000001',
        field: 'Article.Journal.JournalIssue.PubDate.Year',
        message: 'must be a four-digit year',
        kind: 'Source',
      },
    ]);
    expect(batch.entities).toHaveLength(1);
  });

  it('refuse a Europe PMC result that cannot be cited', () => {
    const { problems } = europepmcBatch(json('europepmc/invalid.json'), 'europepmc/invalid.json', AT);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'europepmc/invalid.json',
        field: 'pmid',
        message: expect.stringMatching(/no PMID, PMCID or DOI/),
      }),
    ]);
  });

  it('classify articles by their strongest publication type', () => {
    expect(classify(['Journal Article', 'Meta-Analysis', 'Systematic Review'])).toEqual({
      kind: 'SYSTEMATIC_REVIEW',
      articleType: 'META_ANALYSIS',
    });
    expect(classify(['Journal Article', 'Clinical Trial, Phase I'])).toEqual({
      kind: 'PEER_REVIEWED_ARTICLE',
      articleType: 'TRIAL_REPORT',
    });
    expect(classify(['Journal Article', 'Review'])).toEqual({ kind: 'PEER_REVIEWED_ARTICLE', articleType: 'REVIEW' });
    expect(classify(['Journal Article'])).toEqual({ kind: 'PEER_REVIEWED_ARTICLE', articleType: 'OTHER' });
  });
});

describe('OBO Graphs', () => {
  const used = [
    { id: 'cell-type:mesenchymal-stem-cell', label: 'CellType', curie: 'CL:0000134', xrefs: [] },
    { id: 'cell-type:bone-marrow-mesenchymal-stem-cell', label: 'CellType', curie: 'CL:0002540', xrefs: [] },
    { id: 'mechanism:anti-inflammatory', label: 'Mechanism', curie: 'GO:0050728', xrefs: [] },
  ];

  it("give the graph's terms the ontology's labels, synonyms and subclass links, cited to the release", () => {
    const { batch, problems } = ontologyBatch(json('ontology/terms.obographs.json'), 'terms.json', used, AT);
    expect(problems).toEqual([]);
    const msc = batch.entities.find((e) => e.id === 'cell-type:mesenchymal-stem-cell')!;
    expect(msc.fields.synonyms).toEqual(expect.arrayContaining(['mesenchymal stromal cell', 'MSC']));
    expect(msc.source).toBe('source:obo-cl');
    expect(batch.claims).toContainEqual(
      expect.objectContaining({
        type: 'SUBCLASS_OF',
        subject: 'cell-type:bone-marrow-mesenchymal-stem-cell',
        object: 'cell-type:mesenchymal-stem-cell',
        sources: ['source:obo-cl'],
      }),
    );
    // GO terms are Mechanisms, which have no hierarchy: their parents are reported, not added.
    expect(batch.unmapped).toContainEqual(
      expect.objectContaining({ record: 'GO:0050728', field: 'is_a', value: 'GO:0031348' }),
    );
    const release = batch.entities.find((e) => e.id === 'source:obo-cl')!;
    expect(release.fields).toMatchObject({ kind: 'ONTOLOGY', recordVersion: expect.stringContaining('releases') });
  });

  it('refuse a node without an id and an edge without a predicate', () => {
    const { problems } = ontologyBatch(json('ontology/invalid.json'), 'ontology/invalid.json', used, AT);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'ontology/invalid.json',
          field: 'id',
          message: expect.stringMatching(/needs its IRI/),
        }),
        expect.objectContaining({ file: 'ontology/invalid.json', field: 'pred', message: 'is missing' }),
      ]),
    );
  });
});

describe('the reviewed mapping table', () => {
  it('maps only to entities of the seed', () => {
    const ids = new Set(readSeed('seed').entities.map((e) => e.record.id));
    expect(table.entityIds().filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe('merging a statement into what the graph holds', () => {
  const statement = (fields: Record<string, unknown>): EntityStatement => ({
    label: 'Trial',
    id: 'trial:x',
    match: [],
    fields,
    source: 'source:ctgov-x',
    complete: true,
    record: 'NCTX',
  });
  const curated = {
    id: 'trial:x',
    name: 'Curated name',
    enrollment: 100,
    status: 'UNKNOWN',
    synonyms: ['X'],
    sources: ['source:paper'],
  };

  it('fills what curators left unstated, keeps what they stated, and sets a differing value beside it', () => {
    const { record, conflicts } = mergeStatement(
      curated,
      statement({ name: 'Registry name', enrollment: 104, status: 'COMPLETED', sponsor: 'Acme' }),
      'ingest:ctgov',
      AT,
    );
    expect(record).toMatchObject({ name: 'Curated name', enrollment: 100, status: 'COMPLETED', sponsor: 'Acme' });
    expect(record.sources).toEqual(['source:paper', 'source:ctgov-x']);
    expect(record.ingestedFields).toEqual(['ctgov/sponsor', 'ctgov/status']);
    expect(conflicts).toEqual(['name', 'enrollment']);
    expect((record.alternativeValues as string[]).map((a) => JSON.parse(a) as unknown)).toEqual([
      { field: 'enrollment', value: 104, source: 'source:ctgov-x', agent: 'ingest:ctgov', retrievedAt: AT },
      { field: 'name', value: 'Registry name', source: 'source:ctgov-x', agent: 'ingest:ctgov', retrievedAt: AT },
    ]);
  });

  it('changes its own fields when the source changes, drops what the source dropped, and is stable otherwise', () => {
    const first = mergeStatement(curated, statement({ sponsor: 'Acme', acronym: 'A-1' }), 'ingest:ctgov', AT).record;
    const again = mergeStatement(
      first,
      statement({ sponsor: 'Acme', acronym: 'A-1' }),
      'ingest:ctgov',
      '2027-01-01T00:00:00.000Z',
    );
    expect(again.record).toBe(first);
    const changed = mergeStatement(
      first,
      statement({ sponsor: 'Acme Bio' }),
      'ingest:ctgov',
      '2027-01-01T00:00:00.000Z',
    ).record;
    expect(changed).toMatchObject({ sponsor: 'Acme Bio', retrievedAt: '2027-01-01T00:00:00.000Z' });
    expect(changed.acronym).toBeUndefined();
    expect(changed.enrollment).toBe(100);
  });

  it("adds a source's synonyms to the curated ones, never repeating the name", () => {
    const { record } = mergeStatement(
      curated,
      { ...statement({ synonyms: ['curated name', 'X', 'Y'] }), complete: false },
      'ingest:ontology',
      AT,
    );
    expect(record.synonyms).toEqual(['X', 'Y']);
    expect(record.ingestedFields).toEqual(['ontology/synonyms=Y']);
  });
});
