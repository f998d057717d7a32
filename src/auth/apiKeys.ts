// API keys. The configuration holds only a salted SHA-256 of each key (API_KEYS entries are
// `name:role:salt:sha256hex`), never the key. Keys are 32 random bytes, so a fast hash is enough:
// nobody can guess one, and a slow hash would only cost every request. A presented key is hashed
// with every entry's salt and compared in constant time against every entry, without stopping at a
// match, so neither the comparison nor the number of comparisons depends on which key matched.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isRole, type Role } from './roles';

export interface ApiKeyEntry {
  /** Shown in the audit trail as `key:<name>`. */
  name: string;
  role: Role;
  salt: string;
  /** sha256(salt + key), hex. */
  hash: string;
}

const NAME = /^[A-Za-z0-9._-]{1,64}$/;
const SALT = /^[0-9a-f]{16,128}$/;
const HASH = /^[0-9a-f]{64}$/;
/** Every key this server hands out starts so; a JWT (three dot-separated parts) never does. */
export const API_KEY_PREFIX = 'dgk_';

export function hashApiKey(salt: string, key: string): string {
  return createHash('sha256').update(salt).update(key).digest('hex');
}

/** A new key and the API_KEYS entry that admits it; the key is shown once and never stored. */
export function generateApiKey(name: string, role: Role): { key: string; entry: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const salt = randomBytes(16).toString('hex');
  return { key, entry: `${name}:${role}:${salt}:${hashApiKey(salt, key)}` };
}

/**
 * Parses API_KEYS. Returns the entries, or the first problem as a phrase that completes
 * "API_KEYS ..." without repeating any hash.
 */
export function parseApiKeys(value: string | undefined): { entries: ApiKeyEntry[] } | { problem: string } {
  const entries: ApiKeyEntry[] = [];
  const parts = (value ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  for (const [index, part] of parts.entries()) {
    const [name, role, salt, hash, ...rest] = part.split(':');
    const which = `entry ${index + 1}${name !== undefined && NAME.test(name) ? ` (${name})` : ''}`;
    if (rest.length > 0 || hash === undefined) {
      return {
        problem: `${which} must be name:role:salt:sha256hex; create one with npm run hash-key -- <name> <role>`,
      };
    }
    if (!NAME.test(name)) {
      return { problem: `${which} has a bad name: use 1 to 64 letters, digits, dots, dashes or underscores` };
    }
    if (!isRole(role)) {
      return { problem: `${which} has an unknown role: use reader, curator or admin` };
    }
    if (!SALT.test(salt)) {
      return { problem: `${which} needs a salt of 16 to 128 lower-case hex digits` };
    }
    if (!HASH.test(hash)) {
      return { problem: `${which} needs a hash of 64 lower-case hex digits (SHA-256)` };
    }
    if (entries.some((e) => e.name === name)) {
      return { problem: `${which} repeats the name ${name}; names must be unique` };
    }
    entries.push({ name, role, salt, hash });
  }
  return { entries };
}

/** The entry whose key this is, or undefined. Constant time in the key and in which entry matches. */
export function matchApiKey(entries: readonly ApiKeyEntry[], key: string): ApiKeyEntry | undefined {
  let found: ApiKeyEntry | undefined;
  for (const entry of entries) {
    const presented = Buffer.from(hashApiKey(entry.salt, key), 'hex');
    const expected = Buffer.from(entry.hash, 'hex');
    if (timingSafeEqual(presented, expected) && found === undefined) {
      found = entry;
    }
  }
  return found;
}
