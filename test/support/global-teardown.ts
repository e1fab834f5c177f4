import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  for (const database of globalThis.__OI_TEST_DATABASES__ ?? []) {
    await database.close();
  }
  // A role belongs to the whole server; it can go once the databases that granted it privileges have.
  const appRole = globalThis.__OI_TEST_APP_ROLE__;
  if (appRole !== undefined) {
    const client = new Client({ connectionString: appRole.serverUrl });
    await client.connect();
    try {
      await client.query(`DROP ROLE IF EXISTS "${appRole.role}"`);
    } finally {
      await client.end();
    }
  }
}
