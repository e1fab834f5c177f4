import request from 'supertest';
import { createUser, CreatedUser } from './factories/user.factory';
import { expectProblem } from './support/problem';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MISSING_ID = '6f1c2a8e-2a53-4b8e-9d7e-0c6f3f1f7a10';
const APP_ORIGIN = 'https://app.firm.example';

const auth = (user: CreatedUser) => ({ Authorization: `Bearer ${user.token}` });
const fieldsOf = (response: request.Response): string[] => (response.body.errors as { field: string }[]).map((error) => error.field);

describe('HTTP conventions', () => {
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

  const countUsers = () => t.dataSource.query('SELECT count(*)::int AS n FROM users');

  describe('errors are problem+json', () => {
    it('400 VALIDATION_FAILED names every bad field and echoes none of the submitted values', async () => {
      const response = await request(t.server)
        .post('/api/v1/users')
        .set(auth(admin))
        .send({ email: 'NOT-AN-EMAIL-zq81x', name: '', role: 'WIZARD-zq81x', password: 'short-zq81x' });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(new Set(fieldsOf(response))).toEqual(new Set(['email', 'name', 'role', 'password']));
      expect(response.text).not.toContain('zq81x');
      await expect(countUsers()).resolves.toEqual([{ n: 1 }]);
    });

    it('400 VALIDATION_FAILED for a field the DTO does not declare, even when the rest is valid', async () => {
      const response = await request(t.server)
        .post('/api/v1/users')
        .set(auth(admin))
        .send({ email: 'ok@firm.example', name: 'Ok', role: 'paralegal', password: 'twelve-chars-ok', isAdmin: 'SMUGGLED-zq81x' });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual([{ field: 'isAdmin', code: 'whitelistValidation', message: expect.any(String) }]);
      expect(response.text).not.toContain('SMUGGLED-zq81x');
      await expect(countUsers()).resolves.toEqual([{ n: 1 }]);
    });

    it('400 MALFORMED_REQUEST for a JSON body that does not parse', async () => {
      const truncated = await request(t.server).post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": ');
      expectProblem(truncated, 400, 'MALFORMED_REQUEST');

      const withValue = await request(t.server)
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email": "MALFORMED-zq81x@firm.example", "password": ');
      expectProblem(withValue, 400, 'MALFORMED_REQUEST');
      expect(withValue.text).not.toContain('zq81x');
    });

    it('401 UNAUTHENTICATED without a token', async () => {
      expectProblem(await request(t.server).get('/api/v1/users'), 401, 'UNAUTHENTICATED');
    });

    it('403 FORBIDDEN for a role the route does not allow', async () => {
      const paralegal = await createUser(t.app, { role: 'paralegal' });
      expectProblem(await request(t.server).get('/api/v1/users').set(auth(paralegal)), 403, 'FORBIDDEN');
    });

    it('404 ROUTE_NOT_FOUND for a path no endpoint serves, with or without a token', async () => {
      expectProblem(await request(t.server).get('/api/v1/nope'), 404, 'ROUTE_NOT_FOUND');
      expectProblem(await request(t.server).get('/api/v1/nope').set(auth(admin)), 404, 'ROUTE_NOT_FOUND');
      expectProblem(await request(t.server).delete('/api/v1/users').set(auth(admin)), 404, 'ROUTE_NOT_FOUND');
    });

    it('404 USER_NOT_FOUND for a record that does not exist', async () => {
      expectProblem(await request(t.server).get(`/api/v1/users/${MISSING_ID}`).set(auth(admin)), 404, 'USER_NOT_FOUND');
    });

    it('413 PAYLOAD_TOO_LARGE for a JSON body over the default 256 KiB limit', async () => {
      const response = await request(t.server)
        .post('/api/v1/users')
        .set(auth(admin))
        .send({ email: 'big@firm.example', name: 'Big', role: 'paralegal', password: 'x'.repeat(256 * 1024 + 1) });
      expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
      await expect(countUsers()).resolves.toEqual([{ n: 1 }]);
    });

    it('415 UNSUPPORTED_MEDIA_TYPE for a body in a media type the API does not parse', async () => {
      const xml = await request(t.server)
        .post('/api/v1/users')
        .set(auth(admin))
        .set('Content-Type', 'application/xml')
        .send('<user><email>x@firm.example</email></user>');
      expectProblem(xml, 415, 'UNSUPPORTED_MEDIA_TYPE');

      const vendorJson = await request(t.server).post('/api/v1/auth/login').set('Content-Type', 'application/vnd.api+json').send('{}');
      expectProblem(vendorJson, 415, 'UNSUPPORTED_MEDIA_TYPE');
      await expect(countUsers()).resolves.toEqual([{ n: 1 }]);
    });

    it('refuses text/plain and form bodies on a JSON route with 415, never a 500 or an echo', async () => {
      const form = await request(t.server)
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('email=form-zq81x%40firm.example&password=form-zq81x');
      expectProblem(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(form.text).not.toContain('zq81x');

      const response = await request(t.server)
        .post('/api/v1/auth/login')
        .set('Content-Type', 'text/plain')
        .send('{"email":"plain-zq81x@firm.example","password":"plain-zq81x"}');
      expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(response.text).not.toContain('zq81x');
    });
  });

  describe('BODY_LIMIT_BYTES', () => {
    let small: TestApp;
    beforeAll(async () => {
      small = await startTestApp({ env: { BODY_LIMIT_BYTES: '2048' } });
    });
    afterAll(() => small.close());

    it('refuses a body over the configured limit with 413 and still parses one under it', async () => {
      const over = await request(small.server).post('/api/v1/auth/login').send({ email: 'a@firm.example', password: 'p'.repeat(3000) });
      expectProblem(over, 413, 'PAYLOAD_TOO_LARGE');

      // 1,500 characters fit under 2 KiB: the body is parsed and the DTO's own 200-character bound answers.
      const under = await request(small.server).post('/api/v1/auth/login').send({ email: 'a@firm.example', password: 'p'.repeat(1500) });
      expectProblem(under, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(under)).toEqual(['password']);
    });
  });

  describe('response headers', () => {
    it('generates a uuid X-Request-Id when the caller sends none, a new one per request', async () => {
      const first = await request(t.server).get('/health/live').expect(200);
      const second = await request(t.server).get('/health/live').expect(200);
      expect(first.headers['x-request-id']).toMatch(UUID);
      expect(second.headers['x-request-id']).toMatch(UUID);
      expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    });

    it('echoes a plain caller id, on success and in the problem body of an error', async () => {
      const ok = await request(t.server).get('/api/v1/auth/me').set(auth(admin)).set('X-Request-Id', 'abc-123').expect(200);
      expect(ok.headers['x-request-id']).toBe('abc-123');

      const refused = await request(t.server).get('/api/v1/users').set('X-Request-Id', 'abc-123');
      expectProblem(refused, 401, 'UNAUTHENTICATED');
      expect(refused.body.requestId).toBe('abc-123');
    });

    // A header with a raw newline cannot even be sent by Node's HTTP client; these are the hostile ids it can send.
    it.each([
      ['spaces', 'bad id'],
      ['markup', '<script>alert(1)</script>'],
      ['a log-line forgery', 'id" level=error msg="forged'],
      ['an over-long id', 'a'.repeat(129)],
    ])('replaces a caller id with %s by a fresh uuid', async (_label, hostile) => {
      const response = await request(t.server).get('/api/v1/nope').set('X-Request-Id', hostile);
      expectProblem(response, 404, 'ROUTE_NOT_FOUND');
      expect(response.headers['x-request-id']).toMatch(UUID);
      expect(response.text).not.toContain(hostile);
    });

    it('sends Cache-Control: no-store on API successes, API errors and /health/live', async () => {
      const responses = [
        await request(t.server).get('/api/v1/auth/me').set(auth(admin)).expect(200),
        await request(t.server).get('/api/v1/users').set(auth(admin)).expect(200),
        await request(t.server).get('/api/v1/users'),
        await request(t.server).get(`/api/v1/users/${MISSING_ID}`).set(auth(admin)),
        await request(t.server).get('/api/v1/nope'),
        await request(t.server).get('/health/live').expect(200),
      ];
      expect(responses.map((response) => response.status)).toEqual([200, 200, 401, 404, 404, 200]);
      for (const response of responses) expect(response.headers['cache-control']).toBe('no-store');
    });

    it('sends the helmet headers and no X-Powered-By, on JSON, problem and docs responses', async () => {
      const responses = [
        await request(t.server).get('/api/v1/auth/me').set(auth(admin)).expect(200),
        await request(t.server).get('/api/v1/nope'),
        await request(t.server).get('/health/live').expect(200),
        await request(t.server).get('/api/docs').expect(200),
      ];
      for (const response of responses) {
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect(response.headers['content-security-policy']).toContain("default-src 'self'");
        expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(response.headers['content-security-policy']).toContain("object-src 'none'");
        expect(response.headers['referrer-policy']).toBe('no-referrer');
        expect(response.headers).not.toHaveProperty('x-powered-by');
      }
    });
  });

  describe('CORS', () => {
    it('is off by default: neither a preflight nor a simple request gets Access-Control-Allow-Origin', async () => {
      const preflight = await request(t.server)
        .options('/api/v1/users')
        .set('Origin', APP_ORIGIN)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type');
      expect(preflight.status).toBeGreaterThanOrEqual(400);
      expect(preflight.headers).not.toHaveProperty('access-control-allow-origin');

      const simple = await request(t.server).get('/api/v1/auth/me').set(auth(admin)).set('Origin', APP_ORIGIN).expect(200);
      expect(simple.headers).not.toHaveProperty('access-control-allow-origin');
      expect(simple.headers).not.toHaveProperty('access-control-allow-credentials');
    });

    describe('with CORS_ORIGINS set', () => {
      let cors: TestApp;
      beforeAll(async () => {
        cors = await startTestApp({ env: { CORS_ORIGINS: APP_ORIGIN } });
      });
      afterAll(() => cors.close());

      it('answers a preflight from the listed origin', async () => {
        const preflight = await request(cors.server)
          .options('/api/v1/users')
          .set('Origin', APP_ORIGIN)
          .set('Access-Control-Request-Method', 'POST')
          .set('Access-Control-Request-Headers', 'authorization,content-type');
        expect(preflight.status).toBe(204);
        expect(preflight.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
        expect(preflight.headers['access-control-allow-methods']).toContain('POST');
      });

      it('lets the listed origin read responses and the headers clients need', async () => {
        const response = await request(cors.server).get('/health/live').set('Origin', APP_ORIGIN).expect(200);
        expect(response.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
        const exposed = String(response.headers['access-control-expose-headers']).toLowerCase();
        expect(exposed).toContain('x-request-id');
        expect(exposed).toContain('etag');
        expect(response.headers.vary).toMatch(/origin/i);
      });

      it('gives any other origin no Access-Control-Allow-Origin', async () => {
        const preflight = await request(cors.server)
          .options('/api/v1/users')
          .set('Origin', 'https://evil.example')
          .set('Access-Control-Request-Method', 'POST');
        expect(preflight.headers).not.toHaveProperty('access-control-allow-origin');
        const simple = await request(cors.server).get('/health/live').set('Origin', 'https://evil.example').expect(200);
        expect(simple.headers).not.toHaveProperty('access-control-allow-origin');
      });
    });
  });

  describe('OpenAPI', () => {
    it('serves the docs UI as HTML without a token', async () => {
      const response = await request(t.server).get('/api/docs');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('swagger-ui');
    });

    it('serves the OpenAPI document as JSON without a token, with the bearer scheme and the API paths', async () => {
      const response = await request(t.server).get('/api/docs-json');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body.openapi).toMatch(/^3\./);
      expect(response.body.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
      expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users', '/api/v1/users/{id}']));
    });
  });
});
