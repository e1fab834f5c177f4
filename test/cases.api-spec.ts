import request from 'supertest';
import { clientBody } from './factories/client.factory';
import { caseFields, intakeBody } from './factories/intake.factory';
import { createUser, CreatedUser } from './factories/user.factory';
import { expectProblem } from './support/problem';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

const MISSING_ID = '6f1c2a8e-2a53-4b8e-9d7e-0c6f3f1f7a10';

describe('cases', () => {
  let t: TestApp;
  let admin: CreatedUser;
  let solicitor: CreatedUser;
  let otherSolicitor: CreatedUser;
  let paralegal: CreatedUser;
  let otherParalegal: CreatedUser;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await cleanDatabase(t.dataSource);
    admin = await createUser(t.app, { role: 'admin' });
    solicitor = await createUser(t.app, { role: 'solicitor' });
    otherSolicitor = await createUser(t.app, { role: 'solicitor' });
    paralegal = await createUser(t.app, { role: 'paralegal' });
    otherParalegal = await createUser(t.app, { role: 'paralegal' });
  });

  const auth = (user: CreatedUser) => ({ Authorization: `Bearer ${user.token}` });

  interface TakenCase {
    id: string;
    reference: string;
    client: { id: string; reference: string; lastName: string };
  }

  /** A case taken by `by`, assigned to `to` and the paralegal. */
  async function takeCase(by: CreatedUser, to: CreatedUser = by, overrides: Record<string, unknown> = {}): Promise<TakenCase> {
    const response = await request(t.server)
      .post('/api/v1/intake')
      .set(auth(by))
      .send(intakeBody({ solicitorId: to.user.id, paralegalId: paralegal.user.id }, { client: clientBody({ lastName: nextSurname() }), ...overrides }));
    expect(response.status).toBe(201);
    return response.body as TakenCase;
  }

  // A different person each time: the same name and date of birth twice would be a potential conflict.
  const SURNAMES = ['Hale', 'Moss', 'Pryce', 'Quinn', 'Rowe', 'Shaw', 'Tate', 'Vance', 'Webb', 'Yates'];
  let taken = 0;
  const nextSurname = () => SURNAMES[taken++ % SURNAMES.length] ?? 'Hale';

  describe('POST /api/v1/cases', () => {
    it('opens a second case for an existing client', async () => {
      const first = await takeCase(solicitor);
      const second = await request(t.server)
        .post('/api/v1/cases')
        .set(auth(solicitor))
        .send({ clientId: first.client.id, ...caseFields({ solicitorId: solicitor.user.id }, { incidentType: 'workplace', incidentDate: '2023-05-05' }) });
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({ clientId: first.client.id, incidentType: 'workplace', intakeStage: 'enquiry', client: { id: first.client.id } });
      expect(second.body.reference).not.toBe(first.reference);
    });

    it('answers 404 for a client the solicitor cannot see, and writes nothing', async () => {
      const theirs = await takeCase(otherSolicitor);
      const response = await request(t.server)
        .post('/api/v1/cases')
        .set(auth(solicitor))
        .send({ clientId: theirs.client.id, ...caseFields({ solicitorId: solicitor.user.id }) });
      expectProblem(response, 404, 'CLIENT_NOT_FOUND');
      await expect(t.dataSource.query('SELECT count(*)::int AS n FROM cases')).resolves.toEqual([{ n: 1 }]);
    });

    it.each([
      ['a paralegal as solicitor', 'paralegal-as-solicitor', 'assignedSolicitorId'],
      ['a deactivated solicitor', 'inactive-solicitor', 'assignedSolicitorId'],
      ['a solicitor as paralegal', 'solicitor-as-paralegal', 'assignedParalegalId'],
    ])('refuses %s with 422 INVALID_ASSIGNEE', async (_label, variant, field) => {
      const client = await request(t.server).post('/api/v1/clients').set(auth(solicitor)).send(clientBody());
      const inactive = await createUser(t.app, { role: 'solicitor', active: false });
      const assignees =
        variant === 'paralegal-as-solicitor'
          ? { solicitorId: paralegal.user.id }
          : variant === 'inactive-solicitor'
            ? { solicitorId: inactive.user.id }
            : { solicitorId: solicitor.user.id, paralegalId: otherSolicitor.user.id };
      const response = await request(t.server).post('/api/v1/cases').set(auth(solicitor)).send({ clientId: client.body.id, ...caseFields(assignees) });
      expectProblem(response, 422, 'INVALID_ASSIGNEE');
      expect(response.body.errors[0].field).toBe(field);
    });

    it('refuses a date of knowledge before the incident', async () => {
      const client = await request(t.server).post('/api/v1/clients').set(auth(solicitor)).send(clientBody());
      const response = await request(t.server)
        .post('/api/v1/cases')
        .set(auth(solicitor))
        .send({ clientId: client.body.id, ...caseFields({ solicitorId: solicitor.user.id }, { dateOfKnowledge: '2019-01-01' }) });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors[0].field).toBe('dateOfKnowledge');
    });
  });

  describe('who sees what', () => {
    it('shows a case to admin, its solicitor and its paralegal, and answers 404 to everyone else exactly as for a missing case', async () => {
      const taken = await takeCase(solicitor);
      for (const user of [admin, solicitor, paralegal]) {
        const response = await request(t.server).get(`/api/v1/cases/${taken.id}`).set(auth(user));
        expect(response.status).toBe(200);
        expect(response.body.id).toBe(taken.id);
      }
      const missing = await request(t.server).get(`/api/v1/cases/${MISSING_ID}`).set(auth(otherSolicitor));
      expectProblem(missing, 404, 'CASE_NOT_FOUND');
      for (const user of [otherSolicitor, otherParalegal]) {
        const hidden = await request(t.server).get(`/api/v1/cases/${taken.id}`).set(auth(user));
        expectProblem(hidden, 404, 'CASE_NOT_FOUND');
        expect({ ...hidden.body, requestId: undefined }).toEqual({ ...missing.body, requestId: undefined });
      }
    });

    it('lists only the cases each user may see', async () => {
      const mine = await takeCase(solicitor);
      const theirs = await takeCase(otherSolicitor);
      const ids = async (user: CreatedUser) =>
        ((await request(t.server).get('/api/v1/cases').set(auth(user)).expect(200)).body.items as { id: string }[]).map((item) => item.id).sort();
      await expect(ids(admin)).resolves.toEqual([mine.id, theirs.id].sort());
      await expect(ids(solicitor)).resolves.toEqual([mine.id]);
      await expect(ids(otherSolicitor)).resolves.toEqual([theirs.id]);
      await expect(ids(paralegal)).resolves.toEqual([mine.id, theirs.id].sort());
      await expect(ids(otherParalegal)).resolves.toEqual([]);
    });

    it('lets a paralegal read but not change a case', async () => {
      const taken = await takeCase(solicitor);
      expectProblem(await request(t.server).patch(`/api/v1/cases/${taken.id}`).set(auth(paralegal)).set('If-Match', '"1"').send({ funding: 'lei' }), 403, 'FORBIDDEN');
      expectProblem(await request(t.server).post(`/api/v1/cases/${taken.id}/transitions`).set(auth(paralegal)).send({ to: 'accepted' }), 403, 'FORBIDDEN');
      expectProblem(await request(t.server).post('/api/v1/cases').set(auth(paralegal)).send({}), 403, 'FORBIDDEN');
    });

    it('gives the client of a solicitor’s case to that solicitor, not to others', async () => {
      const taken = await takeCase(admin, solicitor);
      await request(t.server).get(`/api/v1/clients/${taken.client.id}`).set(auth(solicitor)).expect(200);
      await request(t.server).get(`/api/v1/clients/${taken.client.id}`).set(auth(paralegal)).expect(200);
      expectProblem(await request(t.server).get(`/api/v1/clients/${taken.client.id}`).set(auth(otherSolicitor)), 404, 'CLIENT_NOT_FOUND');
    });
  });

  describe('GET /api/v1/cases filters and pages', () => {
    it('filters by stage, assignee and incident dates, newest first, page by page', async () => {
      const a = await takeCase(solicitor, solicitor, { case: caseFields({ solicitorId: solicitor.user.id, paralegalId: paralegal.user.id }, { incidentDate: '2019-01-01' }) });
      const b = await takeCase(solicitor, solicitor, { case: caseFields({ solicitorId: solicitor.user.id, paralegalId: paralegal.user.id }, { incidentDate: '2021-06-01' }) });
      const c = await takeCase(admin, otherSolicitor, { case: caseFields({ solicitorId: otherSolicitor.user.id, paralegalId: paralegal.user.id }, { incidentDate: '2022-02-02' }) });
      await request(t.server).post(`/api/v1/cases/${b.id}/transitions`).set(auth(solicitor)).send({ to: 'accepted' }).expect(200);

      const list = async (query: string) =>
        ((await request(t.server).get(`/api/v1/cases?${query}`).set(auth(admin)).expect(200)).body.items as { id: string }[]).map((item) => item.id);
      await expect(list('')).resolves.toEqual([c.id, b.id, a.id]);
      await expect(list('intakeStage=accepted')).resolves.toEqual([b.id]);
      await expect(list('intakeStage=enquiry&pathwayStage=not_screened')).resolves.toEqual([c.id, a.id]);
      await expect(list(`assigneeId=${otherSolicitor.user.id}`)).resolves.toEqual([c.id]);
      await expect(list(`assigneeId=${paralegal.user.id}`)).resolves.toEqual([c.id, b.id, a.id]);
      await expect(list('incidentFrom=2020-01-01&incidentTo=2021-12-31')).resolves.toEqual([b.id]);
      await expect(list(`clientId=${a.client.id}`)).resolves.toEqual([a.id]);

      const first = await request(t.server).get('/api/v1/cases?limit=2').set(auth(admin)).expect(200);
      expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([c.id, b.id]);
      expect(first.body.items[0].client).toEqual({ id: c.client.id, reference: c.client.reference, firstName: 'Ann', lastName: c.client.lastName });
      const second = await request(t.server).get(`/api/v1/cases?limit=2&cursor=${first.body.nextCursor}`).set(auth(admin)).expect(200);
      expect(second.body).toEqual({ items: [expect.objectContaining({ id: a.id })], nextCursor: null });
    });

    it.each([
      'intakeStage=open',
      'assigneeId=nope',
      'incidentFrom=2020-02-30',
      'limit=500',
      'cursor=%%%',
      'sort=asc',
      `cursor=${Buffer.from('["abc"]').toString('base64url')}`,
      `cursor=${Buffer.from('[1]').toString('base64url')}`,
    ])('refuses %s with 400', async (query) => {
      const response = await request(t.server).get(`/api/v1/cases?${query}`).set(auth(admin));
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
    });
  });

  describe('PATCH /api/v1/cases/{id}', () => {
    it('needs If-Match, refuses a stale one, and lets exactly one of ten parallel writers win', async () => {
      const taken = await takeCase(solicitor);
      const url = `/api/v1/cases/${taken.id}`;
      expectProblem(await request(t.server).patch(url).set(auth(solicitor)).send({ funding: 'lei' }), 428, 'IF_MATCH_REQUIRED');

      const writes = await Promise.all(
        Array.from({ length: 10 }, (_unused, index) =>
          request(t.server).patch(url).set(auth(solicitor)).set('If-Match', '"1"').send({ defendantName: `Defendant ${index}` }),
        ),
      );
      expect(writes.filter((response) => response.status === 200)).toHaveLength(1);
      for (const response of writes.filter((r) => r.status !== 200)) expectProblem(response, 412, 'STALE_WRITE');
      const winner = writes.find((response) => response.status === 200);
      const now = await request(t.server).get(url).set(auth(solicitor)).expect(200);
      expect(now.body.version).toBe(2);
      expect(now.body.defendantName).toBe(winner?.body.defendantName);
      expect(now.headers.etag).toBe('"2"');

      expectProblem(await request(t.server).patch(url).set(auth(solicitor)).set('If-Match', '"1"').send({ funding: 'lei' }), 412, 'STALE_WRITE');
      await expect(request(t.server).get(url).set(auth(solicitor))).resolves.toMatchObject({ body: { funding: 'cfa', version: 2 } });
    });

    it('lets only an admin hand the case to another solicitor', async () => {
      const taken = await takeCase(solicitor);
      const url = `/api/v1/cases/${taken.id}`;
      expectProblem(
        await request(t.server).patch(url).set(auth(solicitor)).set('If-Match', '"1"').send({ assignedSolicitorId: otherSolicitor.user.id }),
        403,
        'REASSIGNMENT_NOT_ALLOWED',
      );
      const moved = await request(t.server).patch(url).set(auth(admin)).set('If-Match', '"1"').send({ assignedSolicitorId: otherSolicitor.user.id });
      expect(moved.status).toBe(200);
      expectProblem(await request(t.server).get(url).set(auth(solicitor)), 404, 'CASE_NOT_FOUND');
      await request(t.server).get(url).set(auth(otherSolicitor)).expect(200);
    });

    it.each([
      [{ intakeStage: 'accepted' }, 'intakeStage'],
      [{ id: MISSING_ID }, 'id'],
      [{ version: 9 }, 'version'],
      [{ clientId: MISSING_ID }, 'clientId'],
      [{ incidentDate: null }, 'incidentDate'],
      [{ funding: 'crowdfunded' }, 'funding'],
    ])('refuses %j', async (patch, field) => {
      const taken = await takeCase(solicitor);
      const response = await request(t.server).patch(`/api/v1/cases/${taken.id}`).set(auth(solicitor)).set('If-Match', '"1"').send(patch);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    });
  });

  describe('POST /api/v1/cases/{id}/transitions', () => {
    it('moves the intake stage and the OI pathway along their graphs, bumping the version', async () => {
      const taken = await takeCase(solicitor);
      const move = (to: string, reason?: string) => request(t.server).post(`/api/v1/cases/${taken.id}/transitions`).set(auth(solicitor)).send({ to, reason });
      await expect(move('accepted')).resolves.toMatchObject({ status: 200, body: { intakeStage: 'accepted', pathwayStage: 'not_screened', version: 2 } });
      await expect(move('screened')).resolves.toMatchObject({ status: 200, body: { intakeStage: 'accepted', pathwayStage: 'screened', version: 3 } });
      await expect(move('not_suitable', 'Uncontrolled diabetes confirmed by GP')).resolves.toMatchObject({ status: 200, body: { pathwayStage: 'not_suitable' } });
      const history: { track: string; from_stage: string; to_stage: string; changed_by_id: string }[] = await t.dataSource.query(
        'SELECT track, from_stage, to_stage, changed_by_id FROM case_stage_changes WHERE case_id = $1 ORDER BY changed_at',
        [taken.id],
      );
      expect(history).toEqual([
        { track: 'intake', from_stage: 'enquiry', to_stage: 'accepted', changed_by_id: solicitor.user.id },
        { track: 'pathway', from_stage: 'not_screened', to_stage: 'screened', changed_by_id: solicitor.user.id },
        { track: 'pathway', from_stage: 'screened', to_stage: 'not_suitable', changed_by_id: solicitor.user.id },
      ]);
    });

    it('refuses a move the graph does not allow with 409, naming the allowed next stages', async () => {
      const taken = await takeCase(solicitor);
      const refused = await request(t.server).post(`/api/v1/cases/${taken.id}/transitions`).set(auth(solicitor)).send({ to: 'closed' });
      expectProblem(refused, 409, 'INVALID_STAGE_TRANSITION');
      expect(refused.body.detail).toContain('accepted, declined, referred_elsewhere');
      expect(refused.body.errors.map((error: { message: string }) => error.message)).toEqual(['accepted', 'declined', 'referred_elsewhere']);

      const skip = await request(t.server).post(`/api/v1/cases/${taken.id}/transitions`).set(auth(solicitor)).send({ to: 'surgery_scheduled' });
      expectProblem(skip, 409, 'INVALID_STAGE_TRANSITION');
      expect(skip.body.errors.map((error: { message: string }) => error.message)).toEqual(['screened']);
      await expect(request(t.server).get(`/api/v1/cases/${taken.id}`).set(auth(solicitor))).resolves.toMatchObject({ body: { intakeStage: 'enquiry', version: 1 } });
    });

    it('needs a reason to decline', async () => {
      const taken = await takeCase(solicitor);
      const response = await request(t.server).post(`/api/v1/cases/${taken.id}/transitions`).set(auth(solicitor)).send({ to: 'declined' });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors[0].field).toBe('reason');
    });

    it('lets only one of two simultaneous moves from the same stage win', async () => {
      const taken = await takeCase(solicitor);
      const [accept, decline] = await Promise.all([
        request(t.server).post(`/api/v1/cases/${taken.id}/transitions`).set(auth(solicitor)).send({ to: 'accepted' }),
        request(t.server).post(`/api/v1/cases/${taken.id}/transitions`).set(auth(admin)).send({ to: 'declined', reason: 'Out of time' }),
      ]);
      expect([accept?.status, decline?.status].sort()).toEqual([200, 409]);
      const history: unknown[] = await t.dataSource.query('SELECT 1 FROM case_stage_changes WHERE case_id = $1', [taken.id]);
      expect(history).toHaveLength(1);
    });

    it.each([{ to: 'open' }, { to: 'accepted', extra: true }, {}, { to: 'declined', reason: '' }])('refuses the body %j with 400', async (payload) => {
      const taken = await takeCase(solicitor);
      expectProblem(await request(t.server).post(`/api/v1/cases/${taken.id}/transitions`).set(auth(solicitor)).send(payload), 400, 'VALIDATION_FAILED');
    });
  });
});
