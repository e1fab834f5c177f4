/** The pure screening engine: no Nest, no TypeORM, only plain data in and out. */
export { ageOn } from './age';
export { evaluateScreening, outcomeFavourability, outcomeOf, SCREENING_OUTCOMES } from './evaluate-screening';
export type { ScreeningOutcome, ScreeningResult } from './evaluate-screening';
export { planForOverride, planForPostOperative, planForScreening, REFERRAL_PHASES, REFERRAL_TASK_TYPES } from './referral-plan';
export type { PlannedTask, ReferralPhase, ReferralTaskType } from './referral-plan';
export {
  CONFIGURABLE_SEVERITY_KEYS,
  DEFAULT_RULE_SET,
  FLAG_SEVERITIES,
  isRuleSetSeverities,
  RULE_CODES,
  validateRuleSetSeverities,
} from './rule-set';
export type { ConfigurableSeverityKey, FlagSeverity, RuleCode, RuleSet, RuleSetProblem, RuleSetSeverities } from './rule-set';
export { ADULT_AGE, MISSING_FACT_LABELS, SCREENING_RULES } from './rules';
export type { FlagFinding, ScreeningRule } from './rules';
export type { AmputationFacts, HealthFacts, ScreeningSnapshot, SocketComplaintFacts } from './screening-snapshot';
