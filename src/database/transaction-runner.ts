import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * One database transaction, handed from a service to the repositories it calls. Services pass it
 * along without looking inside; only repositories use its manager.
 */
export interface Transaction {
  readonly manager: EntityManager;
  /**
   * Work to run last, just before COMMIT, in the order registered. The audit trail appends here, so the
   * one lock every writer shares (the chain head) is taken last and held for the shortest time, and never
   * before a row lock another writer could be holding while it waits for the head.
   */
  readonly beforeCommit?: (() => Promise<void>)[];
}

@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one READ COMMITTED transaction: every row it writes commits together or not at all. */
  run<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const transaction: Transaction = { manager, beforeCommit: [] };
      const result = await work(transaction);
      // A hook may register another (e.g. an audit flush after a late write): drain until none is left.
      for (let hook = transaction.beforeCommit?.shift(); hook !== undefined; hook = transaction.beforeCommit?.shift()) await hook();
      return result;
    });
  }
}

/** The manager a repository should use: the caller's transaction, or autocommit on the pool. */
export function managerFor(dataSource: DataSource, transaction?: Transaction): EntityManager {
  return transaction?.manager ?? dataSource.manager;
}
