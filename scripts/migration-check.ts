/**
 * Fails when the entities and the committed migrations disagree: on a scratch database migrated to the
 * latest version, TypeORM must find nothing left to change. Uses MIGRATION_DATABASE_URL (a server to
 * create a scratch database on) or, by default, the in-memory embedded engine.
 */
import 'reflect-metadata';
import { driftAfterMigrations, runScript } from '../src/database/migrated-scratch';

runScript('migration:check', async () => {
  const drift = await driftAfterMigrations(process.env.MIGRATION_DATABASE_URL, 'migration_check');
  if (drift.up.length === 0) {
    process.stdout.write('migration:check: entities and migrations agree\n');
    return 0;
  }
  process.stderr.write(
    'migration:check: entities and migrations disagree; run "npm run migration:generate -- <Name>". Pending changes:\n' +
      drift.up.map((query) => `  ${query};`).join('\n') +
      '\n',
  );
  return 1;
});
