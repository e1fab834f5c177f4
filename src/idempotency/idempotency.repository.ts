import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Transaction } from '../database/transaction-runner';
import { IdempotencyRecord } from './idempotency-record.entity';

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Takes a transaction-scoped advisory lock on (user, key). False means another request with the same
   * key is running right now; the lock is released when the holder commits or rolls back.
   */
  async tryLock(transaction: Transaction, userId: string, key: string): Promise<boolean> {
    const rows: { locked: boolean }[] = await transaction.manager.query(
      'SELECT pg_try_advisory_xact_lock(hashtext($1), hashtext($2)) AS locked',
      [userId, key],
    );
    return rows[0]?.locked === true;
  }

  find(transaction: Transaction, userId: string, key: string): Promise<IdempotencyRecord | null> {
    return transaction.manager.getRepository(IdempotencyRecord).findOneBy({ userId, key });
  }

  async remove(transaction: Transaction, userId: string, key: string): Promise<void> {
    await transaction.manager.getRepository(IdempotencyRecord).delete({ userId, key });
  }

  /** Deletes up to `batch` records created before `cutoff`; answers how many went. */
  async purgeOlderThan(cutoff: Date, batch: number): Promise<number> {
    const rows: { count: number }[] = await this.dataSource.query(
      `WITH gone AS (
         DELETE FROM "idempotency_records" WHERE ("user_id", "key") IN (
           SELECT "user_id", "key" FROM "idempotency_records" WHERE "created_at" < $1 ORDER BY "created_at" LIMIT $2
         ) RETURNING 1
       ) SELECT count(*)::int AS count FROM gone`,
      [cutoff, batch],
    );
    return rows[0]?.count ?? 0;
  }

  async insert(transaction: Transaction, record: Omit<IdempotencyRecord, 'createdAt'>): Promise<void> {
    await transaction.manager.getRepository(IdempotencyRecord).insert(record);
  }
}
