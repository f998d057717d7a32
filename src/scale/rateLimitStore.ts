// express-rate-limit's store in the shared Redis: every replica counts a client's requests in one
// counter per window, so the limit holds whichever replica a request reaches. A fixed window of
// windowMs starts at the client's first request (INCR, then PEXPIRE when the key is new, in one
// script). While Redis is unreachable each process counts in its own memory (MemoryStore), which
// SharedRedis reports; requests are never refused or failed because Redis is down.
import { type ClientRateLimitInfo, MemoryStore, type Options, type Store } from 'express-rate-limit';
import type { SharedRedis } from './redis';

// Answers the count and the milliseconds left in the window.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return {hits, left}`;

export class SharedRateLimitStore implements Store {
  readonly localKeys = false;
  private readonly local = new MemoryStore();
  private windowMs = 60_000;

  constructor(private readonly redis: SharedRedis) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
    this.local.init(options);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const name = this.keyOf(key);
    return this.redis.attempt(
      'rate_limit',
      async (client) => {
        const [hits, left] = (await client.eval(INCREMENT, {
          keys: [name],
          arguments: [String(this.windowMs)],
        })) as [number, number];
        return { totalHits: Number(hits), resetTime: new Date(Date.now() + Number(left)) };
      },
      () => this.local.increment(key),
    );
  }

  async decrement(key: string): Promise<void> {
    const name = this.keyOf(key);
    await this.redis.attempt(
      'rate_limit',
      async (client) => {
        await client.decr(name);
      },
      () => this.local.decrement(key),
    );
  }

  async resetKey(key: string): Promise<void> {
    const name = this.keyOf(key);
    await this.local.resetKey(key);
    await this.redis.attempt(
      'rate_limit',
      async (client) => {
        await client.del(name);
      },
      () => undefined,
    );
  }

  private keyOf(key: string): string {
    return this.redis.key(`rate-limit:${key}`);
  }
}
