import type { ClientBase } from 'pg';
import { CalendarDate, isCalendarDate } from '../../src/common/time/calendar-date';
import { PROVIDER_KINDS, ProviderKind } from '../../src/referrals/referral-terms';
import { DEFAULT_RULE_SET } from '../../src/screening/engine';
import { BatchSource, InlineBatchSource, WorkerBatchSource } from './batch-source';
import { addYearsToDay, DAY_MS, dayFromIso } from './calendar';
import { CaseGenerator, SeedReference } from './case-generator';
import { Prng } from './prng';
import { DEMO_EMAIL_DOMAIN, FIRM_EMAIL_DOMAIN, planDemoStaff, planFirmStaff, StaffMember } from './staff';
import { Batch, BATCH_TABLES, copyLine, USERS } from './tables';
import { copyChunks, insertRows, WriteMode } from './writers';

export type SeedKind = 'firm' | 'demo';

export interface SeedOptions {
  kind: SeedKind;
  cases: number;
  seed: number;
  /** Data is dated up to the start of this day: nothing seeded happens on or after it. */
  asOf: CalendarDate;
  mode: WriteMode;
  /** Cases per batch. */
  batchSize?: number;
  /** Empty the seeded tables first (firm only). */
  truncate?: boolean;
  /**
   * COPY only, on by default: load the whole run in one transaction with the seeded tables' secondary
   * indexes and foreign keys set aside, then rebuild them (which also re-checks every reference).
   * Off: one transaction per batch with every index maintained row by row (several times slower).
   */
  deferIndexes?: boolean;
  /** COPY only: generate batches in a worker thread, overlapping with the database's work (the CLI does). */
  generateInWorker?: boolean;
  /** Password hash per staff member; the firm shares one hash, the demo gives each person their own. */
  passwordHashFor(member: StaffMember): string;
  /** Told once the checks have passed and writing begins. */
  onStart?(): void;
  onProgress?(casesDone: number, rowsDone: number): void;
  /** Told when a long step without a progress bar starts (rebuilding indexes). */
  onStep?(message: string): void;
}

export interface SeedSummary {
  staff: StaffMember[];
  /** Rows written, per table. */
  rows: Record<string, number>;
  /** Whether rows were written frozen (COPY FREEZE), so no VACUUM is needed before the visibility map helps. */
  frozen: boolean;
  seconds: number;
}

/** A refusal the caller should show as it is, without a stack trace. */
export class SeedRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedRefusal';
  }
}

/** The staff a run will create, known before it starts (so passwords can be hashed first). */
export function planStaff(kind: SeedKind, seed: number, cases: number): StaffMember[] {
  const prng = new Prng(seed, kind === 'firm' ? 1 : 11);
  return kind === 'firm' ? planFirmStaff(prng, cases) : planDemoStaff(prng);
}

const BATCH_TABLE_NAMES = BATCH_TABLES.map((spec) => spec.name);

/** Tables --truncate empties. The audit trail is not among them; rule sets, task settings and providers are kept. */
export const SEEDED_TABLES: readonly string[] = [...BATCH_TABLE_NAMES, 'idempotency_records'];

/**
 * Writes a generated firm into the database behind `client`: staff, then cases in batches. No audit
 * events are written: the audit chain is hash-linked and records what people did, and nobody did this.
 */
