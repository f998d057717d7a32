// Reads the environment once, at start. Every variable is validated here and nowhere else; a bad
// value stops the process with one line that names the variable and the form it expects.
// Every variable is documented in README.md#configuration and listed in .env.example.
import { z } from 'zod';
import { parseApiKeys } from './auth/apiKeys';
import { type AuthConfig, DEFAULT_JWT_MAX_TTL_SECONDS } from './auth/authenticate';

const TRUE_WORDS = ['true', '1', 'yes'];
const FALSE_WORDS = ['false', '0', 'no'];

const bool = (fallback: boolean) =>
  z
    .enum([...TRUE_WORDS, ...FALSE_WORDS] as [string, ...string[]], { error: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : TRUE_WORDS.includes(v)));

/** A true/false switch whose default is off in production and on elsewhere. */
function switchOf(name: string, value: string | undefined, production: boolean): boolean {
  if (value === undefined) {
    return !production;
  }
  if (![...TRUE_WORDS, ...FALSE_WORDS].includes(value)) {
    throw new ConfigError(`${name} must be true or false (got "${value}")`);
  }
  return TRUE_WORDS.includes(value);
}

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') {
        return fallback;
      }
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });
const size = (fallback: string) =>
  z
    .string()
    .regex(/^\d+[kmgKMG]?$/, 'must be a size such as 512m or 2g')
    .optional()
    .transform((v) => v ?? fallback);
/** What a browser gets at GET /graphql: GraphiQL (served at /graphiql), Apollo Sandbox, or nothing. */
const LANDINGS = ['graphiql', 'sandbox', 'off'] as const;
export type Landing = (typeof LANDINGS)[number];

/** Where read responses are cached (src/scale/responseCache.ts): nowhere, in each process, or in Redis. */
const RESPONSE_CACHES = ['off', 'memory', 'redis'] as const;
export type ResponseCacheMode = (typeof RESPONSE_CACHES)[number];

const NEO4J_SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'];

/** An optional URL that parses and passes `accepts`; anything else fails with `message`. */
const urlVariable = (accepts: (url: URL) => boolean, message: string) =>
  z
    .string()
    .optional()
    .refine((v) => v === undefined || (URL.canParse(v) && accepts(new URL(v))), { message });

const httpUrl = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((v) => URL.canParse(v) && ['http:', 'https:'].includes(new URL(v).protocol), {
      message: 'must be an http(s) URL such as https://clinicaltrials.gov',
    });

