import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ClientsModule } from '../clients/clients.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { RuleSetsController } from './rule-sets.controller';
import { RuleSetsRepository } from './rule-sets.repository';
import { RuleSetsService } from './rule-sets.service';
import { ScreeningsController } from './screenings.controller';
import { ScreeningsRepository } from './screenings.repository';
import { ScreeningsService } from './screenings.service';

/** Screening: versioned rule sets, stored results and reviews. The rules themselves live in ./engine, free of Nest. */
@Module({
  imports: [CasesModule, ClientsModule, ReferralsModule, IdempotencyModule],
  controllers: [RuleSetsController, ScreeningsController],
  providers: [RuleSetsRepository, RuleSetsService, ScreeningsRepository, ScreeningsService],
})
export class ScreeningModule {}
