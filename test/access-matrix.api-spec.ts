import fc from 'fast-check';
import request from 'supertest';
import { CreatedUser } from './factories/user.factory';
import { dbFingerprint, DbFingerprint } from './support/db-fingerprint';
import { buildFixtureWorld, CaseWorld, FixtureWorld } from './support/fixture-world';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

type Role = 'admin' | 'solicitor' | 'paralegal';
type Side = 'own' | 'other';
type Who = 'admin' | 'solicitor' | 'paralegal' | 'otherSolicitor' | 'otherParalegal';

/**
 * One thing a user can try on one case's records. `allowed` is what it answers when the role and the
 * record both let the user in: reads 200; writes carry a stale If-Match (or repeat an open task) so an
 * allowed write is refused after the access check (412 / 409) and the database never changes.
 */
interface Attempt {
  name: string;
  roles: readonly Role[];
  allowed: number;
  send: (t: TestApp, records: CaseWorld, user: CreatedUser) => request.Test;
}

const ALL: readonly Role[] = ['admin', 'solicitor', 'paralegal'];
const WRITERS: readonly Role[] = ['admin', 'solicitor'];
const STALE = '"999"';

const get = (path: (r: CaseWorld) => string) => (t: TestApp, r: CaseWorld, user: CreatedUser) => request(t.server).get(path(r)).set('Authorization', `Bearer ${user.token}`);
const staleWrite =
  (method: 'patch' | 'put' | 'delete', path: (r: CaseWorld) => string, body?: object) =>
  (t: TestApp, r: CaseWorld, user: CreatedUser) => {
    const call = request(t.server)[method](path(r)).set('Authorization', `Bearer ${user.token}`).set('If-Match', STALE);
    return body === undefined ? call.send() : call.send(body);
  };
const amputation = (r: CaseWorld) => `/api/v1/clients/${r.clientId}/amputations/${r.amputationId}`;
const complaint = (r: CaseWorld) => `${amputation(r)}/socket-complaints/${r.complaintId}`;

/** The policy, from DESIGN.md "Roles and access" and each route's roles. */
const ATTEMPTS: Attempt[] = [
  { name: 'read the client', roles: ALL, allowed: 200, send: get((r) => `/api/v1/clients/${r.clientId}`) },
  { name: 'read the health profile', roles: ALL, allowed: 200, send: get((r) => `/api/v1/clients/${r.clientId}/health-profile`) },
  { name: 'read the case', roles: ALL, allowed: 200, send: get((r) => `/api/v1/cases/${r.caseId}`) },
  { name: 'list the case’s screenings', roles: ALL, allowed: 200, send: get((r) => `/api/v1/cases/${r.caseId}/screenings`) },
  { name: 'read a screening', roles: ALL, allowed: 200, send: get((r) => `/api/v1/cases/${r.caseId}/screenings/${r.screeningId}`) },
  { name: 'read a referral task', roles: ALL, allowed: 200, send: get((r) => `/api/v1/referral-tasks/${r.taskId}`) },
  { name: 'export the client’s data', roles: ['admin'], allowed: 200, send: get((r) => `/api/v1/clients/${r.clientId}/export`) },
  { name: 'change the client', roles: WRITERS, allowed: 412, send: staleWrite('patch', (r) => `/api/v1/clients/${r.clientId}`, { firstName: 'Changed' }) },
  { name: 'replace the health profile', roles: WRITERS, allowed: 412, send: staleWrite('put', (r) => `/api/v1/clients/${r.clientId}/health-profile`, { diabetes: 'yes' }) },
  { name: 'change an amputation', roles: WRITERS, allowed: 412, send: staleWrite('patch', amputation, { dailyWearHours: 3 }) },
  { name: 'delete an amputation', roles: WRITERS, allowed: 412, send: staleWrite('delete', amputation) },
  { name: 'change a socket complaint', roles: WRITERS, allowed: 412, send: staleWrite('patch', complaint, { severity: 'severe' }) },
  { name: 'delete a socket complaint', roles: WRITERS, allowed: 412, send: staleWrite('delete', complaint) },
  { name: 'change the case', roles: WRITERS, allowed: 412, send: staleWrite('patch', (r) => `/api/v1/cases/${r.caseId}`, { defendantName: 'Changed Ltd' }) },
  { name: 'work a referral task', roles: ALL, allowed: 412, send: staleWrite('patch', (r) => `/api/v1/referral-tasks/${r.taskId}`, { status: 'in_progress' }) },
  {
    name: 'add a task the case already has open',
    roles: ALL,
    allowed: 409,
    send: (t, r, user) => request(t.server).post(`/api/v1/cases/${r.caseId}/referral-tasks`).set('Authorization', `Bearer ${user.token}`).send({ type: 'OBTAIN_MEDICAL_RECORDS' }),
  },
];

const ROLE_OF: Record<Who, Role> = { admin: 'admin', solicitor: 'solicitor', paralegal: 'paralegal', otherSolicitor: 'solicitor', otherParalegal: 'paralegal' };
/** Whose case each user is assigned to; the admin sees the whole firm. */
const ASSIGNED_TO: Record<Who, Side[]> = { admin: ['own', 'other'], solicitor: ['own'], paralegal: ['own'], otherSolicitor: ['other'], otherParalegal: ['other'] };

/** What the policy says `who` gets for `attempt` on `side`'s records. */
function expectedStatus(who: Who, side: Side, attempt: Attempt): number {
  if (!attempt.roles.includes(ROLE_OF[who])) return 403;
  return ASSIGNED_TO[who].includes(side) ? attempt.allowed : 404;
}

