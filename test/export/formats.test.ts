// The export formats as pure functions, without a database: records read back from stored
// properties equal the seed records, per-record YAML equals whole-document YAML, CSV cells survive
// any text, and broken json/csv exports are refused with every problem named.
import { stringify } from 'yaml';
import { documentsFromCsv, csvRow, EDGE_COLUMNS, NODE_COLUMNS, parseCsv } from '../../src/export/csv';
import { documentsFromNodeLink } from '../../src/export/import';
import { nodeLinkChunks } from '../../src/export/json';
import type { GraphSource } from '../../src/export/export.repository';
import { claimRecordOf, entityRecordOf, ExportError, type GraphClaim, type GraphNode } from '../../src/export/records';
import { seedFileChunks, YAML_OPTIONS } from '../../src/export/seed';
import { edgesCsvChunks, nodesCsvChunks } from '../../src/export/csv';
import { readSeed } from '../../src/seed';
import { claimProperties, recordProperties } from '../../src/seed/load';
import { validateSeed } from '../../src/seed/validate';
import type { RelationshipType } from '../../src/graph/model';

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
  it('round-trips the whole seed to the same records', async () => {
    const { nodes, claims } = storedSeed();
    const data = JSON.parse(await text(nodeLinkChunks(memorySource(nodes, claims))));
    expect(data).toMatchObject({ directed: true, multigraph: true, graph: { name: 'discgraph' } });
    expect(data.nodes).toHaveLength(nodes.length);
    expect(data.links).toHaveLength(claims.length);
    const { documents, problems } = documentsFromNodeLink(data, 'graph.json');
    expect(problems).toEqual([]);
    const back = validateSeed(documents);
    expect(back.entities).toHaveLength(seed.entities.length);
    expect(back.claims.map((c) => c.record)).toEqual(seed.claims.map((c) => c.record));
  });

  it('accepts networkx 3.6 "edges" in place of "links", and reports a broken document', () => {
    const ok = documentsFromNodeLink({ directed: true, nodes: [], edges: [] }, 'g.json');
    expect(ok.problems).toEqual([]);
    const bad = documentsFromNodeLink(
      { directed: false, nodes: [{ id: 'condition:x', label: 'Disease' }], links: [{ key: 'claim:a', id: 'claim:b' }] },
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
