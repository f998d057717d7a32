// Operations wait for start-up work. Until migrations have run and an empty graph has been seeded,
// an answer would describe a graph that is not there yet: a condition the seed is still writing
// would read as NOT_FOUND. So /graphql and /export refuse operations with 503 DATABASE_UNAVAILABLE
// and Retry-After until then, as /readyz does; the landing page (GET /graphql without a query)
// stays available.
import type { RequestHandler } from 'express';

export const STARTING_MESSAGE =
  'The server is still preparing the graph (migrations, and the seed when the database is empty); retry in a few seconds, or wait until GET /readyz answers 200.';

/** For /graphql and /export. */
export function startupGate(bootstrapped: () => boolean): RequestHandler {
  return (req, res, next) => {
    const landingPage = req.baseUrl === '/graphql' && req.method === 'GET' && req.query.query === undefined;
    if (landingPage || bootstrapped()) {
      next();
      return;
    }
    res.setHeader('Retry-After', '2');
    res.status(503).json({ errors: [{ message: STARTING_MESSAGE, extensions: { code: 'DATABASE_UNAVAILABLE' } }] });
  };
}
