import { ActivityLevel } from '../../clients/clinical-terms';
import { ScreeningResult } from './evaluate-screening';
import { RuleCode } from './rule-set';
import { MISSING_FACT_LABELS } from './rules';

export const REFERRAL_TASK_TYPES = [
  'SURGEON_OPINION',
  'SECOND_SURGEON_OPINION',
  'PEER_SUPPORT',
  'PAIN_PSYCHOLOGIST',
  'PAIN_SPECIALIST',
  'PROSTHETIST',
  'OCCUPATIONAL_THERAPIST',
  'PHYSIOTHERAPIST',
  'PERSONAL_TRAINER',
  'PROSTHETIST_SOCKET_REVIEW',
  'RESCREEN_REVIEW',
  'OBTAIN_MEDICAL_RECORDS',
] as const;
export type ReferralTaskType = (typeof REFERRAL_TASK_TYPES)[number];

export const REFERRAL_PHASES = ['pre_op', 'post_op'] as const;
export type ReferralPhase = (typeof REFERRAL_PHASES)[number];

export interface PlannedTask {
  type: ReferralTaskType;
  phase: ReferralPhase;
  note: string | null;
}

const task = (type: ReferralTaskType, phase: ReferralPhase, note: string | null = null): PlannedTask => ({ type, phase, note });

const SURGEON_TASKS: readonly ReferralTaskType[] = ['SURGEON_OPINION', 'SECOND_SURGEON_OPINION'];
const PRE_OP_REFERRAL: readonly ReferralTaskType[] = [...SURGEON_TASKS, 'PEER_SUPPORT', 'PAIN_PSYCHOLOGIST', 'PAIN_SPECIALIST', 'PROSTHETIST'];
const POST_OP_CARE: readonly ReferralTaskType[] = ['PAIN_PSYCHOLOGIST', 'PAIN_SPECIALIST', 'PROSTHETIST', 'OCCUPATIONAL_THERAPIST', 'PHYSIOTHERAPIST'];
/** K3 and K4 walkers aim at variable cadence and high-impact activity, where a trainer earns their place. */
const TRAINER_LEVELS: readonly ActivityLevel[] = ['K3', 'K4'];

/** The tasks a screening calls for, chosen by its outcome alone (flags only fill in the notes). */
export function planForScreening(result: Pick<ScreeningResult, 'outcome' | 'flags'>): PlannedTask[] {
  switch (result.outcome) {
    case 'refer':
    case 'refer_with_caution':
      return PRE_OP_REFERRAL.map((type) => task(type, 'pre_op'));
    case 'contraindicated':
      return planForContraindication(result);
    case 'needs_information':
      return [task('OBTAIN_MEDICAL_RECORDS', 'pre_op', missingFactsNote(result))];
    case 'not_indicated':
      return [];
  }
}

const CHANGEABLE_WORDS: Partial<Record<RuleCode, string>> = {
  SMOKER: 'the client has stopped smoking',
  ACTIVE_INFECTION: 'the residual-limb infection has been treated',
};

function planForContraindication(result: Pick<ScreeningResult, 'flags'>): PlannedTask[] {
  const tasks = [task('PROSTHETIST_SOCKET_REVIEW', 'pre_op'), task('PEER_SUPPORT', 'pre_op')];
  const contraindications = result.flags.filter((finding) => finding.severity === 'contraindication');
  // Only worth re-screening when everything standing in the way can change (smoking, infection).
  if (contraindications.length > 0 && contraindications.every((finding) => finding.modifiable)) {
    const what = contraindications.map((finding) => CHANGEABLE_WORDS[finding.code] ?? finding.code).join(', ');
    tasks.push(task('RESCREEN_REVIEW', 'pre_op', `Re-screen once this has changed: ${what}.`));
  }
  return tasks;
}

function missingFactsNote(result: Pick<ScreeningResult, 'flags'>): string {
  const fields = result.flags.find((finding) => finding.code === 'MISSING_FACTS')?.fields ?? [];
  const names = fields.map((field) => MISSING_FACT_LABELS[field] ?? field);
  return names.length === 0
    ? 'Obtain medical records to complete the screening.'
    : `Obtain medical records to establish: ${names.join(', ')}.`;
}

/** When a solicitor overrides a contraindicated result, the surgeons are asked after all. */
export function planForOverride(): PlannedTask[] {
  return SURGEON_TASKS.map((type) => task(type, 'pre_op'));
}

/** Tasks created when the pathway enters `post_operative`. */
export function planForPostOperative(activityLevel: ActivityLevel): PlannedTask[] {
  const types = TRAINER_LEVELS.includes(activityLevel) ? [...POST_OP_CARE, 'PERSONAL_TRAINER' as const] : POST_OP_CARE;
  return types.map((type) => task(type, 'post_op'));
}
