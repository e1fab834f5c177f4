/** Shared between global setup (which creates the databases) and the test files (which use them). */
export const TEST_DATABASES_ENV = 'OI_TEST_DATABASE_URLS';

export interface TestDatabaseInfo {
  /** Each worker's database, logged in as its owner (migrations, cleaning between tests, tampering). */
  urls: string[];
  /**
   * The same databases logged in as a least-privilege application role, as in production; on the
   * embedded engine (a single login) absent, and the app uses `urls`.
   */
  appUrls?: string[];
  embedded: boolean;
}

export function readTestDatabases(): TestDatabaseInfo {
  const raw = process.env[TEST_DATABASES_ENV];
  if (raw === undefined) throw new Error(`${TEST_DATABASES_ENV} is unset: run API tests through jest (global setup creates the databases)`);
  return JSON.parse(raw) as TestDatabaseInfo;
}

/** Each jest worker gets its own database, so test files can clean tables without racing each other. */
export function databaseForThisWorker(): { url: string; appUrl: string; embedded: boolean } {
  const info = readTestDatabases();
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  const index = (worker - 1) % info.urls.length;
  const url = info.urls[index];
  if (url === undefined) throw new Error('no test database for this worker');
  return { url, appUrl: info.appUrls?.[index] ?? url, embedded: info.embedded };
}
