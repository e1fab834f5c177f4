import { createHmac } from 'node:crypto';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../src/auth/access-tokens';
import { TEST_JWT_SECRET } from './test-app';

export function base64url(value: object | string): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** A JWT with any header and claims, HMAC-signed (SHA-256 unless `hash` says otherwise) with `secret`. */
export function forgeToken(header: object, claims: object, secret = TEST_JWT_SECRET, hash: 'sha256' | 'sha384' | 'sha512' = 'sha256'): string {
  const unsigned = `${base64url(header)}.${base64url(claims)}`;
  return `${unsigned}.${createHmac(hash, secret).update(unsigned).digest('base64url')}`;
}

export const HS256_HEADER = { alg: 'HS256', typ: 'JWT' };

/** The claims the app issues for `userId`, valid for ten minutes from now. */
export function accessClaims(userId: string): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { sub: userId, typ: 'access', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: now, exp: now + 600 };
}