const ENV_SCHEMA = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(4000, 0, 65535),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  NEO4J_URI: urlVariable(
    (url) => NEO4J_SCHEMES.includes(url.protocol.replace(/:$/, '')) && url.hostname !== '',
    'must be a URI such as bolt://localhost:7687 or neo4j+s://<id>.databases.neo4j.io',
  ),
  NEO4J_USER: z.string().min(1).optional(),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9.-]{2,62}$/, 'must be a Neo4j database name such as neo4j')
    .default('neo4j'),

  NEO4J_LOCAL_PORT: int(7687, 1, 65535),
  NEO4J_LOCAL_DIR: z.string().min(1).default('.data'),
  NEO4J_LOCAL_HEAP: size('2g'),
  NEO4J_LOCAL_PAGECACHE: size('4g'),

  NEO4J_TX_TIMEOUT_MS: int(5_000, 100, 600_000),
  NEO4J_CONNECTION_TIMEOUT_MS: int(3_000, 100, 120_000),
  NEO4J_MAX_RETRY_MS: int(3_000, 0, 600_000),
  NEO4J_POOL_SIZE: int(100, 1, 1000),
  REQUEST_TIMEOUT_MS: int(10_000, 100, 600_000),

  SEED_ON_START: bool(true),
  SEED_DIR: z.string().min(1).default('seed'),
  GRAPHQL_INTROSPECTION: z.string().optional(),
  GRAPHQL_LANDING: z.enum(LANDINGS, { error: 'must be graphiql, sandbox or off' }).optional(),
  GRAPHQL_DEBUG: bool(false),
  MAX_PAGE_SIZE: int(100, 1, 1000),
  CACHE_MAX_AGE_SECONDS: int(60, 0, 86_400),
  LIMIT_DEPTH: int(12, 2, 100),
  LIMIT_COMPLEXITY: int(20_000, 10, 10_000_000),
  LIMIT_ALIASES: int(30, 1, 1000),
  LIMIT_REPEATED_FIELDS: int(5, 1, 1000),
  LIMIT_DIRECTIVES: int(20, 1, 1000),
  LIMIT_TOKENS: int(3_000, 100, 100_000),
  LIMIT_BODY_BYTES: int(100_000, 1_000, 50_000_000),
  LIMIT_LIST_ITEMS: int(500, 1, 10_000),
  LIMIT_FILTER_NODES: int(50, 1, 1_000),
  ALLOW_BATCHED_REQUESTS: bool(false),
  RATE_LIMIT_PER_MINUTE: int(600, 0, 1_000_000),
  MAX_RUNNING_OPERATIONS: int(16, 0, 10_000),
  MAX_QUEUED_OPERATIONS: int(512, 0, 100_000),
  MAX_RUNNING_PATH_SEARCHES: int(4, 0, 1_000),
  TRUST_PROXY: int(0, 0, 10),
  IMPORT_TIMEOUT_MS: int(120_000, 1_000, 3_600_000),
  IMPORT_MAX_RECORDS: int(20_000, 1, 1_000_000),
  METRICS_TOKEN: z.string().optional(),

  // Replicas (src/scale): a Redis shared by every replica, and the response cache.
  REDIS_URL: urlVariable(
    (url) => ['redis:', 'rediss:'].includes(url.protocol) && url.hostname !== '',
    'must be a URL such as redis://localhost:6379 or rediss://user:password@host:6380/0',
  ),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:._-]{0,64}$/, 'must be at most 64 letters, digits and : . _ -')
    .default('discgraph:'),
  RESPONSE_CACHE: z.enum(RESPONSE_CACHES, { error: 'must be off, memory or redis' }).optional(),
  RESPONSE_CACHE_TTL_SECONDS: int(600, 1, 86_400),

  // Ingestion from public sources (src/ingest): where the APIs are, and how politely to call them.
  CTGOV_BASE_URL: httpUrl('https://clinicaltrials.gov'),
  EUTILS_BASE_URL: httpUrl('https://eutils.ncbi.nlm.nih.gov'),
  EUROPEPMC_BASE_URL: httpUrl('https://www.ebi.ac.uk'),
  INGEST_MIN_INTERVAL_MS: int(1_250, 0, 60_000),
  INGEST_MAX_RETRIES: int(5, 0, 20),
  INGEST_RETRY_BASE_MS: int(1_000, 0, 60_000),
  INGEST_CONTACT: z.string().max(200).optional(),

  // Curation (src/auth). API_KEYS and JWT_SECRET are checked after parsing, so that an error
  // never repeats their values.
  API_KEYS: z.string().optional(),
  JWT_SECRET: z.string().optional(),
  JWKS_URL: urlVariable(
    (url) =>
      url.protocol === 'https:' ||
      (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)),
    'must be an https:// URL of a JSON Web Key Set (http:// only on localhost)',
  ),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  JWT_MAX_TTL_SECONDS: int(DEFAULT_JWT_MAX_TTL_SECONDS, 60, 31_536_000),
});

/** Every variable the server reads; README.md#configuration and .env.example list each one. */
export const ENV_VARIABLES: readonly string[] = Object.keys(ENV_SCHEMA.shape);

