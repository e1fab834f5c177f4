import request from 'supertest';
import { addDays, todayInLondon } from '../src/common/time/calendar-date';
import { intakeBody } from './factories/intake.factory';
import { createUser, CreatedUser } from './factories/user.factory';
import { expectProblem } from './support/problem';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

const MISSING_ID = '6f1c2a8e-2a53-4b8e-9d7e-0c6f3f1f7a10';
const PEER_SUPPORT_CHARITIES = ['Limb Care', 'Limbless Association', 'Reach'];
const PLACEHOLDER_KINDS = ['surgeon', 'pain_psychologist', 'pain_specialist', 'prosthetist', 'occupational_therapist', 'physiotherapist', 'personal_trainer'];
const TASK_TYPES: [string, string | null, number][] = [
  ['OBTAIN_MEDICAL_RECORDS', null, 21],
  ['OCCUPATIONAL_THERAPIST', 'occupational_therapist', 14],
  ['PAIN_PSYCHOLOGIST', 'pain_psychologist', 28],
  ['PAIN_SPECIALIST', 'pain_specialist', 28],
  ['PEER_SUPPORT', 'peer_support', 14],
  ['PERSONAL_TRAINER', 'personal_trainer', 28],
  ['PHYSIOTHERAPIST', 'physiotherapist', 14],
  ['PROSTHETIST', 'prosthetist', 21],
  ['PROSTHETIST_SOCKET_REVIEW', 'prosthetist', 14],
  ['RESCREEN_REVIEW', null, 90],
  ['SECOND_SURGEON_OPINION', 'surgeon', 42],
  ['SURGEON_OPINION', 'surgeon', 28],
];

interface Provider {
  id: string;
  name: string;
  kind: string;
  organisation: string | null;
  region: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  notes: string | null;
  isExample: boolean;
  active: boolean;
  version: number;
}

