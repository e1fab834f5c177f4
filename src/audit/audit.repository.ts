import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { Transaction } from '../database/transaction-runner';
import { AuditChainHead } from './audit-chain-head.entity';
import { GENESIS_HASH } from './audit-chain';
import { AuditEvent } from './audit-event.entity';

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  beforeSequence?: string;
  limit: number;
}

/** The only code that touches audit_events and audit_chain_head. It only ever inserts events. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Locks the chain's head for the rest of the transaction and answers it (creating it on first use). */
  async lockHead(transaction: Transaction): Promise<AuditChainHead> {
    await transaction.manager.query(`INSERT INTO "audit_chain_head" ("id", "last_hash", "event_count") VALUES (1, $1, 0) ON CONFLICT ("id") DO NOTHING`, [GENESIS_HASH]);
    return transaction.manager.getRepository(AuditChainHead).createQueryBuilder('head').setLock('pessimistic_write').where('head.id = 1').getOneOrFail();
  }

  async append(transaction: Transaction, events: AuditEvent[], head: { lastHash: string; eventCount: string }): Promise<void> {
    if (events.length === 0) return;
    await transaction.manager.getRepository(AuditEvent).insert(events);
    await transaction.manager.getRepository(AuditChainHead).update({ id: 1 }, head);
  }

  /** Runs `read` in one REPEATABLE READ snapshot: the head and every batch then describe the same chain. */
  inSnapshot<T>(read: (transaction: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) => read({ manager }));
  }

  readHead(transaction: Transaction): Promise<AuditChainHead | null> {
    return transaction.manager.getRepository(AuditChainHead).findOneBy({ id: 1 });
  }

  /** Events in chain order after `afterSequence`, a batch at a time, for the verifier. */
  chainBatch(transaction: Transaction, afterSequence: string, size: number): Promise<AuditEvent[]> {
    return transaction.manager
      .getRepository(AuditEvent)
      .createQueryBuilder('event')
      .where('event.sequence > :afterSequence', { afterSequence })
      .orderBy('event.sequence', 'ASC')
      .limit(size)
      .getMany();
  }

  /** Newest first; one more than asked tells whether a page follows. */
  list(filter: AuditFilter): Promise<AuditEvent[]> {
    const query: SelectQueryBuilder<AuditEvent> = this.dataSource.getRepository(AuditEvent).createQueryBuilder('event').orderBy('event.sequence', 'DESC').limit(filter.limit + 1);
    if (filter.entityType !== undefined) query.andWhere('event.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId !== undefined) query.andWhere('event.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.actorId !== undefined) query.andWhere('event.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.action !== undefined) query.andWhere('event.action = :action', { action: filter.action });
    if (filter.from !== undefined) query.andWhere('event.at >= :from', { from: filter.from });
    if (filter.to !== undefined) query.andWhere('event.at <= :to', { to: filter.to });
    if (filter.beforeSequence !== undefined) query.andWhere('event.sequence < :beforeSequence', { beforeSequence: filter.beforeSequence });
    return query.getMany();
  }

  /** Every event about any of these records, oldest first (for a subject access export). */
  aboutEntities(entityIds: string[], transaction?: Transaction): Promise<AuditEvent[]> {
    if (entityIds.length === 0) return Promise.resolve([]);
    return (transaction?.manager ?? this.dataSource.manager)
      .getRepository(AuditEvent).createQueryBuilder('event').where('event.entity_id IN (:...entityIds)', { entityIds }).orderBy('event.sequence', 'ASC').getMany();
  }
}
