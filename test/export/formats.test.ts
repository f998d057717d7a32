// The export formats as pure functions, without a database: records read back from stored
// properties equal the seed records, per-record YAML equals whole-document YAML, CSV cells survive
// any text, and broken json/csv exports are refused with every problem named.
import { stringify } from 'yaml';
import { documentsFromCsv, csvRow, EDGE_COLUMNS, NODE_COLUMNS, parseCsv } from '../../src/export/csv';
import { documentsFromNodeLink } from '../../src/export/import';
import { nodeLinkChunks } from '../../src/export/json';
import { DATAPACKAGE_FILE, dataPackage, tableFieldOf, type TableField } from '../../src/export/datapackage';
import { exportFiles } from '../../src/export';
import { CLAIM_FIELDS, claimFieldKind, entityFieldKind, type FieldKind } from '../../src/export/records';
import { LABELS } from '../../src/graph/registry';
import type { GraphSource } from '../../src/export/export.repository';
import { claimRecordOf, entityRecordOf, ExportError, type GraphClaim, type GraphNode } from '../../src/export/records';
import { seedFileChunks, YAML_OPTIONS } from '../../src/export/seed';
import { edgesCsvChunks, nodesCsvChunks } from '../../src/export/csv';
import { readSeed } from '../../src/seed';
import { claimProperties, recordProperties } from '../../src/seed/load';
import { validateSeed } from '../../src/seed/validate';
import { PRODUCT_KINDS, type RelationshipType, SOURCE_KINDS } from '../../src/graph/model';

const seed = readSeed('seed');

/** The seed graph as the stored properties the loader writes, without a database. */
function storedSeed(): { nodes: GraphNode[]; claims: GraphClaim[] } {
  return {
    nodes: seed.entities.map((e) => ({
      id: e.record.id,
      label: e.label,
      properties: { ...recordProperties(e.record), createdAt: '2024-01-01T00:00:00Z', version: 3, updatedBy: 'x' },
    })),
    claims: seed.claims.map((c) => ({
      id: c.record.id,
      type: c.record.type as RelationshipType,
      subject: c.record.subject,
      object: c.record.object,
      properties: { ...claimProperties(c.record), createdAt: '2024-01-01T00:00:00Z' },
    })),
  };
}

function memorySource(nodes: GraphNode[], claims: GraphClaim[]): GraphSource {
  return {
    async *nodes(label) {
      yield* nodes.filter((n) => label === undefined || n.label === label);
    },
    async *claims() {
      yield* claims;
    },
  };
}

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) {
    out += chunk;
  }
  return out;
}

async function* each<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

describe('stored properties back to seed records', () => {
  const { nodes, claims } = storedSeed();

  it('inverts recordProperties exactly, keys in schema order, for every seed entity', () => {
    nodes.forEach((node, i) => {
      const record = entityRecordOf(node);
      expect(JSON.stringify(record)).toBe(JSON.stringify(seed.entities[i].record));
    });
  });

  it('inverts claimProperties exactly for every seed claim', () => {
    claims.forEach((claim, i) => {
      expect(JSON.stringify(claimRecordOf(claim))).toBe(JSON.stringify(seed.claims[i].record));
    });
  });

  it('refuses a stored property the seed schema does not define, naming it', () => {
    const node = { ...nodes[0], properties: { ...nodes[0].properties, colour: 'red' } };
    expect(() => entityRecordOf(node)).toThrow(ExportError);
    expect(() => entityRecordOf(node)).toThrow(/has a property "colour"/);
    const source = nodes.find((n) => n.label === 'Source')!;
    expect(() => entityRecordOf({ ...source, properties: { ...source.properties, sourceIds: ['source:cl'] } })).toThrow(
      /"sourceIds"/,
    );
  });
});

describe('seed YAML', () => {
  const tricky = [
    { id: 'condition:a', name: 'colon: inside', description: 'line one\nline two\n\nafter a blank line\n' },
    { id: 'condition:b', name: '"quoted" and \'single\'', description: '  leading spaces, # hash, - dash' },
    { id: 'condition:c', name: 'ünïcödé – dash … ', synonyms: ['yes', 'null', '1e3', '0x10', ''], xrefs: [] },
  ];

  it('stringifies record by record to the same bytes as the whole document', async () => {
    const streamed = await text(seedFileChunks('Condition', each(tricky)));
    expect(streamed).toBe(stringify({ kind: 'Condition', records: tricky }, YAML_OPTIONS));
    expect(await text(seedFileChunks('Risk', each([])))).toBe(stringify({ kind: 'Risk', records: [] }, YAML_OPTIONS));
  });
});

