import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AuthModule } from './auth/auth.module';
import { EtagInterceptor } from './common/concurrency/etag.interceptor';
import { ProblemFilter } from './common/errors/problem.filter';
import { AuditModule } from './audit/audit.module';
import { CasesModule } from './cases/cases.module';
import { ReferralsModule } from './referrals/referrals.module';
import { PrivacyModule } from './privacy/privacy.module';
import { ReportsModule } from './reports/reports.module';
import { ScreeningModule } from './screening/screening.module';
import { ClientsModule } from './clients/clients.module';
import { buildLoggerOptions } from './common/logging/logger-options';
import { AppConfigModule } from './config/config.module';
import { Environment } from './config/environment';
import { DatabaseEndpoint } from './database/database-endpoint';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forRoot(env: Environment, database: DatabaseEndpoint, logDestination?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(env),
        LoggerModule.forRoot(buildLoggerOptions(env, logDestination)),
        DatabaseModule.forRoot(database),
        HealthModule,
        AuditModule,
        UsersModule,
        AuthModule,
        ClientsModule,
        CasesModule,
        ReferralsModule,
        ScreeningModule,
        ReportsModule,
        PrivacyModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: EtagInterceptor },
      ],
    };
  }
}
