import request from 'supertest';
import { createUser } from './factories/user.factory';
import { buildFixtureWorld, FixtureWorld } from './support/fixture-world';
import { documentedOperations, fillPath, Operation } from './support/openapi-routes';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

/** A real value for each path parameter, by the path it sits in; a new parameter fails until named here. */
function pathParams(operation: Operation, w: FixtureWorld): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of operation.pathParams) {
    const value =
      name === 'clientId' || (name === 'id' && operation.path.startsWith('/api/v1/clients/'))
        ? w.own.clientId
        : name === 'amputationId'
          ? w.own.amputationId
          : name === 'complaintId'
            ? w.own.complaintId
            : name === 'screeningId'
              ? w.own.screeningId
              : name === 'type'
                ? 'PEER_SUPPORT'
                : name === 'id'
                  ? ({
                      '/api/v1/cases/': w.own.caseId,
                      '/api/v1/users/': w.otherParalegal.user.id,
                      '/api/v1/referral-tasks/': w.own.taskId,
                      '/api/v1/providers/': w.providerId,
                      '/api/v1/screening/rule-sets/': w.ruleSetId,
                    } as Record<string, string>)[operation.path.replace(/\{id\}.*$/, '')]
                  : undefined;
    if (value === undefined) throw new Error(`no value for {${name}} in ${operation.key}`);
    values[name] = value;
  }
  return values;
}

function expectSecurityHeaders(label: string, response: request.Response): void {
  const headers = response.headers as Record<string, string | undefined>;
  const seen = {
    label,
    nosniff: headers['x-content-type-options'],
    frameOptions: headers['x-frame-options'],
    hsts: /max-age=\d+/.test(headers['strict-transport-security'] ?? ''),
    frameAncestors: (headers['content-security-policy'] ?? '').includes("frame-ancestors 'none'"),
    referrer: headers['referrer-policy'],
    // /health/ready (terminus) says `no-cache, no-store, must-revalidate`: no-store is what counts.
    noStore: (headers['cache-control'] ?? '').split(',').map((directive) => directive.trim()).includes('no-store'),
    poweredBy: headers['x-powered-by'],
  };
  expect(seen).toEqual({ label, nosniff: 'nosniff', frameOptions: 'SAMEORIGIN', hsts: true, frameAncestors: true, referrer: 'no-referrer', noStore: true, poweredBy: undefined });
}

describe('security headers on every route', () => {
  let t: TestApp;
  let w: FixtureWorld;
  let operations: Operation[];
  beforeAll(async () => {
    t = await startTestApp();
    await cleanDatabase(t.dataSource);
    w = await buildFixtureWorld(t);
    operations = documentedOperations(t).operations;
  });
  afterAll(() => t.close());

  const call = (operation: Operation, token?: string) => {
    let pending = request(t.server)[operation.method](fillPath(operation.path, pathParams(operation, w)));
    if (token !== undefined) pending = pending.set('Authorization', `Bearer ${token}`);
    // Writes go with a stale If-Match and an empty body: the headers are the point, not the change.
    if (operation.method === 'get') return pending;
    return pending.set('If-Match', '"999"').send({});
  };

  it('documents the routes this test walks', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.filter((operation) => !operation.path.startsWith('/api/v1/') && !operation.path.startsWith('/health/'))).toEqual([]);
  });

  it('sends helmet’s headers, Cache-Control: no-store and no X-Powered-By on every route, with a token (reads first)', async () => {
    const ordered = [...operations.filter((operation) => operation.method === 'get'), ...operations.filter((operation) => operation.method !== 'get')];
    const statuses: string[] = [];
    for (const operation of ordered) {
      const response = await call(operation, w.admin.token);
      statuses.push(`${operation.key} ${response.status}`);
      expectSecurityHeaders(`${operation.key} → ${response.status}`, response);
    }
    // The walk must have reached the handlers, not only the guard: most reads succeed.
    expect(statuses.filter((line) => / 200$/.test(line)).length).toBeGreaterThan(20);
  });

  it('sends them on the refusals too: no token (401) and a role the route does not allow (403)', async () => {
    // A paralegal of its own: the walk above deactivated the fixture's (POST /users/{id}/deactivate ran).
    const paralegal = await createUser(t.app, { role: 'paralegal' });
    const refused: number[] = [];
    for (const operation of operations) {
      const anonymous = await call(operation);
      expectSecurityHeaders(`${operation.key} anonymous → ${anonymous.status}`, anonymous);
      const asParalegal = await call(operation, paralegal.token);
      expectSecurityHeaders(`${operation.key} paralegal → ${asParalegal.status}`, asParalegal);
      refused.push(asParalegal.status);
    }
    // The paralegal really reached the role check: admin-only routes answered 403.
    expect(refused.filter((status) => status === 403).length).toBeGreaterThan(10);
  });

  it('sends them on a route that does not exist and on the OpenAPI document', async () => {
    for (const path of ['/api/v1/nope', '/api/docs-json', '/nope']) expectSecurityHeaders(path, await request(t.server).get(path));
  });

  it('sends them on what the router refuses before any hook runs: an undecodable path, an over-long parameter', async () => {
    for (const path of ['/api/v1/cases/%E0%A4%A', `/api/v1/cases/${'a'.repeat(200)}`]) {
      const response = await request(t.server).get(path).set('Authorization', `Bearer ${w.admin.token}`);
      expect(response.status).toBe(400);
      expectSecurityHeaders(path.slice(0, 40), response);
    }
  });
});
