import { ageOn } from './age';
import { ConfigurableSeverityKey, FlagSeverity, RuleCode, RuleSet } from './rule-set';
import { HealthFacts, ScreeningSnapshot } from './screening-snapshot';

/**
 * One finding. `fields` are paths into the snapshot that triggered it (`health.diabetes`, `dateOfBirth`,
 * `amputations[0].level`, zero-based); `message` says what was found and why it matters, and never
 * carries the value of any other field.
 */
export interface FlagFinding {
  code: RuleCode;
  severity: FlagSeverity;
  modifiable: boolean;
  message: string;
  fields: string[];
}

export interface ScreeningRule {
  code: RuleCode;
  evaluate(snapshot: ScreeningSnapshot, ruleSet: RuleSet): FlagFinding | null;
}

/** Plain words for each fact MISSING_FACTS can name, keyed by its snapshot path. */
export const MISSING_FACT_LABELS: Readonly<Record<string, string>> = {
  'health.peripheralVascularDisease': 'peripheral vascular disease',
  'health.diabetes': 'diabetes',
  'health.smokingStatus': 'smoking status',
  dateOfBirth: 'date of birth',
  amputations: 'amputation details',
};

export const ADULT_AGE = 18;

type YesNoFact = { [K in keyof HealthFacts]: HealthFacts[K] extends 'yes' | 'no' | 'unknown' ? K : never }[keyof HealthFacts];

function flag(code: RuleCode, severity: FlagSeverity, message: string, fields: string[], modifiable = false): FlagFinding {
  return { code, severity, modifiable, message, fields };
}

/** A rule that fires when a yes/no health fact is `yes`; `unknown` and `no` stay silent. */
function whenYes(code: RuleCode & ConfigurableSeverityKey, fact: YesNoFact, message: string, modifiable = false): ScreeningRule {
  return {
    code,
    evaluate: (snapshot, ruleSet) =>
      snapshot.health[fact] === 'yes' ? flag(code, ruleSet.severities[code], message, [`health.${fact}`], modifiable) : null,
  };
}

const words = (level: string) => level.replace(/_/g, ' ');

/** Each amputation that matches, as `amputations[i].level` paths, with the levels found (deduplicated). */
function levelsMatching(snapshot: ScreeningSnapshot, matches: (level: string) => boolean) {
  const hits = snapshot.amputations.map((amputation, index) => ({ level: amputation.level, index })).filter((hit) => matches(hit.level));
  return { fields: hits.map((hit) => `amputations[${hit.index}].level`), levels: [...new Set(hits.map((hit) => words(hit.level)))] };
}

const USUAL_LEVELS: readonly string[] = ['transfemoral', 'transhumeral', 'transtibial'];

