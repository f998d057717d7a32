// X-Data-Version: the latest data release (`npm run release`) on every response, so a client can
// record which release its answers came from. The value comes from memory (DataVersionCache,
// refreshed in the background and by `stats`), never from a query on the request's path, so it adds
// no round trip to any operation; it may lag a new release by DATA_VERSION_REFRESH_MS. No header
// before the first release. The refreshing stops when the HTTP server closes.
import type http from 'node:http';
import type { RequestHandler } from 'express';
import type { ServerDeps } from '../deps';
import { DATA_VERSION_HEADER, DataVersionCache } from '../graph/stats/data-version';

export function dataVersionHeader(deps: ServerDeps, httpServer: http.Server): RequestHandler {
  const cache = DataVersionCache.of(deps.database);
  const stop = cache.startRefreshing();
  httpServer.once('close', stop);
  return (_req, res, next) => {
    const release = cache.value;
    if (release !== null) {
      res.setHeader(DATA_VERSION_HEADER, release.version);
    }
    next();
  };
}
