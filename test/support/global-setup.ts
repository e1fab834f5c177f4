import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../ormconfig';
import { grantApplicationRole } from '../../src/database/application-role';
import { DatabaseEndpoint } from '../../src/database/database-endpoint';
import { openScratchDatabase } from '../../src/database/scratch-database';
import { TEST_DATABASES_ENV, TestDatabaseInfo } from './test-databases';

declare global {
  var __OI_TEST_DATABASES__: DatabaseEndpoint[] | undefined;
  var __OI_TEST_APP_ROLE__: { serverUrl: string; role: string } | undefined;
}

/**
 * One migrated database per jest worker: on the server named by TEST_DATABASE_URL (CI always sets
 * it), or on in-memory embedded engines hosted by this process when it is unset.
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL === '' ? undefined : process.env.TEST_DATABASE_URL;
  const workers = Math.max(1, Math.min(globalConfig.maxWorkers, 4));
  const embedded = serverUrl === undefined;
  const databases: DatabaseEndpoint[] = [];
  globalThis.__OI_TEST_DATABASES__ = databases;
  // On a server the app logs in as a role of its own, granted what production grants it, so every API
  // test also proves the app works with no more privilege than that (see src/database/application-role.ts).
  const appRole = embedded ? undefined : { name: `oi_test_app_${process.pid}`, password: randomBytes(18).toString('hex') };
  if (appRole !== undefined && serverUrl !== undefined) {
    await withServer(serverUrl, (dataSource) => dataSource.query(`CREATE ROLE "${appRole.name}" LOGIN PASSWORD '${appRole.password}'`));
    globalThis.__OI_TEST_APP_ROLE__ = { serverUrl, role: appRole.name };
  }
  for (let worker = 1; worker <= workers; worker += 1) {
    const database = await openScratchDatabase(serverUrl, `test_w${worker}`);
    databases.push(database);
    await withServer(database.url, async (dataSource) => {
      await dataSource.runMigrations({ transaction: 'each' });
      if (appRole !== undefined) {
        const runner = dataSource.createQueryRunner();
        await grantApplicationRole(runner, appRole.name).finally(() => runner.release());
      }
    });
  }
  const info: TestDatabaseInfo = {
    urls: databases.map((database) => database.url),
    appUrls: appRole === undefined ? undefined : databases.map((database) => urlAsRole(database.url, appRole.name, appRole.password)),
    embedded,
  };
  process.env[TEST_DATABASES_ENV] = JSON.stringify(info);
  process.stdout.write(
    `\nAPI tests on ${info.embedded ? 'the embedded engine (in memory)' : `PostgreSQL from TEST_DATABASE_URL, the app logged in as ${appRole?.name ?? '?'}`}, ${workers} database(s)\n`,
  );
}

async function withServer<T>(url: string, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 1 }));
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

function urlAsRole(url: string, role: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = password;
  return parsed.toString();
}
