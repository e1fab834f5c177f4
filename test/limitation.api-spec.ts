import request from 'supertest';
import { clientBody } from './factories/client.factory';
import { intakeBody } from './factories/intake.factory';
import { createUser, CreatedUser } from './factories/user.factory';
import { expectProblem } from './support/problem';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';
import { addDays, todayInLondon } from '../src/common/time/calendar-date';

describe('limitation', () => {
  let t: TestApp;
  let admin: CreatedUser;
  let solicitor: CreatedUser;
  let otherSolicitor: CreatedUser;
  let paralegal: CreatedUser;

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
  });

  const auth = (user: CreatedUser) => ({ Authorization: `Bearer ${user.token}` });

  interface CaseBody {
    id: string;
    reference: string;
    limitationDate: string | null;
    limitationBasis: string;
    limitationSatisfied: boolean;
    version: number;
  }

  async function takeCase(client: Record<string, unknown>, matter: Record<string, unknown>, by: CreatedUser = solicitor): Promise<CaseBody> {
    const body = intakeBody({ solicitorId: by.user.id, paralegalId: paralegal.user.id });
    const response = await request(t.server)
      .post('/api/v1/intake')
      .set(auth(by))
      .send({ ...body, client: clientBody(client), case: { ...(body.case as Record<string, unknown>), ...matter } });
    expect(response.status).toBe(201);
    return response.body as CaseBody;
  }

  const report = (user: CreatedUser, query = '') => request(t.server).get(`/api/v1/reports/limitation${query}`).set(auth(user));

  describe('on cases', () => {
    it.each([
      ['an adult: incident + 3 years', { dateOfBirth: '1980-04-02' }, { incidentDate: '2020-11-14' }, '2023-11-14', 'incident'],
      ['later knowledge', { dateOfBirth: '1980-04-02' }, { incidentDate: '2020-11-14', dateOfKnowledge: '2022-02-01' }, '2025-02-01', 'date_of_knowledge'],
      ['29 February incident', { dateOfBirth: '1980-04-02' }, { incidentDate: '2024-02-29' }, '2027-02-28', 'incident'],
      ['a child: 21st birthday', { dateOfBirth: '2010-05-20' }, { incidentDate: '2020-11-14' }, '2031-05-20', 'minority'],
      ['a child born 29 February', { dateOfBirth: '2008-02-29' }, { incidentDate: '2020-11-14' }, '2029-02-28', 'minority'],
      ['no date of birth', { dateOfBirth: null }, { incidentDate: '2020-11-14' }, '2023-11-14', 'unknown'],
      ['lacking capacity', { lacksCapacity: true }, { incidentDate: '2020-11-14' }, null, 'lacks_capacity'],
    ])('%s', async (_name, client, matter, date, basis) => {
      const created = await takeCase(client, matter);
      expect(created).toMatchObject({ limitationDate: date, limitationBasis: basis, limitationSatisfied: false });
      const read = await request(t.server).get(`/api/v1/cases/${created.id}`).set(auth(solicitor));
      expect(read.body).toMatchObject({ limitationDate: date, limitationBasis: basis });
    });

    it('follows the client: recording capacity stops the clock', async () => {
      const created = await takeCase({}, {});
      const client = await request(t.server).get(`/api/v1/cases/${created.id}`).set(auth(solicitor));
      const patched = await request(t.server)
        .patch(`/api/v1/clients/${client.body.client.id}`)
        .set(auth(solicitor))
        .set('If-Match', `"${client.body.client.version}"`)
        .send({ lacksCapacity: true });
      expect(patched.status).toBe(200);
      const read = await request(t.server).get(`/api/v1/cases/${created.id}`).set(auth(solicitor));
      expect(read.body).toMatchObject({ limitationDate: null, limitationBasis: 'lacks_capacity' });
    });
  });

  describe('POST /api/v1/cases/{id}/limitation-satisfied', () => {
    it('records the issue date once; the case leaves the report', async () => {
      const created = await takeCase({}, { incidentDate: '2020-11-14' });
      expect((await report(solicitor)).body.items.map((item: { caseId: string }) => item.caseId)).toEqual([created.id]);
      const satisfied = await request(t.server).post(`/api/v1/cases/${created.id}/limitation-satisfied`).set(auth(solicitor)).send({ on: '2023-10-01', note: 'Claim form issued' });
      expect(satisfied.status).toBe(200);
      expect(satisfied.body).toMatchObject({ limitationSatisfied: true, limitationSatisfiedOn: '2023-10-01', version: created.version + 1 });
      expect((await report(solicitor)).body.items).toEqual([]);
      const again = await request(t.server).post(`/api/v1/cases/${created.id}/limitation-satisfied`).set(auth(solicitor)).send({ on: '2023-10-02' });
      expectProblem(again, 409, 'LIMITATION_ALREADY_SATISFIED');
    });

    it.each([
      ['a date in the future', { on: addDays(todayInLondon(), 2) }],
      ['a date before the incident', { on: '2020-11-13' }],
      ['no date', { note: 'issued' }],
      ['not a date', { on: '14/11/2023' }],
      ['an empty note', { on: '2023-10-01', note: '   ' }],
    ])('refuses %s with 400', async (_name, body) => {
      const created = await takeCase({}, { incidentDate: '2020-11-14' });
      const response = await request(t.server).post(`/api/v1/cases/${created.id}/limitation-satisfied`).set(auth(solicitor)).send(body);
      expectProblem(response, 400, 'VALIDATION_FAILED');
    });

    it('another solicitor gets 404 and a paralegal 403', async () => {
      const created = await takeCase({}, {});
      expectProblem(await request(t.server).post(`/api/v1/cases/${created.id}/limitation-satisfied`).set(auth(otherSolicitor)).send({ on: '2023-10-01' }), 404, 'CASE_NOT_FOUND');
      const byParalegal = await request(t.server).post(`/api/v1/cases/${created.id}/limitation-satisfied`).set(auth(paralegal)).send({ on: '2023-10-01' });
      expect(byParalegal.status).toBe(403);
    });
  });

  describe('GET /api/v1/reports/limitation', () => {
    it('lists expired first, then soonest within the window, plus cases with no date of birth; not the rest', async () => {
      const today = todayInLondon();
      const expired = await takeCase({}, { incidentDate: '2020-11-14' });
      const soon = await takeCase({}, { incidentDate: addDays(addDays(today, 30), -3 * 365 - 1) });
      const later = await takeCase({}, { incidentDate: addDays(today, -400) });
      const noBirthDate = await takeCase({ dateOfBirth: null }, { incidentDate: addDays(today, -100) });
      const incapable = await takeCase({ lacksCapacity: true }, { incidentDate: '2020-11-14' });

      const response = await report(solicitor, '?withinDays=180');
      expect(response.status).toBe(200);
      const ids = response.body.items.map((item: { caseId: string }) => item.caseId);
      expect(ids).toEqual([expired.id, soon.id, noBirthDate.id]);
      expect(ids).not.toContain(later.id);
      expect(ids).not.toContain(incapable.id);
      expect(response.body.items[0]).toMatchObject({ expired: true, limitationDate: '2023-11-14', limitationBasis: 'incident', caseReference: expired.reference });
      expect(response.body.items[0].daysRemaining).toBeLessThan(0);
      expect(response.body.items[1]).toMatchObject({ expired: false, limitationDate: soon.limitationDate });
      expect(response.body.items[2]).toMatchObject({ limitationBasis: 'unknown' });
      expect(response.body.asOf).toBe(today);

      const wider = await report(solicitor, '?withinDays=3650');
      expect(wider.body.items.map((item: { caseId: string }) => item.caseId)).toEqual([expired.id, soon.id, later.id, noBirthDate.id]);
    });

    it('agrees with the date each case shows, on the awkward dates too', async () => {
      const fixtures: [Record<string, unknown>, Record<string, unknown>][] = [
        [{ dateOfBirth: '2008-02-29' }, { incidentDate: '2020-11-14' }],
        [{ dateOfBirth: '2004-02-29' }, { incidentDate: '2022-02-28' }],
        [{ dateOfBirth: '2004-02-29' }, { incidentDate: '2022-02-27' }],
        [{ dateOfBirth: '1980-04-02' }, { incidentDate: '2024-02-29' }],
        [{ dateOfBirth: '1980-04-02' }, { incidentDate: '2020-11-14', dateOfKnowledge: '2024-02-29' }],
        [{ dateOfBirth: '2010-05-20' }, { incidentDate: '2012-01-01', dateOfKnowledge: '2013-01-01' }],
        [{ dateOfBirth: '2000-01-01' }, { incidentDate: '2010-01-01', dateOfKnowledge: '2020-06-01' }],
        [{ dateOfBirth: '2002-11-15' }, { incidentDate: '2020-11-14' }],
        [{ dateOfBirth: null }, { incidentDate: '2021-01-01', dateOfKnowledge: '2022-01-10' }],
      ];
      const created = [];
      for (const [client, matter] of fixtures) created.push(await takeCase(client, matter));
      const response = await report(admin, '?withinDays=3650&limit=100');
      for (const matter of created) {
        const item = response.body.items.find((row: { caseId: string }) => row.caseId === matter.id);
        expect(item).toBeDefined();
        expect({ date: item.limitationDate, basis: item.limitationBasis }).toEqual({ date: matter.limitationDate, basis: matter.limitationBasis });
      }
    });

    it('a solicitor sees their own cases, an admin the firm; a paralegal may not run it', async () => {
      const mine = await takeCase({}, { incidentDate: '2020-11-14' });
      const theirs = await takeCase({}, { incidentDate: '2020-11-15' }, otherSolicitor);
      expect((await report(solicitor)).body.items.map((item: { caseId: string }) => item.caseId)).toEqual([mine.id]);
      expect((await report(admin)).body.items.map((item: { caseId: string }) => item.caseId)).toEqual([mine.id, theirs.id]);
      expect((await report(paralegal)).status).toBe(403);
    });

    it('closed cases leave the report', async () => {
      const created = await takeCase({}, { incidentDate: '2020-11-14' });
      await request(t.server).post(`/api/v1/cases/${created.id}/transitions`).set(auth(solicitor)).send({ to: 'declined', reason: 'No prospects' });
      expect((await report(solicitor)).body.items).toEqual([]);
    });

    it('pages without gaps or repeats', async () => {
      const ids: string[] = [];
      for (let index = 0; index < 5; index += 1) ids.push((await takeCase({}, { incidentDate: `2020-11-1${index}` })).id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await report(solicitor, `?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((item: { caseId: string }) => item.caseId));
        cursor = page.body.nextCursor as string | null;
      } while (cursor !== null);
      expect(seen).toEqual(ids);
    });

    it.each(['?withinDays=-1', '?withinDays=3651', '?withinDays=ten', '?cursor=not-a-cursor'])('refuses %s with 400', async (query) => {
      expect((await report(solicitor, query)).status).toBe(400);
    });
  });
});
