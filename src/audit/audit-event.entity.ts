import { Column, Entity, Generated, Index, PrimaryColumn } from 'typeorm';

/**
 * One thing someone did or saw: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and
 * chained, each hash covering the one before, so a changed, removed or reordered event shows.
 * Field names only: never a health value or a personal value.
 */
@Entity({ name: 'audit_events' })
@Index('UQ_audit_events_sequence', ['sequence'], { unique: true })
@Index('IX_audit_events_entity', ['entityType', 'entityId', 'sequence'])
@Index('IX_audit_events_actor', ['actorId', 'sequence'])
@Index('IX_audit_events_at', ['at'])
export class AuditEvent {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_audit_events' })
  id!: string;

  /** Chain order: events are appended one at a time, under a lock, so this is the order they were hashed in. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  sequence!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** Null for the system itself (start-up, migrations). No foreign key: the trail outlives what it describes. */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 40 })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 40 })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64 })
  entityId!: string;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  @Column({ name: 'changed_fields', type: 'jsonb', default: () => "'[]'" })
  changedFields!: string[];

  @Column({ name: 'previous_hash', type: 'char', length: 64 })
  previousHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
