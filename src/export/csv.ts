// The `csv` format: nodes.csv and edges.csv (RFC 4180: comma-separated, CRLF line ends, a header
// row, a field quoted with "" when it holds a comma, a quote or a line break, quotes doubled).
//   nodes.csv: id, label, then every field of every kind's seed record (a column a kind lacks is
//              empty); `sources` lists the sources describing the entity.
//   edges.csv: id, type, source, target, level, knowledgeLevel, agentType, sources, note — the
//              claim and its evidence.
// Cells: text as is; numbers in JavaScript's shortest round-trip form; lists as JSON arrays
// (["source:a","source:b"]), so a list item may hold any character; an empty cell is an absent
// value (seed text is never empty). Reading back decodes each cell by its field's type in the
// seed schema, so the format re-imports losslessly.
import { type Label } from '../graph/model';
import { LABELS, labelOfId } from '../graph/registry';
import type { SeedDocument, SeedProblem } from '../seed/validate';
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

export const NODE_COLUMNS: readonly string[] = [
  'id',
  'label',
  ...new Set(LABELS.flatMap((label) => entityFields(label)).filter((f) => f !== 'id')),
];

/** Claim fields under the names network tools expect: the subject is `source`, the object `target`. */
const EDGE_COLUMN_OF: Record<string, string> = { subject: 'source', object: 'target' };
const CLAIM_FIELD_OF: Record<string, string> = { source: 'subject', target: 'object' };
export const EDGE_COLUMNS: readonly string[] = CLAIM_FIELDS.map((field) => EDGE_COLUMN_OF[field] ?? field);

const CRLF = '\r\n';

function cell(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  const text = Array.isArray(value) ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return values.map(cell).join(',') + CRLF;
}

export async function* nodesCsvChunks(source: GraphSource): AsyncGenerator<string> {
  yield csvRow(NODE_COLUMNS);
  for await (const node of source.nodes()) {
    const record: Properties = { ...entityRecordOf(node), label: node.label };
    yield csvRow(NODE_COLUMNS.map((column) => record[column]));
  }
}

export async function* edgesCsvChunks(source: GraphSource): AsyncGenerator<string> {
  yield csvRow(EDGE_COLUMNS);
  for await (const claim of source.claims()) {
    const record = claimRecordOf(claim);
    yield csvRow(CLAIM_FIELDS.map((field) => record[field]));
  }
}

/** Parses RFC 4180 text (CRLF or LF line ends, an optional BOM) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRow();
      i += 2;
    } else if (c === '\n') {
      endRow();
      i += 1;
    } else {
      field += c;
      i += 1;
    }
  }
  if (field !== '' || row.length > 0 || quoted) {
    endRow();
  }
  return rows;
}

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A cell as the value its field holds. A cell that does not fit its field's type is kept as text,
 * so validation reports it against the record and field.
 */
function decode(text: string, kind: FieldKind | undefined): unknown {
  if (kind === 'list') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if ((kind === 'integer' || kind === 'number') && NUMBER.test(text)) {
    return Number(text);
  }
  return text;
}

interface Table {
  header: string[];
  /** `row` counts records from 1 after the header (a quoted line break does not start a row). */
  rows: Array<{ row: number; values: string[] }>;
}

function table(text: string): Table {
  const [header = [], ...rows] = parseCsv(text);
  return {
    header,
    // Blank lines (a lone empty field) are skipped, as spreadsheet tools do.
    rows: rows.map((values, index) => ({ row: index + 1, values })).filter((r) => r.values.join('') !== ''),
  };
}

/** Problems with the shape of a table (not of its records), reported like seed problems. */
function shapeProblems(file: string, t: Table, required: readonly string[]): SeedProblem[] {
  const problems: SeedProblem[] = [];
  for (const column of required) {
    if (!t.header.includes(column)) {
      problems.push({ file, record: '(header)', field: column, message: `the header has no ${column} column` });
    }
  }
  for (const { row, values } of t.rows) {
    if (values.length !== t.header.length) {
      problems.push({
        file,
        record: `row ${row}`,
        field: '(row)',
        message: `has ${values.length} fields but the header has ${t.header.length}; quote fields that hold commas`,
      });
    }
  }
  return problems;
}

const isLabel = (value: string): value is Label => (LABELS as readonly string[]).includes(value);

/** Appends a record to its kind's list. */
export function addTo(byLabel: Map<Label, Properties[]>, label: Label, record: Properties): void {
  const records = byLabel.get(label);
  if (records === undefined) {
    byLabel.set(label, [record]);
  } else {
    records.push(record);
  }
}

/**
 * nodes.csv and edges.csv as seed documents (one per kind), for validateSeed, which reports every
 * problem with the file, the record id and the field, like any seed. Problems with the tables'
 * shape (which validateSeed cannot see) come back beside them, to be reported together.
 */
export function documentsFromCsv(
  nodes: { file: string; text: string },
  edges: { file: string; text: string },
): { documents: SeedDocument[]; problems: SeedProblem[] } {
  const nodeTable = table(nodes.text);
  const edgeTable = table(edges.text);
  const problems = [
    ...shapeProblems(nodes.file, nodeTable, ['id', 'label']),
    ...shapeProblems(edges.file, edgeTable, ['id', 'type', 'source', 'target']),
  ];

  const byLabel = new Map<Label, Properties[]>();
  for (const { row, values } of nodeTable.rows) {
    const cells = Object.fromEntries(nodeTable.header.map((column, i) => [column, values[i] ?? '']));
    const { label, ...fields } = cells;
    if (!isLabel(label)) {
      problems.push({
        file: nodes.file,
        record: cells.id || `row ${row}`,
        field: 'label',
        message: `must be one of ${LABELS.join(', ')}`,
      });
    }
    // A row with a bad label is still checked as the kind its id names, so that references to it
    // are not also reported as dangling.
    const kind = isLabel(label) ? label : labelOfId(cells.id ?? '');
    if (kind === undefined) {
      continue;
    }
    const record: Properties = {};
    for (const [column, text] of Object.entries(fields)) {
      if (text !== '') {
        record[column] = decode(text, entityFieldKind(kind, column));
      }
    }
    addTo(byLabel, kind, record);
  }

  const claims = edgeTable.rows.map(({ values }) => {
    const record: Properties = {};
    edgeTable.header.forEach((column, i) => {
      const text = values[i] ?? '';
      if (text !== '') {
        const field = CLAIM_FIELD_OF[column] ?? column;
        record[field] = decode(text, claimFieldKind(field));
      }
    });
    return record;
  });

  const documents: SeedDocument[] = [
    ...[...byLabel].map(([kind, records]) => ({ file: nodes.file, data: { kind, records } })),
    { file: edges.file, data: { kind: 'Claim', records: claims } },
  ];
  return { documents, problems };
}
