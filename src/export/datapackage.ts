// datapackage.json: a Frictionless Tabular Data Package (v1) describing nodes.csv and edges.csv,
// so frictionless, pandas (through it) and R read integers as integers with blanks, lists as
// lists and dates as dates. It sits beside the CSVs (csv export folder, a release's csv/, and
// GET /export/datapackage.json beside /export/nodes.csv), and its resource paths are relative,
// so they resolve against wherever the descriptor was read from.
// Every column's Table Schema comes from zod's JSON Schema of the record schemas (the entity
// definitions and CLAIM_SCHEMA), in the CSV's own column order; a nodes.csv column several kinds
// share takes the constraints all of them satisfy. Only what the CSV writer guarantees is
// declared: text patterns stay with seed validation (their regex dialect is JavaScript's).
import { z } from 'zod';
import { LABELS } from '../graph/registry';
import { DATASET_TITLE, LICENCE } from '../release/licence';
import { CLAIM_SCHEMA, RECORD_SCHEMAS } from '../seed/schema';
import { EDGE_COLUMNS, NODE_COLUMNS } from './csv';
import { CLAIM_FIELDS } from './records';

export const DATAPACKAGE_FILE = 'datapackage.json';

export type TableFieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'array';

export interface TableField {
  name: string;
  type: TableFieldType;
  format?: 'uri';
  constraints?: {
    required?: true;
    unique?: true;
    enum?: string[];
    minimum?: number;
    maximum?: number;
  };
}

export interface TableSchema {
  fields: TableField[];
  /** What the CSV writes for an absent value: an empty cell. */
  missingValues: string[];
  primaryKey: string[];
  foreignKeys?: Array<{ fields: string; reference: { resource: string; fields: string } }>;
}

/** A property as zod's JSON Schema export (output side, so a default() counts as always present) gives it. */
interface JsonProperty {
  type?: string;
  format?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
}

interface JsonObjectSchema {
  properties: Record<string, JsonProperty>;
  required?: string[];
}

const jsonSchemaOf = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as unknown as JsonObjectSchema;

/** The Table Schema type of one record field; a field with none stops the export, naming it. */
export function tableFieldOf(name: string, property: JsonProperty): Omit<TableField, 'name'> {
  switch (property.type) {
    case 'integer':
    case 'number':
    case 'boolean':
      return { type: property.type };
    // Lists are JSON arrays in a cell, which is what the Table Schema `array` type reads.
    case 'array':
      return { type: 'array' };
    case 'string':
      if (property.format === 'date') {
        return { type: 'date' };
      }
      if (property.format === 'date-time') {
        return { type: 'datetime' };
      }
      return property.format === 'uri' ? { type: 'string', format: 'uri' } : { type: 'string' };
    default:
      throw new Error(
        `the record field "${name}" has no Table Schema type (JSON Schema ${JSON.stringify(property)}); ` +
          'teach src/export/datapackage.ts its type before exporting it',
      );
  }
}

interface Occurrence {
  property: JsonProperty;
  required: boolean;
}

/**
 * One column from the field as each record schema that has it defines it, out of `kinds` schemas
 * writing rows to the table: it is required only when every one of them requires it.
 */
