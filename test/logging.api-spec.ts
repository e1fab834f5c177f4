import type { DestinationStream } from 'pino';
import request from 'supertest';
import { createUser, CreatedUser } from './factories/user.factory';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

interface LogRecord {
  level: number;
  msg?: string;
  req?: Record<string, unknown>;
  res?: Record<string, unknown>;
  durationMs?: unknown;
  [key: string]: unknown;
}

/** A pino destination that keeps every line in memory. */
class MemoryLog implements DestinationStream {
  private readonly chunks: string[] = [];

  write(message: string): void {
    this.chunks.push(message);
  }

  text(): string {
    return this.chunks.join('');
  }

  records(): LogRecord[] {
    return this.text()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as LogRecord);
  }

  /** Access-log lines are written when the response finishes, which may be just after the client has it. */
  async completedRequest(requestId: string, timeoutMs = 1000): Promise<LogRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.records().filter((record) => record.msg === 'request completed' && record.req?.id === requestId);
      if (found.length > 0) {
        expect(found).toHaveLength(1);
        return found[0];
      }
      if (Date.now() > deadline) throw new Error(`no "request completed" log line for request ${requestId}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

const EMAIL = 'leak-check@firm.example';
const PASSWORD = 'SECRET-PASSWORD-123';
const WRONG_PASSWORD = 'SECRET-WRONG-PASSWORD-456';
const QUERY_VALUE = 'QUERYLEAK5531';

describe('request logging', () => {
  const log = new MemoryLog();
  let t: TestApp;
  let user: CreatedUser;
  beforeAll(async () => {
    t = await startTestApp({ logDestination: log });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await cleanDatabase(t.dataSource);
    user = await createUser(t.app, { role: 'admin', email: EMAIL, password: PASSWORD });
  });

  it('writes one "request completed" line with id, method, route, status and duration, and nothing else of the request', async () => {
    await request(t.server)
      .post('/api/v1/auth/login')
      .set('X-Request-Id', 'log-test-1')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ email: EMAIL, password: PASSWORD })
      .expect(200);

    const line = await log.completedRequest('log-test-1');
    expect(line).toMatchObject({
      level: 30,
      req: { id: 'log-test-1', method: 'POST', route: '/api/v1/auth/login' },
      res: { statusCode: 200 },
      durationMs: expect.any(Number),
    });
    expect(line.durationMs).toBeGreaterThanOrEqual(0);
    // Only these keys: no headers, body, query, remote address or response headers.
    expect(Object.keys(line.req ?? {}).sort()).toEqual(['id', 'method', 'route']);
    expect(Object.keys(line.res ?? {})).toEqual(['statusCode']);
  });

  it('logs a refused request at warn level with its status', async () => {
    await request(t.server)
      .post('/api/v1/auth/login')
      .set('X-Request-Id', 'log-test-2')
      .send({ email: EMAIL, password: WRONG_PASSWORD })
      .expect(401);

    const line = await log.completedRequest('log-test-2');
    expect(line).toMatchObject({
      level: 40,
      req: { id: 'log-test-2', method: 'POST', route: '/api/v1/auth/login' },
      res: { statusCode: 401 },
      durationMs: expect.any(Number),
    });
  });

  it('never logs a password, an email, a token, the Authorization header or a query string', async () => {
    await request(t.server)
      .post('/api/v1/auth/login')
      .set('X-Request-Id', 'log-test-leak-1')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ email: EMAIL, password: PASSWORD })
      .expect(200);
    await request(t.server)
      .post('/api/v1/auth/login')
      .set('X-Request-Id', 'log-test-leak-2')
      .send({ email: EMAIL, password: WRONG_PASSWORD })
      .expect(401);
    await request(t.server)
      .get(`/api/v1/users?role=${QUERY_VALUE}`)
      .set('X-Request-Id', 'log-test-leak-3')
      .set('Authorization', `Bearer ${user.token}`)
      .expect(400);
    await request(t.server)
      .get('/api/v1/users?role=admin&active=true')
      .set('X-Request-Id', 'log-test-leak-4')
      .set('Authorization', `Bearer ${user.token}`)
      .expect(200);

    // Wait for all four, so the text below is complete before it is searched.
    const queried = await log.completedRequest('log-test-leak-3');
    expect(queried.req?.route).toBe('/api/v1/users');
    const listed = await log.completedRequest('log-test-leak-4');
    expect(listed.req?.route).toBe('/api/v1/users');
    await log.completedRequest('log-test-leak-1');
    await log.completedRequest('log-test-leak-2');

    const text = log.text();
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(WRONG_PASSWORD);
    expect(text).not.toContain(EMAIL);
    expect(text).not.toContain('leak-check');
    expect(text).not.toContain(user.token);
    expect(text).not.toContain(user.token.split('.')[2]);
    expect(text.toLowerCase()).not.toContain('authorization');
    expect(text).not.toContain('Bearer');
    expect(text).not.toContain(QUERY_VALUE);
    expect(text).not.toContain('active=true');
  });

  it('logs the route pattern, not the path with its ids', async () => {
    const other = await createUser(t.app, { role: 'paralegal' });
    await request(t.server)
      .get(`/api/v1/users/${other.user.id}`)
      .set('X-Request-Id', 'log-test-route')
      .set('Authorization', `Bearer ${user.token}`)
      .expect(200);

    const line = await log.completedRequest('log-test-route');
    expect(line.req?.route).toBe('/api/v1/users/:id');
  });
});
