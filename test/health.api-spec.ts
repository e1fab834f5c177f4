import request from 'supertest';
import { expectProblem } from './support/problem';
import { TcpProxy } from './support/tcp-proxy';
import { databaseForThisWorker } from './support/test-databases';
import { startTestApp, TestApp } from './support/test-app';

describe('health', () => {
  describe('with the database up', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('is live and ready without a token', async () => {
      await expect(request(t.server).get('/health/live')).resolves.toMatchObject({ status: 200, body: { status: 'ok' } });
      const ready = await request(t.server).get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    });
  });

  describe('when the database becomes unreachable', () => {
    let t: TestApp;
    let proxy: TcpProxy;

    beforeAll(async () => {
      const target = new URL(databaseForThisWorker().url);
      proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
      const port = await proxy.start();
      const viaProxy = new URL(target.toString());
      viaProxy.port = String(port);
      t = await startTestApp({
        database: { url: viaProxy.toString(), poolSize: 1, embedded: false, close: async () => undefined },
        env: { DB_CONNECT_TIMEOUT_MS: '1000' },
      });
    });
    afterAll(async () => {
      await t.close().catch(() => undefined);
      await proxy.stop();
    });

    it('answers ready 503 as problem+json while it is down, and 200 again once it is back', async () => {
      await request(t.server).get('/health/ready').expect(200);

      await proxy.stop();
      const down = await request(t.server).get('/health/ready');
      expectProblem(down, 503, 'SERVICE_UNAVAILABLE');
      await request(t.server).get('/health/live').expect(200);

      await proxy.start();
      let recovered = 0;
      for (let attempt = 0; attempt < 20 && recovered !== 200; attempt += 1) {
        recovered = (await request(t.server).get('/health/ready')).status;
        if (recovered !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(recovered).toBe(200);
    });

    it('answers an API call that needs the database with 503 DATABASE_UNAVAILABLE and Retry-After, not 500', async () => {
      await proxy.stop();
      try {
        const response = await request(t.server).post('/api/v1/auth/login').send({ email: 'a@firm.example', password: 'whatever-pass' });
        expectProblem(response, 503, 'DATABASE_UNAVAILABLE');
        expect(response.headers['retry-after']).toBe('5');
      } finally {
        await proxy.start();
      }
    });
  });
});
