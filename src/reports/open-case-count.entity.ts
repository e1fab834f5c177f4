import { Column, Entity, PrimaryColumn } from 'typeorm';
import { INTAKE_STAGES, IntakeStage, PATHWAY_STAGES, PathwayStage } from '../cases/case-stages';

/**
 * How many open cases (intake enquiry or accepted) a solicitor has at each pair of stages: the firm-wide
 * caseload report reads these few thousand rows instead of grouping every open case. Written only by the
 * database's triggers on `cases`, in the same statement as the change they count
 * (migrations/*-ReportCountTriggers.ts). `shard` is the case number modulo 8, so that concurrent intakes
 * for one solicitor update different rows instead of queueing on one.
 */
@Entity({ name: 'report_open_case_counts' })
export class OpenCaseCount {
  @PrimaryColumn({ name: 'assigned_solicitor_id', type: 'uuid', primaryKeyConstraintName: 'PK_report_open_case_counts' })
  assignedSolicitorId!: string;

  @PrimaryColumn({ name: 'intake_stage', type: 'enum', enum: INTAKE_STAGES, enumName: 'intake_stage', primaryKeyConstraintName: 'PK_report_open_case_counts' })
  intakeStage!: IntakeStage;

  @PrimaryColumn({ name: 'pathway_stage', type: 'enum', enum: PATHWAY_STAGES, enumName: 'pathway_stage', primaryKeyConstraintName: 'PK_report_open_case_counts' })
  pathwayStage!: PathwayStage;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_report_open_case_counts' })
  shard!: number;

  @Column({ type: 'integer', default: 0 })
  cases!: number;
}
