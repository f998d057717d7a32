// The `graphml` format, for Gephi, yEd, Cytoscape and networkx.read_graphml: one <key> per field
// (node keys prefixed n_, edge keys e_, since both have `sources`), typed long, double or string.
// GraphML has no list type, so lists are JSON arrays in string attributes; it is an export for
// viewing and analysis, not re-imported (use json or csv to edit and load back).
import { LABELS } from '../graph/registry';
import type { GraphSource } from './export.repository';
import {
  CLAIM_FIELDS,
  claimFieldKind,
  claimRecordOf,
  entityFieldKind,
  entityFields,
  entityRecordOf,
  type FieldKind,
  type Properties,
} from './records';

type GraphmlType = 'string' | 'long' | 'double';

const GRAPHML_TYPE: Record<FieldKind, GraphmlType> = {
  string: 'string',
  integer: 'long',
  number: 'double',
  list: 'string',
};

/** A field shared by several kinds keeps one type: the widest of theirs. */
function widest(types: GraphmlType[]): GraphmlType {
  if (types.includes('string')) {
    return 'string';
  }
  return types.includes('double') ? 'double' : 'long';
}

const NODE_KEYS: ReadonlyArray<{ name: string; type: GraphmlType }> = [
  { name: 'label', type: 'string' },
  ...[...new Set(LABELS.flatMap((label) => entityFields(label)).filter((f) => f !== 'id'))].map((name) => ({
    name,
    type: widest(
      LABELS.flatMap((label) => {
        const kind = entityFieldKind(label, name);
        return kind === undefined ? [] : [GRAPHML_TYPE[kind]];
      }),
    ),
  })),
];

const EDGE_KEYS: ReadonlyArray<{ name: string; type: GraphmlType }> = CLAIM_FIELDS.filter(
  (f) => !['id', 'subject', 'object'].includes(f),
).map((name) => ({ name, type: GRAPHML_TYPE[claimFieldKind(name) ?? 'string'] }));

// XML 1.0 cannot carry most C0 control characters, even escaped; they become U+FFFD.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function dataElements(prefix: string, keys: ReadonlyArray<{ name: string }>, record: Properties): string {
  return keys
    .filter(({ name }) => record[name] !== undefined && record[name] !== null)
    .map(({ name }) => {
      const value = record[name];
      const text = Array.isArray(value) ? JSON.stringify(value) : String(value);
      return `<data key="${prefix}${name}">${xmlEscape(text)}</data>`;
    })
    .join('');
}

export async function* graphmlChunks(source: GraphSource): AsyncGenerator<string> {
  yield (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
  );
  for (const { name, type } of NODE_KEYS) {
    yield `  <key id="n_${name}" for="node" attr.name="${name}" attr.type="${type}"/>\n`;
  }
  for (const { name, type } of EDGE_KEYS) {
    yield `  <key id="e_${name}" for="edge" attr.name="${name}" attr.type="${type}"/>\n`;
  }
  yield '  <graph id="discgraph" edgedefault="directed">\n';
  for await (const node of source.nodes()) {
    const record: Properties = { ...entityRecordOf(node), label: node.label };
    yield `    <node id="${xmlEscape(node.id)}">${dataElements('n_', NODE_KEYS, record)}</node>\n`;
  }
  for await (const claim of source.claims()) {
    const record = claimRecordOf(claim);
    yield (
      `    <edge id="${xmlEscape(claim.id)}" source="${xmlEscape(claim.subject)}" target="${xmlEscape(claim.object)}">` +
      `${dataElements('e_', EDGE_KEYS, record)}</edge>\n`
    );
  }
  yield '  </graph>\n</graphml>\n';
}
