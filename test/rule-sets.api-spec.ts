import fc from 'fast-check';
import request from 'supertest';
import { CONFIGURABLE_SEVERITY_KEYS, FLAG_SEVERITIES } from '../src/screening/engine';
import { auth, fieldsOf } from './factories/client-records';
import { createUser, CreatedUser } from './factories/user.factory';
import { expectProblem } from './support/problem';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

const MISSING_ID = '6f1c2a8e-2a53-4b8e-9d7e-0c6f3f1f7a10';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const URL = '/api/v1/screening/rule-sets';

/** The default severities, as DESIGN.md's table gives them. */
const DESIGN_SEVERITIES = {
  PVD: 'contraindication',
  DIABETES: 'contraindication',
  SMOKER: 'contraindication',
  LIMB_RADIOTHERAPY: 'contraindication',
  CHEMOTHERAPY_ONGOING: 'contraindication',
  CHEMOTHERAPY_PAST: 'caution',
  SKELETAL_IMMATURITY: 'contraindication',
  ACTIVE_INFECTION: 'contraindication',
  IMMUNOSUPPRESSION: 'caution',
  OSTEOPOROSIS: 'caution',
  PREGNANCY: 'caution',
  LEVEL_EMERGING: 'caution',
  LEVEL_UNUSUAL: 'caution',
} as const;

const severities = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({ ...DESIGN_SEVERITIES, ...overrides });
const without = (key: string): Record<string, unknown> => Object.fromEntries(Object.entries(DESIGN_SEVERITIES).filter(([name]) => name !== key));

interface RuleSetBody {
  id: string;
  version: string;
  description: string | null;
  severities: Record<string, string>;
  active: boolean;
  createdById: string | null;
  createdAt: string;
  activatedAt: string | null;
}

