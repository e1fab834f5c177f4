import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { Transaction } from '../database/transaction-runner';
import { AuditChainHead } from './audit-chain-head.entity';
import { ChainedEventContent, GENESIS_HASH } from './audit-chain';
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

export interface ChainHeadState {
  lastHash: string;
  eventCount: string;
}

/** An event ready to append: its content and its place in the chain. */
export type NewAuditEvent = ChainedEventContent & { previousHash: string; hash: string };

/** The only code that touches audit_events and audit_chain_head. It only ever inserts events. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Locks the chain's head for the rest of the transaction and answers it (creating it on first use). */
  async lockHead(transaction: Transaction): Promise<ChainHeadState> {
    const locked = await this.selectHeadForUpdate(transaction);
    if (locked !== undefined) return locked;
    await transaction.manager.query(`INSERT INTO "audit_chain_head" ("id", "last_hash", "event_count") VALUES (1, $1, 0) ON CONFLICT ("id") DO NOTHING`, [GENESIS_HASH]);
    const created = await this.selectHeadForUpdate(transaction);
    if (created === undefined) throw new Error('audit chain head missing after creation');
    return created;
  }

  private async selectHeadForUpdate(transaction: Transaction): Promise<ChainHeadState | undefined> {
    const rows: { last_hash: string; event_count: string }[] = await transaction.manager.query(`SELECT "last_hash", "event_count" FROM "audit_chain_head" WHERE "id" = 1 FOR UPDATE`);
    const row = rows[0];
    return row === undefined ? undefined : { lastHash: row.last_hash, eventCount: String(row.event_count) };
  }

  /**
   * Inserts the events in the order given (their sequence numbers follow it) and moves the head, in one
   * statement: one round trip and one fixed SQL text, however many events. Needs the head locked.
   */
  async append(transaction: Transaction, events: NewAuditEvent[], head: ChainHeadState): Promise<void> {
    if (events.length === 0) return;
    const [, moved]: [unknown[], number] = await transaction.manager.query(
      `WITH "appended" AS (
         INSERT INTO "audit_events" ("id", "at", "actor_id", "action", "entity_type", "entity_id", "request_id", "changed_fields", "previous_hash", "hash")
         SELECT "id", "at", "actor_id", "action", "entity_type", "entity_id", "request_id", "changed_fields", "previous_hash", "hash"
         FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::jsonb[], $9::char(64)[], $10::char(64)[])
           WITH ORDINALITY AS "event" ("id", "at", "actor_id", "action", "entity_type", "entity_id", "request_id", "changed_fields", "previous_hash", "hash", "position")
         ORDER BY "position"
         RETURNING 1
       )
       UPDATE "audit_chain_head" SET "last_hash" = $11, "event_count" = $12 WHERE "id" = 1 AND (SELECT count(*) FROM "appended") = $13`,
      [
        events.map((event) => event.id),
        events.map((event) => event.at),
        events.map((event) => event.actorId),
        events.map((event) => event.action),
        events.map((event) => event.entityType),
        events.map((event) => event.entityId),
        events.map((event) => event.requestId),
        events.map((event) => JSON.stringify(event.changedFields)),
        events.map((event) => event.previousHash),
        events.map((event) => event.hash),
        head.lastHash,
        head.eventCount,
        events.length,
      ],
    );
    // Every event written and the head moved past them, or the whole transaction fails.
    if (moved !== 1) throw new Error('audit chain head was not moved');
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
