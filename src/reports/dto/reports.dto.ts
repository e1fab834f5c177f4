import { ApiProperty } from '@nestjs/swagger';
import { ENQUIRY_SOURCES } from '../../cases/case-terms';
import { INTAKE_STAGES, PATHWAY_STAGES } from '../../cases/case-stages';
import { REFERRAL_TASK_STATUSES, REFERRAL_TASK_TYPES } from '../../referrals/referral-terms';
import { RULE_CODES, SCREENING_OUTCOMES } from '../../screening/engine';

export class ReportPeriodDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ enum: ['firm', 'own cases', 'own tasks'], description: 'Whose records the figures cover' }) scope!: string;
}

export class OpenCasesRowDto {
  @ApiProperty({ format: 'uuid' }) solicitorId!: string;
  @ApiProperty() solicitorName!: string;
  @ApiProperty({ enum: INTAKE_STAGES }) intakeStage!: string;
  @ApiProperty({ enum: PATHWAY_STAGES }) pathwayStage!: string;
  @ApiProperty() count!: number;
}

export class MonthCountDto {
  @ApiProperty({ example: '2026-03' }) month!: string;
  @ApiProperty() count!: number;
}

export class DecisionsDto {
  @ApiProperty() accepted!: number;
  @ApiProperty() declined!: number;
  @ApiProperty() referredElsewhere!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'accepted ÷ (accepted + declined + referred elsewhere); null when none decided' })
  conversionRate!: number | null;
}

export class SourceCountDto {
  @ApiProperty({ enum: ENQUIRY_SOURCES }) source!: string;
  @ApiProperty() count!: number;
}

export class CaseloadReportDto {
  @ApiProperty({ type: ReportPeriodDto }) period!: ReportPeriodDto;
  @ApiProperty({ type: [OpenCasesRowDto], description: 'Cases open now (enquiry or accepted), by solicitor and stages' }) openCases!: OpenCasesRowDto[];
  @ApiProperty({ type: [MonthCountDto], description: 'Cases opened in the period, by month' }) newEnquiriesByMonth!: MonthCountDto[];
  @ApiProperty({ type: DecisionsDto, description: 'Of the cases opened in the period, how many were accepted, declined or referred elsewhere' }) decisions!: DecisionsDto;
  @ApiProperty({ type: [SourceCountDto], description: 'Where the cases opened in the period came from' }) sources!: SourceCountDto[];
}

export class OutcomeMonthDto {
  @ApiProperty({ example: '2026-03' }) month!: string;
  @ApiProperty({ enum: SCREENING_OUTCOMES }) outcome!: string;
  @ApiProperty() count!: number;
}

export class FlagCountDto {
  @ApiProperty({ enum: RULE_CODES }) code!: string;
  @ApiProperty() count!: number;
}

export class OverridesDto {
  @ApiProperty() screenings!: number;
  @ApiProperty() overridden!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'overridden ÷ screenings; null when there were none' }) share!: number | null;
}

export class ScreeningReportDto {
  @ApiProperty({ type: ReportPeriodDto }) period!: ReportPeriodDto;
  @ApiProperty({ type: [OutcomeMonthDto] }) outcomesByMonth!: OutcomeMonthDto[];
  @ApiProperty({ type: [FlagCountDto], description: 'Flags raised in the period, most frequent first (at most 10)' }) topFlags!: FlagCountDto[];
  @ApiProperty({ type: OverridesDto }) overrides!: OverridesDto;
}

export class TypeStatusCountDto {
  @ApiProperty({ enum: REFERRAL_TASK_TYPES }) type!: string;
  @ApiProperty({ enum: REFERRAL_TASK_STATUSES }) status!: string;
  @ApiProperty() count!: number;
}

export class OverdueByAssigneeDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeId!: string | null;
  @ApiProperty({ type: String, nullable: true }) assigneeName!: string | null;
  @ApiProperty() count!: number;
}

export class TaskTimingDto {
  @ApiProperty({ enum: REFERRAL_TASK_TYPES }) type!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Median days from the case opening to its first task of this type' }) medianDaysToFirstTask!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Median days from the case opening to a task of this type being done' }) medianDaysToDone!: number | null;
}

export class ReferralsReportDto {
  @ApiProperty({ type: ReportPeriodDto }) period!: ReportPeriodDto;
  @ApiProperty({ type: [TypeStatusCountDto], description: 'Tasks created in the period, by type and status' }) byTypeAndStatus!: TypeStatusCountDto[];
  @ApiProperty({ type: [OverdueByAssigneeDto], description: 'Open or in-progress tasks past their due date now, by assignee' }) overdueByAssignee!: OverdueByAssigneeDto[];
  @ApiProperty({ type: [TaskTimingDto], description: 'For cases opened in the period' }) timings!: TaskTimingDto[];
}
