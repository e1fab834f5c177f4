import request from 'supertest';
import { createUser, CreatedUser } from './factories/user.factory';
import { expectProblem } from './support/problem';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

describe('users (admin)', () => {
  let t: TestApp;
  let admin: CreatedUser;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await cleanDatabase(t.dataSource);
    admin = await createUser(t.app, { role: 'admin', email: 'admin@firm.example' });
  });

  const auth = (user: CreatedUser) => ({ Authorization: `Bearer ${user.token}` });

  it('creates a user who can then sign in, and never returns the password or its hash', async () => {
    const created = await request(t.server)
      .post('/api/v1/users')
      .set(auth(admin))
      .send({ email: ' New.Solicitor@Firm.example', name: '  Nia Jones ', role: 'solicitor', password: 'twelve-chars-ok' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      email: 'new.solicitor@firm.example',
      name: 'Nia Jones',
      role: 'solicitor',
      active: true,
      deactivatedAt: null,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(JSON.stringify(created.body)).not.toMatch(/password|argon2/i);
    await request(t.server).post('/api/v1/auth/login').send({ email: 'new.solicitor@firm.example', password: 'twelve-chars-ok' }).expect(200);
  });

  it('refuses a second user with the same email, whatever its case', async () => {
    const response = await request(t.server)
      .post('/api/v1/users')
      .set(auth(admin))
      .send({ email: 'ADMIN@firm.example', name: 'Copy', role: 'paralegal', password: 'twelve-chars-ok' });
    expectProblem(response, 409, 'USER_EMAIL_TAKEN');
  });

  it.each([
    [{ email: 'x@firm.example', name: 'X', role: 'owner', password: 'twelve-chars-ok' }, 'role'],
    [{ email: 'x@firm.example', name: 'X', role: 'paralegal', password: 'short' }, 'password'],
    [{ email: 'x@firm.example', name: '', role: 'paralegal', password: 'twelve-chars-ok' }, 'name'],
    [{ email: 'x@firm.example', name: 'N'.repeat(101), role: 'paralegal', password: 'twelve-chars-ok' }, 'name'],
    [{ email: 'x@firm.example', name: 'X', role: 'paralegal', password: 'twelve-chars-ok', active: false }, 'active'],
  ])('refuses an invalid user %j naming %s, and writes nothing', async (body, field) => {
    const response = await request(t.server).post('/api/v1/users').set(auth(admin)).send(body);
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    await expect(t.dataSource.query('SELECT count(*)::int AS n FROM users')).resolves.toEqual([{ n: 1 }]);
  });

  it.each(['solicitor', 'paralegal'] as const)('is closed to a %s', async (role) => {
    const user = await createUser(t.app, { role });
    expectProblem(await request(t.server).get('/api/v1/users').set(auth(user)), 403, 'FORBIDDEN');
    expectProblem(
      await request(t.server).post('/api/v1/users').set(auth(user)).send({ email: 'y@firm.example', name: 'Y', role: 'admin', password: 'twelve-chars-ok' }),
      403,
      'FORBIDDEN',
    );
  });

  it('lists users by email, page by page, with filters', async () => {
    for (const name of ['d', 'b', 'e', 'c']) await createUser(t.app, { email: `${name}@firm.example`, role: 'paralegal' });
    await createUser(t.app, { email: 'f@firm.example', role: 'paralegal', active: false });

    const first = await request(t.server).get('/api/v1/users?limit=2&role=paralegal&active=true').set(auth(admin)).expect(200);
    expect(first.body.items.map((user: { email: string }) => user.email)).toEqual(['b@firm.example', 'c@firm.example']);
    const second = await request(t.server)
      .get(`/api/v1/users?limit=2&role=paralegal&active=true&cursor=${first.body.nextCursor}`)
      .set(auth(admin))
      .expect(200);
    expect(second.body.items.map((user: { email: string }) => user.email)).toEqual(['d@firm.example', 'e@firm.example']);
    expect(second.body.nextCursor).toBeNull();
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['role=owner', 'role'],
    ['unknown=1', 'unknown'],
  ])('refuses the query %s with 400', async (query, field) => {
    const response = await request(t.server).get(`/api/v1/users?${query}`).set(auth(admin));
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('refuses a cursor it did not make', async () => {
    const response = await request(t.server).get('/api/v1/users?cursor=bm90LWEtY3Vyc29y').set(auth(admin));
    expectProblem(response, 400, 'INVALID_CURSOR');
  });

  it('gets one user, 404 for a missing one and 400 for a malformed id', async () => {
    const other = await createUser(t.app, { role: 'paralegal' });
    const found = await request(t.server).get(`/api/v1/users/${other.user.id}`).set(auth(admin)).expect(200);
    expect(found.body.id).toBe(other.user.id);
    expectProblem(await request(t.server).get('/api/v1/users/6f1c2a8e-2a53-4b8e-9d7e-0c6f3f1f7a10').set(auth(admin)), 404, 'USER_NOT_FOUND');
    expectProblem(await request(t.server).get('/api/v1/users/not-a-uuid').set(auth(admin)), 400, 'INVALID_ID');
  });

  it('deactivates a user once, and refuses to let an admin deactivate themselves', async () => {
    const other = await createUser(t.app, { role: 'paralegal' });
    const first = await request(t.server).post(`/api/v1/users/${other.user.id}/deactivate`).set(auth(admin)).expect(200);
    expect(first.body).toMatchObject({ active: false, version: 2, deactivatedAt: expect.any(String) });
    const again = await request(t.server).post(`/api/v1/users/${other.user.id}/deactivate`).set(auth(admin)).expect(200);
    expect(again.body).toMatchObject({ active: false, version: 2, deactivatedAt: first.body.deactivatedAt });

    expectProblem(await request(t.server).post(`/api/v1/users/${admin.user.id}/deactivate`).set(auth(admin)), 422, 'CANNOT_DEACTIVATE_SELF');
    expectProblem(
      await request(t.server).post('/api/v1/users/6f1c2a8e-2a53-4b8e-9d7e-0c6f3f1f7a10/deactivate').set(auth(admin)),
      404,
      'USER_NOT_FOUND',
    );
  });
});