export async function seedDatabase(client: ClientBase, options: SeedOptions): Promise<SeedSummary> {
  const started = Date.now();
  if (!Number.isInteger(options.cases) || options.cases < 1) throw new SeedRefusal('--cases must be a whole number of at least 1');
  if (!isCalendarDate(options.asOf)) throw new SeedRefusal('the as-of date must be YYYY-MM-DD');
  if (options.truncate === true && options.kind === 'demo') throw new SeedRefusal('--truncate is for the generated firm, not the demo');
  const reference = await readReference(client);
  const staff = planStaff(options.kind, options.seed, options.cases);
  const rows: Record<string, number> = { users: staff.length };
  for (const name of BATCH_TABLE_NAMES) rows[name] = 0;
  const staffCreated = new Date(addYearsToDay(dayFromIso(options.asOf), -5) * DAY_MS - 30 * DAY_MS).toISOString();
  const staffRows = staff.map((member) => [member.id, member.email, member.name, member.role, true, options.passwordHashFor(member), 1, staffCreated, staffCreated]);
  const batchSize = options.batchSize ?? 5_000;
  const asText = options.mode === 'copy';
  let rowsDone = staff.length;

  const tally = (counts: ReadonlyMap<string, number>, total: number) => {
    for (const [name, count] of counts) rows[name] = (rows[name] ?? 0) + count;
    rowsDone += total;
  };
  const plan = { generator: { seed: options.seed, cases: options.cases, asOfDay: dayFromIso(options.asOf), staff, reference }, batchSize };
  /** Every batch through COPY; `around` decides whether each batch is a transaction of its own. */
  const copyAll = async (freeze: boolean, around: (write: () => Promise<void>) => Promise<void>) => {
    const source: BatchSource = options.generateInWorker === true ? new WorkerBatchSource(plan) : new InlineBatchSource(plan);
    try {
      for (let batch = await source.next(); batch !== null; batch = await source.next()) {
        const current = batch;
        await around(async () => {
          for (const spec of BATCH_TABLES) await copyChunks(client, spec, current.chunks.get(spec.name) ?? [], freeze);
        });
        tally(current.counts, current.rows);
        options.onProgress?.(current.generated, rowsDone);
      }
    } finally {
      await source.close();
    }
  };

  if (asText && options.deferIndexes !== false) {
    let frozen = false;
    // One transaction: DROP INDEX and ALTER TABLE are transactional, so a failure anywhere restores the schema and writes nothing.
    await inTransaction(client, async () => {
      await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
      frozen = await emptyForFreeze(client, options.truncate === true);
      await refuseIfSeeded(client, options.kind);
      options.onStart?.();
      await copyChunks(client, USERS, [staffRows.map((row) => copyLine(USERS, row)).join('')], false);
      const setAside = await setAsideIndexes(client);
      await copyAll(frozen, (write) => write());
      options.onStep?.(
        `rebuilding ${setAside.keys.length + setAside.indexes.length} keys and indexes, and re-checking ${setAside.foreignKeys.length} foreign keys against every row`,
      );
      await restoreIndexes(client, setAside);
    });
    return { staff, rows, frozen, seconds: (Date.now() - started) / 1000 };
  }

  // One transaction per batch: a failure leaves the batches before it, whole, and nothing of its own.
  if (options.truncate === true) await inTransaction(client, () => truncateSeeded(client));
  await refuseIfSeeded(client, options.kind);
  options.onStart?.();
  await inTransaction(client, () => (asText ? copyChunks(client, USERS, [staffRows.map((row) => copyLine(USERS, row)).join('')], false) : insertRows(client, USERS, staffRows)));
  if (asText) {
    await copyAll(false, (write) => inTransaction(client, write));
  } else {
    const generator = new CaseGenerator(plan.generator);
    while (generator.generated < options.cases) {
      const batch = new Batch(false);
      const end = Math.min(options.cases, generator.generated + batchSize);
      while (generator.generated < end) generator.next(batch);
      await inTransaction(client, async () => {
        for (const spec of BATCH_TABLES) await insertRows(client, spec, batch.rowsOf(spec));
      });
      tally(batch.counts, batch.rowCount);
      options.onProgress?.(generator.generated, rowsDone);
    }
  }
  return { staff, rows, frozen: false, seconds: (Date.now() - started) / 1000 };
}

/** Planner statistics for the seeded tables (and, when rows were not written frozen, a VACUUM to set the visibility map). */
export async function analyzeSeeded(client: ClientBase, vacuum: boolean): Promise<void> {
  for (const table of ['users', ...SEEDED_TABLES]) await client.query(`${vacuum ? 'VACUUM (ANALYZE)' : 'ANALYZE'} "${table}"`);
}

async function readReference(client: ClientBase): Promise<SeedReference> {
  const ruleSet = await client.query<{ id: string }>(`SELECT "id" FROM "screening_rule_sets" WHERE "version" = $1`, [DEFAULT_RULE_SET.version]);
  const ruleSetId = ruleSet.rows[0]?.id;
  if (ruleSetId === undefined) {
    throw new SeedRefusal(`The rule set ${DEFAULT_RULE_SET.version} is missing: run the migrations (npm run migration:run) first.`);
  }
  const settings = await client.query<{ type: string; due_in_days: number }>(`SELECT "type", "due_in_days" FROM "referral_task_type_settings"`);
  const providers = await client.query<{ id: string; kind: ProviderKind }>(`SELECT "id", "kind" FROM "providers" WHERE "active" ORDER BY "kind", "name", "id"`);
  const providersByKind = new Map<ProviderKind, string[]>(PROVIDER_KINDS.map((kind) => [kind, []]));
  for (const provider of providers.rows) providersByKind.get(provider.kind)?.push(provider.id);
  return {
    ruleSetId,
    ruleSet: DEFAULT_RULE_SET,
    dueInDays: new Map(settings.rows.map((row) => [row.type, row.due_in_days])),
    providersByKind,
  };
}

