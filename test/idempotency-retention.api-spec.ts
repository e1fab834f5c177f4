import request from 'supertest';
import { IdempotencyPurge } from '../src/idempotency/idempotency-purge';
import { intakeBody } from './factories/intake.factory';
import { createUser, CreatedUser } from './factories/user.factory';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

/** Stored answers to Idempotency-Keys hold client data: they are replayed for IDEMPOTENCY_TTL_HOURS (24), then gone. */
describe('idempotency records: retention', () => {
  let t: TestApp;
  let solicitor: CreatedUser;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await cleanDatabase(t.dataSource);
    solicitor = await createUser(t.app, { role: 'solicitor' });
  });

  const take = (key: string, overrides: Record<string, unknown> = {}) =>
    request(t.server).post('/api/v1/intake').set('Authorization', `Bearer ${solicitor.token}`).set('Idempotency-Key', key).send(intakeBody({ solicitorId: solicitor.user.id }, overrides));
  const age = (key: string, hours: number) => t.owner.query(`UPDATE "idempotency_records" SET "created_at" = now() - make_interval(hours => $2) WHERE "key" = $1`, [key, hours]);
  const keys = async () => (await t.owner.query<{ key: string }[]>(`SELECT "key" FROM "idempotency_records" ORDER BY "key"`)).map((row) => row.key);

  it('replays within the time, and treats a key kept past it as new', async () => {
    const first = await take('retention-1');
    expect(first.status).toBe(201);
    await age('retention-1', 23);
    const replay = await take('retention-1');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);

    await age('retention-1', 25);
    const after = await take('retention-1', { case: { ...(intakeBody({ solicitorId: solicitor.user.id }).case as object), defendantName: 'Another Ltd' } });
    expect(after.status).toBe(201);
    expect(after.headers['idempotent-replayed']).toBeUndefined();
    expect(after.body.id).not.toBe(first.body.id);
    await expect(keys()).resolves.toEqual(['retention-1']);
  });

  it('purges records older than the time and keeps the rest', async () => {
    for (const key of ['old-1', 'old-2', 'fresh']) expect((await take(key)).status).toBe(201);
    await age('old-1', 30);
    await age('old-2', 24 * 20);
    await expect(t.app.get(IdempotencyPurge).purgeExpired()).resolves.toBe(2);
    await expect(keys()).resolves.toEqual(['fresh']);
    await expect(t.app.get(IdempotencyPurge).purgeExpired()).resolves.toBe(0);
  });
});
