import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { Environment } from '../config/environment';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AccessTokens } from './access-tokens';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { jwtSigningKey, resolveJwtSecret } from './jwt-secret';
import { loginAccountTracker, loginAddressTracker, LoginThrottlerGuard } from './login-throttler.guard';

@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => {
        const key = jwtSigningKey(
          resolveJwtSecret({
            jwtSecret: config.get('JWT_SECRET', { infer: true }),
            production: config.get('NODE_ENV', { infer: true }) === 'production',
            dataDir: config.get('DATA_DIR', { infer: true }),
          }),
        );
        // The same key signs and verifies; AccessTokens pins HS256 on both.
        return { secretOrKeyProvider: () => key };
      },
    }),
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => {
        const ttl = config.get('LOGIN_RATE_WINDOW_SECONDS', { infer: true }) * 1000;
        return {
          setHeaders: false,
          throttlers: [
            { name: 'login-account', ttl, limit: config.get('LOGIN_RATE_LIMIT', { infer: true }), getTracker: loginAccountTracker },
            { name: 'login-address', ttl, limit: config.get('LOGIN_RATE_LIMIT_PER_IP', { infer: true }), getTracker: loginAddressTracker },
          ],
        };
      },
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, AccessTokens, LoginThrottlerGuard, { provide: APP_GUARD, useClass: AccessGuard }],
})
export class AuthModule {}
