// GET /metrics against a real server and the seed graph: after known requests, the counters,
// histograms and pool gauges show exactly those requests. Assertions compare before/after scrapes,
// so they hold whatever else the server did first; no assertion depends on how long anything took.
import { ensureSeedGraph, gql, startTestServer, type TestServer } from '../support/harness';
import { has, type Sample, scrape, valueOf } from './prometheus';

const REQUESTS = 'discgraph_graphql_requests_total';
const ERRORS = 'discgraph_graphql_errors_total';
const DURATION = 'discgraph_graphql_request_duration_seconds';
const ROUND_TRIPS = 'discgraph_graphql_db_round_trips';
const DB_SECONDS = 'discgraph_graphql_db_seconds';

const STATS_OP = 'query MetricsStats { stats { totalNodes totalRelationships } }';
const TRIALS_OP = 'query MetricsTrials { trials(first: 3) { edges { node { id name outcomes { totalCount } } } } }';
const MISSING_OP = 'query MetricsMissing { neighborhood(id: "condition:no-such-condition") { truncated } }';

function delta(before: Sample[], after: Sample[], name: string, labels: Record<string, string> = {}): number {
  return valueOf(after, name, labels) - valueOf(before, name, labels);
}

function roundTripsOf(response: { extensions?: Record<string, unknown> }): number {
  const debug = response.extensions?.discgraph as { roundTrips?: unknown } | undefined;
  if (typeof debug?.roundTrips !== 'number') {
    throw new Error('the test server runs with GRAPHQL_DEBUG, so extensions.discgraph.roundTrips must be present');
  }
  return debug.roundTrips;
}

