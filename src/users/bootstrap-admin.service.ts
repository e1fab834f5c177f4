import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from '../config/environment';
import { AuditService } from '../audit/audit.service';
import { DATABASE_ENDPOINT } from '../database/database.module';
import { TransactionRunner } from '../database/transaction-runner';
import { DatabaseEndpoint } from '../database/database-endpoint';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

export const LOCAL_ADMIN_EMAIL = 'admin@oi-intake.local';

/**
 * A new installation needs one admin to create everyone else. From ADMIN_EMAIL/ADMIN_PASSWORD when
 * set; on the embedded local database without them, a local-only admin with a random password that
 * is printed once. A server database without them gets no admin and a warning.
 */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('BootstrapAdmin');

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly config: ConfigService<Environment, true>,
    @Inject(DATABASE_ENDPOINT) private readonly endpoint: DatabaseEndpoint,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.users.exists()) return;
    const email = this.config.get('ADMIN_EMAIL', { infer: true });
    const password = this.config.get('ADMIN_PASSWORD', { infer: true });
    if (email !== undefined && password !== undefined) {
      await this.createAdmin(email.toLowerCase(), password);
      this.logger.log('created the first admin from ADMIN_EMAIL');
      return;
    }
    if (!this.endpoint.embedded) {
      this.logger.warn('no users exist: set ADMIN_EMAIL and ADMIN_PASSWORD and restart to create the first admin');
      return;
    }
    const localPassword = randomBytes(18).toString('base64url');
    if (await this.createAdmin(LOCAL_ADMIN_EMAIL, localPassword)) {
      // Printed straight to stdout, once, and never through the structured log.
      process.stdout.write(
        [
          '',
          '  Local admin created (FOR LOCAL USE ONLY; this database lives in DATA_DIR):',
          `    email:    ${LOCAL_ADMIN_EMAIL}`,
          `    password: ${localPassword}`,
          '  It is shown only this once. Set ADMIN_EMAIL and ADMIN_PASSWORD for a real installation.',
          '',
          '',
        ].join('\n'),
      );
    }
  }

  private async createAdmin(email: string, password: string): Promise<boolean> {
    const passwordHash = await this.hasher.hash(password);
    const created = await this.transactions.run(async (transaction) => {
      const user = await this.users.insertIfEmailFree({ email, name: 'Administrator', role: 'admin', passwordHash }, transaction);
      // The system itself creates the first admin: an event with no actor.
      if (user !== undefined) await this.audit.record(transaction, { actorId: null, action: 'create', entityType: 'user', entityId: user.id, changedFields: ['email', 'name', 'role', 'password'] });
      return user;
    });
    return created !== undefined;
  }
}
