/** Calendar dates (birth, incident, limitation) are `YYYY-MM-DD` strings: no time, no zone. */
export type CalendarDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real day in the Gregorian calendar: 2024-02-29 yes, 2026-02-30 no. */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today's date where the firm works (England and Wales), whatever the server's zone. */
// Built once: constructing an Intl formatter costs ~100 µs, and this runs several times per request.
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

export function todayInLondon(now: Date = new Date()): CalendarDate {
  return LONDON_DATE.format(now);
}

/** The calendar date `days` after `date` (negative for before); no clocks or zones involved. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!isCalendarDate(date)) throw new RangeError('addDays needs a YYYY-MM-DD date');
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * The same calendar day `years` later. 29 February in a year without one becomes 28 February: the
 * earlier of the two candidate days, which is the safe reading for deadlines.
 */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  if (!isCalendarDate(date)) throw new RangeError('addYears needs a YYYY-MM-DD date');
  const year = String(Number(date.slice(0, 4)) + years).padStart(4, '0');
  const candidate = `${year}${date.slice(4)}`;
  return isCalendarDate(candidate) ? candidate : `${year}-02-28`;
}
