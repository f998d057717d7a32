// Plain HTTP routes beside /graphql. mountRoutes() is the one place they are added.
import type { Express } from 'express';
import { metricsRoute } from '../observability/serverMetrics';
import type { ServerDeps } from '../deps';
import { mountExplorer } from './explorer.routes';
import { mountExportRoutes } from './export.routes';
import { mountGraphiql } from './graphiql.routes';

export function mountRoutes(app: Express, deps: ServerDeps): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const reachable = await deps.database.ping();
    const bootstrapped = deps.bootstrapped?.() ?? true;
    const ready = reachable && bootstrapped;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', database: reachable, bootstrapped });
  });
  app.get('/metrics', metricsRoute(deps));
  mountExportRoutes(app, deps);
  mountExplorer(app);
  mountGraphiql(app, deps.config.landing);
}
