import request from 'supertest';
import { PERSONAL_DATA, TABLES_WITHOUT_CLIENT_DATA } from '../src/privacy/personal-data';
import { amputationBody, clientBody, healthProfileBody } from './factories/client.factory';
import { caseFields, intakeBody } from './factories/intake.factory';
import { createUser, CreatedUser } from './factories/user.factory';
import { expectProblem } from './support/problem';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

// Values that appear nowhere else, so the tests can look for them anywhere in the database.
const DISTINCT = {
  firstName: 'Zebedee',
  lastName: 'Quartermaine',
  email: 'zebedee.q@example.org',
  phone: '07700 900777',
  postcode: 'EX4 4QJ',
  vulnerabilityNotes: 'Hard of hearing; prefers email',
  currentProsthesis: 'Vacuum socket from Quillon Limbs',
  complaintNotes: 'Blisters after an hour of wear',
  incidentDescription: 'Motorcycle struck by a skip lorry on the Exeter bypass',
  defendantName: 'Xylophone Skips Ltd',
  insurerName: 'Yarrow Mutual plc',
  overrideReason: 'Cousins with the same surname and birthday, checked',
  limitationNote: 'Issued at Exeter County Court',
  stageReason: 'Client chose another firm after the hearing',
  reviewReason: 'Client stopped smoking in June, surgeon to decide',
  taskNote: 'Ask about the Quillon socket history',
  taskOutcome: 'Surgeon happy to see Zebedee in clinic',
};

