/**
 * `npm run migration:run` / `npm run migration:revert` (and `node dist/src/migrate.js run` in the
 * production image): against DATABASE_URL, or the embedded database in DATA_DIR when it is unset (stop
 * the app first: the data folder is locked while it runs). With DATABASE_OWNER_URL, migrations run as
 * the owner and DATABASE_URL's role is then granted what the app needs, and no more.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../ormconfig';
import { loadEnvironment } from './config/environment';
import { currentRole } from './database/application-role';
import { openDatabaseEndpoint } from './database/database-endpoint';
import { runScript } from './database/migrated-scratch';
import { migrateOnOwnConnection, runPendingMigrations } from './database/run-migrations';

async function main(command: string | undefined): Promise<number> {
  if (command !== 'run' && command !== 'revert') {
    process.stderr.write('usage: migrate run|revert\n');
    return 2;
  }
  const env = loadEnvironment(process.env);
  const endpoint = await openDatabaseEndpoint(env);
  const dataSource = new DataSource(buildDataSourceOptions({ url: endpoint.url, poolSize: endpoint.poolSize, statementTimeoutMs: 0, applicationName: 'oi-intake-migrations' }));
  try {
    await dataSource.initialize();
    if (command === 'revert') {
      if (endpoint.ownerUrl !== undefined) {
        process.stderr.write('revert as the owner: run it with DATABASE_URL set to DATABASE_OWNER_URL\n');
        return 2;
      }
      await dataSource.undoLastMigration({ transaction: 'each' });
      process.stdout.write('reverted the last migration\n');
      return 0;
    }
    const applied =
      endpoint.poolSize < 2
        ? await runPendingMigrations(dataSource, endpoint.poolSize)
        : endpoint.ownerUrl === undefined
          ? await migrateOnOwnConnection(endpoint.url)
          : await migrateOnOwnConnection(endpoint.ownerUrl, await currentRole(dataSource));
    process.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
    if (endpoint.ownerUrl !== undefined) process.stdout.write(`granted the application's role what it needs\n`);
    return 0;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await endpoint.close();
  }
}

runScript('migration', () => main(process.argv[2]));
