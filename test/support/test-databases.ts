/** Shared between global setup (which creates the databases) and the test files (which use them). */
export const TEST_DATABASES_ENV = 'OI_TEST_DATABASE_URLS';

export interface TestDatabaseInfo {
  urls: string[];
  embedded: boolean;
}

export function readTestDatabases(): TestDatabaseInfo {
  const raw = process.env[TEST_DATABASES_ENV];
  if (raw === undefined) throw new Error(`${TEST_DATABASES_ENV} is unset: run API tests through jest (global setup creates the databases)`);
  return JSON.parse(raw) as TestDatabaseInfo;
}

/** Each jest worker gets its own database, so test files can clean tables without racing each other. */
export function databaseForThisWorker(): { url: string; embedded: boolean } {
  const info = readTestDatabases();
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  const url = info.urls[(worker - 1) % info.urls.length];
  if (url === undefined) throw new Error('no test database for this worker');
  return { url, embedded: info.embedded };
}
