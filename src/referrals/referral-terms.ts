import { REFERRAL_PHASES, REFERRAL_TASK_TYPES, ReferralPhase, ReferralTaskType } from '../screening/engine';

export { REFERRAL_PHASES, REFERRAL_TASK_TYPES };
export type { ReferralPhase, ReferralTaskType };

export const REFERRAL_TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ReferralTaskStatus = (typeof REFERRAL_TASK_STATUSES)[number];

/** Open and in-progress tasks are the work still to do; they are the ones that can be overdue. */
export const ACTIVE_TASK_STATUSES: readonly ReferralTaskStatus[] = ['open', 'in_progress'];

const NEXT_STATUS: Record<ReferralTaskStatus, readonly ReferralTaskStatus[]> = {
  open: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

export function nextTaskStatuses(from: ReferralTaskStatus): readonly ReferralTaskStatus[] {
  return NEXT_STATUS[from];
}

export function isFinalStatus(status: ReferralTaskStatus): boolean {
  return NEXT_STATUS[status].length === 0;
}

export const PROVIDER_KINDS = [
  'surgeon',
  'peer_support',
  'pain_psychologist',
  'pain_specialist',
  'prosthetist',
  'occupational_therapist',
  'physiotherapist',
  'personal_trainer',
] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** Which kind of provider can take each task; null where the work is the firm's own. */
export const PROVIDER_KIND_FOR_TASK: Readonly<Record<ReferralTaskType, ProviderKind | null>> = {
  SURGEON_OPINION: 'surgeon',
  SECOND_SURGEON_OPINION: 'surgeon',
  PEER_SUPPORT: 'peer_support',
  PAIN_PSYCHOLOGIST: 'pain_psychologist',
  PAIN_SPECIALIST: 'pain_specialist',
  PROSTHETIST: 'prosthetist',
  PROSTHETIST_SOCKET_REVIEW: 'prosthetist',
  OCCUPATIONAL_THERAPIST: 'occupational_therapist',
  PHYSIOTHERAPIST: 'physiotherapist',
  PERSONAL_TRAINER: 'personal_trainer',
  RESCREEN_REVIEW: null,
  OBTAIN_MEDICAL_RECORDS: null,
};

/** Plain-English task names, for calendars and messages. */
export const TASK_TYPE_LABELS: Readonly<Record<ReferralTaskType, string>> = {
  SURGEON_OPINION: 'Specialist OI surgeon opinion',
  SECOND_SURGEON_OPINION: 'Second surgeon opinion',
  PEER_SUPPORT: 'Peer support',
  PAIN_PSYCHOLOGIST: 'Pain psychologist',
  PAIN_SPECIALIST: 'Pain specialist',
  PROSTHETIST: 'Prosthetist',
  PROSTHETIST_SOCKET_REVIEW: 'Prosthetist socket review',
  OCCUPATIONAL_THERAPIST: 'Occupational therapist',
  PHYSIOTHERAPIST: 'Physiotherapist',
  PERSONAL_TRAINER: 'Personal trainer',
  RESCREEN_REVIEW: 'Re-screening review',
  OBTAIN_MEDICAL_RECORDS: 'Obtain medical records',
};
