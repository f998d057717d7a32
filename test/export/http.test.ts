// GET /export/*: the whole graph over HTTP for research tools, against the shared seed graph.
// Checks headers, that each body is a complete document whose counts equal `stats`, and that
// networkx (node-link with its defaults, and GraphML), frictionless and pandas (the CSVs through
// their data package) and Cytoscape.js read what is served; and that a bad parameter is refused.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import cytoscape from 'cytoscape';
import { EDGE_COLUMNS, NODE_COLUMNS, parseCsv } from '../../src/export/csv';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';

const run = promisify(execFile);
let t: TestServer;
let stats: {
  totalNodes: number;
  totalRelationships: number;
  nodes: Array<{ label: string; count: number }>;
  relationships: Array<{ type: string; count: number }>;
};
const dir = mkdtempSync(path.join(os.tmpdir(), 'discgraph-export-http-'));

beforeAll(async () => {
  t = await startTestServer();
  await ensureSeedGraph(t.database);
  const res = await gql(
    t.url,
    '{ stats { totalNodes totalRelationships nodes { label count } relationships { type count } } }',
  );
  stats = res.data!.stats;
}, 120_000);
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const countBy = <T>(items: T[], key: (item: T) => string) =>
  items.reduce<Record<string, number>>((acc, item) => ({ ...acc, [key(item)]: (acc[key(item)] ?? 0) + 1 }), {});
const nonZero = (rows: Array<{ count: number }>, key: 'label' | 'type') =>
  Object.fromEntries(rows.filter((r) => r.count > 0).map((r) => [(r as any)[key], r.count]));

/** networkx and frictionless, the tools researchers load the export into (pinned in examples/python/requirements.txt). */
async function python(script: string, arg: string): Promise<any> {
  try {
    // Asynchronous, so that the server in this very process can answer a script that fetches from it.
    const { stdout } = await run('python3', ['-W', 'ignore', '-c', script, arg], { encoding: 'utf8' });
    return JSON.parse(stdout);
  } catch (error) {
    throw new Error(
      `python3 with networkx and frictionless is needed (pip install -r examples/python/requirements.txt): ${error}`,
    );
  }
}

/** A refusal of the export routes: status 400, code BAD_USER_INPUT, and the message. */
async function refusal(url: string, method = 'GET'): Promise<{ status: number; code?: string; message?: string }> {
  const res = await fetch(url, { method });
  const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
  return { status: res.status, code: body.errors[0]?.extensions.code, message: body.errors[0]?.message };
}

