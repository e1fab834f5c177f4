import { Client } from 'pg';
import request from 'supertest';
import { amputationBody, clientBody } from './factories/client.factory';
import { caseFields, intakeBody } from './factories/intake.factory';
import { createUser, CreatedUser } from './factories/user.factory';
import { expectProblem } from './support/problem';
import { databaseForThisWorker } from './support/test-databases';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

const INTAKE_TABLES = ['clients', 'health_profiles', 'amputations', 'socket_complaints', 'cases', 'idempotency_records'];

describe('POST /api/v1/intake', () => {
  let t: TestApp;
  let solicitor: CreatedUser;
  let paralegal: CreatedUser;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await cleanDatabase(t.dataSource);
    solicitor = await createUser(t.app, { role: 'solicitor' });
    paralegal = await createUser(t.app, { role: 'paralegal' });
  });

  const auth = (user: CreatedUser) => ({ Authorization: `Bearer ${user.token}` });
  const body = (overrides: Record<string, unknown> = {}) => intakeBody({ solicitorId: solicitor.user.id, paralegalId: paralegal.user.id }, overrides);
  const rowCounts = async () => {
    const counts: Record<string, number> = {};
    for (const table of INTAKE_TABLES) {
      const rows: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
      counts[table] = rows[0]?.n ?? -1;
    }
    return counts;
  };
  const nothingWritten = { clients: 0, health_profiles: 0, amputations: 0, socket_complaints: 0, cases: 0, idempotency_records: 0 };

  it('creates client, health profile, amputations, complaints and case, answering the case as GET /cases/{id} does', async () => {
    const created = await request(t.server).post('/api/v1/intake').set(auth(solicitor)).send(body());
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      reference: expect.stringMatching(/^CASE-\d{4}-\d{6,}$/),
      incidentDate: '2020-11-14',
      incidentType: 'road_traffic',
      defendantName: 'Acme Haulage Ltd',
      source: 'phone',
      funding: 'cfa',
      assignedSolicitorId: solicitor.user.id,
      assignedParalegalId: paralegal.user.id,
      intakeStage: 'enquiry',
      pathwayStage: 'not_screened',
      version: 1,
      client: { firstName: 'Ann', lastName: 'Hale', dateOfBirth: '1980-04-02', postcode: 'RG1 1AA', reference: expect.stringMatching(/^OI-\d{4}-\d{6,}$/) },
      amputations: [
        {
          limb: 'lower',
          side: 'left',
          level: 'transfemoral',
          residualLimbLengthCm: 18,
          dailyWearHours: 6,
          socketComplaints: [{ type: 'excessive_sweating', severity: 'moderate' }],
        },
      ],
      healthProfile: { peripheralVascularDisease: 'no', smokingStatus: 'never', activityLevel: 'K3', hotClimate: 'no' },
    });
    const fetched = await request(t.server).get(`/api/v1/cases/${created.body.id}`).set(auth(solicitor));
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created.body);
    await expect(rowCounts()).resolves.toEqual({ ...nothingWritten, clients: 1, health_profiles: 1, amputations: 1, socket_complaints: 1, cases: 1 });
  });

  it('takes bilateral and upper-plus-lower limb loss, and leaves omitted health facts unknown', async () => {
    const created = await request(t.server)
      .post('/api/v1/intake')
      .set(auth(solicitor))
      .send(
        body({
          amputations: [
            amputationBody({ side: 'left' }),
            amputationBody({ side: 'right', level: 'transtibial', socketComplaints: [] }),
            amputationBody({ limb: 'upper', side: 'left', level: 'transradial', socketComplaints: [{ type: 'pain', severity: 'severe' }, { type: 'neuroma', severity: 'mild' }] }),
          ],
          healthProfile: { diabetes: 'no' },
        }),
      );
    expect(created.status).toBe(201);
    expect(created.body.amputations.map((amputation: { level: string }) => amputation.level)).toEqual(['transfemoral', 'transtibial', 'transradial']);
    expect(created.body.healthProfile).toMatchObject({ diabetes: 'no', peripheralVascularDisease: 'unknown', smokingStatus: 'unknown' });
    await expect(rowCounts()).resolves.toMatchObject({ amputations: 3, socket_complaints: 3 });
    // The answer is built from the rows as written, not read back: it must be exactly what a read gives.
    const fetched = await request(t.server).get(`/api/v1/cases/${created.body.id as string}`).set(auth(solicitor)).expect(200);
    expect(created.body).toStrictEqual(fetched.body);
  });

  it('answers a sparse enquiry (no amputations, optional facts omitted) exactly as GET /cases/{id} reads it back', async () => {
    const created = await request(t.server)
      .post('/api/v1/intake')
      .set(auth(solicitor))
      .send({
        client: { firstName: 'Bo', lastName: 'Tern' },
        healthProfile: { smokingStatus: 'former', quitDate: '2019-06-30' },
        case: { incidentDate: '2024-02-29', incidentType: 'workplace', source: 'web_form', funding: 'unknown', assignedSolicitorId: solicitor.user.id },
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ amputations: [], healthProfile: { smokingStatus: 'former', quitDate: '2019-06-30', diabetes: 'unknown' }, client: { dateOfBirth: null } });
    const fetched = await request(t.server).get(`/api/v1/cases/${created.body.id as string}`).set(auth(solicitor)).expect(200);
    expect(created.body).toStrictEqual(fetched.body);
  });

  const failingLast: Record<string, () => Record<string, unknown>> = {
    'an unknown assigned paralegal (the last row)': () => ({
      case: caseFields({ solicitorId: solicitor.user.id, paralegalId: '6f1c2a8e-2a53-4b8e-9d7e-0c6f3f1f7a10' }),
    }),
    'a level that does not fit the limb on the second amputation': () => ({
      amputations: [amputationBody(), amputationBody({ limb: 'upper', level: 'transfemoral' })],
    }),
    'an incident before the client was born': () => ({ case: caseFields({ solicitorId: solicitor.user.id }, { incidentDate: '1979-01-01' }) }),
  };

  it.each([
    ['an unknown assigned paralegal (the last row)', 422, 'INVALID_ASSIGNEE'],
    ['a level that does not fit the limb on the second amputation', 400, 'VALIDATION_FAILED'],
    ['an incident before the client was born', 400, 'VALIDATION_FAILED'],
  ] as const)('writes nothing at all when it fails on %s', async (label, status, code) => {
    const overrides = failingLast[label];
    if (overrides === undefined) throw new Error(`no variant ${label}`);
    const response = await request(t.server).post('/api/v1/intake').set(auth(solicitor)).send(body(overrides()));
    expectProblem(response, status, code);
    await expect(rowCounts()).resolves.toEqual(nothingWritten);
  });

  it('names nested fields in validation errors and echoes no value', async () => {
    const response = await request(t.server)
      .post('/api/v1/intake')
      .set(auth(solicitor))
      .send(
        body({
          client: clientBody({ firstName: '', dateOfBirth: '2026-02-30', postcode: 'NOT-A-POSTCODE-zq81x' }),
          amputations: [amputationBody({ residualLimbLengthCm: 101, socketComplaints: [{ type: 'itchy', severity: 'moderate' }] })],
          healthProfile: { diabetes: 'maybe' },
          case: caseFields({ solicitorId: solicitor.user.id }, { incidentDate: '2999-01-01', funding: 'crowdfunded', extra: 'zq81x' }),
        }),
      );
    expectProblem(response, 400, 'VALIDATION_FAILED');
    const fields = response.body.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'client.firstName',
        'client.dateOfBirth',
        'client.postcode',
        'amputations[0].residualLimbLengthCm',
        'amputations[0].socketComplaints[0].type',
        'healthProfile.diabetes',
        'case.incidentDate',
        'case.funding',
        'case.extra',
      ]),
    );
    expect(response.text).not.toContain('zq81x');
    await expect(rowCounts()).resolves.toEqual(nothingWritten);
  });

  it.each([
    ['no client', { client: undefined }],
    ['no case', { case: undefined }],
    ['five amputations', { amputations: Array.from({ length: 5 }, () => amputationBody()) }],
    ['21 complaints on one amputation', { amputations: [amputationBody({ socketComplaints: Array.from({ length: 21 }, () => ({ type: 'pain', severity: 'mild' })) })] }],
    ['a client that is a string', { client: 'Ann Hale' }],
    ['amputations that are not objects', { amputations: [1, 2] }],
  ])('refuses an intake with %s', async (_label, overrides) => {
    const response = await request(t.server).post('/api/v1/intake').set(auth(solicitor)).send(body(overrides));
    expectProblem(response, 400, 'VALIDATION_FAILED');
    await expect(rowCounts()).resolves.toEqual(nothingWritten);
  });

  it('is closed to paralegals', async () => {
    expectProblem(await request(t.server).post('/api/v1/intake').set(auth(paralegal)).send(body()), 403, 'FORBIDDEN');
  });

  describe('Idempotency-Key', () => {
    it('answers a retry with the first response and writes nothing more', async () => {
      const first = await request(t.server).post('/api/v1/intake').set(auth(solicitor)).set('Idempotency-Key', 'call-1').send(body());
      const retry = await request(t.server).post('/api/v1/intake').set(auth(solicitor)).set('Idempotency-Key', 'call-1').send(body());
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      await expect(rowCounts()).resolves.toMatchObject({ clients: 1, cases: 1, idempotency_records: 1 });
    });

    it('refuses the same key with a different body', async () => {
      await request(t.server).post('/api/v1/intake').set(auth(solicitor)).set('Idempotency-Key', 'call-2').send(body()).expect(201);
      const other = await request(t.server)
        .post('/api/v1/intake')
        .set(auth(solicitor))
        .set('Idempotency-Key', 'call-2')
        .send(body({ client: clientBody({ firstName: 'Bea' }) }));
      expectProblem(other, 422, 'IDEMPOTENCY_KEY_REUSED');
      await expect(rowCounts()).resolves.toMatchObject({ clients: 1, cases: 1 });
    });

    it('scopes keys per user', async () => {
      const colleague = await createUser(t.app, { role: 'solicitor' });
      await request(t.server).post('/api/v1/intake').set(auth(solicitor)).set('Idempotency-Key', 'shared').send(body()).expect(201);
      const theirs = await request(t.server).post('/api/v1/intake').set(auth(colleague)).set('Idempotency-Key', 'shared').send(body());
      expect(theirs.status).toBe(201);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
      await expect(rowCounts()).resolves.toMatchObject({ clients: 2, cases: 2 });
    });

    it('leaves exactly one case after twenty concurrent identical intakes with one key', async () => {
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => request(t.server).post('/api/v1/intake').set(auth(solicitor)).set('Idempotency-Key', 'storm').send(body())),
      );
      const statuses = responses.map((response) => response.status);
      // Each answer is the first response, or "still running" for ones that overlapped it.
      expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
      const created = responses.filter((response) => response.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(new Set(created.map((response) => String(response.body.id))).size).toBe(1);
      for (const response of responses.filter((r) => r.status === 409)) expectProblem(response, 409, 'IDEMPOTENCY_KEY_IN_USE');
      await expect(rowCounts()).resolves.toMatchObject({ clients: 1, cases: 1, amputations: 1, idempotency_records: 1 });
    });

    // PGlite serves every connection from one session, where advisory locks are shared: only a server can show this.
    (databaseForThisWorker().embedded ? it.skip : it)('answers 409 while the first request with the key is still running', async () => {
      const holder = new Client({ connectionString: databaseForThisWorker().url });
      await holder.connect();
      try {
        // Hold the lock the first request would hold while it runs.
        await holder.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', [solicitor.user.id, 'in-flight']);
        const overlapping = await request(t.server).post('/api/v1/intake').set(auth(solicitor)).set('Idempotency-Key', 'in-flight').send(body());
        expectProblem(overlapping, 409, 'IDEMPOTENCY_KEY_IN_USE');
        await expect(rowCounts()).resolves.toEqual(nothingWritten);
      } finally {
        await holder.end();
      }
      await request(t.server).post('/api/v1/intake').set(auth(solicitor)).set('Idempotency-Key', 'in-flight').send(body()).expect(201);
    });

    it('refuses a malformed key', async () => {
      const response = await request(t.server).post('/api/v1/intake').set(auth(solicitor)).set('Idempotency-Key', 'has space').send(body());
      expectProblem(response, 400, 'INVALID_IDEMPOTENCY_KEY');
      await expect(rowCounts()).resolves.toEqual(nothingWritten);
    });
  });
});
