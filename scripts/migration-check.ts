/**
 * Fails when the entities and the committed migrations disagree: on a scratch database migrated to the
 * latest version, TypeORM must find nothing left to change. Uses MIGRATION_DATABASE_URL (a server to
 * create a scratch database on) or, by default, the in-memory embedded engine.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../ormconfig';
import { findSchemaDrift } from '../src/database/schema-drift';
import { openScratchDatabase } from '../src/database/scratch-database';

async function main(): Promise<number> {
  const scratch = await openScratchDatabase(process.env.MIGRATION_DATABASE_URL, 'migration_check');
  const dataSource = new DataSource(buildDataSourceOptions({ url: scratch.url, poolSize: scratch.poolSize }));
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const drift = await findSchemaDrift(dataSource);
    if (drift.up.length === 0) {
      process.stdout.write('migration:check: entities and migrations agree\n');
      return 0;
    }
    process.stderr.write(
      `migration:check: entities and migrations disagree; run "npm run migration:generate -- <Name>". Pending changes:\n` +
        drift.up.map((query) => `  ${query};`).join('\n') +
        '\n',
    );
    return 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await scratch.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`migration:check failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
