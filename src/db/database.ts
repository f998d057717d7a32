// The ONE place that touches neo4j-driver. One Driver per process; every query goes through an
// Executor, which names the database, opens READ sessions for reads (so reads route to followers),
// retries transient errors within NEO4J_MAX_RETRY_MS, attaches a timeout and metadata, holds every
// transaction to the request's deadline (which one write may extend: TxOptions.extendDeadline),
// counts round trips for the request, maps records to plain values and translates driver errors
// into coded GraphQL errors. A single read query runs as an auto-commit transaction (RUN and PULL,
// no BEGIN and COMMIT exchange), since for a query that does little those extra round trips are
// most of its cost; multi-query work and every write use executeRead/executeWrite.
// Causal consistency across replicas: every session of a request starts from the request's
// bookmarks (the client's, then those of the request's own writes), so on a cluster it reads a
// graph at least that new; the bookmarks of its committed writes are what the response returns.
// The graph version (./graphVersion.ts): a write transaction that changed anything advances it
// before it commits, and once it has committed the Database tells its version listeners (the
// response cache's tracker, src/scale/graphVersion.ts) before the write's caller goes on.
import neo4j, {
  type Driver,
  isDate,
  isDateTime,
  isDuration,
  isInt,
  isLocalDateTime,
  isLocalTime,
  isNode,
  isRelationship,
  isTime,
  type ManagedTransaction,
  isRetryableError,
  Neo4jError,
  type Session,
} from 'neo4j-driver';
import {
  BadBookmarkError,
  BadUserInputError,
  ConflictError,
  DatabaseUnavailableError,
  TimeoutError,
} from '../common/errors';
import { ADVANCE_GRAPH_VERSION, LOCK_GRAPH_VERSION } from './graphVersion';

export interface DatabaseOptions {
  uri: string;
  user?: string;
  password?: string;
  database: string;
  txTimeoutMs: number;
  connectionTimeoutMs: number;
  maxRetryMs: number;
  poolSize: number;
  app?: string;
}

/** Per-request bookkeeping: how many queries reached the database, and how long they took. */
export interface QueryStats {
  roundTrips: number;
  /**
   * Seconds spent in database calls, from sending a query (or starting a transaction) to its last
   * record, waiting for a pooled connection included; summed, so calls in parallel each count.
   */
  dbSeconds: number;
}

/** What this process's executors hold open right now; /metrics reports it as the pool's state. */
export interface DatabaseActivity {
  openSessions: number;
  /** Transactions whose work function is running (a retried transaction counts once per attempt). */
  activeTransactions: number;
}

/** Connections in the driver's pool, summed over server addresses. */
export interface PoolConnections {
  inUse: number;
  idle: number;
}

/** Told of each graph version a write of this process committed; awaited before the write returns. */
export type GraphVersionListener = (version: number) => Promise<void> | void;

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

export class Database {
  readonly driver: Driver;
  readonly activity: DatabaseActivity = { openSessions: 0, activeTransactions: 0 };
  private readonly versionListeners = new Set<GraphVersionListener>();

  constructor(readonly options: DatabaseOptions) {
    this.driver = neo4j.driver(
      options.uri,
      options.user === undefined ? undefined : neo4j.auth.basic(options.user, options.password ?? ''),
      {
        disableLosslessIntegers: true,
        connectionTimeout: options.connectionTimeoutMs,
        connectionAcquisitionTimeout: options.connectionTimeoutMs + 2_000,
        maxTransactionRetryTime: options.maxRetryMs,
        maxConnectionPoolSize: options.poolSize,
        userAgent: `${options.app ?? 'discgraph'}/0.1`,
        logging: { level: 'error', logger: () => undefined },
      },
    );
  }

  executor(
    context: { operationName?: string; stats?: QueryStats; deadline?: number; bookmarks?: readonly string[] } = {},
  ): Executor {
    return new Executor(
      this,
      context.stats ?? { roundTrips: 0, dbSeconds: 0 },
      context.operationName,
      context.deadline,
      new Bookmarks(context.bookmarks),
    );
  }

  /** Calls `listener` with the version of every write this process commits; returns the unsubscribe. */
  onGraphVersion(listener: GraphVersionListener): () => void {
    this.versionListeners.add(listener);
    return () => this.versionListeners.delete(listener);
  }

  /** Tells every listener of a committed version; a listener's failure is its own to report. */
  async versionCommitted(version: number): Promise<void> {
    await Promise.all([...this.versionListeners].map(async (listener) => listener(version)));
  }

