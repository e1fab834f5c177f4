/**
 * `npm run seed -- --cases N [--seed S] [--truncate] [--batch-size B] [--as-of YYYY-MM-DD] [--keep-indexes] [--skip-analyze]`
 *   Generates a realistic firm into the PostgreSQL server named by DATABASE_URL (required), with COPY, in
 *   one transaction with the seeded tables' indexes and foreign keys set aside and rebuilt at the end
 *   (--keep-indexes: a transaction per batch, indexes maintained row by row, several times slower).
 *   The tables are locked while it runs: stop the app first, or its requests wait.
 * `npm run seed:demo [-- --seed S]`
 *   A small friendly demo (8 named staff with their own random passwords, 50 cases) into DATABASE_URL or
 *   the embedded database in DATA_DIR (stop the app first: the data folder is locked while it runs).
 * Both run pending migrations first and write no audit events. The same --seed and --as-of (default:
 * today) give the same data, password hashes aside. SEED_PASSWORD sets the firm's shared password.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../ormconfig';
import { loadEnvironment } from '../src/config/environment';
import { todayInLondon } from '../src/common/time/calendar-date';
import { openDatabaseEndpoint } from '../src/database/database-endpoint';
import { runScript } from '../src/database/migrated-scratch';
import { runPendingMigrations } from '../src/database/run-migrations';
import { PasswordHasher } from '../src/users/password-hasher';
import { analyzeSeeded, planStaff, SeedKind, SeedRefusal, seedDatabase } from './seed/seed-core';
import { firmStaffCounts, FIRM_EMAIL_DOMAIN, StaffMember } from './seed/staff';

const DEMO_CASES = 50;

interface SeedArguments {
  kind: SeedKind;
  cases: number;
  seed: number;
  truncate: boolean;
  batchSize: number;
  asOf: string;
  analyze: boolean;
  deferIndexes: boolean;
  /** SEED_PASSWORD, when set: the firm's shared password, so scripts (the benchmark) can sign in. */
  sharedPassword: string | undefined;
}

const USAGE = `usage: npm run seed -- --cases N [--seed S] [--truncate] [--batch-size B] [--as-of YYYY-MM-DD] [--keep-indexes] [--skip-analyze]
       npm run seed:demo [-- --seed S]`;

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new SeedRefusal(`--${name} must be a whole number from ${min} to ${max}`);
  return Number(raw);
}

function readArguments(argv: string[]): SeedArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        demo: { type: 'boolean', default: false },
        cases: { type: 'string' },
        seed: { type: 'string' },
        truncate: { type: 'boolean', default: false },
        'batch-size': { type: 'string' },
        'as-of': { type: 'string' },
        'skip-analyze': { type: 'boolean', default: false },
        'keep-indexes': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new SeedRefusal(error instanceof Error ? error.message : String(error));
  }
  const kind: SeedKind = parsed.demo === true ? 'demo' : 'firm';
  if (kind === 'firm' && parsed.cases === undefined) throw new SeedRefusal('--cases N is required (or use npm run seed:demo)');
  if (kind === 'demo' && parsed.truncate === true) throw new SeedRefusal('--truncate is for the generated firm, not the demo');
  const sharedPassword = process.env.SEED_PASSWORD === '' ? undefined : process.env.SEED_PASSWORD;
  if (sharedPassword !== undefined && (sharedPassword.length < 12 || sharedPassword.length > 200)) throw new SeedRefusal('SEED_PASSWORD must be 12 to 200 characters');
  return {
    kind,
    cases: kind === 'demo' ? wholeNumber('cases', parsed.cases, DEMO_CASES, 1, 500) : wholeNumber('cases', parsed.cases, 0, 1, 20_000_000),
    seed: wholeNumber('seed', parsed.seed, kind === 'demo' ? 2026 : 1, 0, 4_294_967_295),
    truncate: parsed.truncate === true,
    batchSize: wholeNumber('batch-size', parsed['batch-size'], 5_000, 1, 100_000),
    asOf: parsed['as-of'] ?? todayInLondon(),
    analyze: parsed['skip-analyze'] !== true,
    deferIndexes: parsed['keep-indexes'] !== true,
    sharedPassword,
  };
}

const out = (text: string) => process.stdout.write(`${text}\n`);

/** A password for local use: 18 random characters, never derived from the seed. */
function localPassword(): string {
  return randomBytes(14).toString('base64url').slice(0, 18);
}

