import { DataSource } from 'typeorm';

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
