import { CalendarDate, isCalendarDate } from '../../common/time/calendar-date';

/**
 * Whole years between two calendar dates, compared as (year, month, day) so no clock or zone is involved.
 * Someone born on 29 February has their birthday on 1 March in a non-leap year: on 28 February they are
 * still the younger age. For the skeletal-maturity rule that is the cautious reading (a day longer under 18).
 * A date of birth after `onDate` gives a negative age rather than an error; the caller decides.
 */
export function ageOn(dateOfBirth: CalendarDate, onDate: CalendarDate): number {
  if (!isCalendarDate(dateOfBirth) || !isCalendarDate(onDate)) {
    throw new RangeError('ageOn needs two YYYY-MM-DD calendar dates');
  }
  const [birthYear, birthMonthDay] = [Number(dateOfBirth.slice(0, 4)), dateOfBirth.slice(5)];
  const [year, monthDay] = [Number(onDate.slice(0, 4)), onDate.slice(5)];
  // 'MM-DD' strings sort in calendar order, and '02-28' < '02-29' < '03-01' gives the 1 March rule for free.
  const hadBirthdayThisYear = monthDay >= birthMonthDay;
  return year - birthYear - (hadBirthdayThisYear ? 0 : 1);
}
