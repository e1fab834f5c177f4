import fc from 'fast-check';
import {
  ACTIVITY_LEVELS,
  AMPUTATION_LEVELS,
  CHEMOTHERAPY_STATUSES,
  LOWER_LIMB_LEVELS,
  SEVERITIES,
  SIDES,
  SMOKING_STATUSES,
  SOCKET_COMPLAINT_TYPES,
  YES_NO_UNKNOWN,
} from '../../clients/clinical-terms';
import { evaluateScreening, outcomeFavourability } from './evaluate-screening';
import { PlannedTask, planForOverride, planForPostOperative, planForScreening } from './referral-plan';
import { CONFIGURABLE_SEVERITY_KEYS, ConfigurableSeverityKey, DEFAULT_RULE_SET, FLAG_SEVERITIES, RULE_CODES, RuleSet } from './rule-set';
import { AmputationFacts, HealthFacts, ScreeningSnapshot } from './screening-snapshot';

const calendarDate = (min: string, max: string) =>
  fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));

/** Mostly `usual`, sometimes anything: so every outcome turns up often, not just `contraindicated`. */
const mostly = <T>(usual: readonly T[], all: readonly T[]) =>
  fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...usual) }, { weight: 2, arbitrary: fc.constantFrom(...all) });

const amputationArb: fc.Arbitrary<AmputationFacts> = fc.record({
  level: mostly(['transfemoral', 'transhumeral'] as const, AMPUTATION_LEVELS),
  side: fc.constantFrom(...SIDES),
  socketComplaints: fc.array(fc.record({ type: fc.constantFrom(...SOCKET_COMPLAINT_TYPES), severity: fc.constantFrom(...SEVERITIES) }), { maxLength: 2 }),
}).map((facts) => ({ ...facts, limb: (LOWER_LIMB_LEVELS as readonly string[]).includes(facts.level) ? 'lower' : 'upper' }));

const yesNo = mostly(['no'] as const, YES_NO_UNKNOWN);
const healthArb: fc.Arbitrary<HealthFacts> = fc.record({
  peripheralVascularDisease: yesNo,
  diabetes: yesNo,
  smokingStatus: mostly(['never', 'former'] as const, SMOKING_STATUSES),
  limbRadiotherapy: yesNo,
  chemotherapy: mostly(['none'] as const, CHEMOTHERAPY_STATUSES),
  activeInfection: yesNo,
  immunosuppression: yesNo,
  osteoporosis: yesNo,
  pregnancy: yesNo,
  activityLevel: fc.constantFrom(...ACTIVITY_LEVELS),
  hotClimate: yesNo,
});

const snapshotArb: fc.Arbitrary<ScreeningSnapshot> = fc.record({
  screeningDate: calendarDate('2024-01-01', '2030-12-31'),
  dateOfBirth: fc.option(calendarDate('1940-01-01', '2020-12-31'), { freq: 8 }),
  amputations: fc.array(amputationArb, { maxLength: 3 }),
  health: healthArb,
});

const ruleSetArb: fc.Arbitrary<RuleSet> = fc.record({
  version: fc.string({ minLength: 1, maxLength: 12 }),
  severities: fc.record(Object.fromEntries(CONFIGURABLE_SEVERITY_KEYS.map((key) => [key, fc.constantFrom(...FLAG_SEVERITIES)])) as Record<ConfigurableSeverityKey, fc.Arbitrary<(typeof FLAG_SEVERITIES)[number]>>),
});

/**
 * Changes that add one risk and take nothing away. PVD, diabetes and smoking only count from a known
 * answer: from `unknown` the change also removes a missing fact, which is not only adding a risk.
 */
const RISKS: { key: ConfigurableSeverityKey; applies: (s: ScreeningSnapshot) => boolean; add: (h: HealthFacts) => Partial<HealthFacts> }[] = [
  { key: 'PVD', applies: (s) => s.health.peripheralVascularDisease !== 'unknown', add: () => ({ peripheralVascularDisease: 'yes' }) },
  { key: 'DIABETES', applies: (s) => s.health.diabetes !== 'unknown', add: () => ({ diabetes: 'yes' }) },
  { key: 'SMOKER', applies: (s) => s.health.smokingStatus !== 'unknown', add: () => ({ smokingStatus: 'current' }) },
  { key: 'LIMB_RADIOTHERAPY', applies: () => true, add: () => ({ limbRadiotherapy: 'yes' }) },
  { key: 'CHEMOTHERAPY_ONGOING', applies: (s) => ['none', 'unknown'].includes(s.health.chemotherapy), add: () => ({ chemotherapy: 'ongoing' }) },
  { key: 'CHEMOTHERAPY_PAST', applies: (s) => ['none', 'unknown'].includes(s.health.chemotherapy), add: () => ({ chemotherapy: 'past' }) },
  { key: 'ACTIVE_INFECTION', applies: () => true, add: () => ({ activeInfection: 'yes' }) },
  { key: 'IMMUNOSUPPRESSION', applies: () => true, add: () => ({ immunosuppression: 'yes' }) },
  { key: 'OSTEOPOROSIS', applies: () => true, add: () => ({ osteoporosis: 'yes' }) },
  { key: 'PREGNANCY', applies: () => true, add: () => ({ pregnancy: 'yes' }) },
];

const withHealth = (snapshot: ScreeningSnapshot, health: Partial<HealthFacts>): ScreeningSnapshot => ({ ...snapshot, health: { ...snapshot.health, ...health } });

