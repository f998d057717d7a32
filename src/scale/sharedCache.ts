// A key-value cache for values that never change under their key (a persisted query under its
// hash, a response under its graph version): this process's LRU in front of Redis, when one is
// shared. A value found in Redis is kept in the LRU too; a value set goes to both. While Redis is
// unreachable the LRU alone answers and keeps what is set (SharedRedis.attempt falls back).
// It is Apollo's KeyValueCache, so Apollo's persisted queries can use it as it is.
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { RedisUse, SharedRedis } from './redis';

export interface SharedCacheOptions {
  /** Bytes of values this process keeps (the LRU's bound). */
  localBytes: number;
  /** The Redis shared by every replica, and the use its fallbacks count under; absent: the LRU alone. */
  redis?: { store: SharedRedis; use: RedisUse; namespace: string };
}

export class SharedCache implements KeyValueCache<string> {
  private readonly local: InMemoryLRUCache<string>;

  constructor(private readonly options: SharedCacheOptions) {
    this.local = new InMemoryLRUCache<string>({
      maxSize: options.localBytes,
      sizeCalculation: (value: string) => value.length || 1,
    });
  }

  async get(key: string): Promise<string | undefined> {
    const near = await this.local.get(key);
    const { redis } = this.options;
    if (near !== undefined || redis === undefined) {
      return near;
    }
    const far = await redis.store.attempt(
      redis.use,
      async (client) => (await client.get(redis.store.key(`${redis.namespace}:${key}`))) ?? undefined,
      () => undefined,
    );
    if (far !== undefined) {
      await this.local.set(key, far);
    }
    return far;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl ?? undefined;
    await this.local.set(key, value, { ttl });
    const { redis } = this.options;
    if (redis !== undefined) {
      await redis.store.attempt(
        redis.use,
        (client) =>
          client.set(redis.store.key(`${redis.namespace}:${key}`), value, ttl === undefined ? undefined : { EX: ttl }),
        () => null,
      );
    }
  }

  async delete(key: string): Promise<boolean> {
    const deleted = await this.local.delete(key);
    const { redis } = this.options;
    if (redis !== undefined) {
      await redis.store.attempt(
        redis.use,
        (client) => client.del(redis.store.key(`${redis.namespace}:${key}`)),
        () => 0,
      );
    }
    return deleted;
  }
}
