import fc from 'fast-check';
import request from 'supertest';
import { encodeCursor } from '../src/common/pagination/cursor';
import { todayInLondon } from '../src/common/time/calendar-date';
import { auth, countRows, createClient, fieldsOf, insertCase, nextDay } from './factories/client-records';
import { clientBody, healthProfileBody } from './factories/client.factory';
import { createUser, CreatedUser } from './factories/user.factory';
import { expectProblem } from './support/problem';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

const MISSING_ID = '6f1c2a8e-2a53-4b8e-9d7e-0c6f3f1f7a10';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const REFERENCE = /^OI-\d{4}-\d{6,}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HEALTH_FACTS = [
  'peripheralVascularDisease',
  'diabetes',
  'smokingStatus',
  'limbRadiotherapy',
  'chemotherapy',
  'activeInfection',
  'immunosuppression',
  'osteoporosis',
  'pregnancy',
  'activityLevel',
  'hotClimate',
] as const;
const ALL_UNKNOWN = Object.fromEntries(HEALTH_FACTS.map((fact) => [fact, 'unknown']));

/** A problem body without its per-request id, to compare two answers. */
const sansRequestId = (response: request.Response): Record<string, unknown> => {
  const { requestId: _requestId, ...rest } = response.body as Record<string, unknown>;
  return rest;
};

