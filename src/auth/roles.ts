// Who may do what. Reads are open to everyone (anonymous callers are readers); curators create,
// update, link and unlink; admins also delete (with cascade) and import.
import { registerEnumType } from 'type-graphql';

export enum Role {
  READER = 'reader',
  CURATOR = 'curator',
  ADMIN = 'admin',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'What a caller may do.',
  valuesConfig: {
    READER: { description: 'Read the graph (anyone, including anonymous callers).' },
    CURATOR: { description: 'Also create, update, link and unlink.' },
    ADMIN: { description: 'Also delete (with cascade) and import.' },
  },
});

/** Each role includes the ones before it. */
export const ROLE_RANK: Record<Role, number> = { [Role.READER]: 0, [Role.CURATOR]: 1, [Role.ADMIN]: 2 };

export interface Principal {
  /** Stable name for the audit trail, e.g. "key:alice" or the JWT subject. */
  id: string;
  role: Role;
  /** How the caller was identified; absent means anonymous. */
  via?: 'api-key' | 'jwt';
  /**
   * Why the credentials the caller sent were refused. Such a caller reads as anonymous, and every
   * operation that needs a role answers UNAUTHENTICATED with this reason.
   */
  refused?: string;
}

export const ANONYMOUS: Principal = { id: 'anonymous', role: Role.READER };

const ROLES = new Set<string>(Object.values(Role));

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && ROLES.has(value);
}

/** Whether `role` includes `needed` (an admin may do what a curator may). */
export function hasRole(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}
