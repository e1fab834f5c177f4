import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveJwtSecret } from './jwt-secret';

describe('resolveJwtSecret', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'oi-secret-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('uses JWT_SECRET when set', () => {
    const secret = 's'.repeat(40);
    expect(resolveJwtSecret({ jwtSecret: secret, production: false, dataDir })).toBe(secret);
  });

  it('generates a local secret once, keeps it private, and reuses it', () => {
    const env = { production: false, dataDir };
    const first = resolveJwtSecret(env);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toBe(first);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o077).toBe(0);
    expect(resolveJwtSecret(env)).toBe(first);
  });

  it('refuses to invent a secret in production', () => {
    expect(() => resolveJwtSecret({ production: true, dataDir })).toThrow(/JWT_SECRET/);
  });
});