async function main(argv: string[]): Promise<number> {
  let args: SeedArguments;
  try {
    args = readArguments(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const env = loadEnvironment(process.env);
  if (args.kind === 'firm' && env.DATABASE_URL === undefined) {
    process.stderr.write(
      'npm run seed needs DATABASE_URL naming a PostgreSQL server (e.g. postgresql://postgres@127.0.0.1:5432/oi_intake).\n' +
        'A large firm is not for the embedded engine; for a small demo on it, use npm run seed:demo.\n',
    );
    return 2;
  }
  const endpoint = await openDatabaseEndpoint(env);
  try {
    const dataSource = new DataSource(buildDataSourceOptions({ url: endpoint.url, poolSize: endpoint.poolSize, applicationName: 'oi-intake-seed' }));
    await dataSource.initialize();
    try {
      const applied = await runPendingMigrations(dataSource, endpoint.poolSize);
      out(applied.length > 0 ? `migrations applied: ${applied.join(', ')}` : 'schema is up to date');
    } finally {
      await dataSource.destroy();
    }

    const staff = planStaff(args.kind, args.seed, args.cases);
    const hasher = new PasswordHasher();
    const passwords = new Map<string, string>();
    const hashes = new Map<string, string>();
    if (args.kind === 'firm') {
      // One password for every seeded account, hashed once: a million-case firm needs hundreds of staff.
      const shared = args.sharedPassword ?? localPassword();
      const hash = await hasher.hash(shared);
      for (const member of staff) {
        passwords.set(member.id, shared);
        hashes.set(member.id, hash);
      }
    } else {
      for (const member of staff) {
        const password = localPassword();
        passwords.set(member.id, password);
        hashes.set(member.id, await hasher.hash(password));
      }
    }

    const client = new Client({ connectionString: endpoint.url, application_name: 'oi-intake-seed' });
    await client.connect();
    try {
      // Losing the last few commits in a crash is fine for generated data, and it saves a flush per batch.
      await client.query('SET synchronous_commit = off');
      const mode = endpoint.embedded ? 'insert' : 'copy';
      const deferred = mode === 'copy' && args.deferIndexes;
      const batches = `batches of ${args.batchSize.toLocaleString('en-GB')} cases`;
      out(
        `seeding ${args.cases.toLocaleString('en-GB')} cases (seed ${args.seed}, dated up to ${args.asOf}) into ${endpoint.embedded ? 'the embedded database' : 'DATABASE_URL'}: ` +
          (mode === 'insert'
            ? `multi-row INSERTs, one transaction per batch, ${batches}`
            : deferred
              ? `COPY in one transaction, ${batches}, with the seeded tables' indexes and foreign keys set aside and rebuilt at the end`
              : `COPY, one transaction per batch, ${batches}, indexes maintained row by row`),
      );
      const bar = new SingleBar({
        format: 'seeding |{bar}| {percentage}% | {value}/{total} cases | {rate} cases/s, {rows} rows | {duration_formatted} elapsed | ETA {eta_formatted}',
        noTTYOutput: true,
        notTTYSchedule: 10_000,
        etaBuffer: 20,
        hideCursor: true,
      });
      let started = Date.now();
      let loaded: number | null = null;
      let summary;
      // The report counts' triggers would recount every COPY chunk against tables whose indexes are set
      // aside; this session skips them and recounts once at the end, whatever happened in between.
      await client.query(`SET oi_intake.report_counts = 'rebuild_later'`);
      try {
        summary = await seedDatabase(client, {
          kind: args.kind,
          cases: args.cases,
          seed: args.seed,
          asOf: args.asOf,
          mode,
          batchSize: args.batchSize,
          truncate: args.truncate,
          deferIndexes: args.deferIndexes,
          generateInWorker: mode === 'copy',
          passwordHashFor: (member) => hashes.get(member.id) ?? '',
          onStart: () => {
            started = Date.now();
            bar.start(args.cases, 0, { rate: '0', rows: '0' });
          },
          onProgress: (done, rows) => {
            const seconds = Math.max(0.001, (Date.now() - started) / 1000);
            bar.update(done, { rate: Math.round(done / seconds).toLocaleString('en-GB'), rows: rows.toLocaleString('en-GB') });
          },
          onStep: (message) => {
            bar.stop();
            loaded = Date.now();
            out(`loaded in ${((loaded - started) / 1000).toFixed(1)} s; ${message}...`);
          },
        });
      } finally {
        bar.stop();
        await client.query('RESET oi_intake.report_counts');
        await client.query('SELECT report_counts_rebuild()');
      }
      const written = Date.now();
      if (loaded !== null) out(`rebuilt and checked in ${((written - loaded) / 1000).toFixed(1)} s`);
      if (args.analyze) {
        await analyzeSeeded(client, !summary.frozen);
        out(`${summary.frozen ? 'analyzed' : 'vacuumed and analyzed'} the seeded tables in ${((Date.now() - written) / 1000).toFixed(1)} s`);
      }
      const seconds = (Date.now() - started) / 1000;
      const totalRows = Object.values(summary.rows).reduce((sum, count) => sum + count, 0);
      out(`\n${totalRows.toLocaleString('en-GB')} rows ready in ${seconds.toFixed(1)} s (${Math.round(totalRows / seconds).toLocaleString('en-GB')} rows/s, ${Math.round(args.cases / seconds).toLocaleString('en-GB')} cases/s):`);
      for (const [table, count] of Object.entries(summary.rows)) out(`  ${table.padEnd(20)} ${count.toLocaleString('en-GB').padStart(12)}`);
      out('\nNo audit events were written: the audit trail records what people did through the API, and its hash chain is left as it was.');
      printCredentials(args, staff, passwords);
    } finally {
      await client.end();
    }
    return 0;
  } catch (error) {
    if (error instanceof SeedRefusal) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await endpoint.close();
  }
}

function printCredentials(args: SeedArguments, staff: readonly StaffMember[], passwords: ReadonlyMap<string, string>): void {
  out('\n*** LOCAL USE ONLY: these sign-ins are for a development database; never load seeded staff into production. ***');
  if (args.kind === 'firm') {
    const counts = firmStaffCounts(args.cases);
    const first = staff[0];
    out(`staff: ${counts.admin} admins, ${counts.solicitor} solicitors, ${counts.paralegal} paralegals, e.g. admin0001@${FIRM_EMAIL_DOMAIN}, solicitor0001@${FIRM_EMAIL_DOMAIN}, paralegal0001@${FIRM_EMAIL_DOMAIN}`);
    out(args.sharedPassword !== undefined ? 'shared password: the one in SEED_PASSWORD' : `shared password (random, shown once): ${first === undefined ? '' : (passwords.get(first.id) ?? '')}`);
    return;
  }
  out('demo sign-ins (shown once; passwords are random and not stored anywhere else):');
  for (const member of staff) out(`  ${member.role.padEnd(10)} ${member.name.padEnd(18)} ${member.email.padEnd(40)} ${passwords.get(member.id) ?? ''}`);
}

runScript('seed', () => main(process.argv.slice(2)));