describe('GET /export/graph.json', () => {
  let body: string;
  let response: Response;

  beforeAll(async () => {
    response = await fetch(`${t.origin}/export/graph.json`);
    body = await response.text();
  });

  it('is a streamed JSON attachment', () => {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="graph.json"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    // Streamed: sent chunked, its length unknown when the first byte left.
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-length')).toBeNull();
  });

  it('parses, and its node and edge counts equal stats, label by label and type by type', () => {
    const data = JSON.parse(body);
    expect(data).toMatchObject({ directed: true, multigraph: true, graph: { name: 'discgraph' } });
    expect(data.links).toBeUndefined();
    expect(data.nodes).toHaveLength(stats.totalNodes);
    expect(data.edges).toHaveLength(stats.totalRelationships);
    expect(countBy(data.nodes, (n: any) => n.label)).toEqual(nonZero(stats.nodes, 'label'));
    expect(countBy(data.edges, (l: any) => l.type)).toEqual(nonZero(stats.relationships, 'type'));
    const ids = new Set(data.nodes.map((n: any) => n.id));
    for (const link of data.edges) {
      expect(ids.has(link.source) && ids.has(link.target)).toBe(true);
      expect(link.sources.length).toBeGreaterThan(0);
      expect(typeof link.level).toBe('string');
    }
  });

  it('loads into networkx with node_link_graph and no arguments, as a MultiDiGraph with the same counts', async () => {
    const file = path.join(dir, 'graph.json');
    writeFileSync(file, body);
    const result = await python(
      `import json, sys, warnings, networkx as nx
warnings.simplefilter("error")
G = nx.node_link_graph(json.load(open(sys.argv[1])))
k = "claim:schneider-2022-supports-regeneration"
e = [d for _, _, key, d in G.edges(keys=True, data=True)]
print(json.dumps({"kind": type(G).__name__, "nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "edge": e[0]}))`,
      file,
    );
    expect(result.kind).toBe('MultiDiGraph');
    expect(result.nodes).toBe(stats.totalNodes);
    expect(result.edges).toBe(stats.totalRelationships);
    expect(Object.keys(result.edge)).toEqual(expect.arrayContaining(['type', 'level', 'knowledgeLevel', 'sources']));
  });

  it('loads into Cytoscape.js with each edge keyed by its claim id', () => {
    const data = JSON.parse(body);
    const cy = cytoscape({
      headless: true,
      elements: {
        nodes: data.nodes.map((node: any) => ({ data: node })),
        edges: data.edges.map((link: any) => ({ data: { id: link.key, ...link } })),
      },
    });
    expect(cy.nodes().length).toBe(stats.totalNodes);
    expect(cy.edges().length).toBe(stats.totalRelationships);
    const first = data.edges[0];
    expect(cy.getElementById(first.key).source().id()).toBe(first.source);
  });

  it('names the edge list "links" with ?edgeKey=links (d3-force), the same edges under the other key', async () => {
    const res = await fetch(`${t.origin}/export/graph.json?edgeKey=links`);
    expect(res.status).toBe(200);
    const data = (await res.json()) as any;
    expect(data.edges).toBeUndefined();
    expect(data.links).toEqual(JSON.parse(body).edges);
    const explicit = (await (await fetch(`${t.origin}/export/graph.json?edgeKey=edges`)).json()) as any;
    expect(explicit).toEqual(JSON.parse(body));
  });

  it('refuses a bad edgeKey, a repeated one and an unknown parameter with BAD_USER_INPUT, saying what to send', async () => {
    expect(await refusal(`${t.origin}/export/graph.json?edgeKey=link`)).toEqual({
      status: 400,
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^edgeKey must be edges or links \(got "link"\)/),
    });
    expect(await refusal(`${t.origin}/export/graph.json?edgeKey=links&edgeKey=edges`)).toEqual({
      status: 400,
      code: 'BAD_USER_INPUT',
      message: 'Give edgeKey once, as one of edges, links.',
    });
    expect(await refusal(`${t.origin}/export/graph.json?edges=links`)).toEqual({
      status: 400,
      code: 'BAD_USER_INPUT',
      message: '/export/graph.json takes no parameter "edges"; it takes edgeKey (edges or links).',
    });
    expect(await refusal(`${t.origin}/export/nodes.csv?edgeKey=links`)).toMatchObject({
      status: 400,
      code: 'BAD_USER_INPUT',
      message: '/export/nodes.csv takes no query parameters; remove "edgeKey".',
    });
    // A long value is cut short in the message.
    const long = await refusal(`${t.origin}/export/graph.json?edgeKey=${'x'.repeat(5000)}`);
    expect(long.code).toBe('BAD_USER_INPUT');
    expect(long.message!.length).toBeLessThan(300);
    const head = await fetch(`${t.origin}/export/graph.json?edgeKey=nope`, { method: 'HEAD' });
    expect(head.status).toBe(400);
  });
});

describe('GET /export/nodes.csv and /export/edges.csv', () => {
  it('serve one row per node and per claim, with evidence columns', async () => {
    const nodes = await fetch(`${t.origin}/export/nodes.csv`);
    const edges = await fetch(`${t.origin}/export/edges.csv`);
    for (const [res, file] of [
      [nodes, 'nodes.csv'],
      [edges, 'edges.csv'],
    ] as const) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${file}"`);
    }
    const [nodeHeader, ...nodeRows] = parseCsv(await nodes.text());
    const [edgeHeader, ...edgeRows] = parseCsv(await edges.text());
    expect(nodeHeader).toEqual(NODE_COLUMNS);
    expect(edgeHeader).toEqual(EDGE_COLUMNS);
    expect(edgeHeader).toEqual([
      'id',
      'type',
      'source',
      'target',
      'level',
      'knowledgeLevel',
      'agentType',
      'sources',
      'note',
      'retrievedAt',
    ]);
    expect(nodeRows).toHaveLength(stats.totalNodes);
    expect(edgeRows).toHaveLength(stats.totalRelationships);
    for (const row of edgeRows) {
      expect(row).toHaveLength(edgeHeader.length);
      expect(JSON.parse(row[edgeHeader.indexOf('sources')]).length).toBeGreaterThan(0);
    }
  });
});

