import { createParamDecorator, CustomDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { UserRole } from '../../users/user-role';

export const IS_PUBLIC = 'access:public';
export const ALLOWED_ROLES = 'access:roles';

/** The signed-in user, as the access guard loaded it for this request. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

export type RequestWithActor = FastifyRequest & { actor?: Actor };

/** Opens a route to callers without a token (login, health). Every other route needs @Roles. */
export const Public = (): CustomDecorator => SetMetadata(IS_PUBLIC, true);

/** The roles that may call a route. A route with neither @Roles nor @Public is refused to everyone. */
export const Roles = (...roles: [UserRole, ...UserRole[]]): CustomDecorator => SetMetadata(ALLOWED_ROLES, roles);

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (actor === undefined) throw new Error('CurrentActor used on a route the access guard did not authenticate');
  return actor;
});