function columnOf(name: string, occurrences: Occurrence[], kinds: number): TableField {
  const [first, ...others] = occurrences.map((o) => ({ ...tableFieldOf(name, o.property), property: o.property }));
  if (first === undefined) {
    throw new Error(`no record schema defines the column "${name}"`);
  }
  for (const other of others) {
    if (other.type !== first.type || other.format !== first.format) {
      throw new Error(
        `the column "${name}" is ${first.type} in one kind and ${other.type} in another; give it one type`,
      );
    }
  }
  const constraints: NonNullable<TableField['constraints']> = {};
  if (occurrences.length === kinds && occurrences.every((o) => o.required)) {
    constraints.required = true;
  }
  const properties = occurrences.map((o) => o.property);
  if (first.type === 'string' && properties.every((p) => p.enum !== undefined)) {
    constraints.enum = [...new Set(properties.flatMap((p) => (p.enum ?? []).map(String)))];
  }
  if (properties.every((p) => p.minimum !== undefined)) {
    constraints.minimum = Math.min(...properties.map((p) => p.minimum as number));
  }
  if (properties.every((p) => p.maximum !== undefined)) {
    constraints.maximum = Math.max(...properties.map((p) => p.maximum as number));
  }
  return {
    name,
    type: first.type,
    ...(first.format === undefined ? {} : { format: first.format }),
    ...(Object.keys(constraints).length === 0 ? {} : { constraints }),
  };
}

function occurrencesIn(schema: JsonObjectSchema, field: string): Occurrence[] {
  const property = schema.properties[field];
  return property === undefined ? [] : [{ property, required: (schema.required ?? []).includes(field) }];
}

/** The Table Schema of nodes.csv from every kind's record schema; `label` is the kind. */
export function nodesTableSchema(): TableSchema {
  const json = LABELS.map((label) => jsonSchemaOf(RECORD_SCHEMAS[label]));
  const fields = NODE_COLUMNS.map((column): TableField => {
    if (column === 'label') {
      return { name: 'label', type: 'string', constraints: { required: true, enum: [...LABELS] } };
    }
    const field = columnOf(
      column,
      json.flatMap((schema) => occurrencesIn(schema, column)),
      json.length,
    );
    return column === 'id' ? { ...field, constraints: { ...field.constraints, unique: true } } : field;
  });
  return { fields, missingValues: [''], primaryKey: ['id'] };
}

/** The Table Schema of edges.csv from CLAIM_SCHEMA, a claim's subject and object named source and target. */
export function edgesTableSchema(): TableSchema {
  const json = jsonSchemaOf(CLAIM_SCHEMA);
  const fields = CLAIM_FIELDS.map((field, i) => {
    const column = columnOf(field, occurrencesIn(json, field), 1);
    const name = EDGE_COLUMNS[i];
    return field === 'id'
      ? { ...column, name, constraints: { ...column.constraints, unique: true as const } }
      : { ...column, name };
  });
  return {
    fields,
    missingValues: [''],
    primaryKey: ['id'],
    foreignKeys: ['source', 'target'].map((column) => ({
      fields: column,
      reference: { resource: 'nodes', fields: 'id' },
    })),
  };
}

/** The CSV dialect csv.ts writes (RFC 4180 with CRLF), in Data Package v1 terms. */
const CSV_DIALECT = {
  delimiter: ',',
  doubleQuote: true,
  header: true,
  lineTerminator: '\r\n',
  quoteChar: '"',
} as const;

const resource = (name: string, title: string, schema: TableSchema) => ({
  profile: 'tabular-data-resource',
  name,
  title,
  path: `${name}.csv`,
  format: 'csv',
  mediatype: 'text/csv',
  encoding: 'utf-8',
  dialect: CSV_DIALECT,
  schema,
});

export function dataPackage() {
  return {
    profile: 'tabular-data-package',
    name: 'discgraph',
    title: DATASET_TITLE,
    licenses: [{ name: LICENCE.spdx, path: LICENCE.url, title: LICENCE.name }],
    resources: [
      resource('nodes', 'Entities: one row per node, its kind in label', nodesTableSchema()),
      resource(
        'edges',
        'Claims: one row per relationship, source the subject and target the object',
        edgesTableSchema(),
      ),
    ],
  };
}

let text: string | undefined;

/** The descriptor as written: it depends only on the code, so it is built once. */
export function dataPackageText(): string {
  text ??= `${JSON.stringify(dataPackage(), null, 2)}\n`;
  return text;
}

export async function* dataPackageChunks(): AsyncGenerator<string> {
  yield dataPackageText();
}
