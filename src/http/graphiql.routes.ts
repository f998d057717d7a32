// GET /graphiql: GraphiQL, the GraphQL IDE, which Vite builds into dist/graphiql (`npm run build`)
// with everything it loads (editor, web workers, fonts), so no request leaves this server. It calls
// /graphql like any other client, with a JSON body, which Apollo's CSRF prevention accepts. It is
// served whatever GRAPHQL_LANDING says; GRAPHQL_LANDING=graphiql also sends browsers that open
// /graphql here.
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Landing } from '../config';
import { projectRoot } from '../paths';

export const GRAPHIQL_DIR = path.join(projectRoot, 'dist', 'graphiql');
export const GRAPHIQL_PATH = '/graphiql';

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // The Monaco editor and GraphiQL set element styles at run time.
  "style-src 'self' 'unsafe-inline'",
  // GraphiQL's stylesheet carries its fonts as data: URLs.
  "font-src 'self' data:",
  "img-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function graphiqlHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  next();
}

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

  app.use(
    GRAPHIQL_PATH,
    graphiqlHeaders,
    express.static(root, {
      index: false,
      redirect: false,
      setHeaders: (res, file) => {
        const hashed = file.startsWith(path.join(root, 'assets') + path.sep);
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );

  app.get(GRAPHIQL_PATH, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(root, 'index.html'), (error?: NodeJS.ErrnoException) => {
      if (error !== undefined && !res.headersSent) {
        const missing = error.code === 'ENOENT';
        res
          .status(missing ? 503 : 500)
          .type('text/plain')
          .send(
            missing
              ? 'GraphiQL has not been built. Run `npm run build`, then reload.'
              : 'The GraphiQL page could not be sent; reload to try again.',
          );
      }
    });
  });
}
