import ICAL from 'ical.js';
import request from 'supertest';
import { clientBody, healthProfileBody } from './factories/client.factory';
import { intakeBody } from './factories/intake.factory';
import { createUser, CreatedUser } from './factories/user.factory';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

const FEED = '/api/v1/referral-tasks/calendar.ics';

interface Task {
  id: string;
  type: string;
  phase: string;
  status: string;
  dueDate: string;
  version: number;
  note: string | null;
}

interface FeedEvent {
  uid: string;
  summary: string;
  description: string;
  allDay: boolean;
  date: string;
}

/** The feed as a calendar program reads it. */
function parseFeed(text: string): { calendar: ICAL.Component; events: FeedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return { uid: event.uid, summary: event.summary, description: event.description, allDay: event.startDate.isDate, date: event.startDate.toString() };
  });
  return { calendar, events };
}

describe('referral task calendar feed', () => {
  let t: TestApp;
  let admin: CreatedUser;
  let solicitor: CreatedUser;
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
    paralegal = await createUser(t.app, { role: 'paralegal' });
    otherParalegal = await createUser(t.app, { role: 'paralegal' });
  });

  const auth = (user: CreatedUser) => ({ Authorization: `Bearer ${user.token}` });

  async function takeCase(overrides: Record<string, unknown> = {}, paralegalId: string | null = paralegal.user.id): Promise<{ id: string; reference: string }> {
    const response = await request(t.server).post('/api/v1/intake').set(auth(solicitor)).send(intakeBody({ solicitorId: solicitor.user.id, paralegalId }, overrides));
    if (response.status !== 201) throw new Error(`intake answered ${response.status}: ${response.text}`);
    return response.body as { id: string; reference: string };
  }

  async function screen(caseId: string): Promise<Task[]> {
    const response = await request(t.server).post(`/api/v1/cases/${caseId}/screenings`).set(auth(solicitor)).send();
    if (response.status !== 201) throw new Error(`screening answered ${response.status}: ${response.text}`);
    return response.body.referralTasks as Task[];
  }

  async function createTask(caseId: string, body: Record<string, unknown>): Promise<Task> {
    const response = await request(t.server).post(`/api/v1/cases/${caseId}/referral-tasks`).set(auth(solicitor)).send(body);
    if (response.status !== 201) throw new Error(`creating a task answered ${response.status}: ${response.text}`);
    return response.body as Task;
  }

  async function patch(task: Task, body: Record<string, unknown>): Promise<Task> {
    const response = await request(t.server).patch(`/api/v1/referral-tasks/${task.id}`).set(auth(solicitor)).set('If-Match', `"${task.version}"`).send(body);
    if (response.status !== 200) throw new Error(`PATCH answered ${response.status}: ${response.text}`);
    return response.body as Task;
  }

  async function feed(user: CreatedUser): Promise<{ text: string; events: FeedEvent[] }> {
    const response = await request(t.server).get(FEED).set(auth(user));
    if (response.status !== 200) throw new Error(`the feed answered ${response.status}: ${response.text}`);
    return { text: response.text, events: parseFeed(response.text).events };
  }

  const uidOf = (task: Pick<Task, 'id'>) => `${task.id}@oi-intake`;

  it('answers 401 without a token or with a bad one', async () => {
    const anonymous = await request(t.server).get(FEED);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await request(t.server).get(FEED).set('Authorization', 'Bearer not-a-token')).status).toBe(401);
  });

  it('serves an iCalendar document a calendar program can subscribe to', async () => {
    const response = await request(t.server).get(FEED).set(auth(paralegal));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    expect(response.headers['content-disposition']).toMatch(/\.ics"?$/);
    const { calendar, events } = parseFeed(response.text);
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(String(calendar.getFirstPropertyValue('prodid'))).toContain('oi-intake');
    expect(events).toEqual([]);
  });

  it('gives the paralegal one all-day event per open task, on its due date, named by work and case reference', async () => {
    const matter = await takeCase();
    const tasks = await screen(matter.id);
    expect(tasks).toHaveLength(6);
    const { events } = await feed(paralegal);
    expect(events.map((event) => event.uid).sort()).toEqual(tasks.map(uidOf).sort());
    for (const task of tasks) {
      const event = events.find((candidate) => candidate.uid === uidOf(task));
      expect(event).toMatchObject({ allDay: true, date: task.dueDate });
      expect(event?.summary).toContain(matter.reference);
      expect(event?.summary).toContain('pre-op');
      expect(event?.description).toContain(matter.reference);
      expect(event?.description).toContain('open');
    }
    const surgeon = tasks.find((task) => task.type === 'SURGEON_OPINION');
    expect(events.find((event) => event.uid === uidOf(surgeon ?? { id: '' }))?.summary).toMatch(/surgeon/i);
  });

  it('keeps in-progress and overdue tasks, and drops done and cancelled ones', async () => {
    const matter = await takeCase();
    const working = await patch(await createTask(matter.id, { type: 'PEER_SUPPORT', dueDate: '2031-01-15' }), { status: 'in_progress' });
    const late = await createTask(matter.id, { type: 'PROSTHETIST', dueDate: '2020-03-02' });
    const finished = await patch(await createTask(matter.id, { type: 'SURGEON_OPINION' }), { status: 'done', outcomeNote: 'Report received' });
    const dropped = await patch(await createTask(matter.id, { type: 'PAIN_SPECIALIST' }), { status: 'cancelled' });
    const before = await feed(paralegal);
    expect(before.events.map((event) => event.uid).sort()).toEqual([uidOf(working), uidOf(late)].sort());
    expect(before.events.find((event) => event.uid === uidOf(working))).toMatchObject({ date: '2031-01-15', description: expect.stringContaining('in progress') });
    expect(before.events.find((event) => event.uid === uidOf(late))).toMatchObject({ date: '2020-03-02', allDay: true });
    expect(before.text).not.toContain(finished.id);
    expect(before.text).not.toContain(dropped.id);

    await patch(working, { status: 'done' });
    const after = await feed(paralegal);
    expect(after.events.map((event) => event.uid)).toEqual([uidOf(late)]);
  });

  it('follows a moved due date', async () => {
    const matter = await takeCase();
    const task = await createTask(matter.id, { type: 'PEER_SUPPORT', dueDate: '2030-06-01' });
    await patch(task, { dueDate: '2030-07-04' });
    await expect(feed(paralegal)).resolves.toMatchObject({ events: [expect.objectContaining({ uid: uidOf(task), date: '2030-07-04' })] });
  });

  it('holds only the caller’s own tasks, not those they merely see on their cases', async () => {
    const matter = await takeCase();
    const tasks = await screen(matter.id);
    await expect(feed(solicitor)).resolves.toMatchObject({ events: [] });
    await expect(feed(admin)).resolves.toMatchObject({ events: [] });
    await expect(feed(otherParalegal)).resolves.toMatchObject({ events: [] });

    const handedOver = tasks[0];
    if (handedOver === undefined) throw new Error('no task to hand over');
    await patch(handedOver, { assigneeId: otherParalegal.user.id });
    const theirs = await feed(otherParalegal);
    expect(theirs.events.map((event) => event.uid)).toEqual([uidOf(handedOver)]);
    const mine = await feed(paralegal);
    expect(mine.events).toHaveLength(5);
    expect(mine.events.map((event) => event.uid)).not.toContain(uidOf(handedOver));
  });

  it('gives a solicitor the tasks of a case without a paralegal, across cases', async () => {
    const first = await takeCase({}, null);
    const second = await takeCase({}, null);
    const a = await createTask(first.id, { type: 'PEER_SUPPORT', dueDate: '2030-01-02' });
    const b = await createTask(second.id, { type: 'PEER_SUPPORT', dueDate: '2030-01-03' });
    const { events } = await feed(solicitor);
    expect(events.map((event) => [event.uid, event.date])).toEqual([
      [uidOf(a), '2030-01-02'],
      [uidOf(b), '2030-01-03'],
    ]);
    expect(events[0]?.summary).toContain(first.reference);
    expect(events[1]?.summary).toContain(second.reference);
    await expect(feed(paralegal)).resolves.toMatchObject({ events: [] });
  });

  it('marks post-op tasks as post-op', async () => {
    const matter = await takeCase();
    const task = await createTask(matter.id, { type: 'PHYSIOTHERAPIST', phase: 'post_op' });
    const { events } = await feed(paralegal);
    expect(events).toEqual([expect.objectContaining({ uid: uidOf(task) })]);
    expect(events[0]?.summary).toContain('post-op');
  });

  it('carries no client names, contact details, notes or health facts', async () => {
    const client = clientBody({ firstName: 'Perpetua', lastName: 'Quennell-Ashdown', email: 'perpetua.q@example.org', phone: '07700 900987', postcode: 'SW1A 2AA', dateOfBirth: '1979-08-17' });
    // Diabetes unknown: the screening asks for medical records and its note names the missing fact.
    const matter = await takeCase({ client, healthProfile: healthProfileBody({ diabetes: 'unknown' }) });
    const planned = await screen(matter.id);
    expect(planned.map((task) => task.type)).toEqual(['OBTAIN_MEDICAL_RECORDS']);
    expect(planned[0]?.note).toMatch(/diabetes/i);
    await createTask(matter.id, { type: 'PEER_SUPPORT', note: 'Perpetua prefers a visitor who is also a transfemoral amputee' });
    const { text, events } = await feed(paralegal);
    expect(events).toHaveLength(2);
    for (const secret of ['Perpetua', 'Quennell', 'perpetua.q', '900987', 'SW1A', '1979', '19790817', 'Acme Haulage', 'transfemoral', 'amputee']) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/diabet|smok|vascular|infection|radiotherapy|chemotherapy/i);
  });
});
