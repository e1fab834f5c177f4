import request from 'supertest';
import { addDays, addYears, todayInLondon } from '../src/common/time/calendar-date';
import { CONFIGURABLE_SEVERITY_KEYS } from '../src/screening/engine';
import { fieldsOf } from './factories/client-records';
import { amputationBody, clientBody, healthProfileBody } from './factories/client.factory';
import { caseFields, intakeBody } from './factories/intake.factory';
import { createUser, CreatedUser } from './factories/user.factory';
import { expectProblem } from './support/problem';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

const MISSING_ID = '6f1c2a8e-2a53-4b8e-9d7e-0c6f3f1f7a10';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const PRE_OP_REFERRAL = ['PAIN_PSYCHOLOGIST', 'PAIN_SPECIALIST', 'PEER_SUPPORT', 'PROSTHETIST', 'SECOND_SURGEON_OPINION', 'SURGEON_OPINION'];
const CONTRAINDICATED_PLAN = ['PEER_SUPPORT', 'PROSTHETIST_SOCKET_REVIEW'];
const SURGEONS = ['SECOND_SURGEON_OPINION', 'SURGEON_OPINION'];
const OVERRIDE_REASON = 'Surgeon asked to see the client anyway.';

interface Flag {
  code: string;
  severity: string;
  modifiable: boolean;
  message: string;
  fields: string[];
}
interface Task {
  id: string;
  type: string;
  phase: string;
  status: string;
  note: string | null;
  dueDate: string;
  assigneeId: string | null;
  screeningId: string | null;
  version: number;
}

const typesOf = (tasks: unknown): string[] => (tasks as Task[]).map((task) => task.type).sort();
const sansRequestId = (response: request.Response): Record<string, unknown> => {
  const { requestId: _requestId, ...rest } = response.body as Record<string, unknown>;
  return rest;
};

