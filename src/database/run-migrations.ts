import { DataSource, QueryRunner } from 'typeorm';
import { buildDataSourceOptions } from '../../ormconfig';
import { grantApplicationRole } from './application-role';

// Any constant works; it only has to be the same for every instance of this app.
const MIGRATION_LOCK_KEY = 740_311_2026;

/** Work done after the migrations, still under the lock (the grants), in one transaction of its own. */
type AfterMigrating = (queryRunner: QueryRunner) => Promise<void>;

/**
 * Runs pending migrations, each in its own transaction, then `afterwards`. With more than one
 * connection available, a session advisory lock held across both keeps two instances starting at once
 * from migrating, or granting, at the same time.
 */
export async function runPendingMigrations(dataSource: DataSource, poolSize: number, afterwards?: AfterMigrating): Promise<string[]> {
  const migrate = async (): Promise<string[]> => {
    const applied = (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
    if (afterwards !== undefined) await inTransaction(dataSource, afterwards);
    return applied;
  };
  if (poolSize < 2) return migrate();
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await migrate();
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockHolder.release();
  }
}

/**
 * Migrates on a short-lived pool of its own, closed before the app serves a request, with no statement
 * timeout: a migration that backfills or indexes a million rows must not be cut off at the app's 15 s.
 * With `grantTo`, `url` is the schema owner's and that role is then granted what the app needs.
 */
export async function migrateOnOwnConnection(url: string, grantTo?: string): Promise<string[]> {
  const migrator = new DataSource(buildDataSourceOptions({ url, poolSize: 2, statementTimeoutMs: 0, applicationName: 'oi-intake-migrations' }));
  await migrator.initialize();
  try {
    if (grantTo === undefined) return await runPendingMigrations(migrator, 2);
    const [{ ownerRole }] = await migrator.query<{ ownerRole: string }[]>(`SELECT current_user AS "ownerRole"`);
    if (ownerRole === grantTo) {
      throw new Error(`DATABASE_OWNER_URL and DATABASE_URL both log in as ${ownerRole}: the app needs a role of its own`);
    }
    return await runPendingMigrations(migrator, 2, (queryRunner) => grantApplicationRole(queryRunner, grantTo));
  } finally {
    await migrator.destroy();
  }
}

async function inTransaction(dataSource: DataSource, work: AfterMigrating): Promise<void> {
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.startTransaction();
    await work(queryRunner);
    await queryRunner.commitTransaction();
  } catch (error) {
    if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction();
    throw error;
  } finally {
    await queryRunner.release();
  }
}
