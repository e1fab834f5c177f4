import { RuleSet } from './rule-set';
import { FlagFinding, SCREENING_RULES } from './rules';
import { ScreeningSnapshot } from './screening-snapshot';

/** Listed from most to least favourable to a referral; the index is the rank. */
export const SCREENING_OUTCOMES = ['refer', 'refer_with_caution', 'not_indicated', 'needs_information', 'contraindicated'] as const;
export type ScreeningOutcome = (typeof SCREENING_OUTCOMES)[number];

/** Higher is more favourable. Adding a risk must never raise it (the property tests hold the engine to this). */
export function outcomeFavourability(outcome: ScreeningOutcome): number {
  return SCREENING_OUTCOMES.length - 1 - SCREENING_OUTCOMES.indexOf(outcome);
}

export interface ScreeningResult {
  ruleSetVersion: string;
  outcome: ScreeningOutcome;
  flags: FlagFinding[];
}

/** The first that applies, in the order DESIGN.md gives. */
export function outcomeOf(flags: readonly FlagFinding[]): ScreeningOutcome {
  if (flags.some((finding) => finding.severity === 'contraindication')) return 'contraindicated';
  if (flags.some((finding) => finding.code === 'MISSING_FACTS')) return 'needs_information';
  if (flags.some((finding) => finding.code === 'NO_SOCKET_COMPLAINT')) return 'not_indicated';
  if (flags.some((finding) => finding.severity === 'caution')) return 'refer_with_caution';
  return 'refer';
}

/** Runs every rule of the set on the snapshot; pure, so the same input always gives the same result. */
export function evaluateScreening(snapshot: ScreeningSnapshot, ruleSet: RuleSet): ScreeningResult {
  const flags = SCREENING_RULES.map((rule) => rule.evaluate(snapshot, ruleSet)).filter((finding): finding is FlagFinding => finding !== null);
  return { ruleSetVersion: ruleSet.version, outcome: outcomeOf(flags), flags };
}
