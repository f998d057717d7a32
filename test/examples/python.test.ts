// The Python client example (examples/python) run as CI runs it: a subprocess against a live server
// with the seed graph. Its DataFrames hold every trial and outcome the API lists; networkx, loading
// /export/graph.json with node_link_graph's defaults, counts exactly the nodes and relationships
// `stats` reports; and the tables read through /export/datapackage.json (by frictionless, and by
// pandas with the Table Schema's dtypes) hold integers as integers and lists as lists.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generateApiKey } from '../../src/auth/apiKeys';
import { Role } from '../../src/auth/roles';
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';

const run = promisify(execFile);
/** Python with pandas starts slowly on a busy 2-core machine; a bound, not an expectation. */
const SUBPROCESS_TIMEOUT_MS = 300_000;
jest.setTimeout(SUBPROCESS_TIMEOUT_MS);
const PYTHON = process.env.PYTHON ?? 'python3';
const SCRIPT = path.resolve(__dirname, '../../examples/python/pull_trials.py');

interface TableSummary {
  rows: number;
  index: string[];
  integerDtypes: Record<string, string>;
  listValueTypes: Record<string, string>;
  dtypes: Record<string, string>;
}

interface Summary {
  tables: {
    nodes: TableSummary;
    edges: TableSummary;
    nodesByPandas: TableSummary;
    pmid: { id: string; value: unknown } | null;
  };
  trials: number;
  outcomes: number;
  nodes: number;
  edges: number;
  directed: boolean;
  multigraph: boolean;
  trialsByPhase: Record<string, number>;
  stats: { totalNodes: number; totalRelationships: number };
}

