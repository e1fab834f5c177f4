import fc from 'fast-check';
import { ALL_STAGES, checkTransition, INTAKE_STAGES, IntakeStage, PATHWAY_STAGES, PathwayStage, trackOf } from './case-stages';

const at = (intake: IntakeStage, pathway: PathwayStage) => ({ intake, pathway });

describe('case stage graphs', () => {
  it.each([
    ['enquiry', 'accepted'],
    ['enquiry', 'declined'],
    ['enquiry', 'referred_elsewhere'],
    ['accepted', 'closed'],
    ['declined', 'closed'],
    ['referred_elsewhere', 'closed'],
  ] as const)('intake %s → %s is allowed', (from, to) => {
    expect(checkTransition(at(from, 'not_screened'), to)).toEqual({ allowed: true, track: 'intake', from });
  });

  it.each([
    ['enquiry', 'closed'],
    ['accepted', 'declined'],
    ['closed', 'enquiry'],
    ['closed', 'accepted'],
    ['accepted', 'accepted'],
    ['enquiry', 'enquiry'],
  ] as const)('intake %s → %s is refused', (from, to) => {
    expect(checkTransition(at(from, 'not_screened'), to)).toMatchObject({ allowed: false, track: 'intake', from });
  });

  it.each([
    ['not_screened', 'screened'],
    ['screened', 'referred'],
    ['referred', 'assessed'],
    ['assessed', 'surgery_scheduled'],
    ['surgery_scheduled', 'post_operative'],
    ['post_operative', 'completed'],
    ['screened', 'not_suitable'],
    ['referred', 'not_suitable'],
    ['assessed', 'not_suitable'],
    ['surgery_scheduled', 'not_suitable'],
  ] as const)('pathway %s → %s is allowed', (from, to) => {
    expect(checkTransition(at('accepted', from), to)).toEqual({ allowed: true, track: 'pathway', from });
  });

  it.each([
    ['not_screened', 'referred', ['screened']],
    ['not_screened', 'not_suitable', ['screened']],
    ['screened', 'completed', ['referred', 'not_suitable']],
    ['post_operative', 'not_suitable', ['completed']],
    ['completed', 'screened', []],
    ['not_suitable', 'screened', []],
  ] as const)('pathway %s → %s is refused, naming %j', (from, to, allowedNext) => {
    expect(checkTransition(at('accepted', from), to)).toEqual({ allowed: false, track: 'pathway', from, allowedNext });
  });

  it('puts every stage on exactly one track', () => {
    for (const stage of INTAKE_STAGES) expect(trackOf(stage)).toBe('intake');
    for (const stage of PATHWAY_STAGES) expect(trackOf(stage)).toBe('pathway');
  });

  it('never allows a move to the stage the case is already at, and a refusal always lists only real stages', () => {
    fc.assert(
      fc.property(fc.constantFrom(...INTAKE_STAGES), fc.constantFrom(...PATHWAY_STAGES), fc.constantFrom(...ALL_STAGES), (intake, pathway, to) => {
        const check = checkTransition({ intake, pathway }, to);
        if (to === intake || to === pathway) expect(check.allowed).toBe(false);
        if (!check.allowed) for (const next of check.allowedNext) expect(ALL_STAGES).toContain(next);
      }),
    );
  });
});
