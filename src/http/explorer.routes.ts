// GET /explore: the explorer, a single-page app that Vite builds into dist/explorer (`npm run
// build`) and that calls /graphql like any other client. Hashed assets are cached for a year and
// index.html never is, so a new build shows at once. Any other path under /explore answers
// index.html, so deep links such as /explore/entity/condition:degenerative-disc-disease load and
// the client's router takes over; a missing file under /explore/assets stays a 404, because
// answering a script request with HTML only moves the failure somewhere harder to see.
import path from 'node:path';
import type { Express } from 'express';
import { projectRoot } from '../paths';
import { sendError } from './errors';
import { appAssets, appHeaders, contentSecurityPolicy, sendAppIndex } from './staticApp';

export const EXPLORER_DIR = path.join(projectRoot, 'dist', 'explorer');

/** The app loads only its own scripts and talks only to this server. */
const CONTENT_SECURITY_POLICY = contentSecurityPolicy([
  // React, Cytoscape and Chart.js set element styles at run time.
  "style-src 'self' 'unsafe-inline'",
]);

export function mountExplorer(app: Express, root: string = EXPLORER_DIR): void {
  app.use('/explore', appHeaders(CONTENT_SECURITY_POLICY), appAssets(root));

  app.get('/explore{/*rest}', (req, res) => {
    if (req.path.startsWith('/explore/assets/')) {
      sendError(res, 404, 'NOT_FOUND', 'No such explorer asset; reload the page to get the current build.');
      return;
    }
    sendAppIndex(res, root, 'The explorer');
  });
}
