import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { REFERRAL_TASK_TYPES, ReferralTaskType } from './referral-terms';

// A text column with a check, not the shared enum type: TypeORM would create that enum type twice.
const KNOWN_TYPES = REFERRAL_TASK_TYPES.map((type) => `'${type}'`).join(', ');

/** Per task type, how many days a new task has before it is due; the admin sets these. */
@Entity({ name: 'referral_task_type_settings' })
@Check('CK_referral_task_type_settings_type', `"type" IN (${KNOWN_TYPES})`)
@Check('CK_referral_task_type_settings_due_in_days', '"due_in_days" BETWEEN 0 AND 365')
export class TaskTypeSetting {
  @PrimaryColumn({ type: 'varchar', length: 40, primaryKeyConstraintName: 'PK_referral_task_type_settings' })
  type!: ReferralTaskType;

  @Column({ name: 'due_in_days', type: 'integer' })
  dueInDays!: number;

  @VersionColumn({ default: 1 })
  version!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