describe('csv', () => {
  it('quotes what needs it and parses back to the same cells', () => {
    const cells = ['plain', 'comma, inside', 'quote " inside', 'line\r\nbreak', 'lf\nonly', '', ' spaced ', 'ünï'];
    const textRows = csvRow(cells) + csvRow(['a', 'b']);
    expect(parseCsv(textRows)).toEqual([cells, ['a', 'b']]);
    expect(parseCsv('\uFEFFa,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('round-trips the whole seed through nodes.csv and edges.csv to the same records', async () => {
    const { nodes, claims } = storedSeed();
    const source = memorySource(nodes, claims);
    const nodesText = await text(nodesCsvChunks(source));
    const edgesText = await text(edgesCsvChunks(source));
    expect(parseCsv(nodesText)[0]).toEqual(NODE_COLUMNS);
    expect(parseCsv(edgesText)[0]).toEqual(EDGE_COLUMNS);
    const { documents, problems } = documentsFromCsv(
      { file: 'nodes.csv', text: nodesText },
      { file: 'edges.csv', text: edgesText },
    );
    expect(problems).toEqual([]);
    const back = validateSeed(documents);
    const byId = <T extends { record: { id: string } }>(items: T[]) =>
      Object.fromEntries(items.map((i) => [i.record.id, i.record]));
    expect(byId(back.entities)).toEqual(byId(seed.entities));
    expect(byId(back.claims)).toEqual(byId(seed.claims));
  });

  it('reports the shape of a broken table: missing columns, ragged rows, unknown labels', () => {
    const { problems } = documentsFromCsv(
      { file: 'nodes.csv', text: 'id,name\r\ncondition:x,X,extra\r\n' },
      { file: 'edges.csv', text: 'id,type,source\r\n' },
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'nodes.csv', record: '(header)', field: 'label' }),
        expect.objectContaining({ file: 'nodes.csv', record: 'row 1', field: '(row)' }),
        expect.objectContaining({ file: 'nodes.csv', record: 'condition:x', field: 'label' }),
        expect.objectContaining({ file: 'edges.csv', record: '(header)', field: 'target' }),
      ]),
    );
  });

  it('lets validation name a cell that does not fit its field', () => {
    const header = NODE_COLUMNS.join(',');
    const row = NODE_COLUMNS.map((c) =>
      c === 'id'
        ? 'source:x'
        : c === 'label'
          ? 'Source'
          : c === 'name'
            ? 'X'
            : c === 'kind'
              ? 'ONTOLOGY'
              : c === 'year'
                ? 'soon'
                : '',
    ).join(',');
    const { documents } = documentsFromCsv(
      { file: 'nodes.csv', text: `${header}\r\n${row}\r\n` },
      { file: 'edges.csv', text: `${EDGE_COLUMNS.join(',')}\r\n` },
    );
    expect(() => validateSeed(documents)).toThrow(/nodes\.csv: record source:x: field year/);
  });
});

describe('node-link json', () => {
  it('names the edge list "edges", as networkx 3.6 reads by default, and round-trips the whole seed', async () => {
    const { nodes, claims } = storedSeed();
    const data = JSON.parse(await text(nodeLinkChunks(memorySource(nodes, claims))));
    expect(Object.keys(data)).toEqual(['directed', 'multigraph', 'graph', 'nodes', 'edges']);
    expect(data).toMatchObject({ directed: true, multigraph: true, graph: { name: 'discgraph' } });
    expect(data.nodes).toHaveLength(nodes.length);
    expect(data.edges).toHaveLength(claims.length);
    const { documents, problems } = documentsFromNodeLink(data, 'graph.json');
    expect(problems).toEqual([]);
    const back = validateSeed(documents);
    expect(back.entities).toHaveLength(seed.entities.length);
    expect(back.claims.map((c) => c.record)).toEqual(seed.claims.map((c) => c.record));
  });

  it('names it "links" when asked (d3, networkx before 3.6), and reads that back to the same records', async () => {
    const { nodes, claims } = storedSeed();
    const data = JSON.parse(await text(nodeLinkChunks(memorySource(nodes, claims), { edgeKey: 'links' })));
    expect(Object.keys(data)).toEqual(['directed', 'multigraph', 'graph', 'nodes', 'links']);
    const { documents, problems } = documentsFromNodeLink(data, 'graph.json');
    expect(problems).toEqual([]);
    expect(validateSeed(documents).claims.map((c) => c.record)).toEqual(seed.claims.map((c) => c.record));
  });

  it('accepts an older export\'s "links", refuses both keys at once, and reports a broken document', () => {
    expect(documentsFromNodeLink({ directed: true, nodes: [], links: [] }, 'g.json').problems).toEqual([]);
    expect(documentsFromNodeLink({ directed: true, nodes: [], edges: [] }, 'g.json').problems).toEqual([]);
    const both = documentsFromNodeLink({ directed: true, nodes: [], edges: [], links: [] }, 'g.json');
    expect(both.problems).toEqual([
      expect.objectContaining({
        record: '(graph)',
        field: 'edges, links',
        message: expect.stringContaining('keep one'),
      }),
    ]);
    expect(documentsFromNodeLink({ directed: true, nodes: [] }, 'g.json').problems).toEqual([
      expect.objectContaining({ field: 'edges', message: expect.stringContaining('must be an array of edges') }),
    ]);
    const bad = documentsFromNodeLink(
      { directed: false, nodes: [{ id: 'condition:x', label: 'Disease' }], edges: [{ key: 'claim:a', id: 'claim:b' }] },
      'g.json',
    );
    expect(bad.problems.map((p) => `${p.record} ${p.field}`)).toEqual([
      '(graph) directed',
      'condition:x label',
      'claim:a id',
    ]);
    expect(documentsFromNodeLink([], 'g.json').problems[0].field).toBe('(json)');
  });
});

