/**
 * Writes migrations/<timestamp>-<Name>.ts with what the entities need beyond the committed migrations,
 * worked out on a scratch database (MIGRATION_DATABASE_URL, or the in-memory embedded engine).
 * Read the file before committing it; never edit a migration that has landed.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { driftAfterMigrations, runScript } from '../src/database/migrated-scratch';

function escapeTemplate(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

function migrationSource(className: string, up: string[], down: string[]): string {
  const statements = (queries: string[]): string =>
    queries.map((query) => `    await queryRunner.query(\`${escapeTemplate(query)}\`);`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${statements(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${statements([...down].reverse())}
  }
}
`;
}

runScript('migration:generate', async () => {
  const name = process.argv[2];
  if (name === undefined || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    process.stderr.write('usage: npm run migration:generate -- <PascalCaseName>\n');
    return 2;
  }
  const drift = await driftAfterMigrations(process.env.MIGRATION_DATABASE_URL, 'migration_generate');
  if (drift.up.length === 0) {
    process.stdout.write('No changes: entities and migrations already agree.\n');
    return 0;
  }
  const timestamp = Date.now();
  const file = join(__dirname, '..', 'migrations', `${timestamp}-${name}.ts`);
  writeFileSync(file, migrationSource(`${name}${timestamp}`, drift.up, drift.down));
  process.stdout.write(`Wrote ${file}: read it before committing.\n`);
  return 0;
});
