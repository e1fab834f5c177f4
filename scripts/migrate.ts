/**
 * `npm run migration:run` / `npm run migration:revert`: against DATABASE_URL, or the embedded database
 * in DATA_DIR when it is unset (stop the app first: the data folder is locked while it runs).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../ormconfig';
import { loadEnvironment } from '../src/config/environment';
import { openDatabaseEndpoint } from '../src/database/database-endpoint';
import { runScript } from '../src/database/migrated-scratch';
import { runPendingMigrations } from '../src/database/run-migrations';

async function main(command: string | undefined): Promise<number> {
  if (command !== 'run' && command !== 'revert') {
    process.stderr.write('usage: ts-node scripts/migrate.ts run|revert\n');
    return 2;
  }
  const env = loadEnvironment(process.env);
  const endpoint = await openDatabaseEndpoint(env);
  const dataSource = new DataSource(buildDataSourceOptions({ url: endpoint.url, poolSize: endpoint.poolSize }));
  try {
    await dataSource.initialize();
    if (command === 'run') {
      const applied = await runPendingMigrations(dataSource, endpoint.poolSize);
      process.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
    } else {
      await dataSource.undoLastMigration({ transaction: 'each' });
      process.stdout.write('reverted the last migration\n');
    }
    return 0;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await endpoint.close();
  }
}

runScript('migration', () => main(process.argv[2]));
