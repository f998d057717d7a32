// The state of a browse page, which lives in its address so that a view can be shared and reloads
// as it was: the kind is the path (/explore/browse/Trial), and the query holds each filter under its
// API name, the sort, the columns, the page size and the page's cursor:
//
//   ?phase=PHASE_2,PHASE_3&conditionIds=condition:low-back-pain&enrollment=50..&sort=START_YEAR&dir=desc
//    &columns=phase,status&size=25&after=<cursor>
//
// Lists are comma-separated (enum values and ids never hold a comma), a range is `min..max` with
// either end left open, yes/no is `true` or `false`. The filters, sorts and value lists come from
// the generated vocabulary, that is from the entity definitions the API is built from.
import {
  ENTITY_TYPES,
  ENUM_PROPERTIES,
  type EntityType,
  enumLabel,
  isEntityType,
  PROPERTIES,
  PROPERTY_SELECTIONS,
  propertyLabel,
} from './model';
import { VOCABULARY } from './vocabulary.generated';

export type BrowseFilter = (typeof VOCABULARY.browse)[EntityType]['filters'][number];

export interface BrowseKind {
  connection: string;
  filters: readonly BrowseFilter[];
  sorts: ReadonlyArray<{ field: string; description: string }>;
}

export const BROWSE: Record<EntityType, BrowseKind> = VOCABULARY.browse;

export const DEFAULT_PAGE_SIZE = 25;
/** The API's MAX_PAGE_SIZE by default; the browse page and the CSV download never ask for more. */
export const MAX_PAGE_SIZE = 100;

/** Query parameters that are not filters. */
const RESERVED = new Set(['sort', 'dir', 'columns', 'size', 'after', 'before']);

export type FilterValue = string[] | { min?: number; max?: number } | string | boolean;

export interface BrowseState {
  /** By filter name, only the filters that are set. */
  filters: Record<string, FilterValue>;
  sort: string;
  descending: boolean;
  columns: string[];
  size: number;
  after?: string;
  before?: string;
}

export interface ParsedBrowse {
  state: BrowseState;
  /** What in the address could not be used, each said in words. */
  problems: string[];
}

/** The properties a browse table can show: the kind's own, except those whose value is an object. */
export function columnChoices(kind: EntityType): string[] {
  return PROPERTIES[kind].filter((field) => PROPERTY_SELECTIONS[kind][field] === undefined);
}

/** Shown until columns are chosen: the properties the kind can be filtered by, else its first few. */
export function defaultColumns(kind: EntityType): string[] {
  const choices = columnChoices(kind);
  const keyed = new Set<string>(BROWSE[kind].filters.map((filter) => filter.name));
  const preferred = choices.filter((field) => keyed.has(field)).slice(0, 6);
  return preferred.length > 0 ? preferred : choices.slice(0, 3);
}

export function filterLabel(filter: BrowseFilter): string {
  if (filter.name === 'text') {
    return 'Text';
  }
  if (filter.name === 'ids') {
    return 'Ids';
  }
  return propertyLabel(filter.name);
}

export function sortLabel(field: string): string {
  return enumLabel(field);
}

function parseNumber(text: string, integer: boolean): number | undefined {
  if (text.trim() === '') {
    return undefined;
  }
  const value = Number(text);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    return Number.NaN;
  }
  return value;
}

