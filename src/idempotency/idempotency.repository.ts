import { Injectable } from '@nestjs/common';
import { Transaction } from '../database/transaction-runner';
import { IdempotencyRecord } from './idempotency-record.entity';

@Injectable()
export class IdempotencyRepository {
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

  async insert(transaction: Transaction, record: Omit<IdempotencyRecord, 'createdAt'>): Promise<void> {
    await transaction.manager.getRepository(IdempotencyRecord).insert(record);
  }
}
