import type { PoolClient } from 'pg';
import request from 'supertest';
import { analyzeSeeded, planStaff, SeedOptions, SeedRefusal, seedDatabase, SeedSummary } from '../scripts/seed/seed-core';
import { DEMO_EMAIL_DOMAIN, FIRM_EMAIL_DOMAIN, firmStaffCounts } from '../scripts/seed/staff';
import { checkTransition, IntakeStage, PathwayStage, Stage } from '../src/cases/case-stages';
import { ActivityLevel, AmputationLevel, levelBelongsToLimb, Limb } from '../src/clients/clinical-terms';
import { foldName } from '../src/clients/fold-name';
import { normaliseUkPostcode } from '../src/clients/postcode';
import { formatReference } from '../src/common/reference';
import { DEFAULT_RULE_SET, evaluateScreening, planForOverride, planForPostOperative, planForScreening, ScreeningSnapshot } from '../src/screening/engine';
import { PasswordHasher } from '../src/users/password-hasher';
import { createUser } from './factories/user.factory';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';
import { databaseForThisWorker } from './support/test-databases';

const CASES = 200;
const SEED = 42;
const AS_OF = '2026-06-01';
const PASSWORD = 'seeded-staff-password';

/**
 * The seed's core (scripts/seed/seed-core.ts) against this worker's database. On a server it writes with
 * COPY; the embedded engine's wire bridge does not carry COPY, so there it writes multi-row INSERTs, the
 * path `npm run seed:demo` takes on the embedded engine. Every check below runs on both.
 */
