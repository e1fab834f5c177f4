import { Column, CreateDateColumn, DeleteDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Amputation } from './amputation.entity';
import { SEVERITIES, Severity, SOCKET_COMPLAINT_TYPES, SocketComplaintType } from './clinical-terms';

/** A problem with the socket on one amputation: the indication for osseointegration. */
@Entity({ name: 'socket_complaints' })
@Index('IX_socket_complaints_amputation', ['amputationId'])
export class SocketComplaint {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_socket_complaints' })
  id!: string;

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

  // clock_timestamp(), not now(): rows written in one transaction keep the order they were entered in.
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz' })
  deletedAt!: Date | null;
}
