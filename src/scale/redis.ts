// The Redis that every replica shares (REDIS_URL): the rate limit, the persisted-query cache, the
// response cache and the graph version live there. Redis is never on the path to an answer: every
// command goes through attempt(), which gives up at once while the client is disconnected and
// after COMMAND_TIMEOUT_MS otherwise, and then runs the caller's fallback (this process's memory,
// or no cache), counts it in /metrics and logs one warning per use until Redis is back. The client
// reconnects by itself, with backoff, for as long as the process runs.
import type { Logger } from 'pino';
import { createClient } from 'redis';

/** What Redis is used for; the label of the fallback metric. */
export const REDIS_USES = ['rate_limit', 'persisted_queries', 'response_cache', 'graph_version'] as const;
export type RedisUse = (typeof REDIS_USES)[number];

export type RedisClient = ReturnType<typeof createClient>;

const COMMAND_TIMEOUT_MS = 500;
const CONNECT_TIMEOUT_MS = 1_000;
const MAX_RECONNECT_DELAY_MS = 2_000;

export interface SharedRedisOptions {
  url: string;
  /** Put before every key, so that several deployments can share one Redis. */
  keyPrefix: string;
  logger: Logger;
  /** Called each time a use falls back; /metrics counts them. */
  onFallback?: (use: RedisUse) => void;
}

export class SharedRedis {
  readonly client: RedisClient;
  private readonly warned = new Set<RedisUse>();
  private closed = false;

  constructor(private readonly options: SharedRedisOptions) {
    this.client = createClient({
      url: options.url,
      // A command sent while disconnected fails at once instead of waiting for the reconnection.
      disableOfflineQueue: true,
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        reconnectStrategy: (retries) => Math.min(100 * 2 ** Math.min(retries, 5), MAX_RECONNECT_DELAY_MS),
      },
    });
    // Without a listener an 'error' event would end the process; the outage is reported by attempt().
    this.client.on('error', () => undefined);
    this.client.on('ready', () => {
      if (this.warned.size > 0) {
        options.logger.info({ uses: [...this.warned] }, 'redis is reachable again: shared state is back in Redis');
        this.warned.clear();
      }
    });
  }

  /** Connects in the background: the server starts and answers whether or not Redis is up. */
  start(): void {
    this.client.connect().catch(() => undefined);
  }

  /** Whether the client is connected and ready for commands. */
  get up(): boolean {
    return this.client.isReady;
  }

  /** `name` under this deployment's prefix. */
  key(name: string): string {
    return `${this.options.keyPrefix}${name}`;
  }

  /**
   * Runs `command` against Redis, or `fallback` when Redis is down, slow or fails; never throws
   * what Redis threw.
   */
  async attempt<T>(
    use: RedisUse,
    command: (client: RedisClient) => Promise<T>,
    fallback: () => T | Promise<T>,
  ): Promise<T> {
    if (!this.closed && this.client.isReady) {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          command(this.client),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`no answer within ${COMMAND_TIMEOUT_MS} ms`)),
              COMMAND_TIMEOUT_MS,
            );
          }),
        ]);
      } catch (error) {
        this.fellBack(use, error);
      } finally {
        clearTimeout(timer);
      }
    } else {
      this.fellBack(use, new Error('not connected'));
    }
    return fallback();
  }

  private fellBack(use: RedisUse, error: unknown): void {
    this.options.onFallback?.(use);
    if (!this.warned.has(use) && !this.closed) {
      this.warned.add(use);
      this.options.logger.warn(
        { use, error: error instanceof Error ? error.message : String(error) },
        'redis is unreachable: falling back to this process until it is back',
      );
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.client.isReady) {
      await this.client.close().catch(() => undefined);
    } else if (this.client.isOpen) {
      // Still reconnecting: stop trying.
      this.client.destroy();
    }
  }
}
