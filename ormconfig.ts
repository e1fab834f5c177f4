import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './src/database/entities';

/** Compiled runs load compiled migrations; ts-node and jest load the TypeScript sources. */
const MIGRATIONS_GLOB = join(__dirname, 'migrations', __filename.endsWith('.ts') ? '*.ts' : '*.js');

export interface DataSourceSettings {
  url: string;
  poolSize: number;
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
  applicationName?: string;
}

/**
 * The one description of the database, shared by the app, the TypeORM CLI, the scripts and the tests.
 * `synchronize` is never on: the schema is whatever the committed migrations make it.
 */
export function buildDataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension needs installing.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    applicationName: settings.applicationName ?? 'oi-intake',
    poolSize: settings.poolSize,
    // `where: { id: undefined }` must be an error, never "any row".
    invalidWhereValuesBehavior: { null: 'throw', undefined: 'throw' },
    extra: {
      connectionTimeoutMillis: settings.connectTimeoutMs ?? 5_000,
      statement_timeout: settings.statementTimeoutMs ?? 15_000,
      idle_in_transaction_session_timeout: 60_000,
    },
  };
}

/**
 * For the TypeORM CLI against a PostgreSQL server (`npm run typeorm -- migration:show -d ormconfig.ts`).
 * The npm migration scripts also handle the embedded engine; see scripts/.
 */
const cliDataSource = new DataSource(
  buildDataSourceOptions({ url: process.env.DATABASE_URL ?? '', poolSize: 2, applicationName: 'oi-intake-cli' }),
);
export default cliDataSource;
