import request from 'supertest';
import { DataSource } from 'typeorm';
import { User } from '../src/users/user.entity';
import { LOCAL_ADMIN_EMAIL } from '../src/users/bootstrap-admin.service';
import { databaseForThisWorker } from './support/test-databases';
import { cleanDatabase, startTestApp, TestApp } from './support/test-app';

describe('the first admin', () => {
  let t: TestApp | undefined;
  let printed: string[];
  let writeSpy: jest.SpyInstance;

  beforeEach(async () => {
    // Start from an empty users table, as a new installation does.
    const cleaner = await startTestApp();
    await cleanDatabase(cleaner.dataSource);
    await cleaner.close();
    printed = [];
    writeSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
  });
  afterEach(async () => {
    writeSpy.mockRestore();
    await t?.close();
    t = undefined;
  });

  const users = (dataSource: DataSource) => dataSource.getRepository(User).find();

  it('is created from ADMIN_EMAIL and ADMIN_PASSWORD, once, and can sign in', async () => {
    t = await startTestApp({ env: { ADMIN_EMAIL: 'Head.Admin@firm.example', ADMIN_PASSWORD: 'first-admin-passphrase' } });
    const created = await users(t.dataSource);
    expect(created.map((user) => [user.email, user.role, user.active])).toEqual([['head.admin@firm.example', 'admin', true]]);
    await request(t.server)
      .post('/api/v1/auth/login')
      .send({ email: 'head.admin@firm.example', password: 'first-admin-passphrase' })
      .expect(200);
    expect(printed.join('')).not.toContain('first-admin-passphrase');

    await t.close();
    t = await startTestApp({ env: { ADMIN_EMAIL: 'other@firm.example', ADMIN_PASSWORD: 'another-passphrase' } });
    expect((await users(t.dataSource)).map((user) => user.email)).toEqual(['head.admin@firm.example']);
  });

  it('is a printed local-only admin on the embedded engine when no credentials are configured', async () => {
    const worker = databaseForThisWorker();
    t = await startTestApp({ database: { url: worker.url, poolSize: worker.embedded ? 1 : 5, embedded: true, close: async () => undefined } });
    const output = printed.join('');
    expect(output).toMatch(/FOR LOCAL USE ONLY/);
    const password = /password: (\S+)/.exec(output)?.[1];
    expect(password).toBeDefined();
    expect((await users(t.dataSource)).map((user) => user.email)).toEqual([LOCAL_ADMIN_EMAIL]);
    await request(t.server).post('/api/v1/auth/login').send({ email: LOCAL_ADMIN_EMAIL, password }).expect(200);
  });

  it('is not invented on a server database without credentials', async () => {
    t = await startTestApp();
    await expect(users(t.dataSource)).resolves.toEqual([]);
    expect(printed.join('')).not.toMatch(/password:/);
  });
});
