import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../ormconfig';
import { DatabaseEndpoint } from '../../src/database/database-endpoint';
import { openScratchDatabase } from '../../src/database/scratch-database';
import { TEST_DATABASES_ENV, TestDatabaseInfo } from './test-databases';

declare global {
  var __OI_TEST_DATABASES__: DatabaseEndpoint[] | undefined;
}

/**
 * One migrated database per jest worker: on the server named by TEST_DATABASE_URL (CI always sets
 * it), or on in-memory embedded engines hosted by this process when it is unset.
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const workers = Math.max(1, Math.min(globalConfig.maxWorkers, 4));
  const databases: DatabaseEndpoint[] = [];
  globalThis.__OI_TEST_DATABASES__ = databases;
  for (let worker = 1; worker <= workers; worker += 1) {
    const database = await openScratchDatabase(serverUrl, `test_w${worker}`);
    databases.push(database);
    const dataSource = new DataSource(buildDataSourceOptions({ url: database.url, poolSize: 1 }));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await dataSource.destroy();
    }
  }
  const info: TestDatabaseInfo = { urls: databases.map((database) => database.url), embedded: serverUrl === undefined || serverUrl === '' };
  process.env[TEST_DATABASES_ENV] = JSON.stringify(info);
  process.stdout.write(`\nAPI tests on ${info.embedded ? 'the embedded engine (in memory)' : 'PostgreSQL from TEST_DATABASE_URL'}, ${workers} database(s)\n`);
}
