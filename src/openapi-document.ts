import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildOpenApiDocument, createApp } from './app.factory';
import { loadEnvironment } from './config/environment';
import { openScratchDatabase } from './database/scratch-database';

/** The committed openapi.json is this text: stable key order, two-space indent, trailing newline. */
export function serialiseOpenApi(app: NestFastifyApplication): string {
  return `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
}

/** Boots the app on a throw-away in-memory database, only to read the routes the code declares. */
export async function renderOpenApiDocument(): Promise<string> {
  const scratch = await openScratchDatabase(undefined, 'openapi');
  const env = loadEnvironment({ JWT_SECRET: 'openapi-generation-only-'.padEnd(40, 'x'), LOG_LEVEL: 'error', DATABASE_URL: scratch.url });
  try {
    // Not flagged embedded, so no local admin is created or printed for a process that only reads routes.
    const app = await createApp(env, { ...scratch, embedded: false });
    try {
      await app.init();
      return serialiseOpenApi(app);
    } finally {
      await app.close();
    }
  } finally {
    await scratch.close();
  }
}
