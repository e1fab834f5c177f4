import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { presence } from '../../common/validation/field-presence';
import { trimString } from '../../common/validation/transforms';
import { ReferralTaskResponseDto } from '../../referrals/dto/referral-task.dto';
import { FLAG_SEVERITIES, FlagSeverity, RULE_CODES, RuleCode, SCREENING_OUTCOMES, ScreeningOutcome, ScreeningSnapshot } from '../engine';
import { REVIEW_DECISIONS, ReviewDecision } from '../screening-review.entity';

export const MIN_OVERRIDE_REASON_LENGTH = 10;

export class FlagDto {
  @ApiProperty({ enum: RULE_CODES }) code!: RuleCode;
  @ApiProperty({ enum: FLAG_SEVERITIES }) severity!: FlagSeverity;
  @ApiProperty({ description: 'Could change with treatment or behaviour (smoking, infection)' }) modifiable!: boolean;
  @ApiProperty({ description: 'What was found and why it matters, in plain English' }) message!: string;
  @ApiProperty({ type: [String], example: ['health.diabetes'], description: 'Paths into the snapshot that triggered it' }) fields!: string[];
}

export class ScreeningReviewDto {
  @ApiProperty({ enum: REVIEW_DECISIONS }) decision!: ReviewDecision;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'uuid' }) reviewedById!: string;
  @ApiProperty({ format: 'date-time' }) reviewedAt!: string;
}

export class ScreeningResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'uuid' }) ruleSetId!: string;
  @ApiProperty({ example: 'oi-default-1' }) ruleSetVersion!: string;
  @ApiProperty({ enum: SCREENING_OUTCOMES }) outcome!: ScreeningOutcome;
  @ApiProperty({ type: [FlagDto] }) flags!: FlagDto[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The facts the rules read, as they were at the time' }) snapshot!: ScreeningSnapshot;
  @ApiProperty({ format: 'uuid' }) ranById!: string;
  @ApiProperty({ format: 'date-time' }) ranAt!: string;
  @ApiProperty({ type: ScreeningReviewDto, nullable: true, description: "A solicitor's confirmation or override, once given" }) review!: ScreeningReviewDto | null;
}

export class ScreeningRunResponseDto extends ScreeningResponseDto {
  @ApiProperty({ type: [ReferralTaskResponseDto], description: 'Tasks this screening created (none where an open twin already existed)' })
  referralTasks!: ReferralTaskResponseDto[];
}

export class ReviewInputDto {
  @ApiProperty({ enum: REVIEW_DECISIONS }) @presence('required') @IsIn(REVIEW_DECISIONS) decision!: ReviewDecision;

  @ApiPropertyOptional({ minLength: MIN_OVERRIDE_REASON_LENGTH, maxLength: 2000, description: `Required for an override, at least ${MIN_OVERRIDE_REASON_LENGTH} characters` })
  @Transform(trimString)
  @presence('omittable')
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string;
}

export class ReviewResponseDto extends ScreeningReviewDto {
  @ApiProperty({ format: 'uuid' }) screeningId!: string;
  @ApiProperty({ type: [ReferralTaskResponseDto], description: 'Tasks the decision created (an override of a result that does not refer asks the surgeons)' })
  referralTasks!: ReferralTaskResponseDto[];
}