describe('seed: a generated firm', () => {
  const embedded = databaseForThisWorker().embedded;
  const mode = embedded ? 'insert' : 'copy';
  let t: TestApp;
  let passwordHash: string;

  beforeAll(async () => {
    t = await startTestApp();
    passwordHash = await t.app.get(PasswordHasher).hash(PASSWORD);
  });
  afterAll(() => t.close());
  beforeEach(() => cleanDatabase(t.dataSource));

  async function seed(options: Partial<SeedOptions> = {}): Promise<SeedSummary> {
    const runner = t.owner.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      return await seedDatabase(client, { kind: 'firm', cases: CASES, seed: SEED, asOf: AS_OF, mode, batchSize: 64, passwordHashFor: () => passwordHash, ...options });
    } finally {
      await runner.release();
    }
  }

  const query = <T>(sql: string, parameters: unknown[] = []): Promise<T[]> => t.owner.query<T[]>(sql, parameters);
  const count = async (table: string) => Number((await query<{ count: string }>(`SELECT count(*)::text AS count FROM "${table}"`))[0]?.count);

  /** Everything seeded, as one hash; ids the database made (rule set, providers) stand in by name, password hashes (salted) are left out. */
  async function checksum(): Promise<string> {
    const [row] = await query<{ sum: string }>(`
      SELECT md5(string_agg(line, E'\\n' ORDER BY line)) AS sum FROM (
        SELECT 'u' || (to_jsonb(u) - 'password_hash')::text AS line FROM users u WHERE u.email LIKE '%@${FIRM_EMAIL_DOMAIN}'
        UNION ALL SELECT 'c' || to_jsonb(c)::text FROM clients c
        UNION ALL SELECT 'h' || to_jsonb(h)::text FROM health_profiles h
        UNION ALL SELECT 'a' || to_jsonb(a)::text FROM amputations a
        UNION ALL SELECT 'k' || to_jsonb(k)::text FROM socket_complaints k
        UNION ALL SELECT 'm' || to_jsonb(m)::text FROM cases m
        UNION ALL SELECT 'g' || to_jsonb(g)::text FROM case_stage_changes g
        UNION ALL SELECT 's' || (to_jsonb(s) - 'rule_set_id' || jsonb_build_object('rule_set', r.version))::text FROM screenings s JOIN screening_rule_sets r ON r.id = s.rule_set_id
        UNION ALL SELECT 'r' || to_jsonb(v)::text FROM screening_reviews v
        UNION ALL SELECT 't' || (to_jsonb(x) - 'provider_id' || jsonb_build_object('provider', p.name))::text FROM referral_tasks x LEFT JOIN providers p ON p.id = x.provider_id
      ) everything`);
    return row?.sum ?? '';
  }

  it('writes the counts it reports: staff by role, a client per case or fewer, a health profile per client, and no audit events', async () => {
    const summary = await seed();
    const staff = firmStaffCounts(CASES);
    expect(staff).toEqual({ admin: 2, solicitor: 3, paralegal: 3 });
    const roles = await query<{ role: string; count: string }>(`SELECT role, count(*)::text AS count FROM users WHERE email LIKE $1 GROUP BY role ORDER BY role`, [`%@${FIRM_EMAIL_DOMAIN}`]);
    expect(roles).toEqual([
      { role: 'admin', count: '2' },
      { role: 'solicitor', count: '3' },
      { role: 'paralegal', count: '3' },
    ]);
    const written: Record<string, number> = {};
    for (const table of Object.keys(summary.rows)) written[table] = await count(table);
    expect(written).toEqual(summary.rows);
    expect(summary.rows.cases).toBe(CASES);
    const clients = await count('clients');
    expect(clients).toBeGreaterThan(CASES * 0.85);
    expect(clients).toBeLessThanOrEqual(CASES);
    expect(await count('health_profiles')).toBe(clients);
    expect(await count('amputations')).toBeGreaterThanOrEqual(clients);
    expect(await count('amputations')).toBeLessThanOrEqual(2 * clients);
    expect(await count('screenings')).toBe(Number((await query<{ n: string }>(`SELECT count(*)::text AS n FROM cases WHERE pathway_stage <> 'not_screened'`))[0]?.n));
    expect(await count('referral_tasks')).toBeGreaterThan(0);
    expect(await count('audit_events')).toBe(0);
    // Every client has one or two amputations, each with no more than three complaints.
    const [spread] = await query<{ min_amputations: number; max_amputations: number; max_complaints: number }>(`
      SELECT min(n)::int AS min_amputations, max(n)::int AS max_amputations,
             (SELECT coalesce(max(k), 0)::int FROM (SELECT count(*) AS k FROM socket_complaints GROUP BY amputation_id) complaints) AS max_complaints
        FROM (SELECT c.id, count(a.id) AS n FROM clients c LEFT JOIN amputations a ON a.client_id = c.id GROUP BY c.id) per_client`);
    expect(spread).toEqual({ min_amputations: 1, max_amputations: 2, max_complaints: 3 });
  });

  it('keeps derived columns, vocabularies and dates consistent', async () => {
    await seed();
    const clients = await query<{ first_name: string; last_name: string; folded_first_name: string; folded_last_name: string; folded_full_name: string; postcode: string | null; date_of_birth: string | null }>(
      `SELECT first_name, last_name, folded_first_name, folded_last_name, folded_full_name, postcode, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth FROM clients`,
    );
    for (const client of clients) {
      expect([client.folded_first_name, client.folded_last_name, client.folded_full_name]).toEqual([foldName(client.first_name), foldName(client.last_name), foldName(`${client.first_name}${client.last_name}`)]);
      if (client.postcode !== null) expect(normaliseUkPostcode(client.postcode)).toBe(client.postcode);
      if (client.date_of_birth !== null) {
        expect(client.date_of_birth >= '1940-01-01' && client.date_of_birth <= '2010-12-31').toBe(true);
      }
    }
    expect(clients.some((client) => client.date_of_birth === null)).toBe(true);
    expect(clients.some((client) => client.folded_last_name !== client.last_name.toLowerCase())).toBe(true);

    const amputations = await query<{ limb: Limb; level: AmputationLevel }>(`SELECT limb, level FROM amputations`);
    for (const amputation of amputations) expect(`${amputation.level} on ${amputation.limb}: ${levelBelongsToLimb(amputation.level, amputation.limb)}`).toBe(`${amputation.level} on ${amputation.limb}: true`);

    const cases = await query<{ defendant_name: string | null; insurer_name: string | null; folded_defendant_name: string | null; folded_insurer_name: string | null; conflict_status: string; version: number }>(
      `SELECT defendant_name, insurer_name, folded_defendant_name, folded_insurer_name, conflict_status, version FROM cases`,
    );
    for (const row of cases) {
      expect(row.folded_defendant_name).toBe(row.defendant_name === null ? null : foldName(row.defendant_name));
      expect(row.folded_insurer_name).toBe(row.insurer_name === null ? null : foldName(row.insurer_name));
      expect([row.conflict_status, row.version]).toEqual(['clear', 1]);
    }
    const [dates] = await query<{ bad_incident: number; bad_knowledge: number; years: number; out_of_order: number; future: number }>(`
      SELECT (SELECT count(*)::int FROM cases m JOIN clients c ON c.id = m.client_id WHERE m.incident_date < c.date_of_birth OR m.incident_date > m.created_at::date) AS bad_incident,
             (SELECT count(*)::int FROM cases WHERE date_of_knowledge < incident_date) AS bad_knowledge,
             (SELECT count(DISTINCT extract(year FROM created_at))::int FROM cases) AS years,
             (SELECT count(*)::int FROM (SELECT created_at < lag(created_at) OVER (ORDER BY number) AS earlier FROM cases) ordered WHERE earlier) AS out_of_order,
             (SELECT count(*)::int FROM cases WHERE created_at >= $1::date OR updated_at >= $1::date) AS future`,
      [AS_OF],
    );
    // Five years of intake, numbered in the order it came in, nothing dated on or after the as-of day.
    expect(dates).toEqual({ bad_incident: 0, bad_knowledge: 0, years: 6, out_of_order: 0, future: 0 });
  });

  it('moves every case only along the stage graphs, screens only accepted cases, and plans tasks as the engine does', async () => {
    await seed();
    const cases = await query<{ id: string; intake_stage: IntakeStage; pathway_stage: PathwayStage }>(`SELECT id, intake_stage, pathway_stage FROM cases`);
    const changes = await query<{ case_id: string; track: string; from_stage: Stage; to_stage: Stage }>(
      `SELECT case_id, track, from_stage, to_stage FROM case_stage_changes ORDER BY case_id, changed_at`,
    );
    const history = new Map<string, typeof changes>();
    for (const change of changes) history.set(change.case_id, [...(history.get(change.case_id) ?? []), change]);
    const stagesSeen = new Set<string>();
    for (const row of cases) {
      let at: { intake: IntakeStage; pathway: PathwayStage } = { intake: 'enquiry', pathway: 'not_screened' };
      for (const change of history.get(row.id) ?? []) {
        const check = checkTransition(at, change.to_stage);
        expect({ case: row.id, from: change.from_stage, to: change.to_stage, allowed: check.allowed, track: check.track }).toEqual({
          case: row.id,
          from: check.from,
          to: change.to_stage,
          allowed: true,
          track: change.track,
        });
        at = check.track === 'intake' ? { ...at, intake: change.to_stage as IntakeStage } : { ...at, pathway: change.to_stage as PathwayStage };
      }
      expect(at).toEqual({ intake: row.intake_stage, pathway: row.pathway_stage });
      // The pathway moves only once a case is accepted (it may have closed since).
      if (row.pathway_stage !== 'not_screened') expect(['accepted', 'closed']).toContain(row.intake_stage);
      stagesSeen.add(row.intake_stage).add(row.pathway_stage);
    }
    // A realistic spread, not one stage everywhere.
    for (const stage of ['enquiry', 'accepted', 'declined', 'closed', 'not_screened', 'screened', 'referred', 'not_suitable']) expect(stagesSeen).toContain(stage);

    const [ruleSet] = await query<{ id: string }>(`SELECT id FROM screening_rule_sets WHERE version = 'oi-default-1'`);
    const screenings = await query<{ id: string; case_id: string; rule_set_id: string; rule_set_version: string; outcome: string; flags: unknown; snapshot: ScreeningSnapshot; pathway_stage: string; decision: string | null }>(`
      SELECT s.id, s.case_id, s.rule_set_id, s.rule_set_version, s.outcome, s.flags, s.snapshot, m.pathway_stage, v.decision
        FROM screenings s JOIN cases m ON m.id = s.case_id LEFT JOIN screening_reviews v ON v.screening_id = s.id`);
    expect(new Set(screenings.map((screening) => screening.case_id)).size).toBe(screenings.length);
    const tasks = await query<{ case_id: string; screening_id: string | null; type: string; phase: string; status: string; closed_at: Date | null; due_date: string; activity_level: string }>(`
      SELECT x.case_id, x.screening_id, x.type, x.phase, x.status, x.closed_at, to_char(x.due_date, 'YYYY-MM-DD') AS due_date, h.activity_level
        FROM referral_tasks x JOIN cases m ON m.id = x.case_id JOIN health_profiles h ON h.client_id = m.client_id`);
    const outcomes = new Set<string>();
    for (const screening of screenings) {
      const result = evaluateScreening(screening.snapshot, DEFAULT_RULE_SET);
      expect({ ruleSetId: screening.rule_set_id, version: screening.rule_set_version, outcome: screening.outcome, flags: screening.flags }).toEqual({
        ruleSetId: ruleSet?.id,
        version: 'oi-default-1',
        outcome: result.outcome,
        flags: result.flags,
      });
      outcomes.add(result.outcome);
      const planned = [...planForScreening(result), ...(screening.decision === 'override' ? planForOverride() : [])].map((task) => `${task.type}/${task.phase}`);
      const made = tasks.filter((task) => task.screening_id === screening.id).map((task) => `${task.type}/${task.phase}`);
      expect(made.sort()).toEqual(planned.sort());
    }
    expect(outcomes.size).toBeGreaterThanOrEqual(4);
    for (const task of tasks.filter((row) => row.screening_id === null)) {
      expect(planForPostOperative(task.activity_level as ActivityLevel).map((planned) => `${planned.type}/${planned.phase}`)).toContain(`${task.type}/${task.phase}`);
    }
    for (const task of tasks) expect(task.closed_at === null).toBe(task.status === 'open' || task.status === 'in_progress');
    expect(new Set(tasks.map((task) => task.status))).toEqual(new Set(['open', 'in_progress', 'done', 'cancelled']));
    expect(tasks.some((task) => (task.status === 'open' || task.status === 'in_progress') && task.due_date < AS_OF)).toBe(true);
    // Every task carries its case's opening instant, as the referral timings read it.
    const [stale] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM referral_tasks x JOIN cases m ON m.id = x.case_id WHERE x.case_opened_at <> m.created_at`);
    expect(stale).toEqual({ n: 0 });
  });

  it('serves seeded cases through the API, to an admin and to the seeded solicitor who has them (and to no other)', async () => {
    await seed();
    const admin = await createUser(t.app, { role: 'admin' });
    const [row] = await query<{ id: string; number: string; created_at: Date; client_id: string; intake_stage: string; pathway_stage: string; assigned_solicitor_id: string }>(
      `SELECT id, number::text, created_at, client_id, intake_stage, pathway_stage, assigned_solicitor_id FROM cases WHERE pathway_stage <> 'not_screened' ORDER BY number LIMIT 1`,
    );
    if (row === undefined) throw new Error('no screened case was seeded');
    const response = await request(t.server).get(`/api/v1/cases/${row.id}`).set('Authorization', `Bearer ${admin.token}`);
    expect(response.status).toBe(200);
    const amputations = await query<{ id: string }>(`SELECT id FROM amputations WHERE client_id = $1`, [row.client_id]);
    expect(response.body).toEqual(
      expect.objectContaining({
        id: row.id,
        reference: formatReference('CASE', row.created_at, row.number),
        clientId: row.client_id,
        intakeStage: row.intake_stage,
        pathwayStage: row.pathway_stage,
        conflictStatus: 'clear',
        version: 1,
        client: expect.objectContaining({ id: row.client_id }),
        healthProfile: expect.objectContaining({ diabetes: expect.stringMatching(/^(yes|no|unknown)$/) }),
      }),
    );
    expect(response.body.amputations.map((amputation: { id: string }) => amputation.id).sort()).toEqual(amputations.map((amputation) => amputation.id).sort());

    // The seeded solicitor signs in with the seed password and sees their own case; another solicitor's is a 404.
    const [owner] = await query<{ email: string }>(`SELECT email FROM users WHERE id = $1`, [row.assigned_solicitor_id]);
    const login = await request(t.server).post('/api/v1/auth/login').send({ email: owner?.email, password: PASSWORD });
    expect(login.status).toBe(200);
    const own = await request(t.server).get(`/api/v1/cases/${row.id}`).set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(own.status).toBe(200);
    const [other] = await query<{ id: string }>(`SELECT id FROM cases WHERE assigned_solicitor_id <> $1 LIMIT 1`, [row.assigned_solicitor_id]);
    const notTheirs = await request(t.server).get(`/api/v1/cases/${other?.id}`).set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(notTheirs.status).toBe(404);
  });

  it('is repeatable: the same seed gives the same data, whatever the batch size and write path', async () => {
    const first = await seed();
    const reference = await checksum();
    expect(reference).toMatch(/^[0-9a-f]{32}$/);
    const variants: Partial<SeedOptions>[] = embedded
      ? [{ batchSize: 17 }]
      : [
          { batchSize: 17 },
          { mode: 'copy', deferIndexes: false, batchSize: 50 },
          { mode: 'copy', generateInWorker: true, batchSize: 33 },
          { mode: 'insert', batchSize: 100 },
        ];
    for (const variant of variants) {
      await cleanDatabase(t.dataSource);
      const again = await seed(variant);
      expect({ variant, rows: again.rows, sum: await checksum() }).toEqual({ variant, rows: first.rows, sum: reference });
    }
    await cleanDatabase(t.dataSource);
    await seed({ seed: SEED + 1 });
    expect(await checksum()).not.toBe(reference);
  }, 120_000);

  it('refuses to load the same firm twice; --truncate replaces it and keeps reference data and the audit trail', async () => {
    await seed({ cases: 50 });
    await expect(seed({ cases: 50 })).rejects.toThrow(SeedRefusal);
    const reference = async () =>
      query<{ rule_sets: number; providers: number; settings: number }>(
        `SELECT (SELECT count(*)::int FROM screening_rule_sets) AS rule_sets, (SELECT count(*)::int FROM providers) AS providers, (SELECT count(*)::int FROM referral_task_type_settings) AS settings`,
      );
    const before = await reference();
    // Something the API audited, which --truncate must leave alone.
    const admin = await createUser(t.app, { role: 'admin' });
    const [someCase] = await query<{ id: string }>(`SELECT id FROM cases LIMIT 1`);
    expect((await request(t.server).get(`/api/v1/cases/${someCase?.id}`).set('Authorization', `Bearer ${admin.token}`)).status).toBe(200);
    const audited = await count('audit_events');
    expect(audited).toBeGreaterThan(0);

    const replaced = await seed({ cases: 80, truncate: true });
    expect(replaced.rows.cases).toBe(80);
    expect(await count('cases')).toBe(80);
    expect(await reference()).toEqual(before);
    expect(await count('audit_events')).toBe(audited);
    expect(await query(`SELECT 1 FROM users WHERE id = $1`, [admin.user.id])).toHaveLength(1);
    // Numbers start again from 1, so references read OI-…-000001 onwards.
    expect((await query<{ min: string }>(`SELECT min(number)::text AS min FROM cases`))[0]?.min).toBe('1');
  });

  it('leaves whole batches or nothing when a run fails, and the schema as it was', async () => {
    const indexes = () => query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`);
    const foreignKeys = () => query<{ conname: string }>(`SELECT conname FROM pg_constraint WHERE contype = 'f' ORDER BY conname`);
    const schemaBefore = { indexes: await indexes(), foreignKeys: await foreignKeys() };
    // The database itself refuses the 51st case: halfway through the second batch of 40.
    await query(`CREATE FUNCTION seed_spec_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$`);
    await query(`CREATE TRIGGER seed_spec_refuse BEFORE INSERT ON cases FOR EACH ROW WHEN (NEW.number > 50) EXECUTE FUNCTION seed_spec_refuse()`);
    try {
      if (!embedded) {
        // The COPY path with indexes set aside is one transaction: nothing is written, every index and key is back.
        await expect(seed({ batchSize: 40 })).rejects.toThrow('simulated failure');
        expect([await count('cases'), await count('clients'), await count('users')]).toEqual([0, 0, 0]);
        expect({ indexes: await indexes(), foreignKeys: await foreignKeys() }).toEqual(schemaBefore);
        await cleanDatabase(t.dataSource);
      }
      // Batch by batch: the first batch stays, whole, and nothing of the second.
      await expect(seed({ batchSize: 40, deferIndexes: false })).rejects.toThrow('simulated failure');
      expect(await count('cases')).toBe(40);
      const [orphans] = await query<{ clients: number; tasks: number }>(
        `SELECT (SELECT count(*)::int FROM clients c WHERE NOT EXISTS (SELECT 1 FROM cases m WHERE m.client_id = c.id)) AS clients,
                (SELECT count(*)::int FROM referral_tasks x WHERE NOT EXISTS (SELECT 1 FROM cases m WHERE m.id = x.case_id)) AS tasks`,
      );
      expect(orphans).toEqual({ clients: 0, tasks: 0 });
      expect({ indexes: await indexes(), foreignKeys: await foreignKeys() }).toEqual(schemaBefore);
    } finally {
      await query(`DROP TRIGGER seed_spec_refuse ON cases`);
      await query(`DROP FUNCTION seed_spec_refuse()`);
    }
  });

  it('loads the demo: eight named staff with their own passwords, about fifty cases, and refuses a second demo', async () => {
    const staff = planStaff('demo', 2026, 50);
    const hasher = t.app.get(PasswordHasher);
    const hashes = new Map(await Promise.all(staff.map(async (member) => [member.id, await hasher.hash(`demo-${member.email}`)] as const)));
    const demo = async () => {
      const runner = t.owner.createQueryRunner();
      const client = (await runner.connect()) as PoolClient;
      try {
        const summary = await seedDatabase(client, { kind: 'demo', cases: 50, seed: 2026, asOf: AS_OF, mode, passwordHashFor: (member) => hashes.get(member.id) ?? '' });
        await analyzeSeeded(client, false);
        return summary;
      } finally {
        await runner.release();
      }
    };
    const summary = await demo();
    expect(summary.rows.cases).toBe(50);
    const roles = await query<{ role: string; count: string }>(`SELECT role, count(*)::text AS count FROM users WHERE email LIKE $1 GROUP BY role ORDER BY role`, [`%@${DEMO_EMAIL_DOMAIN}`]);
    expect(roles).toEqual([
      { role: 'admin', count: '2' },
      { role: 'solicitor', count: '3' },
      { role: 'paralegal', count: '3' },
    ]);
    expect(await count('users')).toBe(8);
    // Each has their own password: a paralegal signs in with theirs.
    const someone = staff.find((member) => member.role === 'paralegal');
    const login = await request(t.server).post('/api/v1/auth/login').send({ email: someone?.email, password: `demo-${someone?.email}` });
    expect(login.status).toBe(200);
    await expect(demo()).rejects.toThrow(SeedRefusal);
    expect(await count('cases')).toBe(50);
  });
});
