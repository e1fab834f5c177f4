import request from 'supertest';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../src/auth/access-tokens';
import { createUser } from './factories/user.factory';
import { base64url, forgeToken } from './support/forge-token';
import { expectProblem } from './support/problem';
import { cleanDatabase, startTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => cleanDatabase(t.dataSource));

  describe('POST /api/v1/auth/login', () => {
    it('exchanges the right email and password for a bearer token that opens /auth/me', async () => {
      const { user, password } = await createUser(t.app, { email: 'sam@firm.example', role: 'solicitor' });
      const login = await request(t.server).post('/api/v1/auth/login').send({ email: 'SAM@firm.example ', password });
      expect(login.status).toBe(200);
      expect(login.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });

      const me = await request(t.server).get('/api/v1/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`);
      expect(me.status).toBe(200);
      expect(me.body).toEqual({ id: user.id, email: 'sam@firm.example', name: user.name, role: 'solicitor' });
    });

    it('answers wrong password, unknown email and deactivated account with one identical refusal', async () => {
      const { user, password } = await createUser(t.app, { email: 'known@firm.example' });
      await createUser(t.app, { email: 'gone@firm.example', active: false, password });

      const wrongPassword = await request(t.server).post('/api/v1/auth/login').send({ email: user.email, password: 'not-the-password' });
      const unknownEmail = await request(t.server).post('/api/v1/auth/login').send({ email: 'nobody@firm.example', password });
      const deactivated = await request(t.server).post('/api/v1/auth/login').send({ email: 'gone@firm.example', password });

      for (const response of [wrongPassword, unknownEmail, deactivated]) {
        expectProblem(response, 401, 'INVALID_CREDENTIALS');
      }
      const withoutIds = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
      expect(withoutIds(unknownEmail.body)).toEqual(withoutIds(wrongPassword.body));
      expect(withoutIds(deactivated.body)).toEqual(withoutIds(wrongPassword.body));
    });

    it('refuses a malformed login body with 400 and names the fields without echoing them', async () => {
      const response = await request(t.server).post('/api/v1/auth/login').send({ email: 'not-an-email-secret', password: 42 });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(new Set(response.body.errors.map((error: { field: string }) => error.field))).toEqual(new Set(['email', 'password']));
      expect(JSON.stringify(response.body)).not.toContain('not-an-email-secret');
    });
  });

  describe('bearer tokens', () => {
    it('stops working the moment the user is deactivated', async () => {
      const admin = await createUser(t.app, { role: 'admin' });
      const solicitor = await createUser(t.app, { role: 'solicitor' });
      await request(t.server).get('/api/v1/auth/me').set('Authorization', `Bearer ${solicitor.token}`).expect(200);

      await request(t.server)
        .post(`/api/v1/users/${solicitor.user.id}/deactivate`)
        .set('Authorization', `Bearer ${admin.token}`)
        .expect(200);

      const after = await request(t.server).get('/api/v1/auth/me').set('Authorization', `Bearer ${solicitor.token}`);
      expectProblem(after, 401, 'UNAUTHENTICATED');
    });

    it('follows a role change on the very next request', async () => {
      const solicitor = await createUser(t.app, { role: 'solicitor' });
      const intake = () => request(t.server).post('/api/v1/intake').set('Authorization', `Bearer ${solicitor.token}`).send({});
      // Past the guard (the empty body is then refused), as a solicitor may take an intake.
      expectProblem(await intake(), 400, 'VALIDATION_FAILED');
      await t.dataSource.query(`UPDATE "users" SET "role" = 'paralegal' WHERE "id" = $1`, [solicitor.user.id]);
      expectProblem(await intake(), 403, 'FORBIDDEN');
      await request(t.server).get('/api/v1/auth/me').set('Authorization', `Bearer ${solicitor.token}`).expect(200, { id: solicitor.user.id, email: solicitor.user.email, name: solicitor.user.name, role: 'paralegal' });
    });

    it('keeps working for a user whose account is active', async () => {
      const { token } = await createUser(t.app);
      await request(t.server).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    });

    it.each([
      ['no header', undefined],
      ['not bearer', 'Basic dXNlcjpwYXNz'],
      ['garbage', 'Bearer not.a.token'],
    ])('refuses %s with 401', async (_label, header) => {
      const call = request(t.server).get('/api/v1/auth/me');
      const response = await (header === undefined ? call : call.set('Authorization', header));
      expectProblem(response, 401, 'UNAUTHENTICATED');
    });

    it('refuses forged, expired, foreign and unsigned tokens', async () => {
      const { user } = await createUser(t.app);
      const now = Math.floor(Date.now() / 1000);
      const good = { sub: user.id, typ: 'access', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: now, exp: now + 600 };
      const hs256 = { alg: 'HS256', typ: 'JWT' };
      const forged = [
        forgeToken(hs256, good, 'some-other-secret-that-is-long-enough-000'),
        forgeToken(hs256, { ...good, exp: now - 10, iat: now - 700 }),
        forgeToken(hs256, { ...good, nbf: now + 600 }),
        forgeToken(hs256, { ...good, aud: 'another-api' }),
        forgeToken(hs256, { ...good, iss: 'someone-else' }),
        forgeToken(hs256, { ...good, typ: 'refresh' }),
        forgeToken(hs256, { ...good, sub: 'not-a-uuid' }),
        `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(good)}.`,
        // Right secret, another algorithm: HS256 is pinned.
        forgeToken({ alg: 'HS512', typ: 'JWT' }, good, TEST_JWT_SECRET, 'sha512'),
        forgeToken({ alg: 'HS384', typ: 'JWT' }, good, TEST_JWT_SECRET, 'sha384'),
      ];
      // The control proves the forgery helper makes tokens the app would otherwise accept.
      await request(t.server).get('/api/v1/auth/me').set('Authorization', `Bearer ${forgeToken(hs256, good)}`).expect(200);
      for (const token of forged) {
        const response = await request(t.server).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
        expectProblem(response, 401, 'UNAUTHENTICATED');
      }
    });
  });
});
