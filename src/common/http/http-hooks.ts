import type { FastifyInstance } from 'fastify';
import { runInRequestContext } from './request-context';
import { REQUEST_ID_HEADER } from './request-id';

/**
 * Fastify-level behaviour that must hold for every response, including the ones no controller
 * produces (body-parsing failures, the OpenAPI pages). Nest's own Fastify error handler sends
 * body-parsing failures through ProblemFilter.
 */
export function registerHttpHooks(fastify: FastifyInstance): void {
  // Callback style on purpose: the handler then runs inside this context, which an async hook would not give.
  fastify.addHook('onRequest', (request, _reply, done) => runInRequestContext({ requestId: request.id }, done));

  fastify.addHook('onRequest', async (request, reply) => {
    // The route pattern (not the path with its ids and query) is what the access log reports.
    (request.raw as typeof request.raw & { routePattern?: string }).routePattern = request.routeOptions.url;
    void reply.header(REQUEST_ID_HEADER, request.id);
  });

  fastify.addHook('onSend', async (_request, reply, payload) => {
    // Responses carry personal and health data: no shared or browser cache may keep them.
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    reply.removeHeader('x-powered-by');
    return payload;
  });
}
