// The server's Prometheus metrics. Each server instance owns its Registry: tests start several
// servers in one process, and prom-client's global registry would reject the second set of names.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database';
import type { AdmissionState } from '../http/admission';
import type { ResponseCacheResult } from '../plugins/responseCache';
import { REDIS_USES, type RedisUse } from '../scale/redis';
import { errorCodeLabel, KNOWN_ERROR_CODES, OperationLabels, SUCCESS } from './labels';

export interface MetricsOptions {
  /** Distinct operation names kept as label values; later ones are counted as `<other>`. */
  maxOperationNames?: number;
  /** Process metrics (CPU, memory, event loop, GC) from prom-client; on unless turned off. */
  processMetrics?: boolean;
}

/** One finished GraphQL operation, as the metrics plugin saw it. */
export interface OperationObservation {
  /** Operation name as Apollo resolved it: null when anonymous. */
  operationName: string | null | undefined;
  /** Whether an operation was resolved at all (false for parse or validation failures). */
  resolved: boolean;
  /** `extensions.code` of each error in the response, in order. */
  errorCodes: unknown[];
  seconds: number;
  roundTrips: number;
  /** Of `seconds`, those spent in database calls (QueryStats.dbSeconds). */
  dbSeconds: number;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const ROUND_TRIP_BUCKETS = [0, 1, 2, 3, 4, 5, 8, 13, 21, 34, 55, 89];
export const DEFAULT_MAX_OPERATION_NAMES = 200;

export class ServerMetrics {
  readonly registry = new Registry();
  private readonly operations: OperationLabels;
  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly duration: Histogram<'operation'>;
  private readonly roundTrips: Histogram<'operation'>;
  private readonly dbTime: Histogram<'operation'>;
  private readonly errors: Counter<'code'>;
  private readonly cacheResults: Counter<'result'>;
  private readonly redisFallbacks: Counter<'use'>;
  /** Whether the shared Redis is connected; set by the server when REDIS_URL is. */
  redisUp: (() => boolean) | undefined;

