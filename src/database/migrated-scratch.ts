import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../ormconfig';
import { findSchemaDrift, SchemaDrift } from './schema-drift';
import { openScratchDatabase } from './scratch-database';

/**
 * What the entities need beyond the committed migrations, worked out on a throw-away database
 * migrated to the latest version: on `serverUrl` (MIGRATION_DATABASE_URL) or an in-memory engine.
 */
export async function driftAfterMigrations(serverUrl: string | undefined, label: string): Promise<SchemaDrift> {
  const scratch = await openScratchDatabase(serverUrl, label);
  const dataSource = new DataSource(buildDataSourceOptions({ url: scratch.url, poolSize: scratch.poolSize }));
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    return await findSchemaDrift(dataSource);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await scratch.close();
  }
}

/** Runs a script's main and exits with its code; a thrown error is printed and exits 1. */
export function runScript(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
