import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import fc from 'fast-check';
import { ALLOWED_ROLES, IS_PUBLIC, RequestWithActor } from '../common/access/access.decorators';
import { DomainError } from '../common/errors/domain-error';
import { User } from '../users/user.entity';
import { USER_ROLES, UserRole } from '../users/user-role';
import { UsersRepository } from '../users/users.repository';
import { AccessGuard } from './access.guard';
import { AccessTokens } from './access-tokens';

const USER_ID = '6f1c2a8e-2a53-4b8e-9d7e-0c6f3f1f7a10';

function handlerWith(metadata: Record<string, unknown>): () => void {
  const handler = (): void => undefined;
  for (const [key, value] of Object.entries(metadata)) Reflect.defineMetadata(key, value, handler);
  return handler;
}

function contextFor(handler: () => void, authorization: string | undefined): { context: ExecutionContext; request: RequestWithActor } {
  const request = { headers: { authorization } } as unknown as RequestWithActor;
  class SomeController {}
  const context = {
    getHandler: () => handler,
    getClass: () => SomeController,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { context, request };
}

function guardFor(user: Partial<User> | null): AccessGuard {
  const tokens = { verify: jest.fn(async (token: string) => (token === 'valid' ? USER_ID : undefined)) } as unknown as AccessTokens;
  const users = { findSignInState: jest.fn(async () => (user === null ? null : ({ id: USER_ID, email: 'u@firm.example', name: 'U', ...user } as User))) };
  return new AccessGuard(new Reflector(), tokens, users as unknown as UsersRepository);
}

async function refusal(promise: Promise<boolean>): Promise<string> {
  try {
    await promise;
    return 'allowed';
  } catch (error) {
    return (error as DomainError).code;
  }
}

describe('AccessGuard', () => {
  it('lets anyone through a @Public route without looking at tokens', async () => {
    const { context } = contextFor(handlerWith({ [IS_PUBLIC]: true }), undefined);
    await expect(guardFor(null).canActivate(context)).resolves.toBe(true);
  });

  it('refuses an authenticated user on a route that names no roles (deny by default)', async () => {
    const { context } = contextFor(handlerWith({}), 'Bearer valid');
    await expect(refusal(guardFor({ role: 'admin', active: true }).canActivate(context))).resolves.toBe('FORBIDDEN');
  });

  it.each([
    ['no header', undefined, { role: 'admin', active: true }],
    ['a bad token', 'Bearer forged', { role: 'admin', active: true }],
    ['a deleted user', 'Bearer valid', null],
    ['a deactivated user', 'Bearer valid', { role: 'admin', active: false }],
  ] as const)('answers UNAUTHENTICATED for %s', async (_label, header, user) => {
    const { context } = contextFor(handlerWith({ [ALLOWED_ROLES]: ['admin'] }), header);
    await expect(refusal(guardFor(user).canActivate(context))).resolves.toBe('UNAUTHENTICATED');
  });

  it('attaches the actor for the route to use', async () => {
    const { context, request } = contextFor(handlerWith({ [ALLOWED_ROLES]: ['solicitor'] }), 'Bearer valid');
    await expect(guardFor({ role: 'solicitor', active: true }).canActivate(context)).resolves.toBe(true);
    expect(request.actor).toEqual({ id: USER_ID, email: 'u@firm.example', name: 'U', role: 'solicitor' });
  });

  it('allows exactly the roles a route names, for every combination', async () => {
    const role = fc.constantFrom<UserRole>(...USER_ROLES);
    await fc.assert(
      fc.asyncProperty(role, fc.subarray([...USER_ROLES]), fc.boolean(), async (userRole, allowed, active) => {
        const { context } = contextFor(handlerWith({ [ALLOWED_ROLES]: allowed }), 'Bearer valid');
        const outcome = await refusal(guardFor({ role: userRole, active }).canActivate(context));
        const expected = !active ? 'UNAUTHENTICATED' : allowed.includes(userRole) ? 'allowed' : 'FORBIDDEN';
        expect(outcome).toBe(expected);
      }),
    );
  });
});
