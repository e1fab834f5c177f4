import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ENQUIRY_SOURCES, EnquirySource } from '../cases/case-terms';

/**
 * Cases opened on one London day from one source, and how many of them have ever been accepted, declined
 * or referred elsewhere: the firm-wide caseload report sums these for a period instead of scanning the
 * period's cases and their stage history. Written only by the database's triggers on `cases` and
 * `case_stage_changes`, in the same statement as the change they count (migrations/*-ReportCountTriggers.ts).
 * `shard` is the case number modulo 8, so concurrent intakes on one day update different rows.
 */
@Entity({ name: 'report_daily_enquiry_counts' })
export class DailyEnquiryCount {
  @PrimaryColumn({ name: 'opened_on', type: 'date', primaryKeyConstraintName: 'PK_report_daily_enquiry_counts' })
  openedOn!: string;

  @PrimaryColumn({ type: 'enum', enum: ENQUIRY_SOURCES, enumName: 'enquiry_source', primaryKeyConstraintName: 'PK_report_daily_enquiry_counts' })
  source!: EnquirySource;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_report_daily_enquiry_counts' })
  shard!: number;

  @Column({ type: 'integer', default: 0 })
  enquiries!: number;

  @Column({ type: 'integer', default: 0 })
  accepted!: number;

  @Column({ type: 'integer', default: 0 })
  declined!: number;

  @Column({ name: 'referred_elsewhere', type: 'integer', default: 0 })
  referredElsewhere!: number;
}
