import { ActivityLevel } from '../../clients/clinical-terms';
import { evaluateScreening, ScreeningOutcome } from './evaluate-screening';
import { PlannedTask, planForOverride, planForPostOperative, planForScreening } from './referral-plan';
import { DEFAULT_RULE_SET } from './rule-set';
import { amputation, snapshotWith, SnapshotChanges } from './screening-fixtures';

const plan = (changes: SnapshotChanges) => planForScreening(evaluateScreening(snapshotWith(changes), DEFAULT_RULE_SET));
const types = (tasks: PlannedTask[]) => tasks.map((task) => `${task.type}/${task.phase}`);

const PRE_OP_REFERRAL = ['SURGEON_OPINION', 'SECOND_SURGEON_OPINION', 'PEER_SUPPORT', 'PAIN_PSYCHOLOGIST', 'PAIN_SPECIALIST', 'PROSTHETIST'].map((type) => `${type}/pre_op`);

describe('planForScreening', () => {
  it.each<[string, SnapshotChanges, ScreeningOutcome, string[]]>([
    ['refer', {}, 'refer', PRE_OP_REFERRAL],
    ['refer_with_caution', { health: { pregnancy: 'yes' } }, 'refer_with_caution', PRE_OP_REFERRAL],
    ['not_indicated', { amputations: [amputation('transfemoral', 0)] }, 'not_indicated', []],
    ['needs_information', { dateOfBirth: null }, 'needs_information', ['OBTAIN_MEDICAL_RECORDS/pre_op']],
    ['contraindicated, not modifiable', { health: { diabetes: 'yes' } }, 'contraindicated', ['PROSTHETIST_SOCKET_REVIEW/pre_op', 'PEER_SUPPORT/pre_op']],
    [
      'contraindicated, modifiable and not',
      { health: { smokingStatus: 'current', peripheralVascularDisease: 'yes' } },
      'contraindicated',
      ['PROSTHETIST_SOCKET_REVIEW/pre_op', 'PEER_SUPPORT/pre_op'],
    ],
    ['contraindicated by smoking only', { health: { smokingStatus: 'current' } }, 'contraindicated', ['PROSTHETIST_SOCKET_REVIEW/pre_op', 'PEER_SUPPORT/pre_op', 'RESCREEN_REVIEW/pre_op']],
    [
      'contraindicated by smoking and infection: one re-screen',
      { health: { smokingStatus: 'current', activeInfection: 'yes' } },
      'contraindicated',
      ['PROSTHETIST_SOCKET_REVIEW/pre_op', 'PEER_SUPPORT/pre_op', 'RESCREEN_REVIEW/pre_op'],
    ],
    [
      'contraindicated by infection with facts missing: no records task',
      { dateOfBirth: null, health: { activeInfection: 'yes', diabetes: 'unknown' } },
      'contraindicated',
      ['PROSTHETIST_SOCKET_REVIEW/pre_op', 'PEER_SUPPORT/pre_op', 'RESCREEN_REVIEW/pre_op'],
    ],
    [
      'modifiable plus an unmodifiable caution still re-screens',
      { health: { smokingStatus: 'current', osteoporosis: 'yes' } },
      'contraindicated',
      ['PROSTHETIST_SOCKET_REVIEW/pre_op', 'PEER_SUPPORT/pre_op', 'RESCREEN_REVIEW/pre_op'],
    ],
  ])('%s', (_label, changes, outcome, expected) => {
    expect(evaluateScreening(snapshotWith(changes), DEFAULT_RULE_SET).outcome).toBe(outcome);
    expect(types(plan(changes))).toEqual(expected);
  });

  it('gives the pre-op referral tasks no note', () => {
    expect(plan({}).every((task) => task.note === null)).toBe(true);
  });

  it.each<[SnapshotChanges, string]>([
    [{ dateOfBirth: null }, 'Obtain medical records to establish: date of birth.'],
    [{ amputations: [] }, 'Obtain medical records to establish: amputation details.'],
    [
      { health: { peripheralVascularDisease: 'unknown', diabetes: 'unknown', smokingStatus: 'unknown' } },
      'Obtain medical records to establish: peripheral vascular disease, diabetes, smoking status.',
    ],
  ])('names exactly the missing facts in the records note (%j)', (changes, note) => {
    expect(plan(changes)).toEqual([{ type: 'OBTAIN_MEDICAL_RECORDS', phase: 'pre_op', note }]);
  });

  it('says what must change in the re-screen note', () => {
    const rescreen = plan({ health: { smokingStatus: 'current', activeInfection: 'yes' } }).find((task) => task.type === 'RESCREEN_REVIEW');
    expect(rescreen?.note).toBe('Re-screen once this has changed: the client has stopped smoking, the residual-limb infection has been treated.');
  });

  it('is chosen by the outcome alone: an outcome without its usual flags still gets its tasks', () => {
    expect(types(planForScreening({ outcome: 'needs_information', flags: [] }))).toEqual(['OBTAIN_MEDICAL_RECORDS/pre_op']);
    expect(types(planForScreening({ outcome: 'refer_with_caution', flags: [] }))).toEqual(PRE_OP_REFERRAL);
  });
});

describe('planForOverride', () => {
  it('asks the two surgeons, before the operation', () => {
    expect(planForOverride()).toEqual([
      { type: 'SURGEON_OPINION', phase: 'pre_op', note: null },
      { type: 'SECOND_SURGEON_OPINION', phase: 'pre_op', note: null },
    ]);
  });
});

describe('planForPostOperative', () => {
  const care = ['PAIN_PSYCHOLOGIST', 'PAIN_SPECIALIST', 'PROSTHETIST', 'OCCUPATIONAL_THERAPIST', 'PHYSIOTHERAPIST'].map((type) => `${type}/post_op`);

  it.each<[ActivityLevel, boolean]>([
    ['K0', false],
    ['K1', false],
    ['K2', false],
    ['K3', true],
    ['K4', true],
    ['unknown', false],
  ])('activity level %s: personal trainer %s', (activityLevel, trainer) => {
    expect(types(planForPostOperative(activityLevel))).toEqual(trainer ? [...care, 'PERSONAL_TRAINER/post_op'] : care);
  });
});
