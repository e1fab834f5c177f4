import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * One database transaction, handed from a service to the repositories it calls. Services pass it
 * along without looking inside; only repositories use its manager.
 */
export interface Transaction {
  readonly manager: EntityManager;
}

@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one READ COMMITTED transaction: every row it writes commits together or not at all. */
  run<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work({ manager }));
  }
}

/** The manager a repository should use: the caller's transaction, or autocommit on the pool. */
export function managerFor(dataSource: DataSource, transaction?: Transaction): EntityManager {
  return transaction?.manager ?? dataSource.manager;
}
