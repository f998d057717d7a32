// GET /explore: the explorer, a single-page app that Vite builds into dist/explorer (`npm run
// build`) and that calls /graphql like any other client. Hashed assets are cached for a year and
// index.html never is, so a new build shows at once. Any other path under /explore answers
// index.html, so deep links such as /explore/entity/condition:degenerative-disc-disease load and
// the client's router takes over; a missing file under /explore/assets stays a 404, because
// answering a script request with HTML only moves the failure somewhere harder to see.
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { projectRoot } from '../paths';

export const EXPLORER_DIR = path.join(projectRoot, 'dist', 'explorer');

/** The app loads only its own scripts and talks only to this server. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // React, Cytoscape and Chart.js set element styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function explorerHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  next();
}

export function mountExplorer(app: Express, root: string = EXPLORER_DIR): void {
  const indexFile = path.join(root, 'index.html');

  app.use(
    '/explore',
    explorerHeaders,
    express.static(root, {
      index: false,
      redirect: false,
      setHeaders: (res, file) => {
        const hashed = file.startsWith(path.join(root, 'assets') + path.sep);
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );

  app.get('/explore{/*rest}', (req, res) => {
    if (req.path.startsWith('/explore/assets/')) {
      res.status(404).type('text/plain').send('No such explorer asset; reload the page to get the current build.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile, (error?: NodeJS.ErrnoException) => {
      if (error !== undefined && !res.headersSent) {
        const missing = error.code === 'ENOENT';
        res
          .status(missing ? 503 : 500)
          .type('text/plain')
          .send(
            missing
              ? 'The explorer has not been built. Run `npm run build`, then reload.'
              : 'The explorer page could not be sent; reload to try again.',
          );
      }
    });
  });
}
