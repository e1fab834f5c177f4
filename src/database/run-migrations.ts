import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../ormconfig';
import { grantApplicationRole } from './application-role';

// Any constant works; it only has to be the same for every instance of this app.
const MIGRATION_LOCK_KEY = 740_311_2026;

/**
 * Runs pending migrations, each in its own transaction. With more than one connection available, a
 * session advisory lock keeps two instances starting at once from migrating the same database twice.
 */
export async function runPendingMigrations(dataSource: DataSource, poolSize: number): Promise<string[]> {
  if (poolSize < 2) {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
  }
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockHolder.release();
  }
}

/**
 * Migrates as the schema owner, then grants the application's role what it needs on every table, in
 * one short-lived connection pool that is closed before the app serves a request.
 */
export async function migrateAsOwner(ownerUrl: string, applicationRole: string): Promise<string[]> {
  const owner = new DataSource(buildDataSourceOptions({ url: ownerUrl, poolSize: 2, applicationName: 'oi-intake-migrations' }));
  await owner.initialize();
  try {
    const [{ ownerRole }] = await owner.query<{ ownerRole: string }[]>(`SELECT current_user AS "ownerRole"`);
    if (ownerRole === applicationRole) {
      throw new Error(`DATABASE_OWNER_URL and DATABASE_URL both log in as ${ownerRole}: the app needs a role of its own`);
    }
    const applied = await runPendingMigrations(owner, 2);
    const queryRunner = owner.createQueryRunner();
    try {
      await queryRunner.startTransaction();
      await grantApplicationRole(queryRunner, applicationRole);
      await queryRunner.commitTransaction();
    } catch (error) {
      if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction();
      throw error;
    } finally {
      await queryRunner.release();
    }
    return applied;
  } finally {
    await owner.destroy();
  }
}
