import request from 'supertest';
import { clientBody, healthProfileBody } from './factories/client.factory';
import { caseFields, intakeBody } from './factories/intake.factory';
import { createUser, CreatedUser } from './factories/user.factory';
import { expectProblem } from './support/problem';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

/**
 * A small firm whose every figure is counted by hand in the comments below; timestamps are set in the
 * database so months and durations are exact. The period is January to March 2026.
 */
describe('caseload, screening and referral reports', () => {
  let t: TestApp;
  let admin: CreatedUser;
  let alice: CreatedUser;
  let bob: CreatedUser;
  let paralegal: CreatedUser;
  let otherParalegal: CreatedUser;
  const PERIOD = '?from=2026-01-01&to=2026-03-31';

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await cleanDatabase(t.dataSource);
    admin = await createUser(t.app, { role: 'admin' });
    alice = await createUser(t.app, { role: 'solicitor', name: 'Alice Solicitor' });
    bob = await createUser(t.app, { role: 'solicitor', name: 'Bob Solicitor' });
    paralegal = await createUser(t.app, { role: 'paralegal', name: 'Pat Paralegal' });
    otherParalegal = await createUser(t.app, { role: 'paralegal' });
  });

  const auth = (user: CreatedUser) => ({ Authorization: `Bearer ${user.token}` });
  // Backdating fixtures is the test's doing, not the app's: as the owner (the app's role may not rewrite screenings or stage history).
  const sql = (text: string, parameters: unknown[] = []) => t.owner.query(text, parameters);

  async function take(solicitor: CreatedUser, lastName: string, createdAt: string, extra: Record<string, unknown> = {}, health: Record<string, unknown> = {}): Promise<string> {
    const response = await request(t.server)
      .post('/api/v1/intake')
      .set(auth(solicitor))
      .send(
        intakeBody(
          { solicitorId: solicitor.user.id, paralegalId: paralegal.user.id },
          { client: clientBody({ lastName }), healthProfile: healthProfileBody(health), case: caseFields({ solicitorId: solicitor.user.id, paralegalId: paralegal.user.id }, extra) },
        ),
      );
    expect(response.status).toBe(201);
    const id = response.body.id as string;
    await sql(`UPDATE cases SET created_at = $2 WHERE id = $1`, [id, createdAt]);
    return id;
  }

  const move = (user: CreatedUser, caseId: string, to: string, reason?: string) =>
    request(t.server).post(`/api/v1/cases/${caseId}/transitions`).set(auth(user)).send({ to, reason }).expect(200);

  async function screen(user: CreatedUser, caseId: string, ranAt: string, tasksAt: string): Promise<string> {
    const response = await request(t.server).post(`/api/v1/cases/${caseId}/screenings`).set(auth(user)).send().expect(201);
    await sql(`UPDATE screenings SET ran_at = $2 WHERE id = $1`, [response.body.id, ranAt]);
    await sql(`UPDATE referral_tasks SET created_at = $2 WHERE case_id = $1`, [caseId, tasksAt]);
    return response.body.id as string;
  }

  /** c1..c5 as described; returns their ids. */
  async function firm() {
    // c1 Alice, January, phone → accepted, screened: refer (6 tasks on 17 Jan, PEER_SUPPORT done on 25 Jan).
    const c1 = await take(alice, 'Moss', '2026-01-15T10:00:00Z');
    await move(alice, c1, 'accepted');
    await screen(alice, c1, '2026-01-16T10:00:00Z', '2026-01-17T10:00:00Z');
    await sql(`UPDATE referral_tasks SET status = 'done', closed_at = '2026-01-25T10:00:00Z' WHERE case_id = $1 AND type = 'PEER_SUPPORT'`, [c1]);
    // c2 Alice, January, email → declined.
    const c2 = await take(alice, 'Pryce', '2026-01-20T10:00:00Z', { source: 'email' });
    await move(alice, c2, 'declined', 'No prospects of success');
    // c3 Alice, February, a smoker → contraindicated (3 tasks on 13 Feb), overridden (2 surgeon tasks, also 13 Feb); PEER_SUPPORT overdue.
    const c3 = await take(alice, 'Quinn', '2026-02-10T10:00:00Z', {}, { smokingStatus: 'current' });
    const s3 = await screen(alice, c3, '2026-02-12T10:00:00Z', '2026-02-13T10:00:00Z');
    await request(t.server).post(`/api/v1/cases/${c3}/screenings/${s3}/review`).set(auth(alice)).send({ decision: 'override', reason: 'Stopped smoking last month' }).expect(201);
    await sql(`UPDATE referral_tasks SET created_at = '2026-02-13T10:00:00Z' WHERE case_id = $1`, [c3]);
    await sql(`UPDATE referral_tasks SET due_date = '2026-02-20' WHERE case_id = $1 AND type = 'PEER_SUPPORT'`, [c3]);
    // c4 Bob, February, web_form → referred elsewhere.
    const c4 = await take(bob, 'Rowe', '2026-02-11T10:00:00Z', { source: 'web_form' });
    await move(bob, c4, 'referred_elsewhere', 'Clinical negligence team');
    // c5 Bob, June 2025 (before the period) → accepted.
    const c5 = await take(bob, 'Shaw', '2025-06-01T10:00:00Z');
    await move(bob, c5, 'accepted');
    return { c1, c2, c3, c4, c5 };
  }

  describe('the counts behind the firm-wide caseload', () => {
    // The kept counts summed over their shards, beside the same figures grouped live from the cases and their intake history.
    const kept = async () => ({
      open: await sql(
        `SELECT assigned_solicitor_id AS "solicitorId", intake_stage::text AS "intake", pathway_stage::text AS "pathway", sum(cases)::int AS "count"
           FROM report_open_case_counts GROUP BY 1, 2, 3 HAVING sum(cases) <> 0 ORDER BY 1, 2, 3`,
      ),
      daily: await sql(
        `SELECT opened_on::text AS "day", source::text AS "source", sum(enquiries)::int AS "enquiries", sum(accepted)::int AS "accepted",
                sum(declined)::int AS "declined", sum(referred_elsewhere)::int AS "referredElsewhere"
           FROM report_daily_enquiry_counts GROUP BY 1, 2 HAVING sum(enquiries) <> 0 OR sum(accepted) <> 0 OR sum(declined) <> 0 OR sum(referred_elsewhere) <> 0 ORDER BY 1, 2`,
      ),
    });
    const live = async () => ({
      open: await sql(
        `SELECT assigned_solicitor_id AS "solicitorId", intake_stage::text AS "intake", pathway_stage::text AS "pathway", count(*)::int AS "count"
           FROM cases WHERE intake_stage IN ('enquiry', 'accepted') GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      ),
      daily: await sql(
        `SELECT (m.created_at AT TIME ZONE 'Europe/London')::date::text AS "day", m.source::text AS "source", count(*)::int AS "enquiries",
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM case_stage_changes c WHERE c.case_id = m.id AND c.track = 'intake' AND c.to_stage = 'accepted'))::int AS "accepted",
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM case_stage_changes c WHERE c.case_id = m.id AND c.track = 'intake' AND c.to_stage = 'declined'))::int AS "declined",
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM case_stage_changes c WHERE c.case_id = m.id AND c.track = 'intake' AND c.to_stage = 'referred_elsewhere'))::int AS "referredElsewhere"
           FROM cases m GROUP BY 1, 2 ORDER BY 1, 2`,
      ),
    });
    const expectKeptEqualsLive = async () => expect(await kept()).toEqual(await live());

    it('equal the live counts after creates, stage moves, reassignment, backdating, erasure and deletion', async () => {
      const { c2, c3, c4 } = await firm();
      await expectKeptEqualsLive();
      expect((await kept()).open).toHaveLength(3);

      // Ten intakes at once: no count is lost between concurrent writers.
      await Promise.all(Array.from({ length: 10 }, (_, index) => take(index % 2 === 0 ? alice : bob, `Parallel${index}`, '2026-03-02T09:00:00Z')));
      await expectKeptEqualsLive();

      // Reassignment by an admin moves an open case to another solicitor's count.
      const [{ version }] = await sql(`SELECT version FROM cases WHERE id = $1`, [c3]);
      await request(t.server).patch(`/api/v1/cases/${c3}`).set(auth(admin)).set('If-Match', `"${String(version)}"`).send({ assignedSolicitorId: bob.user.id }).expect(200);
      await expectKeptEqualsLive();

      // Closing leaves the open count but keeps the decision; erasure of a client with only closed cases changes no count.
      await move(alice, c2, 'closed');
      await move(bob, c4, 'closed');
      await expectKeptEqualsLive();
      const [{ clientId }] = await sql(`SELECT client_id AS "clientId" FROM cases WHERE id = $1`, [c2]);
      await request(t.server).post(`/api/v1/clients/${clientId}/erasure`).set(auth(admin)).send({ reason: 'Former client asked for erasure' }).expect(200);
      await expectKeptEqualsLive();

      // Backdating a decided case (only fixtures do this) carries its decision to the other day; so does a change of source.
      await sql(`UPDATE cases SET created_at = created_at - interval '40 days', source = 'charity' WHERE id = $1`, [c4]);
      await sql(`UPDATE cases SET created_at = '2026-03-28T23:30:00Z' WHERE intake_stage = 'enquiry'`);
      await expectKeptEqualsLive();
      // The referral timings read each task's copy of its case's opening instant: it follows the backdating (c3 has tasks).
      expect(await sql(`SELECT count(*)::int AS "tasks", count(*) FILTER (WHERE x.case_opened_at <> m.created_at)::int AS "stale" FROM referral_tasks x JOIN cases m ON m.id = x.case_id WHERE m.id = $1`, [c3])).toEqual([{ tasks: 5, stale: 0 }]);

      // The application never deletes a case or its history; if someone does, the counts still follow.
      await sql(`DELETE FROM case_stage_changes WHERE case_id = $1 AND to_stage = 'closed'`, [c4]);
      await sql(`DELETE FROM cases WHERE id IN (SELECT m.id FROM cases m WHERE NOT EXISTS (SELECT 1 FROM screenings s WHERE s.case_id = m.id) AND m.id <> $1 LIMIT 3)`, [c2]);
      await expectKeptEqualsLive();
    });

    it('a rebuild from scratch finds the same counts the triggers kept', async () => {
      await firm();
      const before = await kept();
      await sql(`SELECT report_counts_rebuild()`);
      expect(await kept()).toEqual(before);
      await expectKeptEqualsLive();
    });

    it('the firm-wide report from the kept counts equals the sum of every solicitor\'s live report', async () => {
      await firm();
      type Caseload = { decisions: Record<'accepted' | 'declined' | 'referredElsewhere', number>; openCases: unknown[] };
      const report = async (user: CreatedUser): Promise<Caseload> => (await request(t.server).get(`/api/v1/reports/caseload${PERIOD}`).set(auth(user))).body as Caseload;
      const firmReport = await report(admin);
      const own = [await report(alice), await report(bob)];
      const total = (key: keyof Caseload['decisions']) => own.reduce((sum, each) => sum + each.decisions[key], 0);
      expect(firmReport.decisions).toEqual({ accepted: total('accepted'), declined: total('declined'), referredElsewhere: total('referredElsewhere'), conversionRate: expect.any(Number) });
      expect(firmReport.openCases).toEqual(own.flatMap((report) => report.openCases));
    });
  });

  describe('GET /api/v1/reports/caseload', () => {
    it('counts the firm for an admin', async () => {
      await firm();
      const response = await request(t.server).get(`/api/v1/reports/caseload${PERIOD}`).set(auth(admin));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        period: { from: '2026-01-01', to: '2026-03-31', scope: 'firm' },
        // Open now: c1 (accepted, screened), c3 (enquiry, screened), c5 (accepted, not screened).
        openCases: [
          { solicitorId: alice.user.id, solicitorName: 'Alice Solicitor', intakeStage: 'enquiry', pathwayStage: 'screened', count: 1 },
          { solicitorId: alice.user.id, solicitorName: 'Alice Solicitor', intakeStage: 'accepted', pathwayStage: 'screened', count: 1 },
          { solicitorId: bob.user.id, solicitorName: 'Bob Solicitor', intakeStage: 'accepted', pathwayStage: 'not_screened', count: 1 },
        ],
        newEnquiriesByMonth: [
          { month: '2026-01', count: 2 },
          { month: '2026-02', count: 2 },
        ],
        // Of c1..c4: accepted c1, declined c2, referred elsewhere c4 → 1 / 3.
        decisions: { accepted: 1, declined: 1, referredElsewhere: 1, conversionRate: 0.3333 },
        sources: [
          { source: 'phone', count: 2 },
          { source: 'email', count: 1 },
          { source: 'web_form', count: 1 },
        ],
      });
    });

    it('counts only her own cases for a solicitor, and refuses a paralegal', async () => {
      await firm();
      const response = await request(t.server).get(`/api/v1/reports/caseload${PERIOD}`).set(auth(alice));
      expect(response.body).toMatchObject({
        period: { scope: 'own cases' },
        newEnquiriesByMonth: [
          { month: '2026-01', count: 2 },
          { month: '2026-02', count: 1 },
        ],
        decisions: { accepted: 1, declined: 1, referredElsewhere: 0, conversionRate: 0.5 },
      });
      expect((response.body.openCases as { solicitorId: string }[]).every((row) => row.solicitorId === alice.user.id)).toBe(true);
      expect((await request(t.server).get('/api/v1/reports/caseload').set(auth(paralegal))).status).toBe(403);
    });

    it('answers CSV with a header row when asked', async () => {
      await firm();
      const response = await request(t.server).get(`/api/v1/reports/caseload${PERIOD}&format=csv`).set(auth(admin));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const lines = response.text.trim().split('\n');
      expect(lines[0]).toBe('section,dimension_1,dimension_2,dimension_3,value');
      expect(lines).toContain('new_enquiries,2026-01,,,2');
      expect(lines).toContain('decisions,conversion_rate,,,0.3333');
      expect(lines).toContain('open_cases,Bob Solicitor,accepted,not_screened,1');
    });

    it('an empty period has zeroes and no rate', async () => {
      const response = await request(t.server).get('/api/v1/reports/caseload?from=2020-01-01&to=2020-12-31').set(auth(admin));
      expect(response.body).toMatchObject({ newEnquiriesByMonth: [], decisions: { accepted: 0, declined: 0, referredElsewhere: 0, conversionRate: null }, sources: [] });
    });

    it.each(['?from=2026-02-01&to=2026-01-01', '?from=2000-01-01&to=2026-01-01', '?from=yesterday', '?format=xml', '?to=2026-02-30'])('refuses %s with 400', async (query) => {
      expectProblem(await request(t.server).get(`/api/v1/reports/caseload${query}`).set(auth(admin)), 400, 'VALIDATION_FAILED');
    });
  });

  describe('GET /api/v1/reports/screening', () => {
    it('counts outcomes per month, flags and overrides', async () => {
      await firm();
      const response = await request(t.server).get(`/api/v1/reports/screening${PERIOD}`).set(auth(admin));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        period: { from: '2026-01-01', to: '2026-03-31', scope: 'firm' },
        outcomesByMonth: [
          { month: '2026-01', outcome: 'refer', count: 1 },
          { month: '2026-02', outcome: 'contraindicated', count: 1 },
        ],
        topFlags: [{ code: 'SMOKER', count: 1 }],
        overrides: { screenings: 2, overridden: 1, share: 0.5 },
      });
      const bobs = await request(t.server).get(`/api/v1/reports/screening${PERIOD}`).set(auth(bob));
      expect(bobs.body).toMatchObject({ outcomesByMonth: [], topFlags: [], overrides: { screenings: 0, overridden: 0, share: null } });
      const csv = await request(t.server).get(`/api/v1/reports/screening${PERIOD}&format=csv`).set(auth(admin));
      expect(csv.text.trim().split('\n')).toEqual([
        'section,dimension_1,dimension_2,dimension_3,value',
        'outcomes,2026-01,refer,,1',
        'outcomes,2026-02,contraindicated,,1',
        'top_flags,SMOKER,,,1',
        'overrides,screenings,,,2',
        'overrides,overridden,,,1',
        'overrides,share,,,0.5',
      ]);
    });
  });

  describe('GET /api/v1/reports/referrals', () => {
    it('counts tasks by type and status, the overdue by assignee, and median days', async () => {
      await firm();
      const response = await request(t.server).get(`/api/v1/reports/referrals${PERIOD}`).set(auth(admin));
      expect(response.status).toBe(200);
      const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      const byKey = (rows: { type: string; status?: string }[]) => [...rows].sort((a, b) => compare(a.type, b.type) || compare(a.status ?? '', b.status ?? ''));
      // c1: six pre-op tasks, PEER_SUPPORT done; c3: socket review, peer support, re-screen, and the two surgeon tasks of the override.
      expect(byKey(response.body.byTypeAndStatus)).toEqual([
        { type: 'PAIN_PSYCHOLOGIST', status: 'open', count: 1 },
        { type: 'PAIN_SPECIALIST', status: 'open', count: 1 },
        { type: 'PEER_SUPPORT', status: 'done', count: 1 },
        { type: 'PEER_SUPPORT', status: 'open', count: 1 },
        { type: 'PROSTHETIST', status: 'open', count: 1 },
        { type: 'PROSTHETIST_SOCKET_REVIEW', status: 'open', count: 1 },
        { type: 'RESCREEN_REVIEW', status: 'open', count: 1 },
        { type: 'SECOND_SURGEON_OPINION', status: 'open', count: 2 },
        { type: 'SURGEON_OPINION', status: 'open', count: 2 },
      ]);
      expect(response.body.overdueByAssignee).toEqual([{ assigneeId: paralegal.user.id, assigneeName: 'Pat Paralegal', count: 1 }]);
      // c1 tasks came 2 days after the case opened, c3's 3 days after; c1's peer support was done after 10 days.
      expect(byKey(response.body.timings)).toEqual([
        { type: 'PAIN_PSYCHOLOGIST', medianDaysToFirstTask: 2, medianDaysToDone: null },
        { type: 'PAIN_SPECIALIST', medianDaysToFirstTask: 2, medianDaysToDone: null },
        { type: 'PEER_SUPPORT', medianDaysToFirstTask: 2.5, medianDaysToDone: 10 },
        { type: 'PROSTHETIST', medianDaysToFirstTask: 2, medianDaysToDone: null },
        { type: 'PROSTHETIST_SOCKET_REVIEW', medianDaysToFirstTask: 3, medianDaysToDone: null },
        { type: 'RESCREEN_REVIEW', medianDaysToFirstTask: 3, medianDaysToDone: null },
        { type: 'SECOND_SURGEON_OPINION', medianDaysToFirstTask: 2.5, medianDaysToDone: null },
        { type: 'SURGEON_OPINION', medianDaysToFirstTask: 2.5, medianDaysToDone: null },
      ]);
    });

    it('a paralegal sees their own tasks; another paralegal none; Bob none', async () => {
      await firm();
      const own = await request(t.server).get(`/api/v1/reports/referrals${PERIOD}`).set(auth(paralegal));
      expect(own.body.period.scope).toBe('own tasks');
      expect((own.body.byTypeAndStatus as { count: number }[]).reduce((sum, row) => sum + row.count, 0)).toBe(11);
      for (const user of [otherParalegal, bob]) {
        const none = await request(t.server).get(`/api/v1/reports/referrals${PERIOD}`).set(auth(user));
        expect(none.body).toMatchObject({ byTypeAndStatus: [], overdueByAssignee: [], timings: [] });
      }
      const csv = await request(t.server).get(`/api/v1/reports/referrals${PERIOD}&format=csv`).set(auth(paralegal));
      expect(csv.text).toContain('overdue,Pat Paralegal,,,1');
      expect(csv.text).toContain('median_days_to_done,PEER_SUPPORT,,,10');
    });
  });
});
