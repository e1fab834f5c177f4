import { ageOn } from './age';

describe('ageOn', () => {
  it.each([
    ['2008-11-25', '2026-11-25', 18, '18th birthday exactly'],
    ['2008-11-25', '2026-11-24', 17, 'the day before the 18th birthday'],
    ['2008-11-25', '2026-11-26', 18, 'the day after'],
    ['2008-11-25', '2008-11-25', 0, 'the day of birth'],
    ['2008-12-31', '2026-01-01', 17, 'new year does not count as a birthday'],
    ['2008-02-29', '2026-02-28', 17, '29 Feb birth, 28 Feb of a non-leap year: not yet'],
    ['2008-02-29', '2026-03-01', 18, '29 Feb birth, 1 Mar of a non-leap year: birthday'],
    ['2008-02-29', '2028-02-28', 19, '29 Feb birth, 28 Feb of a leap year: not yet'],
    ['2008-02-29', '2028-02-29', 20, '29 Feb birth, 29 Feb of a leap year: birthday'],
    ['2008-03-01', '2026-02-28', 17, '1 Mar birth, 28 Feb: not yet'],
    ['2026-06-02', '2026-06-01', -1, 'born after the date: negative, not an error'],
  ])('born %s, on %s is %i (%s)', (dateOfBirth, onDate, age) => {
    expect(ageOn(dateOfBirth, onDate)).toBe(age);
  });

  it.each([
    ['2008-02-30', '2026-01-01'],
    ['2008-01-01', '1 June 2026'],
    ['', '2026-01-01'],
  ])('refuses %j / %j as not calendar dates', (dateOfBirth, onDate) => {
    expect(() => ageOn(dateOfBirth, onDate)).toThrow(RangeError);
  });
});
