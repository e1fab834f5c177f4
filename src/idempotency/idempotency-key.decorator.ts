import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IdempotencyScope } from './idempotency.service';
import { RequestWithActor } from '../common/access/access.decorators';

/**
 * The Idempotency-Key header with what it guards: who asked, and the method, route and body.
 * Use on a create route behind the access guard.
 */
export const Idempotency = createParamDecorator((_data: unknown, context: ExecutionContext): IdempotencyScope => {
  const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithActor>();
  const header = request.headers['idempotency-key'];
  const actor = request.actor;
  if (actor === undefined) throw new Error('Idempotency used on a route without an authenticated actor');
  return {
    userId: actor.id,
    key: Array.isArray(header) ? header.join(',') : header,
    // The path as called (ids and all), not the route pattern: the same key and body on two records are two requests.
    request: { method: request.method, route: request.url.split('?')[0] ?? request.url, body: request.body },
  };
});
