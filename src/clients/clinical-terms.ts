/** Closed vocabularies for the clinical record, as DESIGN.md names them. Plain data: no framework here. */

export const LIMBS = ['upper', 'lower'] as const;
export type Limb = (typeof LIMBS)[number];

export const SIDES = ['left', 'right'] as const;
export type Side = (typeof SIDES)[number];

export const LOWER_LIMB_LEVELS = [
  'hip_disarticulation',
  'transfemoral',
  'knee_disarticulation',
  'transtibial',
  'ankle_disarticulation',
  'partial_foot',
] as const;
export const UPPER_LIMB_LEVELS = [
  'shoulder_disarticulation',
  'transhumeral',
  'elbow_disarticulation',
  'transradial',
  'wrist_disarticulation',
  'partial_hand',
] as const;
export const AMPUTATION_LEVELS = [...LOWER_LIMB_LEVELS, ...UPPER_LIMB_LEVELS] as const;
export type AmputationLevel = (typeof AMPUTATION_LEVELS)[number];

export function levelBelongsToLimb(level: AmputationLevel, limb: Limb): boolean {
  return (limb === 'lower' ? (LOWER_LIMB_LEVELS as readonly string[]) : (UPPER_LIMB_LEVELS as readonly string[])).includes(level);
}

export const AMPUTATION_CAUSES = ['trauma', 'vascular', 'infection', 'tumour', 'congenital', 'other'] as const;
export type AmputationCause = (typeof AMPUTATION_CAUSES)[number];

export const SOCKET_COMPLAINT_TYPES = [
  'excessive_sweating',
  'volume_fluctuation',
  'short_residuum',
  'skin_graft',
  'scarring',
  'flaps',
  'bone_spurs',
  'neuroma',
  'skin_breakdown',
  'pain',
  'poor_fit',
  'other',
] as const;
export type SocketComplaintType = (typeof SOCKET_COMPLAINT_TYPES)[number];

export const SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** `unknown` and `no` are different answers: unknown means nobody has asked yet. */
export const YES_NO_UNKNOWN = ['yes', 'no', 'unknown'] as const;
export type YesNoUnknown = (typeof YES_NO_UNKNOWN)[number];

export const SMOKING_STATUSES = ['current', 'former', 'never', 'unknown'] as const;
export type SmokingStatus = (typeof SMOKING_STATUSES)[number];

export const CHEMOTHERAPY_STATUSES = ['none', 'past', 'ongoing', 'unknown'] as const;
export type ChemotherapyStatus = (typeof CHEMOTHERAPY_STATUSES)[number];

/** Medicare functional classification levels K0–K4. */
export const ACTIVITY_LEVELS = ['K0', 'K1', 'K2', 'K3', 'K4', 'unknown'] as const;
export type ActivityLevel = (typeof ACTIVITY_LEVELS)[number];

export const PREFERRED_CONTACTS = ['phone', 'email', 'post', 'text'] as const;
export type PreferredContact = (typeof PREFERRED_CONTACTS)[number];

export const CONSENT_STATUSES = ['given', 'refused', 'withdrawn', 'not_recorded'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
