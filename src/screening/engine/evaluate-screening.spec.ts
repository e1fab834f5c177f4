import { evaluateScreening, outcomeFavourability, SCREENING_OUTCOMES, ScreeningOutcome } from './evaluate-screening';
import { DEFAULT_RULE_SET, RuleSet, RuleSetSeverities } from './rule-set';
import { amputation, snapshotWith, SnapshotChanges } from './screening-fixtures';

const withSeverities = (changes: Partial<RuleSetSeverities>): RuleSet => ({
  version: 'custom-2',
  severities: { ...DEFAULT_RULE_SET.severities, ...changes },
});

const noComplaint = [amputation('transfemoral', 0)];

describe('evaluateScreening outcomes (default rule set)', () => {
  it.each<[string, SnapshotChanges, ScreeningOutcome]>([
    ['a healthy adult with a complaint', {}, 'refer'],
    ['a caution only (osteoporosis)', { health: { osteoporosis: 'yes' } }, 'refer_with_caution'],
    ['a caution only (transtibial)', { amputations: [amputation('transtibial')] }, 'refer_with_caution'],
    ['a caution only (past chemotherapy)', { health: { chemotherapy: 'past' } }, 'refer_with_caution'],
    ['no socket complaint', { amputations: noComplaint }, 'not_indicated'],
    ['a fact missing', { health: { diabetes: 'unknown' } }, 'needs_information'],
    ['a contraindication', { health: { peripheralVascularDisease: 'yes' } }, 'contraindicated'],
    ['ongoing chemotherapy', { health: { chemotherapy: 'ongoing' } }, 'contraindicated'],
    ['a 17-year-old', { dateOfBirth: '2009-06-02' }, 'contraindicated'],
    ['an 18-year-old', { dateOfBirth: '2008-06-01' }, 'refer'],
    ['unknown chemotherapy', { health: { chemotherapy: 'unknown' } }, 'refer'],
    ['a former smoker', { health: { smokingStatus: 'former' } }, 'refer'],
  ])('%s → %s', (_label, changes, outcome) => {
    expect(evaluateScreening(snapshotWith(changes), DEFAULT_RULE_SET).outcome).toBe(outcome);
  });
});

describe('outcome precedence: the first that applies wins', () => {
  it.each<[string, SnapshotChanges, ScreeningOutcome]>([
    ['contraindication over missing facts', { dateOfBirth: null, health: { smokingStatus: 'current' } }, 'contraindicated'],
    ['contraindication over no complaint', { amputations: noComplaint, health: { diabetes: 'yes' } }, 'contraindicated'],
    ['contraindication over caution', { health: { pregnancy: 'yes', activeInfection: 'yes' } }, 'contraindicated'],
    ['missing facts over no complaint', { amputations: noComplaint, health: { smokingStatus: 'unknown' } }, 'needs_information'],
    ['missing facts over caution', { health: { osteoporosis: 'yes', peripheralVascularDisease: 'unknown' } }, 'needs_information'],
    ['no amputation is missing facts, not not_indicated', { amputations: [] }, 'needs_information'],
    ['no complaint over caution', { amputations: [amputation('transtibial', 0)] }, 'not_indicated'],
  ])('%s', (_label, changes, outcome) => {
    expect(evaluateScreening(snapshotWith(changes), DEFAULT_RULE_SET).outcome).toBe(outcome);
  });
});

describe('severities come from the rule set', () => {
  it.each<[string, Partial<RuleSetSeverities>, SnapshotChanges, ScreeningOutcome]>([
    ['diabetes as caution', { DIABETES: 'caution' }, { health: { diabetes: 'yes' } }, 'refer_with_caution'],
    ['diabetes as info', { DIABETES: 'info' }, { health: { diabetes: 'yes' } }, 'refer'],
    ['osteoporosis as contraindication', { OSTEOPOROSIS: 'contraindication' }, { health: { osteoporosis: 'yes' } }, 'contraindicated'],
    ['transtibial as info', { LEVEL_EMERGING: 'info' }, { amputations: [amputation('transtibial')] }, 'refer'],
    ['past chemotherapy as contraindication', { CHEMOTHERAPY_PAST: 'contraindication' }, { health: { chemotherapy: 'past' } }, 'contraindicated'],
  ])('%s', (_label, severities, changes, outcome) => {
    const result = evaluateScreening(snapshotWith(changes), withSeverities(severities));
    expect(result.outcome).toBe(outcome);
    expect(result.ruleSetVersion).toBe('custom-2');
  });

  it('keeps modifiable a property of the rule, whatever its severity', () => {
    const [finding] = evaluateScreening(snapshotWith({ health: { smokingStatus: 'current' } }), withSeverities({ SMOKER: 'caution' })).flags;
    expect(finding).toEqual(expect.objectContaining({ code: 'SMOKER', severity: 'caution', modifiable: true }));
  });
});

describe('the result', () => {
  it('lists flags in rule order and names the rule-set version', () => {
    const result = evaluateScreening(
      snapshotWith({
        dateOfBirth: null,
        amputations: [amputation('transtibial', 0), amputation('knee_disarticulation', 0, 'right')],
        health: { pregnancy: 'yes', activeInfection: 'yes', diabetes: 'yes', chemotherapy: 'past', smokingStatus: 'current' },
      }),
      DEFAULT_RULE_SET,
    );
    expect(result.ruleSetVersion).toBe('oi-default-1');
    expect(result.flags.map((finding) => finding.code)).toEqual([
      'DIABETES',
      'SMOKER',
      'CHEMOTHERAPY',
      'ACTIVE_INFECTION',
      'PREGNANCY',
      'LEVEL_EMERGING',
      'LEVEL_UNUSUAL',
      'MISSING_FACTS',
      'NO_SOCKET_COMPLAINT',
    ]);
  });

  it('has no flags for a clear referral', () => {
    expect(evaluateScreening(snapshotWith(), DEFAULT_RULE_SET)).toEqual({ ruleSetVersion: 'oi-default-1', outcome: 'refer', flags: [] });
  });
});

describe('outcomeFavourability', () => {
  it('ranks refer > refer_with_caution > not_indicated > needs_information > contraindicated', () => {
    const ranked = [...SCREENING_OUTCOMES].sort((a, b) => outcomeFavourability(b) - outcomeFavourability(a));
    expect(ranked).toEqual(['refer', 'refer_with_caution', 'not_indicated', 'needs_information', 'contraindicated']);
    expect(outcomeFavourability('contraindicated')).toBe(0);
  });
});