  constructor(database: Database, options: MetricsOptions = {}) {
    const registers = [this.registry];
    this.operations = new OperationLabels(options.maxOperationNames ?? DEFAULT_MAX_OPERATION_NAMES);
    if (options.processMetrics ?? true) {
      collectDefaultMetrics({ register: this.registry });
    }
    this.requests = new Counter({
      name: 'discgraph_graphql_requests_total',
      help: 'GraphQL operations by operation name and outcome: "success" or the first error\'s extensions.code.',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'discgraph_graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL operation to sending its response, by operation name.',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.roundTrips = new Histogram({
      name: 'discgraph_graphql_db_round_trips',
      help: 'Neo4j queries one GraphQL operation ran, by operation name.',
      labelNames: ['operation'],
      buckets: ROUND_TRIP_BUCKETS,
      registers,
    });
    this.dbTime = new Histogram({
      name: 'discgraph_graphql_db_seconds',
      help: "Time one GraphQL operation spent in Neo4j calls (waiting for a pooled connection included), by operation name; the rest of the request's time is this server's.",
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.errors = new Counter({
      name: 'discgraph_graphql_errors_total',
      help: 'Errors in GraphQL responses by extensions.code (OTHER for codes the server does not issue).',
      labelNames: ['code'],
      registers,
    });
    for (const code of KNOWN_ERROR_CODES) {
      this.errors.inc({ code }, 0);
    }
    this.cacheResults = new Counter({
      name: 'discgraph_response_cache_total',
      help: 'GraphQL requests by what the response cache did: hit, miss (answered and kept) or bypass (not cacheable, or the cache is off or unreachable).',
      labelNames: ['result'],
      registers,
    });
    for (const result of ['hit', 'miss', 'bypass'] as const) {
      this.cacheResults.inc({ result }, 0);
    }
    this.redisFallbacks = new Counter({
      name: 'discgraph_redis_fallbacks_total',
      help: 'Times a use of the shared Redis fell back to this process (rate_limit, persisted_queries) or to no cache (response_cache, graph_version) because Redis was unreachable, slow or failed.',
      labelNames: ['use'],
      registers,
    });
    for (const use of REDIS_USES) {
      this.redisFallbacks.inc({ use }, 0);
    }
    const redisUp = (): boolean | undefined => this.redisUp?.();
    new Gauge({
      name: 'discgraph_redis_up',
      help: 'Whether the shared Redis (REDIS_URL) is connected: 1 or 0; absent without REDIS_URL.',
      registers,
      collect() {
        this.reset();
        const up = redisUp();
        if (up !== undefined) {
          this.set(up ? 1 : 0);
        }
      },
    });
    this.poolGauges(database, registers);
  }

  observeResponseCache(result: ResponseCacheResult): void {
    this.cacheResults.inc({ result });
  }

  observeRedisFallback(use: RedisUse): void {
    this.redisFallbacks.inc({ use });
  }

  observeOperation(observation: OperationObservation): void {
    const operation = this.operations.label(observation.operationName, observation.resolved);
    const codes = observation.errorCodes.map(errorCodeLabel);
    this.requests.inc({ operation, outcome: codes[0] ?? SUCCESS });
    this.duration.observe({ operation }, observation.seconds);
    this.roundTrips.observe({ operation }, observation.roundTrips);
    this.dbTime.observe({ operation }, observation.dbSeconds);
    for (const code of codes) {
      this.errors.inc({ code });
    }
  }

  /** A request Apollo rejected before it became an operation (malformed HTTP, no query, CSRF). */
  observeRejectedRequest(code: unknown): void {
    const outcome = errorCodeLabel(code);
    this.requests.inc({ operation: this.operations.label(undefined, false), outcome });
    this.errors.inc({ code: outcome });
  }

  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Admission control's line (src/http/admission.ts): running, waiting, waited and refused so far. */
  watchAdmission(admission: AdmissionState): void {
    this.watchLine(admission, 'discgraph_graphql_operations', 'GraphQL requests', 'MAX_RUNNING_OPERATIONS');
  }

  /** The line `paths` searches take turns in: running, waiting, waited and refused so far. */
  watchPathSearches(line: AdmissionState): void {
    this.watchLine(line, 'discgraph_path_searches', '`paths` searches', 'MAX_RUNNING_PATH_SEARCHES');
  }

  private watchLine(line: AdmissionState, prefix: string, what: string, limit: string): void {
    const registers = [this.registry];
    new Gauge({
      name: `${prefix}_running`,
      help: `${what} holding a turn right now (at most ${limit}).`,
      registers,
      collect() {
        this.set(line.running);
      },
    });
    new Gauge({
      name: `${prefix}_waiting`,
      help: `${what} waiting for a turn right now (at most MAX_QUEUED_OPERATIONS).`,
      registers,
      collect() {
        this.set(line.waiting);
      },
    });
    let waited = 0;
    new Counter({
      name: `${prefix}_waited_total`,
      help: `${what} that waited for a turn (${limit} were running when they came).`,
      registers,
      collect() {
        this.inc(line.waited - waited);
        waited = line.waited;
      },
    });
    let refused = 0;
    new Counter({
      name: `${prefix}_refused_total`,
      help: `${what} refused with SERVER_BUSY because the line was full.`,
      registers,
      collect() {
        this.inc(line.refused - refused);
        refused = line.refused;
      },
    });
  }

  private poolGauges(database: Database, registers: Registry[]): void {
    new Gauge({
      name: 'discgraph_neo4j_sessions_open',
      help: 'Neo4j sessions the server has open right now.',
      registers,
      collect() {
        this.set(database.activity.openSessions);
      },
    });
    new Gauge({
      name: 'discgraph_neo4j_transactions_active',
      help: 'Neo4j transactions whose work is running right now.',
      registers,
      collect() {
        this.set(database.activity.activeTransactions);
      },
    });
    new Gauge({
      name: 'discgraph_neo4j_pool_max_connections',
      help: 'Largest number of connections the driver pool may hold per server (NEO4J_POOL_SIZE).',
      registers,
      collect() {
        this.set(database.options.poolSize);
      },
    });
    new Gauge({
      name: 'discgraph_neo4j_pool_connections',
      help: 'Connections in the driver pool by state (in_use, idle); absent if the driver does not expose them.',
      labelNames: ['state'],
      registers,
      collect() {
        const pool = database.poolConnections();
        this.reset();
        if (pool !== undefined) {
          this.set({ state: 'in_use' }, pool.inUse);
          this.set({ state: 'idle' }, pool.idle);
        }
      },
    });
  }
}