async function refuseIfSeeded(client: ClientBase, kind: SeedKind): Promise<void> {
  const domain = kind === 'firm' ? FIRM_EMAIL_DOMAIN : DEMO_EMAIL_DOMAIN;
  const existing = await client.query<{ count: string }>(`SELECT count(*)::text AS count FROM "users" WHERE "email" LIKE $1`, [`%@${domain}`]);
  if (Number(existing.rows[0]?.count ?? 0) > 0) {
    throw new SeedRefusal(
      kind === 'firm'
        ? `This database already holds seeded staff (@${domain}). Run again with --truncate to replace the seeded firm.`
        : `The demo is already loaded (users @${domain} exist). Use a fresh database or DATA_DIR for a new demo.`,
    );
  }
}

/**
 * Empties what the seed writes (and what hangs off it) and removes seeded staff. The audit tables refuse
 * TRUNCATE by trigger and are left alone; rule sets, task settings and providers are kept.
 */
async function truncateSeeded(client: ClientBase): Promise<void> {
  await client.query(`TRUNCATE ${SEEDED_TABLES.map((name) => `"${name}"`).join(', ')} RESTART IDENTITY CASCADE`);
  // Staff who created a rule set stay (the rule set needs them); anyone else seeded goes.
  await client.query(
    `DELETE FROM "users" u WHERE (u."email" LIKE $1 OR u."email" LIKE $2)
       AND NOT EXISTS (SELECT 1 FROM "screening_rule_sets" r WHERE r."created_by_id" = u."id")`,
    [`%@${FIRM_EMAIL_DOMAIN}`, `%@${DEMO_EMAIL_DOMAIN}`],
  );
  const kept = await client.query<{ email: string }>(`SELECT "email" FROM "users" WHERE "email" LIKE $1 ORDER BY "email" LIMIT 3`, [`%@${FIRM_EMAIL_DOMAIN}`]);
  if (kept.rows.length > 0) {
    throw new SeedRefusal(
      `Seeded staff who created screening rule sets cannot be removed (${kept.rows.map((row) => row.email).join(', ')}): load the firm into a fresh database instead.`,
    );
  }
}

/**
 * COPY FREEZE needs the table truncated in the same transaction: with --truncate it is; without, the
 * tables are truncated only when they are empty anyway. False when rows already there must stay.
 */
async function emptyForFreeze(client: ClientBase, truncate: boolean): Promise<boolean> {
  if (truncate) {
    await truncateSeeded(client);
    return true;
  }
  const occupied = await client.query(BATCH_TABLE_NAMES.map((name) => `SELECT 1 FROM "${name}"`).join(' UNION ALL ') + ' LIMIT 1');
  if (occupied.rows.length > 0) return false;
  await client.query(`TRUNCATE ${BATCH_TABLE_NAMES.map((name) => `"${name}"`).join(', ')} CASCADE`);
  return true;
}

interface SetAside {
  /** Primary keys and unique constraints: rebuilt first, since the foreign keys need them. */
  keys: { table: string; name: string; definition: string }[];
  indexes: { definition: string }[];
  foreignKeys: { table: string; name: string; definition: string }[];
}

/**
 * Drops the seeded tables' indexes, keys and foreign keys for the load, returning how to recreate them
 * exactly (same names, same definitions): building an index once from sorted rows is far cheaper than
 * maintaining it row by row. A key another table's foreign key points at stays.
 */
async function setAsideIndexes(client: ClientBase): Promise<SetAside> {
  const tables = `ARRAY[${BATCH_TABLE_NAMES.map((name) => `'"${name}"'::regclass`).join(', ')}]`;
  const keys = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT c.conrelid::regclass::text AS table, quote_ident(c.conname) AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
      WHERE c.contype IN ('p', 'u') AND c.conrelid = ANY (${tables})
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid AND NOT (f.conrelid = ANY (${tables})))
      ORDER BY 1, 2`,
  );
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid = ANY (${tables})
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY 1`,
  );
  const foreignKeys = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT c.conrelid::regclass::text AS table, quote_ident(c.conname) AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
      WHERE c.contype = 'f' AND c.conrelid = ANY (${tables})
      ORDER BY 1, 2`,
  );
  for (const key of foreignKeys.rows) await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${key.name}`);
  for (const index of indexes.rows) await client.query(`DROP INDEX ${index.name}`);
  for (const key of keys.rows) await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${key.name}`);
  return { keys: keys.rows, indexes: indexes.rows, foreignKeys: foreignKeys.rows };
}

/** Puts back what setAsideIndexes took away: keys, then indexes, then foreign keys (each checked against every row). */
async function restoreIndexes(client: ClientBase, setAside: SetAside): Promise<void> {
  for (const key of setAside.keys) await client.query(`ALTER TABLE ${key.table} ADD CONSTRAINT ${key.name} ${key.definition}`);
  for (const index of setAside.indexes) await client.query(index.definition);
  for (const key of setAside.foreignKeys) await client.query(`ALTER TABLE ${key.table} ADD CONSTRAINT ${key.name} ${key.definition}`);
}

async function inTransaction(client: ClientBase, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
