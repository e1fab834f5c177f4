import { createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * JWT_SECRET when set (required in production). For local use, a random secret generated once and
 * kept in DATA_DIR, so tokens survive a restart without anyone choosing a weak secret.
 */
export function resolveJwtSecret(settings: { jwtSecret?: string; production: boolean; dataDir: string }): string {
  if (settings.jwtSecret !== undefined) return settings.jwtSecret;
  if (settings.production) throw new Error('JWT_SECRET is required when NODE_ENV=production');
  const folder = resolve(settings.dataDir);
  const path = join(folder, 'jwt-secret');
  try {
    const existing = readFileSync(path, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(folder, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}

/**
 * The secret as a KeyObject, built once. Handed a string, jsonwebtoken first tries to parse it as a PEM
 * key on every sign and verify (about a millisecond of CPU per request) before treating it as a secret.
 */
export function jwtSigningKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}
