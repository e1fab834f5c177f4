import { ReferralTaskResponseDto } from '../referrals/dto/referral-task.dto';
import { RuleSetResponseDto } from './dto/rule-set.dto';
import { ScreeningResponseDto, ScreeningReviewDto } from './dto/screening.dto';
import { ScreeningRuleSet } from './rule-set.entity';
import { ScreeningReview } from './screening-review.entity';
import { Screening } from './screening.entity';

export function toRuleSetResponse(ruleSet: ScreeningRuleSet): RuleSetResponseDto {
  return {
    id: ruleSet.id,
    version: ruleSet.version,
    description: ruleSet.description,
    severities: ruleSet.severities,
    active: ruleSet.active,
    createdById: ruleSet.createdById,
    createdAt: ruleSet.createdAt.toISOString(),
    activatedAt: ruleSet.activatedAt?.toISOString() ?? null,
  };
}

export function toReviewResponse(review: ScreeningReview): ScreeningReviewDto {
  return { decision: review.decision, reason: review.reason, reviewedById: review.reviewedById, reviewedAt: review.reviewedAt.toISOString() };
}

export function toScreeningResponse(screening: Screening, review: ScreeningReview | null): ScreeningResponseDto {
  return {
    id: screening.id,
    caseId: screening.caseId,
    ruleSetId: screening.ruleSetId,
    ruleSetVersion: screening.ruleSetVersion,
    outcome: screening.outcome,
    flags: screening.flags,
    snapshot: screening.snapshot,
    ranById: screening.ranById,
    ranAt: screening.ranAt.toISOString(),
    review: review === null ? null : toReviewResponse(review),
  };
}

export type WithTasks<T> = T & { referralTasks: ReferralTaskResponseDto[] };