/** One filter's value as the address writes it; a problem in words when it is not one. */
function parseFilter(filter: BrowseFilter, text: string): { value?: FilterValue; problem?: string } {
  const label = `The filter “${filter.name}”`;
  switch (filter.kind) {
    case 'enum': {
      const values = text.split(',').filter((value) => value !== '');
      const allowed: readonly string[] = filter.values;
      const wrong = values.filter((value) => !allowed.includes(value));
      if (wrong.length > 0) {
        return {
          problem: `${label} has no value ${wrong.map((value) => `“${value}”`).join(', ')}; it takes ${allowed.join(', ')}.`,
        };
      }
      return values.length === 0 ? {} : { value: values };
    }
    case 'ids': {
      const ids = text
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '');
      return ids.length === 0 ? {} : { value: ids };
    }
    case 'range': {
      const at = text.indexOf('..');
      const numbers =
        at === -1
          ? undefined
          : [text.slice(0, at), text.slice(at + 2)].map((part) => parseNumber(part, filter.integer));
      if (numbers === undefined || numbers.some((n) => Number.isNaN(n))) {
        return {
          problem: `${label} takes a range of ${filter.integer ? 'whole numbers' : 'numbers'} written min..max (either end may be left out), not “${text}”.`,
        };
      }
      const [min, max] = numbers;
      if (min !== undefined && max !== undefined && min > max) {
        return { problem: `${label} has its smallest value (${min}) above its largest (${max}).` };
      }
      return min === undefined && max === undefined ? {} : { value: { min, max } };
    }
    case 'text':
      return text.trim() === '' ? {} : { value: text.trim() };
    case 'boolean':
      if (text === 'true' || text === 'false') {
        return { value: text === 'true' };
      }
      return { problem: `${label} takes true or false, not “${text}”.` };
  }
}

/** Reads the query string of /explore/browse/<Kind>. */
export function parseBrowse(kind: EntityType, search: string): ParsedBrowse {
  const params = new URLSearchParams(search);
  const spec = BROWSE[kind];
  const problems: string[] = [];
  const filters: Record<string, FilterValue> = {};
  for (const [name, text] of params) {
    if (RESERVED.has(name)) {
      continue;
    }
    const filter = spec.filters.find((candidate) => candidate.name === name);
    if (filter === undefined) {
      problems.push(
        `There is no filter “${name}” on ${kind} lists; they take ${spec.filters.map((f) => f.name).join(', ')}.`,
      );
      continue;
    }
    const { value, problem } = parseFilter(filter, text);
    if (problem !== undefined) {
      problems.push(problem);
    } else if (value !== undefined) {
      filters[name] = value;
    }
  }

  const sort = params.get('sort') ?? 'NAME';
  if (!spec.sorts.some((candidate) => candidate.field === sort)) {
    problems.push(
      `${kind} lists cannot be sorted by “${sort}”; they sort by ${spec.sorts.map((s) => s.field).join(', ')}.`,
    );
  }
  const dir = params.get('dir') ?? 'asc';
  if (dir !== 'asc' && dir !== 'desc') {
    problems.push(`The direction “${dir}” is neither asc nor desc.`);
  }

  const choices = columnChoices(kind);
  const columnsText = params.get('columns');
  const columns =
    columnsText === null ? defaultColumns(kind) : columnsText.split(',').filter((column) => column !== '');
  const unknownColumns = columns.filter((column) => !choices.includes(column));
  if (unknownColumns.length > 0) {
    problems.push(
      `${kind} has no column ${unknownColumns.map((column) => `“${column}”`).join(', ')}; it has ${choices.join(', ')}.`,
    );
  }

  const sizeText = params.get('size');
  const size = sizeText === null ? DEFAULT_PAGE_SIZE : Number(sizeText);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    problems.push(`The page size must be a whole number from 1 to ${MAX_PAGE_SIZE}, not “${sizeText}”.`);
  }
  const after = params.get('after') ?? undefined;
  const before = params.get('before') ?? undefined;
  if (after !== undefined && before !== undefined) {
    problems.push('The address gives both an after and a before cursor; keep one of them.');
  }
  return {
    state: {
      filters,
      sort,
      descending: dir === 'desc',
      columns: columns.filter((column) => choices.includes(column)),
      size: Number.isInteger(size) ? size : DEFAULT_PAGE_SIZE,
      after,
      before,
    },
    problems,
  };
}

function formatFilter(value: FilterValue): string {
  if (Array.isArray(value)) {
    return value.join(',');
  }
  if (typeof value === 'object') {
    return `${value.min ?? ''}..${value.max ?? ''}`;
  }
  return String(value);
}

