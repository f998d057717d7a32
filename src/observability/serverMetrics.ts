// Finds the metrics of one server instance. createServer hands the same ServerDeps object to
// appPlugins() and mountRoutes(), so keying on it gives the plugin that records and the route that
// serves /metrics one shared registry, without a process-wide singleton.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ServerDeps } from '../deps';
import { ServerMetrics } from './metrics';

const byServer = new WeakMap<ServerDeps, ServerMetrics>();

export function metricsFor(deps: ServerDeps): ServerMetrics {
  let metrics = byServer.get(deps);
  if (metrics === undefined) {
    metrics = new ServerMetrics(deps.database);
    byServer.set(deps, metrics);
  }
  return metrics;
}

/** Whether `header` is `Bearer <token>`, compared in constant time. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^\s*bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

/**
 * GET /metrics: the Prometheus text exposition of this server's registry. With METRICS_TOKEN set
 * it needs `Authorization: Bearer <METRICS_TOKEN>`; without one it is open, except in production,
 * where it stays off until a token is set.
 */
export function metricsRoute(deps: ServerDeps): RequestHandler {
  const metrics = metricsFor(deps);
  const { metricsToken, env } = deps.config;
  return async (req, res) => {
    const refusal =
      metricsToken !== undefined
        ? bearerMatches(req.header('authorization'), metricsToken)
          ? undefined
          : 'Metrics need "Authorization: Bearer <METRICS_TOKEN>".'
        : env === 'production'
          ? 'Metrics are off in production until METRICS_TOKEN is set.'
          : undefined;
    if (refusal !== undefined) {
      res.setHeader('www-authenticate', 'Bearer');
      res.status(401).json({ errors: [{ message: refusal, extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    const { contentType, body } = await metrics.scrape();
    res.setHeader('cache-control', 'no-store');
    res.type(contentType).send(body);
  };
}
