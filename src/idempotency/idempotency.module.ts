import { Module } from '@nestjs/common';
import { IdempotencyPurge } from './idempotency-purge';
import { IdempotencyRepository } from './idempotency.repository';
import { IdempotencyService } from './idempotency.service';

@Module({
  providers: [IdempotencyRepository, IdempotencyService, IdempotencyPurge],
  exports: [IdempotencyService],
})
export class IdempotencyModule {}
