import fc from 'fast-check';
import request from 'supertest';
import { addDays, todayInLondon } from '../src/common/time/calendar-date';
import { healthProfileBody } from './factories/client.factory';
import { caseFields, intakeBody } from './factories/intake.factory';
import { createUser, CreatedUser } from './factories/user.factory';
import { expectProblem } from './support/problem';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

const MISSING_ID = '6f1c2a8e-2a53-4b8e-9d7e-0c6f3f1f7a10';
const PRE_OP_PLAN = ['PAIN_PSYCHOLOGIST', 'PAIN_SPECIALIST', 'PEER_SUPPORT', 'PROSTHETIST', 'SECOND_SURGEON_OPINION', 'SURGEON_OPINION'];
const POST_OP_CARE = ['OCCUPATIONAL_THERAPIST', 'PAIN_PSYCHOLOGIST', 'PAIN_SPECIALIST', 'PHYSIOTHERAPIST', 'PROSTHETIST'];
// Seeded in the SeedScreeningAndReferrals migration.
const SEEDED_DUE_IN_DAYS: Record<string, number> = {
  SURGEON_OPINION: 28,
  SECOND_SURGEON_OPINION: 42,
  PEER_SUPPORT: 14,
  PAIN_PSYCHOLOGIST: 28,
  PAIN_SPECIALIST: 28,
  PROSTHETIST: 21,
  OCCUPATIONAL_THERAPIST: 14,
  PHYSIOTHERAPIST: 14,
  PERSONAL_TRAINER: 28,
  PROSTHETIST_SOCKET_REVIEW: 14,
  RESCREEN_REVIEW: 90,
  OBTAIN_MEDICAL_RECORDS: 21,
};
const KIND_FOR_TYPE: [string, string][] = [
  ['SURGEON_OPINION', 'surgeon'],
  ['SECOND_SURGEON_OPINION', 'surgeon'],
  ['PEER_SUPPORT', 'peer_support'],
  ['PAIN_PSYCHOLOGIST', 'pain_psychologist'],
  ['PAIN_SPECIALIST', 'pain_specialist'],
  ['PROSTHETIST', 'prosthetist'],
  ['PROSTHETIST_SOCKET_REVIEW', 'prosthetist'],
  ['OCCUPATIONAL_THERAPIST', 'occupational_therapist'],
  ['PHYSIOTHERAPIST', 'physiotherapist'],
  ['PERSONAL_TRAINER', 'personal_trainer'],
];
const STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];
const ALLOWED_NEXT: Record<Status, readonly Status[]> = { open: ['in_progress', 'done', 'cancelled'], in_progress: ['done', 'cancelled'], done: [], cancelled: [] };

interface Task {
  id: string;
  caseId: string;
  caseReference: string;
  type: string;
  phase: string;
  status: Status;
  assigneeId: string | null;
  dueDate: string;
  overdue: boolean;
  providerId: string | null;
  note: string | null;
  outcomeNote: string | null;
  screeningId: string | null;
  createdById: string;
  closedAt: string | null;
  version: number;
}

interface TakenCase {
  id: string;
  reference: string;
  client: { id: string };
}