/** Walks `health.diabetes` or `amputations[1].level` and says whether each step exists. */
function pointsInto(root: unknown, path: string): boolean {
  let node: unknown = root;
  for (const step of path.split(/\.|\[(\d+)\]/).filter((part) => part !== undefined && part !== '')) {
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, step)) return false;
    node = (node as Record<string, unknown>)[step];
  }
  return true;
}

const hasNoDuplicates = (tasks: PlannedTask[]) => new Set(tasks.map((task) => `${task.type}/${task.phase}`)).size === tasks.length;

describe('screening engine properties', () => {
  it('(a) setting PVD to yes under the default rule set always gives contraindicated, never a better outcome', () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        const before = evaluateScreening(snapshot, DEFAULT_RULE_SET).outcome;
        const after = evaluateScreening(withHealth(snapshot, { peripheralVascularDisease: 'yes' }), DEFAULT_RULE_SET).outcome;
        expect(after).toBe('contraindicated');
        expect(outcomeFavourability(after)).toBeLessThanOrEqual(outcomeFavourability(before));
      }),
    );
  });

  it('(a) under any rule set, adding a risk never makes the outcome more favourable; a contraindication makes it contraindicated', () => {
    fc.assert(
      fc.property(snapshotArb, ruleSetArb, fc.constantFrom(...RISKS), (snapshot, ruleSet, risk) => {
        const riskier = withHealth(snapshot, risk.add(snapshot.health));
        const after = evaluateScreening(riskier, ruleSet).outcome;
        if (ruleSet.severities[risk.key] === 'contraindication') expect(after).toBe('contraindicated');
        if (!risk.applies(snapshot)) return;
        expect(outcomeFavourability(after)).toBeLessThanOrEqual(outcomeFavourability(evaluateScreening(snapshot, ruleSet).outcome));
      }),
      { numRuns: 500 },
    );
  });

  it('(a) becoming a minor never makes the outcome more favourable', () => {
    fc.assert(
      fc.property(snapshotArb, ruleSetArb, (snapshot, ruleSet) => {
        fc.pre(snapshot.dateOfBirth !== null);
        const minor = { ...snapshot, dateOfBirth: `${Number(snapshot.screeningDate.slice(0, 4)) - 10}-01-01` };
        const [before, after] = [evaluateScreening(snapshot, ruleSet), evaluateScreening(minor, ruleSet)];
        expect(outcomeFavourability(after.outcome)).toBeLessThanOrEqual(outcomeFavourability(before.outcome));
      }),
    );
  });

  it('(b) is deterministic and leaves its input alone', () => {
    fc.assert(
      fc.property(snapshotArb, ruleSetArb, (snapshot, ruleSet) => {
        const original = structuredClone(snapshot);
        const first = evaluateScreening(snapshot, ruleSet);
        expect(evaluateScreening(structuredClone(snapshot), structuredClone(ruleSet))).toEqual(first);
        expect(snapshot).toEqual(original);
        expect(planForScreening(first)).toEqual(planForScreening(structuredClone(first)));
      }),
    );
  });

  it('(c) every flag has a known severity, appears once in rule order, and its fields point into the snapshot', () => {
    fc.assert(
      fc.property(snapshotArb, ruleSetArb, (snapshot, ruleSet) => {
        const { flags, ruleSetVersion } = evaluateScreening(snapshot, ruleSet);
        expect(ruleSetVersion).toBe(ruleSet.version);
        const positions = flags.map((finding) => RULE_CODES.indexOf(finding.code));
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        expect(new Set(positions).size).toBe(positions.length);
        for (const finding of flags) {
          expect(FLAG_SEVERITIES).toContain(finding.severity);
          expect(finding.fields.length).toBeGreaterThan(0);
          for (const field of finding.fields) expect([field, pointsInto(snapshot, field)]).toEqual([field, true]);
        }
      }),
    );
  });

  it('(d) no plan ever holds the same (type, phase) twice', () => {
    fc.assert(
      fc.property(snapshotArb, ruleSetArb, fc.constantFrom(...ACTIVITY_LEVELS), (snapshot, ruleSet, activityLevel) => {
        expect(hasNoDuplicates(planForScreening(evaluateScreening(snapshot, ruleSet)))).toBe(true);
        expect(hasNoDuplicates(planForPostOperative(activityLevel))).toBe(true);
        expect(hasNoDuplicates(planForOverride())).toBe(true);
      }),
    );
  });

  it('reaches every outcome from random snapshots (the arbitrary is not lopsided)', () => {
    const seen = new Set(fc.sample(snapshotArb, { numRuns: 2000, seed: 42 }).map((snapshot) => evaluateScreening(snapshot, DEFAULT_RULE_SET).outcome));
    expect([...seen].sort()).toEqual(['contraindicated', 'needs_information', 'not_indicated', 'refer', 'refer_with_caution']);
  });

  it('pointsInto rejects paths outside the snapshot (guards property c)', () => {
    const snapshot = fc.sample(snapshotArb, { numRuns: 1, seed: 1 })[0];
    expect(pointsInto(snapshot, 'health.nothing')).toBe(false);
    expect(pointsInto(snapshot, `amputations[${snapshot.amputations.length}].level`)).toBe(false);
    expect(pointsInto(snapshot, 'health.diabetes')).toBe(true);
  });
});
