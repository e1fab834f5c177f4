import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ALLOWED_ROLES, IS_PUBLIC, RequestWithActor } from '../common/access/access.decorators';
import { UserRole } from '../users/user-role';
import { UsersRepository } from '../users/users.repository';
import { AccessTokens } from './access-tokens';
import { AuthErrors } from './auth.errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Deny by default: a route opens only through @Public or @Roles. The user is loaded on every request,
 * so deactivation and role changes take effect at once rather than when the token expires.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly users: UsersRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true) return true;

    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const token = bearerToken(request.headers.authorization);
    const userId = token === undefined ? undefined : await this.tokens.verify(token);
    if (userId === undefined || !UUID.test(userId)) throw AuthErrors.unauthenticated();
    const user = await this.users.findSignInState(userId);
    if (user === null || !user.active) throw AuthErrors.unauthenticated();
    request.actor = { id: user.id, email: user.email, name: user.name, role: user.role };

    const allowed = this.reflector.getAllAndOverride<UserRole[] | undefined>(ALLOWED_ROLES, targets) ?? [];
    if (!allowed.includes(user.role)) throw AuthErrors.forbidden();
    return true;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header.trim());
  return match?.[1];
}
