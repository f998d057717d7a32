// type-graphql's authChecker for `@Authorized(Role.X)`. Roles are ranked (an admin may do what a
// curator may), so a field's roles name the least role that may use it. It throws the coded errors
// itself, because type-graphql's own refusal carries the code UNAUTHORIZED, which is not ours.
// type-graphql runs it before argument validation and before the resolver: a refused call writes
// nothing and learns nothing about its input.
import type { AuthChecker } from 'type-graphql';
import type { Context } from '../context';
import { ForbiddenError, UnauthenticatedError, withArticle } from '../common/errors';
import { hasRole, isRole, Role, ROLE_RANK } from './roles';

const HOW = 'Send "Authorization: Bearer <API key or JWT>".';

export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  const { principal } = context;
  if (principal.refused !== undefined) {
    context.logger.info({ reason: principal.refused }, 'credentials refused');
    throw new UnauthenticatedError(`Your credentials were refused: ${principal.refused}. ${HOW}`);
  }
  const needed = roles
    .filter(isRole)
    .reduce<Role | undefined>(
      (least, role) => (least === undefined || ROLE_RANK[role] < ROLE_RANK[least] ? role : least),
      undefined,
    );
  if (principal.via === undefined && needed !== Role.READER) {
    const what = needed === undefined ? 'needs credentials' : `needs the ${needed} role`;
    throw new UnauthenticatedError(`This operation ${what}, and you sent none. ${HOW}`, {
      requiredRole: needed ?? null,
    });
  }
  if (needed !== undefined && !hasRole(principal.role, needed)) {
    throw new ForbiddenError(
      `This operation needs the ${needed} role; ${principal.id} is ${withArticle(principal.role)}.`,
      {
        requiredRole: needed,
      },
    );
  }
  return true;
};