/** In this order the flags are reported; the order is part of the result and must stay stable. */
export const SCREENING_RULES: readonly ScreeningRule[] = [
  whenYes(
    'PVD',
    'peripheralVascularDisease',
    'Peripheral vascular disease is recorded. Poor blood supply slows healing of bone and skin around an osseointegrated implant and raises the risk of infection and implant failure.',
  ),
  whenYes(
    'DIABETES',
    'diabetes',
    'Diabetes is recorded. It slows wound healing and raises the risk of infection where the implant passes through the skin.',
  ),
  {
    code: 'SMOKER',
    evaluate: (snapshot, ruleSet) =>
      snapshot.health.smokingStatus === 'current'
        ? flag(
            'SMOKER',
            ruleSet.severities.SMOKER,
            'The client currently smokes. Smoking reduces blood supply and bone healing and raises the risk of implant failure; stopping smoking can change this finding.',
            ['health.smokingStatus'],
            true,
          )
        : null,
  },
  whenYes(
    'LIMB_RADIOTHERAPY',
    'limbRadiotherapy',
    'Radiotherapy to the amputated limb is recorded. Irradiated bone and skin heal poorly, which puts the bond between implant and bone at risk.',
  ),
  {
    code: 'CHEMOTHERAPY',
    evaluate: (snapshot, ruleSet) => {
      const status = snapshot.health.chemotherapy;
      if (status === 'ongoing') {
        return flag(
          'CHEMOTHERAPY',
          ruleSet.severities.CHEMOTHERAPY_ONGOING,
          'Chemotherapy is ongoing. It suppresses healing and the immune system, so implant surgery is not advised during treatment.',
          ['health.chemotherapy'],
        );
      }
      if (status === 'past') {
        return flag(
          'CHEMOTHERAPY',
          ruleSet.severities.CHEMOTHERAPY_PAST,
          'Past chemotherapy is recorded. Bone quality and healing may still be affected, so the surgeon should review the treatment history.',
          ['health.chemotherapy'],
        );
      }
      return null; // `unknown` is deliberately not a missing fact: it does not block screening.
    },
  },
  {
    code: 'SKELETAL_IMMATURITY',
    evaluate: (snapshot, ruleSet) =>
      snapshot.dateOfBirth !== null && ageOn(snapshot.dateOfBirth, snapshot.screeningDate) < ADULT_AGE
        ? flag(
            'SKELETAL_IMMATURITY',
            ruleSet.severities.SKELETAL_IMMATURITY,
            'The client is under 18 on the screening date. Bones may still be growing, and osseointegration is offered only once the skeleton is mature.',
            ['dateOfBirth'],
          )
        : null,
  },
  whenYes(
    'ACTIVE_INFECTION',
    'activeInfection',
    'An active residual-limb infection is recorded. An implant cannot be placed through infected tissue; once the infection is treated this finding can change.',
    true,
  ),
  whenYes(
    'IMMUNOSUPPRESSION',
    'immunosuppression',
    'Immunosuppression is recorded. It raises the risk of infection where the implant passes through the skin.',
  ),
  whenYes(
    'OSTEOPOROSIS',
    'osteoporosis',
    'Osteoporosis is recorded. Weak bone may not anchor the implant securely and may fracture under load.',
  ),
  whenYes(
    'PREGNANCY',
    'pregnancy',
    'Pregnancy is recorded. Elective implant surgery and the rehabilitation after it are usually deferred until after pregnancy.',
  ),
  {
    code: 'LEVEL_EMERGING',
    evaluate: (snapshot, ruleSet) => {
      const { fields } = levelsMatching(snapshot, (level) => level === 'transtibial');
      return fields.length === 0
        ? null
        : flag(
            'LEVEL_EMERGING',
            ruleSet.severities.LEVEL_EMERGING,
            'A transtibial amputation is recorded. Osseointegration below the knee is an emerging practice with less long-term evidence than above the knee.',
            fields,
          );
    },
  },
  {
    code: 'LEVEL_UNUSUAL',
    evaluate: (snapshot, ruleSet) => {
      const { fields, levels } = levelsMatching(snapshot, (level) => !USUAL_LEVELS.includes(level));
      return fields.length === 0
        ? null
        : flag(
            'LEVEL_UNUSUAL',
            ruleSet.severities.LEVEL_UNUSUAL,
            `An amputation at a level other than transfemoral, transhumeral or transtibial is recorded (${levels.join(', ')}). Osseointegration there is outside usual practice and few surgeons offer it.`,
            fields,
          );
    },
  },
  {
    code: 'MISSING_FACTS',
    evaluate: (snapshot) => {
      const { health } = snapshot;
      const fields = [
        health.peripheralVascularDisease === 'unknown' ? 'health.peripheralVascularDisease' : null,
        health.diabetes === 'unknown' ? 'health.diabetes' : null,
        health.smokingStatus === 'unknown' ? 'health.smokingStatus' : null,
        snapshot.dateOfBirth === null ? 'dateOfBirth' : null,
        snapshot.amputations.length === 0 ? 'amputations' : null,
      ].filter((field): field is string => field !== null);
      if (fields.length === 0) return null;
      const names = fields.map((field) => MISSING_FACT_LABELS[field]).join(', ');
      return flag('MISSING_FACTS', 'info', `Facts needed for screening are not known: ${names}. Screening cannot give a reliable answer until they are.`, fields);
    },
  },
  {
    code: 'NO_SOCKET_COMPLAINT',
    evaluate: (snapshot) => {
      if (snapshot.amputations.some((amputation) => amputation.socketComplaints.length > 0)) return null;
      // With no amputation at all there is no complaint either; MISSING_FACTS decides that outcome first.
      const fields = snapshot.amputations.length === 0 ? ['amputations'] : snapshot.amputations.map((_, index) => `amputations[${index}].socketComplaints`);
      return flag(
        'NO_SOCKET_COMPLAINT',
        'info',
        'No socket complaint is recorded on any amputation. Osseointegration is for people who cannot use a socket prosthesis comfortably, so without a complaint there is no indication for referral.',
        fields,
      );
    },
  },
];