describe('GET /export/datapackage.json', () => {
  it('is served beside the CSVs, with resource paths that resolve to them', async () => {
    const res = await fetch(`${t.origin}/export/datapackage.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const descriptor = (await res.json()) as any;
    for (const resource of descriptor.resources) {
      const csv = await fetch(new URL(resource.path, `${t.origin}/export/datapackage.json`));
      expect([resource.path, csv.status]).toEqual([resource.path, 200]);
      expect(parseCsv(await csv.text())[0]).toEqual(resource.schema.fields.map((f: any) => f.name));
    }
  });

  it('is a valid data package to frictionless, foreign keys included, and types the columns pandas gets', async () => {
    const result = await python(
      `import json, sys, frictionless
package = frictionless.Package(sys.argv[1])
report = package.validate()
nodes = package.get_table_resource("nodes").to_pandas()
edges = package.get_table_resource("edges").to_pandas()
trial = nodes.loc["trial:nct01290367"]
print(json.dumps({
  "valid": report.valid,
  "errors": [e.message for task in report.tasks for e in task.errors][:5],
  "rows": [len(nodes), len(edges)],
  "dtypes": {c: str(nodes[c].dtype) for c in ("enrollment", "year", "startYear", "sampleSize", "followUpMonths", "accessed")},
  "enrollment": int(trial["enrollment"]),
  "blankEnrollment": bool(nodes["enrollment"].isna().any()),
  "countries": trial["countries"],
  "sources": edges["sources"].iloc[0],
  "pmidType": str(nodes["pmid"].dtype),
}))`,
      `${t.origin}/export/datapackage.json`,
    );
    expect(result).toMatchObject({ valid: true, errors: [], rows: [stats.totalNodes, stats.totalRelationships] });
    expect(result.dtypes).toEqual({
      enrollment: 'Int64',
      year: 'Int64',
      startYear: 'Int64',
      sampleSize: 'Int64',
      followUpMonths: 'float64',
      accessed: 'datetime64[ns]',
    });
    // Integers with blank cells (nodes of other kinds) stay integers.
    expect(result.blankEnrollment).toBe(true);
    expect(result.enrollment).toBe(100);
    expect(result.countries).toEqual(['United States', 'Australia']);
    expect(Array.isArray(result.sources) && result.sources[0].startsWith('source:')).toBe(true);
    expect(result.pmidType).toBe('object');
  });
});

describe('GET /export/graph.graphml', () => {
  it('is GraphML that networkx reads, with the same counts', async () => {
    const res = await fetch(`${t.origin}/export/graph.graphml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/graphml+xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="graph.graphml"');
    const file = path.join(dir, 'graph.graphml');
    writeFileSync(file, await res.text());
    const result = await python(
      `import json, sys, networkx as nx
G = nx.read_graphml(sys.argv[1])
t = G.nodes["trial:centeno-2017"]
print(json.dumps({"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "enrollment": t["enrollment"], "label": t["label"]}))`,
      file,
    );
    expect(result).toEqual({
      nodes: stats.totalNodes,
      edges: stats.totalRelationships,
      enrollment: 33,
      label: 'Trial',
    });
  });
});

describe('HEAD and early disconnects', () => {
  it('answers HEAD with the headers alone', async () => {
    const res = await fetch(`${t.origin}/export/graph.json`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="graph.json"');
  });

  it('survives a client that leaves mid-stream, and serves the next one in full', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = http.get(`${t.origin}/export/graph.json`, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(error)));
    });
    const again = await fetch(`${t.origin}/export/edges.csv`);
    expect(parseCsv(await again.text())).toHaveLength(stats.totalRelationships + 1);
  });
});
