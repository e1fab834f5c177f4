import { Module } from '@nestjs/common';
import { ConflictsModule } from '../conflicts/conflicts.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { AmputationsController } from './amputations.controller';
import { AmputationsRepository } from './amputations.repository';
import { AmputationsService } from './amputations.service';
import { ClientsController } from './clients.controller';
import { ClientsRepository } from './clients.repository';
import { ClientsService } from './clients.service';
import { HealthProfilesRepository } from './health-profiles.repository';

@Module({
  imports: [ConflictsModule, IdempotencyModule],
  controllers: [ClientsController, AmputationsController],
  providers: [ClientsRepository, HealthProfilesRepository, AmputationsRepository, ClientsService, AmputationsService],
  exports: [ClientsService, AmputationsService],
})
export class ClientsModule {}
