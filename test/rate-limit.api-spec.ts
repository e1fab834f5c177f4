import request from 'supertest';
import { createUser } from './factories/user.factory';
import { expectProblem } from './support/problem';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

describe('login rate limit', () => {
  let t: TestApp;
  // A fresh app per test: the limiter's counters live in the process.
  beforeEach(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_LIMIT: '3', LOGIN_RATE_LIMIT_PER_IP: '6', LOGIN_RATE_WINDOW_SECONDS: '60' } });
    await cleanDatabase(t.dataSource);
  });
  afterEach(() => t.close());

  it('refuses the attempt after the limit for one account with 429 and Retry-After, even with the right password', async () => {
    const { user, password } = await createUser(t.app, { email: 'target@firm.example' });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await request(t.server).post('/api/v1/auth/login').send({ email: user.email, password: 'wrong-password' }).expect(401);
    }
    const refused = await request(t.server).post('/api/v1/auth/login').send({ email: user.email, password });
    expectProblem(refused, 429, 'TOO_MANY_LOGIN_ATTEMPTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(Object.keys(refused.headers).filter((name) => name.startsWith('x-ratelimit'))).toEqual([]);
  });

  it('limits one address spraying many accounts', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      const response = await request(t.server).post('/api/v1/auth/login').send({ email: `spray-${attempt}@firm.example`, password: 'guess-guess' });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
  });
});
