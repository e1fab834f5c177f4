import { isCalendarDate, todayInLondon } from './calendar-date';

describe('isCalendarDate', () => {
  it.each(['2024-02-29', '2000-02-29', '1900-01-01', '2026-12-31'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each(['2026-02-30', '2025-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-1-01', '2026-01-01T00:00:00Z', '', 20260101, null])(
    'refuses %j',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );
});

describe('todayInLondon', () => {
  it('uses the London date, not UTC, late on a summer evening', () => {
    expect(todayInLondon(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
  });

  it('matches UTC in winter', () => {
    expect(todayInLondon(new Date('2026-01-31T23:30:00Z'))).toBe('2026-01-31');
  });
});
