// Re-import of an export folder: a seed folder (*.yaml), a json export (graph.json) or a csv
// export (nodes.csv + edges.csv), recognised by the files present. Every format becomes seed
// documents and goes through the same validateSeed (everything checked, every problem listed,
// nothing written unless all is valid) and then the same idempotent loadSeed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Label } from '../graph/model';
import { LABELS, labelOfId } from '../graph/registry';
import { projectRoot } from '../paths';
import {
  readSeedDir,
  type SeedDocument,
  type SeedGraph,
  type SeedProblem,
  SeedValidationError,
  validateSeed,
} from '../seed/validate';
import { addTo, documentsFromCsv } from './csv';
import { DEFAULT_EDGE_KEY, EDGE_KEYS, type EdgeKey } from './json';
import type { Properties } from './records';

export type ImportFormat = 'seed' | 'json' | 'csv';

/** The files that mark each format in a folder. */
export const FORMAT_FILES = {
  json: 'graph.json',
  csv: ['nodes.csv', 'edges.csv'],
} as const;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isLabel = (value: unknown): value is Label => (LABELS as readonly unknown[]).includes(value);

/**
 * A node-link document (as written by the json export, or by networkx.node_link_data) as seed
 * documents, plus problems with its shape. Its edge list may be named "edges" (networkx 3.6 and
 * this export) or "links" (d3, older networkx and older exports of this one), not both.
 */
export function documentsFromNodeLink(
  data: unknown,
  file: string,
): { documents: SeedDocument[]; problems: SeedProblem[] } {
  const problems: SeedProblem[] = [];
  const problem = (record: string, field: string, message: string) => problems.push({ file, record, field, message });
  if (!isObject(data)) {
    problem('(file)', '(json)', 'must be a node-link JSON object with "nodes" and "edges"');
    return { documents: [], problems };
  }
  if (data.directed === false) {
    problem('(graph)', 'directed', 'must be true: claims have a direction (source is the subject)');
  }
  const nodes = data.nodes;
  const present = EDGE_KEYS.filter((key) => Object.hasOwn(data, key));
  const edgeKey: EdgeKey = present[0] ?? DEFAULT_EDGE_KEY;
  const links = data[edgeKey];
  if (!Array.isArray(nodes)) {
    problem('(graph)', 'nodes', 'must be an array of nodes');
  }
  if (present.length > 1) {
    problem('(graph)', present.join(', '), `holds both ${present.join(' and ')}; keep one list of edges`);
  } else if (!Array.isArray(links)) {
    problem(
      '(graph)',
      edgeKey,
      'must be an array of edges (named "edges", or "links" as d3 and networkx before 3.6 name it)',
    );
  }

  const byLabel = new Map<Label, Properties[]>();
  (Array.isArray(nodes) ? nodes : []).forEach((node: unknown, index) => {
    const { label, ...record } = isObject(node) ? node : {};
    const id = typeof record.id === 'string' ? record.id : undefined;
    if (!isLabel(label)) {
      problem(id ?? `nodes.${index}`, 'label', `must be one of ${LABELS.join(', ')}`);
    }
    // A node with a bad label is still checked as the kind its id names, so that references to it
    // are not also reported as dangling.
    const kind = isLabel(label) ? label : id === undefined ? undefined : labelOfId(id);
    if (kind !== undefined) {
      addTo(byLabel, kind, record);
    }
  });

  const claims = (present.length <= 1 && Array.isArray(links) ? links : []).map((link: unknown, index) => {
    const { source, target, key, id, ...rest } = isObject(link) ? link : {};
    if (key !== undefined && id !== undefined && key !== id) {
      problem(typeof key === 'string' ? key : `${edgeKey}.${index}`, 'id', 'differs from key; the key is the claim id');
    }
    return { id: key ?? id, subject: source, object: target, ...rest };
  });

  return {
    documents: [
      ...[...byLabel].map(([kind, records]) => ({ file, data: { kind, records } })),
      { file, data: { kind: 'Claim', records: claims } },
    ],
    problems,
  };
}

/** validateSeed, with problems found before it (in a file's shape) reported in the same list. */
function validateWith(documents: SeedDocument[], earlier: SeedProblem[]): SeedGraph {
  let graph: SeedGraph | undefined;
  let later: SeedProblem[] = [];
  try {
    graph = validateSeed(documents);
  } catch (error) {
    if (!(error instanceof SeedValidationError)) {
      throw error;
    }
    later = error.problems;
  }
  if (graph === undefined || earlier.length > 0) {
    throw new SeedValidationError([...earlier, ...later]);
  }
  return graph;
}

/** Which format a folder holds; more than one is refused rather than guessed. */
export function detectFormat(dir: string): ImportFormat {
  if (!existsSync(dir)) {
    throw new SeedValidationError([{ file: dir, record: '(folder)', field: '(path)', message: 'no such folder' }]);
  }
  const names = new Set(readdirSync(dir));
  const found: ImportFormat[] = [];
  if ([...names].some((name) => /\.ya?ml$/.test(name))) {
    found.push('seed');
  }
  if (names.has(FORMAT_FILES.json)) {
    found.push('json');
  }
  const csvFiles = FORMAT_FILES.csv.filter((name) => names.has(name));
  if (csvFiles.length > 0) {
    found.push('csv');
  }
  const problem = (message: string) =>
    new SeedValidationError([{ file: dir, record: '(folder)', field: '(files)', message }]);
  if (found.length === 0) {
    throw problem('holds no seed (*.yaml), json (graph.json) or csv (nodes.csv and edges.csv) export');
  }
  if (found.length > 1) {
    throw problem(`holds more than one format (${found.join(', ')}); keep one export per folder`);
  }
  if (found[0] === 'csv' && csvFiles.length < FORMAT_FILES.csv.length) {
    throw problem('a csv export needs both nodes.csv and edges.csv');
  }
  return found[0];
}

/**
 * Reads and validates an export folder of any format (relative paths are taken from the project
 * root, like the seed folder). Throws SeedValidationError listing every problem.
 */
export function readImportDir(dir: string): { format: ImportFormat; graph: SeedGraph } {
  const absolute = path.resolve(projectRoot, dir);
  const format = detectFormat(absolute);
  if (format === 'seed') {
    return { format, graph: validateSeed(readSeedDir(absolute)) };
  }
  if (format === 'json') {
    const file = path.join(absolute, FORMAT_FILES.json);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new SeedValidationError([
        { file, record: '(file)', field: '(json)', message: `is not valid JSON: ${(error as Error).message}` },
      ]);
    }
    const { documents, problems } = documentsFromNodeLink(data, file);
    return { format, graph: validateWith(documents, problems) };
  }
  const [nodes, edges] = FORMAT_FILES.csv.map((name) => {
    const file = path.join(absolute, name);
    return { file, text: readFileSync(file, 'utf8') };
  });
  const { documents, problems } = documentsFromCsv(nodes, edges);
  return { format, graph: validateWith(documents, problems) };
}
