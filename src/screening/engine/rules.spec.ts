import { AmputationLevel } from '../../clients/clinical-terms';
import { DEFAULT_RULE_SET, RULE_CODES, RuleCode, RuleSet } from './rule-set';
import { SCREENING_RULES } from './rules';
import { amputation, snapshotWith, SnapshotChanges } from './screening-fixtures';
import { ScreeningSnapshot } from './screening-snapshot';

function run(code: RuleCode, snapshot: ScreeningSnapshot, ruleSet: RuleSet = DEFAULT_RULE_SET) {
  const rule = SCREENING_RULES.find((candidate) => candidate.code === code);
  if (rule === undefined) throw new Error(`no rule ${code}`);
  return rule.evaluate(snapshot, ruleSet);
}

describe('the rule table', () => {
  it('has exactly one rule per code, in RULE_CODES order', () => {
    expect(SCREENING_RULES.map((rule) => rule.code)).toEqual([...RULE_CODES]);
  });

  it('stays silent for the healthy, indicated client', () => {
    expect(SCREENING_RULES.map((rule) => rule.evaluate(snapshotWith(), DEFAULT_RULE_SET))).toEqual(RULE_CODES.map(() => null));
  });
});

describe('yes/no health rules', () => {
  it.each([
    ['PVD', 'peripheralVascularDisease', 'contraindication', false],
    ['DIABETES', 'diabetes', 'contraindication', false],
    ['LIMB_RADIOTHERAPY', 'limbRadiotherapy', 'contraindication', false],
    ['ACTIVE_INFECTION', 'activeInfection', 'contraindication', true],
    ['IMMUNOSUPPRESSION', 'immunosuppression', 'caution', false],
    ['OSTEOPOROSIS', 'osteoporosis', 'caution', false],
    ['PREGNANCY', 'pregnancy', 'caution', false],
  ] as const)('%s fires on %s = yes as a %s (modifiable: %s)', (code, fact, severity, modifiable) => {
    const finding = run(code, snapshotWith({ health: { [fact]: 'yes' } }));
    expect(finding).toEqual({ code, severity, modifiable, message: expect.any(String), fields: [`health.${fact}`] });
    expect(finding?.message.length).toBeGreaterThan(40);
  });

  it.each([
    ['PVD', 'peripheralVascularDisease'],
    ['DIABETES', 'diabetes'],
    ['LIMB_RADIOTHERAPY', 'limbRadiotherapy'],
    ['ACTIVE_INFECTION', 'activeInfection'],
    ['IMMUNOSUPPRESSION', 'immunosuppression'],
    ['OSTEOPOROSIS', 'osteoporosis'],
    ['PREGNANCY', 'pregnancy'],
  ] as const)('%s stays silent on %s = no and = unknown', (code, fact) => {
    expect(run(code, snapshotWith({ health: { [fact]: 'no' } }))).toBeNull();
    expect(run(code, snapshotWith({ health: { [fact]: 'unknown' } }))).toBeNull();
  });
});

describe('SMOKER', () => {
  it('fires for a current smoker, as a modifiable contraindication', () => {
    expect(run('SMOKER', snapshotWith({ health: { smokingStatus: 'current' } }))).toEqual(
      expect.objectContaining({ severity: 'contraindication', modifiable: true, fields: ['health.smokingStatus'] }),
    );
  });

  it.each(['former', 'never', 'unknown'] as const)('stays silent for %s', (smokingStatus) => {
    expect(run('SMOKER', snapshotWith({ health: { smokingStatus } }))).toBeNull();
  });
});

