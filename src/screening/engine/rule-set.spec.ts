import { CONFIGURABLE_SEVERITY_KEYS, DEFAULT_RULE_SET, isRuleSetSeverities, RULE_CODES, validateRuleSetSeverities } from './rule-set';

const valid = () => ({ ...DEFAULT_RULE_SET.severities }) as Record<string, unknown>;

describe('DEFAULT_RULE_SET', () => {
  it('is version oi-default-1 with the severities of DESIGN.md', () => {
    expect(DEFAULT_RULE_SET).toEqual({
      version: 'oi-default-1',
      severities: {
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
      },
    });
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_RULE_SET)).toBe(true);
    expect(Object.isFrozen(DEFAULT_RULE_SET.severities)).toBe(true);
  });

  it('passes its own validation', () => {
    expect(validateRuleSetSeverities(DEFAULT_RULE_SET.severities)).toEqual([]);
    expect(isRuleSetSeverities(DEFAULT_RULE_SET.severities)).toBe(true);
  });

  it('has unique codes and keys', () => {
    expect(new Set(RULE_CODES).size).toBe(RULE_CODES.length);
    expect(new Set(CONFIGURABLE_SEVERITY_KEYS).size).toBe(CONFIGURABLE_SEVERITY_KEYS.length);
  });
});

describe('validateRuleSetSeverities', () => {
  it.each([
    ['a null', null],
    ['an array', []],
    ['a string', 'PVD=caution'],
    ['a number', 3],
  ])('refuses %s as not an object', (_label, input) => {
    expect(validateRuleSetSeverities(input)).toEqual([expect.objectContaining({ key: '', problem: 'not_an_object' })]);
  });

  it.each([
    ['an unknown key', { ...valid(), FOO: 'caution' }, [{ key: 'FOO', problem: 'unknown_key' }]],
    ['a non-configurable rule', { ...valid(), MISSING_FACTS: 'info' }, [{ key: 'MISSING_FACTS', problem: 'unknown_key' }]],
    ['plain CHEMOTHERAPY (it has two keys)', { ...valid(), CHEMOTHERAPY: 'caution' }, [{ key: 'CHEMOTHERAPY', problem: 'unknown_key' }]],
    ['a missing key', (({ PVD: _pvd, ...rest }) => rest)(valid()), [{ key: 'PVD', problem: 'missing_key' }]],
    ['a misspelt severity', { ...valid(), DIABETES: 'Caution' }, [{ key: 'DIABETES', problem: 'bad_severity' }]],
    ['a severity of the wrong type', { ...valid(), SMOKER: 1 }, [{ key: 'SMOKER', problem: 'bad_severity' }]],
    ['a null severity', { ...valid(), LEVEL_UNUSUAL: null }, [{ key: 'LEVEL_UNUSUAL', problem: 'bad_severity' }]],
  ])('reports %s', (_label, input, expected) => {
    expect(validateRuleSetSeverities(input)).toEqual(expected.map((problem): unknown => expect.objectContaining(problem)));
    expect(isRuleSetSeverities(input)).toBe(false);
  });

  it('reports every problem at once', () => {
    const { PVD: _pvd, ...rest } = valid();
    const problems = validateRuleSetSeverities({ ...rest, DIABETES: 'maybe', EXTRA: 'info' });
    expect(problems.map((problem) => [problem.key, problem.problem])).toEqual([
      ['DIABETES', 'bad_severity'],
      ['EXTRA', 'unknown_key'],
      ['PVD', 'missing_key'],
    ]);
  });

  it('reports an empty object as every key missing', () => {
    expect(validateRuleSetSeverities({}).map((problem) => problem.key)).toEqual([...CONFIGURABLE_SEVERITY_KEYS]);
  });

  it('treats a parsed __proto__ key as unknown rather than walking the prototype', () => {
    const input: unknown = JSON.parse(`{"__proto__": "caution", ${JSON.stringify(valid()).slice(1)}`);
    expect(validateRuleSetSeverities(input)).toEqual([expect.objectContaining({ key: '__proto__', problem: 'unknown_key' })]);
  });

  it('never echoes the offending value', () => {
    const [problem] = validateRuleSetSeverities({ ...valid(), PVD: 'secret-value' });
    expect(problem.message).not.toContain('secret-value');
  });

  it('accepts info for any configurable rule', () => {
    const allInfo = Object.fromEntries(CONFIGURABLE_SEVERITY_KEYS.map((key) => [key, 'info']));
    expect(validateRuleSetSeverities(allInfo)).toEqual([]);
  });
});
