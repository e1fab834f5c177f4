import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page.dto';
import { presence } from '../../common/validation/field-presence';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';
import { trimString } from '../../common/validation/transforms';
import { REFERRAL_PHASES, REFERRAL_TASK_STATUSES, REFERRAL_TASK_TYPES, ReferralPhase, ReferralTaskStatus, ReferralTaskType } from '../referral-terms';

const text = (max: number) => applyDecorators(Transform(trimString), IsString(), MinLength(1), MaxLength(max));

/** A task added by hand. Assignee defaults to the case's paralegal (its solicitor when it has none); due date to the type's default. */
export class CreateReferralTaskDto {
  @ApiProperty({ enum: REFERRAL_TASK_TYPES }) @presence('required') @IsIn(REFERRAL_TASK_TYPES) type!: ReferralTaskType;
  @ApiPropertyOptional({ enum: REFERRAL_PHASES, default: 'pre_op' }) @presence('omittable') @IsIn(REFERRAL_PHASES) phase?: ReferralPhase;
  @ApiPropertyOptional({ format: 'uuid' }) @presence('omittable') @IsUUID() assigneeId?: string;
  @ApiPropertyOptional({ format: 'date' }) @presence('omittable') @IsCalendarDate({ notBefore: '2000-01-01' }) dueDate?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @presence('nullable') @IsUUID() providerId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 }) @presence('nullable') @text(2000) note?: string | null;
}

/** PATCH: send only what changes; If-Match carries the version. */
export class UpdateReferralTaskDto {
  @ApiPropertyOptional({ enum: REFERRAL_TASK_STATUSES, description: 'open → in_progress | done | cancelled; in_progress → done | cancelled' })
  @presence('omittable')
  @IsIn(REFERRAL_TASK_STATUSES)
  status?: ReferralTaskStatus;

  @ApiPropertyOptional({ format: 'uuid' }) @presence('omittable') @IsUUID() assigneeId?: string;
  @ApiPropertyOptional({ format: 'date' }) @presence('omittable') @IsCalendarDate({ notBefore: '2000-01-01' }) dueDate?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @presence('nullable') @IsUUID() providerId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 }) @presence('nullable') @text(2000) note?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4000, description: 'What came back' })
  @presence('nullable')
  @text(4000)
  outcomeNote?: string | null;
}

export class ListReferralTasksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '`me`, or a user id' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @MaxLength(36)
  assignee?: string;

  @ApiPropertyOptional({ enum: REFERRAL_TASK_STATUSES, description: 'Omitted: the work still to do (open and in progress)' })
  @IsOptional()
  @IsIn(REFERRAL_TASK_STATUSES)
  status?: ReferralTaskStatus;

  @ApiPropertyOptional({ enum: REFERRAL_TASK_TYPES }) @IsOptional() @IsIn(REFERRAL_TASK_TYPES) type?: ReferralTaskType;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only open or in-progress tasks past their due date' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() caseId?: string;
}

export class ReferralTaskResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'CASE-2026-000042' }) caseReference!: string;
  @ApiProperty({ enum: REFERRAL_TASK_TYPES }) type!: ReferralTaskType;
  @ApiProperty({ enum: REFERRAL_PHASES }) phase!: ReferralPhase;
  @ApiProperty({ enum: REFERRAL_TASK_STATUSES }) status!: ReferralTaskStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assigneeId!: string | null;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ description: 'Open or in progress and past its due date (London time)' }) overdue!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) providerId!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: String, nullable: true }) outcomeNote!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The screening that called for it' }) screeningId!: string | null;
  @ApiProperty({ format: 'uuid' }) createdById!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ReferralTaskPageDto {
  @ApiProperty({ type: [ReferralTaskResponseDto] }) items!: ReferralTaskResponseDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class TaskTypeSettingDto {
  @ApiProperty({ enum: REFERRAL_TASK_TYPES }) type!: ReferralTaskType;
  @ApiProperty({ description: 'Plain-English name' }) label!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The provider kind that takes this task, if any' }) providerKind!: string | null;
  @ApiProperty({ minimum: 0, maximum: 365 }) dueInDays!: number;
  @ApiProperty() version!: number;
}

export class UpdateTaskTypeSettingDto {
  @ApiProperty({ minimum: 0, maximum: 365, description: 'Days from creation until a new task of this type is due' })
  @presence('required')
  @IsInt()
  @Min(0)
  @Max(365)
  dueInDays!: number;
}
