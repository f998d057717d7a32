// GET /graphiql: GraphiQL, the GraphQL IDE, which Vite builds into dist/graphiql (`npm run build`)
// with everything it loads (editor, web workers, fonts), so no request leaves this server. It calls
// /graphql like any other client, with a JSON body, which Apollo's CSRF prevention accepts. It is
// served whatever GRAPHQL_LANDING says; GRAPHQL_LANDING=graphiql also sends browsers that open
// /graphql here.
import path from 'node:path';
import type { Express, Request } from 'express';
import type { Landing } from '../config';
import { projectRoot } from '../paths';
import { appAssets, appHeaders, contentSecurityPolicy, sendAppIndex } from './staticApp';

export const GRAPHIQL_DIR = path.join(projectRoot, 'dist', 'graphiql');
export const GRAPHIQL_PATH = '/graphiql';

const CONTENT_SECURITY_POLICY = contentSecurityPolicy([
  // The Monaco editor and GraphiQL set element styles at run time.
  "style-src 'self' 'unsafe-inline'",
  // GraphiQL's stylesheet carries its fonts as data: URLs.
  "font-src 'self' data:",
  "worker-src 'self'",
]);

/**
 * Whether a GET is a browser opening the address, by the negotiation Apollo Server uses to show
 * its landing page: HTML preferred over every GraphQL response type.
 */
function opensInBrowser(req: Request): boolean {
  const preferred = req.accepts([
    'application/json',
    'application/graphql-response+json',
    'multipart/mixed',
    'text/html',
  ]);
  return req.header('accept') !== undefined && preferred === 'text/html';
}

export function mountGraphiql(app: Express, landing: Landing, root: string = GRAPHIQL_DIR): void {
  if (landing === 'graphiql') {
    app.get('/graphql', (req, res, next) => {
      if (opensInBrowser(req)) {
        res.redirect(302, GRAPHIQL_PATH);
        return;
      }
      next();
    });
  }

  app.use(GRAPHIQL_PATH, appHeaders(CONTENT_SECURITY_POLICY), appAssets(root));

  app.get(GRAPHIQL_PATH, (_req, res) => {
    sendAppIndex(res, root, 'GraphiQL');
  });
}
