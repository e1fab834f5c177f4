import { Column, CreateDateColumn, DeleteDateColumn, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Amputation } from './amputation.entity';
import { SEVERITIES, Severity, SOCKET_COMPLAINT_TYPES, SocketComplaintType } from './clinical-terms';

/** A problem with the socket on one amputation: the indication for osseointegration. */
@Entity({ name: 'socket_complaints' })
@Index('IX_socket_complaints_amputation', ['amputationId'])
export class SocketComplaint {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_socket_complaints' })
  id!: string;

  /** Insertion order, so records read back in the order they were entered (timestamps tie within a transaction). */
  @Column({ name: 'entry_order', type: 'bigint' })
  @Generated('increment')
  entryOrder!: string;

  @Column({ name: 'amputation_id', type: 'uuid' })
  amputationId!: string;

  @ManyToOne(() => Amputation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'amputation_id', foreignKeyConstraintName: 'FK_socket_complaints_amputation' })
  amputation?: Amputation;

  @Column({ type: 'enum', enum: SOCKET_COMPLAINT_TYPES, enumName: 'socket_complaint_type' })
  type!: SocketComplaintType;

  @Column({ type: 'enum', enum: SEVERITIES, enumName: 'complaint_severity' })
  severity!: Severity;

  @Column({ type: 'date', nullable: true })
  since!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes!: string | null;

  @VersionColumn({ default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz' })
  deletedAt!: Date | null;
}
