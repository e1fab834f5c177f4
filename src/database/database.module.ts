import { DynamicModule, Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../ormconfig';
import { Environment } from '../config/environment';
import { DatabaseEndpoint } from './database-endpoint';
import { runPendingMigrations } from './run-migrations';
import { TransactionRunner } from './transaction-runner';

export const DATABASE_ENDPOINT = Symbol('DATABASE_ENDPOINT');

/** Runs migrations before any other module touches the database (DB_MIGRATIONS_RUN, default true). */
@Injectable()
class MigrationsOnStart implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
    @Inject(DATABASE_ENDPOINT) private readonly endpoint: DatabaseEndpoint,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.get('DB_MIGRATIONS_RUN', { infer: true })) return;
    const applied = await runPendingMigrations(this.dataSource, this.endpoint.poolSize);
    this.logger.log(applied.length > 0 ? `applied ${applied.join(', ')}` : 'schema is up to date');
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
        MigrationsOnStart,
        TransactionRunner,
      ],
      exports: [DATABASE_ENDPOINT, TransactionRunner],
    };
  }
}
