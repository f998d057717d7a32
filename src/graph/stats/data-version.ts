// The data version a server answers with (the X-Data-Version response header): the latest release
// recorded in the graph, kept in memory so that no request pays a round trip for it. It is read in
// the background every DATA_VERSION_REFRESH_MS on the refresher's own executor (outside every
// request's count) and set whenever `stats` reads the release anyway. So a release made by another
// process shows in the header within DATA_VERSION_REFRESH_MS (plus one query), or at once after a
// `stats` read on the same server. One value per Database, so the stats resolver and the header
// of every server on that Database agree.
import type { Database } from '../../db/database';
import { type DataVersion, latestRelease } from './release.repository';

export const DATA_VERSION_HEADER = 'X-Data-Version';
export const DATA_VERSION_REFRESH_MS = 5_000;

export class DataVersionCache {
  private static readonly byDatabase = new WeakMap<Database, DataVersionCache>();

  /** The cache of a Database, created on first use. */
  static of(database: Database): DataVersionCache {
    let cache = DataVersionCache.byDatabase.get(database);
    if (cache === undefined) {
      cache = new DataVersionCache(database);
      DataVersionCache.byDatabase.set(database, cache);
    }
    return cache;
  }

  private current: DataVersion | null = null;

  private constructor(private readonly database: Database) {}

  /** The latest release known; null before the first or before the first read. */
  get value(): DataVersion | null {
    return this.current;
  }

  set(release: DataVersion | null): void {
    this.current = release;
  }

  async refresh(): Promise<void> {
    try {
      this.current = await latestRelease(this.database.executor({ operationName: 'dataVersion' }));
    } catch {
      // An unreachable database keeps the last known version; /readyz and the requests report the outage.
    }
  }

  /**
   * Reads now and then every `intervalMs` until the returned function is called. The timer does
   * not hold the process open.
   */
  startRefreshing(intervalMs = DATA_VERSION_REFRESH_MS): () => void {
    void this.refresh();
    const timer = setInterval(() => void this.refresh(), intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