/** The query string of a browse state; defaults are left out so that addresses stay short. */
export function browseSearch(kind: EntityType, state: Partial<BrowseState>): string {
  const params = new URLSearchParams();
  for (const filter of BROWSE[kind].filters) {
    const value = state.filters?.[filter.name];
    if (value !== undefined) {
      params.set(filter.name, formatFilter(value));
    }
  }
  if (state.sort !== undefined && state.sort !== 'NAME') {
    params.set('sort', state.sort);
  }
  if (state.descending === true) {
    params.set('dir', 'desc');
  }
  if (state.columns !== undefined && state.columns.join(',') !== defaultColumns(kind).join(',')) {
    params.set('columns', state.columns.join(','));
  }
  if (state.size !== undefined && state.size !== DEFAULT_PAGE_SIZE) {
    params.set('size', String(state.size));
  }
  if (state.after !== undefined) {
    params.set('after', state.after);
  } else if (state.before !== undefined) {
    params.set('before', state.before);
  }
  const query = params.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',');
  return query === '' ? '' : `?${query}`;
}

/** A kind named by its label (Trial) or its list (trials). */
export function resolveKind(name: string): EntityType | undefined {
  if (isEntityType(name)) {
    return name;
  }
  return ENTITY_TYPES.find((type) => BROWSE[type].connection === name);
}

/** The ids a state's filters name, for checking that each names an entity of the right kind. */
export function filterIds(kind: EntityType, state: BrowseState): Array<{ filter: string; id: string; target: string }> {
  return BROWSE[kind].filters.flatMap((filter) => {
    const value = state.filters[filter.name];
    return filter.kind === 'ids' && Array.isArray(value)
      ? value.map((id) => ({ filter: filter.name, id, target: filter.target }))
      : [];
  });
}

/** The list operation of a kind with its columns; `first` or `last` pages with `after` or `before`. */
export function browseQuery(kind: EntityType, columns: readonly string[]): string {
  const { connection } = BROWSE[kind];
  return `
query ExplorerBrowse${kind}($filter: ${kind}Filter, $orderBy: ${kind}Order, $first: Int, $after: String, $last: Int, $before: String) {
  ${connection}(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { id name ${columns.join(' ')} } }
  }
}`;
}

export type Row = { id: string; name: string } & Record<string, unknown>;

export interface BrowsePage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: Array<{ node: Row }>;
}

/** The variables of one page of a state (or of every page from the start, for a download). */
export function browseVariables(state: BrowseState, size = state.size): Record<string, unknown> {
  const paging =
    state.before !== undefined ? { last: size, before: state.before } : { first: size, after: state.after };
  return {
    filter: state.filters,
    orderBy: { field: state.sort, direction: state.descending ? 'DESC' : 'ASC' },
    ...paging,
  };
}

/** A value as a table cell shows it: enum names in words, lists joined, nothing as a dash. */
export function cellText(column: string, value: unknown): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    return '—';
  }
  const one = (item: unknown) =>
    ENUM_PROPERTIES.has(column) && typeof item === 'string'
      ? enumLabel(item)
      : typeof item === 'boolean'
        ? item
          ? 'Yes'
          : 'No'
        : String(item);
  return Array.isArray(value) ? value.map(one).join(', ') : one(value);
}

/**
 * A text a spreadsheet would run as a formula (=, +, -, @, tab or carriage return first) gets a
 * leading apostrophe, which spreadsheets show as text; ingested titles are third parties' words.
 */
function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * A value as the CSV holds it: as the API gives it, lists joined with "; ", nothing empty, and a
 * text never a formula (numbers, negative ones too, stay numbers).
 */
export function csvValue(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  const one = (item: unknown) => (typeof item === 'string' ? inert(item) : String(item));
  return Array.isArray(value) ? value.map(one).join('; ') : one(value);
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text with a header row; lines end in CRLF as RFC 4180 says. */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const header = ['id', 'name', ...columns];
  const lines = [header, ...rows.map((row) => header.map((column) => csvValue(row[column])))];
  return lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}
