import { Column, CreateDateColumn, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Case } from '../cases/case.entity';
import { Screening } from '../screening/screening.entity';
import { User } from '../users/user.entity';
import { Provider } from './provider.entity';
import { REFERRAL_PHASES, REFERRAL_TASK_STATUSES, REFERRAL_TASK_TYPES, ReferralPhase, ReferralTaskStatus, ReferralTaskType } from './referral-terms';

/** A piece of referral work on a case: ask a surgeon, put the client in touch with a charity, get records. */
@Entity({ name: 'referral_tasks' })
// One open or in-progress task per case, type and phase: re-screening can never duplicate one.
@Index('UQ_referral_tasks_one_active', ['caseId', 'type', 'phase'], { unique: true, where: "status IN ('open', 'in_progress')" })
@Index('UQ_referral_tasks_number', ['number'], { unique: true })
@Index('IX_referral_tasks_assignee_due', ['assigneeId', 'dueDate', 'number'])
@Index('IX_referral_tasks_case', ['caseId', 'number'])
// Reports: tasks created in a period by type and status, and per case opened in a period, each read from the
// index alone (no heap, no join to cases); the firm's overdue work.
@Index('IX_referral_tasks_created_at_type_status', ['createdAt', 'type', 'status'])
@Index('IX_referral_tasks_case_opened_at', ['caseOpenedAt', 'caseId', 'type', 'createdAt', 'closedAt', 'status'])
@Index('IX_referral_tasks_active_due', ['dueDate', 'assigneeId'], { where: "status IN ('open', 'in_progress')" })
export class ReferralTask {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_referral_tasks' })
  id!: string;

  /** Creation order, the last tie-breaker of the working list. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  number!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_referral_tasks_case' })
  case?: Case;

  /** The case's created_at, copied so the referral timings need no join to cases; kept equal by a trigger should a case be backdated. */
  @Column({ name: 'case_opened_at', type: 'timestamptz' })
  caseOpenedAt!: Date;

  @Column({ type: 'enum', enum: REFERRAL_TASK_TYPES, enumName: 'referral_task_type' })
  type!: ReferralTaskType;

  @Column({ type: 'enum', enum: REFERRAL_PHASES, enumName: 'referral_phase' })
  phase!: ReferralPhase;

  @Column({ type: 'enum', enum: REFERRAL_TASK_STATUSES, enumName: 'referral_task_status', default: 'open' })
  status!: ReferralTaskStatus;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'FK_referral_tasks_assignee' })
  assignee?: User;

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ name: 'provider_id', type: 'uuid', nullable: true })
  providerId!: string | null;

  @ManyToOne(() => Provider, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'FK_referral_tasks_provider' })
  provider?: Provider;

  /** Why the task exists, e.g. which facts the records must establish. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  note!: string | null;

  /** What came back. */
  @Column({ name: 'outcome_note', type: 'varchar', length: 4000, nullable: true })
  outcomeNote!: string | null;

  /** The screening (or its review) that called for the task; null for a task added by hand or by a stage. */
  @Column({ name: 'screening_id', type: 'uuid', nullable: true })
  screeningId!: string | null;

  @ManyToOne(() => Screening, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'screening_id', foreignKeyConstraintName: 'FK_referral_tasks_screening' })
  screening?: Screening;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'FK_referral_tasks_created_by' })
  createdBy?: User;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @VersionColumn({ default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
