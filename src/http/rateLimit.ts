// Per-client rate limiting. A client is the principal its credentials were verified as (an API
// key's name, a JWT's subject); a request with no credentials, or with refused ones, counts against
// its IP address, so inventing tokens or re-spelling the scheme never opens a fresh bucket. The
// principal is read from res.locals, where authenticationMiddleware put it. Beyond the limit the
// client gets 429 with Retry-After and a coded error body.
import type { RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { type AuthConfig, authenticate } from '../auth/authenticate';
import { ANONYMOUS, type Principal } from '../auth/roles';

/** The caller of this request, as authenticationMiddleware established it. */
export function principalOf(res: Response): Principal {
  return (res.locals.principal as Principal | undefined) ?? ANONYMOUS;
}

/** Verifies the Authorization header once per request; never refuses (see authenticate()). */
export function authenticationMiddleware(config: AuthConfig): RequestHandler {
  return (req, res, next) => {
    authenticate(config, req.header('authorization')).then((principal) => {
      res.locals.principal = principal;
      next();
    }, next);
  };
}

export function rateLimitMiddleware(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req, res) => {
      const principal = principalOf(res);
      return principal.via === undefined ? `ip:${ipKeyGenerator(req.ip ?? 'unknown')}` : `principal:${principal.id}`;
    },
    handler: (req, res) => {
      const reset = (req as typeof req & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60;
      res.setHeader('Retry-After', String(seconds));
      res.status(429).json({
        errors: [
          {
            message: `Too many requests: at most ${perMinute} a minute per client. Retry after ${seconds} s.`,
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds },
          },
        ],
      });
    },
  });
}