describe('screening', () => {
  let t: TestApp;
  let admin: CreatedUser;
  let solicitor: CreatedUser;
  let paralegal: CreatedUser;
  let otherSolicitor: CreatedUser;
  let otherParalegal: CreatedUser;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await cleanDatabase(t.dataSource);
    admin = await createUser(t.app, { role: 'admin' });
    solicitor = await createUser(t.app, { role: 'solicitor' });
    paralegal = await createUser(t.app, { role: 'paralegal' });
    otherSolicitor = await createUser(t.app, { role: 'solicitor' });
    otherParalegal = await createUser(t.app, { role: 'paralegal' });
  });

  const auth = (user: CreatedUser) => ({ Authorization: `Bearer ${user.token}` });

  async function takeCase(overrides: Record<string, unknown> = {}): Promise<{ id: string; reference: string; client: { id: string } }> {
    const response = await request(t.server)
      .post('/api/v1/intake')
      .set(auth(solicitor))
      .send(intakeBody({ solicitorId: solicitor.user.id, paralegalId: paralegal.user.id }, overrides));
    expect(response.status).toBe(201);
    return response.body as { id: string; reference: string; client: { id: string } };
  }

  const screen = (caseId: string, user: CreatedUser = solicitor) => request(t.server).post(`/api/v1/cases/${caseId}/screenings`).set(auth(user)).send();

  it('screens a suitable client: refer, pathway screened, six pre-op tasks for the paralegal', async () => {
    const matter = await takeCase();
    const response = await screen(matter.id);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ caseId: matter.id, ruleSetVersion: 'oi-default-1', outcome: 'refer', flags: [], ranById: solicitor.user.id, review: null });
    expect(response.body.snapshot.health.diabetes).toBe('no');
    const types = (response.body.referralTasks as { type: string; phase: string; assigneeId: string; status: string }[]).map((task) => task.type).sort();
    expect(types).toEqual(['PAIN_PSYCHOLOGIST', 'PAIN_SPECIALIST', 'PEER_SUPPORT', 'PROSTHETIST', 'SECOND_SURGEON_OPINION', 'SURGEON_OPINION']);
    for (const task of response.body.referralTasks as { phase: string; assigneeId: string; status: string }[]) {
      expect(task).toMatchObject({ phase: 'pre_op', assigneeId: paralegal.user.id, status: 'open' });
    }
    const after = await request(t.server).get(`/api/v1/cases/${matter.id}`).set(auth(solicitor));
    expect(after.body.pathwayStage).toBe('screened');
  });

  it('re-screening never duplicates an open task', async () => {
    const matter = await takeCase();
    expect((await screen(matter.id)).status).toBe(201);
    const again = await screen(matter.id);
    expect(again.status).toBe(201);
    expect(again.body.referralTasks).toEqual([]);
    const list = await request(t.server).get(`/api/v1/referral-tasks?caseId=${matter.id}`).set(auth(paralegal));
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(6);
    const history = await request(t.server).get(`/api/v1/cases/${matter.id}/screenings`).set(auth(paralegal));
    expect(history.status).toBe(200);
    expect(history.body.map((row: { id: string }) => row.id)).toEqual([again.body.id, expect.any(String)]);
  });

  it('a smoker is contraindicated with a re-screen task; an override asks the surgeons', async () => {
    const matter = await takeCase({ healthProfile: healthProfileBody({ smokingStatus: 'current' }) });
    const result = await screen(matter.id);
    expect(result.body.outcome).toBe('contraindicated');
    expect(result.body.flags).toEqual([expect.objectContaining({ code: 'SMOKER', severity: 'contraindication', modifiable: true, fields: ['health.smokingStatus'] })]);
    expect((result.body.referralTasks as { type: string }[]).map((task) => task.type).sort()).toEqual(['PEER_SUPPORT', 'PROSTHETIST_SOCKET_REVIEW', 'RESCREEN_REVIEW']);

    const tooShort = await request(t.server).post(`/api/v1/cases/${matter.id}/screenings/${result.body.id}/review`).set(auth(solicitor)).send({ decision: 'override', reason: 'short' });
    expectProblem(tooShort, 400, 'VALIDATION_FAILED');

    const review = await request(t.server)
      .post(`/api/v1/cases/${matter.id}/screenings/${result.body.id}/review`)
      .set(auth(solicitor))
      .send({ decision: 'override', reason: 'Stopped smoking in March; surgeon asked to see her anyway.' });
    expect(review.status).toBe(201);
    expect(review.body).toMatchObject({ decision: 'override', reviewedById: solicitor.user.id });
    expect((review.body.referralTasks as { type: string }[]).map((task) => task.type).sort()).toEqual(['SECOND_SURGEON_OPINION', 'SURGEON_OPINION']);

    const twice = await request(t.server).post(`/api/v1/cases/${matter.id}/screenings/${result.body.id}/review`).set(auth(solicitor)).send({ decision: 'accept' });
    expectProblem(twice, 409, 'SCREENING_ALREADY_REVIEWED');
  });

  it('a new active rule set changes future results and not past ones', async () => {
    const matter = await takeCase({ healthProfile: healthProfileBody({ diabetes: 'yes' }) });
    const before = await screen(matter.id);
    expect(before.body.outcome).toBe('contraindicated');

    const current = await request(t.server).get('/api/v1/screening/rule-sets').set(auth(admin));
    const severities = { ...current.body[0].severities, DIABETES: 'caution' };
    const created = await request(t.server).post('/api/v1/screening/rule-sets').set(auth(admin)).send({ version: 'firm-2027-1', severities });
    expect(created.status).toBe(201);
    expect(created.body.active).toBe(false);
    const activated = await request(t.server).post(`/api/v1/screening/rule-sets/${created.body.id}/activate`).set(auth(admin)).send();
    expect(activated.status).toBe(200);
    expect(activated.body.active).toBe(true);

    const after = await screen(matter.id);
    expect(after.body).toMatchObject({ outcome: 'refer_with_caution', ruleSetVersion: 'firm-2027-1' });
    const old = await request(t.server).get(`/api/v1/cases/${matter.id}/screenings/${before.body.id}`).set(auth(solicitor));
    expect(old.body).toMatchObject({ outcome: 'contraindicated', ruleSetVersion: 'oi-default-1' });
  });

  it('the calendar feed lists the paralegal’s open tasks as all-day events', async () => {
    const matter = await takeCase();
    await screen(matter.id);
    const feed = await request(t.server).get('/api/v1/referral-tasks/calendar.ics').set(auth(paralegal));
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    expect(feed.text.match(/BEGIN:VEVENT/g)).toHaveLength(6);
    expect(feed.text).toContain(`${matter.reference}`);
    expect(feed.text).toMatch(/DTSTART;VALUE=DATE:\d{8}/);
  });

  it('entering post_operative creates the post-op tasks', async () => {
    const matter = await takeCase();
    await screen(matter.id);
    for (const to of ['referred', 'assessed', 'surgery_scheduled', 'post_operative']) {
      const moved = await request(t.server).post(`/api/v1/cases/${matter.id}/transitions`).set(auth(solicitor)).send({ to });
      expect(moved.status).toBe(200);
    }
    const list = await request(t.server).get(`/api/v1/referral-tasks?caseId=${matter.id}&limit=100`).set(auth(paralegal));
    const postOp = (list.body.items as { type: string; phase: string }[]).filter((task) => task.phase === 'post_op').map((task) => task.type).sort();
    expect(postOp).toEqual(['OCCUPATIONAL_THERAPIST', 'PAIN_PSYCHOLOGIST', 'PAIN_SPECIALIST', 'PERSONAL_TRAINER', 'PHYSIOTHERAPIST', 'PROSTHETIST']);
  });

  // ---- helpers for the tests below ----

  const screeningsUrl = (caseId: string) => `/api/v1/cases/${caseId}/screenings`;
  const getScreening = (caseId: string, screeningId: string, user: CreatedUser = solicitor) =>
    request(t.server).get(`${screeningsUrl(caseId)}/${screeningId}`).set(auth(user));
  const history = (caseId: string, user: CreatedUser = solicitor) => request(t.server).get(screeningsUrl(caseId)).set(auth(user));
  const review = (caseId: string, screeningId: string, body: Record<string, unknown>, user: CreatedUser = solicitor) =>
    request(t.server).post(`${screeningsUrl(caseId)}/${screeningId}/review`).set(auth(user)).send(body);
  const transition = (caseId: string, to: string, reason?: string) =>
    request(t.server).post(`/api/v1/cases/${caseId}/transitions`).set(auth(solicitor)).send(reason === undefined ? { to } : { to, reason });

  /** A case on a client with these records; the health profile and amputations default to a suitable client. */
  async function caseWith(records: { health?: Record<string, unknown> | null; amputations?: Record<string, unknown>[]; client?: Record<string, unknown> }) {
    return takeCase({
      ...(records.health === undefined ? {} : { healthProfile: records.health === null ? undefined : healthProfileBody(records.health) }),
      ...(records.amputations === undefined ? {} : { amputations: records.amputations }),
      ...(records.client === undefined ? {} : { client: clientBody(records.client) }),
    });
  }

  async function screened(caseId: string, user: CreatedUser = solicitor): Promise<{ id: string; outcome: string; flags: Flag[]; referralTasks: Task[] } & Record<string, unknown>> {
    const response = await screen(caseId, user);
    expect(response.status).toBe(201);
    return response.body as { id: string; outcome: string; flags: Flag[]; referralTasks: Task[] } & Record<string, unknown>;
  }

  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await t.dataSource.query<{ n: number }[]>(sql, params))[0]?.n ?? -1;
  const screeningCount = (caseId: string) => count('SELECT count(*)::int AS n FROM screenings WHERE case_id = $1', [caseId]);
  const reviewCount = () => count('SELECT count(*)::int AS n FROM screening_reviews');
  const taskCount = (caseId: string) => count('SELECT count(*)::int AS n FROM referral_tasks WHERE case_id = $1', [caseId]);
  const pathwayChanges = async (caseId: string): Promise<{ fromStage: string; toStage: string; reason: string | null; changedById: string }[]> =>
    t.dataSource.query(
      `SELECT from_stage AS "fromStage", to_stage AS "toStage", reason, changed_by_id AS "changedById" FROM case_stage_changes
       WHERE case_id = $1 AND track = 'pathway' ORDER BY changed_at, to_stage`,
      [caseId],
    );
  const pathwayOf = async (caseId: string): Promise<string> => (await request(t.server).get(`/api/v1/cases/${caseId}`).set(auth(solicitor)).expect(200)).body.pathwayStage as string;
  /** Open and in-progress tasks of the case, as `TYPE/phase` strings, sorted (duplicates kept, so a twin shows). */
  const activeTasks = async (caseId: string): Promise<string[]> =>
    (await t.dataSource.query<{ type: string; phase: string }[]>(`SELECT type, phase FROM referral_tasks WHERE case_id = $1 AND status IN ('open', 'in_progress')`, [caseId]))
      .map((row) => `${row.type}/${row.phase}`)
      .sort();

  describe('outcomes through the API', () => {
    it('refer: no flags, the six pre-op tasks due by their type’s default, each pointing at the screening', async () => {
      const matter = await takeCase();
      const result = await screened(matter.id);
      const today = todayInLondon();
      expect(result).toEqual({
        id: expect.stringMatching(UUID),
        caseId: matter.id,
        ruleSetId: expect.stringMatching(UUID),
        ruleSetVersion: 'oi-default-1',
        outcome: 'refer',
        flags: [],
        snapshot: expect.any(Object),
        ranById: solicitor.user.id,
        ranAt: expect.stringMatching(ISO_INSTANT),
        review: null,
        referralTasks: expect.any(Array),
      });
      const due = Object.fromEntries(result.referralTasks.map((task) => [task.type, task.dueDate]));
      expect(due).toEqual({
        SURGEON_OPINION: addDays(today, 28),
        SECOND_SURGEON_OPINION: addDays(today, 42),
        PEER_SUPPORT: addDays(today, 14),
        PAIN_PSYCHOLOGIST: addDays(today, 28),
        PAIN_SPECIALIST: addDays(today, 28),
        PROSTHETIST: addDays(today, 21),
      });
      for (const task of result.referralTasks) {
        expect(task).toMatchObject({ caseId: matter.id, caseReference: matter.reference, screeningId: result.id, phase: 'pre_op', status: 'open', note: null, createdById: solicitor.user.id });
      }
    });

    it.each([
      ['osteoporosis', { osteoporosis: 'yes' }, 'OSTEOPOROSIS', 'health.osteoporosis'],
      ['immunosuppression', { immunosuppression: 'yes' }, 'IMMUNOSUPPRESSION', 'health.immunosuppression'],
      ['pregnancy', { pregnancy: 'yes' }, 'PREGNANCY', 'health.pregnancy'],
      ['past chemotherapy', { chemotherapy: 'past' }, 'CHEMOTHERAPY', 'health.chemotherapy'],
    ])('refer_with_caution for %s: one caution flag, the full referral plan', async (_label, health, code, field) => {
      const matter = await caseWith({ health });
      const result = await screened(matter.id);
      expect(result.outcome).toBe('refer_with_caution');
      expect(result.flags).toEqual([{ code, severity: 'caution', modifiable: false, message: expect.any(String), fields: [field] }]);
      expect(result.flags[0]?.message.length).toBeGreaterThan(40);
      expect(typesOf(result.referralTasks)).toEqual(PRE_OP_REFERRAL);
    });

    it.each([
      ['peripheral vascular disease', { peripheralVascularDisease: 'yes' }, 'PVD', 'health.peripheralVascularDisease'],
      ['diabetes', { diabetes: 'yes' }, 'DIABETES', 'health.diabetes'],
      ['radiotherapy to the limb', { limbRadiotherapy: 'yes' }, 'LIMB_RADIOTHERAPY', 'health.limbRadiotherapy'],
      ['ongoing chemotherapy', { chemotherapy: 'ongoing' }, 'CHEMOTHERAPY', 'health.chemotherapy'],
    ])('contraindicated for %s: socket review and peer support, no re-screen task since it cannot change', async (_label, health, code, field) => {
      const matter = await caseWith({ health });
      const result = await screened(matter.id);
      expect(result.outcome).toBe('contraindicated');
      expect(result.flags).toEqual([{ code, severity: 'contraindication', modifiable: false, message: expect.any(String), fields: [field] }]);
      expect(typesOf(result.referralTasks)).toEqual(CONTRAINDICATED_PLAN);
    });

    it('contraindicated for smoking and infection together: one re-screen task naming both changes', async () => {
      const matter = await caseWith({ health: { smokingStatus: 'current', activeInfection: 'yes' } });
      const result = await screened(matter.id);
      expect(result.outcome).toBe('contraindicated');
      expect(result.flags.map((flag) => [flag.code, flag.modifiable])).toEqual([
        ['SMOKER', true],
        ['ACTIVE_INFECTION', true],
      ]);
      expect(typesOf(result.referralTasks)).toEqual([...CONTRAINDICATED_PLAN, 'RESCREEN_REVIEW'].sort());
      const rescreen = result.referralTasks.find((task) => task.type === 'RESCREEN_REVIEW');
      expect(rescreen?.note).toMatch(/stopped smoking/);
      expect(rescreen?.note).toMatch(/infection has been treated/);
      expect(rescreen?.dueDate).toBe(addDays(todayInLondon(), 90));
    });

    it('contraindicated for a smoker who also has PVD: no re-screen task, since not everything can change', async () => {
      const matter = await caseWith({ health: { smokingStatus: 'current', peripheralVascularDisease: 'yes' } });
      const result = await screened(matter.id);
      expect(result.flags.map((flag) => flag.code)).toEqual(['PVD', 'SMOKER']);
      expect(typesOf(result.referralTasks)).toEqual(CONTRAINDICATED_PLAN);
    });

    it('needs_information when diabetes is unknown: one records task naming the missing fact', async () => {
      const matter = await caseWith({ health: { diabetes: 'unknown' } });
      const result = await screened(matter.id);
      expect(result.outcome).toBe('needs_information');
      expect(result.flags).toEqual([{ code: 'MISSING_FACTS', severity: 'info', modifiable: false, message: expect.stringContaining('diabetes'), fields: ['health.diabetes'] }]);
      expect(result.referralTasks).toEqual([expect.objectContaining({ type: 'OBTAIN_MEDICAL_RECORDS', phase: 'pre_op', note: 'Obtain medical records to establish: diabetes.', dueDate: addDays(todayInLondon(), 21) })]);
    });

    it('needs_information for a bare client (no health facts, no date of birth, no amputation): every missing fact is named', async () => {
      const matter = await caseWith({ health: null, amputations: [], client: { dateOfBirth: null } });
      const result = await screened(matter.id);
      expect(result.outcome).toBe('needs_information');
      const missing = result.flags.find((flag) => flag.code === 'MISSING_FACTS');
      expect(missing?.fields).toEqual(['health.peripheralVascularDisease', 'health.diabetes', 'health.smokingStatus', 'dateOfBirth', 'amputations']);
      expect(result.flags.map((flag) => flag.code)).toEqual(['MISSING_FACTS', 'NO_SOCKET_COMPLAINT']);
      expect(result.referralTasks).toHaveLength(1);
      expect(result.referralTasks[0]?.note).toBe(
        'Obtain medical records to establish: peripheral vascular disease, diabetes, smoking status, date of birth, amputation details.',
      );
      expect(result.snapshot).toMatchObject({ dateOfBirth: null, amputations: [] });
    });

    it('chemotherapy unknown is not a missing fact', async () => {
      const result = await screened((await caseWith({ health: { chemotherapy: 'unknown' } })).id);
      expect(result).toMatchObject({ outcome: 'refer', flags: [] });
    });

    it('contraindicated with facts missing gets no records task', async () => {
      const matter = await caseWith({ health: { peripheralVascularDisease: 'yes', smokingStatus: 'unknown', diabetes: 'unknown' } });
      const result = await screened(matter.id);
      expect(result.outcome).toBe('contraindicated');
      expect(result.flags.map((flag) => flag.code)).toEqual(['PVD', 'MISSING_FACTS']);
      expect(typesOf(result.referralTasks)).toEqual(CONTRAINDICATED_PLAN);
      await expect(activeTasks(matter.id)).resolves.toEqual(['PEER_SUPPORT/pre_op', 'PROSTHETIST_SOCKET_REVIEW/pre_op']);
    });

    it('not_indicated without a socket complaint: no tasks, but the pathway still moves to screened', async () => {
      const matter = await caseWith({ amputations: [amputationBody({ socketComplaints: [] })] });
      const result = await screened(matter.id);
      expect(result.outcome).toBe('not_indicated');
      expect(result.flags).toEqual([
        { code: 'NO_SOCKET_COMPLAINT', severity: 'info', modifiable: false, message: expect.any(String), fields: ['amputations[0].socketComplaints'] },
      ]);
      expect(result.referralTasks).toEqual([]);
      await expect(taskCount(matter.id)).resolves.toBe(0);
      await expect(pathwayOf(matter.id)).resolves.toBe('screened');
    });

    it('flags the level of the amputation that triggered it, by its position', async () => {
      const matter = await caseWith({
        amputations: [
          amputationBody({ level: 'transfemoral' }),
          amputationBody({ side: 'right', level: 'transtibial', socketComplaints: [] }),
          amputationBody({ limb: 'upper', side: 'left', level: 'elbow_disarticulation', socketComplaints: [] }),
        ],
      });
      const result = await screened(matter.id);
      expect(result.outcome).toBe('refer_with_caution');
      expect(result.flags).toEqual([
        expect.objectContaining({ code: 'LEVEL_EMERGING', severity: 'caution', fields: ['amputations[1].level'] }),
        expect.objectContaining({ code: 'LEVEL_UNUSUAL', severity: 'caution', fields: ['amputations[2].level'], message: expect.stringContaining('elbow disarticulation') }),
      ]);
    });

    it('flags a client who is under 18 on the screening date, and not one who turned 18 today', async () => {
      const today = todayInLondon();
      const eighteenToday = addYears(today, -18);
      const young = await caseWith({ client: { dateOfBirth: addDays(eighteenToday, 1) } });
      const result = await screened(young.id);
      expect(result.outcome).toBe('contraindicated');
      expect(result.flags).toEqual([{ code: 'SKELETAL_IMMATURITY', severity: 'contraindication', modifiable: false, message: expect.any(String), fields: ['dateOfBirth'] }]);
      expect(typesOf(result.referralTasks)).toEqual(CONTRAINDICATED_PLAN);
      expect(result.snapshot).toMatchObject({ screeningDate: today, dateOfBirth: addDays(eighteenToday, 1) });

      const adult = await caseWith({ client: { dateOfBirth: eighteenToday, firstName: 'Bea' } });
      await expect(screened(adult.id)).resolves.toMatchObject({ outcome: 'refer', flags: [] });
    });

    it('uses the severities of the active rule set: PVD as info refers, with the flag kept for the reader', async () => {
      const severities = { ...Object.fromEntries(CONFIGURABLE_SEVERITY_KEYS.map((key) => [key, 'caution'])), PVD: 'info' };
      const created = await request(t.server).post('/api/v1/screening/rule-sets').set(auth(admin)).send({ version: 'pvd-info-1', severities });
      await request(t.server).post(`/api/v1/screening/rule-sets/${created.body.id}/activate`).set(auth(admin)).send().expect(200);
      const result = await screened((await caseWith({ health: { peripheralVascularDisease: 'yes' } })).id);
      expect(result).toMatchObject({ outcome: 'refer', ruleSetVersion: 'pvd-info-1', ruleSetId: created.body.id });
      expect(result.flags).toEqual([expect.objectContaining({ code: 'PVD', severity: 'info' })]);
    });
  });

  describe('the stored result', () => {
    it('keeps a snapshot of exactly the facts the rules read, with the screening date and nothing personal', async () => {
      const matter = await caseWith({ health: { smokingStatus: 'former', quitDate: '2019-06-01', activityLevel: 'K2', hotClimate: 'yes' } });
      const result = await screened(matter.id);
      expect(result.snapshot).toEqual({
        screeningDate: todayInLondon(),
        dateOfBirth: '1980-04-02',
        amputations: [{ limb: 'lower', side: 'left', level: 'transfemoral', socketComplaints: [{ type: 'excessive_sweating', severity: 'moderate' }] }],
        health: {
          peripheralVascularDisease: 'no',
          diabetes: 'no',
          smokingStatus: 'former',
          limbRadiotherapy: 'no',
          chemotherapy: 'none',
          activeInfection: 'no',
          immunosuppression: 'no',
          osteoporosis: 'no',
          pregnancy: 'no',
          activityLevel: 'K2',
          hotClimate: 'yes',
        },
      });
      const stored = JSON.stringify((await getScreening(matter.id, result.id).expect(200)).body);
      for (const personal of ['Hale', 'ann@example.org', 'RG1 1AA', '07700', '2019-06-01']) expect(stored).not.toContain(personal);
    });

    it('does not change when the client’s record changes afterwards; the next screening reads the new record', async () => {
      const matter = await takeCase();
      const first = await screened(matter.id);
      const { referralTasks: _tasks, ...stored } = first;

      const profile = await request(t.server).get(`/api/v1/clients/${matter.client.id}/health-profile`).set(auth(solicitor)).expect(200);
      await request(t.server)
        .put(`/api/v1/clients/${matter.client.id}/health-profile`)
        .set(auth(solicitor))
        .set('If-Match', String(profile.headers.etag))
        .send(healthProfileBody({ diabetes: 'yes' }))
        .expect(200);
      await request(t.server).post(`/api/v1/clients/${matter.client.id}/amputations`).set(auth(solicitor)).send(amputationBody({ side: 'right', level: 'transtibial' })).expect(201);

      expect((await getScreening(matter.id, first.id).expect(200)).body).toEqual(stored);
      expect((await history(matter.id).expect(200)).body).toEqual([stored]);

      const second = await screened(matter.id);
      expect(second.outcome).toBe('contraindicated');
      expect(second.snapshot).toMatchObject({ health: { diabetes: 'yes' }, amputations: [{ level: 'transfemoral' }, { level: 'transtibial' }] });
      expect(((await history(matter.id).expect(200)).body as { id: string; outcome: string }[]).map((row) => [row.id, row.outcome])).toEqual([
        [second.id, 'contraindicated'],
        [first.id, 'refer'],
      ]);
    });

    it('lists newest first with each review; an empty history is an empty list', async () => {
      const matter = await takeCase();
      await expect(history(matter.id).expect(200)).resolves.toMatchObject({ body: [] });
      const first = await screened(matter.id);
      const second = await screened(matter.id);
      await review(matter.id, second.id, { decision: 'accept' }).expect(201);
      const listed = (await history(matter.id, paralegal).expect(200)).body as { id: string; review: unknown }[];
      expect(listed.map((row) => row.id)).toEqual([second.id, first.id]);
      expect(listed[0]?.review).toEqual({ decision: 'accept', reason: null, reviewedById: solicitor.user.id, reviewedAt: expect.stringMatching(ISO_INSTANT) });
      expect(listed[1]?.review).toBeNull();
    });

    it('answers 404 SCREENING_NOT_FOUND for a missing screening or one of another case, and 400 for a malformed id', async () => {
      const matter = await takeCase();
      const other = await takeCase();
      const theirs = await screened(other.id);
      expectProblem(await getScreening(matter.id, MISSING_ID), 404, 'SCREENING_NOT_FOUND');
      expectProblem(await getScreening(matter.id, theirs.id), 404, 'SCREENING_NOT_FOUND');
      const malformed = await getScreening(matter.id, 'nope');
      expectProblem(malformed, 400, 'INVALID_ID');
      expect(fieldsOf(malformed)).toEqual(['screeningId']);
    });
  });

  describe('the pathway', () => {
    it('moves not_screened → screened once, recording who and why; a later screening leaves a moved pathway alone', async () => {
      const matter = await takeCase();
      await expect(pathwayOf(matter.id)).resolves.toBe('not_screened');
      await screened(matter.id);
      await expect(pathwayOf(matter.id)).resolves.toBe('screened');
      await expect(pathwayChanges(matter.id)).resolves.toEqual([
        { fromStage: 'not_screened', toStage: 'screened', reason: 'Screened: refer (oi-default-1)', changedById: solicitor.user.id },
      ]);

      await screened(matter.id, admin);
      await expect(pathwayChanges(matter.id)).resolves.toHaveLength(1);

      await transition(matter.id, 'referred').expect(200);
      const later = await screened(matter.id);
      expect(later.outcome).toBe('refer');
      await expect(pathwayOf(matter.id)).resolves.toBe('referred');
      expect((await pathwayChanges(matter.id)).map((row) => row.toStage)).toEqual(['screened', 'referred']);
    });

    it('screens an accepted case', async () => {
      const matter = await takeCase();
      await transition(matter.id, 'accepted').expect(200);
      await screened(matter.id);
      await expect(pathwayOf(matter.id)).resolves.toBe('screened');
    });
  });

  describe('who may screen and read', () => {
    it('lets admin and the case’s solicitor screen; another solicitor gets 404 exactly as for a missing case', async () => {
      const matter = await takeCase();
      await expect(screened(matter.id, admin)).resolves.toMatchObject({ ranById: admin.user.id });
      const missing = await screen(MISSING_ID, otherSolicitor);
      expectProblem(missing, 404, 'CASE_NOT_FOUND');
      const hidden = await screen(matter.id, otherSolicitor);
      expectProblem(hidden, 404, 'CASE_NOT_FOUND');
      expect(sansRequestId(hidden)).toEqual(sansRequestId(missing));
      expectProblem(await history(matter.id, otherSolicitor), 404, 'CASE_NOT_FOUND');
      await expect(screeningCount(matter.id)).resolves.toBe(1);
    });

    it('lets the case’s paralegal read but not screen or review; another paralegal cannot read', async () => {
      const matter = await takeCase();
      const result = await screened(matter.id);
      expectProblem(await screen(matter.id, paralegal), 403, 'FORBIDDEN');
      expectProblem(await review(matter.id, result.id, { decision: 'accept' }, paralegal), 403, 'FORBIDDEN');
      expect((await history(matter.id, paralegal)).status).toBe(200);
      expect((await getScreening(matter.id, result.id, paralegal)).status).toBe(200);

      expectProblem(await screen(matter.id, otherParalegal), 403, 'FORBIDDEN');
      expectProblem(await history(matter.id, otherParalegal), 404, 'CASE_NOT_FOUND');
      expectProblem(await getScreening(matter.id, result.id, otherParalegal), 404, 'CASE_NOT_FOUND');
      await expect(screeningCount(matter.id)).resolves.toBe(1);
      await expect(reviewCount()).resolves.toBe(0);
    });

    it('hides another solicitor’s screening and its review behind 404 CASE_NOT_FOUND', async () => {
      const matter = await takeCase();
      const result = await screened(matter.id);
      expectProblem(await getScreening(matter.id, result.id, otherSolicitor), 404, 'CASE_NOT_FOUND');
      expectProblem(await review(matter.id, result.id, { decision: 'accept' }, otherSolicitor), 404, 'CASE_NOT_FOUND');
      expectProblem(await review(matter.id, result.id, { decision: 'override', reason: OVERRIDE_REASON }, otherSolicitor), 404, 'CASE_NOT_FOUND');
      await expect(reviewCount()).resolves.toBe(0);
      await expect(review(matter.id, result.id, { decision: 'accept' }, admin)).resolves.toMatchObject({ status: 201, body: { reviewedById: admin.user.id } });
    });

    it('answers 400 INVALID_ID for a malformed case id and 401 without a token', async () => {
      const malformed = await screen('12345');
      expectProblem(malformed, 400, 'INVALID_ID');
      expect(fieldsOf(malformed)).toEqual(['id']);
      const matter = await takeCase();
      expectProblem(await request(t.server).post(screeningsUrl(matter.id)).send(), 401, 'UNAUTHENTICATED');
      expectProblem(await request(t.server).get(screeningsUrl(matter.id)), 401, 'UNAUTHENTICATED');
      await expect(screeningCount(matter.id)).resolves.toBe(0);
    });
  });

  describe('cases that are not open', () => {
    it.each([
      ['declined', [['declined', 'Client chose another firm.']]],
      ['referred_elsewhere', [['referred_elsewhere', 'Clinical negligence team.']]],
      ['closed', [['accepted'], ['closed']]],
    ])('refuses to screen a %s case with 409 CASE_NOT_OPEN, writing nothing', async (_stage, moves) => {
      const matter = await takeCase();
      for (const [to, reason] of moves as [string, string?][]) await transition(matter.id, to, reason).expect(200);
      expectProblem(await screen(matter.id), 409, 'CASE_NOT_OPEN');
      await expect(screeningCount(matter.id)).resolves.toBe(0);
      await expect(taskCount(matter.id)).resolves.toBe(0);
      await expect(pathwayChanges(matter.id)).resolves.toEqual([]);
      await expect(pathwayOf(matter.id)).resolves.toBe('not_screened');
    });

    it('refuses a review once the case is declined, so an override cannot open referral work on it', async () => {
      const matter = await caseWith({ health: { peripheralVascularDisease: 'yes' } });
      const result = await screened(matter.id);
      await transition(matter.id, 'declined', 'Not suitable and the client agrees.').expect(200);
      expectProblem(await review(matter.id, result.id, { decision: 'override', reason: OVERRIDE_REASON }), 409, 'CASE_NOT_OPEN');
      expectProblem(await review(matter.id, result.id, { decision: 'accept' }), 409, 'CASE_NOT_OPEN');
      await expect(reviewCount()).resolves.toBe(0);
      await expect(activeTasks(matter.id)).resolves.toEqual(['PEER_SUPPORT/pre_op', 'PROSTHETIST_SOCKET_REVIEW/pre_op']);
    });

    it('answers 409 NO_ACTIVE_RULE_SET when no version is active, writing nothing', async () => {
      const matter = await takeCase();
      await t.dataSource.query('UPDATE screening_rule_sets SET active = false');
      expectProblem(await screen(matter.id), 409, 'NO_ACTIVE_RULE_SET');
      await expect(screeningCount(matter.id)).resolves.toBe(0);
      await expect(taskCount(matter.id)).resolves.toBe(0);
      await expect(pathwayOf(matter.id)).resolves.toBe('not_screened');
    });
  });

  describe('reviews', () => {
    it('accepts without a reason, creating no tasks, and the review shows on the screening', async () => {
      const matter = await caseWith({ health: { peripheralVascularDisease: 'yes' } });
      const result = await screened(matter.id);
      const accepted = await review(matter.id, result.id, { decision: 'accept' });
      expect(accepted.status).toBe(201);
      expect(accepted.body).toEqual({
        screeningId: result.id,
        decision: 'accept',
        reason: null,
        reviewedById: solicitor.user.id,
        reviewedAt: expect.stringMatching(ISO_INSTANT),
        referralTasks: [],
      });
      await expect(activeTasks(matter.id)).resolves.toEqual(['PEER_SUPPORT/pre_op', 'PROSTHETIST_SOCKET_REVIEW/pre_op']);
      const { referralTasks: _tasks, screeningId: _id, ...stored } = accepted.body as Record<string, unknown>;
      expect((await getScreening(matter.id, result.id, paralegal).expect(200)).body.review).toEqual(stored);
    });

    it('keeps an accept’s optional reason, trimmed', async () => {
      const matter = await takeCase();
      const result = await screened(matter.id);
      const accepted = await review(matter.id, result.id, { decision: 'accept', reason: '  Agreed.  ' });
      expect(accepted.status).toBe(201);
      expect(accepted.body.reason).toBe('Agreed.');
    });

    it.each([
      ['no reason', { decision: 'override' }],
      ['a reason of 9 characters', { decision: 'override', reason: '123456789' }],
      ['a short reason padded with spaces', { decision: 'override', reason: '     short      ' }],
      ['a reason of spaces only', { decision: 'override', reason: '               ' }],
      ['a reason of 2001 characters', { decision: 'override', reason: 'r'.repeat(2001) }],
      ['a null reason', { decision: 'override', reason: null }],
      ['a numeric reason', { decision: 'override', reason: 1234567890 }],
    ])('refuses an override with %s: 400 naming reason, nothing written', async (_label, body) => {
      const matter = await caseWith({ health: { peripheralVascularDisease: 'yes' } });
      const result = await screened(matter.id);
      const response = await review(matter.id, result.id, body);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(new Set(fieldsOf(response))).toEqual(new Set(['reason']));
      await expect(reviewCount()).resolves.toBe(0);
      await expect(activeTasks(matter.id)).resolves.toEqual(['PEER_SUPPORT/pre_op', 'PROSTHETIST_SOCKET_REVIEW/pre_op']);
    });

    it.each([
      ['no decision', {}, 'decision'],
      ['an unknown decision', { decision: 'reject', reason: OVERRIDE_REASON }, 'decision'],
      ['an unknown field', { decision: 'accept', note: 'x' }, 'note'],
    ])('refuses %s with 400', async (_label, body, field) => {
      const matter = await takeCase();
      const result = await screened(matter.id);
      const response = await review(matter.id, result.id, body);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response)).toContain(field);
      await expect(reviewCount()).resolves.toBe(0);
    });

    it('accepts an override reason of exactly 10 characters after trimming, and stores it trimmed', async () => {
      const matter = await caseWith({ health: { peripheralVascularDisease: 'yes' } });
      const result = await screened(matter.id);
      const response = await review(matter.id, result.id, { decision: 'override', reason: '   0123456789   ' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ decision: 'override', reason: '0123456789' });
    });

    it('reviews a screening once: a second review of either kind is 409 and changes nothing', async () => {
      const matter = await takeCase();
      const result = await screened(matter.id);
      const first = await review(matter.id, result.id, { decision: 'accept' });
      expect(first.status).toBe(201);
      expectProblem(await review(matter.id, result.id, { decision: 'accept' }), 409, 'SCREENING_ALREADY_REVIEWED');
      expectProblem(await review(matter.id, result.id, { decision: 'override', reason: OVERRIDE_REASON }, admin), 409, 'SCREENING_ALREADY_REVIEWED');
      const { referralTasks: _tasks, screeningId: _id, ...stored } = first.body as Record<string, unknown>;
      expect((await getScreening(matter.id, result.id).expect(200)).body.review).toEqual(stored);
    });

    it('reviews only the latest screening: an older one is 409 SCREENING_SUPERSEDED', async () => {
      const matter = await caseWith({ health: { peripheralVascularDisease: 'yes' } });
      const older = await screened(matter.id);
      const newer = await screened(matter.id);
      expectProblem(await review(matter.id, older.id, { decision: 'override', reason: OVERRIDE_REASON }), 409, 'SCREENING_SUPERSEDED');
      await expect(reviewCount()).resolves.toBe(0);
      await expect(activeTasks(matter.id)).resolves.toEqual(['PEER_SUPPORT/pre_op', 'PROSTHETIST_SOCKET_REVIEW/pre_op']);
      expect((await review(matter.id, newer.id, { decision: 'accept' })).status).toBe(201);
    });

    it('answers 404 SCREENING_NOT_FOUND for a screening of another case, or a missing one', async () => {
      const matter = await takeCase();
      const other = await caseWith({ health: { peripheralVascularDisease: 'yes' } });
      await screened(matter.id);
      const theirs = await screened(other.id);
      expectProblem(await review(matter.id, theirs.id, { decision: 'override', reason: OVERRIDE_REASON }), 404, 'SCREENING_NOT_FOUND');
      expectProblem(await review(matter.id, MISSING_ID, { decision: 'accept' }), 404, 'SCREENING_NOT_FOUND');
      const malformed = await review(matter.id, 'x', { decision: 'accept' });
      expectProblem(malformed, 400, 'INVALID_ID');
      await expect(reviewCount()).resolves.toBe(0);
      await expect(activeTasks(other.id)).resolves.toEqual(['PEER_SUPPORT/pre_op', 'PROSTHETIST_SOCKET_REVIEW/pre_op']);
    });

    it.each([
      ['contraindicated', { health: { peripheralVascularDisease: 'yes' } }],
      ['needs_information', { health: { diabetes: 'unknown' } }],
      ['not_indicated', { amputations: [amputationBody({ socketComplaints: [] })] }],
    ])('an override of %s asks both surgeons, assigned to the paralegal and pointing at the screening', async (outcome, records) => {
      const matter = await caseWith(records);
      const result = await screened(matter.id);
      expect(result.outcome).toBe(outcome);
      const response = await review(matter.id, result.id, { decision: 'override', reason: OVERRIDE_REASON });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ decision: 'override', reason: OVERRIDE_REASON, reviewedById: solicitor.user.id });
      expect(typesOf(response.body.referralTasks)).toEqual(SURGEONS);
      const today = todayInLondon();
      for (const task of response.body.referralTasks as Task[]) {
        expect(task).toMatchObject({ phase: 'pre_op', status: 'open', assigneeId: paralegal.user.id, screeningId: result.id });
        expect(task.dueDate).toBe(addDays(today, task.type === 'SURGEON_OPINION' ? 28 : 42));
      }
    });

    it('an override of contraindicated cannot duplicate the surgeon tasks: re-screened and overridden again, none are added', async () => {
      const matter = await caseWith({ health: { peripheralVascularDisease: 'yes' } });
      const first = await screened(matter.id);
      expect(typesOf((await review(matter.id, first.id, { decision: 'override', reason: OVERRIDE_REASON }).expect(201)).body.referralTasks)).toEqual(SURGEONS);
      const second = await screened(matter.id);
      expect(second.referralTasks).toEqual([]);
      const again = await review(matter.id, second.id, { decision: 'override', reason: 'Second opinion asked for again.' });
      expect(again.status).toBe(201);
      expect(again.body.referralTasks).toEqual([]);
      await expect(activeTasks(matter.id)).resolves.toEqual(['PEER_SUPPORT/pre_op', 'PROSTHETIST_SOCKET_REVIEW/pre_op', 'SECOND_SURGEON_OPINION/pre_op', 'SURGEON_OPINION/pre_op']);
    });

    it.each([
      ['refer', {}],
      ['refer_with_caution', { osteoporosis: 'yes' }],
    ])('an override of %s creates no tasks, even with the surgeon tasks closed', async (outcome, health) => {
      const matter = await caseWith({ health });
      const result = await screened(matter.id);
      expect(result.outcome).toBe(outcome);
      for (const task of result.referralTasks.filter((candidate) => SURGEONS.includes(candidate.type))) {
        await request(t.server).patch(`/api/v1/referral-tasks/${task.id}`).set(auth(paralegal)).set('If-Match', `"${task.version}"`).send({ status: 'cancelled' }).expect(200);
      }
      const response = await review(matter.id, result.id, { decision: 'override', reason: 'The client does not want surgery yet.' });
      expect(response.status).toBe(201);
      expect(response.body.referralTasks).toEqual([]);
      await expect(activeTasks(matter.id)).resolves.toEqual(['PAIN_PSYCHOLOGIST/pre_op', 'PAIN_SPECIALIST/pre_op', 'PEER_SUPPORT/pre_op', 'PROSTHETIST/pre_op']);
    });

    it('an accept of contraindicated creates no tasks', async () => {
      const matter = await caseWith({ health: { diabetes: 'yes' } });
      const result = await screened(matter.id);
      expect((await review(matter.id, result.id, { decision: 'accept' }).expect(201)).body.referralTasks).toEqual([]);
      await expect(activeTasks(matter.id)).resolves.toEqual(['PEER_SUPPORT/pre_op', 'PROSTHETIST_SOCKET_REVIEW/pre_op']);
    });
  });

  describe('at the same time', () => {
    it('two simultaneous screenings of one case both succeed and leave one open task per type and phase', async () => {
      const matter = await takeCase();
      const [a, b] = await Promise.all([screen(matter.id), screen(matter.id, admin)]);
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect((a.body.referralTasks as Task[]).length + (b.body.referralTasks as Task[]).length).toBe(6);
      const listed = await request(t.server).get(`/api/v1/referral-tasks?caseId=${matter.id}&limit=100`).set(auth(paralegal));
      expect(listed.status).toBe(200);
      expect(typesOf(listed.body.items)).toEqual(PRE_OP_REFERRAL);
      await expect(activeTasks(matter.id)).resolves.toHaveLength(6);
      await expect(screeningCount(matter.id)).resolves.toBe(2);
      await expect(pathwayChanges(matter.id)).resolves.toHaveLength(1);
      await expect(pathwayOf(matter.id)).resolves.toBe('screened');
    });

    it('two simultaneous overrides of one screening: one review, one set of surgeon tasks, the other 409', async () => {
      const matter = await caseWith({ health: { peripheralVascularDisease: 'yes' } });
      const result = await screened(matter.id);
      const responses = await Promise.all([
        review(matter.id, result.id, { decision: 'override', reason: OVERRIDE_REASON }),
        review(matter.id, result.id, { decision: 'override', reason: 'Another reason, same intent.' }, admin),
      ]);
      expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
      expectProblem(responses.find((response) => response.status === 409) as request.Response, 409, 'SCREENING_ALREADY_REVIEWED');
      await expect(reviewCount()).resolves.toBe(1);
      await expect(activeTasks(matter.id)).resolves.toEqual(['PEER_SUPPORT/pre_op', 'PROSTHETIST_SOCKET_REVIEW/pre_op', 'SECOND_SURGEON_OPINION/pre_op', 'SURGEON_OPINION/pre_op']);
    });

    it('a review racing a new screening either lands first or is told it is superseded', async () => {
      const matter = await takeCase();
      const first = await screened(matter.id);
      const [reviewed, rescreened] = await Promise.all([review(matter.id, first.id, { decision: 'accept' }), screen(matter.id, admin)]);
      expect(rescreened.status).toBe(201);
      if (reviewed.status === 201) {
        await expect(reviewCount()).resolves.toBe(1);
      } else {
        expectProblem(reviewed, 409, 'SCREENING_SUPERSEDED');
        await expect(reviewCount()).resolves.toBe(0);
      }
    });
  });

  describe('all or nothing', () => {
    // A trigger the test installs makes the last write of the transaction (the tasks) fail.
    async function withFailingTaskInserts(body: () => Promise<void>): Promise<void> {
      await t.owner.query(`CREATE OR REPLACE FUNCTION test_refuse_referral_task() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced by the test'; END $$`);
      await t.owner.query('CREATE TRIGGER test_refuse_referral_task BEFORE INSERT ON referral_tasks FOR EACH ROW EXECUTE FUNCTION test_refuse_referral_task()');
      try {
        await body();
      } finally {
        await t.owner.query('DROP TRIGGER IF EXISTS test_refuse_referral_task ON referral_tasks');
        await t.owner.query('DROP FUNCTION IF EXISTS test_refuse_referral_task()');
      }
    }

    it('leaves no screening, stage change or pathway move when creating its tasks fails', async () => {
      const matter = await takeCase();
      await withFailingTaskInserts(async () => {
        expectProblem(await screen(matter.id), 500, 'INTERNAL_ERROR');
      });
      await expect(screeningCount(matter.id)).resolves.toBe(0);
      await expect(pathwayChanges(matter.id)).resolves.toEqual([]);
      await expect(pathwayOf(matter.id)).resolves.toBe('not_screened');
      await expect(taskCount(matter.id)).resolves.toBe(0);
      // And nothing is stuck: the next try works.
      await expect(screened(matter.id)).resolves.toMatchObject({ outcome: 'refer' });
    });

    it('leaves no review when creating the override’s tasks fails', async () => {
      const matter = await caseWith({ health: { peripheralVascularDisease: 'yes' } });
      const result = await screened(matter.id);
      await withFailingTaskInserts(async () => {
        expectProblem(await review(matter.id, result.id, { decision: 'override', reason: OVERRIDE_REASON }), 500, 'INTERNAL_ERROR');
      });
      await expect(reviewCount()).resolves.toBe(0);
      expect((await review(matter.id, result.id, { decision: 'override', reason: OVERRIDE_REASON })).status).toBe(201);
    });
  });

  it('screens a second case of the same client on its own', async () => {
    const matter = await takeCase();
    const second = await request(t.server)
      .post('/api/v1/cases')
      .set(auth(solicitor))
      .send({ clientId: matter.client.id, ...caseFields({ solicitorId: solicitor.user.id, paralegalId: paralegal.user.id }, { incidentType: 'workplace', incidentDate: '2023-05-05' }) });
    expect(second.status).toBe(201);
    await screened(matter.id);
    const other = await screened(second.body.id as string);
    expect(other.referralTasks).toHaveLength(6);
    await expect(pathwayOf(second.body.id as string)).resolves.toBe('screened');
    expect((await history(second.body.id as string).expect(200)).body).toHaveLength(1);
  });

  describe('retries and the audit trail', () => {
    it('a retry with the same Idempotency-Key answers the first result and stores no second screening', async () => {
      const matter = await takeCase();
      const send = () => request(t.server).post(`/api/v1/cases/${matter.id}/screenings`).set(auth(solicitor)).set('Idempotency-Key', 'screen-once').send();
      const first = await send();
      expect(first.status).toBe(201);
      const retry = await send();
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      await expect(t.dataSource.query('SELECT count(*)::int AS n FROM screenings')).resolves.toEqual([{ n: 1 }]);
    });

    it('records the screening, the pathway move, each task and the review, with field names only', async () => {
      const matter = await takeCase({ healthProfile: healthProfileBody({ smokingStatus: 'current' }) });
      const result = await screen(matter.id);
      await request(t.server)
        .post(`/api/v1/cases/${matter.id}/screenings/${result.body.id as string}/review`)
        .set(auth(solicitor))
        .send({ decision: 'override', reason: 'Stopped smoking, surgeon to decide' })
        .expect(201);
      const rows: { action: string; entity_type: string; changed_fields: string[] }[] = await t.dataSource.query(
        `SELECT action, entity_type, changed_fields FROM audit_events WHERE actor_id = $1 AND action <> 'create' OR entity_type = 'referral_task' ORDER BY sequence`,
        [solicitor.user.id],
      );
      expect(rows.map((row) => `${row.action} ${row.entity_type}`)).toEqual([
        'screening screening',
        'transition case',
        'create referral_task',
        'create referral_task',
        'create referral_task',
        'override screening',
        'create referral_task',
        'create referral_task',
      ]);
      expect(JSON.stringify(rows)).not.toContain('current');
    });
  });
});
