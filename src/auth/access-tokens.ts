import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

export const TOKEN_ISSUER = 'oi-intake';
export const TOKEN_AUDIENCE = 'oi-intake-api';
const TOKEN_ALGORITHM = 'HS256';

interface AccessTokenClaims {
  sub: string;
  typ: 'access';
  /** Set by jsonwebtoken from expiresIn; a token without it would never expire. */
  exp: number;
}

/** Signs and checks access tokens; pins algorithm, issuer, audience and type so no other token passes. */
@Injectable()
export class AccessTokens {
  constructor(private readonly jwt: JwtService) {}

  sign(userId: string, ttlSeconds: number): Promise<string> {
    const claims: Omit<AccessTokenClaims, 'exp'> = { sub: userId, typ: 'access' };
    return this.jwt.signAsync(claims, {
      algorithm: TOKEN_ALGORITHM,
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      expiresIn: ttlSeconds,
    });
  }

  /** The user id the token was issued to, or undefined for any token that is not ours, valid and current. */
  async verify(token: string): Promise<string | undefined> {
    try {
      const claims = await this.jwt.verifyAsync<Partial<AccessTokenClaims>>(token, {
        algorithms: [TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      });
      // jsonwebtoken checks `exp` only when present: every token we sign has one, so one without is not ours.
      return claims.typ === 'access' && typeof claims.sub === 'string' && typeof claims.exp === 'number' ? claims.sub : undefined;
    } catch {
      return undefined;
    }
  }
}
