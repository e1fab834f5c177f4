import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccessTokens } from '../../src/auth/access-tokens';
import { PasswordHasher } from '../../src/users/password-hasher';
import { User } from '../../src/users/user.entity';
import { UserRole } from '../../src/users/user-role';
import { DataSource } from 'typeorm';

export const DEFAULT_TEST_PASSWORD = 'a-long-test-password';

export interface UserOverrides {
  email?: string;
  name?: string;
  role?: UserRole;
  active?: boolean;
  password?: string;
}

export interface CreatedUser {
  user: User;
  password: string;
  /** A valid access token for this user, signed the way the app signs them. */
  token: string;
}

/** Inserts a user straight into the database and gives back a token for it. */
export async function createUser(app: NestFastifyApplication, overrides: UserOverrides = {}): Promise<CreatedUser> {
  const password = overrides.password ?? DEFAULT_TEST_PASSWORD;
  const repository = app.get(DataSource).getRepository(User);
  const user = await repository.save(
    repository.create({
      email: overrides.email ?? `user-${randomUUID()}@firm.example`,
      name: overrides.name ?? 'Test User',
      role: overrides.role ?? 'solicitor',
      active: overrides.active ?? true,
      passwordHash: await app.get(PasswordHasher).hash(password),
    }),
  );
  return { user, password, token: await app.get(AccessTokens).sign(user.id, 3600) };
}