async function runExample(args: string[], env: Record<string, string> = {}): Promise<Summary> {
  // Asynchronous on purpose: the server answering the script runs in this very process.
  const { stdout } = await run(PYTHON, [SCRIPT, ...args], {
    env: { ...process.env, ...env },
    maxBuffer: 10 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Summary;
}

/**
 * A Source of this test's own with a PubMed id, the column pandas used to read as floats. Its id
 * sorts before every other source's, so it is the first PubMed id the tables hold.
 */
const SOURCE = {
  id: `source:0-python-example-${process.pid}`,
  name: 'An article for the Python example test',
  kind: 'PEER_REVIEWED_ARTICLE',
  year: 2021,
  pmid: '0012345',
  sourceIds: [],
};

describe('examples/python/pull_trials.py', () => {
  let server: TestServer;
  let out: string;

  beforeAll(async () => {
    server = await startTestServer();
    await ensureSeedGraph(server.database);
    out = await mkdtemp(path.join(tmpdir(), 'discgraph-python-'));
    try {
      await run(PYTHON, ['-c', 'import requests, pandas, networkx, frictionless']);
    } catch {
      throw new Error(
        `${PYTHON} cannot import requests, pandas, networkx and frictionless: run python3 -m pip install -r examples/python/requirements.txt`,
      );
    }
    await server.database
      .executor()
      .write('python example source', 'CREATE (s:Entity:Source) SET s = $source', { source: SOURCE });
    const exported = await fetch(`${server.origin}/export/graph.json`, { method: 'HEAD' });
    if (exported.status !== 200) {
      throw new Error(`GET /export/graph.json answered ${exported.status}: the Python example needs the graph export`);
    }
  });

  afterAll(async () => {
    await server.database
      .executor()
      .write('python example source cleanup', 'MATCH (s:Source {id: $id}) DETACH DELETE s', { id: SOURCE.id });
    await server.close();
    await rm(out, { recursive: true, force: true });
  });

  it('pulls every trial and outcome, paging with cursors, and loads the graph with as many nodes and edges as stats', async () => {
    // Small pages, so the trials connection and a trial's outcomes are both walked page by page.
    const summary = await runExample([server.origin, '--page-size', '3', '--outcomes-page-size', '2', '--out', out]);

    const expected = await gql<{ stats: { totalNodes: number; totalRelationships: number } }>(
      server.url,
      'query ExpectedStats { stats { totalNodes totalRelationships } }',
    );
    expect(expected.errors).toBeUndefined();
    const { stats } = expected.data!;
    // What the API should have listed, counted in Neo4j itself.
    const [truth] = await server.database.executor().read<{
      trials: number;
      outcomes: number;
      phases: Array<{ phase: string; n: number }>;
      largest: number;
    }>(
      'python example truth',
      `MATCH (t:Trial)
       OPTIONAL MATCH (t)-[r:HAS_OUTCOME]->(:Outcome)
       WITH t, count(r) AS outcomes
       WITH t.phase AS phase, count(t) AS n, sum(outcomes) AS outcomes, max(outcomes) AS largest
       RETURN sum(n) AS trials, sum(outcomes) AS outcomes, collect({ phase: phase, n: n }) AS phases,
              max(largest) AS largest`,
    );
    expect(truth.trials).toBeGreaterThan(3);
    // Some trial has more outcomes than one page of 2, so its outcomes are paged too.
    expect(truth.largest).toBeGreaterThan(2);

    expect(summary.nodes).toBe(stats.totalNodes);
    expect(summary.edges).toBe(stats.totalRelationships);
    expect(summary.directed).toBe(true);
    expect(summary.multigraph).toBe(true);
    expect(summary.trials).toBe(truth.trials);
    expect(summary.outcomes).toBe(truth.outcomes);
    // Trials whose phase no source states are left out, as pandas' value_counts leaves out None.
    const stated = truth.phases.filter(({ phase }) => phase !== null);
    expect(summary.trialsByPhase).toEqual(Object.fromEntries(stated.map(({ phase, n }) => [phase, n])));

    const trialsCsv = (await readFile(path.join(out, 'trials.csv'), 'utf8')).trim().split('\n');
    expect(trialsCsv[0].split(',')).toEqual(expect.arrayContaining(['id', 'name', 'phase', 'outcome_count']));
    expect(trialsCsv).toHaveLength(truth.trials + 1);
  });

  it('reads the data package into DataFrames with integer columns as integers and list columns as lists, both ways', async () => {
    const { tables, stats } = await runExample([server.origin]);
    expect(tables.nodes.rows).toBe(stats.totalNodes);
    expect(tables.edges.rows).toBe(stats.totalRelationships);
    for (const table of [tables.nodes, tables.nodesByPandas]) {
      expect(table.index).toEqual(['id']);
      expect(table.rows).toBe(stats.totalNodes);
      // Integers stay integers though most rows (other kinds) leave them blank: pandas' nullable Int64.
      expect(table.integerDtypes).toMatchObject({
        enrollment: 'Int64',
        year: 'Int64',
        startYear: 'Int64',
        sampleSize: 'Int64',
      });
      expect(Object.values(table.integerDtypes).every((dtype) => dtype === 'Int64' || dtype === 'int64')).toBe(true);
      expect(table.listValueTypes).toMatchObject({ sources: 'list', synonyms: 'list', countries: 'list' });
      expect(Object.values(table.listValueTypes).every((type) => type === 'list' || type === 'NoneType')).toBe(true);
      expect(table.dtypes.followUpMonths).toBe('float64');
    }
    expect(tables.edges.listValueTypes).toEqual({ sources: 'list' });
    // A PubMed id is text: its leading zeros survive, and it never becomes 12345.0.
    expect(tables.pmid).toEqual({ id: SOURCE.id, value: SOURCE.pmid });
  });

  it('reads its own write on another server: Discgraph keeps the bookmark a write returned and sends it back', async () => {
    const curator = generateApiKey('cora', Role.CURATOR);
    const replica = await startTestServer({ API_KEYS: curator.entry });
    const id = `source:python-example-${process.pid}`;
    const program = `
import json, os, sys
sys.path.insert(0, os.path.dirname(os.environ["SCRIPT"]))
from pull_trials import Discgraph
writer = Discgraph(os.environ["WRITER_URL"], api_key=os.environ["API_KEY"])
writer.query("mutation CreateSource($input: CreateSourceInput!) { createSource(input: $input) { id } }", "CreateSource",
             {"input": {"id": os.environ["ID"], "name": "A source the Python example writes", "kind": "PEER_REVIEWED_ARTICLE",
                        "year": 2024, "authors": "Test et al.", "journal": "Test J", "doi": "10.5555/discgraph-py-example"}})
reader = Discgraph(os.environ["READER_URL"])
reader.bookmark = writer.bookmark
data = reader.query("query ReadSource($id: ID!) { source(id: $id) { id } }", "ReadSource", {"id": os.environ["ID"]})
print(json.dumps({"written": writer.bookmark, "kept": reader.bookmark, "data": data}))
`;
    try {
      const { stdout } = await run(PYTHON, ['-c', program], {
        env: {
          ...process.env,
          SCRIPT,
          WRITER_URL: replica.origin,
          READER_URL: server.origin,
          API_KEY: curator.key,
          ID: id,
        },
      });
      const result = JSON.parse(stdout) as { written: string | null; kept: string | null; data: unknown };
      expect(result.written).toMatch(/^FB:/);
      expect(result.kept).toBe(result.written);
      expect(result.data).toEqual({ source: { id } });
    } finally {
      await replica.database
        .executor()
        .write('python example cleanup', 'MATCH (s:Source {id: $id}) DETACH DELETE s', { id });
      await replica.close();
    }
  });

  it('takes the server from DISCGRAPH_URL when no argument is given', async () => {
    const summary = await runExample([], { DISCGRAPH_URL: server.origin });
    expect(summary.nodes).toBe(summary.stats.totalNodes);
    expect(summary.edges).toBe(summary.stats.totalRelationships);
    expect(summary.trials).toBeGreaterThan(0);
  });

  it('refuses something that is not a server URL with a message saying what to pass', async () => {
    await expect(runExample(['not-a-url'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('is not a server URL such as http://localhost:4000'),
    });
  });
});
