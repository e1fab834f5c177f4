/** Rule codes, severities and rule sets: plain data, so a rule set can be stored, versioned and validated. */

export const RULE_CODES = [
  'PVD',
  'DIABETES',
  'SMOKER',
  'LIMB_RADIOTHERAPY',
  'CHEMOTHERAPY',
  'SKELETAL_IMMATURITY',
  'ACTIVE_INFECTION',
  'IMMUNOSUPPRESSION',
  'OSTEOPOROSIS',
  'PREGNANCY',
  'LEVEL_EMERGING',
  'LEVEL_UNUSUAL',
  'MISSING_FACTS',
  'NO_SOCKET_COMPLAINT',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export const FLAG_SEVERITIES = ['contraindication', 'caution', 'info'] as const;
export type FlagSeverity = (typeof FLAG_SEVERITIES)[number];

/**
 * The severities an admin may set. Chemotherapy has two keys because ongoing and past treatment
 * carry different risk; MISSING_FACTS and NO_SOCKET_COMPLAINT are always `info` because they drive
 * the outcome by themselves, not through their severity.
 */
export const CONFIGURABLE_SEVERITY_KEYS = [
  'PVD',
  'DIABETES',
  'SMOKER',
  'LIMB_RADIOTHERAPY',
  'CHEMOTHERAPY_ONGOING',
  'CHEMOTHERAPY_PAST',
  'SKELETAL_IMMATURITY',
  'ACTIVE_INFECTION',
  'IMMUNOSUPPRESSION',
  'OSTEOPOROSIS',
  'PREGNANCY',
  'LEVEL_EMERGING',
  'LEVEL_UNUSUAL',
] as const;
export type ConfigurableSeverityKey = (typeof CONFIGURABLE_SEVERITY_KEYS)[number];

export type RuleSetSeverities = Record<ConfigurableSeverityKey, FlagSeverity>;

export interface RuleSet {
  version: string;
  severities: Readonly<RuleSetSeverities>;
}

export const DEFAULT_RULE_SET: RuleSet = Object.freeze({
  version: 'oi-default-1',
  severities: Object.freeze({
    PVD: 'contraindication',
    DIABETES: 'contraindication',
    SMOKER: 'contraindication',
    LIMB_RADIOTHERAPY: 'contraindication',
    CHEMOTHERAPY_ONGOING: 'contraindication',
    CHEMOTHERAPY_PAST: 'caution',
    SKELETAL_IMMATURITY: 'contraindication',
    ACTIVE_INFECTION: 'contraindication',
    IMMUNOSUPPRESSION: 'caution',
    OSTEOPOROSIS: 'caution',
    PREGNANCY: 'caution',
    LEVEL_EMERGING: 'caution',
    LEVEL_UNUSUAL: 'caution',
  }),
});

export interface RuleSetProblem {
  /** The offending key, or '' when the input as a whole is wrong. */
  key: string;
  problem: 'not_an_object' | 'unknown_key' | 'missing_key' | 'bad_severity';
  message: string;
}

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

/**
 * Every problem with a proposed severities map, so an API can refuse a bad rule set with all the
 * reasons at once. Values are never echoed back: they could be anything.
 */
export function validateRuleSetSeverities(input: unknown): RuleSetProblem[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [{ key: '', problem: 'not_an_object', message: 'severities must be an object keyed by rule' }];
  }
  const record = input as Record<string, unknown>;
  const problems: RuleSetProblem[] = [];
  for (const key of Object.keys(record)) {
    if (!isOneOf(CONFIGURABLE_SEVERITY_KEYS, key)) {
      problems.push({ key, problem: 'unknown_key', message: `"${key}" is not a configurable rule` });
    } else if (!isOneOf(FLAG_SEVERITIES, record[key])) {
      problems.push({ key, problem: 'bad_severity', message: `"${key}" must be one of ${FLAG_SEVERITIES.join(', ')}` });
    }
  }
  for (const key of CONFIGURABLE_SEVERITY_KEYS) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) {
      problems.push({ key, problem: 'missing_key', message: `"${key}" needs a severity` });
    }
  }
  return problems;
}

export function isRuleSetSeverities(input: unknown): input is RuleSetSeverities {
  return validateRuleSetSeverities(input).length === 0;
}
