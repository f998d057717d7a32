// GET /export/*: the whole graph over HTTP for research tools, against the shared seed graph.
// Checks headers, that each body is a complete document whose counts equal `stats`, and that
// networkx (node-link and GraphML), pandas-style CSV and Cytoscape.js read what is served.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import cytoscape from 'cytoscape';
import { EDGE_COLUMNS, NODE_COLUMNS, parseCsv } from '../../src/export/csv';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';

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

/** networkx, the tool researchers load the export into (pinned in examples/python/requirements.txt). */
function python(script: string, file: string): any {
  try {
    return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }));
  } catch (error) {
    throw new Error(`python3 with networkx is needed (pip install -r examples/python/requirements.txt): ${error}`);
  }
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

  it('parses, and its node and link counts equal stats, label by label and type by type', () => {
    const data = JSON.parse(body);
    expect(data).toMatchObject({ directed: true, multigraph: true, graph: { name: 'discgraph' } });
    expect(data.nodes).toHaveLength(stats.totalNodes);
    expect(data.links).toHaveLength(stats.totalRelationships);
    expect(countBy(data.nodes, (n: any) => n.label)).toEqual(nonZero(stats.nodes, 'label'));
    expect(countBy(data.links, (l: any) => l.type)).toEqual(nonZero(stats.relationships, 'type'));
    const ids = new Set(data.nodes.map((n: any) => n.id));
    for (const link of data.links) {
      expect(ids.has(link.source) && ids.has(link.target)).toBe(true);
      expect(link.sources.length).toBeGreaterThan(0);
      expect(typeof link.level).toBe('string');
    }
  });

  it('loads into networkx as a MultiDiGraph with the same counts', () => {
    const file = path.join(dir, 'graph.json');
    writeFileSync(file, body);
    const result = python(
      `import json, sys, networkx as nx
G = nx.node_link_graph(json.load(open(sys.argv[1])), edges="links")
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

  it('loads into Cytoscape.js with each link keyed by its claim id', () => {
    const data = JSON.parse(body);
    const cy = cytoscape({
      headless: true,
      elements: {
        nodes: data.nodes.map((node: any) => ({ data: node })),
        edges: data.links.map((link: any) => ({ data: { id: link.key, ...link } })),
      },
    });
    expect(cy.nodes().length).toBe(stats.totalNodes);
    expect(cy.edges().length).toBe(stats.totalRelationships);
    const first = data.links[0];
    expect(cy.getElementById(first.key).source().id()).toBe(first.source);
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

describe('GET /export/graph.graphml', () => {
  it('is GraphML that networkx reads, with the same counts', async () => {
    const res = await fetch(`${t.origin}/export/graph.graphml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/graphml+xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="graph.graphml"');
    const file = path.join(dir, 'graph.graphml');
    writeFileSync(file, await res.text());
    const result = python(
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