describe('clients API', () => {
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
  const clientRow = async (id: string): Promise<Record<string, unknown>> => {
    const rows: Record<string, unknown>[] = await t.dataSource.query('SELECT first_name, last_name, email, postcode, version FROM clients WHERE id = $1', [id]);
    return rows[0] ?? {};
  };
  const profileRow = async (clientId: string): Promise<Record<string, unknown>> => {
    const rows: Record<string, unknown>[] = await t.dataSource.query(
      'SELECT diabetes, peripheral_vascular_disease, smoking_status, version FROM health_profiles WHERE client_id = $1',
      [clientId],
    );
    return rows[0] ?? {};
  };
  const search = (user: CreatedUser, query: string) => api().get(`/api/v1/clients?${query}`).set(auth(user));
  const idsOf = (response: request.Response): string[] => (response.body.items as { id: string }[]).map((client) => client.id);

  describe('POST /clients', () => {
    it('creates a client with a server-assigned reference, normalised contact details and an ETag', async () => {
      const response = await api()
        .post('/api/v1/clients')
        .set(auth(solicitor))
        .send(clientBody({ firstName: '  Ann  ', lastName: ' Hale ', email: '  Ann.Hale@Example.ORG ', postcode: 'rg11aa' }));
      expect(response.status).toBe(201);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        reference: expect.stringMatching(REFERENCE),
        firstName: 'Ann',
        lastName: 'Hale',
        dateOfBirth: '1980-04-02',
        email: 'ann.hale@example.org',
        phone: '07700 900123',
        postcode: 'RG1 1AA',
        preferredContact: null,
        lacksCapacity: false,
        vulnerable: false,
        vulnerabilityNotes: null,
        healthDataConsent: 'not_recorded',
        consentRecordedOn: null,
        version: 1,
        createdAt: expect.stringMatching(ISO_INSTANT),
        updatedAt: expect.stringMatching(ISO_INSTANT),
      });
      expect(response.headers.etag).toBe('"1"');
      // The reference carries the year the record was created and its sequence number.
      expect(response.body.reference).toBe(`OI-${new Date(response.body.createdAt as string).getUTCFullYear()}-000001`);
      expect(JSON.stringify(response.body)).not.toMatch(/password|argon2|createdBy/i);

      const rows: Record<string, unknown>[] = await t.dataSource.query('SELECT created_by_id, folded_first_name, folded_last_name FROM clients');
      expect(rows).toEqual([{ created_by_id: solicitor.user.id, folded_first_name: 'ann', folded_last_name: 'hale' }]);
      expect(await countRows(t.dataSource, 'health_profiles')).toBe(1);
    });

    it('takes every optional detail, and only the names are required', async () => {
      const full = await api()
        .post('/api/v1/clients')
        .set(auth(admin))
        .send(
          clientBody({
            preferredContact: 'text',
            lacksCapacity: true,
            vulnerable: true,
            vulnerabilityNotes: '  Hard of hearing  ',
            healthDataConsent: 'given',
            consentRecordedOn: '2024-01-15',
            phone: '+44 (0)118-496-0000',
            postcode: ' sw1a  1aa ',
          }),
        )
        .expect(201);
      expect(full.body).toMatchObject({
        preferredContact: 'text',
        lacksCapacity: true,
        vulnerable: true,
        vulnerabilityNotes: 'Hard of hearing',
        healthDataConsent: 'given',
        consentRecordedOn: '2024-01-15',
        phone: '+44 (0)118-496-0000',
        postcode: 'SW1A 1AA',
      });

      const minimal = await api().post('/api/v1/clients').set(auth(solicitor)).send({ firstName: 'Bo', lastName: 'Li' }).expect(201);
      expect(minimal.body).toMatchObject({
        firstName: 'Bo',
        lastName: 'Li',
        dateOfBirth: null,
        email: null,
        phone: null,
        postcode: null,
        preferredContact: null,
        lacksCapacity: false,
        vulnerable: false,
        healthDataConsent: 'not_recorded',
        version: 1,
      });
    });

    it('gives every client its own reference, in creation order', async () => {
      const references: string[] = [];
      for (const lastName of ['One', 'Two', 'Three']) references.push(String((await createClient(t, solicitor, { lastName })).body.reference));
      expect(new Set(references).size).toBe(3);
      references.forEach((reference) => expect(reference).toMatch(REFERENCE));
      const numbers = references.map((reference) => Number(reference.split('-')[2]));
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    });

    it('gives a new client a health profile with every fact unknown', async () => {
      const client = await createClient(t, solicitor);
      const profile = await api().get(`/api/v1/clients/${client.id}/health-profile`).set(auth(solicitor)).expect(200);
      expect(profile.body).toEqual({
        clientId: client.id,
        ...ALL_UNKNOWN,
        quitDate: null,
        version: 1,
        updatedAt: expect.stringMatching(ISO_INSTANT),
      });
      expect(profile.headers.etag).toBe('"1"');
    });

    it('accepts the boundary values: 1 and 100 character names, born 1900-01-01, 29 February, today', async () => {
      for (const overrides of [
        { firstName: 'A', lastName: 'B'.repeat(100) },
        { dateOfBirth: '1900-01-01' },
        { dateOfBirth: '2024-02-29' },
        { dateOfBirth: todayInLondon() },
        { dateOfBirth: null, email: null, phone: null, postcode: null },
      ]) {
        const response = await api().post('/api/v1/clients').set(auth(solicitor)).send(clientBody(overrides));
        expect({ overrides, status: response.status }).toEqual({ overrides, status: 201 });
      }
      expect(await countRows(t.dataSource, 'clients')).toBe(5);
    });

    const tomorrow = nextDay(todayInLondon());
    const withoutLastName = (): Record<string, unknown> => {
      const { lastName: _lastName, ...rest } = clientBody();
      return rest;
    };
    it.each<[string, Record<string, unknown>, string]>([
      ['an empty first name', clientBody({ firstName: '' }), 'firstName'],
      ['a first name of spaces', clientBody({ firstName: '    ' }), 'firstName'],
      ['a 101-character first name', clientBody({ firstName: 'A'.repeat(101) }), 'firstName'],
      ['a 101-character last name', clientBody({ lastName: 'Z'.repeat(101) }), 'lastName'],
      ['no last name', withoutLastName(), 'lastName'],
      ['a null first name', clientBody({ firstName: null }), 'firstName'],
      ['a numeric first name', clientBody({ firstName: 42 }), 'firstName'],
      ['an array for a last name', clientBody({ lastName: ['Hale'] }), 'lastName'],
      ['30 February', clientBody({ dateOfBirth: '2026-02-30' }), 'dateOfBirth'],
      ['month 13', clientBody({ dateOfBirth: '1980-13-01' }), 'dateOfBirth'],
      ['a birth date before 1900', clientBody({ dateOfBirth: '1899-12-31' }), 'dateOfBirth'],
      ['a birth date tomorrow', clientBody({ dateOfBirth: tomorrow }), 'dateOfBirth'],
      ['a birth date far in the future', clientBody({ dateOfBirth: '2999-01-01' }), 'dateOfBirth'],
      ['a UK-style date', clientBody({ dateOfBirth: '02/04/1980' }), 'dateOfBirth'],
      ['a date and time', clientBody({ dateOfBirth: '1980-04-02T00:00:00Z' }), 'dateOfBirth'],
      ['a numeric date', clientBody({ dateOfBirth: 19800402 }), 'dateOfBirth'],
      ['a malformed email', clientBody({ email: 'ann-at-example.org' }), 'email'],
      ['an email with spaces inside', clientBody({ email: 'ann hale@example.org' }), 'email'],
      ['a non-UK postcode', clientBody({ postcode: '90210' }), 'postcode'],
      ['a postcode of words', clientBody({ postcode: 'NOT A POSTCODE' }), 'postcode'],
      ['a numeric postcode', clientBody({ postcode: 12345 }), 'postcode'],
      ['a phone number of words', clientBody({ phone: 'call me maybe' }), 'phone'],
      ['a text boolean', clientBody({ lacksCapacity: 'yes' }), 'lacksCapacity'],
      ['a null flag', clientBody({ vulnerable: null }), 'vulnerable'],
      ['an unknown contact method', clientBody({ preferredContact: 'carrier_pigeon' }), 'preferredContact'],
      ['an unknown consent status', clientBody({ healthDataConsent: 'maybe' }), 'healthDataConsent'],
      ['1001 characters of vulnerability notes', clientBody({ vulnerabilityNotes: 'n'.repeat(1001) }), 'vulnerabilityNotes'],
      ['a consent date in the future', clientBody({ consentRecordedOn: tomorrow }), 'consentRecordedOn'],
      ['an undeclared field', clientBody({ isVip: true }), 'isVip'],
      ['a caller-chosen reference', clientBody({ reference: 'OI-2026-999999' }), 'reference'],
      ['a caller-chosen id', clientBody({ id: MISSING_ID }), 'id'],
      ['a caller-chosen version', clientBody({ version: 7 }), 'version'],
      ['a caller-chosen creator', clientBody({ createdById: MISSING_ID }), 'createdById'],
      ['a nested health profile', clientBody({ healthProfile: healthProfileBody() }), 'healthProfile'],
    ])('refuses %s with 400 naming the field, and writes nothing', async (_what, body, field) => {
      const response = await api().post('/api/v1/clients').set(auth(solicitor)).send(body);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response)).toContain(field);
      expect(await countRows(t.dataSource, 'clients')).toBe(0);
      expect(await countRows(t.dataSource, 'health_profiles')).toBe(0);
    });

    it('names every bad field at once and echoes none of the submitted values', async () => {
      const response = await api()
        .post('/api/v1/clients')
        .set(auth(solicitor))
        .send({
          firstName: 'mk93v'.repeat(21),
          lastName: 'Hale',
          dateOfBirth: 'mk93v-date',
          email: 'mk93v-not-an-email',
          phone: 'mk93v-phone',
          postcode: 'mk93v-postcode',
          preferredContact: 'mk93v-pigeon',
          healthDataConsent: 'mk93v-consent',
          smuggled: 'mk93v-smuggled',
        });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(new Set(fieldsOf(response))).toEqual(
        new Set(['firstName', 'dateOfBirth', 'email', 'phone', 'postcode', 'preferredContact', 'healthDataConsent', 'smuggled']),
      );
      expect(response.text).not.toContain('mk93v');
      expect(await countRows(t.dataSource, 'clients')).toBe(0);
    });

    it.each([
      ['a JSON array', '[]'],
      ['a JSON string', '"Ann Hale"'],
      ['a JSON number', '42'],
      ['JSON null', 'null'],
    ])('answers %s as a body with 400, never a 500', async (_what, raw) => {
      const response = await api().post('/api/v1/clients').set(auth(solicitor)).set('Content-Type', 'application/json').send(raw);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await countRows(t.dataSource, 'clients')).toBe(0);
    });

    it('stores names whose folded form is longer than the name (ß → ss) without failing', async () => {
      const response = await api()
        .post('/api/v1/clients')
        .set(auth(solicitor))
        .send(clientBody({ firstName: 'ß'.repeat(100), lastName: 'Straße' }));
      expect(response.status).toBe(201);
      expect(response.body.firstName).toBe('ß'.repeat(100));
    });

    it('takes a phone number up to the column’s 30 characters and refuses a longer one with 400, never a 500', async () => {
      const longest = `+4${'4'.repeat(28)}`;
      expect(longest).toHaveLength(30);
      await expect(api().post('/api/v1/clients').set(auth(solicitor)).send(clientBody({ phone: longest }))).resolves.toMatchObject({ status: 201 });
      const tooLong = await api().post('/api/v1/clients').set(auth(solicitor)).send(clientBody({ phone: `${longest}4` }));
      expectProblem(tooLong, 400, 'VALIDATION_FAILED');
      expect(new Set(fieldsOf(tooLong))).toEqual(new Set(['phone']));
    });

    it('refuses a value shaped like a postcode that is not a UK postcode', async () => {
      const response = await api().post('/api/v1/clients').set(auth(solicitor)).send(clientBody({ postcode: '1234 5AB' }));
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response)).toEqual(['postcode']);
      expect(await countRows(t.dataSource, 'clients')).toBe(0);
    });

    it('is closed to a paralegal (403) and to a caller without a token (401)', async () => {
      expectProblem(await api().post('/api/v1/clients').set(auth(paralegal)).send(clientBody()), 403, 'FORBIDDEN');
      expectProblem(await api().post('/api/v1/clients').send(clientBody()), 401, 'UNAUTHENTICATED');
      expect(await countRows(t.dataSource, 'clients')).toBe(0);
    });
  });

  describe('GET /clients/{id}', () => {
    it('answers the client as it was created, with its ETag', async () => {
      const client = await createClient(t, solicitor);
      const response = await api().get(`/api/v1/clients/${client.id}`).set(auth(solicitor)).expect(200);
      expect(response.body).toEqual(client.body);
      expect(response.headers.etag).toBe('"1"');
      expect(client.etag).toBe('"1"');
    });

    it('answers 404 CLIENT_NOT_FOUND for a missing id and 400 INVALID_ID for a malformed one', async () => {
      expectProblem(await api().get(`/api/v1/clients/${MISSING_ID}`).set(auth(admin)), 404, 'CLIENT_NOT_FOUND');
      for (const bad of ['not-a-uuid', '123', `${MISSING_ID}x`, 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz']) {
        const response = await api().get(`/api/v1/clients/${bad}`).set(auth(admin));
        expectProblem(response, 400, 'INVALID_ID');
        expect(fieldsOf(response)).toEqual(['id']);
        expect(response.text).not.toContain(bad);
      }
    });

    it('needs a token', async () => {
      const client = await createClient(t, solicitor);
      expectProblem(await api().get(`/api/v1/clients/${client.id}`), 401, 'UNAUTHENTICATED');
    });
  });

  describe('PATCH /clients/{id}', () => {
    const patch = (user: CreatedUser, id: string, etag: string | undefined, body: Record<string, unknown>) => {
      const call = api().patch(`/api/v1/clients/${id}`).set(auth(user));
      return (etag === undefined ? call : call.set('If-Match', etag)).send(body);
    };

    it('changes only the fields sent, raising the version and the ETag on each write', async () => {
      const client = await createClient(t, solicitor);
      const first = await patch(solicitor, client.id, client.etag, { lastName: "  O'Brien ", postcode: 'sw1a1aa', email: 'NEW@Example.org' });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        ...client.body,
        lastName: "O'Brien",
        postcode: 'SW1A 1AA',
        email: 'new@example.org',
        version: 2,
        updatedAt: expect.stringMatching(ISO_INSTANT),
      });
      expect(first.headers.etag).toBe('"2"');
      expect(Date.parse(first.body.updatedAt as string)).toBeGreaterThanOrEqual(Date.parse(client.body.updatedAt as string));

      const second = await patch(solicitor, client.id, first.headers.etag, { preferredContact: 'email', vulnerable: true });
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ lastName: "O'Brien", preferredContact: 'email', vulnerable: true, version: 3 });
      expect(second.headers.etag).toBe('"3"');

      const read = await api().get(`/api/v1/clients/${client.id}`).set(auth(solicitor)).expect(200);
      expect(read.body).toEqual(second.body);
      expect(read.headers.etag).toBe('"3"');
      // The folded name follows the new name, so search finds it.
      const found = await search(solicitor, 'name=obrien').expect(200);
      expect(idsOf(found)).toEqual([client.id]);
    });

    it('clears a nullable field sent as null, but refuses null for a name', async () => {
      const client = await createClient(t, solicitor);
      const cleared = await patch(solicitor, client.id, client.etag, { email: null, phone: null, postcode: null, dateOfBirth: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ email: null, phone: null, postcode: null, dateOfBirth: null, version: 2 });
      expect(await clientRow(client.id)).toMatchObject({ email: null, postcode: null, version: 2 });

      const refused = await patch(solicitor, client.id, '"2"', { firstName: null });
      expectProblem(refused, 400, 'VALIDATION_FAILED');
      expect(new Set(fieldsOf(refused))).toEqual(new Set(['firstName']));
      expect(await clientRow(client.id)).toMatchObject({ first_name: 'Ann', version: 2 });
    });

    it('answers an empty PATCH at the current version with the record unchanged', async () => {
      const client = await createClient(t, solicitor);
      const response = await patch(solicitor, client.id, client.etag, {});
      expect(response.status).toBe(200);
      expect(response.body).toEqual(client.body);
      expect(response.headers.etag).toBe('"1"');
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['a null first name', { firstName: null }, 'firstName'],
      ['a null last name', { lastName: null }, 'lastName'],
      ['an empty last name', { lastName: '' }, 'lastName'],
      ['a 101-character first name', { firstName: 'x'.repeat(101) }, 'firstName'],
      ['30 February', { dateOfBirth: '2026-02-30' }, 'dateOfBirth'],
      ['a birth date before 1900', { dateOfBirth: '1899-01-01' }, 'dateOfBirth'],
      ['a birth date in the future', { dateOfBirth: '2999-12-31' }, 'dateOfBirth'],
      ['a malformed email', { email: 'nobody' }, 'email'],
      ['a bad postcode', { postcode: 'ZZ' }, 'postcode'],
      ['a null flag', { lacksCapacity: null }, 'lacksCapacity'],
      ['a null consent status', { healthDataConsent: null }, 'healthDataConsent'],
      ['an unknown contact method', { preferredContact: 'fax' }, 'preferredContact'],
      ['an undeclared field', { nickname: 'Annie' }, 'nickname'],
      ['a version in the body', { version: 9 }, 'version'],
      ['a reference in the body', { reference: 'OI-2020-000001' }, 'reference'],
    ])('refuses %s with 400 naming the field, and changes nothing', async (_what, body, field) => {
      const client = await createClient(t, solicitor);
      const response = await patch(solicitor, client.id, client.etag, { lastName: 'Changed', ...body });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response)).toContain(field);
      expect(await clientRow(client.id)).toMatchObject({ last_name: 'Hale', version: 1 });
    });

    it('answers 428 IF_MATCH_REQUIRED without If-Match, and changes nothing', async () => {
      const client = await createClient(t, solicitor);
      expectProblem(await patch(solicitor, client.id, undefined, { lastName: 'Changed' }), 428, 'IF_MATCH_REQUIRED');
      expect(await clientRow(client.id)).toMatchObject({ last_name: 'Hale', version: 1 });
    });

    it('answers 412 STALE_WRITE for an ETag someone else has moved past, and keeps their change', async () => {
      const client = await createClient(t, solicitor);
      await patch(solicitor, client.id, client.etag, { lastName: 'First' }).expect(200);
      const stale = await patch(solicitor, client.id, client.etag, { lastName: 'Second' });
      expectProblem(stale, 412, 'STALE_WRITE');
      expect(await clientRow(client.id)).toMatchObject({ last_name: 'First', version: 2 });
      // An ETag from the future is just as stale.
      expectProblem(await patch(solicitor, client.id, '"99"', { lastName: 'Third' }), 412, 'STALE_WRITE');
      expect(await clientRow(client.id)).toMatchObject({ last_name: 'First', version: 2 });
    });

    it.each(['*', 'abc', '"abc"', '2', '"1", "2"', '"-1"'])('answers If-Match %j with 400 INVALID_IF_MATCH, and changes nothing', async (header) => {
      const client = await createClient(t, solicitor);
      const response = await patch(solicitor, client.id, header, { lastName: 'Changed' });
      expectProblem(response, 400, 'INVALID_IF_MATCH');
      expect(await clientRow(client.id)).toMatchObject({ last_name: 'Hale', version: 1 });
    });

    it('lets exactly one of ten parallel PATCHes with the same ETag win', async () => {
      const client = await createClient(t, solicitor);
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, index) => patch(solicitor, client.id, client.etag, { lastName: `Writer${index}` }).then((response) => response)),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, ...Array<number>(9).fill(412)]);
      responses.filter((response) => response.status === 412).forEach((response) => expectProblem(response, 412, 'STALE_WRITE'));
      const winner = responses.find((response) => response.status === 200);
      expect(winner?.body.version).toBe(2);
      expect(await clientRow(client.id)).toMatchObject({ last_name: winner?.body.lastName, version: 2 });
    });

    it('answers 404 CLIENT_NOT_FOUND for a missing client and 400 INVALID_ID for a malformed id', async () => {
      expectProblem(await patch(solicitor, MISSING_ID, '"1"', { lastName: 'X' }), 404, 'CLIENT_NOT_FOUND');
      expectProblem(await patch(solicitor, 'nope', '"1"', { lastName: 'X' }), 400, 'INVALID_ID');
    });
  });

  describe('health profile', () => {
    const put = (user: CreatedUser, clientId: string, etag: string | undefined, body: Record<string, unknown>) => {
      const call = api().put(`/api/v1/clients/${clientId}/health-profile`).set(auth(user));
      return (etag === undefined ? call : call.set('If-Match', etag)).send(body);
    };
    const get = (user: CreatedUser, clientId: string) => api().get(`/api/v1/clients/${clientId}/health-profile`).set(auth(user));

    it('replaces every fact, raising the version, and reads back what was written', async () => {
      const client = await createClient(t, solicitor);
      const body = healthProfileBody({ diabetes: 'yes', smokingStatus: 'former', quitDate: '2019-06-01', chemotherapy: 'past', activityLevel: 'K4' });
      const response = await put(solicitor, client.id, '"1"', body);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ clientId: client.id, ...body, version: 2, updatedAt: expect.stringMatching(ISO_INSTANT) });
      expect(response.headers.etag).toBe('"2"');
      const read = await get(solicitor, client.id).expect(200);
      expect(read.body).toEqual(response.body);
      expect(read.headers.etag).toBe('"2"');
    });

    it('is a replacement: a fact left out becomes unknown, which is a different answer from no', async () => {
      const client = await createClient(t, solicitor);
      await put(solicitor, client.id, '"1"', healthProfileBody({ smokingStatus: 'former', quitDate: '2010-01-01' })).expect(200);
      const replaced = await put(solicitor, client.id, '"2"', { diabetes: 'no', hotClimate: 'yes' });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toEqual({
        clientId: client.id,
        ...ALL_UNKNOWN,
        diabetes: 'no',
        hotClimate: 'yes',
        quitDate: null,
        version: 3,
        updatedAt: expect.stringMatching(ISO_INSTANT),
      });
      expect(await profileRow(client.id)).toEqual({ diabetes: 'no', peripheral_vascular_disease: 'unknown', smoking_status: 'unknown', version: 3 });

      const emptied = await put(solicitor, client.id, '"3"', {});
      expect(emptied.status).toBe(200);
      expect(emptied.body).toMatchObject({ ...ALL_UNKNOWN, quitDate: null, version: 4 });
    });

    it('keeps a quit date only for a former smoker', async () => {
      const client = await createClient(t, solicitor);
      const former = await put(solicitor, client.id, '"1"', { smokingStatus: 'former', quitDate: '2015-03-31' });
      expect(former.status).toBe(200);
      expect(former.body).toMatchObject({ smokingStatus: 'former', quitDate: '2015-03-31' });

      for (const body of [{ smokingStatus: 'current', quitDate: '2015-03-31' }, { smokingStatus: 'never', quitDate: '2015-03-31' }, { quitDate: '2015-03-31' }]) {
        const response = await put(solicitor, client.id, '"2"', body);
        expectProblem(response, 400, 'VALIDATION_FAILED');
        expect(fieldsOf(response)).toEqual(['quitDate']);
      }
      expect(await profileRow(client.id)).toMatchObject({ smoking_status: 'former', version: 2 });

      const never = await put(solicitor, client.id, '"2"', { smokingStatus: 'never', quitDate: null });
      expect(never.status).toBe(200);
      expect(never.body).toMatchObject({ smokingStatus: 'never', quitDate: null, version: 3 });
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['a yes/no fact outside yes, no, unknown', { peripheralVascularDisease: 'maybe' }, 'peripheralVascularDisease'],
      ['a capitalised answer', { diabetes: 'Yes' }, 'diabetes'],
      ['a boolean answer', { limbRadiotherapy: true }, 'limbRadiotherapy'],
      ['a padded answer', { activeInfection: 'no ' }, 'activeInfection'],
      ['a numeric answer', { immunosuppression: 1 }, 'immunosuppression'],
      ['osteoporosis: n/a', { osteoporosis: 'n/a' }, 'osteoporosis'],
      ['pregnancy: pending', { pregnancy: 'pending' }, 'pregnancy'],
      ['hot climate: sometimes', { hotClimate: 'sometimes' }, 'hotClimate'],
      ['an unknown smoking status', { smokingStatus: 'social' }, 'smokingStatus'],
      ['chemotherapy: yes', { chemotherapy: 'yes' }, 'chemotherapy'],
      ['activity level K5', { activityLevel: 'K5' }, 'activityLevel'],
      ['a lower-case activity level', { activityLevel: 'k3' }, 'activityLevel'],
      ['an impossible quit date', { smokingStatus: 'former', quitDate: '2019-02-30' }, 'quitDate'],
      ['a quit date in the future', { smokingStatus: 'former', quitDate: '2999-01-01' }, 'quitDate'],
      ['an undeclared fact', { hypertension: 'yes' }, 'hypertension'],
      ['a client id in the body', { clientId: MISSING_ID }, 'clientId'],
      ['a version in the body', { version: 1 }, 'version'],
      ['null for a fact (send unknown instead)', { peripheralVascularDisease: null }, 'peripheralVascularDisease'],
    ])('refuses %s with 400 naming the field, and changes nothing', async (_what, body, field) => {
      const client = await createClient(t, solicitor);
      const response = await put(solicitor, client.id, '"1"', { diabetes: 'yes', ...body });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response)).toContain(field);
      expect(await profileRow(client.id)).toEqual({ diabetes: 'unknown', peripheral_vascular_disease: 'unknown', smoking_status: 'unknown', version: 1 });
    });

    it('echoes none of the submitted values in a refusal', async () => {
      const client = await createClient(t, solicitor);
      const response = await put(solicitor, client.id, '"1"', { diabetes: 'mk93v-diabetes', activityLevel: 'mk93v-K9', quitDate: 'mk93v-date' });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(new Set(fieldsOf(response))).toEqual(new Set(['diabetes', 'activityLevel', 'quitDate']));
      expect(response.text).not.toContain('mk93v');
    });

    it('needs If-Match (428), refuses a stale one (412) and a malformed one (400), changing nothing', async () => {
      const client = await createClient(t, solicitor);
      expectProblem(await put(solicitor, client.id, undefined, { diabetes: 'yes' }), 428, 'IF_MATCH_REQUIRED');
      expectProblem(await put(solicitor, client.id, '*', { diabetes: 'yes' }), 400, 'INVALID_IF_MATCH');
      expectProblem(await put(solicitor, client.id, 'abc', { diabetes: 'yes' }), 400, 'INVALID_IF_MATCH');
      expect(await profileRow(client.id)).toMatchObject({ diabetes: 'unknown', version: 1 });

      await put(solicitor, client.id, '"1"', { diabetes: 'no' }).expect(200);
      expectProblem(await put(solicitor, client.id, '"1"', { diabetes: 'yes' }), 412, 'STALE_WRITE');
      expect(await profileRow(client.id)).toMatchObject({ diabetes: 'no', version: 2 });
    });

    it('uses the health profile’s own version, not the client’s', async () => {
      const client = await createClient(t, solicitor);
      await api().patch(`/api/v1/clients/${client.id}`).set(auth(solicitor)).set('If-Match', '"1"').send({ lastName: 'A' }).expect(200);
      await api().patch(`/api/v1/clients/${client.id}`).set(auth(solicitor)).set('If-Match', '"2"').send({ lastName: 'B' }).expect(200);
      expectProblem(await put(solicitor, client.id, '"3"', { diabetes: 'yes' }), 412, 'STALE_WRITE');
      await put(solicitor, client.id, '"1"', { diabetes: 'yes' }).expect(200);
    });

    it('lets exactly one of ten parallel PUTs with the same ETag win', async () => {
      const client = await createClient(t, solicitor);
      const answers = ['yes', 'no'] as const;
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, index) => put(solicitor, client.id, '"1"', { diabetes: answers[index % 2], activityLevel: `K${index % 5}` }).then((response) => response)),
      );
      expect(responses.map((response) => response.status).sort()).toEqual([200, ...Array<number>(9).fill(412)]);
      const winner = responses.find((response) => response.status === 200);
      expect(await profileRow(client.id)).toMatchObject({ diabetes: winner?.body.diabetes, version: 2 });
    });

    it('answers 404 CLIENT_NOT_FOUND for a missing client and 400 INVALID_ID for a malformed id', async () => {
      expectProblem(await get(admin, MISSING_ID), 404, 'CLIENT_NOT_FOUND');
      expectProblem(await put(admin, MISSING_ID, '"1"', {}), 404, 'CLIENT_NOT_FOUND');
      expectProblem(await get(admin, 'not-a-uuid'), 400, 'INVALID_ID');
      expectProblem(await put(admin, 'not-a-uuid', '"1"', {}), 400, 'INVALID_ID');
    });
  });

  describe('Idempotency-Key on POST /clients', () => {
    const post = (user: CreatedUser, key: string | undefined, body: Record<string, unknown>) => {
      const call = api().post('/api/v1/clients').set(auth(user));
      return (key === undefined ? call : call.set('Idempotency-Key', key)).send(body);
    };

    it('answers a retry with the first response, says it is a replay, and creates one client', async () => {
      const first = await post(solicitor, 'intake-7f3a', clientBody());
      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const retry = await post(solicitor, 'intake-7f3a', clientBody());
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.etag).toBe('"1"');
      expect(await countRows(t.dataSource, 'clients')).toBe(1);
      expect(await countRows(t.dataSource, 'health_profiles')).toBe(1);
    });

    it('treats the same body with its keys in another order as the same request', async () => {
      const body = clientBody();
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const first = await post(solicitor, 'reorder-1', body).expect(201);
      const retry = await post(solicitor, 'reorder-1', reordered).expect(201);
      expect(retry.body.id).toBe(first.body.id);
      expect(await countRows(t.dataSource, 'clients')).toBe(1);
    });

    it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with a different body, creating nothing more', async () => {
      await post(solicitor, 'key-1', clientBody()).expect(201);
      const reused = await post(solicitor, 'key-1', clientBody({ lastName: 'Different' }));
      expectProblem(reused, 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(reused.text).not.toContain('Different');
      expect(await countRows(t.dataSource, 'clients')).toBe(1);
    });

    it('scopes keys per user: another user with the same key gets their own client', async () => {
      const mine = await post(solicitor, 'shared-key', clientBody()).expect(201);
      const theirs = await post(otherSolicitor, 'shared-key', clientBody());
      expect(theirs.status).toBe(201);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
      expect(theirs.body.id).not.toBe(mine.body.id);
      expect(await countRows(t.dataSource, 'clients')).toBe(2);
      const owners: { created_by_id: string }[] = await t.dataSource.query('SELECT created_by_id FROM clients ORDER BY number');
      expect(owners.map((row) => row.created_by_id)).toEqual([solicitor.user.id, otherSolicitor.user.id]);
      // And the other user cannot read the first user's client through the replay.
      expectProblem(await api().get(`/api/v1/clients/${mine.body.id}`).set(auth(otherSolicitor)), 404, 'CLIENT_NOT_FOUND');
    });

    it.each(['has space', 'x'.repeat(256), 'semi;colon', 'ünïcode'])('answers the key %j with 400 INVALID_IDEMPOTENCY_KEY, creating nothing', async (key) => {
      const response = await post(solicitor, key, clientBody());
      expectProblem(response, 400, 'INVALID_IDEMPOTENCY_KEY');
      expect(await countRows(t.dataSource, 'clients')).toBe(0);
      expect(await countRows(t.dataSource, 'idempotency_records')).toBe(0);
    });

    it('does not remember a refused request: the corrected retry with the same key creates the client', async () => {
      expectProblem(await post(solicitor, 'fix-me', clientBody({ dateOfBirth: '2026-02-30' })), 400, 'VALIDATION_FAILED');
      expect(await countRows(t.dataSource, 'idempotency_records')).toBe(0);
      const fixed = await post(solicitor, 'fix-me', clientBody());
      expect(fixed.status).toBe(201);
      expect(fixed.headers['idempotent-replayed']).toBeUndefined();
      expect(await countRows(t.dataSource, 'clients')).toBe(1);
    });

    it('creates one client per request when no key is sent', async () => {
      await post(solicitor, undefined, clientBody()).expect(201);
      await post(solicitor, undefined, clientBody()).expect(201);
      expect(await countRows(t.dataSource, 'clients')).toBe(2);
    });

    it('creates exactly one client for five concurrent requests with one key', async () => {
      const responses = await Promise.all(Array.from({ length: 5 }, () => post(solicitor, 'burst-1', clientBody()).then((response) => response)));
      for (const response of responses) {
        if (response.status === 409) expectProblem(response, 409, 'IDEMPOTENCY_KEY_IN_USE');
        else expect(response.status).toBe(201);
      }
      const created = responses.filter((response) => response.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(new Set(created.map((response) => response.body.id as string)).size).toBe(1);
      expect(created.filter((response) => response.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
      expect(await countRows(t.dataSource, 'clients')).toBe(1);
    });
  });

  describe('GET /clients (search)', () => {
    it('finds a name with case, accents, spacing and punctuation folded', async () => {
      const obrien = await createClient(t, solicitor, { firstName: 'Siobhán', lastName: "O'Brien" });
      await createClient(t, solicitor, { firstName: 'Ann', lastName: 'Hale' });
      for (const name of ['obrien', 'O BRIEN', "Ó'Brien", 'o-brien', 'OB', 'siobhan', 'SIOBHÁN', 'siobhanobrien', 'Siobhán O’Brien']) {
        const response = await search(solicitor, `name=${encodeURIComponent(name)}`);
        expect({ name, status: response.status, ids: idsOf(response) }).toEqual({ name, status: 200, ids: [obrien.id] });
      }
      const nobody = await search(solicitor, 'name=brien').expect(200);
      expect(nobody.body).toEqual({ items: [], nextCursor: null });
    });

    it('answers a name made only of punctuation with no matches', async () => {
      await createClient(t, solicitor);
      const response = await search(solicitor, `name=${encodeURIComponent("'-.")}`).expect(200);
      expect(response.body).toEqual({ items: [], nextCursor: null });
    });

    it('finds a client by reference, in any case, and nothing for a malformed or wrong-year reference', async () => {
      const wanted = await createClient(t, solicitor, { lastName: 'Wanted' });
      await createClient(t, solicitor, { lastName: 'Other' });
      const reference = String(wanted.body.reference);
      const found = await search(solicitor, `reference=${reference}`).expect(200);
      expect(idsOf(found)).toEqual([wanted.id]);
      expect(found.body.items[0]).toEqual(wanted.body);
      expect(idsOf(await search(solicitor, `reference=${reference.toLowerCase()}`).expect(200))).toEqual([wanted.id]);

      const [, year, number] = reference.split('-');
      for (const other of [`OI-${Number(year) - 1}-${number}`, 'OI-12', 'CASE-2026-000001', 'OI-2026-00000A', `${reference}0`, 'nonsense']) {
        const response = await search(solicitor, `reference=${encodeURIComponent(other)}`);
        expect({ other, status: response.status, body: response.body }).toEqual({ other, status: 200, body: { items: [], nextCursor: null } });
      }
    });

    it('finds a client by postcode in any spacing or case, and nothing for a malformed postcode', async () => {
      const reading = await createClient(t, solicitor, { postcode: 'RG1 1AA' });
      await createClient(t, solicitor, { postcode: 'SW1A 1AA' });
      await createClient(t, solicitor, { postcode: null });
      for (const postcode of ['RG1 1AA', 'rg11aa', ' rg1  1aa ', 'Rg1 1aA']) {
        const response = await search(solicitor, `postcode=${encodeURIComponent(postcode)}`);
        expect({ postcode, status: response.status, ids: idsOf(response) }).toEqual({ postcode, status: 200, ids: [reading.id] });
      }
      for (const postcode of ['NOTAPOSTCODE', 'RG1', '12345']) {
        const response = await search(solicitor, `postcode=${encodeURIComponent(postcode)}`);
        expect({ postcode, status: response.status, body: response.body }).toEqual({ postcode, status: 200, body: { items: [], nextCursor: null } });
      }
    });

    it('finds clients by date of birth, and combines filters with AND', async () => {
      const ann = await createClient(t, solicitor, { firstName: 'Ann', lastName: 'Hale', dateOfBirth: '1975-07-31', postcode: 'RG1 1AA' });
      const bob = await createClient(t, solicitor, { firstName: 'Bob', lastName: 'Hale', dateOfBirth: '1975-07-31', postcode: 'SW1A 1AA' });
      await createClient(t, solicitor, { firstName: 'Cat', lastName: 'Hale', dateOfBirth: '1990-01-01' });
      expect(idsOf(await search(solicitor, 'dateOfBirth=1975-07-31').expect(200))).toEqual([bob.id, ann.id]);
      expect(idsOf(await search(solicitor, 'dateOfBirth=1975-07-31&postcode=rg11aa').expect(200))).toEqual([ann.id]);
      expect(idsOf(await search(solicitor, 'dateOfBirth=1975-07-31&name=bob').expect(200))).toEqual([bob.id]);
      expect(idsOf(await search(solicitor, 'dateOfBirth=1975-07-31&name=cat').expect(200))).toEqual([]);
    });

    it('pages newest first with a keyset cursor, and the last page has no next cursor', async () => {
      const ids: string[] = [];
      for (let index = 0; index < 5; index += 1) ids.push((await createClient(t, solicitor, { lastName: `Page${index}` })).id);
      const newestFirst = [...ids].reverse();

      const first = await search(solicitor, 'limit=2').expect(200);
      expect(idsOf(first)).toEqual(newestFirst.slice(0, 2));
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await search(solicitor, `limit=2&cursor=${first.body.nextCursor}`).expect(200);
      expect(idsOf(second)).toEqual(newestFirst.slice(2, 4));
      expect(second.body.nextCursor).toEqual(expect.any(String));
      const third = await search(solicitor, `limit=2&cursor=${second.body.nextCursor}`).expect(200);
      expect(idsOf(third)).toEqual(newestFirst.slice(4));
      expect(third.body.nextCursor).toBeNull();

      // A page that ends exactly at the last row says so, rather than sending the caller to an empty page.
      const exact = await search(solicitor, 'limit=5').expect(200);
      expect(idsOf(exact)).toEqual(newestFirst);
      expect(exact.body.nextCursor).toBeNull();
      const all = await search(solicitor, '').expect(200);
      expect(idsOf(all)).toEqual(newestFirst);
    });

    it('keeps the filters across pages', async () => {
      for (let index = 0; index < 3; index += 1) await createClient(t, solicitor, { lastName: 'Match' });
      await createClient(t, solicitor, { lastName: 'Other' });
      const first = await search(solicitor, 'name=match&limit=2').expect(200);
      expect(first.body.items).toHaveLength(2);
      const second = await search(solicitor, `name=match&limit=2&cursor=${first.body.nextCursor}`).expect(200);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.items[0].lastName).toBe('Match');
      expect(second.body.nextCursor).toBeNull();
    });

    it.each([
      ['a cursor that is not base64 JSON', 'bm90LWEtY3Vyc29y'],
      ['a cursor of the wrong kind', encodeCursor([5])],
      ['a cursor with too many parts', encodeCursor(['5', 'x'])],
    ])('refuses %s with 400 INVALID_CURSOR', async (_what, cursor) => {
      await createClient(t, solicitor);
      expectProblem(await search(solicitor, `cursor=${cursor}`), 400, 'INVALID_CURSOR');
    });

    it.each([['not-a-number'], ['1e3'], ['-1'], ['99999999999999999999'], ['']])(
      'refuses a well-formed cursor holding %j (not a sequence number) with 400 INVALID_CURSOR, never a 500',
      async (key) => {
        await createClient(t, solicitor);
        expectProblem(await search(solicitor, `cursor=${encodeCursor([key])}`), 400, 'INVALID_CURSOR');
      },
    );

    it.each([
      ['limit=101', 'limit'],
      ['limit=0', 'limit'],
      ['limit=-1', 'limit'],
      ['limit=2.5', 'limit'],
      ['limit=abc', 'limit'],
      ['cursor=not%20base64!', 'cursor'],
      ['dateOfBirth=1980-02-30', 'dateOfBirth'],
      ['dateOfBirth=yesterday', 'dateOfBirth'],
      ['name=', 'name'],
      [`name=${'n'.repeat(101)}`, 'name'],
      [`reference=${'R'.repeat(31)}`, 'reference'],
      [`postcode=${'P'.repeat(21)}`, 'postcode'],
      ['name=a&name=b', 'name'],
      ['createdBy=me', 'createdBy'],
    ])('refuses the query %s with 400 naming %s', async (query, field) => {
      const response = await search(solicitor, query);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response)).toContain(field);
    });

    it('accepts limit=100', async () => {
      await createClient(t, solicitor);
      const response = await search(solicitor, 'limit=100').expect(200);
      expect(response.body.items).toHaveLength(1);
    });
  });

  describe('access', () => {
    it('lets an admin see, change and list every client', async () => {
      const mine = await createClient(t, solicitor);
      const theirs = await createClient(t, otherSolicitor);
      expect(idsOf(await search(admin, '').expect(200))).toEqual([theirs.id, mine.id]);
      await api().get(`/api/v1/clients/${mine.id}`).set(auth(admin)).expect(200);
      await api().get(`/api/v1/clients/${theirs.id}/health-profile`).set(auth(admin)).expect(200);
      await api().patch(`/api/v1/clients/${theirs.id}`).set(auth(admin)).set('If-Match', '"1"').send({ phone: '0118 496 0000' }).expect(200);
      await api().put(`/api/v1/clients/${mine.id}/health-profile`).set(auth(admin)).set('If-Match', '"1"').send({ diabetes: 'no' }).expect(200);
    });

    it('answers another solicitor’s client exactly like a missing one, on every route', async () => {
      const theirs = await createClient(t, otherSolicitor);
      const probes: [string, (id: string) => request.Test][] = [
        ['GET', (id) => api().get(`/api/v1/clients/${id}`).set(auth(solicitor))],
        ['PATCH', (id) => api().patch(`/api/v1/clients/${id}`).set(auth(solicitor)).set('If-Match', '"1"').send({ lastName: 'Hijacked' })],
        ['GET health', (id) => api().get(`/api/v1/clients/${id}/health-profile`).set(auth(solicitor))],
        ['PUT health', (id) => api().put(`/api/v1/clients/${id}/health-profile`).set(auth(solicitor)).set('If-Match', '"1"').send({ diabetes: 'yes' })],
      ];
      for (const [route, probe] of probes) {
        const hidden = await probe(theirs.id);
        const missing = await probe(MISSING_ID);
        expectProblem(hidden, 404, 'CLIENT_NOT_FOUND');
        expectProblem(missing, 404, 'CLIENT_NOT_FOUND');
        expect({ route, body: sansRequestId(hidden) }).toEqual({ route, body: sansRequestId(missing) });
        expect(hidden.headers['content-type']).toBe(missing.headers['content-type']);
        expect(hidden.headers.etag).toBeUndefined();
      }
      expect(await clientRow(theirs.id)).toMatchObject({ last_name: 'Hale', version: 1 });
      expect(await profileRow(theirs.id)).toMatchObject({ diabetes: 'unknown', version: 1 });
    });

    it('never lists another solicitor’s clients, whatever the filter', async () => {
      const mine = await createClient(t, solicitor, { lastName: 'Same', postcode: 'RG1 1AA', dateOfBirth: '1970-01-01' });
      const theirs = await createClient(t, otherSolicitor, { lastName: 'Same', postcode: 'RG1 1AA', dateOfBirth: '1970-01-01' });
      for (const query of ['', 'name=same', 'postcode=RG11AA', 'dateOfBirth=1970-01-01', `reference=${String(theirs.body.reference)}`, 'limit=100']) {
        const response = await search(solicitor, query).expect(200);
        expect({ query, ids: idsOf(response) }).toEqual({ query, ids: query.startsWith('reference') ? [] : [mine.id] });
      }
      expect(idsOf(await search(otherSolicitor, '').expect(200))).toEqual([theirs.id]);
    });

    it('lets a solicitor see and change the client of a case assigned to them, though someone else created it', async () => {
      const client = await createClient(t, otherSolicitor);
      expectProblem(await api().get(`/api/v1/clients/${client.id}`).set(auth(solicitor)), 404, 'CLIENT_NOT_FOUND');
      // Two cases for the same client: the client is still listed once.
      await insertCase(t.dataSource, { clientId: client.id, solicitorId: solicitor.user.id, createdById: admin.user.id });
      await insertCase(t.dataSource, { clientId: client.id, solicitorId: solicitor.user.id, createdById: admin.user.id });

      await api().get(`/api/v1/clients/${client.id}`).set(auth(solicitor)).expect(200);
      await api().get(`/api/v1/clients/${client.id}/health-profile`).set(auth(solicitor)).expect(200);
      expect(idsOf(await search(solicitor, '').expect(200))).toEqual([client.id]);
      const changed = await api().patch(`/api/v1/clients/${client.id}`).set(auth(solicitor)).set('If-Match', '"1"').send({ phone: '0118 496 0001' });
      expect(changed.status).toBe(200);
      await api().put(`/api/v1/clients/${client.id}/health-profile`).set(auth(solicitor)).set('If-Match', '"1"').send({ diabetes: 'no' }).expect(200);
      // The creator still sees it too.
      await api().get(`/api/v1/clients/${client.id}`).set(auth(otherSolicitor)).expect(200);
    });

    it('lets a paralegal read only the clients of cases where they are the assigned paralegal', async () => {
      const assigned = await createClient(t, solicitor, { lastName: 'Assigned' });
      const unassigned = await createClient(t, solicitor, { lastName: 'Unassigned' });
      const elsewhere = await createClient(t, solicitor, { lastName: 'Elsewhere' });
      const otherParalegal = await createUser(t.app, { role: 'paralegal' });
      await insertCase(t.dataSource, { clientId: assigned.id, solicitorId: solicitor.user.id, paralegalId: paralegal.user.id });
      await insertCase(t.dataSource, { clientId: assigned.id, solicitorId: otherSolicitor.user.id, paralegalId: paralegal.user.id });
      await insertCase(t.dataSource, { clientId: elsewhere.id, solicitorId: solicitor.user.id, paralegalId: otherParalegal.user.id });

      const read = await api().get(`/api/v1/clients/${assigned.id}`).set(auth(paralegal)).expect(200);
      expect(read.body).toEqual(assigned.body);
      await api().get(`/api/v1/clients/${assigned.id}/health-profile`).set(auth(paralegal)).expect(200);
      expect(idsOf(await search(paralegal, '').expect(200))).toEqual([assigned.id]);
      for (const hidden of [unassigned, elsewhere]) {
        expectProblem(await api().get(`/api/v1/clients/${hidden.id}`).set(auth(paralegal)), 404, 'CLIENT_NOT_FOUND');
        expectProblem(await api().get(`/api/v1/clients/${hidden.id}/health-profile`).set(auth(paralegal)), 404, 'CLIENT_NOT_FOUND');
      }
      expect(idsOf(await search(otherParalegal, '').expect(200))).toEqual([elsewhere.id]);
    });

    it('refuses a paralegal every write with 403 FORBIDDEN, even on a client they may read', async () => {
      const client = await createClient(t, solicitor);
      await insertCase(t.dataSource, { clientId: client.id, solicitorId: solicitor.user.id, paralegalId: paralegal.user.id });
      expectProblem(await api().post('/api/v1/clients').set(auth(paralegal)).send(clientBody()), 403, 'FORBIDDEN');
      expectProblem(await api().patch(`/api/v1/clients/${client.id}`).set(auth(paralegal)).set('If-Match', '"1"').send({ lastName: 'X' }), 403, 'FORBIDDEN');
      expectProblem(
        await api().put(`/api/v1/clients/${client.id}/health-profile`).set(auth(paralegal)).set('If-Match', '"1"').send({ diabetes: 'yes' }),
        403,
        'FORBIDDEN',
      );
      expect(await countRows(t.dataSource, 'clients')).toBe(1);
      expect(await clientRow(client.id)).toMatchObject({ last_name: 'Hale', version: 1 });
      expect(await profileRow(client.id)).toMatchObject({ diabetes: 'unknown', version: 1 });
    });

    it('matches the access rule for random users, creators and case assignments', async () => {
      const otherParalegal = await createUser(t.app, { role: 'paralegal' });
      const users = { admin, solicitor, otherSolicitor, paralegal, otherParalegal };
      type Name = keyof typeof users;
      const solicitors: Name[] = ['solicitor', 'otherSolicitor'];
      const paralegals: Name[] = ['paralegal', 'otherParalegal'];
      const scenario = fc.record({
        creator: fc.constantFrom<Name>('admin', ...solicitors),
        assignment: fc.option(fc.record({ solicitor: fc.constantFrom(...solicitors), paralegal: fc.option(fc.constantFrom(...paralegals), { nil: null }) }), {
          nil: null,
        }),
        viewer: fc.constantFrom<Name>('admin', ...solicitors, ...paralegals),
      });

      await fc.assert(
        fc.asyncProperty(scenario, async ({ creator, assignment, viewer }) => {
          const client = await createClient(t, users[creator]);
          if (assignment !== null) {
            await insertCase(t.dataSource, {
              clientId: client.id,
              solicitorId: users[assignment.solicitor].user.id,
              paralegalId: assignment.paralegal === null ? null : users[assignment.paralegal].user.id,
            });
          }
          const role = users[viewer].user.role;
          const visible =
            role === 'admin' ||
            (role === 'solicitor' && (creator === viewer || assignment?.solicitor === viewer)) ||
            (role === 'paralegal' && assignment?.paralegal === viewer);

          const as = users[viewer];
          const got = await api().get(`/api/v1/clients/${client.id}`).set(auth(as));
          if (visible) expect(got.status).toBe(200);
          else expectProblem(got, 404, 'CLIENT_NOT_FOUND');
          const profile = await api().get(`/api/v1/clients/${client.id}/health-profile`).set(auth(as));
          expect(profile.status).toBe(visible ? 200 : 404);
          const listed = await search(as, `reference=${String(client.body.reference)}`).expect(200);
          expect(idsOf(listed)).toEqual(visible ? [client.id] : []);

          const patched = await api().patch(`/api/v1/clients/${client.id}`).set(auth(as)).set('If-Match', '"1"').send({ phone: '0118 496 0002' });
          if (role === 'paralegal') expectProblem(patched, 403, 'FORBIDDEN');
          else if (visible) expect(patched.status).toBe(200);
          else expectProblem(patched, 404, 'CLIENT_NOT_FOUND');
        }),
        { numRuns: 40 },
      );
    });
  });

  it('never returns a password hash in any client response', async () => {
    const client = await createClient(t, solicitor);
    const bodies = [
      client.body,
      (await api().get(`/api/v1/clients/${client.id}`).set(auth(solicitor))).body,
      (await search(solicitor, '')).body,
      (await api().get(`/api/v1/clients/${client.id}/health-profile`).set(auth(solicitor))).body,
      (await api().patch(`/api/v1/clients/${client.id}`).set(auth(solicitor)).set('If-Match', '"1"').send({ lastName: 'Z' })).body,
    ];
    for (const body of bodies) expect(JSON.stringify(body)).not.toMatch(/password|argon2|\$argon/i);
  });
});
