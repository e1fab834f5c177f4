import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { describeErrorForLog } from '../common/errors/database-failure';
import { Environment } from '../config/environment';
import { IdempotencyRepository } from './idempotency.repository';

const PURGE_EVERY_MS = 10 * 60_000;

/** How long a stored answer is replayed (IDEMPOTENCY_TTL_HOURS), in milliseconds. */
export function idempotencyTtlMs(config: ConfigService<Environment, true>): number {
  return config.get('IDEMPOTENCY_TTL_HOURS', { infer: true }) * 3_600_000;
}
const PURGE_BATCH = 1_000;

/**
 * Stored answers to Idempotency-Keys can hold client data, so they are kept only as long as a retry
 * is plausible (IDEMPOTENCY_TTL_HOURS), then deleted in small batches so no purge holds locks for long.
 */
@Injectable()
export class IdempotencyPurge implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Idempotency');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private readonly ttlMs: number;

  constructor(
    private readonly records: IdempotencyRepository,
    config: ConfigService<Environment, true>,
  ) {
    this.ttlMs = idempotencyTtlMs(config);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purgeExpired().catch((error: unknown) => this.logger.warn({ error: describeErrorForLog(error) }, 'purge of expired idempotency records failed')), PURGE_EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Deletes every record older than the TTL; answers how many. One run at a time. */
  purgeExpired(now = new Date()): Promise<number> {
    this.running ??= this.purge(new Date(now.getTime() - this.ttlMs)).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async purge(cutoff: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.records.purgeOlderThan(cutoff, PURGE_BATCH);
      total += deleted;
      if (deleted < PURGE_BATCH) return total;
    }
  }
}
