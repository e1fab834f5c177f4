import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource, QueryRunner } from 'typeorm';
import { buildDataSourceOptions } from '../ormconfig';
import { applicationRoleProblems, grantApplicationRole, IMMUTABLE_TABLES, readApplicationRoleFacts } from '../src/database/application-role';
import { DatabaseEndpoint } from '../src/database/database-endpoint';
import { openScratchDatabase } from '../src/database/scratch-database';
import { PERSONAL_DATA } from '../src/privacy/personal-data';
import { intakeBody } from './factories/intake.factory';
import { createUser } from './factories/user.factory';
import { startTestApp, TestApp } from './support/test-app';
import { databaseForThisWorker } from './support/test-databases';

const serverUrl = process.env.TEST_DATABASE_URL === '' ? undefined : process.env.TEST_DATABASE_URL;
const onServer = serverUrl !== undefined;

/**
 * The role split of issue 5: migrations run as the schema owner; the app logs in as a role that may
 * only append to the audit trail. These tests log in (or SET ROLE, on the embedded engine, which has
 * one login) as that role and prove the database itself refuses the rest, by privilege: the trigger's
 * own message never appears.
 */
describe('database roles', () => {
  const appRole = `oi_app_${randomBytes(6).toString('hex')}`;
  const appPassword = randomBytes(18).toString('hex');
  let scratch: DatabaseEndpoint;
  let owner: DataSource;

  beforeAll(async () => {
    // On a server, a database of its own, so the role can be dropped with it; the embedded engine cannot
    // be started inside a test worker, so there the role is granted on this worker's (in-memory) database.
    scratch = onServer ? await openScratchDatabase(serverUrl, 'roles') : { ...databaseForThisWorker(), poolSize: 1, close: async () => undefined };
    owner = new DataSource(buildDataSourceOptions({ url: scratch.url, poolSize: 1 }));
    await owner.initialize();
    await owner.query(`CREATE ROLE "${appRole}" LOGIN PASSWORD '${appPassword}'`);
  }, 60_000);

  afterAll(async () => {
    // On the embedded engine the role was granted on this worker's shared database: take it away again.
    if (!onServer && owner?.isInitialized) {
      await owner.query(`DROP OWNED BY "${appRole}"`);
      await owner.query(`DROP ROLE "${appRole}"`);
    }
    await owner?.destroy();
    await scratch?.close();
    // Roles belong to the whole server: drop it once the database that granted it privileges is gone.
    if (onServer) {
      const admin = new DataSource(buildDataSourceOptions({ url: serverUrl, poolSize: 1 }));
      await admin.initialize();
      await admin.query(`DROP ROLE IF EXISTS "${appRole}"`);
      await admin.destroy();
    }
  });

  /** Runs one statement as the application's role, in a transaction rolled back whatever happens. */
  async function asApplicationRole<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = owner.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`SET LOCAL ROLE "${appRole}"`);
      return await work(runner);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  describe('the grants the owner gives after migrating', () => {
    beforeAll(async () => {
      await owner.runMigrations({ transaction: 'each' });
      const runner = owner.createQueryRunner();
      try {
        await grantApplicationRole(runner, appRole);
      } finally {
        await runner.release();
      }
    }, 120_000);

    it.each([
      ['UPDATE an audit event', `UPDATE "audit_events" SET "action" = 'read'`, /permission denied for table audit_events/],
      ['DELETE audit events', `DELETE FROM "audit_events"`, /permission denied for table audit_events/],
      ['TRUNCATE the audit trail', `TRUNCATE "audit_events"`, /permission denied for table audit_events/],
      ['remove the chain head', `DELETE FROM "audit_chain_head"`, /permission denied for table audit_chain_head/],
      ['TRUNCATE the chain head', `TRUNCATE "audit_chain_head"`, /permission denied for table audit_chain_head/],
      ['TRUNCATE any other table', `TRUNCATE "cases"`, /permission denied for table cases/],
      ['switch the audit triggers off', `ALTER TABLE "audit_events" DISABLE TRIGGER ALL`, /must be owner of table audit_events/],
      ['switch every trigger off for its session', `SET session_replication_role = replica`, /permission denied/],
      ['create a table', `CREATE TABLE "shadow" ("id" int)`, /permission denied for schema public/],
      ['record a migration', `INSERT INTO "typeorm_migrations" ("timestamp", "name") VALUES (1, 'Fake1')`, /permission denied for table typeorm_migrations/],
      ['change a screening result', `UPDATE "screenings" SET "outcome" = "outcome"`, /permission denied for table screenings/],
      ['remove a screening', `DELETE FROM "screenings"`, /permission denied for table screenings/],
      ['rewrite a review', `UPDATE "screening_reviews" SET "decision" = "decision"`, /permission denied for table screening_reviews/],
      ['rewrite a case\'s stage history', `UPDATE "case_stage_changes" SET "to_stage" = "to_stage"`, /permission denied for table case_stage_changes/],
      ['remove a case\'s stage history', `DELETE FROM "case_stage_changes"`, /permission denied for table case_stage_changes/],
    ])('refuses to %s, by privilege', async (_label, sql, refusal) => {
      const attempt = asApplicationRole((runner) => runner.query(sql));
      await expect(attempt).rejects.toThrow(refusal);
      await expect(asApplicationRole((runner) => runner.query(sql))).rejects.not.toThrow(/append-only/);
    });

    it('cannot start a second chain: the head table holds one row by its CHECK', async () => {
      await expect(
        asApplicationRole((runner) => runner.query(`INSERT INTO "audit_chain_head" ("id", "last_hash", "event_count") VALUES (2, repeat('0', 64), 0)`)),
      ).rejects.toThrow(/CK_audit_chain_head_single_row/);
    });

    it('lets it read and append to the audit trail and move the chain head', async () => {
      await expect(
        asApplicationRole(async (runner) => {
          await runner.query(`SELECT count(*) FROM "audit_events"`);
          await runner.query(`SELECT "last_hash" FROM "audit_chain_head" WHERE "id" = 1 FOR UPDATE`);
          await runner.query(`UPDATE "audit_chain_head" SET "event_count" = "event_count" WHERE "id" = 1`);
          return (await runner.query(`SELECT has_table_privilege('audit_events', 'INSERT') AS "canAppend"`)) as unknown;
        }),
      ).resolves.toEqual([{ canAppend: true }]);
    });

    it('lets erasure blank the personal columns of the immutable records, and those columns are the catalogue\'s', async () => {
      await expect(
        asApplicationRole(async (runner) => {
          for (const [table, columns] of Object.entries(IMMUTABLE_TABLES)) {
            await runner.query(`UPDATE "${table}" SET ${columns.map((column) => `"${column}" = "${column}"`).join(', ')}`);
          }
          return 'updated';
        }),
      ).resolves.toBe('updated');
      for (const [table, columns] of Object.entries(IMMUTABLE_TABLES)) {
        expect(Object.keys(PERSONAL_DATA.find((entry) => entry.table === table)?.personal ?? {}).sort()).toEqual([...columns].sort());
      }
    });

    it('finds nothing wrong with the application role, and names what is wrong with the owner', async () => {
      await expect(asApplicationRole(async (runner) => applicationRoleProblems(await readApplicationRoleFacts(runner)))).resolves.toEqual([]);
      const ownerProblems = applicationRoleProblems(await readApplicationRoleFacts(owner));
      expect(ownerProblems.join('; ')).toMatch(/superuser/);
      expect(ownerProblems.join('; ')).toMatch(/owns tables/);
    });
  });

  // The embedded engine has a single login (every connection is its superuser), so the app itself can
  // only log in as a role of its own on a server; CI runs these on PostgreSQL.
  (onServer ? describe : describe.skip)('the app on a server', () => {
    let fresh: DatabaseEndpoint;
    let t: TestApp | undefined;

    beforeAll(async () => {
      fresh = await openScratchDatabase(serverUrl, 'roles_app');
    }, 60_000);
    afterAll(async () => {
      await t?.close();
      await fresh?.close();
    });

    function appEndpoint(url: string, ownerUrl?: string): DatabaseEndpoint {
      return { url, ownerUrl, poolSize: 3, embedded: false, close: async () => undefined };
    }

    it('migrates as the owner, then serves intake, reads and the audit trail as its own role in production', async () => {
      const appUrl = new URL(fresh.url);
      appUrl.username = appRole;
      appUrl.password = appPassword;
      t = await startTestApp({ database: appEndpoint(appUrl.toString(), fresh.url), env: { NODE_ENV: 'production', DB_MIGRATIONS_RUN: 'true' } });
      await expect(t.dataSource.query(`SELECT current_user AS role`)).resolves.toEqual([{ role: appRole }]);

      const solicitor = await createUser(t.app, { role: 'solicitor' });
      const admin = await createUser(t.app, { role: 'admin' });
      const taken = await request(t.server).post('/api/v1/intake').set({ Authorization: `Bearer ${solicitor.token}` }).send(intakeBody({ solicitorId: solicitor.user.id }));
      expect(taken.status).toBe(201);
      await request(t.server).get(`/api/v1/cases/${taken.body.id as string}`).set({ Authorization: `Bearer ${solicitor.token}` }).expect(200);
      const verified = await request(t.server).get('/api/v1/audit/verify').set({ Authorization: `Bearer ${admin.token}` });
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ intact: true });
      expect(verified.body.checkedEvents).toBeGreaterThan(5);
      await expect(t.dataSource.query(`DELETE FROM "audit_events"`)).rejects.toThrow(/permission denied for table audit_events/);
    }, 120_000);

    it('refuses to start in production logged in as the owner', async () => {
      await expect(startTestApp({ database: appEndpoint(fresh.url), env: { NODE_ENV: 'production' } })).rejects.toThrow(/refusing to start in production: .*superuser.*owns tables/);
    });

    it('refuses an owner URL that logs in as the application role itself', async () => {
      const appUrl = new URL(fresh.url);
      appUrl.username = appRole;
      appUrl.password = appPassword;
      await expect(startTestApp({ database: appEndpoint(appUrl.toString(), appUrl.toString()), env: { DB_MIGRATIONS_RUN: 'true' } })).rejects.toThrow(/both log in as/);
    });
  });
});
