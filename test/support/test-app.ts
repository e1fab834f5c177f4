import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../ormconfig';
import { SeedScreeningAndReferrals1795676052655 } from '../../migrations/1795676052655-SeedScreeningAndReferrals';
import { createApp } from '../../src/app.factory';
import { loadEnvironment } from '../../src/config/environment';
import { DatabaseEndpoint } from '../../src/database/database-endpoint';
import { databaseForThisWorker } from './test-databases';

export const TEST_JWT_SECRET = 'test-only-jwt-secret-not-for-any-real-use-0123456789';

export interface TestApp {
  app: NestFastifyApplication;
  /** For supertest: `request(t.server)`. */
  server: ReturnType<NestFastifyApplication['getHttpServer']>;
  /** The app's own connection: on a server a least-privilege role, as in production. */
  dataSource: DataSource;
  /**
   * The schema owner's connection to the same database, for what the app's role may not do (tamper
   * with the audit trail, empty tables). The same as `dataSource` on the embedded engine.
   */
  owner: DataSource;
  close(): Promise<void>;
}

/** cleanDatabase(t.dataSource) empties tables through the owner's connection registered here. */
const ownerOf = new WeakMap<DataSource, DataSource>();

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Another database than this worker's (e.g. through a proxy the test controls). */
  database?: DatabaseEndpoint;
  logDestination?: DestinationStream;
}

/** The real app module, on this worker's migrated database, ready for supertest. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const worker = databaseForThisWorker();
  const database: DatabaseEndpoint = options.database ?? {
    url: worker.appUrl,
    poolSize: worker.embedded ? 1 : 5,
    embedded: false,
    close: async () => undefined,
  };
  const env = loadEnvironment({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DB_MIGRATIONS_RUN: 'false',
    DB_CONNECT_RETRIES: '0',
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: options.logDestination === undefined ? 'silent' : 'info',
    LOGIN_RATE_LIMIT: '1000',
    LOGIN_RATE_LIMIT_PER_IP: '1000',
    ...options.env,
  });
  const app = await createApp(env, database, { logDestination: options.logDestination });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const dataSource = app.get(DataSource);
  let owner = dataSource;
  if (options.database === undefined && worker.appUrl !== worker.url) {
    owner = new DataSource(buildDataSourceOptions({ url: worker.url, poolSize: 1, applicationName: 'oi-intake-test-owner' }));
    await owner.initialize();
  }
  ownerOf.set(dataSource, owner);
  return {
    app,
    server: app.getHttpServer(),
    dataSource,
    owner,
    close: async () => {
      await app.close();
      if (owner !== dataSource) await owner.destroy();
    },
  };
}

/**
 * Empties every table the entities map (not the migrations table), between tests, then puts back the
 * reference data the migrations seed (default rule set, task settings, provider directory), so every
 * test starts from a database as a fresh install has it.
 */
export async function cleanDatabase(appDataSource: DataSource): Promise<void> {
  const dataSource = ownerOf.get(appDataSource) ?? appDataSource;
  const tables = dataSource.entityMetadatas.map((metadata) => `"${metadata.tableName}"`);
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.startTransaction();
    // The audit trail's triggers refuse TRUNCATE; between tests (and only here) they are switched off.
    await queryRunner.query(`SET LOCAL session_replication_role = replica`);
    if (tables.length > 0) await queryRunner.query(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`);
    await new SeedScreeningAndReferrals1795676052655().up(queryRunner);
    await queryRunner.commitTransaction();
  } catch (error) {
    await queryRunner.rollbackTransaction();
    throw error;
  } finally {
    await queryRunner.release();
  }
}
