import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The end of the audit chain: its last hash and how many events it holds. Every append locks this one
 * row, so appends take turns and the chain never forks; the count lets the verifier see a removed tail.
 */
@Entity({ name: 'audit_chain_head' })
@Check('CK_audit_chain_head_single_row', '"id" = 1')
export class AuditChainHead {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_audit_chain_head' })
  id!: number;

  @Column({ name: 'last_hash', type: 'char', length: 64 })
  lastHash!: string;

  @Column({ name: 'event_count', type: 'bigint' })
  eventCount!: string;
}