describe('CHEMOTHERAPY', () => {
  it.each([
    ['ongoing', 'contraindication'],
    ['past', 'caution'],
  ] as const)('fires for %s as a %s', (chemotherapy, severity) => {
    expect(run('CHEMOTHERAPY', snapshotWith({ health: { chemotherapy } }))).toEqual(
      expect.objectContaining({ code: 'CHEMOTHERAPY', severity, modifiable: false, fields: ['health.chemotherapy'] }),
    );
  });

  it.each(['none', 'unknown'] as const)('stays silent for %s, and %s is not a missing fact', (chemotherapy) => {
    const snapshot = snapshotWith({ health: { chemotherapy } });
    expect(run('CHEMOTHERAPY', snapshot)).toBeNull();
    expect(run('MISSING_FACTS', snapshot)).toBeNull();
  });

  it('takes each status from its own key in the rule set', () => {
    const ruleSet = { version: 't', severities: { ...DEFAULT_RULE_SET.severities, CHEMOTHERAPY_ONGOING: 'caution', CHEMOTHERAPY_PAST: 'info' } } as const;
    expect(run('CHEMOTHERAPY', snapshotWith({ health: { chemotherapy: 'ongoing' } }), ruleSet)?.severity).toBe('caution');
    expect(run('CHEMOTHERAPY', snapshotWith({ health: { chemotherapy: 'past' } }), ruleSet)?.severity).toBe('info');
  });
});

describe('SKELETAL_IMMATURITY (age on the screening date)', () => {
  it.each([
    ['2008-11-25', '2026-11-24', true, 'the day before the 18th birthday'],
    ['2008-11-25', '2026-11-25', false, 'the 18th birthday'],
    ['2008-02-29', '2026-02-28', true, '29 Feb birth on 28 Feb of a non-leap year'],
    ['2008-02-29', '2026-03-01', false, '29 Feb birth on 1 Mar of a non-leap year'],
    ['2012-06-01', '2026-06-01', true, 'a 14-year-old'],
    ['1950-01-01', '2026-06-01', false, 'a 76-year-old'],
  ])('born %s, screened %s: fires %s (%s)', (dateOfBirth, screeningDate, fires) => {
    const finding = run('SKELETAL_IMMATURITY', snapshotWith({ dateOfBirth, screeningDate }));
    expect(finding === null ? null : [finding.severity, finding.fields]).toEqual(fires ? ['contraindication', ['dateOfBirth']] : null);
  });

  it('leaves an unknown date of birth to MISSING_FACTS', () => {
    expect(run('SKELETAL_IMMATURITY', snapshotWith({ dateOfBirth: null }))).toBeNull();
  });
});

describe('level rules', () => {
  const cases: [string, AmputationLevel[], string[], string[]][] = [
    ['a transfemoral', ['transfemoral'], [], []],
    ['a transhumeral', ['transhumeral'], [], []],
    ['a transtibial', ['transtibial'], ['amputations[0].level'], []],
    ['a knee disarticulation', ['knee_disarticulation'], [], ['amputations[0].level']],
    ['a transradial', ['transradial'], [], ['amputations[0].level']],
    ['bilateral transtibial', ['transtibial', 'transtibial'], ['amputations[0].level', 'amputations[1].level'], []],
    ['bilateral transfemoral', ['transfemoral', 'transfemoral'], [], []],
    ['transfemoral and transtibial', ['transfemoral', 'transtibial'], ['amputations[1].level'], []],
    ['transtibial and partial foot', ['transtibial', 'partial_foot'], ['amputations[0].level'], ['amputations[1].level']],
    ['upper transhumeral and lower transtibial', ['transhumeral', 'transtibial'], ['amputations[1].level'], []],
    ['upper transradial and lower transfemoral', ['transradial', 'transfemoral'], [], ['amputations[0].level']],
    ['hip, transfemoral, wrist', ['hip_disarticulation', 'transfemoral', 'wrist_disarticulation'], [], ['amputations[0].level', 'amputations[2].level']],
  ];

  it.each(cases)('%s: LEVEL_EMERGING fields %j, LEVEL_UNUSUAL fields %j', (_label, levels, emerging, unusual) => {
    const snapshot = snapshotWith({ amputations: levels.map((level, index) => amputation(level, 1, index % 2 ? 'right' : 'left')) });
    expect(run('LEVEL_EMERGING', snapshot)?.fields ?? []).toEqual(emerging);
    expect(run('LEVEL_UNUSUAL', snapshot)?.fields ?? []).toEqual(unusual);
  });

  it('names each unusual level once, in plain words', () => {
    const snapshot = snapshotWith({ amputations: [amputation('partial_foot'), amputation('partial_foot', 1, 'right'), amputation('transradial')] });
    expect(run('LEVEL_UNUSUAL', snapshot)?.message).toContain('(partial foot, transradial)');
  });

  it('is a caution by default, with severities from the rule set', () => {
    const snapshot = snapshotWith({ amputations: [amputation('transtibial'), amputation('elbow_disarticulation')] });
    expect(run('LEVEL_EMERGING', snapshot)?.severity).toBe('caution');
    const strict = { version: 't', severities: { ...DEFAULT_RULE_SET.severities, LEVEL_UNUSUAL: 'contraindication' } } as const;
    expect(run('LEVEL_UNUSUAL', snapshot, strict)?.severity).toBe('contraindication');
  });
});

