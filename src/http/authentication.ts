// Authentication as the first middleware of /graphql and /export: the Authorization header is
// verified once per request, and the principal is kept in res.locals for the rate limiter and the
// GraphQL context. It never refuses a request; see authenticate() for what refused credentials mean.
import type { RequestHandler, Response } from 'express';
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