describe('screening rule sets API', () => {
  let t: TestApp;
  let admin: CreatedUser;
  let otherAdmin: CreatedUser;
  let solicitor: CreatedUser;
  let paralegal: CreatedUser;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await cleanDatabase(t.dataSource);
    [admin, otherAdmin, solicitor, paralegal] = await Promise.all([
      createUser(t.app, { role: 'admin' }),
      createUser(t.app, { role: 'admin' }),
      createUser(t.app, { role: 'solicitor' }),
      createUser(t.app, { role: 'paralegal' }),
    ]);
  });

  const api = () => request(t.server);
  const list = (user: CreatedUser = admin) => api().get(URL).set(auth(user));
  const getOne = (id: string, user: CreatedUser = admin) => api().get(`${URL}/${id}`).set(auth(user));
  const create = (body: unknown, user: CreatedUser = admin) => api().post(URL).set(auth(user)).send(body as object);
  const activate = (id: string, user: CreatedUser = admin) => api().post(`${URL}/${id}/activate`).set(auth(user)).send();

  async function created(version: string, overrides: Record<string, unknown> = {}): Promise<RuleSetBody> {
    const response = await create({ version, severities: severities(overrides) });
    expect(response.status).toBe(201);
    return response.body as RuleSetBody;
  }

  const rows = async (): Promise<{ version: string; active: boolean }[]> =>
    t.dataSource.query('SELECT version, active FROM screening_rule_sets ORDER BY version');
  const activeVersions = async (): Promise<string[]> =>
    (await t.dataSource.query<{ version: string }[]>('SELECT version FROM screening_rule_sets WHERE active ORDER BY version')).map((row) => row.version);
  const ruleSetCount = async (): Promise<number> => (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM screening_rule_sets'))[0]?.n ?? -1;

  describe('GET', () => {
    it('lists the shipped oi-default-1, active, with the severities DESIGN.md gives', async () => {
      const response = await list();
      expect(response.status).toBe(200);
      expect(response.body).toEqual([
        {
          id: expect.stringMatching(UUID),
          version: 'oi-default-1',
          description: expect.any(String),
          severities: DESIGN_SEVERITIES,
          active: true,
          createdById: null,
          createdAt: expect.stringMatching(ISO_INSTANT),
          activatedAt: expect.stringMatching(ISO_INSTANT),
        },
      ]);
      expect(Object.keys(response.body[0].severities as object).sort()).toEqual([...CONFIGURABLE_SEVERITY_KEYS].sort());
    });

    it('lets every role read the list and one version', async () => {
      const [shipped] = (await list().expect(200)).body as RuleSetBody[];
      for (const user of [admin, solicitor, paralegal]) {
        const all = await list(user);
        expect(all.status).toBe(200);
        expect((all.body as RuleSetBody[]).map((ruleSet) => ruleSet.version)).toEqual(['oi-default-1']);
        const one = await getOne(shipped?.id ?? MISSING_ID, user);
        expect(one.status).toBe(200);
        expect(one.body).toEqual(shipped);
      }
    });

    it('lists newest first', async () => {
      await created('firm-a');
      await created('firm-b');
      const versions = ((await list().expect(200)).body as RuleSetBody[]).map((ruleSet) => ruleSet.version);
      expect(versions).toEqual(['firm-b', 'firm-a', 'oi-default-1']);
    });

    it('answers 404 RULE_SET_NOT_FOUND for a missing id and 400 INVALID_ID for a malformed one', async () => {
      expectProblem(await getOne(MISSING_ID), 404, 'RULE_SET_NOT_FOUND');
      const malformed = await getOne('not-a-uuid');
      expectProblem(malformed, 400, 'INVALID_ID');
      expect(fieldsOf(malformed)).toEqual(['id']);
    });

    it('answers 401 without a token', async () => {
      expectProblem(await api().get(URL), 401, 'UNAUTHENTICATED');
    });
  });

  describe('POST (create)', () => {
    it('creates a new version, inactive, recording who made it; the active one is unchanged', async () => {
      const body = { version: 'firm-2027-1', description: 'Well-controlled diabetes as a caution', severities: severities({ DIABETES: 'caution' }) };
      const response = await create(body);
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        version: 'firm-2027-1',
        description: 'Well-controlled diabetes as a caution',
        severities: body.severities,
        active: false,
        createdById: admin.user.id,
        createdAt: expect.stringMatching(ISO_INSTANT),
        activatedAt: null,
      });
      const read = await getOne(response.body.id as string);
      expect(read.body).toEqual(response.body);
      await expect(activeVersions()).resolves.toEqual(['oi-default-1']);
    });

    it('accepts any of the three severities for any rule, and no description', async () => {
      const allInfo = Object.fromEntries(CONFIGURABLE_SEVERITY_KEYS.map((key) => [key, 'info']));
      const response = await create({ version: 'lenient.1', severities: allInfo });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ version: 'lenient.1', description: null, severities: allInfo });
      const nullDescription = await create({ version: 'lenient.2', description: null, severities: severities() });
      expect(nullDescription.status).toBe(201);
      expect(nullDescription.body.description).toBeNull();
    });

    it('never reuses a version: the shipped one, or one just created (409), and writes nothing', async () => {
      await created('firm-1');
      expectProblem(await create({ version: 'oi-default-1', severities: severities() }), 409, 'RULE_SET_VERSION_TAKEN');
      expectProblem(await create({ version: 'firm-1', severities: severities({ PVD: 'caution' }) }), 409, 'RULE_SET_VERSION_TAKEN');
      // Surrounding spaces are trimmed, so they do not make a new name either.
      expectProblem(await create({ version: '  firm-1 ', severities: severities() }), 409, 'RULE_SET_VERSION_TAKEN');
      await expect(rows()).resolves.toEqual([
        { version: 'firm-1', active: false },
        { version: 'oi-default-1', active: true },
      ]);
    });

    it('lets one of two simultaneous creates of the same version win; the other gets 409', async () => {
      const [first, second] = await Promise.all([create({ version: 'race-1', severities: severities() }), create({ version: 'race-1', severities: severities() })]);
      expect([first.status, second.status].sort()).toEqual([201, 409]);
      expectProblem(first.status === 409 ? first : second, 409, 'RULE_SET_VERSION_TAKEN');
      await expect(ruleSetCount()).resolves.toBe(2);
    });

    it.each([
      ['missing', undefined],
      ['null', null],
      ['empty', ''],
      ['upper case', 'Firm-1'],
      ['starting with a dash', '-firm'],
      ['starting with a dot', '.firm'],
      ['with a space inside', 'firm 1'],
      ['with a slash', 'firm/1'],
      ['41 characters', `a${'b'.repeat(40)}`],
      ['a number', 12],
    ])('refuses a version %s with 400 naming version', async (_label, version) => {
      const response = await create({ version, severities: severities() });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(new Set(fieldsOf(response))).toEqual(new Set(['version']));
      await expect(ruleSetCount()).resolves.toBe(1);
    });

    it('accepts a version of exactly 40 characters', async () => {
      const version = `a${'0'.repeat(39)}`;
      const response = await create({ version, severities: severities() });
      expect(response.status).toBe(201);
      expect(response.body.version).toBe(version);
    });

    it.each([
      ['empty', ''],
      ['only spaces', '   '],
      ['501 characters', 'd'.repeat(501)],
      ['a number', 5],
    ])('refuses a description %s with 400 naming description', async (_label, description) => {
      const response = await create({ version: 'firm-1', description, severities: severities() });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(new Set(fieldsOf(response))).toEqual(new Set(['description']));
    });

    it('refuses a field it does not know', async () => {
      const response = await create({ version: 'firm-1', severities: severities(), active: true });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response)).toEqual(['active']);
      await expect(ruleSetCount()).resolves.toBe(1);
    });

    describe('severities', () => {
      it.each([
        ['a missing key', without('PVD'), [['severities.PVD', 'missing_key']]],
        ['an unknown key', severities({ NO_SOCKET_COMPLAINT: 'info' }), [['severities.NO_SOCKET_COMPLAINT', 'unknown_key']]],
        ['a key in the wrong case', { ...without('PVD'), pvd: 'caution' }, [['severities.pvd', 'unknown_key'], ['severities.PVD', 'missing_key']]],
        ['a value that is not a severity', severities({ DIABETES: 'moderate' }), [['severities.DIABETES', 'bad_severity']]],
        ['a severity in upper case', severities({ DIABETES: 'CAUTION' }), [['severities.DIABETES', 'bad_severity']]],
        ['a null severity', severities({ SMOKER: null }), [['severities.SMOKER', 'bad_severity']]],
        ['a numeric severity', severities({ SMOKER: 2 }), [['severities.SMOKER', 'bad_severity']]],
        ['a nested severity', severities({ SMOKER: { level: 'caution' } }), [['severities.SMOKER', 'bad_severity']]],
      ])('refuses %s with 400 naming each key', async (_label, map, expected) => {
        const response = await create({ version: 'firm-1', severities: map });
        expectProblem(response, 400, 'VALIDATION_FAILED');
        const problems = (response.body.errors as { field: string; code: string }[]).map((error) => [error.field, error.code]);
        expect(problems).toEqual(expect.arrayContaining(expected));
        expect(problems).toHaveLength(expected.length);
        await expect(ruleSetCount()).resolves.toBe(1);
      });

      it('lists every problem at once, without echoing a submitted value', async () => {
        const map = { ...without('PVD'), DIABETES: 'mk93v-not-a-severity', EXTRA_RULE: 'info' };
        delete (map as Record<string, unknown>).SMOKER;
        const response = await create({ version: 'firm-1', severities: map });
        expectProblem(response, 400, 'VALIDATION_FAILED');
        expect(new Set(fieldsOf(response))).toEqual(new Set(['severities.PVD', 'severities.SMOKER', 'severities.DIABETES', 'severities.EXTRA_RULE']));
        expect(response.text).not.toContain('mk93v');
      });

      it.each([
        ['missing', undefined],
        ['null', null],
        ['a string', 'caution'],
        ['a number', 3],
        ['an array', ['PVD', 'caution']],
        ['an array of pairs', [DESIGN_SEVERITIES]],
        ['an empty object', {}],
      ])('refuses severities that are %s with 400 on severities', async (label, value) => {
        const response = await create({ version: 'firm-1', severities: value });
        expectProblem(response, 400, 'VALIDATION_FAILED');
        const fields = fieldsOf(response);
        if (label === 'an empty object') {
          // Every rule is missing: each is named.
          expect(new Set(fields)).toEqual(new Set(CONFIGURABLE_SEVERITY_KEYS.map((key) => `severities.${key}`)));
        } else {
          expect(new Set(fields)).toEqual(new Set(['severities']));
        }
        await expect(ruleSetCount()).resolves.toBe(1);
      });

      it('refuses prototype poisoning in the JSON with a 400, never a 500', async () => {
        for (const raw of [
          `{"version":"firm-1","severities":{"__proto__":{"PVD":"info"}}}`,
          `{"version":"firm-1","severities":{"constructor":{"prototype":{"PVD":"info"}}}}`,
        ]) {
          expectProblem(await api().post(URL).set(auth(admin)).set('Content-Type', 'application/json').send(raw), 400, 'MALFORMED_REQUEST');
        }
        await expect(ruleSetCount()).resolves.toBe(1);
      });

      it.each(['hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', 'constructor', 'prototype'])('refuses an extra key named %s like any unknown key, and stores nothing', async (key) => {
        const response = await create({ version: 'firm-1', severities: { ...DESIGN_SEVERITIES, [key]: 'info' } });
        expectProblem(response, 400, 'VALIDATION_FAILED');
        expect(fieldsOf(response)).toEqual([`severities.${key}`]);
        await expect(ruleSetCount()).resolves.toBe(1);
      });

      it('keeps the error list bounded and does not echo a huge unknown key in full', async () => {
        const junk = Object.fromEntries(Array.from({ length: 200 }, (_, index) => [`JUNK_${index}`, 'info']));
        const many = await create({ version: 'firm-1', severities: { ...DESIGN_SEVERITIES, ...junk } });
        expectProblem(many, 400, 'VALIDATION_FAILED');
        expect((many.body.errors as unknown[]).length).toBeGreaterThan(0);
        expect((many.body.errors as unknown[]).length).toBeLessThanOrEqual(50);

        const hugeKey = `K${'x'.repeat(5000)}`;
        const huge = await create({ version: 'firm-1', severities: { ...DESIGN_SEVERITIES, [hugeKey]: 'info' } });
        expectProblem(huge, 400, 'VALIDATION_FAILED');
        expect(huge.text).not.toContain(hugeKey);
        expect(huge.text.length).toBeLessThan(2000);
      });

      it('stores a random severities object exactly when it is whole and valid, and refuses anything else with 400 (property)', async () => {
        const keys: string[] = [...CONFIGURABLE_SEVERITY_KEYS];
        const validMap = fc.record(Object.fromEntries(keys.map((key) => [key, fc.constantFrom(...FLAG_SEVERITIES)])));
        const anyKey = fc.oneof(fc.constantFrom(...keys), fc.constantFrom('pvd', 'MISSING_FACTS', 'NO_SOCKET_COMPLAINT', 'CHEMOTHERAPY', ''), fc.string({ maxLength: 12 }));
        const anyValue = fc.oneof(fc.constantFrom<unknown>(...FLAG_SEVERITIES), fc.constantFrom<unknown>('Caution', 'none', '', null, 0, true), fc.jsonValue({ maxDepth: 1 }));
        const mutatedMap = fc
          .tuple(validMap, fc.subarray(keys, { maxLength: 3 }), fc.array(fc.tuple(anyKey, anyValue), { maxLength: 3 }))
          .map(([map, dropped, extra]) => {
            const result: Record<string, unknown> = { ...map };
            for (const key of dropped) delete result[key];
            for (const [key, value] of extra) Object.defineProperty(result, key, { value, enumerable: true, configurable: true, writable: true });
            return result;
          });
        const input = fc.oneof(validMap, mutatedMap, mutatedMap, fc.jsonValue({ maxDepth: 2 }));
        const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
        const isWholeAndValid = (value: unknown): boolean =>
          isPlainObject(value) &&
          Object.keys(value).length === keys.length &&
          keys.every((key) => Object.prototype.hasOwnProperty.call(value, key) && (FLAG_SEVERITIES as readonly unknown[]).includes(value[key]));

        let run = 0;
        await fc.assert(
          fc.asyncProperty(input, async (sent) => {
            run += 1;
            // Nest's validation pipe deletes `constructor` and `prototype` keys before anything reads the body.
            const map = isPlainObject(sent) ? Object.fromEntries(Object.entries(sent).filter(([key]) => key !== 'constructor' && key !== 'prototype')) : sent;
            const before = await ruleSetCount();
            const response = await api().post(URL).set(auth(admin)).set('Content-Type', 'application/json').send(JSON.stringify({ version: `prop-${run}`, severities: sent }));
            if (isWholeAndValid(map)) {
              expect(response.status).toBe(201);
              expect(response.body.severities).toEqual(map);
              expect((await getOne(response.body.id as string)).body.severities).toEqual(map);
              await expect(ruleSetCount()).resolves.toBe(before + 1);
            } else {
              expect(response.status).toBe(400);
              expect(['VALIDATION_FAILED', 'MALFORMED_REQUEST']).toContain(response.body.code);
              await expect(ruleSetCount()).resolves.toBe(before);
              if (response.body.code === 'VALIDATION_FAILED' && isPlainObject(map) && Object.keys(map).length > 0) {
                const named = new Set(fieldsOf(response));
                const wrong = [
                  ...Object.keys(map).filter((key) => !keys.includes(key) || !(FLAG_SEVERITIES as readonly unknown[]).includes(map[key])),
                  ...keys.filter((key) => !Object.prototype.hasOwnProperty.call(map, key)),
                ];
                expect(named).toEqual(new Set(wrong.map((key) => `severities.${key}`)));
              }
            }
          }),
          { numRuns: 30 },
        );
      });
    });

    it('is for admins only: a solicitor or paralegal gets 403 and nothing is written', async () => {
      for (const user of [solicitor, paralegal]) {
        expectProblem(await create({ version: `by-${user.user.role}`, severities: severities() }, user), 403, 'FORBIDDEN');
      }
      expectProblem(await api().post(URL).send({ version: 'anon', severities: severities() }), 401, 'UNAUTHENTICATED');
      await expect(ruleSetCount()).resolves.toBe(1);
    });
  });

  describe('POST /:id/activate', () => {
    it('switches exactly one version on, and back again; past versions are kept', async () => {
      const shipped = ((await list().expect(200)).body as RuleSetBody[])[0];
      const mine = await created('firm-1', { DIABETES: 'caution' });

      const response = await activate(mine.id);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...mine, active: true, activatedAt: expect.stringMatching(ISO_INSTANT) });
      await expect(activeVersions()).resolves.toEqual(['firm-1']);
      const listed = (await list().expect(200)).body as RuleSetBody[];
      expect(listed.map((ruleSet) => [ruleSet.version, ruleSet.active])).toEqual([
        ['firm-1', true],
        ['oi-default-1', false],
      ]);
      // The severities of a version never change by being switched on or off.
      expect(listed[1]?.severities).toEqual(DESIGN_SEVERITIES);

      const back = await activate(shipped?.id ?? MISSING_ID, otherAdmin);
      expect(back.status).toBe(200);
      expect(back.body).toMatchObject({ version: 'oi-default-1', active: true, severities: DESIGN_SEVERITIES, createdById: null });
      await expect(activeVersions()).resolves.toEqual(['oi-default-1']);
      expect((await getOne(mine.id)).body).toMatchObject({ active: false, severities: mine.severities });
    });

    it('is harmless on the version already active', async () => {
      const [shipped] = (await list().expect(200)).body as [RuleSetBody];
      const again = await activate(shipped.id);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(shipped);
      await expect(activeVersions()).resolves.toEqual(['oi-default-1']);
    });

    it('answers 404 for a missing id and 400 for a malformed one, changing nothing', async () => {
      expectProblem(await activate(MISSING_ID), 404, 'RULE_SET_NOT_FOUND');
      const malformed = await activate('nope');
      expectProblem(malformed, 400, 'INVALID_ID');
      expect(fieldsOf(malformed)).toEqual(['id']);
      await expect(activeVersions()).resolves.toEqual(['oi-default-1']);
    });

    it('is for admins only', async () => {
      const mine = await created('firm-1');
      for (const user of [solicitor, paralegal]) expectProblem(await activate(mine.id, user), 403, 'FORBIDDEN');
      expectProblem(await api().post(`${URL}/${mine.id}/activate`).send(), 401, 'UNAUTHENTICATED');
      await expect(activeVersions()).resolves.toEqual(['oi-default-1']);
    });

    it('leaves exactly one active when two versions are activated at the same time', async () => {
      const a = await created('firm-a');
      const b = await created('firm-b', { PVD: 'caution' });
      const [first, second] = await Promise.all([activate(a.id), activate(b.id, otherAdmin)]);
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      const active = await activeVersions();
      expect(active).toHaveLength(1);
      expect(['firm-a', 'firm-b']).toContain(active[0]);
      const listed = (await list().expect(200)).body as RuleSetBody[];
      expect(listed.filter((ruleSet) => ruleSet.active)).toHaveLength(1);
    });

    it('keeps one active through a burst of activations of every version', async () => {
      const versions = [await created('burst-1'), await created('burst-2'), await created('burst-3')];
      const shipped = ((await list().expect(200)).body as RuleSetBody[]).find((ruleSet) => ruleSet.version === 'oi-default-1') as RuleSetBody;
      const responses = await Promise.all([...versions, shipped, ...versions].map((ruleSet, index) => activate(ruleSet.id, index % 2 === 0 ? admin : otherAdmin)));
      expect(responses.map((response) => response.status)).toEqual(responses.map(() => 200));
      await expect(activeVersions()).resolves.toHaveLength(1);
    });
  });
});
