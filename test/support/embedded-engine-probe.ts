/**
 * Runs the embedded engine in a process of its own (PGlite loads its WASM through dynamic imports,
 * which jest's module sandbox cannot do). Usage: probe <put|get|hold> <dataDir> [value]
 * Exit 0 on success, 3 when the data folder is in use by another process.
 */
import { Client } from 'pg';
import { DataDirInUseError, EmbeddedPostgres } from '../../src/database/embedded-postgres';

async function main(command: string, dataDir: string, value: string | undefined): Promise<number> {
  let engine: EmbeddedPostgres;
  try {
    engine = await EmbeddedPostgres.start({ dataDir });
  } catch (error) {
    if (error instanceof DataDirInUseError) return 3;
    throw error;
  }
  const client = new Client({ connectionString: engine.url });
  await client.connect();
  try {
    if (command === 'put') {
      await client.query('CREATE TABLE IF NOT EXISTS kept (note text)');
      await client.query('INSERT INTO kept VALUES ($1)', [value]);
    } else if (command === 'get') {
      const rows = (await client.query<{ note: string }>('SELECT note FROM kept ORDER BY note')).rows;
      process.stdout.write(JSON.stringify(rows.map((row) => row.note)));
    } else if (command === 'hold') {
      process.stdout.write('holding\n');
      await new Promise(() => undefined);
    }
    return 0;
  } finally {
    await client.end();
    await engine.stop();
  }
}

main(process.argv[2] ?? '', process.argv[3] ?? '', process.argv[4]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(String(error instanceof Error ? error.stack : error));
    process.exit(1);
  },
);
