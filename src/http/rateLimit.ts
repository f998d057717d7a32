// Per-client rate limiting: a client is its API key or bearer token (hashed, never stored), else
// its IP address. Beyond the limit the client gets 429 with Retry-After and a coded error body.
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';

export function rateLimitMiddleware(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const auth = req.header('authorization');
      if (auth !== undefined && /^Bearer\s+\S+/i.test(auth)) {
        return `token:${createHash('sha256').update(auth).digest('hex').slice(0, 32)}`;
      }
      return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
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
