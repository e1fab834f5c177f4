import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { AmputationResponseDto } from '../../clients/dto/amputation.dto';
import { ClientResponseDto } from '../../clients/dto/client.dto';
import { HealthProfileResponseDto } from '../../clients/dto/health-profile.dto';
import { PageQueryDto } from '../../common/pagination/page.dto';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import { trimString } from '../../common/validation/transforms';
import { ALL_STAGES, INTAKE_STAGES, IntakeStage, PATHWAY_STAGES, PathwayStage, Stage } from '../case-stages';
import { ENQUIRY_SOURCES, EnquirySource, FUNDING_TYPES, FundingType, INCIDENT_TYPES, IncidentType } from '../case-terms';
import { CONFLICT_STATUSES, ConflictStatus, MATCHED_ON, MatchedOn } from '../../conflicts/conflict-rules';
import { LIMITATION_BASES, LimitationBasis } from '../limitation';
import { CaseField } from './case-fields';

/** The case part of the one-shot intake: everything but the client, which the intake creates. */
export class IntakeCaseDto {
  @CaseField.incidentDate('required') incidentDate!: string;
  @CaseField.dateOfKnowledge() dateOfKnowledge?: string | null;
  @CaseField.incidentType('required') incidentType!: IncidentType;
  @CaseField.incidentDescription() incidentDescription?: string | null;
  @CaseField.partyName('Acme Haulage Ltd') defendantName?: string | null;
  @CaseField.partyName('Acme Insurance plc') insurerName?: string | null;
  @CaseField.source('required') source!: EnquirySource;
  @CaseField.funding('required') funding!: FundingType;
  @CaseField.userId('required', 'An active solicitor') assignedSolicitorId!: string;
  @CaseField.userId('nullable', 'An active paralegal') assignedParalegalId?: string | null;
}

export class CreateCaseDto extends IntakeCaseDto {
  @CaseField.userId('required', 'An existing client you can see') clientId!: string;
}

/** PATCH: send only what changes. Stages move through /transitions, not here. */
export class UpdateCaseDto {
  @CaseField.incidentDate('omittable') incidentDate?: string;
  @CaseField.dateOfKnowledge() dateOfKnowledge?: string | null;
  @CaseField.incidentType('omittable') incidentType?: IncidentType;
  @CaseField.incidentDescription() incidentDescription?: string | null;
  @CaseField.partyName('Acme Haulage Ltd') defendantName?: string | null;
  @CaseField.partyName('Acme Insurance plc') insurerName?: string | null;
  @CaseField.source('omittable') source?: EnquirySource;
  @CaseField.funding('omittable') funding?: FundingType;
  @CaseField.userId('omittable', 'Admin only: hand the case to another solicitor') assignedSolicitorId?: string;
  @CaseField.userId('nullable', 'An active paralegal, or null for none') assignedParalegalId?: string | null;
}

export class TransitionDto {
  @ApiProperty({ enum: ALL_STAGES, description: 'An intake stage or an OI pathway stage; the graph it belongs to is moved' })
  @IsIn(ALL_STAGES)
  to!: Stage;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Required when declining, referring elsewhere or finding not suitable' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason?: string;
}

export class ListCasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INTAKE_STAGES }) @IsOptional() @IsIn(INTAKE_STAGES) intakeStage?: IntakeStage;
  @ApiPropertyOptional({ enum: PATHWAY_STAGES }) @IsOptional() @IsIn(PATHWAY_STAGES) pathwayStage?: PathwayStage;
  @ApiPropertyOptional({ format: 'uuid', description: 'Cases where this user is the solicitor or the paralegal' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Incident on or after' }) @IsOptional() @IsCalendarDate() incidentFrom?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Incident on or before' }) @IsOptional() @IsCalendarDate() incidentTo?: string;
}

export class ClientSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'OI-2026-000123' }) reference!: string;
  @ApiProperty() firstName!: string;
  @ApiProperty() lastName!: string;
}

export class CaseResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'CASE-2026-000042' }) reference!: string;
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({ format: 'date' }) incidentDate!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dateOfKnowledge!: string | null;
  @ApiProperty({ enum: INCIDENT_TYPES }) incidentType!: IncidentType;
  @ApiProperty({ type: String, nullable: true }) incidentDescription!: string | null;
  @ApiProperty({ type: String, nullable: true }) defendantName!: string | null;
  @ApiProperty({ type: String, nullable: true }) insurerName!: string | null;
  @ApiProperty({ enum: ENQUIRY_SOURCES }) source!: EnquirySource;
  @ApiProperty({ enum: FUNDING_TYPES }) funding!: FundingType;
  @ApiProperty({ format: 'uuid' }) assignedSolicitorId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assignedParalegalId!: string | null;
  @ApiProperty({ enum: INTAKE_STAGES }) intakeStage!: IntakeStage;
  @ApiProperty({ enum: PATHWAY_STAGES }) pathwayStage!: PathwayStage;
  @ApiProperty({ enum: CONFLICT_STATUSES }) conflictStatus!: ConflictStatus;
  @ApiProperty({ type: () => [ConflictMatchDto] }) conflictMatches!: ConflictMatchDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) conflictCheckedAt!: string | null;
  @ApiProperty({ type: () => ConflictOverrideResponseDto, nullable: true }) conflictOverride!: ConflictOverrideResponseDto | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Last day to issue proceedings; null while time is not running' })
  limitationDate!: string | null;
  @ApiProperty({ enum: LIMITATION_BASES, description: '`unknown`: no date of birth, so the date assumes an adult at the incident; check it' })
  limitationBasis!: LimitationBasis;
  @ApiProperty({ description: 'Proceedings have been issued' }) limitationSatisfied!: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true }) limitationSatisfiedOn!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CaseListItemDto extends CaseResponseDto {
  @ApiProperty({ type: ClientSummaryDto }) client!: ClientSummaryDto;
}

export class CasePageDto {
  @ApiProperty({ type: [CaseListItemDto] }) items!: CaseListItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** A case with everything taken at intake: what a solicitor reads before calling the client back. */
export class CaseDetailDto extends CaseResponseDto {
  @ApiProperty({ type: ClientResponseDto }) client!: ClientResponseDto;
  @ApiProperty({ type: [AmputationResponseDto] }) amputations!: AmputationResponseDto[];
  @ApiProperty({ type: HealthProfileResponseDto }) healthProfile!: HealthProfileResponseDto;
}

export class LimitationSatisfiedDto {
  @ApiProperty({ format: 'date', description: 'The day proceedings were issued; not in the future, not before the incident' })
  @IsCalendarDate({ notInFuture: true })
  on!: string;

  @ApiPropertyOptional({ maxLength: 1000, example: 'Claim form issued in the County Court at Reading' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  note?: string;
}

export class ConflictOverrideDto {
  @ApiProperty({ minLength: 10, maxLength: 2000, description: 'Why the matches are not a conflict' })
  @Transform(trimString)
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  reason!: string;
}

export class ConflictMatchDto {
  @ApiProperty({ enum: ['client', 'case'] }) kind!: 'client' | 'case';
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'OI-2025-000017', description: 'The matched client’s reference, or the matched case’s for a defendant or insurer' }) reference!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: MATCHED_ON, isArray: true }) matchedOn!: MatchedOn[];
}

export class ConflictOverrideResponseDto {
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'uuid' }) overriddenById!: string;
  @ApiProperty({ format: 'date-time' }) overriddenAt!: string;
}
