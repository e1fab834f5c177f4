import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { AuthErrors } from './auth.errors';

/** Throttler tracker for sign-in attempts against one account, whatever address they come from. */
export function loginAccountTracker(request: Record<string, unknown>): string {
  const body = request.body as { email?: unknown } | undefined;
  const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase().slice(0, 254) : '';
  return `account:${email}`;
}

/** Throttler tracker for sign-in attempts from one client address, whatever accounts they target. */
export function loginAddressTracker(request: Record<string, unknown>): string {
  return `address:${String(request.ip)}`;
}

/** Rate-limits sign-in per account and per address; a refusal is problem+json with a plain Retry-After. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.header('retry-after', String(Math.max(1, detail.timeToBlockExpire)));
    throw AuthErrors.tooManyLoginAttempts();
  }
}