describe('datapackage.json', () => {
  const descriptor = dataPackage();
  const [nodesResource, edgesResource] = descriptor.resources;
  const field = (resource: typeof nodesResource, name: string): TableField =>
    resource.schema.fields.find((f) => f.name === name)!;
  /** The Table Schema types a CSV cell of each kind may be declared as. */
  const TYPES_OF: Record<FieldKind, string[]> = {
    integer: ['integer'],
    number: ['number'],
    list: ['array'],
    string: ['string', 'date', 'datetime'],
  };

  it('is written beside nodes.csv and edges.csv by the csv format', () => {
    expect(exportFiles('csv', memorySource([], [])).map((f) => f.file)).toEqual([
      'nodes.csv',
      'edges.csv',
      DATAPACKAGE_FILE,
    ]);
  });

  it('describes the columns the CSV writes, in its order, at relative paths', () => {
    expect(descriptor.profile).toBe('tabular-data-package');
    expect(descriptor.resources.map((r) => [r.name, r.path])).toEqual([
      ['nodes', 'nodes.csv'],
      ['edges', 'edges.csv'],
    ]);
    expect(nodesResource.schema.fields.map((f) => f.name)).toEqual(NODE_COLUMNS);
    expect(edgesResource.schema.fields.map((f) => f.name)).toEqual(EDGE_COLUMNS);
    for (const resource of descriptor.resources) {
      expect(resource.schema.missingValues).toEqual(['']);
      expect(resource.schema.primaryKey).toEqual(['id']);
      expect(resource.dialect).toMatchObject({
        delimiter: ',',
        lineTerminator: '\r\n',
        quoteChar: '"',
        doubleQuote: true,
      });
    }
    expect(edgesResource.schema.foreignKeys).toEqual([
      { fields: 'source', reference: { resource: 'nodes', fields: 'id' } },
      { fields: 'target', reference: { resource: 'nodes', fields: 'id' } },
    ]);
  });

  it('types every column as the record schemas do, for every kind that has it', () => {
    for (const column of nodesResource.schema.fields.filter((f) => f.name !== 'label')) {
      for (const label of LABELS) {
        const kind = entityFieldKind(label, column.name);
        if (kind !== undefined) {
          expect([column.name, TYPES_OF[kind]]).toEqual([column.name, expect.arrayContaining([column.type])]);
        }
      }
    }
    CLAIM_FIELDS.forEach((name, i) => {
      expect(TYPES_OF[claimFieldKind(name)!]).toContain(edgesResource.schema.fields[i].type);
    });
    expect(field(nodesResource, 'enrollment')).toMatchObject({ type: 'integer', constraints: { minimum: 0 } });
    expect(field(nodesResource, 'year')).toMatchObject({
      type: 'integer',
      constraints: { minimum: 1900, maximum: 2100 },
    });
    expect(field(nodesResource, 'followUpMonths').type).toBe('number');
    // A PubMed id is digits, but an identifier: text, never a number.
    expect(field(nodesResource, 'pmid').type).toBe('string');
    expect(field(nodesResource, 'accessed').type).toBe('date');
    expect(field(nodesResource, 'url')).toMatchObject({ type: 'string', format: 'uri' });
    expect(field(nodesResource, 'countries').type).toBe('array');
    // A partial date (2015, 2015-03) is not a Table Schema date.
    expect(field(nodesResource, 'startDate').type).toBe('string');
    expect(field(edgesResource, 'retrievedAt').type).toBe('datetime');
    expect(field(edgesResource, 'sources')).toMatchObject({ type: 'array', constraints: { required: true } });
  });

  it("requires a column only when every kind requires it, and allows every kind's values", () => {
    expect(field(nodesResource, 'id').constraints).toEqual({ required: true, unique: true });
    expect(field(nodesResource, 'name').constraints).toEqual({ required: true });
    expect(field(nodesResource, 'label').constraints).toEqual({ required: true, enum: [...LABELS] });
    // A Source has no sources of its own, so the column may be blank.
    expect(field(nodesResource, 'sources').constraints).toBeUndefined();
    // Products and Sources both have a kind, from different lists.
    expect(field(nodesResource, 'kind').constraints?.enum).toEqual([...PRODUCT_KINDS, ...SOURCE_KINDS]);
    expect(field(nodesResource, 'kind').constraints?.required).toBeUndefined();
    expect(field(edgesResource, 'type').constraints?.enum).toContain('HAS_OUTCOME');
  });

  it('maps each JSON Schema type, and names a field it cannot type', () => {
    expect(tableFieldOf('flag', { type: 'boolean' })).toEqual({ type: 'boolean' });
    expect(tableFieldOf('when', { type: 'string', format: 'date-time' })).toEqual({ type: 'datetime' });
    expect(() => tableFieldOf('shape', { type: 'object' })).toThrow(/record field "shape" has no Table Schema type/);
  });
});