describe('GET /metrics', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    await ensureSeedGraph(server.database);
  });

  afterAll(async () => {
    await server.close();
  });

  it('is Prometheus text with the process metrics and every error code at zero', async () => {
    const { contentType, samples } = await scrape(server.origin);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(has(samples, 'process_cpu_user_seconds_total')).toBe(true);
    expect(has(samples, 'nodejs_heap_size_total_bytes')).toBe(true);
    for (const code of ['NOT_FOUND', 'BAD_USER_INPUT', 'INTERNAL_SERVER_ERROR', 'GRAPHQL_PARSE_FAILED']) {
      expect(has(samples, ERRORS, { code })).toBe(true);
    }
  });

  it('counts three named operations and one failing one, with their latency and round trips', async () => {
    const before = (await scrape(server.origin)).samples;
    const stats = [await gql(server.url, STATS_OP), await gql(server.url, STATS_OP)];
    const trials = await gql(server.url, TRIALS_OP);
    const missing = await gql(server.url, MISSING_OP);
    const after = (await scrape(server.origin)).samples;

    for (const ok of [...stats, trials]) {
      expect(ok.errors).toBeUndefined();
    }
    expect(missing.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);

    expect(delta(before, after, REQUESTS, { operation: 'MetricsStats', outcome: 'success' })).toBe(2);
    expect(delta(before, after, REQUESTS, { operation: 'MetricsTrials', outcome: 'success' })).toBe(1);
    expect(delta(before, after, REQUESTS, { operation: 'MetricsMissing', outcome: 'NOT_FOUND' })).toBe(1);
    expect(has(after, REQUESTS, { operation: 'MetricsMissing', outcome: 'success' })).toBe(false);

    // Exactly one error, the NOT_FOUND: no other code moved.
    const errorSeries = after.filter((s) => s.name === ERRORS);
    const moved = errorSeries.filter((s) => delta(before, after, ERRORS, s.labels) !== 0).map((s) => s.labels.code);
    expect(moved).toEqual(['NOT_FOUND']);
    expect(delta(before, after, ERRORS, { code: 'NOT_FOUND' })).toBe(1);

    for (const [operation, count] of [
      ['MetricsStats', 2],
      ['MetricsTrials', 1],
      ['MetricsMissing', 1],
    ] as const) {
      expect(delta(before, after, `${DURATION}_count`, { operation })).toBe(count);
      expect(delta(before, after, `${DURATION}_bucket`, { operation, le: '+Inf' })).toBe(count);
      expect(delta(before, after, `${ROUND_TRIPS}_count`, { operation })).toBe(count);
      expect(delta(before, after, `${DB_SECONDS}_count`, { operation })).toBe(count);
      // Time in Neo4j calls is part of the operation's time, and an operation that queried spent some.
      const db = delta(before, after, `${DB_SECONDS}_sum`, { operation });
      expect(db).toBeGreaterThan(0);
      expect(db).toBeLessThanOrEqual(delta(before, after, `${DURATION}_sum`, { operation }));
    }

    // The round-trip histogram holds what each response reported in extensions.discgraph.
    const statsTrips = stats.map(roundTripsOf);
    const trialTrips = roundTripsOf(trials);
    expect(trialTrips).toBeGreaterThan(0);
    expect(delta(before, after, `${ROUND_TRIPS}_sum`, { operation: 'MetricsStats' })).toBe(
      statsTrips[0] + statsTrips[1],
    );
    expect(delta(before, after, `${ROUND_TRIPS}_sum`, { operation: 'MetricsTrials' })).toBe(trialTrips);
    for (const le of ['0', '1', '2', '3', '5', '8']) {
      const expected = [trialTrips].filter((n) => n <= Number(le)).length;
      expect(delta(before, after, `${ROUND_TRIPS}_bucket`, { operation: 'MetricsTrials', le })).toBe(expected);
    }
  });

  it('collapses anonymous, unresolvable and rejected requests into fixed labels', async () => {
    const before = (await scrape(server.origin)).samples;
    const anonymous = await gql(server.url, '{ stats { totalNodes } }');
    const unparsable = await gql(server.url, 'query Broken {');
    const invalid = await gql(server.url, 'query NoSuchFieldHere { noSuchField }');
    const noQuery = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variables: {} }),
    });
    const after = (await scrape(server.origin)).samples;

    expect(anonymous.errors).toBeUndefined();
    expect(unparsable.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(invalid.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(noQuery.status).toBe(400);

    expect(delta(before, after, REQUESTS, { operation: '<anonymous>', outcome: 'success' })).toBe(1);
    expect(delta(before, after, REQUESTS, { operation: '<unresolved>', outcome: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
    expect(delta(before, after, REQUESTS, { operation: '<unresolved>', outcome: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(delta(before, after, REQUESTS, { operation: '<unresolved>', outcome: 'BAD_REQUEST' })).toBe(1);
    expect(delta(before, after, ERRORS, { code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
    expect(delta(before, after, ERRORS, { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(delta(before, after, ERRORS, { code: 'BAD_REQUEST' })).toBe(1);
    // A name the server never resolved does not become a label value.
    expect(after.some((s) => s.labels.operation === 'NoSuchFieldHere' || s.labels.operation === 'Broken')).toBe(false);
  });

  it('reports the Neo4j pool: sessions and transactions in use while a transaction runs, none after', async () => {
    const inside = await server.database.executor().readTx('metrics-pool-probe', async (tx) => {
      await tx.run('RETURN 1 AS one');
      return (await scrape(server.origin)).samples;
    });
    expect(valueOf(inside, 'discgraph_neo4j_sessions_open')).toBe(1);
    expect(valueOf(inside, 'discgraph_neo4j_transactions_active')).toBe(1);
    expect(valueOf(inside, 'discgraph_neo4j_pool_connections', { state: 'in_use' })).toBeGreaterThanOrEqual(1);

    const after = (await scrape(server.origin)).samples;
    expect(valueOf(after, 'discgraph_neo4j_sessions_open')).toBe(0);
    expect(valueOf(after, 'discgraph_neo4j_transactions_active')).toBe(0);
    expect(valueOf(after, 'discgraph_neo4j_pool_connections', { state: 'in_use' })).toBe(0);
    expect(valueOf(after, 'discgraph_neo4j_pool_connections', { state: 'idle' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(after, 'discgraph_neo4j_pool_max_connections')).toBe(server.database.options.poolSize);
  });

  it('keeps one registry per server, so two servers in one process count only their own requests', async () => {
    const other = await startTestServer({}, server.database);
    try {
      const before = (await scrape(server.origin)).samples;
      const response = await gql(other.url, 'query MetricsOtherServer { stats { totalNodes } }');
      expect(response.errors).toBeUndefined();
      const mine = (await scrape(server.origin)).samples;
      const theirs = (await scrape(other.origin)).samples;
      expect(valueOf(theirs, REQUESTS, { operation: 'MetricsOtherServer', outcome: 'success' })).toBe(1);
      expect(has(mine, REQUESTS, { operation: 'MetricsOtherServer', outcome: 'success' })).toBe(false);
      expect(delta(before, mine, `${DURATION}_count`, { operation: 'MetricsOtherServer' })).toBe(0);
    } finally {
      await other.close();
    }
  });
});
