import { InvalidEnvironmentError, loadEnvironment } from './environment';

describe('loadEnvironment', () => {
  it('gives local defaults when nothing is set', () => {
    const env = loadEnvironment({});
    expect(env.NODE_ENV).toBe('development');
    expect(env.PORT).toBe(3000);
    expect(env.DB_MIGRATIONS_RUN).toBe(true);
    expect(env.usesEmbeddedDatabase).toBe(true);
    expect(env.corsOrigins).toEqual([]);
  });

  it.each([
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DB_MIGRATIONS_RUN: 'maybe' }, 'DB_MIGRATIONS_RUN'],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/app' }, 'JWT_SECRET'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ ADMIN_EMAIL: 'admin@example.org' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'long-enough-password' }, 'ADMIN_EMAIL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DATABASE_OWNER_URL: 'postgresql://owner@db/oi' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgresql://app@db/oi', DATABASE_OWNER_URL: 'mysql://owner@db/oi' }, 'DATABASE_OWNER_URL'],
  ])('refuses %j naming %s', (raw, variable) => {
    expect(() => loadEnvironment(raw)).toThrow(InvalidEnvironmentError);
    expect(() => loadEnvironment(raw)).toThrow(new RegExp(`\\b${variable}\\b`));
  });

  it('never echoes a rejected value', () => {
    const secret = 'tiny-secret';
    expect(() => loadEnvironment({ JWT_SECRET: secret })).toThrow(/JWT_SECRET/);
    try {
      loadEnvironment({ JWT_SECRET: secret });
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });

  it('parses booleans strictly, so "false" stays false', () => {
    expect(loadEnvironment({ DB_MIGRATIONS_RUN: 'false' }).DB_MIGRATIONS_RUN).toBe(false);
    expect(loadEnvironment({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(true);
  });

  it('accepts a production configuration', () => {
    const env = loadEnvironment({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://app@db:5432/oi',
      JWT_SECRET: 'x'.repeat(48),
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(env.isProduction).toBe(true);
    expect(env.usesEmbeddedDatabase).toBe(false);
    expect(env.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('ignores unrelated variables', () => {
    expect(() => loadEnvironment({ PATH: '/usr/bin', HOME: '/root' })).not.toThrow();
  });
});
