// Per-client rate limiting. A client is the principal its credentials were verified as (an API
// key's name, a JWT's subject); a request with no credentials, or with refused ones, counts against
// its IP address, so inventing tokens or re-spelling the scheme never opens a fresh bucket. The
// principal is read from res.locals, where authenticationMiddleware (./authentication.ts) put it.
// Beyond the limit the client gets 429 with Retry-After and a coded error body. The counters live in
// this process, or in `store` (the Redis every replica shares, src/scale/rateLimitStore.ts).
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { principalOf } from './authentication';

export function rateLimitMiddleware(perMinute: number, store?: Store): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    ...(store === undefined ? {} : { store }),
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
