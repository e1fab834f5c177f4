import { Column, CreateDateColumn, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Client } from '../clients/client.entity';
import { CONFLICT_STATUSES, ConflictMatch, ConflictStatus } from '../conflicts/conflict-rules';
import { User } from '../users/user.entity';
import { INTAKE_STAGES, IntakeStage, PATHWAY_STAGES, PathwayStage } from './case-stages';
import { ENQUIRY_SOURCES, EnquirySource, FUNDING_TYPES, FundingType, INCIDENT_TYPES, IncidentType } from './case-terms';

/** One enquiry about one client; a client may have several. */
@Entity({ name: 'cases' })
@Index('UQ_cases_number', ['number'], { unique: true })
@Index('IX_cases_client', ['clientId'])
@Index('IX_cases_solicitor_number', ['assignedSolicitorId', 'number'])
@Index('IX_cases_paralegal_number', ['assignedParalegalId', 'number'])
@Index('IX_cases_intake_stage_number', ['intakeStage', 'number'])
@Index('IX_cases_pathway_stage_number', ['pathwayStage', 'number'])
@Index('IX_cases_incident_date', ['incidentDate'])
@Index('IX_cases_folded_defendant_name', ['foldedDefendantName'])
@Index('IX_cases_folded_insurer_name', ['foldedInsurerName'])
// Reports: cases opened in a period (firm-wide and per solicitor), and open cases by solicitor and stage.
@Index('IX_cases_created_at', ['createdAt'])
@Index('IX_cases_solicitor_created_at', ['assignedSolicitorId', 'createdAt'])
@Index('IX_cases_open_by_solicitor_stage', ['assignedSolicitorId', 'intakeStage', 'pathwayStage'], { where: "intake_stage IN ('enquiry', 'accepted')" })
export class Case {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_cases' })
  id!: string;

  /** Sequence behind the reference CASE-<year>-<number>; newest cases have the highest. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  number!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'FK_cases_client' })
  client?: Client;

  @Column({ name: 'incident_date', type: 'date' })
  incidentDate!: string;

  @Column({ name: 'date_of_knowledge', type: 'date', nullable: true })
  dateOfKnowledge!: string | null;

  @Column({ name: 'incident_type', type: 'enum', enum: INCIDENT_TYPES, enumName: 'incident_type' })
  incidentType!: IncidentType;

  @Column({ name: 'incident_description', type: 'varchar', length: 2000, nullable: true })
  incidentDescription!: string | null;

  @Column({ name: 'defendant_name', type: 'varchar', length: 200, nullable: true })
  defendantName!: string | null;

  @Column({ name: 'insurer_name', type: 'varchar', length: 200, nullable: true })
  insurerName!: string | null;

  @Column({ type: 'enum', enum: ENQUIRY_SOURCES, enumName: 'enquiry_source' })
  source!: EnquirySource;

  @Column({ type: 'enum', enum: FUNDING_TYPES, enumName: 'funding_type' })
  funding!: FundingType;

  @Column({ name: 'assigned_solicitor_id', type: 'uuid' })
  assignedSolicitorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigned_solicitor_id', foreignKeyConstraintName: 'FK_cases_assigned_solicitor' })
  assignedSolicitor?: User;

  @Column({ name: 'assigned_paralegal_id', type: 'uuid', nullable: true })
  assignedParalegalId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigned_paralegal_id', foreignKeyConstraintName: 'FK_cases_assigned_paralegal' })
  assignedParalegal?: User;

  @Column({ name: 'intake_stage', type: 'enum', enum: INTAKE_STAGES, enumName: 'intake_stage', default: 'enquiry' })
  intakeStage!: IntakeStage;

  @Column({ name: 'pathway_stage', type: 'enum', enum: PATHWAY_STAGES, enumName: 'pathway_stage', default: 'not_screened' })
  pathwayStage!: PathwayStage;

  /** foldName() of the parties, for the conflict check. */
  @Column({ name: 'folded_defendant_name', type: 'text', nullable: true })
  foldedDefendantName!: string | null;

  @Column({ name: 'folded_insurer_name', type: 'text', nullable: true })
  foldedInsurerName!: string | null;

  @Column({ name: 'conflict_status', type: 'enum', enum: CONFLICT_STATUSES, enumName: 'conflict_status', default: 'clear' })
  conflictStatus!: ConflictStatus;

  /** Who matched and on what: references, names and field names only, never health data. */
  @Column({ name: 'conflict_matches', type: 'jsonb', default: () => "'[]'" })
  conflictMatches!: ConflictMatch[];

  @Column({ name: 'conflict_checked_at', type: 'timestamptz', nullable: true })
  conflictCheckedAt!: Date | null;

  @Column({ name: 'conflict_override_reason', type: 'varchar', length: 2000, nullable: true })
  conflictOverrideReason!: string | null;

  @Column({ name: 'conflict_overridden_by_id', type: 'uuid', nullable: true })
  conflictOverriddenById!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'conflict_overridden_by_id', foreignKeyConstraintName: 'FK_cases_conflict_overridden_by' })
  conflictOverriddenBy?: User;

  @Column({ name: 'conflict_overridden_at', type: 'timestamptz', nullable: true })
  conflictOverriddenAt!: Date | null;

  /** The day proceedings were issued: the limitation date no longer matters and the case leaves every alert. */
  @Column({ name: 'limitation_satisfied_on', type: 'date', nullable: true })
  limitationSatisfiedOn!: string | null;

  @Column({ name: 'limitation_satisfied_note', type: 'varchar', length: 1000, nullable: true })
  limitationSatisfiedNote!: string | null;

  @Column({ name: 'limitation_satisfied_by_id', type: 'uuid', nullable: true })
  limitationSatisfiedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'limitation_satisfied_by_id', foreignKeyConstraintName: 'FK_cases_limitation_satisfied_by' })
  limitationSatisfiedBy?: User;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'FK_cases_created_by' })
  createdBy?: User;

  @VersionColumn({ default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
