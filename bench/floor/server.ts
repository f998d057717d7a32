// The floor: a bare Node HTTP endpoint that runs one hand-written Cypher query per operation with
// the raw driver and returns the records as JSON. No GraphQL, no validation, no DataLoader: what
// Neo4j itself can do through Bolt. POST /op/<name> with the query parameters as the JSON body.
// Where this server already answers an operation with one hand-written query (evidenceSummary,
// paths) the floor sends the same query text, so the difference is the GraphQL layer alone.
import 'reflect-metadata';
import http from 'node:http';
import neo4j, { routing } from 'neo4j-driver';
import { EVIDENCE_SUMMARY } from '../../src/graph/dashboard/dashboard.repository';
import { pathsStatement } from '../../src/graph/explore/explore.repository';
import type { OperationName } from '../types';

const label = (n: string) => `[l IN labels(${n}) WHERE l <> 'Entity'][0]`;
const sourcesOf = (n: string, fields: string) =>
  `COLLECT { MATCH (s:Source) WHERE s.id IN ${n}.sourceIds RETURN s {${fields}} }`;

export const FLOOR_CYPHER: Record<OperationName, string> = {
  trialsNested: `
MATCH (:Condition {id: $conditionId})<-[:SUBCLASS_OF*0..3]-(:Condition)<-[:STUDIES]-(t:Trial)
WHERE t.phase IN $phases
WITH DISTINCT t
ORDER BY t.name, t.id
LIMIT toInteger($first)
RETURN t {.id, .name, .phase, .status,
  outcomes: COLLECT {
    MATCH (t)-[r:HAS_OUTCOME]->(o:Outcome)
    WITH r, o ORDER BY o.name, o.id LIMIT 5
    RETURN {level: r.level, sourceIds: r.sourceIds,
            node: o {.id, .name, .measure, .direction, .value, .unit, sources: ${sourcesOf('o', '.id, .name')}}}
  },
  interventions: COLLECT {
    MATCH (t)-[r:TESTS]->(p:Product)
    WITH r, p ORDER BY p.name, p.id LIMIT 5
    RETURN {level: r.level, node: p {.id, .name, .kind, sources: ${sourcesOf('p', '.id, .name')}}}
  },
  sources: ${sourcesOf('t', '.id, .name, .year')}
} AS trial`,
  evidenceSummary: EVIDENCE_SUMMARY,
  trialAggregates: `
CALL () {
  MATCH (t:Trial)
  WITH t.phase AS value, count(*) AS count
  ORDER BY count DESC, value
  RETURN collect({value: value, count: count}) AS byPhase
}
CALL () {
  MATCH (t:Trial)
  WITH t.status AS value, count(*) AS count
  ORDER BY count DESC, value
  RETURN collect({value: value, count: count}) AS byStatus
}
RETURN COUNT { (:Trial) } AS trialCount, byPhase, byStatus`,
  search: `
CALL db.index.fulltext.queryNodes('entity_search', $lucene) YIELD node, score
WITH node, score
ORDER BY score DESC, node.id
WITH collect({node: node, score: score}) AS hits
RETURN size(hits) AS totalCount,
       [h IN hits[0..10] | {score: h.score, label: ${label('h.node')}, id: h.node.id, name: h.node.name}] AS edges`,
  neighborhood: `
MATCH (c:Entity {id: $id})
CALL (c) {
  MATCH (c)--(m:Entity)
  WITH DISTINCT m
  LIMIT toInteger($limit)
  RETURN collect(m) AS first
}
WITH c, first[0..$limit - 1] AS level1, size(first) >= $limit AS truncated1
CALL (c, level1) {
  UNWIND level1 AS f
  CALL (c, f, level1) {
    MATCH (f)--(m:Entity)
    WHERE m <> c AND NOT m IN level1
    RETURN DISTINCT m
    LIMIT toInteger($limit)
  }
  WITH DISTINCT m
  LIMIT toInteger($limit)
  RETURN collect(m) AS second
}
WITH [c] + level1 + second AS chosen, truncated1
WITH chosen[0..$limit] AS nodes, truncated1 OR size(chosen) > $limit AS truncated
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b)
  WHERE b IN nodes
  WITH r, a, b ORDER BY r.id
  RETURN collect({id: r.id, source: a.id, target: b.id, type: type(r), level: r.level}) AS edges
}
RETURN [n IN nodes | {label: ${label('n')}, id: n.id, name: n.name}] AS nodes, edges, truncated`,
  // Built per request by pathsStatement (floorStatement), the server's own Cypher and parameters.
  paths: 'per request',
  deepPage: `
MATCH (t:Trial)
WHERE t.name > $afterName OR (t.name = $afterName AND t.id > $afterId)
WITH t
ORDER BY t.name, t.id
LIMIT toInteger($first + 1)
RETURN t {.id, .name, .phase} AS trial`,
  totalCount: `MATCH (n:Outcome) RETURN count(n) AS totalCount`,
};

/**
 * The Cypher and parameters of one floor request: fixed text with the sent parameters, except
 * `paths`, whose text and parameters depend on the endpoints' kinds, exactly as the server builds them.
 */
function floorStatement(
  name: OperationName,
  cypher: string,
  sent: Record<string, unknown>,
): { cypher: string; params: Record<string, unknown> } {
  if (name !== 'paths') {
    return { cypher, params: sent };
  }
  const statement = pathsStatement(
    {
      from: String(sent.from),
      to: String(sent.to),
      maxLength: 4,
      first: Number(sent.first),
      followFlow: true,
      via: null,
    },
    { node: sent.nodeKeys as string[], claim: sent.claimKeys as string[], claimSources: null, nodeSources: null },
  );
  return { cypher: statement.cypher, params: statement.params };
}

function main() {
  const uri = process.env.NEO4J_URI;
  if (uri === undefined) {
    throw new Error('NEO4J_URI is required');
  }
  const driver = neo4j.driver(
    uri,
    neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''),
    {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: 100,
    },
  );
  const stats = { requests: 0, roundTrips: 0 };

  const server = http.createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (req.method === 'GET' && req.url === '/bench/stats') {
      reply(200, stats);
      return;
    }
    const name = req.url?.startsWith('/op/') ? (req.url.slice(4) as OperationName) : undefined;
    const cypher = name === undefined ? undefined : FLOOR_CYPHER[name];
    if (req.method !== 'POST' || cypher === undefined) {
      reply(404, { error: 'POST /op/<operation>' });
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      stats.requests += 1;
      stats.roundTrips += 1;
      const sent = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      const statement = floorStatement(name!, cypher, sent);
      driver
        .executeQuery(statement.cypher, statement.params, { database: 'neo4j', routing: routing.READ })
        .then((result) => reply(200, { data: result.records.map((r) => r.toObject()) }))
        .catch((error: unknown) => reply(500, { error: String(error) }));
    });
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    console.log(`ready http://127.0.0.1:${port}`);
  });
  process.on('SIGTERM', () => {
    server.close();
    void driver.close().then(() => process.exit(0));
  });
}

if (require.main === module) {
  main();
}
