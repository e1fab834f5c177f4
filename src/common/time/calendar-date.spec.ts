import fc from 'fast-check';
import { addDays, addYears, isCalendarDate, todayInLondon } from './calendar-date';

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

describe('addDays', () => {
  it.each([
    ['2026-11-26', 0, '2026-11-26'],
    ['2026-11-26', 14, '2026-12-10'],
    ['2026-12-25', 7, '2027-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2026-03-28', 1, '2026-03-29'], // the clocks change in London that night; dates do not care
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-31', 365, '2027-01-31'],
  ])('%s + %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('refuses something that is not a calendar date', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('always gives a calendar date, and adding then subtracting is the identity', () => {
    const dates = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }).map((value) => value.toISOString().slice(0, 10));
    fc.assert(
      fc.property(dates, fc.integer({ min: -20000, max: 20000 }), (date, days) => {
        const moved = addDays(date, days);
        return isCalendarDate(moved) && addDays(moved, -days) === date;
      }),
    );
  });
});

describe('addYears', () => {
  it.each([
    ['2020-11-14', 3, '2023-11-14'],
    ['2020-02-29', 3, '2023-02-28'],
    ['2020-02-29', 4, '2024-02-29'],
    ['2008-02-29', 21, '2029-02-28'],
    ['2023-12-31', 3, '2026-12-31'],
    ['2021-03-01', 3, '2024-03-01'],
  ])('%s + %i years is %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  it('never lands later than the same day-of-year would, and always on a calendar date', () => {
    const dates = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2150-12-31T00:00:00Z'), noInvalidDate: true }).map((value) => value.toISOString().slice(0, 10));
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 40 }), (date, years) => {
        const moved = addYears(date, years);
        return isCalendarDate(moved) && moved.slice(5) <= date.slice(5) && Number(moved.slice(0, 4)) === Number(date.slice(0, 4)) + years;
      }),
    );
  });
});
