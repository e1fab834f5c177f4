import type { FastifyReply } from 'fastify';
import { IdempotentResult } from './idempotency.service';

export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/** Sends the stored status on a replay, and says it was one. */
export function idempotentReply<T extends object>(reply: FastifyReply, result: IdempotentResult<T>): T {
  void reply.status(result.status);
  if (result.replayed) void reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
  return result.body;
}
