import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { Environment } from '../../config/environment';

type LoggedRequest = IncomingMessage & { id?: string; routePattern?: string };

/**
 * Structured JSON logs. A request is logged as id, method, route pattern, status and duration: never
 * its body, query string, headers or token, which can carry personal or health data.
 */
export function buildLoggerOptions(env: Environment, destination?: DestinationStream): Params {
  const options = {
      level: env.LOG_LEVEL,
      // Fastify's generateRequestId already put the id on the raw request.
      genReqId: (request: IncomingMessage) => (request as LoggedRequest).id ?? 'unknown',
      customAttributeKeys: { responseTime: 'durationMs' },
      customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
        error !== undefined || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (request: { id?: string; method?: string; url?: string; raw?: LoggedRequest }) => ({
          id: request.id,
          method: request.method,
          route: request.raw?.routePattern ?? request.url?.split('?')[0],
        }),
        res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
        err: (error: { type?: string; message?: string }) => ({ type: error.type }),
      },
      redact: { paths: ['req.headers', 'req.body', 'req.query', 'res.headers'], remove: true },
  };
  return {
    pinoHttp: destination === undefined ? options : [options, destination],
    // Every path, including unknown ones outside the API prefix.
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
  };
}
