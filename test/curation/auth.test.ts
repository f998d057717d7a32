// Authentication without the database: the configuration of API keys and JWTs, key matching, and
// how every kind of token becomes a principal (or a refusal with its reason). JWTs are signed with
// jose; the JWKS case serves a real key set over HTTP on a free port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { generateApiKey, hashApiKey, matchApiKey, parseApiKeys } from '../../src/auth/apiKeys';
import { type AuthConfig, Authenticator } from '../../src/auth/authenticate';
import { ANONYMOUS, Role } from '../../src/auth/roles';
import { ConfigError, loadConfig } from '../../src/config';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const ISSUER = 'https://issuer.test';
const AUDIENCE = 'discgraph-test';

function sign(claims: Record<string, unknown>, options: { secret?: string; expiresIn?: string; issuer?: string } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('alice@example.org')
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

describe('API_KEYS, JWT_SECRET and JWKS_URL configuration', () => {
  it('reads salted key hashes and the JWT settings', () => {
    const { entry } = generateApiKey('alice', Role.CURATOR);
    const config = loadConfig({ API_KEYS: entry, JWT_SECRET: SECRET, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
    expect(config.auth.apiKeys).toEqual([expect.objectContaining({ name: 'alice', role: Role.CURATOR })]);
    expect(config.auth.jwt).toEqual({
      secret: SECRET,
      jwksUrl: undefined,
      issuer: ISSUER,
      audience: AUDIENCE,
      maxTtlSeconds: 86_400,
    });
    expect(loadConfig({}).auth).toEqual({ apiKeys: [], jwt: { maxTtlSeconds: 86_400 } });
  });

  it.each([
    ['alice:curator:0011223344556677', /^API_KEYS entry 1 \(alice\) must be name:role:salt:sha256hex/],
    [`alice:owner:0011223344556677:${'a'.repeat(64)}`, /^API_KEYS entry 1 \(alice\) has an unknown role/],
    [`alice:curator:short:${'a'.repeat(64)}`, /^API_KEYS entry 1 \(alice\) needs a salt/],
    ['alice:curator:0011223344556677:not-a-hash', /^API_KEYS entry 1 \(alice\) needs a hash of 64/],
    [
      `alice:curator:0011223344556677:${'a'.repeat(64)},alice:admin:0011223344556677:${'b'.repeat(64)}`,
      /^API_KEYS entry 2 \(alice\) repeats the name alice/,
    ],
  ])('refuses API_KEYS=%s with one line, never echoing a hash', (value, message) => {
    expect(() => loadConfig({ API_KEYS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ API_KEYS: value })).toThrow(message);
    try {
      loadConfig({ API_KEYS: value });
    } catch (error) {
      expect((error as Error).message).not.toContain('a'.repeat(64));
      expect((error as Error).message.split('\n')).toHaveLength(1);
    }
  });

  it('refuses a short JWT_SECRET without echoing it, and a JWKS_URL that is not https', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short-secret' })).toThrow(/^JWT_SECRET must be at least 32 characters/);
    try {
      loadConfig({ JWT_SECRET: 'short-secret' });
    } catch (error) {
      expect((error as Error).message).not.toContain('short-secret');
    }
    expect(() => loadConfig({ JWKS_URL: 'http://keys.example.org/jwks.json' })).toThrow(/^JWKS_URL must be an https/);
    expect(loadConfig({ JWKS_URL: 'http://127.0.0.1:9999/jwks.json' }).auth.jwt.jwksUrl).toBe(
      'http://127.0.0.1:9999/jwks.json',
    );
  });
});

describe('API keys', () => {
  it('match only their own entry, through the salted hash', () => {
    const alice = generateApiKey('alice', Role.CURATOR);
    const bob = generateApiKey('bob', Role.ADMIN);
    const parsed = parseApiKeys(`${alice.entry},${bob.entry}`);
    if (!('entries' in parsed)) {
      throw new Error(parsed.problem);
    }
    expect(matchApiKey(parsed.entries, alice.key)?.name).toBe('alice');
    expect(matchApiKey(parsed.entries, bob.key)?.name).toBe('bob');
    expect(matchApiKey(parsed.entries, `${alice.key}x`)).toBeUndefined();
    expect(matchApiKey(parsed.entries, '')).toBeUndefined();
    // The configuration holds the hash, never the key.
    expect(alice.entry).not.toContain(alice.key);
    const [, , salt, hash] = alice.entry.split(':');
    expect(hashApiKey(salt, alice.key)).toBe(hash);
  });
});

describe('Authenticator', () => {
  const admin = generateApiKey('ops', Role.ADMIN);
  let jwksServer: Server;
  let jwksUrl: string;
  let privateKey: PrivateKey;
  let otherKey: PrivateKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    jwksServer = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
  });

  const authenticator = (jwt: AuthConfig['jwt'] = { secret: SECRET, issuer: ISSUER, audience: AUDIENCE }) => {
    const parsed = parseApiKeys(admin.entry);
    return new Authenticator({ apiKeys: 'entries' in parsed ? parsed.entries : [], jwt });
  };

  it('makes no header an anonymous reader, and refuses what is not a bearer token', async () => {
    expect(await authenticator().authenticate(undefined)).toEqual(ANONYMOUS);
    expect(await authenticator().authenticate('Basic YWxpY2U6c2VjcmV0')).toMatchObject({
      role: Role.READER,
      refused: expect.stringContaining('Bearer'),
    });
  });

  it('admits a configured API key with its role, and refuses an unknown one', async () => {
    expect(await authenticator().authenticate(`Bearer ${admin.key}`)).toEqual({
      id: 'key:ops',
      role: Role.ADMIN,
      via: 'api-key',
    });
    const unknown = generateApiKey('ops', Role.ADMIN).key;
    expect(await authenticator().authenticate(`Bearer ${unknown}`)).toEqual({
      ...ANONYMOUS,
      refused: 'the API key is not known',
    });
  });

  it('admits an HS256 JWT, taking the strongest role of `role` and `roles`', async () => {
    const auth = authenticator();
    expect(await auth.authenticate(`Bearer ${await sign({ role: 'curator' })}`)).toEqual({
      id: 'jwt:alice@example.org',
      role: Role.CURATOR,
      via: 'jwt',
    });
    expect((await auth.authenticate(`Bearer ${await sign({ roles: ['reader', 'admin', 'owner'] })}`)).role).toBe(
      Role.ADMIN,
    );
    expect((await auth.authenticate(`Bearer ${await sign({})}`)).role).toBe(Role.READER);
  });

  it.each([
    ['an expired token', () => sign({ role: 'admin' }, { expiresIn: '-10m' }), 'the token has expired'],
    [
      'a wrong signature',
      () => sign({ role: 'admin' }, { secret: `${SECRET}-other` }),
      'the token signature is not valid',
    ],
    [
      'a wrong issuer',
      () => sign({ role: 'admin' }, { issuer: 'https://evil.test' }),
      "the token's iss claim is not accepted",
    ],
    ['a malformed token', async () => 'abc.def.ghi', 'the token is not a valid JWT'],
  ])('refuses %s, saying why', async (_name, token, reason) => {
    expect(await authenticator().authenticate(`Bearer ${await token()}`)).toEqual({ ...ANONYMOUS, refused: reason });
  });

  it('refuses an unsigned ("alg": "none") token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'mallory', role: 'admin', exp: 4102444800 })).toString('base64url');
    const principal = await authenticator().authenticate(`Bearer ${header}.${body}.`);
    expect(principal.role).toBe(Role.READER);
    expect(principal.refused).toBeDefined();
  });

  it('verifies RS256 tokens against a remote JWKS, and refuses a key it does not publish', async () => {
    const auth = authenticator({ jwksUrl, audience: AUDIENCE });
    const token = (key: PrivateKey) =>
      new SignJWT({ role: 'curator' })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setSubject('svc-importer')
        .setAudience(AUDIENCE)
        .setExpirationTime('5m')
        .sign(key);
    expect(await auth.authenticate(`Bearer ${await token(privateKey)}`)).toEqual({
      id: 'jwt:svc-importer',
      role: Role.CURATOR,
      via: 'jwt',
    });
    expect(await auth.authenticate(`Bearer ${await token(otherKey)}`)).toMatchObject({
      refused: 'the token signature is not valid',
    });
    // An HS256 token is not accepted when only a JWKS is configured.
    expect((await auth.authenticate(`Bearer ${await sign({ role: 'admin' })}`)).refused).toMatch(/algorithm/);
  });

  it('refuses JWTs when none are configured', async () => {
    expect((await authenticator({}).authenticate(`Bearer ${await sign({ role: 'admin' })}`)).refused).toMatch(
      /accepts no JWTs/,
    );
  });
});
