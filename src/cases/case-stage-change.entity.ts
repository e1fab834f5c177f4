import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Case } from './case.entity';

/** The history of a case's stages: who moved it, from where to where, and why. Append-only. */
@Entity({ name: 'case_stage_changes' })
@Index('IX_case_stage_changes_case_at', ['caseId', 'changedAt'])
export class CaseStageChange {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_case_stage_changes' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_case_stage_changes_case' })
  case?: Case;

  @Column({ type: 'varchar', length: 10 })
  track!: 'intake' | 'pathway';

  @Column({ name: 'from_stage', type: 'varchar', length: 40 })
  fromStage!: string;

  @Column({ name: 'to_stage', type: 'varchar', length: 40 })
  toStage!: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason!: string | null;

  @Column({ name: 'changed_by_id', type: 'uuid' })
  changedById!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'changed_by_id', foreignKeyConstraintName: 'FK_case_stage_changes_changed_by' })
  changedBy?: User;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;
}
