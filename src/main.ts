import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp, OPENAPI_PATH } from './app.factory';
import { InvalidEnvironmentError, loadEnvironment } from './config/environment';
import { openDatabaseEndpoint } from './database/database-endpoint';

const SHUTDOWN_GRACE_MS = 10_000;

async function bootstrap(): Promise<void> {
  const env = loadEnvironment(process.env);
  const database = await openDatabaseEndpoint(env);
  const logger = new Logger('Main');
  let app;
  try {
    app = await createApp(env, database);
    await app.listen({ port: env.PORT, host: env.HOST });
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.close();
    throw error;
  }

  const url = await app.getUrl();
  logger.log(`oi-intake listening on ${url} (API ${url}/api/v1, docs ${url}/${OPENAPI_PATH})`);
  if (database.embedded) {
    logger.warn(`using the embedded local database in ${env.DATA_DIR}: for local use only; set DATABASE_URL for a real server`);
  }

  // Finish in-flight requests, close the pool, then the embedded engine; give up after a grace period.
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: shutting down`);
    const forced = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS);
    forced.unref();
    void app
      .close()
      .then(() => database.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error(error instanceof Error ? error.message : 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof InvalidEnvironmentError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`oi-intake failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
