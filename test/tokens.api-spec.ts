import request from 'supertest';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../src/auth/access-tokens';
import { createUser, CreatedUser } from './factories/user.factory';
import { dbFingerprint } from './support/db-fingerprint';
import { buildFixtureWorld, FixtureWorld } from './support/fixture-world';
import { accessClaims, base64url, forgeToken, HS256_HEADER } from './support/forge-token';
import { expectProblem } from './support/problem';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

type Probe = (t: TestApp, w: FixtureWorld, authorization: string) => request.Test;

/** A read of the caller, a list, one record with personal data, and a write: none may answer a bad token. */
const PROBES: Record<string, Probe> = {
  'GET /auth/me': (t, _w, authorization) => request(t.server).get('/api/v1/auth/me').set('Authorization', authorization),
  'GET /cases': (t, _w, authorization) => request(t.server).get('/api/v1/cases').set('Authorization', authorization),
  'GET /clients/{id}': (t, w, authorization) => request(t.server).get(`/api/v1/clients/${w.own.clientId}`).set('Authorization', authorization),
  // A stale If-Match: a write that gets past authentication is refused by its precondition, so no probe changes anything.
  'PATCH /clients/{id}': (t, w, authorization) =>
    request(t.server).patch(`/api/v1/clients/${w.own.clientId}`).set('Authorization', authorization).set('If-Match', '"999"').send({ firstName: 'Forged' }),
};

/** What each probe answers a valid token: past authentication, to the handler. */
const ACCEPTED: Record<string, number> = { 'GET /auth/me': 200, 'GET /cases': 200, 'GET /clients/{id}': 200, 'PATCH /clients/{id}': 412 };

