import request from 'supertest';
import { clientBody } from './factories/client.factory';
import { caseFields, intakeBody } from './factories/intake.factory';
import { createUser, CreatedUser } from './factories/user.factory';
import { expectProblem } from './support/problem';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

describe('conflict check', () => {
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

  interface Taken {
    id: string;
    reference: string;
    version: number;
    conflictStatus: string;
    conflictMatches: { kind: string; id: string; reference: string; name: string; matchedOn: string[] }[];
    client: { id: string; reference: string; version: number };
  }

  async function takeCase(client: Record<string, unknown>, matter: Record<string, unknown> = {}, by: CreatedUser = solicitor): Promise<Taken> {
    const response = await request(t.server)
      .post('/api/v1/intake')
      .set(auth(by))
      .send(intakeBody({ solicitorId: by.user.id, paralegalId: paralegal.user.id }, { client: clientBody(client), case: caseFields({ solicitorId: by.user.id, paralegalId: paralegal.user.id }, matter) }));
    expect(response.status).toBe(201);
    return response.body as Taken;
  }

  const post = (path: string, body: object = {}, user: CreatedUser = solicitor) => request(t.server).post(`/api/v1${path}`).set(auth(user)).send(body);

  it('a case for a new person is clear, and checked', async () => {
    const taken = await takeCase({ firstName: 'Ann', lastName: 'Hale' }, { defendantName: 'Acme Haulage Ltd' });
    expect(taken.conflictStatus).toBe('clear');
    expect(taken.conflictMatches).toEqual([]);
    expect((await request(t.server).get(`/api/v1/cases/${taken.id}`).set(auth(solicitor))).body.conflictCheckedAt).toEqual(expect.any(String));
  });

  it.each(["O'Brien", 'OBRIEN', 'o brien', 'Ó Brien', 'o’brien'])('surname spelled %s with the same date of birth is a potential conflict', async (spelling) => {
    const first = await takeCase({ firstName: 'Mary', lastName: "O'Brien", dateOfBirth: '1975-06-01', postcode: 'SW1A 1AA' }, {}, otherSolicitor);
    const second = await takeCase({ firstName: 'Siobhan', lastName: spelling, dateOfBirth: '1975-06-01', postcode: 'RG1 1AA' });
    expect(second.conflictStatus).toBe('potential');
    // The match is a colleague's client: shown by reference, name and what matched, nothing more.
    expect(second.conflictMatches).toEqual([{ kind: 'client', id: first.client.id, reference: first.client.reference, name: "Mary O'Brien", matchedOn: ['lastName', 'dateOfBirth'] }]);
  });

  it('surname and postcode match; date of birth and postcode without the surname do not', async () => {
    await takeCase({ firstName: 'Mary', lastName: 'Quinn', dateOfBirth: '1975-06-01', postcode: 'RG1 1AA' });
    expect((await takeCase({ firstName: 'Joe', lastName: 'Quinn', dateOfBirth: '1990-01-01', postcode: 'RG1 1AA' })).conflictMatches[0]?.matchedOn).toEqual(['lastName', 'postcode']);
    expect((await takeCase({ firstName: 'Joe', lastName: 'Rowe', dateOfBirth: '1975-06-01', postcode: 'RG1 1AA' })).conflictStatus).toBe('clear');
  });

  it('a defendant who is an existing client is a potential conflict', async () => {
    const existing = await takeCase({ firstName: 'Peter', lastName: 'Shaw' });
    const taken = await takeCase({ firstName: 'Ann', lastName: 'Hale' }, { defendantName: 'peter  SHAW' });
    expect(taken.conflictMatches).toEqual([expect.objectContaining({ kind: 'client', reference: existing.client.reference, matchedOn: ['defendantName'] })]);
  });

  it('a new client who is the defendant of another case matches that case', async () => {
    const other = await takeCase({ firstName: 'Ann', lastName: 'Hale' }, { defendantName: 'Peter Shaw' }, otherSolicitor);
    const taken = await takeCase({ firstName: 'Peter', lastName: 'Shaw' });
    expect(taken.conflictMatches).toEqual([{ kind: 'case', id: other.id, reference: other.reference, name: 'Peter Shaw', matchedOn: ['clientName', 'defendantName'] }]);
  });

  it('accepting a potential conflict is refused until a solicitor overrides it with a reason', async () => {
    await takeCase({ firstName: 'Mary', lastName: 'Tate', dateOfBirth: '1975-06-01' });
    const taken = await takeCase({ firstName: 'Anne', lastName: 'Tate', dateOfBirth: '1975-06-01' });
    expectProblem(await post(`/cases/${taken.id}/transitions`, { to: 'accepted' }), 409, 'CONFLICT_UNRESOLVED');
    expectProblem(await post(`/cases/${taken.id}/conflict-override`, { reason: 'twins' }), 400, 'VALIDATION_FAILED');
    expect((await post(`/cases/${taken.id}/conflict-override`, { reason: 'Twin sisters, confirmed by phone' }, paralegal)).status).toBe(403);

    const overridden = await post(`/cases/${taken.id}/conflict-override`, { reason: 'Twin sisters, confirmed by phone' });
    expect(overridden.status).toBe(200);
    expect(overridden.body).toMatchObject({
      conflictStatus: 'overridden',
      conflictOverride: { reason: 'Twin sisters, confirmed by phone', overriddenById: solicitor.user.id, overriddenAt: expect.any(String) },
      version: taken.version + 1,
    });
    const accepted = await post(`/cases/${taken.id}/transitions`, { to: 'accepted' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ intakeStage: 'accepted', conflictStatus: 'overridden' });
    expectProblem(await post(`/cases/${taken.id}/conflict-override`, { reason: 'Twin sisters, confirmed by phone' }), 409, 'NO_CONFLICT_TO_OVERRIDE');
  });

  it('an acceptance racing a change of defendant to an existing client never leaves an accepted case with a potential conflict', async () => {
    const existing = await takeCase({ firstName: 'Peter', lastName: 'Shaw' });
    for (let round = 0; round < 5; round += 1) {
      const taken = await takeCase({ firstName: 'Ann', lastName: `Hale${'x'.repeat(round)}` });
      await Promise.all([
        post(`/cases/${taken.id}/transitions`, { to: 'accepted' }),
        request(t.server).patch(`/api/v1/cases/${taken.id}`).set(auth(solicitor)).set('If-Match', `"${taken.version}"`).send({ defendantName: 'Peter Shaw' }),
      ]);
      const [row] = await t.dataSource.query(`SELECT intake_stage::text AS stage, conflict_status::text AS conflict FROM cases WHERE id = $1`, [taken.id]);
      expect(row.stage === 'accepted' && row.conflict === 'potential').toBe(false);
    }
    expect(existing.conflictStatus).toBe('clear');
  });

  it('a clear case has nothing to override', async () => {
    const taken = await takeCase({ lastName: 'Vance' });
    expectProblem(await post(`/cases/${taken.id}/conflict-override`, { reason: 'Nothing to see here at all' }), 409, 'NO_CONFLICT_TO_OVERRIDE');
  });

  it('acceptance checks again: a client taken on since makes it potential', async () => {
    const taken = await takeCase({ firstName: 'Anne', lastName: 'Webb', dateOfBirth: '1975-06-01' });
    expect(taken.conflictStatus).toBe('clear');
    await takeCase({ firstName: 'Mary', lastName: 'Webb', dateOfBirth: '1975-06-01' }, {}, otherSolicitor);
    expectProblem(await post(`/cases/${taken.id}/transitions`, { to: 'accepted' }), 409, 'CONFLICT_UNRESOLVED');
    const read = await request(t.server).get(`/api/v1/cases/${taken.id}`).set(auth(solicitor));
    expect(read.body).toMatchObject({ conflictStatus: 'potential', version: taken.version });
  });

  it('POST conflict-check re-runs it; an override stands while the matches are the same, a new match reopens it', async () => {
    await takeCase({ firstName: 'Mary', lastName: 'Yates', dateOfBirth: '1975-06-01' });
    const taken = await takeCase({ firstName: 'Anne', lastName: 'Yates', dateOfBirth: '1975-06-01', postcode: 'RG1 1AA' });
    await post(`/cases/${taken.id}/conflict-override`, { reason: 'Different people, checked passports' });
    expect((await post(`/cases/${taken.id}/conflict-check`)).body.conflictStatus).toBe('overridden');
    await takeCase({ firstName: 'Zoe', lastName: 'Yates', dateOfBirth: '1999-01-01', postcode: 'RG1 1AA' });
    const rerun = await post(`/cases/${taken.id}/conflict-check`);
    expect(rerun.status).toBe(200);
    expect(rerun.body.conflictStatus).toBe('potential');
    expect(rerun.body.conflictMatches).toHaveLength(2);
  });

  it('changing the defendant runs the check', async () => {
    const existing = await takeCase({ firstName: 'Peter', lastName: 'Shaw' });
    const taken = await takeCase({ firstName: 'Ann', lastName: 'Hale' });
    const patched = await request(t.server).patch(`/api/v1/cases/${taken.id}`).set(auth(solicitor)).set('If-Match', `"${taken.version}"`).send({ defendantName: 'Peter Shaw' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ conflictStatus: 'potential', conflictMatches: [expect.objectContaining({ reference: existing.client.reference, matchedOn: ['defendantName'] })] });
    const cleared = await request(t.server).patch(`/api/v1/cases/${taken.id}`).set(auth(solicitor)).set('If-Match', `"${String(patched.body.version)}"`).send({ defendantName: null });
    expect(cleared.body).toMatchObject({ conflictStatus: 'clear', conflictMatches: [] });
  });

  it("changing the client's surname or date of birth re-checks their cases", async () => {
    await takeCase({ firstName: 'Mary', lastName: 'Shaw', dateOfBirth: '1975-06-01', postcode: 'SW1A 1AA' });
    const taken = await takeCase({ firstName: 'Anne', lastName: 'Hale', dateOfBirth: '1975-06-01', postcode: 'RG1 1AA' });
    const patch = (version: number, body: object) => request(t.server).patch(`/api/v1/clients/${taken.client.id}`).set(auth(solicitor)).set('If-Match', `"${version}"`).send(body);
    const renamed = await patch(taken.client.version, { lastName: 'Shaw' });
    expect(renamed.status).toBe(200);
    expect((await request(t.server).get(`/api/v1/cases/${taken.id}`).set(auth(solicitor))).body.conflictStatus).toBe('potential');
    await patch(renamed.body.version as number, { dateOfBirth: '1976-06-01' });
    expect((await request(t.server).get(`/api/v1/cases/${taken.id}`).set(auth(solicitor))).body.conflictStatus).toBe('clear');
  });

  it('conflict endpoints follow case access', async () => {
    const taken = await takeCase({ lastName: 'Hale' });
    expectProblem(await post(`/cases/${taken.id}/conflict-check`, {}, otherSolicitor), 404, 'CASE_NOT_FOUND');
    expectProblem(await post(`/cases/${taken.id}/conflict-override`, { reason: 'long enough reason' }, otherSolicitor), 404, 'CASE_NOT_FOUND');
    expect((await post(`/cases/${taken.id}/conflict-check`, {}, paralegal)).status).toBe(403);
    expect((await post(`/cases/${taken.id}/conflict-check`, {}, admin)).status).toBe(200);
  });

  it('matches never carry health data', async () => {
    await takeCase({ firstName: 'Mary', lastName: 'Moss', dateOfBirth: '1975-06-01' }, {}, otherSolicitor);
    const taken = await takeCase({ firstName: 'Anne', lastName: 'Moss', dateOfBirth: '1975-06-01' });
    for (const match of taken.conflictMatches) expect(Object.keys(match).sort()).toEqual(['id', 'kind', 'matchedOn', 'name', 'reference']);
  });
});
