import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id; the enum is declared `const`, which isolated-module builds cannot import.
const ARGON2ID = 2;

// OWASP's argon2id minimum (19 MiB, 2 iterations, 1 lane): strong enough, and fast enough on 2 cores.
const ARGON2ID_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  // Verified against when the email is unknown, so a miss costs the same time as a wrong password.
  private readonly decoyHash: Promise<string> = hash('decoy password that matches nothing', ARGON2ID_OPTIONS);

  hash(password: string): Promise<string> {
    return hash(password, ARGON2ID_OPTIONS);
  }

  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    const target = passwordHash ?? (await this.decoyHash);
    try {
      const matches = await verify(target, password);
      return passwordHash !== undefined && matches;
    } catch {
      return false;
    }
  }
}