describe('referral tasks', () => {
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

  /** A case taken by `solicitor` through intake; its paralegal is `paralegal` unless told otherwise (null: none). */
  async function takeCase(options: { paralegal?: CreatedUser | null; health?: Record<string, unknown> } = {}): Promise<TakenCase> {
    const paralegalId = options.paralegal === undefined ? paralegal.user.id : (options.paralegal?.user.id ?? null);
    const response = await request(t.server)
      .post('/api/v1/intake')
      .set(auth(solicitor))
      .send(intakeBody({ solicitorId: solicitor.user.id, paralegalId }, { healthProfile: healthProfileBody(options.health ?? {}) }));
    if (response.status !== 201) throw new Error(`intake answered ${response.status}: ${response.text}`);
    return response.body as TakenCase;
  }

  async function screen(caseId: string): Promise<Task[]> {
    const response = await request(t.server).post(`/api/v1/cases/${caseId}/screenings`).set(auth(solicitor)).send();
    if (response.status !== 201) throw new Error(`screening answered ${response.status}: ${response.text}`);
    return response.body.referralTasks as Task[];
  }

  const postTask = (caseId: string, body: Record<string, unknown>, user: CreatedUser = solicitor) =>
    request(t.server).post(`/api/v1/cases/${caseId}/referral-tasks`).set(auth(user)).send(body);

  async function createTask(caseId: string, body: Record<string, unknown>, user: CreatedUser = solicitor): Promise<Task> {
    const response = await postTask(caseId, body, user);
    if (response.status !== 201) throw new Error(`creating a task answered ${response.status}: ${response.text}`);
    return response.body as Task;
  }

  const patchTask = (id: string, version: number | string, body: Record<string, unknown>, user: CreatedUser = paralegal) =>
    request(t.server)
      .patch(`/api/v1/referral-tasks/${id}`)
      .set(auth(user))
      .set('If-Match', typeof version === 'number' ? `"${version}"` : version)
      .send(body);

  async function patchOk(task: Pick<Task, 'id' | 'version'>, body: Record<string, unknown>, user: CreatedUser = paralegal): Promise<Task> {
    const response = await patchTask(task.id, task.version, body, user);
    if (response.status !== 200) throw new Error(`PATCH answered ${response.status}: ${response.text}`);
    return response.body as Task;
  }

  /** A task moved to `status` along the graph. */
  async function taskIn(status: Status, caseId: string, type = 'PEER_SUPPORT'): Promise<Task> {
    let task = await createTask(caseId, { type, dueDate: '2099-01-01' });
    if (status === 'in_progress' || status === 'done') task = await patchOk(task, { status: 'in_progress' });
    if (status === 'done' || status === 'cancelled') task = await patchOk(task, { status });
    return task;
  }

  const getTask = (id: string, user: CreatedUser = paralegal) => request(t.server).get(`/api/v1/referral-tasks/${id}`).set(auth(user));

  async function list(user: CreatedUser, query = ''): Promise<{ items: Task[]; nextCursor: string | null }> {
    const response = await request(t.server).get(`/api/v1/referral-tasks?${query}`).set(auth(user));
    if (response.status !== 200) throw new Error(`list answered ${response.status}: ${response.text}`);
    return response.body as { items: Task[]; nextCursor: string | null };
  }

  const ids = async (user: CreatedUser, query = '') => (await list(user, query)).items.map((task) => task.id);

  async function providerOf(kind: string, user: CreatedUser = admin): Promise<string> {
    const response = await request(t.server).get(`/api/v1/providers?kind=${kind}`).set(auth(user)).expect(200);
    const first = (response.body as { id: string }[])[0];
    if (first === undefined) throw new Error(`no seeded ${kind} provider`);
    return first.id;
  }

  async function move(caseId: string, to: string, reason?: string): Promise<void> {
    const response = await request(t.server).post(`/api/v1/cases/${caseId}/transitions`).set(auth(solicitor)).send({ to, reason });
    if (response.status !== 200) throw new Error(`moving to ${to} answered ${response.status}: ${response.text}`);
  }

  async function toPostOperative(caseId: string): Promise<void> {
    for (const to of ['referred', 'assessed', 'surgery_scheduled', 'post_operative']) await move(caseId, to);
  }

  /** The due date a task of `type` made now gets by default: today (London) plus its days, read around the request. */
  async function withDefaultDue<T>(days: number, act: () => Promise<T>): Promise<{ result: T; expected: string[] }> {
    const before = todayInLondon();
    const result = await act();
    return { result, expected: [addDays(before, days), addDays(todayInLondon(), days)] };
  }

  describe('POST /api/v1/cases/{id}/referral-tasks', () => {
    it('adds a task with the defaults: pre_op, the case’s paralegal, today plus the type’s days, no provider', async () => {
      const matter = await takeCase();
      const { result: response, expected } = await withDefaultDue(SEEDED_DUE_IN_DAYS.PEER_SUPPORT ?? -1, () => postTask(matter.id, { type: 'PEER_SUPPORT' }));
      expect(response.status).toBe(201);
      expect(response.headers.etag).toBe('"1"');
      expect(response.body).toEqual({
        id: expect.any(String),
        caseId: matter.id,
        caseReference: matter.reference,
        type: 'PEER_SUPPORT',
        phase: 'pre_op',
        status: 'open',
        assigneeId: paralegal.user.id,
        dueDate: expect.any(String),
        overdue: false,
        providerId: null,
        note: null,
        outcomeNote: null,
        screeningId: null,
        createdById: solicitor.user.id,
        closedAt: null,
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(expected).toContain(response.body.dueDate);

      const read = await getTask(response.body.id);
      expect(read.status).toBe(200);
      expect(read.headers.etag).toBe('"1"');
      expect(read.body).toEqual(response.body);
    });

    it('defaults the assignee to the solicitor when the case has no paralegal', async () => {
      const matter = await takeCase({ paralegal: null });
      const task = await createTask(matter.id, { type: 'OBTAIN_MEDICAL_RECORDS' });
      expect(task.assigneeId).toBe(solicitor.user.id);
    });

    it('takes every field given: phase, assignee, due date, provider and a trimmed note', async () => {
      const matter = await takeCase();
      const providerId = await providerOf('physiotherapist');
      const response = await postTask(matter.id, {
        type: 'PHYSIOTHERAPIST',
        phase: 'post_op',
        assigneeId: otherParalegal.user.id,
        dueDate: '2031-03-15',
        providerId,
        note: '  Ask about hydrotherapy.  ',
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        type: 'PHYSIOTHERAPIST',
        phase: 'post_op',
        assigneeId: otherParalegal.user.id,
        dueDate: '2031-03-15',
        providerId,
        note: 'Ask about hydrotherapy.',
        status: 'open',
        overdue: false,
      });
    });

    it('takes an explicit null provider and note as none', async () => {
      const matter = await takeCase();
      const task = await createTask(matter.id, { type: 'RESCREEN_REVIEW', providerId: null, note: null });
      expect(task).toMatchObject({ providerId: null, note: null });
    });

    it('gives a task created with a past due date as overdue', async () => {
      const matter = await takeCase();
      const task = await createTask(matter.id, { type: 'PROSTHETIST', dueDate: '2020-01-01' });
      expect(task).toMatchObject({ dueDate: '2020-01-01', overdue: true });
    });

    it('lets admin, the case’s solicitor and its paralegal add tasks, recording who did', async () => {
      const matter = await takeCase();
      const byAdmin = await createTask(matter.id, { type: 'SURGEON_OPINION' }, admin);
      const bySolicitor = await createTask(matter.id, { type: 'PEER_SUPPORT' }, solicitor);
      const byParalegal = await createTask(matter.id, { type: 'PROSTHETIST' }, paralegal);
      expect([byAdmin.createdById, bySolicitor.createdById, byParalegal.createdById]).toEqual([admin.user.id, solicitor.user.id, paralegal.user.id]);
    });

    it('answers 404 CASE_NOT_FOUND to another solicitor or paralegal, exactly as for a missing case, and writes nothing', async () => {
      const matter = await takeCase();
      const missing = await postTask(MISSING_ID, { type: 'PEER_SUPPORT' });
      expectProblem(missing, 404, 'CASE_NOT_FOUND');
      for (const user of [otherSolicitor, otherParalegal]) {
        const hidden = await postTask(matter.id, { type: 'PEER_SUPPORT' }, user);
        expectProblem(hidden, 404, 'CASE_NOT_FOUND');
        expect({ ...hidden.body, requestId: undefined }).toEqual({ ...missing.body, requestId: undefined });
      }
      await expect(t.dataSource.query('SELECT count(*)::int AS n FROM referral_tasks')).resolves.toEqual([{ n: 0 }]);
    });

    it('answers 400 INVALID_ID for a case id that is not a UUID, and 401 without a token', async () => {
      expectProblem(await postTask('not-a-uuid', { type: 'PEER_SUPPORT' }), 400, 'INVALID_ID');
      const anonymous = await request(t.server).post(`/api/v1/cases/${MISSING_ID}/referral-tasks`).send({ type: 'PEER_SUPPORT' });
      expect(anonymous.status).toBe(401);
    });

    it('refuses a second open task of the same type and phase with 409, but not one for the other phase', async () => {
      const matter = await takeCase();
      const planned = await screen(matter.id);
      const surgeon = planned.find((task) => task.type === 'SURGEON_OPINION');
      const duplicate = await postTask(matter.id, { type: 'SURGEON_OPINION' });
      expectProblem(duplicate, 409, 'REFERRAL_TASK_ALREADY_OPEN');
      expect(duplicate.body.detail).toContain(String(surgeon?.id));
      expectProblem(await postTask(matter.id, { type: 'SURGEON_OPINION', phase: 'pre_op' }), 409, 'REFERRAL_TASK_ALREADY_OPEN');
      await expect(postTask(matter.id, { type: 'SURGEON_OPINION', phase: 'post_op' })).resolves.toMatchObject({ status: 201 });
    });

    it.each<[Status, number]>([
      ['open', 409],
      ['in_progress', 409],
      ['done', 201],
      ['cancelled', 201],
    ])('a %s task of the type and phase makes a new one answer %i', async (status, expected) => {
      const matter = await takeCase();
      const existing = await taskIn(status, matter.id);
      const again = await postTask(matter.id, { type: 'PEER_SUPPORT' });
      if (expected === 409) {
        expectProblem(again, 409, 'REFERRAL_TASK_ALREADY_OPEN');
      } else {
        expect(again.status).toBe(201);
        expect(again.body.id).not.toBe(existing.id);
      }
    });

    it('lets only one of two simultaneous identical requests create the task', async () => {
      const matter = await takeCase();
      const answers = await Promise.all([postTask(matter.id, { type: 'PEER_SUPPORT' }), postTask(matter.id, { type: 'PEER_SUPPORT' }, paralegal)]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
      const refused = answers.find((answer) => answer.status === 409);
      if (refused !== undefined) expectProblem(refused, 409, 'REFERRAL_TASK_ALREADY_OPEN');
      await expect(t.dataSource.query('SELECT count(*)::int AS n FROM referral_tasks')).resolves.toEqual([{ n: 1 }]);
    });

    it('answers a retry with the same Idempotency-Key with the first task, not a 409, and never a second row', async () => {
      const one = await takeCase();
      const two = await takeCase();
      const send = (caseId: string, key: string, body: Record<string, unknown>) =>
        request(t.server).post(`/api/v1/cases/${caseId}/referral-tasks`).set(auth(solicitor)).set('Idempotency-Key', key).send(body);
      const first = await send(one.id, 'peer-1', { type: 'PEER_SUPPORT' });
      expect(first.status).toBe(201);
      const retry = await send(one.id, 'peer-1', { type: 'PEER_SUPPORT' });
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.etag).toBe('"1"');
      // The same key and body for another case is another request, not a replay of the first case's task.
      expectProblem(await send(two.id, 'peer-1', { type: 'PEER_SUPPORT' }), 422, 'IDEMPOTENCY_KEY_REUSED');
      expectProblem(await send(one.id, 'peer-1', { type: 'PEER_SUPPORT', note: 'changed' }), 422, 'IDEMPOTENCY_KEY_REUSED');
      await expect(send(two.id, 'peer-2', { type: 'PEER_SUPPORT' })).resolves.toMatchObject({ status: 201, body: { caseId: two.id } });
      // Without a key the repeat is refused as a duplicate.
      expectProblem(await postTask(one.id, { type: 'PEER_SUPPORT' }), 409, 'REFERRAL_TASK_ALREADY_OPEN');
      await expect(t.dataSource.query('SELECT count(*)::int AS n FROM referral_tasks')).resolves.toEqual([{ n: 2 }]);
    });

    it('stores no answer for a refused request, so a retry after the cause is fixed goes through', async () => {
      const matter = await takeCase();
      const send = () => request(t.server).post(`/api/v1/cases/${matter.id}/referral-tasks`).set(auth(solicitor)).set('Idempotency-Key', 'after-fix').send({ type: 'PEER_SUPPORT' });
      const blocking = await createTask(matter.id, { type: 'PEER_SUPPORT' });
      expectProblem(await send(), 409, 'REFERRAL_TASK_ALREADY_OPEN');
      await patchOk(blocking, { status: 'cancelled' });
      await expect(send()).resolves.toMatchObject({ status: 201 });
    });

    it.each([
      ['declined', ['declined']],
      ['referred_elsewhere', ['referred_elsewhere']],
      ['closed', ['accepted', 'closed']],
    ])('refuses new work on a %s case with 409 CASE_NOT_OPEN', async (_stage, path) => {
      const matter = await takeCase();
      for (const to of path) await move(matter.id, to, 'Another firm is handling the claim.');
      expectProblem(await postTask(matter.id, { type: 'PEER_SUPPORT' }), 409, 'CASE_NOT_OPEN');
      expectProblem(await postTask(matter.id, { type: 'PEER_SUPPORT' }, admin), 409, 'CASE_NOT_OPEN');
    });

    it('takes new work on an accepted case', async () => {
      const matter = await takeCase();
      await move(matter.id, 'accepted');
      await expect(postTask(matter.id, { type: 'PEER_SUPPORT' })).resolves.toMatchObject({ status: 201 });
    });

    it.each([
      ['an admin', 'admin'],
      ['a deactivated paralegal', 'inactive'],
      ['a user who does not exist', 'missing'],
    ])('refuses %s as assignee with 422 INVALID_ASSIGNEE', async (_label, variant) => {
      const matter = await takeCase();
      const inactive = await createUser(t.app, { role: 'paralegal', active: false });
      const assigneeId = variant === 'admin' ? admin.user.id : variant === 'inactive' ? inactive.user.id : MISSING_ID;
      const response = await postTask(matter.id, { type: 'PEER_SUPPORT', assigneeId });
      expectProblem(response, 422, 'INVALID_ASSIGNEE');
      expect(response.body.errors[0].field).toBe('assigneeId');
      expect(response.text).not.toContain(assigneeId);
    });

    it('takes another solicitor as assignee', async () => {
      const matter = await takeCase();
      await expect(createTask(matter.id, { type: 'PEER_SUPPORT', assigneeId: otherSolicitor.user.id })).resolves.toMatchObject({ assigneeId: otherSolicitor.user.id });
    });

    it.each(KIND_FOR_TYPE)('gives a %s task a seeded %s provider', async (type, kind) => {
      const matter = await takeCase();
      const providerId = await providerOf(kind);
      await expect(createTask(matter.id, { type, providerId })).resolves.toMatchObject({ type, providerId });
    });

    it.each([
      ['a provider of the wrong kind', 'SURGEON_OPINION', 'peer_support'],
      ['a prosthetist for peer support', 'PEER_SUPPORT', 'prosthetist'],
      ['any provider for a re-screen review', 'RESCREEN_REVIEW', 'surgeon'],
      ['any provider for obtaining records', 'OBTAIN_MEDICAL_RECORDS', 'peer_support'],
    ])('refuses %s with 422 INVALID_PROVIDER', async (_label, type, kind) => {
      const matter = await takeCase();
      const response = await postTask(matter.id, { type, providerId: await providerOf(kind) });
      expectProblem(response, 422, 'INVALID_PROVIDER');
      expect(response.body.errors[0].field).toBe('providerId');
    });

    it('refuses a missing or inactive provider with 422 INVALID_PROVIDER', async () => {
      const matter = await takeCase();
      expectProblem(await postTask(matter.id, { type: 'PEER_SUPPORT', providerId: MISSING_ID }), 422, 'INVALID_PROVIDER');
      const providerId = await providerOf('peer_support');
      await request(t.server).patch(`/api/v1/providers/${providerId}`).set(auth(admin)).set('If-Match', '"1"').send({ active: false }).expect(200);
      expectProblem(await postTask(matter.id, { type: 'PEER_SUPPORT', providerId }), 422, 'INVALID_PROVIDER');
      await expect(t.dataSource.query('SELECT count(*)::int AS n FROM referral_tasks')).resolves.toEqual([{ n: 0 }]);
    });

    it.each([
      [{}, 'type'],
      [{ type: 'WITCH_DOCTOR' }, 'type'],
      [{ type: 'PEER_SUPPORT', phase: 'during_op' }, 'phase'],
      [{ type: 'PEER_SUPPORT', phase: null }, 'phase'],
      [{ type: 'PEER_SUPPORT', assigneeId: 'me' }, 'assigneeId'],
      [{ type: 'PEER_SUPPORT', assigneeId: null }, 'assigneeId'],
      [{ type: 'PEER_SUPPORT', dueDate: '1999-12-31' }, 'dueDate'],
      [{ type: 'PEER_SUPPORT', dueDate: '2026-02-30' }, 'dueDate'],
      [{ type: 'PEER_SUPPORT', dueDate: '2026-05-01T09:00:00Z' }, 'dueDate'],
      [{ type: 'PEER_SUPPORT', dueDate: null }, 'dueDate'],
      [{ type: 'PEER_SUPPORT', providerId: 'limbless' }, 'providerId'],
      [{ type: 'PEER_SUPPORT', note: '' }, 'note'],
      [{ type: 'PEER_SUPPORT', note: '   ' }, 'note'],
      [{ type: 'PEER_SUPPORT', note: 'x'.repeat(2001) }, 'note'],
      [{ type: 'PEER_SUPPORT', status: 'done' }, 'status'],
      [{ type: 'PEER_SUPPORT', caseId: MISSING_ID }, 'caseId'],
    ])('refuses the body %j with 400 naming %s', async (body, field) => {
      const matter = await takeCase();
      const response = await postTask(matter.id, body);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    });

    it('takes a note of exactly 2000 characters', async () => {
      const matter = await takeCase();
      await expect(createTask(matter.id, { type: 'PEER_SUPPORT', note: 'n'.repeat(2000) })).resolves.toMatchObject({ note: 'n'.repeat(2000) });
    });
  });

  describe('who sees and works a task', () => {
    it('shows a task to admin, the case’s solicitor and paralegal, and 404 to everyone else as for a missing one', async () => {
      const matter = await takeCase();
      const task = await createTask(matter.id, { type: 'PEER_SUPPORT' });
      for (const user of [admin, solicitor, paralegal]) {
        const response = await getTask(task.id, user);
        expect(response.status).toBe(200);
        expect(response.body.id).toBe(task.id);
      }
      const missing = await getTask(MISSING_ID, otherSolicitor);
      expectProblem(missing, 404, 'REFERRAL_TASK_NOT_FOUND');
      for (const user of [otherSolicitor, otherParalegal]) {
        const hidden = await getTask(task.id, user);
        expectProblem(hidden, 404, 'REFERRAL_TASK_NOT_FOUND');
        expect({ ...hidden.body, requestId: undefined }).toEqual({ ...missing.body, requestId: undefined });
        expectProblem(await patchTask(task.id, 1, { status: 'in_progress' }, user), 404, 'REFERRAL_TASK_NOT_FOUND');
      }
      await expect(getTask(task.id)).resolves.toMatchObject({ body: { status: 'open', version: 1 } });
    });

    it('answers 400 INVALID_ID for a task id that is not a UUID, and 401 without a token', async () => {
      expectProblem(await getTask('123'), 400, 'INVALID_ID');
      expectProblem(await patchTask('123', 1, { status: 'done' }), 400, 'INVALID_ID');
      expect((await request(t.server).get(`/api/v1/referral-tasks/${MISSING_ID}`)).status).toBe(401);
      expect((await request(t.server).get('/api/v1/referral-tasks')).status).toBe(401);
    });

    it('lets admin, the case’s solicitor and its paralegal work a task', async () => {
      const matter = await takeCase();
      let task = await createTask(matter.id, { type: 'PEER_SUPPORT' });
      task = await patchOk(task, { note: 'by admin' }, admin);
      task = await patchOk(task, { note: 'by solicitor' }, solicitor);
      task = await patchOk(task, { status: 'done', outcomeNote: 'Visit booked' }, paralegal);
      expect(task).toMatchObject({ note: 'by solicitor', status: 'done', outcomeNote: 'Visit booked', version: 4 });
    });

    it('shows a task assigned to someone not on the case to that assignee, who can work it but not add tasks to the case', async () => {
      const matter = await takeCase();
      const task = await createTask(matter.id, { type: 'PEER_SUPPORT', assigneeId: otherParalegal.user.id });
      await expect(getTask(task.id, otherParalegal)).resolves.toMatchObject({ status: 200, body: { id: task.id } });
      await expect(ids(otherParalegal)).resolves.toEqual([task.id]);
      await expect(patchOk(task, { status: 'in_progress' }, otherParalegal)).resolves.toMatchObject({ status: 'in_progress' });
      expectProblem(await postTask(matter.id, { type: 'PROSTHETIST' }, otherParalegal), 404, 'CASE_NOT_FOUND');
      // Their other tasks on the case stay hidden.
      const other = await createTask(matter.id, { type: 'PROSTHETIST' });
      expectProblem(await getTask(other.id, otherParalegal), 404, 'REFERRAL_TASK_NOT_FOUND');
    });

    it('moves a reassigned task to the new assignee’s view, and out of the old one’s when they are not on the case', async () => {
      const matter = await takeCase();
      const task = await createTask(matter.id, { type: 'PEER_SUPPORT', assigneeId: otherSolicitor.user.id });
      await expect(ids(otherSolicitor, 'assignee=me')).resolves.toEqual([task.id]);
      const moved = await patchOk(task, { assigneeId: otherParalegal.user.id }, solicitor);
      expect(moved.assigneeId).toBe(otherParalegal.user.id);
      await expect(ids(otherSolicitor)).resolves.toEqual([]);
      await expect(ids(otherParalegal, 'assignee=me')).resolves.toEqual([task.id]);
    });

    it('lists only the tasks each user may see', async () => {
      const mine = await takeCase();
      const bare = await takeCase({ paralegal: null });
      const a = await createTask(mine.id, { type: 'PEER_SUPPORT', dueDate: '2099-01-01' });
      const b = await createTask(bare.id, { type: 'PEER_SUPPORT', dueDate: '2099-01-02' });
      const c = await createTask(bare.id, { type: 'PROSTHETIST', dueDate: '2099-01-03', assigneeId: otherParalegal.user.id });
      await expect(ids(admin)).resolves.toEqual([a.id, b.id, c.id]);
      await expect(ids(solicitor)).resolves.toEqual([a.id, b.id, c.id]);
      await expect(ids(paralegal)).resolves.toEqual([a.id]);
      await expect(ids(otherParalegal)).resolves.toEqual([c.id]);
      await expect(ids(otherSolicitor)).resolves.toEqual([]);
      // Naming someone else's id does not widen what a user sees.
      await expect(ids(otherSolicitor, `assignee=${paralegal.user.id}`)).resolves.toEqual([]);
    });
  });

  describe('GET /api/v1/referral-tasks (the working list)', () => {
    it('puts overdue work first, then by due date, then by creation; done and cancelled are left out', async () => {
      const matter = await takeCase();
      const later = await createTask(matter.id, { type: 'SURGEON_OPINION', dueDate: '2099-01-10' });
      const soonFirst = await createTask(matter.id, { type: 'PEER_SUPPORT', dueDate: '2099-01-05' });
      const soonSecond = await createTask(matter.id, { type: 'PROSTHETIST', dueDate: '2099-01-05' });
      const overdue2020 = await createTask(matter.id, { type: 'PAIN_SPECIALIST', dueDate: '2099-02-01' });
      const overdue2021 = await createTask(matter.id, { type: 'PAIN_PSYCHOLOGIST', dueDate: '2021-01-01' });
      let working = await createTask(matter.id, { type: 'PHYSIOTHERAPIST', dueDate: '2019-01-01' });
      working = await patchOk(working, { status: 'in_progress' });
      // Made overdue by moving its due date into the past.
      const moved = await patchOk(overdue2020, { dueDate: '2020-06-01' });
      expect(moved.overdue).toBe(true);
      const finished = await taskIn('done', matter.id, 'OCCUPATIONAL_THERAPIST');
      await patchOk(finished, { outcomeNote: 'seen' });
      const dropped = await taskIn('cancelled', matter.id, 'PERSONAL_TRAINER');

      const page = await list(paralegal);
      expect(page.items.map((task) => task.id)).toEqual([working.id, overdue2020.id, overdue2021.id, soonFirst.id, soonSecond.id, later.id]);
      expect(page.items.map((task) => task.overdue)).toEqual([true, true, true, false, false, false]);
      expect(page.nextCursor).toBeNull();
      await expect(ids(paralegal, 'status=done')).resolves.toEqual([finished.id]);
      await expect(ids(paralegal, 'status=cancelled')).resolves.toEqual([dropped.id]);
      const done = await list(paralegal, 'status=done');
      expect(done.items[0]?.overdue).toBe(false);
    });

    it('filters by status, type, overdue, case and assignee, alone and together', async () => {
      const one = await takeCase();
      const two = await takeCase({ paralegal: null });
      const a = await createTask(one.id, { type: 'PEER_SUPPORT', dueDate: '2020-01-01' });
      const b = await createTask(one.id, { type: 'PROSTHETIST', dueDate: '2099-01-01' });
      const c = await createTask(two.id, { type: 'PEER_SUPPORT', dueDate: '2099-01-02' });
      const d = await createTask(two.id, { type: 'PROSTHETIST', dueDate: '2020-02-02', assigneeId: paralegal.user.id });
      await patchOk(b, { status: 'in_progress' }, solicitor);

      await expect(ids(admin)).resolves.toEqual([a.id, d.id, b.id, c.id]);
      await expect(ids(admin, 'status=in_progress')).resolves.toEqual([b.id]);
      await expect(ids(admin, 'status=open')).resolves.toEqual([a.id, d.id, c.id]);
      await expect(ids(admin, 'type=PEER_SUPPORT')).resolves.toEqual([a.id, c.id]);
      await expect(ids(admin, 'overdue=true')).resolves.toEqual([a.id, d.id]);
      await expect(ids(admin, 'overdue=false')).resolves.toEqual([a.id, d.id, b.id, c.id]);
      await expect(ids(admin, `caseId=${two.id}`)).resolves.toEqual([d.id, c.id]);
      await expect(ids(admin, `assignee=${solicitor.user.id}`)).resolves.toEqual([c.id]);
      await expect(ids(admin, `assignee=${paralegal.user.id.toUpperCase()}`)).resolves.toEqual([a.id, d.id, b.id]);
      await expect(ids(admin, 'assignee=me')).resolves.toEqual([]);
      await expect(ids(paralegal, 'assignee=me')).resolves.toEqual([a.id, d.id, b.id]);
      await expect(ids(paralegal, 'assignee=ME&overdue=true')).resolves.toEqual([a.id, d.id]);
      await expect(ids(solicitor, 'assignee=me')).resolves.toEqual([c.id]);
      await expect(ids(admin, `caseId=${two.id}&type=PROSTHETIST&overdue=true&assignee=${paralegal.user.id}`)).resolves.toEqual([d.id]);
      await expect(ids(admin, `caseId=${MISSING_ID}`)).resolves.toEqual([]);
      await expect(ids(admin, 'status=done&overdue=true')).resolves.toEqual([]);
    });

    it('finds the screening’s six tasks in the paralegal’s list with their type’s due dates', async () => {
      const matter = await takeCase();
      const { expected } = await withDefaultDue(0, () => screen(matter.id));
      const page = await list(paralegal, 'assignee=me');
      expect(page.items.map((task) => task.type).sort()).toEqual(PRE_OP_PLAN);
      for (const task of page.items) {
        const days = SEEDED_DUE_IN_DAYS[task.type] ?? -1;
        expect(expected.map((today) => addDays(today, days))).toContain(task.dueDate);
        expect(task).toMatchObject({ phase: 'pre_op', status: 'open', overdue: false, screeningId: expect.any(String) });
      }
      // Sorted by due date: peer support (14) first, the second surgeon opinion (42) last.
      expect(page.items[0]?.type).toBe('PEER_SUPPORT');
      expect(page.items[5]?.type).toBe('SECOND_SURGEON_OPINION');
    });

    it('pages through every task once, in order, whatever the page size (property)', async () => {
      const dueDates = ['2019-05-05', '2020-01-01', '2099-01-01', '2099-06-30'];
      const types = Object.keys(SEEDED_DUE_IN_DAYS);
      const scenario = fc.record({
        tasks: fc.array(fc.record({ due: fc.constantFrom(...dueDates), working: fc.boolean() }), { minLength: 1, maxLength: 12 }),
        limit: fc.integer({ min: 1, max: 5 }),
      });
      await fc.assert(
        fc.asyncProperty(scenario, async ({ tasks, limit }) => {
          // A fresh case per run: the caseId filter keeps runs apart.
          const matter = await takeCase();
          const made: { id: string; due: string; order: number }[] = [];
          for (const [index, spec] of tasks.entries()) {
            const task = await createTask(matter.id, { type: types[index], dueDate: spec.due });
            if (spec.working) await patchOk(task, { status: 'in_progress' });
            made.push({ id: task.id, due: spec.due, order: index });
          }
          const today = todayInLondon();
          const expected = [...made]
            .sort((x, y) => Number(y.due < today) - Number(x.due < today) || x.due.localeCompare(y.due) || x.order - y.order)
            .map((task) => task.id);

          const seen: string[] = [];
          let cursor: string | null = null;
          let pages = 0;
          do {
            const query: string = `caseId=${matter.id}&limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`;
            const page = await list(paralegal, query);
            expect(page.items.length).toBeLessThanOrEqual(limit);
            if (page.nextCursor !== null) expect(page.items).toHaveLength(limit);
            seen.push(...page.items.map((task) => task.id));
            cursor = page.nextCursor;
            pages += 1;
          } while (cursor !== null && pages <= tasks.length + 1);
          expect(seen).toEqual(expected);
          expect(pages).toBe(Math.max(1, Math.ceil(tasks.length / limit)));
        }),
        { numRuns: 6 },
      );
    });

    it('pages the overdue-only list with the same cursor rules', async () => {
      const matter = await takeCase();
      const made: string[] = [];
      for (const [index, type] of ['PEER_SUPPORT', 'PROSTHETIST', 'SURGEON_OPINION', 'PAIN_SPECIALIST'].entries()) {
        made.push((await createTask(matter.id, { type, dueDate: `201${index}-01-01` })).id);
      }
      await createTask(matter.id, { type: 'PHYSIOTHERAPIST', dueDate: '2099-01-01' });
      const first = await list(admin, 'overdue=true&limit=3');
      expect(first.items.map((task) => task.id)).toEqual(made.slice(0, 3));
      const second = await list(admin, `overdue=true&limit=3&cursor=${first.nextCursor}`);
      expect(second).toEqual({ items: [expect.objectContaining({ id: made[3] })], nextCursor: null });
    });

    it.each([
      ['a cursor of another shape', Buffer.from('["abc"]').toString('base64url')],
      ['a cursor with a bad rank', Buffer.from('[2,"2026-01-01","1"]').toString('base64url')],
      ['a cursor with a bad date', Buffer.from('[0,"soon","1"]').toString('base64url')],
      ['a cursor with a bad number', Buffer.from('[0,"2026-01-01","1; DROP TABLE"]').toString('base64url')],
      ['a cursor that is not JSON', Buffer.from('[0,').toString('base64url')],
    ])('refuses %s with 400 INVALID_CURSOR', async (_label, cursor) => {
      expectProblem(await request(t.server).get(`/api/v1/referral-tasks?cursor=${cursor}`).set(auth(admin)), 400, 'INVALID_CURSOR');
    });

    it.each([
      'cursor=%25%25%25',
      'assignee=nope',
      'assignee=everyone',
      `assignee=${'a'.repeat(37)}`,
      'status=closed',
      'type=SURGEON',
      'overdue=yes',
      'caseId=nope',
      'limit=0',
      'limit=101',
      'limit=ten',
      'sort=due',
    ])('refuses %s with 400', async (query) => {
      const response = await request(t.server).get(`/api/v1/referral-tasks?${query}`).set(auth(paralegal));
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('names the assignee field when it is neither me nor a user id', async () => {
      const response = await request(t.server).get('/api/v1/referral-tasks?assignee=nope').set(auth(paralegal));
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['assignee']);
    });
  });

  describe('PATCH /api/v1/referral-tasks/{id}: the status graph', () => {
    const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as [Status, Status]));

    it.each(pairs)('%s → %s', async (from, to) => {
      const matter = await takeCase();
      const task = await taskIn(from, matter.id);
      const response = await patchTask(task.id, task.version, { status: to });
      const allowed = from === to || ALLOWED_NEXT[from].includes(to);
      if (allowed) {
        expect(response.status).toBe(200);
        expect(response.body.status).toBe(to);
        if (to === 'done' || to === 'cancelled') expect(response.body.closedAt).toEqual(expect.any(String));
        else expect(response.body.closedAt).toBeNull();
        if (from === to && (from === 'done' || from === 'cancelled')) expect(response.body.closedAt).toBe(task.closedAt);
        expect(response.headers.etag).toBe(`"${response.body.version}"`);
      } else {
        expectProblem(response, 409, 'INVALID_STATUS_TRANSITION');
        const named = ALLOWED_NEXT[from];
        expect(response.body.detail).toContain(named.length > 0 ? named.join(', ') : 'none');
        await expect(getTask(task.id)).resolves.toMatchObject({ body: { status: from, version: task.version } });
      }
    });

    it('stamps closedAt when a task is done or cancelled', async () => {
      const matter = await takeCase();
      const before = Date.now();
      const done = await taskIn('done', matter.id, 'PEER_SUPPORT');
      const cancelled = await taskIn('cancelled', matter.id, 'PROSTHETIST');
      for (const task of [done, cancelled]) {
        expect(Date.parse(String(task.closedAt))).toBeGreaterThanOrEqual(before - 5000);
        expect(task.overdue).toBe(false);
      }
    });

    it('lets only the outcome note change on a final task', async () => {
      const matter = await takeCase();
      const done = await taskIn('done', matter.id);
      const noted = await patchOk(done, { outcomeNote: '  Peer visit took place on 3 May.  ' });
      expect(noted).toMatchObject({ outcomeNote: 'Peer visit took place on 3 May.', status: 'done', version: done.version + 1, closedAt: done.closedAt });
      const cleared = await patchOk(noted, { outcomeNote: null, status: 'done' });
      expect(cleared.outcomeNote).toBeNull();

      const providerId = await providerOf('peer_support');
      for (const change of [{ note: 'more' }, { dueDate: '2099-12-31' }, { assigneeId: otherParalegal.user.id }, { providerId }, { providerId: null }, { note: null }]) {
        const refused = await patchTask(cleared.id, cleared.version, change);
        expectProblem(refused, 409, 'REFERRAL_TASK_CLOSED');
      }
      expectProblem(await patchTask(cleared.id, cleared.version, { outcomeNote: 'fine', note: 'not fine' }), 409, 'REFERRAL_TASK_CLOSED');
      await expect(getTask(cleared.id)).resolves.toMatchObject({ body: { version: cleared.version, note: null, outcomeNote: null } });
    });

    it('changes the working fields of an open task, checking assignee and provider', async () => {
      const matter = await takeCase();
      const task = await createTask(matter.id, { type: 'PAIN_SPECIALIST' });
      const providerId = await providerOf('pain_specialist');
      const changed = await patchOk(task, { assigneeId: otherSolicitor.user.id, dueDate: '2030-01-31', providerId, note: 'Dr A first', outcomeNote: 'Called, awaiting reply' });
      expect(changed).toMatchObject({ assigneeId: otherSolicitor.user.id, dueDate: '2030-01-31', providerId, note: 'Dr A first', outcomeNote: 'Called, awaiting reply', status: 'open', version: 2 });
      const cleared = await patchOk(changed, { providerId: null, note: null }, solicitor);
      expect(cleared).toMatchObject({ providerId: null, note: null, version: 3 });

      expectProblem(await patchTask(task.id, 3, { assigneeId: admin.user.id }, solicitor), 422, 'INVALID_ASSIGNEE');
      expectProblem(await patchTask(task.id, 3, { providerId: await providerOf('surgeon') }, solicitor), 422, 'INVALID_PROVIDER');
      expectProblem(await patchTask(task.id, 3, { providerId: MISSING_ID }, solicitor), 422, 'INVALID_PROVIDER');
      await expect(getTask(task.id, solicitor)).resolves.toMatchObject({ body: { version: 3, assigneeId: otherSolicitor.user.id, providerId: null } });
    });

    it('keeps a provider on a task after the provider is deactivated', async () => {
      const matter = await takeCase();
      const providerId = await providerOf('peer_support');
      const task = await createTask(matter.id, { type: 'PEER_SUPPORT', providerId });
      await request(t.server).patch(`/api/v1/providers/${providerId}`).set(auth(admin)).set('If-Match', '"1"').send({ active: false }).expect(200);
      await expect(getTask(task.id)).resolves.toMatchObject({ body: { providerId } });
      // Changing other fields leaves the provider in place without re-checking it.
      await expect(patchOk(task, { status: 'in_progress', providerId })).resolves.toMatchObject({ providerId, status: 'in_progress' });
    });

    it.each([
      [{ status: 'reopened' }, 'status'],
      [{ status: null }, 'status'],
      [{ dueDate: '1999-12-31' }, 'dueDate'],
      [{ dueDate: null }, 'dueDate'],
      [{ assigneeId: null }, 'assigneeId'],
      [{ assigneeId: 'someone' }, 'assigneeId'],
      [{ outcomeNote: 'x'.repeat(4001) }, 'outcomeNote'],
      [{ outcomeNote: '' }, 'outcomeNote'],
      [{ type: 'SURGEON_OPINION' }, 'type'],
      [{ phase: 'post_op' }, 'phase'],
      [{ version: 7 }, 'version'],
      [{ closedAt: '2026-01-01T00:00:00Z' }, 'closedAt'],
    ])('refuses %j with 400 naming %s', async (body, field) => {
      const matter = await takeCase();
      const task = await createTask(matter.id, { type: 'PEER_SUPPORT' });
      const response = await patchTask(task.id, 1, body);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      await expect(getTask(task.id)).resolves.toMatchObject({ body: { version: 1 } });
    });

    it('takes an outcome note of exactly 4000 characters', async () => {
      const matter = await takeCase();
      const task = await createTask(matter.id, { type: 'PEER_SUPPORT' });
      await expect(patchOk(task, { outcomeNote: 'o'.repeat(4000) })).resolves.toMatchObject({ outcomeNote: 'o'.repeat(4000) });
    });
  });

  describe('PATCH /api/v1/referral-tasks/{id}: If-Match', () => {
    it('needs If-Match (428), refuses a stale one (412) and a malformed one (400), and takes a weak one', async () => {
      const matter = await takeCase();
      const task = await createTask(matter.id, { type: 'PEER_SUPPORT' });
      const url = `/api/v1/referral-tasks/${task.id}`;
      expectProblem(await request(t.server).patch(url).set(auth(paralegal)).send({ status: 'in_progress' }), 428, 'IF_MATCH_REQUIRED');
      expectProblem(await patchTask(task.id, 'abc', { status: 'in_progress' }), 400, 'INVALID_IF_MATCH');
      expectProblem(await patchTask(task.id, '*', { status: 'in_progress' }), 400, 'INVALID_IF_MATCH');
      expectProblem(await patchTask(task.id, 2, { status: 'in_progress' }), 412, 'STALE_WRITE');
      const moved = await patchTask(task.id, 'W/"1"', { status: 'in_progress' });
      expect(moved.status).toBe(200);
      expect(moved.headers.etag).toBe('"2"');
      expectProblem(await patchTask(task.id, 1, { outcomeNote: 'late' }), 412, 'STALE_WRITE');
      await expect(getTask(task.id)).resolves.toMatchObject({ headers: { etag: '"2"' }, body: { status: 'in_progress', outcomeNote: null, version: 2 } });
    });

    it('lets exactly one of two simultaneous PATCHes on the same version win; the other gets 412', async () => {
      const matter = await takeCase();
      const task = await createTask(matter.id, { type: 'PEER_SUPPORT' });
      const answers = await Promise.all([
        patchTask(task.id, 1, { status: 'done', outcomeNote: 'Visit arranged' }, paralegal),
        patchTask(task.id, 1, { status: 'in_progress' }, solicitor),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 412]);
      const loser = answers.find((answer) => answer.status !== 200);
      if (loser !== undefined) expectProblem(loser, 412, 'STALE_WRITE');
      const winner = answers.find((answer) => answer.status === 200);
      await expect(getTask(task.id)).resolves.toMatchObject({ body: { status: winner?.body.status, version: 2 } });
    });

    it('answers a writer who missed a close with 412 (re-read), not with a judgement on the state they never saw', async () => {
      const matter = await takeCase();
      const task = await createTask(matter.id, { type: 'PEER_SUPPORT' });
      await patchOk(task, { status: 'done' }, solicitor);
      expectProblem(await patchTask(task.id, 1, { status: 'in_progress' }), 412, 'STALE_WRITE');
      expectProblem(await patchTask(task.id, 1, { note: 'call back' }), 412, 'STALE_WRITE');
    });

    it('answers an empty PATCH at the current version with the task unchanged', async () => {
      const matter = await takeCase();
      const task = await createTask(matter.id, { type: 'PEER_SUPPORT' });
      await expect(patchOk(task, {})).resolves.toMatchObject({ version: 1, status: 'open' });
    });
  });

  describe('tasks made by the pathway', () => {
    it('creates the post-op tasks on entering post_operative, beside a still-open pre-op prosthetist', async () => {
      const matter = await takeCase();
      const preOp = await screen(matter.id);
      const prosthetist = preOp.find((task) => task.type === 'PROSTHETIST');
      const { expected } = await withDefaultDue(0, () => toPostOperative(matter.id));

      const page = await list(paralegal, `caseId=${matter.id}&limit=100`);
      const postOp = page.items.filter((task) => task.phase === 'post_op');
      expect(postOp.map((task) => task.type).sort()).toEqual([...POST_OP_CARE, 'PERSONAL_TRAINER'].sort());
      for (const task of postOp) {
        expect(task).toMatchObject({ status: 'open', assigneeId: paralegal.user.id, screeningId: null, createdById: solicitor.user.id, providerId: null });
        expect(expected.map((today) => addDays(today, SEEDED_DUE_IN_DAYS[task.type] ?? -1))).toContain(task.dueDate);
      }
      const prosthetists = page.items.filter((task) => task.type === 'PROSTHETIST');
      expect(prosthetists.map((task) => task.phase).sort()).toEqual(['post_op', 'pre_op']);
      expect(prosthetists.find((task) => task.phase === 'pre_op')).toMatchObject({ id: prosthetist?.id, status: 'open' });
      expect(page.items).toHaveLength(12);
    });

    it('does not duplicate a post-op task already open, and replaces none that is in progress', async () => {
      const matter = await takeCase();
      await screen(matter.id);
      const early = await createTask(matter.id, { type: 'PHYSIOTHERAPIST', phase: 'post_op', dueDate: '2030-01-01' });
      await patchOk(early, { status: 'in_progress' });
      await toPostOperative(matter.id);
      const physios = (await list(admin, `caseId=${matter.id}&type=PHYSIOTHERAPIST`)).items;
      expect(physios).toEqual([expect.objectContaining({ id: early.id, phase: 'post_op', status: 'in_progress', dueDate: '2030-01-01' })]);
    });

    it.each([
      ['K0', false],
      ['K1', false],
      ['K2', false],
      ['K3', true],
      ['K4', true],
      ['unknown', false],
    ])('activity level %s: personal trainer %s', async (activityLevel, trainer) => {
      const matter = await takeCase({ health: { activityLevel } });
      await screen(matter.id);
      await toPostOperative(matter.id);
      const types = (await list(admin, `caseId=${matter.id}&limit=100`)).items.filter((task) => task.phase === 'post_op').map((task) => task.type).sort();
      expect(types).toEqual(trainer ? [...POST_OP_CARE, 'PERSONAL_TRAINER'].sort() : POST_OP_CARE);
    });

    it.each([
      ['declined', ['declined']],
      ['closed', ['accepted', 'closed']],
    ])('creates no post-op work for a %s case entering post_operative', async (_stage, path) => {
      const matter = await takeCase();
      await screen(matter.id);
      for (const to of ['referred', 'assessed', 'surgery_scheduled']) await move(matter.id, to);
      for (const to of path) await move(matter.id, to, 'The client instructed another firm.');
      await request(t.server).post(`/api/v1/cases/${matter.id}/transitions`).set(auth(solicitor)).send({ to: 'post_operative' });
      const postOp = (await list(admin, `caseId=${matter.id}&limit=100`)).items.filter((task) => task.phase === 'post_op');
      expect(postOp).toEqual([]);
    });

    it('assigns post-op tasks to the solicitor when the case has no paralegal', async () => {
      const matter = await takeCase({ paralegal: null });
      await screen(matter.id);
      await toPostOperative(matter.id);
      const postOp = (await list(solicitor, `caseId=${matter.id}&limit=100`)).items.filter((task) => task.phase === 'post_op');
      expect(postOp).toHaveLength(6);
      expect(new Set(postOp.map((task) => task.assigneeId))).toEqual(new Set([solicitor.user.id]));
    });

    it('gives a second case on the same client its own paralegal’s tasks', async () => {
      const matter = await takeCase();
      const second = await request(t.server)
        .post('/api/v1/cases')
        .set(auth(solicitor))
        .send({ clientId: matter.client.id, ...caseFields({ solicitorId: solicitor.user.id, paralegalId: otherParalegal.user.id }, { incidentType: 'workplace' }) });
      expect(second.status).toBe(201);
      const task = await createTask(second.body.id as string, { type: 'PEER_SUPPORT' });
      expect(task.assigneeId).toBe(otherParalegal.user.id);
      await expect(ids(otherParalegal)).resolves.toEqual([task.id]);
      await expect(ids(paralegal)).resolves.toEqual([]);
    });
  });
});