describe('access tokens', () => {
  let t: TestApp;
  let w: FixtureWorld;
  beforeAll(async () => {
    t = await startTestApp();
    await cleanDatabase(t.dataSource);
    w = await buildFixtureWorld(t);
  });
  afterAll(() => t.close());

  /** Every probe answers 401 UNAUTHENTICATED with nothing but the problem, and the database is untouched. */
  async function expectRefusedEverywhere(authorization: string): Promise<void> {
    const before = await dbFingerprint(t.dataSource);
    for (const [label, probe] of Object.entries(PROBES)) {
      const response = await probe(t, w, authorization);
      expect({ label, status: response.status }).toEqual({ label, status: 401 });
      expectProblem(response, 401, 'UNAUTHENTICATED');
      expect(response.headers.etag).toBeUndefined();
      for (const secret of [w.own.clientId, w.own.caseId, 'Hale', 'OI-20', 'CASE-20', w.solicitor.user.email]) expect(response.text).not.toContain(secret);
    }
    expect(await dbFingerprint(t.dataSource)).toEqual(before);
  }

  const bearer = (token: string) => `Bearer ${token}`;
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts the control: a token forged with the app’s secret and claims opens every probe (so the refusals below are meaningful)', async () => {
    const token = forgeToken(HS256_HEADER, accessClaims(w.solicitor.user.id));
    for (const [label, probe] of Object.entries(PROBES)) {
      const response = await probe(t, w, bearer(token));
      expect({ label, status: response.status }).toEqual({ label, status: ACCEPTED[label] });
    }
  });

  describe('forged and unsigned tokens', () => {
    const claims = () => accessClaims(w.solicitor.user.id);
    it.each<[string, () => string]>([
      ['alg none, no signature', () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.`],
      ['alg None, no signature', () => `${base64url({ alg: 'None', typ: 'JWT' })}.${base64url(claims())}.`],
      ['alg NONE, without the trailing dot', () => `${base64url({ alg: 'NONE' })}.${base64url(claims())}`],
      ['alg none, keeping a real signature', () => `${base64url({ alg: 'none' })}.${base64url(claims())}.${forgeToken(HS256_HEADER, claims()).split('.')[2] ?? ''}`],
      ['signed with another secret', () => forgeToken(HS256_HEADER, claims(), 'another-secret-that-is-long-enough-0123456789')],
      ['signed with an empty secret', () => forgeToken(HS256_HEADER, claims(), '')],
      ['HS512 with the right secret (algorithm not pinned would pass)', () => forgeToken({ alg: 'HS512', typ: 'JWT' }, claims(), undefined, 'sha512')],
      ['HS384 with the right secret', () => forgeToken({ alg: 'HS384', typ: 'JWT' }, claims(), undefined, 'sha384')],
      ['RS256 header over an HMAC signature (key confusion)', () => forgeToken({ alg: 'RS256', typ: 'JWT' }, claims())],
      [
        'a real token with its subject swapped to the admin',
        () => {
          const [head, , sig] = w.solicitor.token.split('.');
          return `${head}.${base64url({ ...claims(), sub: w.admin.user.id })}.${sig}`;
        },
      ],
      [
        'a real token with one signature character changed',
        () => {
          const sig = w.solicitor.token.split('.')[2] ?? '';
          return `${w.solicitor.token.split('.').slice(0, 2).join('.')}.${(sig[0] === 'A' ? 'B' : 'A') + sig.slice(1)}`;
        },
      ],
    ])('refuses %s', async (_label, token) => {
      await expectRefusedEverywhere(bearer(token()));
    });
  });

  describe('tokens outside their time', () => {
    it.each<[string, () => Record<string, unknown>]>([
      ['expired a second ago', () => ({ iat: now() - 3600, exp: now() - 1 })],
      ['expired long ago', () => ({ iat: 1_600_000_000, exp: 1_600_000_600 })],
      ['not valid for another ten minutes (nbf)', () => ({ nbf: now() + 600 })],
      ['with a non-numeric expiry', () => ({ exp: 'never' })],
    ])('refuses a token %s', async (_label, times) => {
      await expectRefusedEverywhere(bearer(forgeToken(HS256_HEADER, { ...accessClaims(w.solicitor.user.id), ...times() })));
    });

    // jsonwebtoken only checks `exp` when it is there: a correctly signed token without one must not live forever.
    it('refuses a token with no expiry at all', async () => {
      const { exp: _exp, ...forever } = accessClaims(w.solicitor.user.id);
      await expectRefusedEverywhere(bearer(forgeToken(HS256_HEADER, forever)));
    });
  });

  describe('tokens for another audience, issuer or purpose', () => {
    it.each<[string, Record<string, unknown>]>([
      ['another audience', { aud: 'another-api' }],
      ['no audience', { aud: undefined }],
      ['another issuer', { iss: 'someone-else' }],
      ['no issuer', { iss: undefined }],
      ['a refresh token', { typ: 'refresh' }],
      ['an id token', { typ: 'id' }],
      ['no token type', { typ: undefined }],
      ['a subject that is not a uuid', { sub: 'admin' }],
      ['a numeric subject', { sub: 1 }],
      ['no subject', { sub: undefined }],
    ])('refuses a token for %s', async (_label, overrides) => {
      await expectRefusedEverywhere(bearer(forgeToken(HS256_HEADER, { ...accessClaims(w.solicitor.user.id), ...overrides })));
    });
  });

  describe('malformed credentials', () => {
    it.each<[string, () => string]>([
      ['an empty bearer', () => 'Bearer '],
      ['two parts', () => 'Bearer abc.def'],
      ['four parts', () => `Bearer ${w.solicitor.token}.extra`],
      ['three empty parts', () => 'Bearer ..'],
      ['a header that is not JSON', () => `Bearer ${base64url('not json')}.${base64url(accessClaims(w.solicitor.user.id))}.sig`],
      ['a header that is a JSON array', () => `Bearer ${base64url('[1,2]')}.${base64url(accessClaims(w.solicitor.user.id))}.sig`],
      ['claims that are a JSON string', () => `Bearer ${forgeToken(HS256_HEADER, 'just a string' as unknown as object)}`],
      ['an 8 KiB token', () => `Bearer ${'a'.repeat(8 * 1024)}.${'b'.repeat(10)}.${'c'.repeat(10)}`],
      ['a valid token in a Basic header', () => `Basic ${w.solicitor.token}`],
      ['a valid token after two spaces and a second token', () => `Bearer ${w.solicitor.token} ${w.admin.token}`],
      ['a token in quotes', () => `Bearer "${w.solicitor.token}"`],
    ])('refuses %s', async (_label, authorization) => {
      await expectRefusedEverywhere(authorization());
    });
  });

  it('answers a token too big for the HTTP parser (over 16 KiB of headers) with 431 before the app, and no data', async () => {
    const response = await PROBES['GET /clients/{id}']?.(t, w, `Bearer ${'a'.repeat(17 * 1024)}.b.c`);
    expect(response?.status).toBe(431);
    expect(response?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response?.body).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
    expect(response?.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response?.text).not.toContain('Hale');
  });

  describe('tokens whose user is gone', () => {
    it('refuses a deactivated user’s unexpired token, which worked a moment before', async () => {
      const user: CreatedUser = await createUser(t.app, { role: 'admin' });
      await request(t.server).get('/api/v1/auth/me').set('Authorization', bearer(user.token)).expect(200);
      await request(t.server).post(`/api/v1/users/${user.user.id}/deactivate`).set('Authorization', bearer(w.admin.token)).expect(200);
      await expectRefusedEverywhere(bearer(user.token));
    });

    it('refuses a token for a user id that no longer exists, and one for an id that never did', async () => {
      const user: CreatedUser = await createUser(t.app, { role: 'admin' });
      await request(t.server).get('/api/v1/auth/me').set('Authorization', bearer(user.token)).expect(200);
      await t.dataSource.query('DELETE FROM users WHERE id = $1', [user.user.id]);
      await expectRefusedEverywhere(bearer(user.token));
      await expectRefusedEverywhere(bearer(forgeToken(HS256_HEADER, accessClaims('6f1c2a8e-2a53-4b8e-9d7e-0c6f3f1f7a10'))));
    });
  });

  it('gives the issued token only the claims the guard checks, so nothing else can be trusted from it', () => {
    const claims = JSON.parse(Buffer.from(w.solicitor.token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sub', 'typ']);
    expect(claims).toMatchObject({ sub: w.solicitor.user.id, typ: 'access', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE });
  });
});