  /** Reachable and answering: a `RETURN 1` within the connection timeout. */
  async ping(): Promise<boolean> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    try {
      await session.run('RETURN 1', {}, { timeout: this.options.connectionTimeoutMs });
      return true;
    } catch {
      return false;
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /**
   * The driver's connection pool, or undefined when it cannot be read. neo4j-driver 6 has no public
   * pool metrics, so this reads its internals defensively: a driver upgrade that changes them makes
   * /metrics omit the numbers instead of failing.
   */
  poolConnections(): PoolConnections | undefined {
    const provider: unknown = Reflect.get(this.driver, '_connectionProvider');
    const pool: unknown = isObject(provider) ? Reflect.get(provider, '_connectionPool') : undefined;
    const active: unknown = isObject(pool) ? Reflect.get(pool, '_activeResourceCounts') : undefined;
    const idle: unknown = isObject(pool) ? Reflect.get(pool, '_pools') : undefined;
    if (!isObject(active) || !isObject(idle)) {
      // No provider yet (no query has run) reads as an empty pool; any other shape as unknown.
      return provider === null ? { inUse: 0, idle: 0 } : undefined;
    }
    let inUse = 0;
    for (const count of Object.values(active)) {
      inUse += typeof count === 'number' ? count : 0;
    }
    let idleCount = 0;
    for (const addressPool of Object.values(idle)) {
      const length: unknown = isObject(addressPool) ? Reflect.get(addressPool, 'length') : undefined;
      idleCount += typeof length === 'number' ? length : 0;
    }
    return { inUse, idle: idleCount };
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

export type TxWork<T> = (tx: Tx) => Promise<T>;

export interface TxOptions {
  /** Overrides NEO4J_TX_TIMEOUT_MS, e.g. for a bulk load run from the command line. */
  timeoutMs?: number;
  /**
   * Lets this one transaction run for its whole timeout even past the request's deadline: for a
   * write with a budget of its own (importGraph's IMPORT_TIMEOUT_MS). The request's other work
   * keeps its deadline.
   */
  extendDeadline?: boolean;
  /**
   * The transaction writes only what is derived from the graph (the stored evidence cards), which
   * no answer tells apart from the graph: it does not advance the graph version.
   */
  derivedOnly?: boolean;
}

/**
 * A transaction that counts its queries and maps their rows; handed to multi-query work. It notes
 * whether any query changed the graph, which decides whether the write advances the graph version.
 */
export class Tx {
  private updated = false;
  private readonly finishers = new Map<string, () => Promise<void>>();

  constructor(
    private readonly tx: ManagedTransaction,
    private readonly stats: QueryStats,
  ) {}

  async run<T extends Row = Row>(cypher: string, params: Params = {}): Promise<T[]> {
    this.stats.roundTrips += 1;
    const result = await this.tx.run(cypher, params);
    if (!this.updated && result.summary.counters.containsUpdates()) {
      this.updated = true;
    }
    return result.records.map((record) => toPlain(record.toObject()) as T);
  }

  /** Whether a query of this transaction created, changed or deleted anything. */
  get changed(): boolean {
    return this.updated;
  }

  /**
   * Runs `finish` once, after the transaction's work and before it commits (the first one given
   * under a key counts): for what must stay true of everything the work wrote, such as the stored
   * evidence cards.
   */
  beforeCommit(key: string, finish: () => Promise<void>): void {
    if (!this.finishers.has(key)) {
      this.finishers.set(key, finish);
    }
  }

  /** Runs the finishers, in the order they were given. */
  async finish(): Promise<void> {
    for (const finish of this.finishers.values()) {
      await finish();
    }
  }
}

/**
 * The bookmarks an executor's sessions start from: the client's until a write commits, then each
 * write's own bookmarks replace those it started from (as the driver's BookmarkManager does), so
 * concurrent writes keep all theirs. Neo4j bookmarks are opaque strings.
 */
export class Bookmarks {
  private current: readonly string[];
  private wrote = false;

  constructor(readonly given: readonly string[] = []) {
    this.current = given;
  }

  /** What the next session starts from. */
  get forSession(): string[] {
    return [...this.current];
  }

  /** The bookmarks of the writes committed so far: empty until one commits. */
  get written(): readonly string[] {
    return this.wrote ? this.current : [];
  }

  /** Records a committed write: `next` (its session's last bookmarks) supersedes `used`. */
  advance(used: readonly string[], next: readonly string[]): void {
    this.current = [...new Set([...this.current.filter((b) => !used.includes(b)), ...next])];
    this.wrote = true;
  }
}

export class Executor {
  /** The newest graph version a write of this executor committed; undefined until one changes the graph. */
  graphVersion: number | undefined;

  constructor(
    readonly db: Database,
    readonly stats: QueryStats,
    /** The GraphQL operation, or the background task ('dataVersion', 'graphVersion'), it queries for. */
    readonly operationName?: string,
    /** When the request's time is up, in ms since the epoch: no query of it starts later. */
    readonly deadline?: number,
    readonly bookmarks: Bookmarks = new Bookmarks(),
  ) {}

  /** One read query in its own auto-commit transaction, retried while the error is transient. */
  read<T extends Row = Row>(name: string, cypher: string, params: Params = {}): Promise<T[]> {
    return this.inSession('READ', name, {}, async (session, config) => {
      const retryUntil = Date.now() + this.db.options.maxRetryMs;
      for (let delayMs = FIRST_RETRY_DELAY_MS; ; delayMs = Math.min(delayMs * 2, MAX_RETRY_DELAY_MS)) {
        try {
          this.stats.roundTrips += 1;
          const result = await this.counted(() => session.run(cypher, params, config));
          return result.records.map((record) => toPlain(record.toObject()) as T);
        } catch (error) {
          const wait = delayMs * (0.8 + Math.random() * 0.4);
          if (!isRetryableError(error) || Date.now() + wait >= retryUntil) {
            throw error;
          }
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }
    });
  }

  /** One write query in its own transaction. */
  write<T extends Row = Row>(name: string, cypher: string, params: Params = {}): Promise<T[]> {
    return this.writeTx(name, (tx) => tx.run<T>(cypher, params));
  }

  readTx<T>(name: string, work: TxWork<T>, options: TxOptions = {}): Promise<T> {
    return this.transact('READ', name, work, options);
  }

  writeTx<T>(name: string, work: TxWork<T>, options: TxOptions = {}): Promise<T> {
    return this.transact('WRITE', name, work, options);
  }

  private transact<T>(mode: 'READ' | 'WRITE', name: string, work: TxWork<T>, options: TxOptions): Promise<T> {
    return this.inSession(mode, name, options, async (session, config) => {
      if (mode === 'READ') {
        return session.executeRead((tx) => this.counted(() => work(new Tx(tx, this.stats))), config);
      }
      // The version of the attempt that committed (executeWrite may run the work more than once).
      let version: number | undefined;
      const value = await session.executeWrite(
        (tx) =>
          this.counted(async () => {
            // Writes run one at a time: each takes the graph version's lock before anything else,
            // so what it derives from the graph before it commits (stored cards) is read from
            // every earlier write's committed result, and two writes never wait on each other's
            // locks in opposite orders.
            this.stats.roundTrips += 1;
            await tx.run(LOCK_GRAPH_VERSION);
            const counted = new Tx(tx, this.stats);
            const done = await work(counted);
            await counted.finish();
            version =
              counted.changed && options.derivedOnly !== true
                ? (await counted.run<{ version: number }>(ADVANCE_GRAPH_VERSION))[0].version
                : undefined;
            return done;
          }),
        config,
      );
      if (version !== undefined) {
        this.graphVersion = Math.max(this.graphVersion ?? 0, version);
        await this.db.versionCommitted(version);
      }
      return value;
    });
  }

  /** Counts `attempt` in the activity's active transactions while it runs. */
  private async counted<T>(attempt: () => Promise<T>): Promise<T> {
    const { activity } = this.db;
    activity.activeTransactions += 1;
    const started = performance.now();
    try {
      return await attempt();
    } finally {
      activity.activeTransactions -= 1;
      this.stats.dbSeconds += (performance.now() - started) / 1000;
    }
  }

  /**
   * Opens a session for `run`, with the transaction config (timeout, metadata) it must pass on:
   * the timeout is the smaller of the transaction timeout and the request's remaining time, and
   * the request's deadline is raced, so a retry or an unreachable database never outlives it.
   * With `extendDeadline` the deadline raced is the later of the request's and the end of this
   * transaction's own timeout.
   */
  private async inSession<T>(
    mode: 'READ' | 'WRITE',
    name: string,
    options: TxOptions,
    run: (session: Session, config: TxConfig) => Promise<T>,
  ): Promise<T> {
    const { database } = this.db.options;
    const txTimeoutMs = options.timeoutMs ?? this.db.options.txTimeoutMs;
    const deadline =
      this.deadline !== undefined && options.extendDeadline === true
        ? Math.max(this.deadline, Date.now() + txTimeoutMs)
        : this.deadline;
    const remaining = deadline === undefined ? txTimeoutMs : Math.floor(deadline - Date.now());
    if (remaining <= 0) {
      throw new TimeoutError();
    }
    const bookmarks = this.bookmarks.forSession;
    const session = this.db.driver.session({
      database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarks,
    });
    const timeoutMs = Math.max(1, Math.min(txTimeoutMs, remaining));
    const config: TxConfig = {
      timeout: timeoutMs,
      metadata: { app: 'discgraph', query: name, operationName: this.operationName ?? null },
    };
    const { activity } = this.db;
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    let expired = false;
    activity.openSessions += 1;
    try {
      const running = run(session, config).then((value) => {
        if (mode === 'WRITE') {
          this.bookmarks.advance(bookmarks, session.lastBookmarks());
        }
        return value;
      });
      if (deadline === undefined) {
        return await running;
      }
      running.catch(() => undefined);
      return await Promise.race([
        running,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            expired = true;
            reject(new TimeoutError());
          }, remaining);
        }),
      ]);
    } catch (error) {
      if (error instanceof TimeoutError && this.bookmarks.given.length > 0 && this.bookmarks.written.length === 0) {
        // On a cluster, a replica waits for the transactions a bookmark names before it answers.
        throw new TimeoutError(
          'The request took longer than the server allows. It carried X-Neo4j-Bookmark: if the database has not reached that bookmark (a bookmark of another deployment, or a replica far behind), retry, or send the request without it.',
        );
      }
      throw error instanceof TimeoutError ? error : translateError(error, Date.now() >= started + timeoutMs);
    } finally {
      clearTimeout(timer);
      activity.openSessions -= 1;
      const closing = session.close().catch(() => undefined);
      if (!expired) {
        await closing;
      }
    }
  }
}