export interface Neo4jTarget {
  uri: string;
  user?: string;
  password?: string;
  database: string;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: string;
  /** The database to use; undefined means "start (or reuse) the local embedded Neo4j". */
  neo4j: Neo4jTarget | undefined;
  database: string;
  local: { port: number; dir: string; heap: string; pageCache: string };
  neo4jTxTimeoutMs: number;
  neo4jConnectionTimeoutMs: number;
  neo4jMaxRetryMs: number;
  neo4jPoolSize: number;
  requestTimeoutMs: number;
  seedOnStart: boolean;
  seedDir: string;
  introspection: boolean;
  landing: Landing;
  debug: boolean;
  maxPageSize: number;
  cacheMaxAgeSeconds: number;
  limits: {
    depth: number;
    complexity: number;
    aliases: number;
    repeatedFields: number;
    directives: number;
    tokens: number;
    bodyBytes: number;
    /** Most items in any one list argument (except importGraph's records: importMaxRecords). */
    listItems: number;
    /** Most fields and sub-filters in one filter tree, counted over every level. */
    filterNodes: number;
    allowBatchedRequests: boolean;
  };
  /** importGraph: its transaction's timeout (it also outlives REQUEST_TIMEOUT_MS) and its most records. */
  import: { timeoutMs: number; maxRecords: number };
  /** When set, GET /metrics needs `Authorization: Bearer <token>`; unset in production, /metrics is off. */
  metricsToken: string | undefined;
  /** Ingestion (src/ingest): the public APIs' addresses and the client's pace. */
  ingest: {
    ctgovBaseUrl: string;
    eutilsBaseUrl: string;
    europepmcBaseUrl: string;
    minIntervalMs: number;
    maxRetries: number;
    retryBaseMs: number;
    contact: string | undefined;
  };
  /** Requests per client (API key, else IP) per minute; 0 turns rate limiting off. */
  rateLimitPerMinute: number;
  /** GraphQL operations executing at once (0: no limit) and waiting beyond them (src/http/admission.ts). */
  admission: { running: number; queued: number };
  /**
   * `paths` searches executing at once (0: no limit of their own) and waiting beyond them: each holds
   * up to thousands of walks in Neo4j's transaction memory, which every query shares.
   */
  pathSearches: { running: number; queued: number };
  /** Reverse proxies in front of the server whose X-Forwarded-For is believed (0: none). */
  trustProxy: number;
  /**
   * The Redis every replica shares (rate limit, persisted queries, response cache, graph version);
   * undefined keeps all of it in this process.
   */
  redis: { url: string; keyPrefix: string } | undefined;
  /** The response cache: where it lives and how long an entry is kept. */
  responseCache: { mode: ResponseCacheMode; ttlSeconds: number };
  /** Who may write: API keys (salted hashes) and how JWTs are verified. */
  auth: AuthConfig;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly userFacing = true;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = ENV_SCHEMA.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    const got = env[name] === undefined ? '' : ` (got "${env[name]}")`;
    throw new ConfigError(`${name} ${issue.message}${got}`);
  }
  const e = parsed.data;
  if ((e.NEO4J_USER === undefined) !== (e.NEO4J_PASSWORD === undefined)) {
    throw new ConfigError('NEO4J_USER and NEO4J_PASSWORD must be set together, or neither');
  }
  if (e.NEO4J_URI === undefined && (e.NEO4J_USER !== undefined || e.NEO4J_PASSWORD !== undefined)) {
    throw new ConfigError('NEO4J_USER and NEO4J_PASSWORD need NEO4J_URI: without it the local Neo4j is used');
  }
  if (e.NEO4J_MAX_RETRY_MS >= e.REQUEST_TIMEOUT_MS) {
    throw new ConfigError(
      `NEO4J_MAX_RETRY_MS must be below REQUEST_TIMEOUT_MS (${e.REQUEST_TIMEOUT_MS}), so retries end before the request's deadline`,
    );
  }
  const apiKeys = parseApiKeys(e.API_KEYS);
  if ('problem' in apiKeys) {
    throw new ConfigError(`API_KEYS ${apiKeys.problem}`);
  }
  if (e.METRICS_TOKEN !== undefined && e.METRICS_TOKEN.length < 16) {
    throw new ConfigError('METRICS_TOKEN must be at least 16 characters');
  }
  const production = e.NODE_ENV === 'production';
  if (present.GRAPHQL_SANDBOX !== undefined) {
    throw new ConfigError('GRAPHQL_SANDBOX is not read: set GRAPHQL_LANDING to graphiql, sandbox or off');
  }
  const landing = e.GRAPHQL_LANDING ?? (production ? 'off' : 'graphiql');
  if (production && landing === 'sandbox') {
    throw new ConfigError(
      "GRAPHQL_LANDING=sandbox is refused in production: Apollo Sandbox loads from Apollo's CDN and runs Apollo's telemetry; use graphiql or off",
    );
  }
  const responseCache = e.RESPONSE_CACHE ?? (e.REDIS_URL === undefined ? 'off' : 'redis');
  if (responseCache === 'redis' && e.REDIS_URL === undefined) {
    throw new ConfigError('RESPONSE_CACHE=redis needs REDIS_URL; without Redis use memory or off');
  }
  if (e.JWT_SECRET !== undefined && e.JWT_SECRET.length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters (HS256 needs a 256-bit secret)');
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    neo4j:
      e.NEO4J_URI === undefined
        ? undefined
        : { uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD, database: e.NEO4J_DATABASE },
    database: e.NEO4J_DATABASE,
    local: {
      port: e.NEO4J_LOCAL_PORT,
      dir: e.NEO4J_LOCAL_DIR,
      heap: e.NEO4J_LOCAL_HEAP,
      pageCache: e.NEO4J_LOCAL_PAGECACHE,
    },
    neo4jTxTimeoutMs: e.NEO4J_TX_TIMEOUT_MS,
    neo4jConnectionTimeoutMs: e.NEO4J_CONNECTION_TIMEOUT_MS,
    neo4jMaxRetryMs: e.NEO4J_MAX_RETRY_MS,
    neo4jPoolSize: e.NEO4J_POOL_SIZE,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    seedOnStart: e.SEED_ON_START,
    seedDir: e.SEED_DIR,
    introspection: switchOf('GRAPHQL_INTROSPECTION', e.GRAPHQL_INTROSPECTION, production),
    landing,
    debug: e.GRAPHQL_DEBUG,
    maxPageSize: e.MAX_PAGE_SIZE,
    cacheMaxAgeSeconds: e.CACHE_MAX_AGE_SECONDS,
    limits: {
      depth: e.LIMIT_DEPTH,
      complexity: e.LIMIT_COMPLEXITY,
      aliases: e.LIMIT_ALIASES,
      repeatedFields: e.LIMIT_REPEATED_FIELDS,
      directives: e.LIMIT_DIRECTIVES,
      tokens: e.LIMIT_TOKENS,
      bodyBytes: e.LIMIT_BODY_BYTES,
      listItems: e.LIMIT_LIST_ITEMS,
      filterNodes: e.LIMIT_FILTER_NODES,
      allowBatchedRequests: e.ALLOW_BATCHED_REQUESTS,
    },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    admission: { running: e.MAX_RUNNING_OPERATIONS, queued: e.MAX_QUEUED_OPERATIONS },
    pathSearches: { running: e.MAX_RUNNING_PATH_SEARCHES, queued: e.MAX_QUEUED_OPERATIONS },
    trustProxy: e.TRUST_PROXY,
    redis: e.REDIS_URL === undefined ? undefined : { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX },
    responseCache: { mode: responseCache, ttlSeconds: e.RESPONSE_CACHE_TTL_SECONDS },
    import: { timeoutMs: e.IMPORT_TIMEOUT_MS, maxRecords: e.IMPORT_MAX_RECORDS },
    metricsToken: e.METRICS_TOKEN,
    ingest: {
      ctgovBaseUrl: e.CTGOV_BASE_URL,
      eutilsBaseUrl: e.EUTILS_BASE_URL,
      europepmcBaseUrl: e.EUROPEPMC_BASE_URL,
      minIntervalMs: e.INGEST_MIN_INTERVAL_MS,
      maxRetries: e.INGEST_MAX_RETRIES,
      retryBaseMs: e.INGEST_RETRY_BASE_MS,
      contact: e.INGEST_CONTACT,
    },
    auth: {
      apiKeys: apiKeys.entries,
      jwt: {
        secret: e.JWT_SECRET,
        jwksUrl: e.JWKS_URL,
        issuer: e.JWT_ISSUER,
        audience: e.JWT_AUDIENCE,
        maxTtlSeconds: e.JWT_MAX_TTL_SECONDS,
      },
    },
  };
}
