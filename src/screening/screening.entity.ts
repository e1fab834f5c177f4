import { Column, CreateDateColumn, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Case } from '../cases/case.entity';
import { User } from '../users/user.entity';
import { FlagFinding, SCREENING_OUTCOMES, ScreeningOutcome, ScreeningSnapshot } from './engine';
import { ScreeningRuleSet } from './rule-set.entity';

/** One run of the rules on a case's client. Never updated: a later screening is a new row. */
@Entity({ name: 'screenings' })
@Index('UQ_screenings_sequence', ['sequence'], { unique: true })
@Index('IX_screenings_case_sequence', ['caseId', 'sequence'])
// Reports: the period's screenings by month and outcome, and their ids for the overrides, read from the index alone.
@Index('IX_screenings_ran_at_outcome', ['ranAt', 'outcome', 'id'])
export class Screening {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_screenings' })
  id!: string;

  /** Run order: newest first is the highest, even for two runs in the same millisecond. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  sequence!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_screenings_case' })
  case?: Case;

  @Column({ name: 'rule_set_id', type: 'uuid' })
  ruleSetId!: string;

  @ManyToOne(() => ScreeningRuleSet, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rule_set_id', foreignKeyConstraintName: 'FK_screenings_rule_set' })
  ruleSet?: ScreeningRuleSet;

  @Column({ name: 'rule_set_version', type: 'varchar', length: 40 })
  ruleSetVersion!: string;

  @Column({ type: 'enum', enum: SCREENING_OUTCOMES, enumName: 'screening_outcome' })
  outcome!: ScreeningOutcome;

  @Column({ type: 'jsonb' })
  flags!: FlagFinding[];

  /** The facts as they were read, so the result can be explained after the record changes. */
  @Column({ type: 'jsonb' })
  snapshot!: ScreeningSnapshot;

  @Column({ name: 'ran_by_id', type: 'uuid' })
  ranById!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ran_by_id', foreignKeyConstraintName: 'FK_screenings_ran_by' })
  ranBy?: User;

  @CreateDateColumn({ name: 'ran_at', type: 'timestamptz' })
  ranAt!: Date;
}