interface TxConfig {
  timeout: number;
  metadata: Record<string, unknown>;
}

/** Backoff of an auto-commit read's retries (executeRead's own starts at 1 s; a read is cheap to retry). */
const FIRST_RETRY_DELAY_MS = 200;
const MAX_RETRY_DELAY_MS = 2_000;

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

/** Driver errors a client can cause or must be told about become coded errors; others pass on (and are masked). */
export function translateError(error: unknown, timedOut = false): unknown {
  if (!(error instanceof Neo4jError)) {
    return error;
  }
  const code = error.code ?? '';
  // Every pooled connection is busy (NEO4J_POOL_SIZE) for longer than the acquisition timeout: the
  // driver gives this no code, so it is recognised by its message.
  if (error.message.startsWith('Connection acquisition timed out')) {
    return new DatabaseUnavailableError(
      'The server is busy: every database connection is in use. Retry in a few seconds.',
    );
  }
  if (/^Neo\.(Client|Transient)Error\.Transaction\.(LockClientStopped|Terminated)$/.test(code)) {
    return timedOut ? new TimeoutError() : new DatabaseUnavailableError();
  }
  if (UNAVAILABLE.has(code) || code.startsWith('Neo.TransientError.General')) {
    return new DatabaseUnavailableError();
  }
  if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) {
    return new TimeoutError();
  }
  if (code.startsWith('Neo.ClientError.Transaction.InvalidBookmark')) {
    return new BadBookmarkError();
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new ConflictError('An entity with that id already exists.');
  }
  if (
    code === 'Neo.ClientError.Procedure.ProcedureCallFailed' &&
    /ParseException|TokenMgrError|Cannot parse/i.test(error.message)
  ) {
    return new BadUserInputError(
      'The search query is not valid Lucene syntax; quote it, or escape + - && || ! ( ) { } [ ] ^ " ~ * ? : \\ /.',
    );
  }
  return error;
}

/** Neo4j values to plain JSON-ready values: numbers, ISO strings, objects and arrays. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) {
    return null;
  }
  // Most values are strings, numbers and plain maps: answer those before the driver's type tests,
  // which a profile of a nested list showed to cost more than the rest of the conversion.
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') {
    return value;
  }
  // Lists and maps are converted in place: the driver builds them fresh for each record, nothing
  // else holds them, and copying them doubled the garbage of a large result.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      value[i] = toPlain(value[i]);
    }
    return value;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const map = value as Record<string, unknown>;
    for (const key of Object.keys(map)) {
      map[key] = toPlain(map[key]);
    }
    return map;
  }
  if (isInt(value)) {
    return value.toNumber();
  }
  if (value instanceof Int8Array) {
    // A byte array property (a stored evidence card), kept as the bytes.
    return value;
  }
  if (typeof value === 'bigint') {
    return Number(value);
  }
  if (isNode(value) || isRelationship(value)) {
    return toPlain(value.properties);
  }
  if (
    isDate(value) ||
    isDateTime(value) ||
    isLocalDateTime(value) ||
    isTime(value) ||
    isLocalTime(value) ||
    isDuration(value)
  ) {
    return value.toString();
  }
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}
