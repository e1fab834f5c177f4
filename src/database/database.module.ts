import { DynamicModule, Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../ormconfig';
import { Environment } from '../config/environment';
import { DatabaseEndpoint } from './database-endpoint';
import { applicationRoleProblems, currentRole, readApplicationRoleFacts } from './application-role';
import { migrateOnOwnConnection, runPendingMigrations } from './run-migrations';
import { TransactionRunner } from './transaction-runner';

export const DATABASE_ENDPOINT = Symbol('DATABASE_ENDPOINT');

/**
 * Before any other module touches the database: runs pending migrations (DB_MIGRATIONS_RUN, default
 * true) — as the owner when DATABASE_OWNER_URL is set — then checks the role the app logged in as.
 * In production on a server, a role that could rewrite the audit trail stops the start.
 */
@Injectable()
class PrepareDatabaseOnStart implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
    @Inject(DATABASE_ENDPOINT) private readonly endpoint: DatabaseEndpoint,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.get('DB_MIGRATIONS_RUN', { infer: true })) await this.migrate();
    await this.checkApplicationRole();
  }

  private async migrate(): Promise<void> {
    // The embedded engine is one session: its migrations must share the app's only connection.
    const applied =
      this.endpoint.poolSize < 2
        ? await runPendingMigrations(this.dataSource, this.endpoint.poolSize)
        : this.endpoint.ownerUrl === undefined
          ? await migrateOnOwnConnection(this.endpoint.url)
          : await migrateOnOwnConnection(this.endpoint.ownerUrl, await currentRole(this.dataSource));
    this.logger.log(applied.length > 0 ? `migrations applied: ${applied.join(', ')}` : 'schema is up to date');
  }

  private async checkApplicationRole(): Promise<void> {
    const problems = applicationRoleProblems(await readApplicationRoleFacts(this.dataSource));
    // The embedded engine has one superuser and lives in this process: it is for local use only anyway.
    if (problems.length === 0 || this.endpoint.embedded) return;
    const advice = 'give the app a role of its own in DATABASE_URL and migrate as the owner (DATABASE_OWNER_URL); see README "Database roles"';
    if (this.config.get('NODE_ENV', { infer: true }) === 'production') {
      throw new Error(`refusing to start in production: ${problems.join('; ')}. ${advice}`);
    }
    this.logger.warn(`local use only: the audit trail is protected by triggers alone because ${problems.join('; ')}; ${advice}`);
  }
}

@Module({})
export class DatabaseModule {
  /** The endpoint is opened before Nest starts (main.ts, test helpers) and closed after it stops. */
  static forRoot(endpoint: DatabaseEndpoint): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<Environment, true>) => ({
            ...buildDataSourceOptions({
              url: endpoint.url,
              poolSize: endpoint.poolSize,
              statementTimeoutMs: config.get('DB_STATEMENT_TIMEOUT_MS', { infer: true }),
              connectTimeoutMs: config.get('DB_CONNECT_TIMEOUT_MS', { infer: true }),
            }),
            retryAttempts: config.get('DB_CONNECT_RETRIES', { infer: true }),
            retryDelay: 2_000,
          }),
        }),
      ],
      providers: [
        { provide: DATABASE_ENDPOINT, useValue: endpoint },
        PrepareDatabaseOnStart,
        TransactionRunner,
      ],
      exports: [DATABASE_ENDPOINT, TransactionRunner],
    };
  }
}
