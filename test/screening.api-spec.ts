import request from 'supertest';
import { healthProfileBody } from './factories/client.factory';
import { intakeBody } from './factories/intake.factory';
import { createUser, CreatedUser } from './factories/user.factory';
import { expectProblem } from './support/problem';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

describe('screening', () => {
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
});
