import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from '../config/environment';
import { PasswordHasher } from '../users/password-hasher';
import { UsersRepository } from '../users/users.repository';
import { AccessTokens } from './access-tokens';
import { AuthErrors } from './auth.errors';
import { AccessTokenDto } from './dto/login.dto';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokens,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** Unknown email, wrong password and deactivated account fail alike and after the same hashing work. */
  async login(email: string, password: string): Promise<AccessTokenDto> {
    const user = await this.users.findByEmail(email.toLowerCase());
    const passwordMatches = await this.hasher.verify(user?.passwordHash, password);
    if (user === null || !passwordMatches || !user.active) throw AuthErrors.invalidCredentials();
    const expiresIn = this.config.get('JWT_TTL_SECONDS', { infer: true });
    return { accessToken: await this.tokens.sign(user.id, expiresIn), tokenType: 'Bearer', expiresIn };
  }
}
