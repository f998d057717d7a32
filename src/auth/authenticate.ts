// Turns the `Authorization: Bearer <token>` header into the request's Principal. The token is a
// JWT (three dot-separated parts) verified with jose against JWT_SECRET (HS256) or the key set at
// JWKS_URL, or else an API key matched against API_KEYS.
//
// Contract: authenticate() never throws. No header gives the anonymous reader. Credentials that
// are sent but cannot be accepted give an anonymous reader that remembers why (`refused`): reads
// that need no role still answer, and anything that needs a role answers UNAUTHENTICATED with the
// reason (see authChecker.ts). Tokens and keys are never logged or echoed.
import type * as Jose from 'jose';
import { type ApiKeyEntry, matchApiKey } from './apiKeys';
import { ANONYMOUS, isRole, type Principal, ROLE_RANK, Role } from './roles';

export interface JwtConfig {
  /** Shared secret for HS256 tokens (at least 32 characters). */
  secret?: string;
  /** Where the public keys of asymmetric tokens (RS*, PS*, ES*, EdDSA) are published. */
  jwksUrl?: string;
  /** Required `iss`, when set. */
  issuer?: string;
  /** Required `aud`, when set. */
  audience?: string;
  /** The longest lifetime (exp − iat, and exp − now) a token may have; one day when unset. */
  maxTtlSeconds?: number;
}

export interface AuthConfig {
  apiKeys: ApiKeyEntry[];
  jwt: JwtConfig;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];
export const DEFAULT_JWT_MAX_TTL_SECONDS = 86_400;
/** Clock skew tolerated on exp and nbf. */
const CLOCK_TOLERANCE_SECONDS = 30;

// jose is an ES module only; it is loaded on the first JWT, so nothing that merely builds the
// server (or never sees a JWT) pays for it or depends on how its runtime loads ES modules.
let jose: Promise<typeof Jose> | undefined;
const loadJose = () => (jose ??= import('jose'));

const refused = (reason: string): Principal => ({ ...ANONYMOUS, refused: reason });

/**
 * The audit name of a caller, namespaced by how it authenticated, so that no JWT subject can
 * produce an API key's name (`key:admin`) or the reverse.
 */
export function actorId(via: NonNullable<Principal['via']>, name: string): string {
  return via === 'api-key' ? `key:${name}` : `jwt:${name}`;
}

/** The strongest known role among the `role` and `roles` claims; reader when there is none. */
function roleFromClaims(payload: Record<string, unknown>): Role {
  const claimed = [payload.role, ...(Array.isArray(payload.roles) ? payload.roles : [payload.roles])].filter(isRole);
  return claimed.reduce((best, role) => (ROLE_RANK[role] > ROLE_RANK[best] ? role : best), Role.READER);
}

function describeJwtFailure(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the token signature is not valid';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const { claim, reason } = error as { claim?: string; reason?: string };
      return reason === 'missing'
        ? `the token has no ${claim} claim; it needs sub and exp`
        : `the token's ${claim ?? 'claims'} claim is not accepted`;
    }
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'the token is signed with an algorithm this server does not accept';
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'no key in the key set matches the token';
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
      return 'the key set could not be fetched; retry shortly';
    default:
      return 'the token is not a valid JWT';
  }
}

export class Authenticator {
  private jwks: ReturnType<typeof Jose.createRemoteJWKSet> | undefined;

  constructor(private readonly config: AuthConfig) {}

  async authenticate(header: string | undefined): Promise<Principal> {
    if (header === undefined || header.trim() === '') {
      return ANONYMOUS;
    }
    const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
    if (match === null) {
      return refused('the Authorization header must be "Bearer <API key or JWT>"');
    }
    const token = match[1];
    return JWT_SHAPE.test(token) ? this.verifyJwt(token) : this.matchKey(token);
  }

  private matchKey(key: string): Principal {
    const entry = matchApiKey(this.config.apiKeys, key);
    return entry === undefined
      ? refused('the API key is not known')
      : { id: actorId('api-key', entry.name), role: entry.role, via: 'api-key' };
  }

  private async verifyJwt(token: string): Promise<Principal> {
    const { secret, jwksUrl, issuer, audience, maxTtlSeconds = DEFAULT_JWT_MAX_TTL_SECONDS } = this.config.jwt;
    if (secret === undefined && jwksUrl === undefined) {
      return refused('this server accepts no JWTs (neither JWT_SECRET nor JWKS_URL is configured)');
    }
    try {
      const lib = await loadJose();
      const options = { issuer, audience, clockTolerance: CLOCK_TOLERANCE_SECONDS, requiredClaims: ['sub', 'exp'] };
      const { alg } = lib.decodeProtectedHeader(token);
      let payload: Jose.JWTPayload;
      if (alg === 'HS256' && secret !== undefined) {
        ({ payload } = await lib.jwtVerify(token, new TextEncoder().encode(secret), {
          ...options,
          algorithms: ['HS256'],
        }));
      } else if (jwksUrl !== undefined) {
        this.jwks ??= lib.createRemoteJWKSet(new URL(jwksUrl));
        ({ payload } = await lib.jwtVerify(token, this.jwks, { ...options, algorithms: ASYMMETRIC_ALGORITHMS }));
      } else {
        return refused('the token is signed with an algorithm this server does not accept');
      }
      const now = Math.floor(Date.now() / 1000);
      const lifetime = Number(payload.exp) - (typeof payload.iat === 'number' ? Math.min(payload.iat, now) : now);
      if (lifetime > maxTtlSeconds + CLOCK_TOLERANCE_SECONDS) {
        return refused(`the token lives longer than the ${maxTtlSeconds} s this server accepts (JWT_MAX_TTL_SECONDS)`);
      }
      return { id: actorId('jwt', String(payload.sub)), role: roleFromClaims(payload), via: 'jwt' };
    } catch (error) {
      return refused(describeJwtFailure(error));
    }
  }
}

const authenticators = new WeakMap<AuthConfig, Authenticator>();

/** The request's principal. One Authenticator per configuration, so a JWKS is fetched once and cached. */
export function authenticate(config: AuthConfig, header: string | undefined): Promise<Principal> {
  let authenticator = authenticators.get(config);
  if (authenticator === undefined) {
    authenticator = new Authenticator(config);
    authenticators.set(config, authenticator);
  }
  return authenticator.authenticate(header);
}
