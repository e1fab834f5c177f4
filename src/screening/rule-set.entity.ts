import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import type { RuleSetSeverities } from './engine';

/**
 * A version of the screening rules' severities. Immutable once written, so every stored result can be
 * explained by the version that produced it; only which version is active changes.
 */
@Entity({ name: 'screening_rule_sets' })
@Index('UQ_screening_rule_sets_version', ['version'], { unique: true })
// At most one active version: the database refuses a second, whatever the application does.
@Index('UQ_screening_rule_sets_one_active', ['active'], { unique: true, where: 'active' })
export class ScreeningRuleSet {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_screening_rule_sets' })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  version!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  @Column({ type: 'jsonb' })
  severities!: RuleSetSeverities;

  @Column({ type: 'boolean', default: false })
  active!: boolean;

  /** Null for the versions shipped in migrations. */
  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'FK_screening_rule_sets_created_by' })
  createdBy?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;
}
