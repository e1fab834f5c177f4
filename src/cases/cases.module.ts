import { Module } from '@nestjs/common';
import { ConflictsModule } from '../conflicts/conflicts.module';
import { ClientsModule } from '../clients/clients.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { UsersModule } from '../users/users.module';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { IntakeController } from './intake.controller';
import { IntakeService } from './intake.service';

@Module({
  imports: [ConflictsModule, ClientsModule, UsersModule, IdempotencyModule, ReferralsModule],
  controllers: [CasesController, IntakeController],
  providers: [CasesRepository, CasesService, IntakeService],
  exports: [CasesService],
})
export class CasesModule {}