describe('data-subject rights', () => {
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
  const post = async (path: string, body: object, expected: number, user: CreatedUser = solicitor) => {
    const response = await request(t.server).post(`/api/v1${path}`).set(auth(user)).send(body);
    expect(response.status).toBe(expected);
    return response;
  };

  /** A client with every personal field filled, a case taken through screening, review, tasks and decline. */
  async function fullRecord(): Promise<{ clientId: string; caseId: string }> {
    const assignees = { solicitorId: solicitor.user.id, paralegalId: paralegal.user.id };
    // Another client with the same surname and birthday: the case gets conflict matches to override.
    await post('/intake', intakeBody(assignees, { client: clientBody({ firstName: 'Other', lastName: DISTINCT.lastName, dateOfBirth: '1971-03-09', postcode: 'SW1A 1AA' }) }), 201);
    const taken = await post(
      '/intake',
      intakeBody(assignees, {
        client: clientBody({
          firstName: DISTINCT.firstName,
          lastName: DISTINCT.lastName,
          dateOfBirth: '1971-03-09',
          email: DISTINCT.email,
          phone: DISTINCT.phone,
          postcode: DISTINCT.postcode,
          preferredContact: 'email',
          vulnerable: true,
          vulnerabilityNotes: DISTINCT.vulnerabilityNotes,
          healthDataConsent: 'given',
          consentRecordedOn: '2026-01-05',
        }),
        amputations: [
          amputationBody({
            currentProsthesis: DISTINCT.currentProsthesis,
            socketComplaints: [{ type: 'skin_breakdown', severity: 'severe', since: '2022-01-01', notes: DISTINCT.complaintNotes }],
          }),
        ],
        healthProfile: healthProfileBody({ smokingStatus: 'former', quitDate: '2024-06-01', osteoporosis: 'yes' }),
        case: caseFields(assignees, {
          incidentDescription: DISTINCT.incidentDescription,
          defendantName: DISTINCT.defendantName,
          insurerName: DISTINCT.insurerName,
          dateOfKnowledge: '2021-02-02',
        }),
      }),
      201,
    );
    const caseId = taken.body.id as string;
    const clientId = taken.body.client.id as string;
    await post(`/cases/${caseId}/conflict-override`, { reason: DISTINCT.overrideReason }, 200);
    await post(`/cases/${caseId}/limitation-satisfied`, { on: '2023-01-10', note: DISTINCT.limitationNote }, 200);
    const screening = await post(`/cases/${caseId}/screenings`, {}, 201);
    await post(`/cases/${caseId}/screenings/${screening.body.id as string}/review`, { decision: 'override', reason: DISTINCT.reviewReason }, 201);
    const task = (screening.body.referralTasks as { id: string; version: number }[])[0];
    if (task === undefined) throw new Error('the screening made no task');
    await request(t.server)
      .patch(`/api/v1/referral-tasks/${task.id}`)
      .set(auth(paralegal))
      .set('If-Match', `"${task.version}"`)
      .send({ note: DISTINCT.taskNote, outcomeNote: DISTINCT.taskOutcome, status: 'done' })
      .expect(200);
    await post(`/cases/${caseId}/transitions`, { to: 'referred_elsewhere', reason: DISTINCT.stageReason }, 200);
    return { clientId, caseId };
  }

  async function everythingInTheDatabase(): Promise<string> {
    const tables: { table_name: string }[] = await t.dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    const dumps: string[] = [];
    for (const { table_name: table } of tables) {
      const rows: { row: unknown }[] = await t.dataSource.query(`SELECT row_to_json(t) AS row FROM "${table}" t`);
      dumps.push(JSON.stringify(rows));
    }
    return dumps.join('\n');
  }

  it('the catalogue classifies every column of every table that holds client data, and names the others', () => {
    const catalogued = new Map(PERSONAL_DATA.map((entry) => [entry.table, entry]));
    for (const metadata of t.dataSource.entityMetadatas) {
      const entry = catalogued.get(metadata.tableName);
      if (entry === undefined) {
        expect(TABLES_WITHOUT_CLIENT_DATA).toContain(metadata.tableName);
        continue;
      }
      const columns = metadata.columns.map((column) => column.databaseName).sort();
      expect([...Object.keys(entry.personal), ...entry.other].sort()).toEqual(columns);
    }
  });

  describe('GET /api/v1/clients/{id}/export', () => {
    it('holds every personal column of every table, with its value, and the audit events about them', async () => {
      const { clientId, caseId } = await fullRecord();
      const response = await request(t.server).get(`/api/v1/clients/${clientId}/export`).set(auth(admin));
      expect(response.status).toBe(200);
      const records = response.body.records as Record<string, Record<string, unknown>[]>;
      for (const entry of PERSONAL_DATA) {
        for (const column of Object.keys(entry.personal)) {
          const filled = (records[entry.table] ?? []).some((row) => row[column] !== null && row[column] !== undefined);
          expect({ table: entry.table, column, filled }).toEqual({ table: entry.table, column, filled: true });
        }
      }
      expect(records.cases?.map((row) => row.id)).toEqual([caseId]);
      const text = JSON.stringify(records);
      for (const value of Object.values(DISTINCT)) expect(text).toContain(value);
      // Nothing about the other client with the same surname except as this case's conflict match.
      expect(records.clients).toHaveLength(1);
      const audited = response.body.auditEvents as { entityType: string; entityId: string }[];
      expect(audited.some((event) => event.entityType === 'case' && event.entityId === caseId)).toBe(true);
      expect(audited.some((event) => event.entityType === 'health_profile' && event.entityId === clientId)).toBe(true);
      const [latest] = await t.dataSource.query(`SELECT action, entity_id FROM audit_events ORDER BY sequence DESC LIMIT 1`);
      expect(latest).toEqual({ action: 'export', entity_id: clientId });
    });

    it('is for admins only, and 404 for no such client', async () => {
      const { clientId } = await fullRecord();
      expect((await request(t.server).get(`/api/v1/clients/${clientId}/export`).set(auth(solicitor))).status).toBe(403);
      expectProblem(await request(t.server).get('/api/v1/clients/6f1c2a8e-2a53-4b8e-9d7e-0c6f3f1f7a10/export').set(auth(admin)), 404, 'CLIENT_NOT_FOUND');
    });
  });

  describe('POST /api/v1/clients/{id}/erasure', () => {
    it('refuses with LEGAL_HOLD while a case is open, and changes nothing', async () => {
      const assignees = { solicitorId: solicitor.user.id, paralegalId: paralegal.user.id };
      const taken = await post('/intake', intakeBody(assignees, { client: clientBody({ lastName: DISTINCT.lastName }) }), 201);
      const response = await request(t.server)
        .post(`/api/v1/clients/${taken.body.client.id as string}/erasure`)
        .set(auth(admin))
        .send({ reason: 'Client asked us to forget them' });
      expectProblem(response, 409, 'LEGAL_HOLD');
      expect(await everythingInTheDatabase()).toContain(DISTINCT.lastName);
    });

    it('anonymises every personal and health field irreversibly, keeps the counts, and records the erasure', async () => {
      const { clientId, caseId } = await fullRecord();
      const casesBefore = await t.dataSource.query(`SELECT count(*)::int AS n, min(intake_stage::text) AS stage FROM cases WHERE client_id = $1`, [clientId]);
      const response = await request(t.server).post(`/api/v1/clients/${clientId}/erasure`).set(auth(admin)).send({ reason: 'Former client asked for erasure, matter closed' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ clientId, erasedById: admin.user.id, erasedAt: expect.any(String) });

      const everything = await everythingInTheDatabase();
      for (const [name, value] of Object.entries(DISTINCT)) {
        // The other client of the same surname keeps theirs; no other value of this client may remain.
        if (name === 'lastName') continue;
        expect({ name, found: everything.includes(value) }).toEqual({ name, found: false });
      }
      await expect(t.dataSource.query(`SELECT count(*)::int AS n, min(intake_stage::text) AS stage FROM cases WHERE client_id = $1`, [clientId])).resolves.toEqual(casesBefore);
      const [client] = await t.dataSource.query(`SELECT first_name, last_name, date_of_birth, email FROM clients WHERE id = $1`, [clientId]);
      expect(client).toEqual({ first_name: 'Erased', last_name: 'Client', date_of_birth: null, email: null });
      const [profile] = await t.dataSource.query(`SELECT smoking_status, diabetes FROM health_profiles WHERE client_id = $1`, [clientId]);
      expect(profile).toEqual({ smoking_status: 'unknown', diabetes: 'unknown' });
      const [screening] = await t.dataSource.query(`SELECT outcome, flags, snapshot FROM screenings WHERE case_id = $1`, [caseId]);
      // The flag's code and severity stay for the reports' counts; its message and fields (the facts) go.
      expect(screening).toEqual({ outcome: 'refer_with_caution', flags: [{ code: 'OSTEOPOROSIS', severity: 'caution' }], snapshot: { erased: true } });
      const [event] = await t.dataSource.query(`SELECT action, actor_id, entity_id FROM audit_events ORDER BY sequence DESC LIMIT 1`);
      expect(event).toEqual({ action: 'erasure', actor_id: admin.user.id, entity_id: clientId });
      expect((await request(t.server).get('/api/v1/audit/verify').set(auth(admin))).body.intact).toBe(true);

      expectProblem(await request(t.server).post(`/api/v1/clients/${clientId}/erasure`).set(auth(admin)).send({ reason: 'Asked again by letter today' }), 409, 'CLIENT_ALREADY_ERASED');
      const patch = await request(t.server).patch(`/api/v1/clients/${clientId}`).set(auth(admin)).set('If-Match', '"2"').send({ firstName: 'Zeb' });
      expectProblem(patch, 409, 'CLIENT_ERASED');
      const reopen = await request(t.server)
        .post('/api/v1/cases')
        .set(auth(admin))
        .send({ clientId, ...caseFields({ solicitorId: solicitor.user.id }) });
      expectProblem(reopen, 409, 'CLIENT_ERASED');
    });

    it.each([{}, { reason: 'short' }, { reason: 42 }])('needs a reason of 10+ characters (%j)', async (body) => {
      const { clientId } = await fullRecord();
      expectProblem(await request(t.server).post(`/api/v1/clients/${clientId}/erasure`).set(auth(admin)).send(body), 400, 'VALIDATION_FAILED');
    });

    it('is for admins only', async () => {
      const { clientId } = await fullRecord();
      expect((await request(t.server).post(`/api/v1/clients/${clientId}/erasure`).set(auth(solicitor)).send({ reason: 'Client asked us to forget them' })).status).toBe(403);
    });

    it('refuses every later write to the erased record', async () => {
      const { clientId, caseId } = await fullRecord();
      await request(t.server).post(`/api/v1/clients/${clientId}/erasure`).set(auth(admin)).send({ reason: 'Former client asked for erasure' }).expect(200);
      const profile = await request(t.server).get(`/api/v1/clients/${clientId}/health-profile`).set(auth(admin));
      const put = await request(t.server)
        .put(`/api/v1/clients/${clientId}/health-profile`)
        .set(auth(admin))
        .set('If-Match', `"${String(profile.body.version)}"`)
        .send(healthProfileBody({ diabetes: 'yes' }));
      expectProblem(put, 409, 'CLIENT_ERASED');
      expectProblem(await request(t.server).post(`/api/v1/clients/${clientId}/amputations`).set(auth(admin)).send({ limb: 'lower', side: 'left', level: 'transtibial' }), 409, 'CLIENT_ERASED');
      const matter = await request(t.server).get(`/api/v1/cases/${caseId}`).set(auth(admin));
      const patch = await request(t.server)
        .patch(`/api/v1/cases/${caseId}`)
        .set(auth(admin))
        .set('If-Match', `"${String(matter.body.version)}"`)
        .send({ incidentDescription: 'Zebedee fell off a ladder' });
      expectProblem(patch, 409, 'CLIENT_ERASED');
      expect(await everythingInTheDatabase()).not.toContain('Zebedee');
    });

    it("removes the client from other cases' conflict matches; the export shows those matches but not other people's names", async () => {
      const { clientId } = await fullRecord();
      // The other Quartermaine's case, checked again now, names Zebedee.
      const [other] = await t.dataSource.query(`SELECT m.id FROM cases m JOIN clients c ON c.id = m.client_id WHERE c.first_name = 'Other'`);
      const recheck = await request(t.server).post(`/api/v1/cases/${String(other.id)}/conflict-check`).set(auth(solicitor));
      expect(recheck.body.conflictMatches).toEqual([expect.objectContaining({ id: clientId, name: `${DISTINCT.firstName} ${DISTINCT.lastName}` })]);

      const exported = await request(t.server).get(`/api/v1/clients/${clientId}/export`).set(auth(admin));
      expect(exported.body.conflictMatchesNamingClient).toEqual([{ caseId: other.id, matchedOn: ['lastName', 'dateOfBirth'] }]);
      expect(JSON.stringify(exported.body.records)).not.toContain('Other');

      await request(t.server).post(`/api/v1/clients/${clientId}/erasure`).set(auth(admin)).send({ reason: 'Former client asked for erasure' }).expect(200);
      const after = await request(t.server).get(`/api/v1/cases/${String(other.id)}`).set(auth(solicitor));
      expect(after.body).toMatchObject({ conflictMatches: [], conflictStatus: 'clear' });
      expect(await everythingInTheDatabase()).not.toContain(DISTINCT.firstName);
    });

    it('an erasure and a new case for the same client never both succeed', async () => {
      for (let round = 0; round < 5; round += 1) {
        await cleanDatabase(t.dataSource);
        admin = await createUser(t.app, { role: 'admin' });
        solicitor = await createUser(t.app, { role: 'solicitor' });
        const taken = await post('/intake', intakeBody({ solicitorId: solicitor.user.id }, { client: clientBody({ lastName: 'Racer' }) }), 201);
        await post(`/cases/${taken.body.id as string}/transitions`, { to: 'declined', reason: 'No prospects at all' }, 200);
        const clientId = taken.body.client.id as string;
        const [opened, erased] = await Promise.all([
          request(t.server).post('/api/v1/cases').set(auth(solicitor)).send({ clientId, ...caseFields({ solicitorId: solicitor.user.id }) }),
          request(t.server).post(`/api/v1/clients/${clientId}/erasure`).set(auth(admin)).send({ reason: 'Former client asked for erasure' }),
        ]);
        expect([opened.status, erased.status].sort()).toEqual(opened.status === 201 ? [201, 409] : [200, 409]);
      }
    });
});
});
