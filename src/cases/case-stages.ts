/**
 * The two stage graphs a case moves through. Pure data and functions: the service asks here whether a
 * move is allowed and names the allowed next stages when it is not.
 */

export const INTAKE_STAGES = ['enquiry', 'accepted', 'declined', 'referred_elsewhere', 'closed'] as const;
export type IntakeStage = (typeof INTAKE_STAGES)[number];

export const PATHWAY_STAGES = [
  'not_screened',
  'screened',
  'referred',
  'assessed',
  'surgery_scheduled',
  'post_operative',
  'completed',
  'not_suitable',
] as const;
export type PathwayStage = (typeof PATHWAY_STAGES)[number];

/** Intake stages after which a case takes no new screening or referral work. */
export const CLOSED_INTAKE_STAGES: readonly IntakeStage[] = ['declined', 'referred_elsewhere', 'closed'];

export function isIntakeOpen(stage: IntakeStage): boolean {
  return !CLOSED_INTAKE_STAGES.includes(stage);
}

export type StageTrack = 'intake' | 'pathway';
export type Stage = IntakeStage | PathwayStage;
export const ALL_STAGES: readonly Stage[] = [...INTAKE_STAGES, ...PATHWAY_STAGES];

const INTAKE_NEXT: Record<IntakeStage, readonly IntakeStage[]> = {
  enquiry: ['accepted', 'declined', 'referred_elsewhere'],
  accepted: ['closed'],
  declined: ['closed'],
  referred_elsewhere: ['closed'],
  closed: [],
};

// A client can be found not suitable at any point before surgery; after it, the pathway runs its course.
const PATHWAY_NEXT: Record<PathwayStage, readonly PathwayStage[]> = {
  not_screened: ['screened'],
  screened: ['referred', 'not_suitable'],
  referred: ['assessed', 'not_suitable'],
  assessed: ['surgery_scheduled', 'not_suitable'],
  surgery_scheduled: ['post_operative', 'not_suitable'],
  post_operative: ['completed'],
  completed: [],
  not_suitable: [],
};

export function trackOf(stage: Stage): StageTrack {
  return (INTAKE_STAGES as readonly string[]).includes(stage) ? 'intake' : 'pathway';
}

export function nextIntakeStages(from: IntakeStage): readonly IntakeStage[] {
  return INTAKE_NEXT[from];
}

export function nextPathwayStages(from: PathwayStage): readonly PathwayStage[] {
  return PATHWAY_NEXT[from];
}

export type TransitionCheck = { allowed: true; track: StageTrack; from: Stage } | { allowed: false; track: StageTrack; from: Stage; allowedNext: readonly Stage[] };

/** Whether a case at (intake, pathway) may move to `to`; the track is the one `to` belongs to. */
export function checkTransition(current: { intake: IntakeStage; pathway: PathwayStage }, to: Stage): TransitionCheck {
  const track = trackOf(to);
  const from: Stage = track === 'intake' ? current.intake : current.pathway;
  const allowedNext = track === 'intake' ? nextIntakeStages(current.intake) : nextPathwayStages(current.pathway);
  return (allowedNext as readonly Stage[]).includes(to) ? { allowed: true, track, from } : { allowed: false, track, from, allowedNext };
}
