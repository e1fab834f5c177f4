import { Client } from 'pg';
import { DatabaseEndpoint } from './database-endpoint';
import { EmbeddedPostgres } from './embedded-postgres';

/**
 * A throw-away database for tests and migration checks. With a server URL: a new database on that
 * server, dropped (WITH FORCE) on close. Without: an in-memory embedded engine. Isolation is by
 * database, not schema, because generated migrations use unqualified table names.
 */
export async function openScratchDatabase(serverUrl: string | undefined, label: string): Promise<DatabaseEndpoint> {
  if (serverUrl === undefined || serverUrl === '') {
    const engine = await EmbeddedPostgres.start();
    return { url: engine.url, poolSize: EmbeddedPostgres.POOL_SIZE, embedded: true, close: () => engine.stop() };
  }
  const name = `oi_${label}_${process.pid}_${Date.now().toString(36)}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    poolSize: 10,
    embedded: false,
    close: () => withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdminClient<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