describe('access matrix', () => {
  let t: TestApp;
  let w: FixtureWorld;
  let baseline: DbFingerprint;
  beforeAll(async () => {
    t = await startTestApp();
    await cleanDatabase(t.dataSource);
    w = await buildFixtureWorld(t);
    baseline = await dbFingerprint(t.dataSource);
  });
  afterAll(() => t.close());

  /** Text that would show a denial leaked a record: every id, reference and name in the firm. */
  const recordTraces = (): string[] => [
    ...Object.values<string>(w.own),
    ...Object.values<string>(w.other),
    'Hale',
    'Okafor',
    'Haulage',
    'OI-20',
    'CASE-20',
  ];

  it('answers random (user, record, action) triples exactly as the policy table says; every denial is a bare 403 or 404', async () => {
    const who = fc.constantFrom<Who>('admin', 'solicitor', 'paralegal', 'otherSolicitor', 'otherParalegal');
    await fc.assert(
      fc.asyncProperty(who, fc.constantFrom<Side>('own', 'other'), fc.constantFrom(...ATTEMPTS), async (user, side, attempt) => {
        const response = await attempt.send(t, w[side], w[user]);
        const expected = expectedStatus(user, side, attempt);
        const context = `${user} → ${attempt.name} on ${side}'s case: ${response.status} ${response.text.slice(0, 200)}`;
        if (response.status !== expected) throw new Error(`expected ${expected}; ${context}`);
        if (expected === 403 || expected === 404) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(Object.keys(response.body as object).sort()).toEqual(['code', 'detail', 'errors', 'requestId', 'status', 'title', 'type']);
          expect(response.body.code).toMatch(expected === 403 ? /^FORBIDDEN$/ : /_NOT_FOUND$/);
          expect(response.headers.etag).toBeUndefined();
          for (const trace of recordTraces()) if (response.text.includes(trace)) throw new Error(`denial leaks ${trace}; ${context}`);
        }
        // Allowed reads are audited; nothing else (a denial, a refused write) may leave a trace.
        if (expected === 200) baseline = await dbFingerprint(t.dataSource);
        else expect(await dbFingerprint(t.dataSource)).toEqual(baseline);
      }),
      { numRuns: 200, endOnFailure: true },
    );
  });

  it('answers another user’s record exactly like a missing one (same status, code and message)', async () => {
    const missing = { clientId: '6f1c2a8e-2a53-4b8e-9d7e-0c6f3f1f7a10', caseId: '6f1c2a8e-2a53-4b8e-9d7e-0c6f3f1f7a11', taskId: '6f1c2a8e-2a53-4b8e-9d7e-0c6f3f1f7a12' } as CaseWorld;
    for (const attempt of ATTEMPTS.filter((candidate) => ['read the client', 'read the case', 'read a referral task'].includes(candidate.name))) {
      const others = await attempt.send(t, w.other, w.solicitor);
      const absent = await attempt.send(t, missing, w.solicitor);
      const shape = (response: request.Response) => ({ status: response.status, code: response.body.code as string, detail: response.body.detail as string });
      expect(shape(others)).toEqual(shape(absent));
    }
  });

  describe('lists', () => {
    const LISTS: { path: string; ids: (r: CaseWorld) => string }[] = [
      { path: '/api/v1/clients', ids: (r) => r.clientId },
      { path: '/api/v1/cases', ids: (r) => r.caseId },
      { path: '/api/v1/referral-tasks', ids: (r) => r.taskId },
    ];

    it.each<[Who]>([['admin'], ['solicitor'], ['paralegal'], ['otherSolicitor'], ['otherParalegal']])('show %s only the records they may see, and all of those', async (who) => {
      for (const list of LISTS) {
        const response = await request(t.server).get(`${list.path}?limit=100`).set('Authorization', `Bearer ${w[who].token}`).expect(200);
        const listed = (response.body.items as { id: string }[]).map((item) => item.id);
        const visible = ASSIGNED_TO[who].map((side) => list.ids(w[side]));
        const hidden = (['own', 'other'] as Side[]).filter((side) => !ASSIGNED_TO[who].includes(side)).map((side) => list.ids(w[side]));
        expect({ list: list.path, listed: [...listed].sort() }).toEqual({ list: list.path, listed: expect.arrayContaining(visible) });
        for (const id of hidden) expect({ list: list.path, leaked: listed.includes(id) }).toEqual({ list: list.path, leaked: false });
        // Nor any trace of a hidden record elsewhere in the page (a nested client, a case reference).
        for (const side of (['own', 'other'] as Side[]).filter((candidate) => !ASSIGNED_TO[who].includes(candidate))) {
          for (const id of Object.values<string>(w[side])) expect({ list: list.path, leaked: response.text.includes(id) }).toEqual({ list: list.path, leaked: false });
        }
      }
    });

    it('keeps another user’s records out of a list whatever the filters ask for', async () => {
      const filters = [`clientId=${w.other.clientId}`, `assigneeId=${w.otherSolicitor.user.id}`, `caseId=${w.other.caseId}`, `assignee=${w.otherParalegal.user.id}`];
      for (const [path, query] of [
        ['/api/v1/cases', filters[0]],
        ['/api/v1/cases', filters[1]],
        ['/api/v1/referral-tasks', filters[2]],
        ['/api/v1/referral-tasks', filters[3]],
      ] as const) {
        for (const who of ['solicitor', 'paralegal'] as const) {
          const response = await request(t.server).get(`${path}?${query}`).set('Authorization', `Bearer ${w[who].token}`);
          expect({ path, query, who, status: response.status, items: response.body.items as unknown }).toEqual({ path, query, who, status: 200, items: [] });
        }
      }
    });
  });
});
