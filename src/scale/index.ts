// What running as several replicas needs, built once per server from the configuration: the shared
// Redis (REDIS_URL) with the rate-limit store and the persisted-query cache in it, and the response
// cache (RESPONSE_CACHE) with the graph-version tracker that keys it. Without REDIS_URL and with
// RESPONSE_CACHE=off (the defaults) it builds nothing, and the server runs as one process did.
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Store } from 'express-rate-limit';
import type { ServerDeps } from '../deps';
import type { ServerMetrics } from '../observability/metrics';
import type { ResponseCache } from '../plugins/responseCache';
import { GraphVersionTracker } from './graphVersion';
import { SharedRateLimitStore } from './rateLimitStore';
import { SharedRedis } from './redis';
import { SharedCache } from './sharedCache';

/** How long a registered persisted query is kept in Redis after its last registration. */
export const PERSISTED_QUERY_TTL_SECONDS = 86_400;
/** What each process keeps of persisted queries, and of responses, in its own memory. */
const PERSISTED_QUERY_LOCAL_BYTES = 8 * 1024 * 1024;
export const RESPONSE_CACHE_LOCAL_BYTES = 32 * 1024 * 1024;

export interface ScaleParts {
  redis?: SharedRedis;
  rateLimitStore?: Store;
  persistedQueries?: { cache: KeyValueCache<string>; ttl: number };
  responseCache?: ResponseCache;
  /** Stops reading versions and closes Redis. */
  stop(): Promise<void>;
}

export function scaleParts(deps: ServerDeps, metrics: ServerMetrics): ScaleParts {
  const { config, database, logger } = deps;
  const redis =
    config.redis === undefined
      ? undefined
      : new SharedRedis({
          url: config.redis.url,
          keyPrefix: config.redis.keyPrefix,
          logger,
          onFallback: (use) => metrics.observeRedisFallback(use),
        });
  if (redis !== undefined) {
    metrics.redisUp = () => redis.up;
    redis.start();
  }
  const { mode, ttlSeconds } = config.responseCache;
  let stopVersions = (): void => undefined;
  let responseCache: ResponseCache | undefined;
  if (mode !== 'off') {
    const shared = mode === 'redis' ? redis : undefined;
    const versions = new GraphVersionTracker(database, shared);
    stopVersions = versions.start();
    responseCache = {
      versions,
      entries: new SharedCache({
        localBytes: RESPONSE_CACHE_LOCAL_BYTES,
        redis: shared === undefined ? undefined : { store: shared, use: 'response_cache', namespace: 'response' },
      }),
      ttlSeconds,
      count: (result) => metrics.observeResponseCache(result),
    };
  }
  return {
    redis,
    rateLimitStore: redis === undefined ? undefined : new SharedRateLimitStore(redis),
    persistedQueries:
      redis === undefined
        ? undefined
        : {
            cache: new SharedCache({
              localBytes: PERSISTED_QUERY_LOCAL_BYTES,
              redis: { store: redis, use: 'persisted_queries', namespace: 'apq' },
            }),
            ttl: PERSISTED_QUERY_TTL_SECONDS,
          },
    responseCache,
    async stop() {
      stopVersions();
      await redis?.close();
    },
  };
}
