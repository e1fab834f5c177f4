import request from 'supertest';
import { DataSource } from 'typeorm';
import { clientBody, healthProfileBody } from './factories/client.factory';
import { intakeBody } from './factories/intake.factory';
import { createUser, CreatedUser } from './factories/user.factory';
import { expectProblem } from './support/problem';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';
import { databaseForThisWorker } from './support/test-databases';

interface EventRow {
  id: string;
  sequence: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  requestId: string | null;
  changedFields: string[];
}

/** Runs SQL with the audit triggers switched off: how an attacker with the database would tamper. */
async function tamper(dataSource: DataSource, sql: string, parameters: unknown[] = []): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query('SET LOCAL session_replication_role = replica');
    await manager.query(sql, parameters);
  });
}

describe('audit trail', () => {
  let t: TestApp;
  let admin: CreatedUser;
  let solicitor: CreatedUser;
  let paralegal: CreatedUser;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await cleanDatabase(t.dataSource);
    admin = await createUser(t.app, { role: 'admin' });
    solicitor = await createUser(t.app, { role: 'solicitor' });
    paralegal = await createUser(t.app, { role: 'paralegal' });
  });

  const auth = (user: CreatedUser) => ({ Authorization: `Bearer ${user.token}` });
  const events = async (query = ''): Promise<EventRow[]> => {
    const response = await request(t.server).get(`/api/v1/audit?limit=100${query}`).set(auth(admin));
    expect(response.status).toBe(200);
    return response.body.items as EventRow[];
  };
  const verify = async () => (await request(t.server).get('/api/v1/audit/verify').set(auth(admin))).body as { intact: boolean; checkedEvents: number; expectedEvents: number; firstBreak: { sequence: string | null; problem: string } | null };

  async function takeCase(overrides: Record<string, unknown> = {}) {
    const response = await request(t.server).post('/api/v1/intake').set(auth(solicitor)).send(intakeBody({ solicitorId: solicitor.user.id, paralegalId: paralegal.user.id }, overrides));
    expect(response.status).toBe(201);
    return response;
  }

  it('the one-shot intake writes one event per record, in its transaction, with the request id and field names only', async () => {
    const response = await takeCase();
    const requestId = response.headers['x-request-id'];
    const written = (await events()).reverse();
    expect(written.map((event) => [event.action, event.entityType])).toEqual([
      ['create', 'client'],
      ['create', 'health_profile'],
      ['create', 'amputation'],
      ['create', 'socket_complaint'],
      ['create', 'case'],
    ]);
    for (const event of written) expect(event).toMatchObject({ actorId: solicitor.user.id, requestId });
    expect(written[0]?.changedFields).toEqual(expect.arrayContaining(['firstName', 'lastName', 'dateOfBirth']));
    expect(written[1]?.changedFields).toEqual(expect.arrayContaining(['diabetes', 'smokingStatus']));
    // Never a value: no name, date of birth, postcode or health answer anywhere in the trail.
    const text = JSON.stringify(written);
    for (const value of ['Ann', 'Hale', '1980-04-02', 'RG1 1AA', 'never', 'K3', 'moderate', 'transfemoral']) expect(text).not.toContain(value);
  });

  it('reading a case records reads of the case, its client and their health profile', async () => {
    const taken = await takeCase();
    await request(t.server).get(`/api/v1/cases/${taken.body.id as string}`).set(auth(paralegal)).expect(200);
    const reads = (await events(`&actorId=${paralegal.user.id}`)).reverse();
    expect(reads.map((event) => [event.action, event.entityType, event.entityId])).toEqual([
      ['read', 'case', taken.body.id],
      ['read', 'client', taken.body.client.id],
      ['read', 'health_profile', taken.body.client.id],
    ]);
  });

  it('an idempotent retry answered from the stored response records reads of what it hands out again, and writes nothing', async () => {
    const body = intakeBody({ solicitorId: solicitor.user.id, paralegalId: paralegal.user.id });
    const first = await request(t.server).post('/api/v1/intake').set(auth(solicitor)).set('Idempotency-Key', 'audit-replay-1').send(body).expect(201);
    const creates = (await events()).length;
    const retry = await request(t.server).post('/api/v1/intake').set(auth(solicitor)).set('Idempotency-Key', 'audit-replay-1').send(body);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    const after = (await events()).reverse();
    const added = after.slice(creates);
    expect(added.map((event) => [event.action, event.entityType, event.entityId, event.actorId, event.requestId])).toEqual([
      ['read', 'case', first.body.id, solicitor.user.id, retry.headers['x-request-id']],
      ['read', 'client', first.body.client.id, solicitor.user.id, retry.headers['x-request-id']],
      ['read', 'health_profile', first.body.client.id, solicitor.user.id, retry.headers['x-request-id']],
    ]);

    const screened = await request(t.server).post(`/api/v1/cases/${first.body.id as string}/screenings`).set(auth(solicitor)).set('Idempotency-Key', 'audit-replay-2').expect(201);
    const beforeScreeningRetry = (await events()).length;
    const screeningRetry = await request(t.server).post(`/api/v1/cases/${first.body.id as string}/screenings`).set(auth(solicitor)).set('Idempotency-Key', 'audit-replay-2');
    expect(screeningRetry.body.id).toBe(screened.body.id);
    const screeningReads = (await events()).reverse().slice(beforeScreeningRetry);
    expect(screeningReads.map((event) => [event.action, event.entityType])).toEqual([
      ['read', 'case'],
      ['read', 'client'],
      ['read', 'health_profile'],
    ]);
    await expect(verify()).resolves.toMatchObject({ intact: true });
  });

  it('an idempotent retry of an intake whose case has since been handed to someone else answers 404 and discloses nothing', async () => {
    const other = await createUser(t.app, { role: 'solicitor' });
    const body = intakeBody({ solicitorId: solicitor.user.id, paralegalId: paralegal.user.id });
    const first = await request(t.server).post('/api/v1/intake').set(auth(solicitor)).set('Idempotency-Key', 'audit-replay-moved').send(body).expect(201);
    await request(t.server).patch(`/api/v1/cases/${first.body.id as string}`).set(auth(admin)).set('If-Match', '"1"').send({ assignedSolicitorId: other.user.id }).expect(200);
    const before = (await events()).length;
    const retry = await request(t.server).post('/api/v1/intake').set(auth(solicitor)).set('Idempotency-Key', 'audit-replay-moved').send(body);
    expectProblem(retry, 404, 'CASE_NOT_FOUND');
    for (const value of [first.body.id as string, first.body.client.id as string, 'Hale', '1980-04-02']) expect(JSON.stringify(retry.body)).not.toContain(value);
    expect((await events()).length).toBe(before);
  });

  it('a list of cases or clients records a read of each one shown', async () => {
    const taken = await takeCase();
    await request(t.server).get('/api/v1/cases').set(auth(paralegal)).expect(200);
    await request(t.server).get('/api/v1/clients?name=hale').set(auth(solicitor)).expect(200);
    const reads = (await events('&action=read')).filter((event) => event.action === 'read').reverse();
    expect(reads.map((event) => [event.actorId, event.entityType, event.entityId])).toEqual([
      [paralegal.user.id, 'case', taken.body.id],
      [paralegal.user.id, 'client', taken.body.client.id],
      [solicitor.user.id, 'client', taken.body.client.id],
    ]);
  });

  describe('read events, appended together for concurrent requests', () => {
    it('many reads at once: each request has its own three events, committed before it was answered, on one intact chain', async () => {
      const taken = await takeCase();
      const caseId = taken.body.id as string;
      const clientId = taken.body.client.id as string;
      const readers = [paralegal, solicitor, admin];
      const responses = await Promise.all(Array.from({ length: 24 }, (_, index) => request(t.server).get(`/api/v1/cases/${caseId}`).set(auth(readers[index % 3]))));
      expect(responses.map((response) => response.status)).toEqual(responses.map(() => 200));

      const reads = (await events('&action=read')).reverse();
      expect(reads).toHaveLength(24 * 3);
      for (const [index, response] of responses.entries()) {
        const mine = reads.filter((event) => event.requestId === response.headers['x-request-id']);
        expect(mine.map((event) => [event.actorId, event.entityType, event.entityId])).toEqual([
          [readers[index % 3]?.user.id, 'case', caseId],
          [readers[index % 3]?.user.id, 'client', clientId],
          [readers[index % 3]?.user.id, 'health_profile', clientId],
        ]);
      }
      expect(await verify()).toEqual({ intact: true, checkedEvents: 5 + 24 * 3, expectedEvents: 5 + 24 * 3, firstBreak: null });
    });

    // Not on the embedded engine: it is one session, so the held lock would block the read's first query, not its events.
    (databaseForThisWorker().embedded ? it.skip : it)('a read is not answered while its events cannot be committed', async () => {
      const taken = await takeCase();
      const holder = t.owner.createQueryRunner();
      await holder.startTransaction();
      let answered = false;
      let pending: Promise<request.Response> | undefined;
      try {
        await holder.query(`SELECT 1 FROM "audit_chain_head" WHERE "id" = 1 FOR UPDATE`);
        pending = request(t.server)
          .get(`/api/v1/cases/${taken.body.id as string}`)
          .set(auth(paralegal))
          .then((response) => {
            answered = true;
            return response;
          });
        await new Promise((resolve) => setTimeout(resolve, 700));
        expect(answered).toBe(false);
      } finally {
        await holder.rollbackTransaction();
        await holder.release();
      }
      const response = await pending;
      expect(response?.status).toBe(200);
      const mine = (await events('&action=read')).filter((event) => event.requestId === response?.headers['x-request-id']);
      expect(mine).toHaveLength(3);
    });

    it('reads, lists and writes at once keep one unbroken chain', async () => {
      const taken = await takeCase();
      const calls = [
        ...Array.from({ length: 8 }, () => request(t.server).get(`/api/v1/cases/${taken.body.id as string}`).set(auth(paralegal))),
        ...Array.from({ length: 4 }, () => request(t.server).get('/api/v1/cases').set(auth(solicitor))),
        ...['Moss', 'Pryce', 'Quinn', 'Rowe'].map((lastName) => request(t.server).post('/api/v1/clients').set(auth(solicitor)).send(clientBody({ lastName }))),
      ];
      const statuses = (await Promise.all(calls)).map((response) => response.status);
      expect(statuses).toEqual([...Array(12).fill(200), ...Array(4).fill(201)]);
      // 5 from the intake, 3 per case read, 2 per list (one case shown), 2 per new client.
      expect(await verify()).toEqual({ intact: true, checkedEvents: 5 + 8 * 3 + 4 * 2 + 4 * 2, expectedEvents: 5 + 8 * 3 + 4 * 2 + 4 * 2, firstBreak: null });
    });

    it('when the read events cannot be written, every read waiting on them answers 503 without the data, and the trail has no part of them', async () => {
      const taken = await takeCase();
      const before = await verify();
      await t.owner.query(`CREATE FUNCTION "test_refuse_reads"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'test: read events refused'; END $$`);
      await t.owner.query(`CREATE TRIGGER "test_refuse_reads" BEFORE INSERT ON "audit_events" FOR EACH ROW WHEN (NEW."action" = 'read') EXECUTE FUNCTION "test_refuse_reads"()`);
      let responses: request.Response[];
      try {
        responses = await Promise.all(Array.from({ length: 6 }, () => request(t.server).get(`/api/v1/cases/${taken.body.id as string}`).set(auth(paralegal))));
      } finally {
        await t.owner.query(`DROP TRIGGER "test_refuse_reads" ON "audit_events"`);
        await t.owner.query(`DROP FUNCTION "test_refuse_reads"()`);
      }
      for (const response of responses) {
        expectProblem(response, 503, 'AUDIT_UNAVAILABLE');
        expect(response.headers['retry-after']).toMatch(/^\d+$/);
        const text = JSON.stringify(response.body);
        for (const value of [taken.body.client.id as string, 'Hale', '1980-04-02', 'transfemoral']) expect(text).not.toContain(value);
      }
      expect(await verify()).toEqual(before);

      // The trail recovers with the database: the next read is answered and recorded.
      await request(t.server).get(`/api/v1/cases/${taken.body.id as string}`).set(auth(paralegal)).expect(200);
      expect(await verify()).toMatchObject({ intact: true, checkedEvents: before.checkedEvents + 3 });
    });
  });

  it('a health profile change names the facts that changed, not their values', async () => {
    const taken = await takeCase();
    const clientId = taken.body.client.id as string;
    const version = taken.body.healthProfile.version as number;
    await request(t.server)
      .put(`/api/v1/clients/${clientId}/health-profile`)
      .set(auth(solicitor))
      .set('If-Match', `"${version}"`)
      .send(healthProfileBody({ diabetes: 'yes', smokingStatus: 'current' }))
      .expect(200);
    const [latest] = await events(`&entityType=health_profile&entityId=${clientId}`);
    expect(latest).toMatchObject({ action: 'update', changedFields: ['diabetes', 'smokingStatus'] });
  });

  it('a refused write leaves no event', async () => {
    const taken = await takeCase();
    const before = (await events()).length;
    const stale = await request(t.server)
      .patch(`/api/v1/clients/${taken.body.client.id as string}`)
      .set(auth(solicitor))
      .set('If-Match', '"99"')
      .send({ firstName: 'Anna' });
    expectProblem(stale, 412, 'STALE_WRITE');
    expect((await events()).length).toBe(before);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of events, whoever asks', async () => {
    await takeCase();
    await expect(t.owner.query(`UPDATE "audit_events" SET "action" = 'read'`)).rejects.toThrow(/append-only/);
    await expect(t.owner.query(`DELETE FROM "audit_events"`)).rejects.toThrow(/append-only/);
    await expect(t.owner.query(`TRUNCATE "audit_events"`)).rejects.toThrow(/append-only/);
    await expect(t.owner.query(`DELETE FROM "audit_chain_head"`)).rejects.toThrow(/append-only/);
  });

  describe('GET /api/v1/audit/verify', () => {
    it('an untouched chain is intact', async () => {
      await takeCase();
      await takeCase({ client: clientBody({ lastName: 'Moss' }) });
      expect(await verify()).toEqual({ intact: true, checkedEvents: 10, expectedEvents: 10, firstBreak: null });
    });

    it('names the first altered event', async () => {
      await takeCase();
      const [, , third] = (await events()).reverse();
      await tamper(t.owner, `UPDATE "audit_events" SET "changed_fields" = '[]' WHERE "id" = $1`, [third?.id]);
      expect(await verify()).toMatchObject({ intact: false, firstBreak: { sequence: third?.sequence, problem: 'altered' } });
    });

    it('names the event after a removed one', async () => {
      await takeCase();
      const [, second, third] = (await events()).reverse();
      await tamper(t.owner, `DELETE FROM "audit_events" WHERE "id" = $1`, [second?.id]);
      expect(await verify()).toMatchObject({ intact: false, firstBreak: { sequence: third?.sequence, problem: 'broken_link' } });
    });

    it('sees a removed last event by the count the head keeps', async () => {
      await takeCase();
      const [last] = await events();
      await tamper(t.owner, `DELETE FROM "audit_events" WHERE "id" = $1`, [last?.id]);
      expect(await verify()).toMatchObject({ intact: false, checkedEvents: 4, expectedEvents: 5, firstBreak: { problem: 'missing_events' } });
    });

    it('sees two events swapped', async () => {
      await takeCase();
      const [first, second] = (await events()).reverse();
      await tamper(t.owner, `UPDATE "audit_events" SET "sequence" = -1 WHERE "id" = $1`, [first?.id]);
      await tamper(t.owner, `UPDATE "audit_events" SET "sequence" = $2 WHERE "id" = $1`, [second?.id, first?.sequence]);
      await tamper(t.owner, `UPDATE "audit_events" SET "sequence" = $2 WHERE "id" = $1`, [first?.id, second?.sequence]);
      expect(await verify()).toMatchObject({ intact: false, firstBreak: { problem: 'broken_link' } });
    });

    it('keeps one unbroken chain under concurrent writes', async () => {
      const surnames = ['Moss', 'Pryce', 'Quinn', 'Rowe', 'Shaw', 'Tate', 'Vance', 'Webb'];
      const responses = await Promise.all(surnames.map((lastName) => request(t.server).post('/api/v1/clients').set(auth(solicitor)).send(clientBody({ lastName }))));
      expect(responses.map((response) => response.status)).toEqual(surnames.map(() => 201));
      expect(await verify()).toEqual({ intact: true, checkedEvents: 16, expectedEvents: 16, firstBreak: null });
    });

    it('reads one snapshot: a chain verified while others write is intact', async () => {
      await takeCase();
      const writes = ['Moss', 'Pryce', 'Quinn', 'Rowe', 'Shaw', 'Tate'].map((lastName) => request(t.server).post('/api/v1/clients').set(auth(solicitor)).send(clientBody({ lastName })));
      const checks = [verify(), verify(), verify()];
      const [results] = await Promise.all([Promise.all(checks), Promise.all(writes)]);
      for (const result of results) expect(result).toMatchObject({ intact: true, firstBreak: null });
      expect(await verify()).toMatchObject({ intact: true, checkedEvents: 17 });
    });

    it('a client change and a change to their case at once both succeed (no deadlock on the chain)', async () => {
      for (let round = 0; round < 5; round += 1) {
        const taken = await takeCase({ client: clientBody({ lastName: `Hale${'x'.repeat(round)}` }) });
        const [client, matter] = await Promise.all([
          request(t.server).patch(`/api/v1/clients/${taken.body.client.id as string}`).set(auth(solicitor)).set('If-Match', `"${String(taken.body.client.version)}"`).send({ postcode: 'EX4 4QJ' }),
          request(t.server).patch(`/api/v1/cases/${taken.body.id as string}`).set(auth(solicitor)).set('If-Match', `"${String(taken.body.version)}"`).send({ defendantName: 'Someone Else Ltd' }),
        ]);
        expect([client.status, matter.status]).toEqual([200, 200]);
      }
      expect(await verify()).toMatchObject({ intact: true });
    });

    it('is for admins only', async () => {
      expect((await request(t.server).get('/api/v1/audit/verify').set(auth(solicitor))).status).toBe(403);
      expect((await request(t.server).get('/api/v1/audit').set(auth(paralegal))).status).toBe(403);
    });
  });

  describe('GET /api/v1/audit', () => {
    it('filters by record, actor and time, newest first, in pages', async () => {
      const taken = await takeCase();
      const caseId = taken.body.id as string;
      await request(t.server).post(`/api/v1/cases/${caseId}/transitions`).set(auth(solicitor)).send({ to: 'accepted' }).expect(200);
      const caseEvents = await events(`&entityType=case&entityId=${caseId}`);
      expect(caseEvents.map((event) => event.action)).toEqual(['transition', 'create']);
      expect(caseEvents[0]?.changedFields).toEqual(['intakeStage']);

      const future = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
      expect(await events(`&from=${future}`)).toEqual([]);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await request(t.server).get(`/api/v1/audit?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`).set(auth(admin));
        expect(page.status).toBe(200);
        seen.push(...(page.body.items as EventRow[]).map((event) => event.sequence));
        cursor = page.body.nextCursor as string | null;
      } while (cursor !== null);
      expect(seen).toEqual((await events()).map((event) => event.sequence));
      expect(new Set(seen).size).toBe(seen.length);
    });

    it.each(['?entityType=spaceship', '?actorId=nope', '?from=yesterday', '?cursor=%%%'])('refuses %s with 400', async (query) => {
      expect((await request(t.server).get(`/api/v1/audit${query}`).set(auth(admin))).status).toBe(400);
    });
  });
});
