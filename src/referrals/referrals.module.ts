import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { UsersModule } from '../users/users.module';
import { ProvidersController } from './providers.controller';
import { ProvidersRepository } from './providers.repository';
import { ProvidersService } from './providers.service';
import { ReferralTaskPlanner } from './referral-task-planner';
import { ReferralTasksController } from './referral-tasks.controller';
import { ReferralTasksRepository } from './referral-tasks.repository';
import { ReferralTasksService } from './referral-tasks.service';
import { TaskTypeSettingsRepository } from './task-type-settings.repository';

/** Referral tasks, the provider directory and task settings. Depends on no other feature module, so cases and screening can use its planner. */
@Module({
  imports: [UsersModule, IdempotencyModule],
  controllers: [ReferralTasksController, ProvidersController],
  providers: [ReferralTasksRepository, ProvidersRepository, TaskTypeSettingsRepository, ReferralTaskPlanner, ReferralTasksService, ProvidersService],
  exports: [ReferralTaskPlanner, ReferralTasksRepository],
})
export class ReferralsModule {}
