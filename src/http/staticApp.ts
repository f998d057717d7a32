// What the two single-page apps (the explorer and GraphiQL) share: security headers with each
// app's Content-Security-Policy, hashed assets cached for a year while everything else is
// revalidated, and an index.html that says what to do when the app has not been built.
import path from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { sendError } from './errors';

/** The CSP directives every app has; each adds only what its libraries need. */
export function contentSecurityPolicy(extra: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    ...extra,
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function appHeaders(policy: string): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', policy);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  };
}

/** The built files; Vite names what is under assets/ by content hash, so those never change. */
export function appAssets(root: string): RequestHandler {
  return express.static(root, {
    index: false,
    redirect: false,
    setHeaders: (res, file) => {
      const hashed = file.startsWith(path.join(root, 'assets') + path.sep);
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}

/** Sends the app's index.html, or a coded JSON error naming the app when it is missing or unreadable. */
export function sendAppIndex(res: Response, root: string, app: string): void {
  res.setHeader('Cache-Control', 'no-cache');
  res.sendFile(path.join(root, 'index.html'), (error?: NodeJS.ErrnoException) => {
    if (error !== undefined && !res.headersSent) {
      // The server's fault, not the client's: the build step was skipped or the file is unreadable.
      sendError(
        res,
        500,
        'INTERNAL_SERVER_ERROR',
        error.code === 'ENOENT'
          ? `${app} has not been built. Run \`npm run build\`, then reload.`
          : `${app} could not be sent; reload to try again.`,
      );
    }
  });
}