describe('MISSING_FACTS', () => {
  it.each<[string, SnapshotChanges, string[] | null]>([
    ['nothing missing', {}, null],
    ['PVD unknown', { health: { peripheralVascularDisease: 'unknown' } }, ['health.peripheralVascularDisease']],
    ['diabetes unknown', { health: { diabetes: 'unknown' } }, ['health.diabetes']],
    ['smoking unknown', { health: { smokingStatus: 'unknown' } }, ['health.smokingStatus']],
    ['no date of birth', { dateOfBirth: null }, ['dateOfBirth']],
    ['no amputation', { amputations: [] }, ['amputations']],
    [
      'everything',
      { dateOfBirth: null, amputations: [], health: { peripheralVascularDisease: 'unknown', diabetes: 'unknown', smokingStatus: 'unknown' } },
      ['health.peripheralVascularDisease', 'health.diabetes', 'health.smokingStatus', 'dateOfBirth', 'amputations'],
    ],
    [
      'other unknowns only (not needed facts)',
      { health: { chemotherapy: 'unknown', limbRadiotherapy: 'unknown', activeInfection: 'unknown', pregnancy: 'unknown', activityLevel: 'unknown' } },
      null,
    ],
  ])('%s → %j', (_label, changes, fields) => {
    const finding = run('MISSING_FACTS', snapshotWith(changes));
    expect(finding === null ? null : finding.fields).toEqual(fields);
    if (finding !== null) expect([finding.severity, finding.modifiable]).toEqual(['info', false]);
  });

  it('names the missing facts in plain words', () => {
    const finding = run('MISSING_FACTS', snapshotWith({ dateOfBirth: null, health: { smokingStatus: 'unknown' } }));
    expect(finding?.message).toMatch(/smoking status, date of birth\./);
  });
});

describe('NO_SOCKET_COMPLAINT', () => {
  it.each<[string, SnapshotChanges, string[] | null]>([
    ['one complaint', {}, null],
    ['no complaint', { amputations: [amputation('transfemoral', 0)] }, ['amputations[0].socketComplaints']],
    ['bilateral, complaint on the second only', { amputations: [amputation('transfemoral', 0), amputation('transfemoral', 2, 'right')] }, null],
    [
      'bilateral, no complaint',
      { amputations: [amputation('transfemoral', 0), amputation('transtibial', 0, 'right')] },
      ['amputations[0].socketComplaints', 'amputations[1].socketComplaints'],
    ],
    ['no amputation at all', { amputations: [] }, ['amputations']],
  ])('%s → %j', (_label, changes, fields) => {
    const finding = run('NO_SOCKET_COMPLAINT', snapshotWith(changes));
    expect(finding === null ? null : [finding.severity, finding.fields]).toEqual(fields === null ? null : ['info', fields]);
  });
});

describe('messages', () => {
  it('never carry dates or unrelated values', () => {
    const snapshot = snapshotWith({
      dateOfBirth: '2011-03-14',
      amputations: [amputation('transtibial', 0), amputation('transradial', 0, 'right')],
      health: { peripheralVascularDisease: 'yes', diabetes: 'unknown', smokingStatus: 'current', chemotherapy: 'past', activeInfection: 'yes', activityLevel: 'K4' },
    });
    const messages = SCREENING_RULES.map((rule) => rule.evaluate(snapshot, DEFAULT_RULE_SET)?.message).filter((message) => message !== undefined);
    expect(messages.length).toBeGreaterThanOrEqual(8);
    for (const message of messages) {
      expect(message).not.toMatch(/2011|2026|K4|right|left/);
    }
  });
});
