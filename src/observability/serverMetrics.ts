// Finds the metrics of one server instance. createServer hands the same ServerDeps object to
// appPlugins() and mountRoutes(), so keying on it gives the plugin that records and the route that
// serves /metrics one shared registry, without a process-wide singleton.
import type { RequestHandler } from 'express';
import type { ServerDeps } from '../server';
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

/** GET /metrics: the Prometheus text exposition of this server's registry. */
export function metricsRoute(deps: ServerDeps): RequestHandler {
  const metrics = metricsFor(deps);
  return async (_req, res) => {
    const { contentType, body } = await metrics.scrape();
    res.setHeader('cache-control', 'no-store');
    res.type(contentType).send(body);
  };
}
