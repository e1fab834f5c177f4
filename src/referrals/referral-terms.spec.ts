import { isFinalStatus, nextTaskStatuses, PROVIDER_KIND_FOR_TASK, REFERRAL_TASK_STATUSES, REFERRAL_TASK_TYPES, ReferralTaskStatus, TASK_TYPE_LABELS } from './referral-terms';

describe('referral task status graph', () => {
  const allowed: [ReferralTaskStatus, ReferralTaskStatus, boolean][] = [];
  const legal = new Set(['open>in_progress', 'open>done', 'open>cancelled', 'in_progress>done', 'in_progress>cancelled']);
  for (const from of REFERRAL_TASK_STATUSES) for (const to of REFERRAL_TASK_STATUSES) allowed.push([from, to, legal.has(`${from}>${to}`)]);

  it.each(allowed)('%s → %s allowed: %s', (from, to, expected) => {
    expect(nextTaskStatuses(from).includes(to)).toBe(expected);
  });

  it.each([
    ['open', false],
    ['in_progress', false],
    ['done', true],
    ['cancelled', true],
  ] as const)('%s is final: %s', (status, final) => {
    expect(isFinalStatus(status)).toBe(final);
  });
});

describe('task types', () => {
  it('every type has a label and a provider kind entry', () => {
    for (const type of REFERRAL_TASK_TYPES) {
      expect(TASK_TYPE_LABELS[type].length).toBeGreaterThan(0);
      expect(PROVIDER_KIND_FOR_TASK).toHaveProperty(type);
    }
  });
});
