import request from 'supertest';
import { todayInLondon } from '../src/common/time/calendar-date';
import { addAmputation, auth, countRows, createClient, CreatedRecord, fieldsOf, insertCase, nextDay } from './factories/client-records';
import { amputationBody } from './factories/client.factory';
import { createUser, CreatedUser } from './factories/user.factory';
import { expectProblem } from './support/problem';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

const MISSING_ID = '6f1c2a8e-2a53-4b8e-9d7e-0c6f3f1f7a10';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const sansRequestId = (response: request.Response): Record<string, unknown> => {
  const { requestId: _requestId, ...rest } = response.body as Record<string, unknown>;
  return rest;
};
const complaint = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'volume_fluctuation', severity: 'mild', ...overrides });

describe('amputations and socket complaints API', () => {
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
    [admin, solicitor, otherSolicitor, paralegal] = await Promise.all([
      createUser(t.app, { role: 'admin', email: 'admin@firm.example' }),
      createUser(t.app, { role: 'solicitor', email: 'sol@firm.example' }),
      createUser(t.app, { role: 'solicitor', email: 'other-sol@firm.example' }),
      createUser(t.app, { role: 'paralegal', email: 'para@firm.example' }),
    ]);
  });

  const api = () => request(t.server);
  const amputationsUrl = (clientId: string) => `/api/v1/clients/${clientId}/amputations`;
  const amputationUrl = (clientId: string, amputationId: string) => `${amputationsUrl(clientId)}/${amputationId}`;
  const complaintsUrl = (clientId: string, amputationId: string) => `${amputationUrl(clientId, amputationId)}/socket-complaints`;
  const complaintUrl = (clientId: string, amputationId: string, complaintId: string) => `${complaintsUrl(clientId, amputationId)}/${complaintId}`;
  const withIfMatch = (call: request.Test, etag: string | undefined) => (etag === undefined ? call : call.set('If-Match', etag));

  const postAmputation = (user: CreatedUser, clientId: string, body: unknown) => api().post(amputationsUrl(clientId)).set(auth(user)).send(body as object);
  const patchAmputation = (user: CreatedUser, clientId: string, amputationId: string, etag: string | undefined, body: Record<string, unknown>) =>
    withIfMatch(api().patch(amputationUrl(clientId, amputationId)).set(auth(user)), etag).send(body);
  const deleteAmputation = (user: CreatedUser, clientId: string, amputationId: string, etag: string | undefined) =>
    withIfMatch(api().delete(amputationUrl(clientId, amputationId)).set(auth(user)), etag);
  const postComplaint = (user: CreatedUser, clientId: string, amputationId: string, body: Record<string, unknown>) =>
    api().post(complaintsUrl(clientId, amputationId)).set(auth(user)).send(body);
  const patchComplaint = (user: CreatedUser, ids: [string, string, string], etag: string | undefined, body: Record<string, unknown>) =>
    withIfMatch(api().patch(complaintUrl(...ids)).set(auth(user)), etag).send(body);
  const deleteComplaint = (user: CreatedUser, ids: [string, string, string], etag: string | undefined) =>
    withIfMatch(api().delete(complaintUrl(...ids)).set(auth(user)), etag);

  const amputationRow = async (id: string): Promise<Record<string, unknown>> => {
    const rows: Record<string, unknown>[] = await t.dataSource.query(
      'SELECT level, limb, residual_limb_length_cm, daily_wear_hours, version, deleted_at FROM amputations WHERE id = $1',
      [id],
    );
    return rows[0] ?? {};
  };
  const complaintRow = async (id: string): Promise<Record<string, unknown>> => {
    const rows: Record<string, unknown>[] = await t.dataSource.query('SELECT type, severity, notes, version, deleted_at FROM socket_complaints WHERE id = $1', [id]);
    return rows[0] ?? {};
  };
  const expectNothingWritten = async () => {
    expect(await countRows(t.dataSource, 'amputations')).toBe(0);
    expect(await countRows(t.dataSource, 'socket_complaints')).toBe(0);
  };

  /** A client of `solicitor` with one amputation carrying one complaint. */
  const recorded = async (): Promise<{ client: CreatedRecord; amputation: CreatedRecord; complaintId: string }> => {
    const client = await createClient(t, solicitor);
    const amputation = await addAmputation(t, solicitor, client.id);
    const complaints = amputation.body.socketComplaints as { id: string }[];
    const complaintId = complaints[0]?.id;
    if (complaintId === undefined) throw new Error('the factory amputation should carry a complaint');
    return { client, amputation, complaintId };
  };

  describe('POST /clients/{id}/amputations', () => {
    it('records an amputation with its complaints, numbers as numbers, and an ETag', async () => {
      const client = await createClient(t, solicitor);
      const response = await postAmputation(
        solicitor,
        client.id,
        amputationBody({
          residualLimbLengthCm: 18.5,
          currentProsthesis: '  Suction socket  ',
          socketComplaints: [complaint({ type: 'excessive_sweating', severity: 'moderate', since: '2022-06-01', notes: '  worse in summer ' })],
        }),
      );
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        clientId: client.id,
        limb: 'lower',
        side: 'left',
        level: 'transfemoral',
        amputationDate: '2021-03-01',
        cause: 'trauma',
        residualLimbLengthCm: 18.5,
        currentProsthesis: 'Suction socket',
        dailyWearHours: 6,
        socketComplaints: [
          {
            id: expect.stringMatching(UUID),
            amputationId: response.body.id,
            type: 'excessive_sweating',
            severity: 'moderate',
            since: '2022-06-01',
            notes: 'worse in summer',
            version: 1,
            createdAt: expect.stringMatching(ISO_INSTANT),
            updatedAt: expect.stringMatching(ISO_INSTANT),
          },
        ],
        version: 1,
        createdAt: expect.stringMatching(ISO_INSTANT),
        updatedAt: expect.stringMatching(ISO_INSTANT),
      });
      expect(response.headers.etag).toBe('"1"');
      expect(await amputationRow(response.body.id as string)).toMatchObject({ residual_limb_length_cm: '18.5', daily_wear_hours: '6.0', version: 1, deleted_at: null });
      expect(await countRows(t.dataSource, 'socket_complaints')).toBe(1);
    });

    it('takes only limb, side and level, and the boundary measurements', async () => {
      const client = await createClient(t, solicitor);
      const minimal = await postAmputation(solicitor, client.id, { limb: 'upper', side: 'right', level: 'transradial' });
      expect(minimal.status).toBe(201);
      expect(minimal.body).toMatchObject({
        amputationDate: null,
        cause: null,
        residualLimbLengthCm: null,
        currentProsthesis: null,
        dailyWearHours: null,
        socketComplaints: [],
        version: 1,
      });
      for (const [residualLimbLengthCm, dailyWearHours] of [
        [0, 0],
        [100, 24],
        [0.5, 23.9],
      ] as const) {
        const response = await postAmputation(solicitor, client.id, amputationBody({ residualLimbLengthCm, dailyWearHours }));
        expect(response.status).toBe(201);
        expect(response.body).toMatchObject({ residualLimbLengthCm, dailyWearHours });
        expect(typeof response.body.residualLimbLengthCm).toBe('number');
      }
    });

    it('records bilateral and upper-plus-lower limb loss as several amputations of one client', async () => {
      const client = await createClient(t, solicitor);
      const bodies = [
        amputationBody({ side: 'left', level: 'transfemoral' }),
        amputationBody({ side: 'right', level: 'transtibial' }),
        amputationBody({ limb: 'upper', side: 'left', level: 'transhumeral', socketComplaints: [] }),
      ];
      for (const body of bodies) {
        const response = await postAmputation(solicitor, client.id, body);
        expect(response.status).toBe(201);
        expect(response.body).toMatchObject({ clientId: client.id, limb: body.limb, side: body.side, level: body.level });
      }
      const rows: { client_id: string }[] = await t.dataSource.query('SELECT client_id FROM amputations');
      expect(rows.map((row) => row.client_id)).toEqual([client.id, client.id, client.id]);
    });

    it('accepts 20 socket complaints on one amputation, answering them in the order entered', async () => {
      const client = await createClient(t, solicitor);
      const complaints = Array.from({ length: 20 }, (_, index) => complaint({ notes: `entry ${index}` }));
      const created = await postAmputation(solicitor, client.id, amputationBody({ socketComplaints: complaints }));
      expect(created.status).toBe(201);
      expect((created.body.socketComplaints as { notes: string }[]).map((item) => item.notes)).toEqual(complaints.map((item) => item.notes));
      expect(await countRows(t.dataSource, 'socket_complaints')).toBe(20);
    });
    it('reads complaints back in the order they were entered', async () => {
      const client = await createClient(t, solicitor);
      const complaints = Array.from({ length: 20 }, (_, index) => complaint({ notes: `entry ${index}` }));
      const created = await postAmputation(solicitor, client.id, amputationBody({ socketComplaints: complaints }));
      expect(created.status).toBe(201);
      // Read back from the database: an empty PATCH answers the amputation as stored.
      const read = await patchAmputation(solicitor, client.id, created.body.id as string, '"1"', {});
      expect(read.status).toBe(200);
      expect((read.body.socketComplaints as { notes: string }[]).map((item) => item.notes)).toEqual(complaints.map((item) => item.notes));
    });

    const tomorrow = nextDay(todayInLondon());
    it.each<[string, Record<string, unknown>, string]>([
      ['an unknown limb', { limb: 'middle' }, 'limb'],
      ['no limb', { limb: undefined }, 'limb'],
      ['a null side', { side: null }, 'side'],
      ['side "both"', { side: 'both' }, 'side'],
      ['an unknown level', { level: 'above_knee' }, 'level'],
      ['no level', { level: undefined }, 'level'],
      ['a lower limb with an upper-limb level', { limb: 'lower', level: 'transhumeral' }, 'level'],
      ['an upper limb with a lower-limb level', { limb: 'upper', level: 'transtibial' }, 'level'],
      ['an unknown cause', { cause: 'accident' }, 'cause'],
      ['a capitalised cause', { cause: 'Trauma' }, 'cause'],
      ['30 February', { amputationDate: '2021-02-30' }, 'amputationDate'],
      ['a date before 1900', { amputationDate: '1899-12-31' }, 'amputationDate'],
      ['a date tomorrow', { amputationDate: tomorrow }, 'amputationDate'],
      ['a negative residual limb length', { residualLimbLengthCm: -1 }, 'residualLimbLengthCm'],
      ['a residual limb over 100 cm', { residualLimbLengthCm: 100.1 }, 'residualLimbLengthCm'],
      ['a residual limb length as text', { residualLimbLengthCm: '18' }, 'residualLimbLengthCm'],
      ['a residual limb length to two decimals', { residualLimbLengthCm: 18.55 }, 'residualLimbLengthCm'],
      ['negative wear hours', { dailyWearHours: -0.5 }, 'dailyWearHours'],
      ['25 wear hours', { dailyWearHours: 25 }, 'dailyWearHours'],
      ['24.5 wear hours', { dailyWearHours: 24.5 }, 'dailyWearHours'],
      ['wear hours as a boolean', { dailyWearHours: true }, 'dailyWearHours'],
      ['a 201-character prosthesis', { currentProsthesis: 'p'.repeat(201) }, 'currentProsthesis'],
      ['21 socket complaints', { socketComplaints: Array.from({ length: 21 }, () => complaint()) }, 'socketComplaints'],
      ['socket complaints that are not a list', { socketComplaints: complaint() }, 'socketComplaints'],
      ['an unknown complaint type', { socketComplaints: [complaint({ type: 'itchy' })] }, 'socketComplaints[0].type'],
      ['an unknown severity', { socketComplaints: [complaint(), complaint({ severity: 'extreme' })] }, 'socketComplaints[1].severity'],
      ['a complaint without a severity', { socketComplaints: [complaint({ severity: undefined })] }, 'socketComplaints[0].severity'],
      ['a complaint since a future date', { socketComplaints: [complaint({ since: '2999-01-01' })] }, 'socketComplaints[0].since'],
      ['1001 characters of complaint notes', { socketComplaints: [complaint({ notes: 'n'.repeat(1001) })] }, 'socketComplaints[0].notes'],
      ['an undeclared complaint field', { socketComplaints: [complaint({ colour: 'red' })] }, 'socketComplaints[0].colour'],
      ['an undeclared field', { bilateral: true }, 'bilateral'],
      ['a client id in the body', { clientId: MISSING_ID }, 'clientId'],
      ['a version in the body', { version: 3 }, 'version'],
    ])('refuses %s with 400 naming the field, and writes nothing', async (_what, overrides, field) => {
      const client = await createClient(t, solicitor);
      const response = await postAmputation(solicitor, client.id, amputationBody(overrides));
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response)).toContain(field);
      await expectNothingWritten();
    });

    it('names every bad field at once and echoes none of the submitted values', async () => {
      const client = await createClient(t, solicitor);
      const response = await postAmputation(solicitor, client.id, {
        limb: 'mk93v-limb',
        side: 'mk93v-side',
        level: 'mk93v-level',
        cause: 'mk93v-cause',
        amputationDate: 'mk93v-date',
        residualLimbLengthCm: 'mk93v-length',
        socketComplaints: [{ type: 'mk93v-type', severity: 'mk93v-severity', notes: 'mk93v'.repeat(201) }],
        mk93vField: 'mk93v-smuggled',
      });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response)).toEqual(
        expect.arrayContaining([
          'limb',
          'side',
          'level',
          'cause',
          'amputationDate',
          'residualLimbLengthCm',
          'socketComplaints[0].type',
          'socketComplaints[0].severity',
          'socketComplaints[0].notes',
        ]),
      );
      // The one exception is an undeclared key's own name, which is how the caller learns which key to drop.
      expect(response.text.replace(/mk93vField/g, '')).not.toContain('mk93v');
      await expectNothingWritten();
    });

    it('answers a level that does not match the limb without echoing either', async () => {
      const client = await createClient(t, solicitor);
      const response = await postAmputation(solicitor, client.id, amputationBody({ limb: 'lower', level: 'shoulder_disarticulation' }));
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual([{ field: 'level', code: 'levelMatchesLimb', message: expect.any(String) }]);
      expect(response.text).not.toContain('shoulder_disarticulation');
      await expectNothingWritten();
    });

    it('answers 404 CLIENT_NOT_FOUND for a missing client and 400 INVALID_ID for a malformed one', async () => {
      expectProblem(await postAmputation(solicitor, MISSING_ID, amputationBody()), 404, 'CLIENT_NOT_FOUND');
      const malformed = await postAmputation(solicitor, 'client-1', amputationBody());
      expectProblem(malformed, 400, 'INVALID_ID');
      expect(fieldsOf(malformed)).toEqual(['clientId']);
      await expectNothingWritten();
    });
  });

  describe('limits on a client’s record', () => {
    it('keeps at most four live amputations per client, counting removed ones out', async () => {
      const client = await createClient(t, solicitor);
      const first = await postAmputation(solicitor, client.id, amputationBody({ side: 'left' }));
      for (const side of ['right', 'left', 'right']) await postAmputation(solicitor, client.id, amputationBody({ side, limb: 'upper', level: 'transradial' })).expect(201);
      expectProblem(await postAmputation(solicitor, client.id, amputationBody()), 422, 'AMPUTATION_LIMIT_REACHED');
      await request(t.server).delete(`/api/v1/clients/${client.id}/amputations/${first.body.id}`).set(auth(solicitor)).set('If-Match', '"1"').expect(204);
      await postAmputation(solicitor, client.id, amputationBody()).expect(201);
    });

    it('keeps at most twenty live socket complaints per amputation', async () => {
      const client = await createClient(t, solicitor);
      const full = await postAmputation(
        solicitor,
        client.id,
        amputationBody({ socketComplaints: Array.from({ length: 20 }, () => complaint()) }),
      );
      expect(full.status).toBe(201);
      expectProblem(await postComplaint(solicitor, client.id, full.body.id, complaint()), 422, 'SOCKET_COMPLAINT_LIMIT_REACHED');
    });
  });

  describe('PATCH /clients/{id}/amputations/{amputationId}', () => {
    it('changes only the fields sent, raising the version, and answers with the live complaints', async () => {
      const { client, amputation, complaintId } = await recorded();
      const response = await patchAmputation(solicitor, client.id, amputation.id, amputation.etag, { level: 'knee_disarticulation', dailyWearHours: 10.5 });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        ...amputation.body,
        level: 'knee_disarticulation',
        dailyWearHours: 10.5,
        version: 2,
        updatedAt: expect.stringMatching(ISO_INSTANT),
      });
      expect(response.headers.etag).toBe('"2"');
      expect((response.body.socketComplaints as { id: string }[]).map((item) => item.id)).toEqual([complaintId]);

      const again = await patchAmputation(solicitor, client.id, amputation.id, '"2"', { limb: 'upper', level: 'elbow_disarticulation', side: 'right' });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ limb: 'upper', level: 'elbow_disarticulation', side: 'right', version: 3 });
      expect(again.headers.etag).toBe('"3"');
    });

    it('clears a measurement sent as null', async () => {
      const { client, amputation } = await recorded();
      const response = await patchAmputation(solicitor, client.id, amputation.id, '"1"', { residualLimbLengthCm: null, cause: null, amputationDate: null });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ residualLimbLengthCm: null, cause: null, amputationDate: null, dailyWearHours: 6 });
      expect(await amputationRow(amputation.id)).toMatchObject({ residual_limb_length_cm: null, version: 2 });
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['a new limb that the stored level does not belong to', { limb: 'upper' }, 'limb'],
      ['a new level that does not belong to the stored limb', { level: 'transhumeral' }, 'level'],
      ['a limb and level that do not match', { limb: 'upper', level: 'transtibial' }, 'level'],
      ['a null limb', { limb: null }, 'limb'],
      ['a null level', { level: null }, 'level'],
      ['a null side', { side: null }, 'side'],
      ['an unknown cause', { cause: 'shark' }, 'cause'],
      ['a residual limb over 100 cm', { residualLimbLengthCm: 101 }, 'residualLimbLengthCm'],
      ['wear hours over 24', { dailyWearHours: 24.1 }, 'dailyWearHours'],
      ['an impossible date', { amputationDate: '2021-04-31' }, 'amputationDate'],
      ['socket complaints (they have their own routes)', { socketComplaints: [] }, 'socketComplaints'],
      ['an undeclared field', { colour: 'beige' }, 'colour'],
    ])('refuses %s with 400 naming the field, and changes nothing', async (_what, body, field) => {
      const { client, amputation } = await recorded();
      const response = await patchAmputation(solicitor, client.id, amputation.id, '"1"', body);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response)).toContain(field);
      expect(await amputationRow(amputation.id)).toMatchObject({ limb: 'lower', level: 'transfemoral', version: 1 });
    });

    it('needs If-Match (428), refuses a stale one (412) and a malformed one (400), changing nothing', async () => {
      const { client, amputation } = await recorded();
      expectProblem(await patchAmputation(solicitor, client.id, amputation.id, undefined, { dailyWearHours: 1 }), 428, 'IF_MATCH_REQUIRED');
      expectProblem(await patchAmputation(solicitor, client.id, amputation.id, '*', { dailyWearHours: 1 }), 400, 'INVALID_IF_MATCH');
      expectProblem(await patchAmputation(solicitor, client.id, amputation.id, 'abc', { dailyWearHours: 1 }), 400, 'INVALID_IF_MATCH');
      expect(await amputationRow(amputation.id)).toMatchObject({ daily_wear_hours: '6.0', version: 1 });

      await patchAmputation(solicitor, client.id, amputation.id, '"1"', { dailyWearHours: 2 }).expect(200);
      expectProblem(await patchAmputation(solicitor, client.id, amputation.id, '"1"', { dailyWearHours: 3 }), 412, 'STALE_WRITE');
      expect(await amputationRow(amputation.id)).toMatchObject({ daily_wear_hours: '2.0', version: 2 });
    });

    it('lets exactly one of ten parallel PATCHes with the same ETag win', async () => {
      const { client, amputation } = await recorded();
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, index) => patchAmputation(solicitor, client.id, amputation.id, '"1"', { dailyWearHours: index + 1 }).then((response) => response)),
      );
      expect(responses.map((response) => response.status).sort()).toEqual([200, ...Array<number>(9).fill(412)]);
      responses.filter((response) => response.status === 412).forEach((response) => expectProblem(response, 412, 'STALE_WRITE'));
      const winner = responses.find((response) => response.status === 200);
      expect(await amputationRow(amputation.id)).toMatchObject({ daily_wear_hours: `${String(winner?.body.dailyWearHours)}.0`, version: 2 });
    });

    it('answers 404 AMPUTATION_NOT_FOUND for a missing amputation or one of another client, and 400 INVALID_ID for malformed ids', async () => {
      const { client, amputation } = await recorded();
      const sibling = await createClient(t, solicitor, { lastName: 'Sibling' });
      expectProblem(await patchAmputation(solicitor, client.id, MISSING_ID, '"1"', { side: 'right' }), 404, 'AMPUTATION_NOT_FOUND');
      expectProblem(await patchAmputation(solicitor, sibling.id, amputation.id, '"1"', { side: 'right' }), 404, 'AMPUTATION_NOT_FOUND');
      expectProblem(await patchAmputation(solicitor, MISSING_ID, amputation.id, '"1"', { side: 'right' }), 404, 'CLIENT_NOT_FOUND');
      const badAmputation = await patchAmputation(solicitor, client.id, 'amp-1', '"1"', { side: 'right' });
      expectProblem(badAmputation, 400, 'INVALID_ID');
      expect(fieldsOf(badAmputation)).toEqual(['amputationId']);
      const badClient = await patchAmputation(solicitor, 'client-1', amputation.id, '"1"', { side: 'right' });
      expectProblem(badClient, 400, 'INVALID_ID');
      expect(fieldsOf(badClient)).toEqual(['clientId']);
      expect(await amputationRow(amputation.id)).toMatchObject({ version: 1 });
    });
  });

  describe('DELETE /clients/{id}/amputations/{amputationId}', () => {
    it('hides the amputation but keeps the row, with deleted_at set', async () => {
      const { client, amputation, complaintId } = await recorded();
      const response = await deleteAmputation(solicitor, client.id, amputation.id, amputation.etag);
      expect(response.status).toBe(204);
      expect(response.text).toBe('');

      expectProblem(await deleteAmputation(solicitor, client.id, amputation.id, '"2"'), 404, 'AMPUTATION_NOT_FOUND');
      expectProblem(await deleteAmputation(solicitor, client.id, amputation.id, '"1"'), 404, 'AMPUTATION_NOT_FOUND');
      expectProblem(await patchAmputation(solicitor, client.id, amputation.id, '"2"', { side: 'right' }), 404, 'AMPUTATION_NOT_FOUND');
      expectProblem(await postComplaint(solicitor, client.id, amputation.id, complaint()), 404, 'AMPUTATION_NOT_FOUND');
      expectProblem(await patchComplaint(solicitor, [client.id, amputation.id, complaintId], '"1"', { severity: 'severe' }), 404, 'AMPUTATION_NOT_FOUND');

      const row = await amputationRow(amputation.id);
      expect(row.deleted_at).toBeInstanceOf(Date);
      expect(row).toMatchObject({ level: 'transfemoral', limb: 'lower' });
      expect(await countRows(t.dataSource, 'amputations')).toBe(1);
      // Its complaints stay on record too, untouched.
      expect(await complaintRow(complaintId)).toMatchObject({ severity: 'moderate', deleted_at: null });
    });

    it('leaves the client’s other amputations alone', async () => {
      const { client, amputation } = await recorded();
      const other = await addAmputation(t, solicitor, client.id, { side: 'right', level: 'transtibial' });
      await deleteAmputation(solicitor, client.id, amputation.id, '"1"').expect(204);
      await patchAmputation(solicitor, client.id, other.id, '"1"', { dailyWearHours: 12 }).expect(200);
      expect(await amputationRow(other.id)).toMatchObject({ deleted_at: null, version: 2 });
    });

    it('needs If-Match (428), refuses a stale one (412) and a malformed one (400), deleting nothing', async () => {
      const { client, amputation } = await recorded();
      expectProblem(await deleteAmputation(solicitor, client.id, amputation.id, undefined), 428, 'IF_MATCH_REQUIRED');
      expectProblem(await deleteAmputation(solicitor, client.id, amputation.id, '*'), 400, 'INVALID_IF_MATCH');
      await patchAmputation(solicitor, client.id, amputation.id, '"1"', { dailyWearHours: 7 }).expect(200);
      expectProblem(await deleteAmputation(solicitor, client.id, amputation.id, '"1"'), 412, 'STALE_WRITE');
      expect(await amputationRow(amputation.id)).toMatchObject({ deleted_at: null, version: 2 });
      await deleteAmputation(solicitor, client.id, amputation.id, '"2"').expect(204);
    });

    it('lets exactly one of ten parallel DELETEs with the same ETag succeed', async () => {
      const { client, amputation } = await recorded();
      const responses = await Promise.all(Array.from({ length: 10 }, () => deleteAmputation(solicitor, client.id, amputation.id, '"1"').then((response) => response)));
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 204)).toHaveLength(1);
      // The losers saw the row either still live at a newer version (412) or already gone (404).
      expect(statuses.every((status) => [204, 404, 412].includes(status))).toBe(true);
      expect((await amputationRow(amputation.id)).deleted_at).toBeInstanceOf(Date);
    });

    it('answers 404 AMPUTATION_NOT_FOUND for a missing amputation and 400 INVALID_ID for a malformed one', async () => {
      const client = await createClient(t, solicitor);
      expectProblem(await deleteAmputation(solicitor, client.id, MISSING_ID, '"1"'), 404, 'AMPUTATION_NOT_FOUND');
      expectProblem(await deleteAmputation(solicitor, client.id, '42', '"1"'), 400, 'INVALID_ID');
    });
  });

  describe('socket complaints', () => {
    it('records a complaint on an amputation, with an ETag', async () => {
      const { client, amputation } = await recorded();
      const response = await postComplaint(solicitor, client.id, amputation.id, { type: 'neuroma', severity: 'severe', since: '2023-01-31', notes: '  hypersensitive ' });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        amputationId: amputation.id,
        type: 'neuroma',
        severity: 'severe',
        since: '2023-01-31',
        notes: 'hypersensitive',
        version: 1,
        createdAt: expect.stringMatching(ISO_INSTANT),
        updatedAt: expect.stringMatching(ISO_INSTANT),
      });
      expect(response.headers.etag).toBe('"1"');
      const read = await patchAmputation(solicitor, client.id, amputation.id, '"1"', {});
      expect((read.body.socketComplaints as { type: string }[]).map((item) => item.type)).toEqual(['excessive_sweating', 'neuroma']);
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['an unknown type', { type: 'itchy' }, 'type'],
      ['no type', { type: undefined }, 'type'],
      ['an unknown severity', { severity: 'unbearable' }, 'severity'],
      ['a numeric severity', { severity: 3 }, 'severity'],
      ['no severity', { severity: undefined }, 'severity'],
      ['an impossible date', { since: '2023-02-29' }, 'since'],
      ['a future date', { since: '2999-01-01' }, 'since'],
      ['a date before 1900', { since: '1850-01-01' }, 'since'],
      ['1001 characters of notes', { notes: 'x'.repeat(1001) }, 'notes'],
      ['notes as a list', { notes: ['sore'] }, 'notes'],
      ['an undeclared field', { location: 'distal' }, 'location'],
      ['an amputation id in the body', { amputationId: MISSING_ID }, 'amputationId'],
    ])('refuses %s with 400 naming the field, and writes nothing', async (_what, overrides, field) => {
      const { client, amputation } = await recorded();
      const response = await postComplaint(solicitor, client.id, amputation.id, complaint(overrides));
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response)).toContain(field);
      expect(await countRows(t.dataSource, 'socket_complaints')).toBe(1);
    });

    it('changes a complaint, raising its version, and clears notes sent as null', async () => {
      const { client, amputation, complaintId } = await recorded();
      const ids: [string, string, string] = [client.id, amputation.id, complaintId];
      const first = await patchComplaint(solicitor, ids, '"1"', { severity: 'severe', notes: 'after a long walk' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ id: complaintId, amputationId: amputation.id, type: 'excessive_sweating', severity: 'severe', notes: 'after a long walk', version: 2 });
      expect(first.headers.etag).toBe('"2"');
      const second = await patchComplaint(solicitor, ids, '"2"', { notes: null, type: 'skin_breakdown' });
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ type: 'skin_breakdown', severity: 'severe', notes: null, version: 3 });
      expect(second.headers.etag).toBe('"3"');
      // The amputation's own version is untouched by a change to its complaint.
      expect(await amputationRow(amputation.id)).toMatchObject({ version: 1 });
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['a null type', { type: null }, 'type'],
      ['a null severity', { severity: null }, 'severity'],
      ['an unknown severity', { severity: 'catastrophic' }, 'severity'],
      ['an undeclared field', { resolved: true }, 'resolved'],
    ])('refuses a PATCH with %s, changing nothing', async (_what, body, field) => {
      const { client, amputation, complaintId } = await recorded();
      const response = await patchComplaint(solicitor, [client.id, amputation.id, complaintId], '"1"', body);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response)).toContain(field);
      expect(await complaintRow(complaintId)).toMatchObject({ type: 'excessive_sweating', severity: 'moderate', version: 1 });
    });

    it('needs If-Match (428), refuses a stale one (412) and a malformed one (400), changing nothing', async () => {
      const { client, amputation, complaintId } = await recorded();
      const ids: [string, string, string] = [client.id, amputation.id, complaintId];
      expectProblem(await patchComplaint(solicitor, ids, undefined, { severity: 'mild' }), 428, 'IF_MATCH_REQUIRED');
      expectProblem(await patchComplaint(solicitor, ids, '*', { severity: 'mild' }), 400, 'INVALID_IF_MATCH');
      expectProblem(await patchComplaint(solicitor, ids, 'abc', { severity: 'mild' }), 400, 'INVALID_IF_MATCH');
      await patchComplaint(solicitor, ids, '"1"', { severity: 'severe' }).expect(200);
      expectProblem(await patchComplaint(solicitor, ids, '"1"', { severity: 'mild' }), 412, 'STALE_WRITE');
      expectProblem(await deleteComplaint(solicitor, ids, '"1"'), 412, 'STALE_WRITE');
      expectProblem(await deleteComplaint(solicitor, ids, undefined), 428, 'IF_MATCH_REQUIRED');
      expect(await complaintRow(complaintId)).toMatchObject({ severity: 'severe', version: 2, deleted_at: null });
    });

    it('lets exactly one of ten parallel PATCHes with the same ETag win', async () => {
      const { client, amputation, complaintId } = await recorded();
      const severities = ['mild', 'severe'] as const;
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          patchComplaint(solicitor, [client.id, amputation.id, complaintId], '"1"', { severity: severities[index % 2], notes: `writer ${index}` }).then((response) => response),
        ),
      );
      expect(responses.map((response) => response.status).sort()).toEqual([200, ...Array<number>(9).fill(412)]);
      const winner = responses.find((response) => response.status === 200);
      expect(await complaintRow(complaintId)).toMatchObject({ notes: winner?.body.notes, version: 2 });
    });

    it('soft-deletes a complaint: 204, then 404, and the row stays with deleted_at set', async () => {
      const { client, amputation, complaintId } = await recorded();
      const kept = await postComplaint(solicitor, client.id, amputation.id, complaint({ type: 'pain' }));
      const ids: [string, string, string] = [client.id, amputation.id, complaintId];
      const response = await deleteComplaint(solicitor, ids, '"1"');
      expect(response.status).toBe(204);
      expect(response.text).toBe('');

      expectProblem(await deleteComplaint(solicitor, ids, '"2"'), 404, 'SOCKET_COMPLAINT_NOT_FOUND');
      expectProblem(await patchComplaint(solicitor, ids, '"2"', { severity: 'mild' }), 404, 'SOCKET_COMPLAINT_NOT_FOUND');
      const amputationNow = await patchAmputation(solicitor, client.id, amputation.id, '"1"', {});
      expect((amputationNow.body.socketComplaints as { id: string }[]).map((item) => item.id)).toEqual([kept.body.id]);

      const row = await complaintRow(complaintId);
      expect(row.deleted_at).toBeInstanceOf(Date);
      expect(row).toMatchObject({ type: 'excessive_sweating', severity: 'moderate' });
      expect(await countRows(t.dataSource, 'socket_complaints')).toBe(2);
    });

    it('answers 404 for a missing complaint or one on another amputation, and 400 INVALID_ID for a malformed id', async () => {
      const { client, amputation, complaintId } = await recorded();
      const other = await addAmputation(t, solicitor, client.id, { side: 'right' });
      expectProblem(await patchComplaint(solicitor, [client.id, amputation.id, MISSING_ID], '"1"', { severity: 'mild' }), 404, 'SOCKET_COMPLAINT_NOT_FOUND');
      expectProblem(await patchComplaint(solicitor, [client.id, other.id, complaintId], '"1"', { severity: 'mild' }), 404, 'SOCKET_COMPLAINT_NOT_FOUND');
      expectProblem(await deleteComplaint(solicitor, [client.id, other.id, complaintId], '"1"'), 404, 'SOCKET_COMPLAINT_NOT_FOUND');
      expectProblem(await postComplaint(solicitor, client.id, MISSING_ID, complaint()), 404, 'AMPUTATION_NOT_FOUND');
      const malformed = await patchComplaint(solicitor, [client.id, amputation.id, 'c-1'], '"1"', { severity: 'mild' });
      expectProblem(malformed, 400, 'INVALID_ID');
      expect(fieldsOf(malformed)).toEqual(['complaintId']);
      expectProblem(await deleteComplaint(solicitor, [client.id, amputation.id, 'c-1'], '"1"'), 400, 'INVALID_ID');
      expect(await complaintRow(complaintId)).toMatchObject({ severity: 'moderate', version: 1, deleted_at: null });
    });
  });

  describe('access', () => {
    /** Every amputation and complaint route, as `user`, on the given ids. */
    const routes = (user: CreatedUser): [string, (ids: [string, string, string]) => request.Test][] => [
      ['POST amputation', ([clientId]) => postAmputation(user, clientId, amputationBody())],
      ['PATCH amputation', ([clientId, amputationId]) => patchAmputation(user, clientId, amputationId, '"1"', { dailyWearHours: 1 })],
      ['DELETE amputation', ([clientId, amputationId]) => deleteAmputation(user, clientId, amputationId, '"1"')],
      ['POST complaint', ([clientId, amputationId]) => postComplaint(user, clientId, amputationId, complaint())],
      ['PATCH complaint', (ids) => patchComplaint(user, ids, '"1"', { severity: 'mild' })],
      ['DELETE complaint', (ids) => deleteComplaint(user, ids, '"1"')],
    ];
    const untouched = async (amputationId: string, complaintId: string) => {
      expect(await countRows(t.dataSource, 'amputations')).toBe(1);
      expect(await countRows(t.dataSource, 'socket_complaints')).toBe(1);
      expect(await amputationRow(amputationId)).toMatchObject({ version: 1, deleted_at: null });
      expect(await complaintRow(complaintId)).toMatchObject({ version: 1, deleted_at: null });
    };

    it('answers another solicitor’s client exactly like a missing one, on every route, and changes nothing', async () => {
      const { client, amputation, complaintId } = await recorded();
      for (const [route, call] of routes(otherSolicitor)) {
        const hidden = await call([client.id, amputation.id, complaintId]);
        const missing = await call([MISSING_ID, amputation.id, complaintId]);
        expectProblem(hidden, 404, 'CLIENT_NOT_FOUND');
        expectProblem(missing, 404, 'CLIENT_NOT_FOUND');
        expect({ route, body: sansRequestId(hidden) }).toEqual({ route, body: sansRequestId(missing) });
      }
      await untouched(amputation.id, complaintId);
    });

    it('refuses a paralegal every route with 403 FORBIDDEN, even on the client of their own case', async () => {
      const { client, amputation, complaintId } = await recorded();
      await insertCase(t.dataSource, { clientId: client.id, solicitorId: solicitor.user.id, paralegalId: paralegal.user.id });
      await api().get(`/api/v1/clients/${client.id}`).set(auth(paralegal)).expect(200);
      for (const [route, call] of routes(paralegal)) {
        const response = await call([client.id, amputation.id, complaintId]);
        expect({ route, status: response.status }).toEqual({ route, status: 403 });
        expectProblem(response, 403, 'FORBIDDEN');
      }
      await untouched(amputation.id, complaintId);
    });

    it('needs a token on every route', async () => {
      const { client, amputation, complaintId } = await recorded();
      const anonymous = { ...solicitor, token: '' };
      for (const [route, call] of routes(anonymous)) {
        const response = await call([client.id, amputation.id, complaintId]);
        expect({ route, status: response.status }).toEqual({ route, status: 401 });
      }
      await untouched(amputation.id, complaintId);
    });

    it('lets an admin, and the solicitor assigned to the client’s case, work on the amputations', async () => {
      const { client, amputation, complaintId } = await recorded();
      await patchAmputation(admin, client.id, amputation.id, '"1"', { dailyWearHours: 8 }).expect(200);
      await patchComplaint(admin, [client.id, amputation.id, complaintId], '"1"', { severity: 'severe' }).expect(200);

      expectProblem(await postAmputation(otherSolicitor, client.id, amputationBody()), 404, 'CLIENT_NOT_FOUND');
      await insertCase(t.dataSource, { clientId: client.id, solicitorId: otherSolicitor.user.id, createdById: solicitor.user.id });
      await patchAmputation(otherSolicitor, client.id, amputation.id, '"2"', { dailyWearHours: 9 }).expect(200);
      const added = await postAmputation(otherSolicitor, client.id, amputationBody({ side: 'right', level: 'transtibial' }));
      expect(added.status).toBe(201);
      await deleteComplaint(otherSolicitor, [client.id, amputation.id, complaintId], '"2"').expect(204);
      await deleteAmputation(otherSolicitor, client.id, added.body.id as string, '"1"').expect(204);
    });
  });

  it('never returns a password hash in any amputation or complaint response', async () => {
    const { client, amputation, complaintId } = await recorded();
    const bodies = [
      amputation.body,
      (await patchAmputation(solicitor, client.id, amputation.id, '"1"', { side: 'right' })).body,
      (await postComplaint(solicitor, client.id, amputation.id, complaint())).body,
      (await patchComplaint(solicitor, [client.id, amputation.id, complaintId], '"1"', { severity: 'mild' })).body,
    ];
    for (const body of bodies) expect(JSON.stringify(body)).not.toMatch(/password|argon2/i);
  });
});