describe('providers and task types', () => {
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

  async function directory(user: CreatedUser, query = ''): Promise<Provider[]> {
    const response = await request(t.server).get(`/api/v1/providers?${query}`).set(auth(user));
    if (response.status !== 200) throw new Error(`providers answered ${response.status}: ${response.text}`);
    return response.body as Provider[];
  }

  const providerBody = (overrides: Record<string, unknown> = {}) => ({
    name: 'Ms Jane Doe',
    kind: 'prosthetist',
    organisation: 'Southern Limb Centre',
    region: 'South East',
    email: 'jane.doe@limbcentre.example',
    phone: '020 7946 0000',
    website: 'https://limbcentre.example/osseo',
    notes: 'Sees OI clients on Tuesdays.',
    ...overrides,
  });

  const postProvider = (body: Record<string, unknown>, user: CreatedUser = admin) => request(t.server).post('/api/v1/providers').set(auth(user)).send(body);
  const patchProvider = (id: string, version: number | null, body: Record<string, unknown>, user: CreatedUser = admin) => {
    const call = request(t.server).patch(`/api/v1/providers/${id}`).set(auth(user));
    return (version === null ? call : call.set('If-Match', `"${version}"`)).send(body);
  };

  async function createProvider(overrides: Record<string, unknown> = {}): Promise<Provider> {
    const response = await postProvider(providerBody(overrides));
    if (response.status !== 201) throw new Error(`creating a provider answered ${response.status}: ${response.text}`);
    return response.body as Provider;
  }

  describe('the seeded directory', () => {
    it('shows every role the charities and the marked placeholders, by kind then name', async () => {
      for (const user of [admin, solicitor, paralegal]) {
        const providers = await directory(user);
        expect(providers).toHaveLength(11);
        const charities = providers.filter((provider) => provider.kind === 'peer_support');
        expect(charities.map((provider) => provider.name)).toEqual(PEER_SUPPORT_CHARITIES);
        for (const charity of charities) expect(charity).toMatchObject({ isExample: false, active: true, website: expect.stringMatching(/^https:\/\//) });
        const placeholders = providers.filter((provider) => provider.kind !== 'peer_support');
        expect(new Set(placeholders.map((provider) => provider.kind))).toEqual(new Set(PLACEHOLDER_KINDS));
        for (const placeholder of placeholders) {
          expect(placeholder).toMatchObject({ isExample: true, active: true, email: null, phone: null });
          expect(placeholder.name).toMatch(/placeholder/i);
        }
        // Grouped by kind, by name within a kind.
        const kinds = providers.map((provider) => provider.kind);
        expect(kinds.filter((kind, index) => index === 0 || kinds[index - 1] !== kind)).toHaveLength(8);
        for (const kind of new Set(kinds)) {
          const names = providers.filter((provider) => provider.kind === kind).map((provider) => provider.name);
          expect(names).toEqual([...names].sort());
        }
      }
    });

    it('filters by kind and by active', async () => {
      await expect(directory(paralegal, 'kind=peer_support')).resolves.toHaveLength(3);
      await expect(directory(paralegal, 'kind=surgeon')).resolves.toHaveLength(2);
      await expect(directory(paralegal, 'active=true')).resolves.toHaveLength(11);
      await expect(directory(paralegal, 'active=false')).resolves.toEqual([]);

      const [reach] = (await directory(admin, 'kind=peer_support')).filter((provider) => provider.name === 'Reach');
      await patchProvider(String(reach?.id), 1, { active: false }).expect(200);
      await expect(directory(paralegal, 'active=false')).resolves.toEqual([expect.objectContaining({ id: reach?.id, active: false })]);
      await expect(directory(paralegal, 'kind=peer_support&active=true')).resolves.toHaveLength(2);
      await expect(directory(paralegal, 'kind=peer_support')).resolves.toHaveLength(3);
      await expect(directory(paralegal, 'kind=surgeon&active=false')).resolves.toEqual([]);
    });

    it.each(['kind=wizard', 'kind=PEER_SUPPORT', 'active=maybe', 'active=1', 'name=Reach'])('refuses %s with 400', async (query) => {
      expectProblem(await request(t.server).get(`/api/v1/providers?${query}`).set(auth(solicitor)), 400, 'VALIDATION_FAILED');
    });

    it('answers 401 without a token', async () => {
      expect((await request(t.server).get('/api/v1/providers')).status).toBe(401);
      expect((await request(t.server).get('/api/v1/referral-task-types')).status).toBe(401);
    });
  });

  describe('GET /api/v1/providers/{id}', () => {
    it('reads one provider with its version as ETag, for every role', async () => {
      const [first] = await directory(admin);
      for (const user of [admin, solicitor, paralegal]) {
        const response = await request(t.server).get(`/api/v1/providers/${first?.id}`).set(auth(user));
        expect(response.status).toBe(200);
        expect(response.headers.etag).toBe('"1"');
        expect(response.body).toEqual(first);
      }
    });

    it('answers 404 for a missing provider and 400 for a bad id', async () => {
      expectProblem(await request(t.server).get(`/api/v1/providers/${MISSING_ID}`).set(auth(paralegal)), 404, 'PROVIDER_NOT_FOUND');
      expectProblem(await request(t.server).get('/api/v1/providers/reach').set(auth(paralegal)), 400, 'INVALID_ID');
    });
  });

  describe('POST /api/v1/providers', () => {
    it('adds a provider with every field, the email normalised, real and active by default', async () => {
      const response = await postProvider(providerBody({ email: '  Jane.Doe@LimbCentre.example ', name: '  Ms Jane Doe ' }));
      expect(response.status).toBe(201);
      expect(response.headers.etag).toBe('"1"');
      expect(response.body).toEqual({
        id: expect.any(String),
        name: 'Ms Jane Doe',
        kind: 'prosthetist',
        organisation: 'Southern Limb Centre',
        region: 'South East',
        email: 'jane.doe@limbcentre.example',
        phone: '020 7946 0000',
        website: 'https://limbcentre.example/osseo',
        notes: 'Sees OI clients on Tuesdays.',
        isExample: false,
        active: true,
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      await expect(request(t.server).get(`/api/v1/providers/${response.body.id}`).set(auth(paralegal))).resolves.toMatchObject({ status: 200, body: response.body });
      await expect(directory(paralegal, 'kind=prosthetist')).resolves.toHaveLength(2);
    });

    it('adds a provider from a name and a kind alone, and takes the flags', async () => {
      const bare = await postProvider({ name: 'Dr Ray Bone', kind: 'surgeon' });
      expect(bare.status).toBe(201);
      expect(bare.body).toMatchObject({ organisation: null, region: null, email: null, phone: null, website: null, notes: null, isExample: false, active: true });
      const flagged = await postProvider({ name: 'Spare trainer', kind: 'personal_trainer', isExample: true, active: false, email: null });
      expect(flagged.status).toBe(201);
      expect(flagged.body).toMatchObject({ isExample: true, active: false, email: null });
    });

    it('is for admin only', async () => {
      for (const user of [solicitor, paralegal]) expectProblem(await postProvider(providerBody(), user), 403, 'FORBIDDEN');
      expect((await request(t.server).post('/api/v1/providers').send(providerBody())).status).toBe(401);
      await expect(directory(admin)).resolves.toHaveLength(11);
    });

    it.each([
      ['a bad email', { email: 'jane-at-limbcentre' }, 'email'],
      ['an overlong email', { email: `${'j'.repeat(250)}@x.example` }, 'email'],
      ['a website without a scheme', { website: 'www.limbcentre.example' }, 'website'],
      ['an ftp website', { website: 'ftp://limbcentre.example' }, 'website'],
      ['a javascript website', { website: 'javascript:alert(1)' }, 'website'],
      ['an overlong website', { website: `https://limbcentre.example/${'p'.repeat(300)}` }, 'website'],
      ['an unknown kind', { kind: 'wizard' }, 'kind'],
      ['a task type as kind', { kind: 'PROSTHETIST' }, 'kind'],
      ['no kind', { kind: undefined }, 'kind'],
      ['a null kind', { kind: null }, 'kind'],
      ['no name', { name: undefined }, 'name'],
      ['an empty name', { name: '' }, 'name'],
      ['a blank name', { name: '   ' }, 'name'],
      ['an overlong name', { name: 'N'.repeat(201) }, 'name'],
      ['a name that is not text', { name: 42 }, 'name'],
      ['an overlong organisation', { organisation: 'O'.repeat(201) }, 'organisation'],
      ['an overlong region', { region: 'R'.repeat(101) }, 'region'],
      ['a phone that is words', { phone: 'call reception' }, 'phone'],
      ['overlong notes', { notes: 'n'.repeat(2001) }, 'notes'],
      ['a flag that is text', { isExample: 'yes' }, 'isExample'],
      ['an unknown field', { rating: 5 }, 'rating'],
      ['a version', { version: 3 }, 'version'],
    ])('refuses %s with 400 VALIDATION_FAILED, echoing nothing', async (_label, overrides, field) => {
      const response = await postProvider(providerBody(overrides));
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      for (const value of Object.values(overrides)) {
        if (typeof value === 'string' && value.trim().length > 3) expect(response.text).not.toContain(value);
      }
      await expect(directory(admin)).resolves.toHaveLength(11);
    });

    it('answers a retry with the same Idempotency-Key with the first response and adds no second entry', async () => {
      const send = (key: string, body: Record<string, unknown>) => request(t.server).post('/api/v1/providers').set(auth(admin)).set('Idempotency-Key', key).send(body);
      const first = await send('add-jane-1', providerBody());
      expect(first.status).toBe(201);
      const retry = await send('add-jane-1', providerBody());
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      await expect(directory(admin, 'kind=prosthetist')).resolves.toHaveLength(2);

      expectProblem(await send('add-jane-1', providerBody({ region: 'North' })), 422, 'IDEMPOTENCY_KEY_REUSED');
      expectProblem(await send('has space', providerBody()), 400, 'INVALID_IDEMPOTENCY_KEY');
      // Without a key, a repeat is a second entry: the directory does not guess at duplicates.
      await postProvider(providerBody()).expect(201);
      await expect(directory(admin, 'kind=prosthetist')).resolves.toHaveLength(3);
    });

    it('takes a name of exactly 200 characters', async () => {
      await expect(createProvider({ name: 'N'.repeat(200) })).resolves.toMatchObject({ name: 'N'.repeat(200) });
    });
  });

  describe('PATCH /api/v1/providers/{id}', () => {
    it('changes only what is sent and bumps the version', async () => {
      const provider = await createProvider();
      const response = await patchProvider(provider.id, 1, { region: 'London', email: null, isExample: true });
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('"2"');
      expect(response.body).toMatchObject({ ...provider, region: 'London', email: null, isExample: true, version: 2, updatedAt: expect.any(String) });
      const renamed = await patchProvider(provider.id, 2, { name: 'Mrs Jane Doe', kind: 'physiotherapist' });
      expect(renamed.body).toMatchObject({ name: 'Mrs Jane Doe', kind: 'physiotherapist', region: 'London', version: 3 });
    });

    it('needs If-Match (428) and refuses a stale one (412)', async () => {
      const provider = await createProvider();
      expectProblem(await patchProvider(provider.id, null, { region: 'London' }), 428, 'IF_MATCH_REQUIRED');
      await patchProvider(provider.id, 1, { region: 'London' }).expect(200);
      expectProblem(await patchProvider(provider.id, 1, { region: 'Leeds' }), 412, 'STALE_WRITE');
      await expect(request(t.server).get(`/api/v1/providers/${provider.id}`).set(auth(admin))).resolves.toMatchObject({ body: { region: 'London', version: 2 } });
    });

    it('lets one of two simultaneous writers on the same version win', async () => {
      const provider = await createProvider();
      const answers = await Promise.all([patchProvider(provider.id, 1, { region: 'Leeds' }), patchProvider(provider.id, 1, { region: 'York' })]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 412]);
    });

    it('is for admin only, and answers 404 for a missing provider', async () => {
      const provider = await createProvider();
      for (const user of [solicitor, paralegal]) expectProblem(await patchProvider(provider.id, 1, { active: false }, user), 403, 'FORBIDDEN');
      expectProblem(await patchProvider(MISSING_ID, 1, { active: false }), 404, 'PROVIDER_NOT_FOUND');
      expectProblem(await patchProvider('reach', 1, { active: false }), 400, 'INVALID_ID');
      await expect(request(t.server).get(`/api/v1/providers/${provider.id}`).set(auth(admin))).resolves.toMatchObject({ body: { active: true, version: 1 } });
    });

    it.each([
      [{ name: null }, 'name'],
      [{ name: '' }, 'name'],
      [{ kind: null }, 'kind'],
      [{ kind: 'wizard' }, 'kind'],
      [{ email: 'nope' }, 'email'],
      [{ website: 'limbcentre.example' }, 'website'],
      [{ active: null }, 'active'],
      [{ active: 'false' }, 'active'],
      [{ id: MISSING_ID }, 'id'],
    ])('refuses %j with 400', async (body, field) => {
      const provider = await createProvider();
      const response = await patchProvider(provider.id, 1, body);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    });

    it('stops offering a deactivated provider for new tasks', async () => {
      const provider = await createProvider({ kind: 'peer_support' });
      await patchProvider(provider.id, 1, { active: false }).expect(200);
      const intake = await request(t.server).post('/api/v1/intake').set(auth(solicitor)).send(intakeBody({ solicitorId: solicitor.user.id, paralegalId: paralegal.user.id }));
      expect(intake.status).toBe(201);
      const refused = await request(t.server).post(`/api/v1/cases/${intake.body.id}/referral-tasks`).set(auth(solicitor)).send({ type: 'PEER_SUPPORT', providerId: provider.id });
      expectProblem(refused, 422, 'INVALID_PROVIDER');
      await patchProvider(provider.id, 2, { active: true }).expect(200);
      const taken = await request(t.server).post(`/api/v1/cases/${intake.body.id}/referral-tasks`).set(auth(solicitor)).send({ type: 'PEER_SUPPORT', providerId: provider.id });
      expect(taken.status).toBe(201);
    });
  });

  describe('referral task types', () => {
    const patchType = (type: string, version: number | null, body: Record<string, unknown>, user: CreatedUser = admin) => {
      const call = request(t.server).patch(`/api/v1/referral-task-types/${type}`).set(auth(user));
      return (version === null ? call : call.set('If-Match', `"${version}"`)).send(body);
    };

    async function takeCase(): Promise<string> {
      const intake = await request(t.server).post('/api/v1/intake').set(auth(solicitor)).send(intakeBody({ solicitorId: solicitor.user.id, paralegalId: paralegal.user.id }));
      if (intake.status !== 201) throw new Error(`intake answered ${intake.status}: ${intake.text}`);
      return intake.body.id as string;
    }

    it('lists every type with its label, provider kind and seeded days, for every role', async () => {
      for (const user of [admin, solicitor, paralegal]) {
        const response = await request(t.server).get('/api/v1/referral-task-types').set(auth(user));
        expect(response.status).toBe(200);
        expect(response.body).toEqual(
          TASK_TYPES.map(([type, providerKind, dueInDays]) => ({ type, label: expect.any(String), providerKind, dueInDays, version: 1 })),
        );
        for (const setting of response.body as { label: string; type: string }[]) expect(setting.label).not.toBe(setting.type);
      }
    });

    it('lets an admin change a type’s days: new tasks take it, existing ones keep theirs', async () => {
      const caseId = await takeCase();
      const before = await request(t.server).post(`/api/v1/cases/${caseId}/referral-tasks`).set(auth(solicitor)).send({ type: 'PEER_SUPPORT' });
      expect(before.status).toBe(201);

      const changed = await patchType('PEER_SUPPORT', 1, { dueInDays: 3 });
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).toBe('"2"');
      expect(changed.body).toEqual({ type: 'PEER_SUPPORT', label: expect.any(String), providerKind: 'peer_support', dueInDays: 3, version: 2 });
      const listed = await request(t.server).get('/api/v1/referral-task-types').set(auth(paralegal));
      expect(listed.body).toContainEqual(expect.objectContaining({ type: 'PEER_SUPPORT', dueInDays: 3, version: 2 }));

      await request(t.server)
        .patch(`/api/v1/referral-tasks/${before.body.id}`)
        .set(auth(paralegal))
        .set('If-Match', '"1"')
        .send({ status: 'done' })
        .expect(200);
      const today = todayInLondon();
      const after = await request(t.server).post(`/api/v1/cases/${caseId}/referral-tasks`).set(auth(solicitor)).send({ type: 'PEER_SUPPORT' });
      expect(after.status).toBe(201);
      expect([addDays(today, 3), addDays(todayInLondon(), 3)]).toContain(after.body.dueDate);
      await expect(request(t.server).get(`/api/v1/referral-tasks/${before.body.id}`).set(auth(paralegal))).resolves.toMatchObject({ body: { dueDate: before.body.dueDate } });
    });

    it('gives tasks a screening creates the changed days too, and 0 means due today', async () => {
      await patchType('SURGEON_OPINION', 1, { dueInDays: 0 }).expect(200);
      await patchType('PROSTHETIST', 1, { dueInDays: 365 }).expect(200);
      const caseId = await takeCase();
      const today = todayInLondon();
      const screening = await request(t.server).post(`/api/v1/cases/${caseId}/screenings`).set(auth(solicitor)).send();
      expect(screening.status).toBe(201);
      const tasks = screening.body.referralTasks as { type: string; dueDate: string; overdue: boolean }[];
      const surgeon = tasks.find((task) => task.type === 'SURGEON_OPINION');
      const prosthetist = tasks.find((task) => task.type === 'PROSTHETIST');
      expect([today, todayInLondon()]).toContain(surgeon?.dueDate);
      expect(surgeon?.overdue).toBe(false);
      expect([addDays(today, 365), addDays(todayInLondon(), 365)]).toContain(prosthetist?.dueDate);
    });

    it('needs If-Match (428) and refuses a stale one (412)', async () => {
      expectProblem(await patchType('PEER_SUPPORT', null, { dueInDays: 7 }), 428, 'IF_MATCH_REQUIRED');
      await patchType('PEER_SUPPORT', 1, { dueInDays: 7 }).expect(200);
      expectProblem(await patchType('PEER_SUPPORT', 1, { dueInDays: 10 }), 412, 'STALE_WRITE');
      const listed = await request(t.server).get('/api/v1/referral-task-types').set(auth(admin));
      expect(listed.body).toContainEqual(expect.objectContaining({ type: 'PEER_SUPPORT', dueInDays: 7, version: 2 }));
    });

    it('is for admin only', async () => {
      for (const user of [solicitor, paralegal]) expectProblem(await patchType('PEER_SUPPORT', 1, { dueInDays: 7 }, user), 403, 'FORBIDDEN');
      expect((await request(t.server).patch('/api/v1/referral-task-types/PEER_SUPPORT').set('If-Match', '"1"').send({ dueInDays: 7 })).status).toBe(401);
    });

    it.each(['WIZARD', 'peer_support', 'PEER%20SUPPORT'])('answers 404 for the unknown type %s', async (type) => {
      expectProblem(await patchType(type, 1, { dueInDays: 7 }), 404, 'REFERRAL_TASK_TYPE_NOT_FOUND');
    });

    it.each([[{ dueInDays: -1 }], [{ dueInDays: 366 }], [{ dueInDays: 2.5 }], [{ dueInDays: '7' }], [{ dueInDays: null }], [{}], [{ dueInDays: 7, label: 'Peers' }]])(
      'refuses %j with 400 VALIDATION_FAILED',
      async (body) => {
        const response = await patchType('PEER_SUPPORT', 1, body);
        expectProblem(response, 400, 'VALIDATION_FAILED');
        const listed = await request(t.server).get('/api/v1/referral-task-types').set(auth(admin));
        expect(listed.body).toContainEqual(expect.objectContaining({ type: 'PEER_SUPPORT', dueInDays: 14, version: 1 }));
      },
    );
  });
});
