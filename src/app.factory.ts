import helmet from '@fastify/helmet';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { validationFailed } from './common/errors/validation-exception';
import { documentUnavailable } from './common/openapi/unavailable-responses';
import { allowDocumentedNulls } from './common/openapi/nullable-schemas';
import { answerClientError, answerFrameworkError } from './common/http/framework-errors';
import { registerHttpHooks } from './common/http/http-hooks';
import { generateRequestId } from './common/http/request-id';
import { SafeInputPipe } from './common/validation/safe-input.pipe';
import { Environment } from './config/environment';
import { DatabaseEndpoint } from './database/database-endpoint';

export const API_PREFIX = 'api/v1';
export const OPENAPI_PATH = 'api/docs';

/** Builds the fully configured app, not yet listening: main.ts, the tests and the OpenAPI script share it. */
export interface CreateAppOptions {
  /** Where logs go; stdout when unset. Tests pass a stream to read what was logged. */
  logDestination?: DestinationStream;
}

export async function createApp(env: Environment, database: DatabaseEndpoint, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: env.BODY_LIMIT_BYTES,
    trustProxy: env.TRUST_PROXY,
    genReqId: generateRequestId,
    // Nest logs through pino; Fastify's own request logging would log twice.
    logger: false,
    return503OnClosing: true,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  // Before Nest adds its middleware hooks, so the route pattern is on the request when pino-http reads it.
  registerHttpHooks(adapter.getInstance());
  // JSON only: no form or text parsers, so any other body is a 415 rather than a string fed to validation.
  adapter.getInstance().removeContentTypeParser('text/plain');
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(env, database, options.logDestination), adapter, {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();

  await app.register(helmet, {
    // The OpenAPI UI needs its inline styles and the spec from the same origin, nothing more.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  if (env.corsOrigins.length > 0) {
    app.enableCors({ origin: env.corsOrigins, exposedHeaders: ['ETag', 'X-Request-Id', 'Retry-After', 'Idempotent-Replayed'] });
  }

  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready'] });
  app.useGlobalPipes(
    new SafeInputPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      stopAtFirstError: false,
      validationError: { target: false, value: false },
      exceptionFactory: validationFailed,
    }),
  );
  SwaggerModule.setup(OPENAPI_PATH, app, () => buildOpenApiDocument(app), { jsonDocumentUrl: `${OPENAPI_PATH}-json` });
  return app;
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('oi-intake API')
    .setDescription(
      'Case intake for personal-injury clients considering osseointegration. Errors are application/problem+json ' +
        'with a stable `code`. Health data is special-category personal data: every call is authorised and audited.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return documentUnavailable(
    allowDocumentedNulls(SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` })),
  );
}
