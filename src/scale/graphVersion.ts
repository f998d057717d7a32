// What this replica knows of the graph version (src/db/graphVersion.ts), which keys the response
// cache. It learns a new version three ways:
// - from its own writes, before they answer (Database.onGraphVersion);
// - through Redis, when one is shared: a replica raises the version key there before its write
//   answers, and every cached read first reads that key, so the next read on any replica sees it;
// - from Neo4j itself, read once every POLL_MS: writes of the command-line tools (seed, import,
//   ingest, release), and writes made while Redis was unreachable, which it also copies to Redis.
// A request that carries bookmarks first reads the version in a session that waits for them, so a
// client that wrote is never answered from before its write.
import type { Database } from '../db/database';
import { READ_GRAPH_VERSION } from '../db/graphVersion';
import type { SharedRedis } from './redis';

const POLL_MS = 1_000;
/** Bookmark sets already caught up to, so that a client repeating its bookmark costs one read. */
const MAX_REMEMBERED_BOOKMARKS = 1_000;

// Raises the key to ARGV[1] unless it is already higher; answers the key's value afterwards.
const RAISE_VERSION = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local offered = tonumber(ARGV[1])
if offered > current then
  redis.call('SET', KEYS[1], ARGV[1])
  return ARGV[1]
end
return tostring(current)`;

export class GraphVersionTracker {
  private known: number | null = null;
  private readonly caughtUp = new Set<string>();
  private readonly versionKey: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly database: Database,
    private readonly redis?: SharedRedis,
  ) {
    this.versionKey = redis?.key('graph-version');
  }

  /** Listens to this process's writes and starts reading the version from Neo4j; returns the stop. */
  start(): () => void {
    const unsubscribe = this.database.onGraphVersion((version) => this.observe(version));
    const poll = async () => {
      await this.readFromDatabase().catch(() => undefined);
      if (!this.stopped) {
        this.timer = setTimeout(() => void poll(), POLL_MS);
        this.timer.unref();
      }
    };
    void poll();
    return () => {
      this.stopped = true;
      clearTimeout(this.timer);
      unsubscribe();
    };
  }

  /**
   * The newest version this replica knows of, reading Redis's when one is shared; undefined when
   * that read fails (the cache is then bypassed) or before any write has made a version.
   */
  async current(): Promise<number | undefined> {
    if (this.redis === undefined || this.versionKey === undefined) {
      return this.known ?? undefined;
    }
    const key = this.versionKey;
    const shared = await this.redis.attempt(
      'graph_version',
      async (client) => {
        const value = await client.get(key);
        return value === null ? null : Number(value);
      },
      () => undefined,
    );
    if (shared === undefined) {
      return undefined;
    }
    if (shared === null) {
      // Redis lost the key (restarted or flushed): what this replica knew may predate writes made
      // meanwhile, so the version comes from Neo4j, and goes back to Redis, before it is trusted.
      try {
        await this.readFromDatabase();
      } catch {
        return undefined;
      }
    }
    this.known = Math.max(this.known ?? 0, shared ?? 0) || null;
    return this.known ?? undefined;
  }

  /** Brings this replica up to the version of the graph `bookmarks` name; false when that read fails. */
  async catchUp(bookmarks: readonly string[]): Promise<boolean> {
    const id = [...bookmarks].sort().join(',');
    if (bookmarks.length === 0 || this.caughtUp.has(id)) {
      return true;
    }
    try {
      await this.readFromDatabase(bookmarks);
    } catch {
      return false;
    }
    if (this.caughtUp.size >= MAX_REMEMBERED_BOOKMARKS) {
      this.caughtUp.clear();
    }
    this.caughtUp.add(id);
    return true;
  }

  /** Takes a version this replica saw, and raises Redis's to it. */
  async observe(version: number): Promise<void> {
    this.known = Math.max(this.known ?? 0, version);
    if (this.redis !== undefined && this.versionKey !== undefined) {
      const key = this.versionKey;
      await this.redis.attempt(
        'graph_version',
        (client) => client.eval(RAISE_VERSION, { keys: [key], arguments: [String(version)] }),
        () => undefined,
      );
    }
  }

  private async readFromDatabase(bookmarks: readonly string[] = []): Promise<void> {
    const [row] = await this.database
      .executor({ operationName: 'graphVersion', bookmarks })
      .read<{ version: number | null }>('readGraphVersion', READ_GRAPH_VERSION);
    if (row?.version !== null && row?.version !== undefined) {
      await this.observe(row.version);
    }
  }
}
