import { Prng } from './prng';

/** Days and instants as plain numbers: day = whole days since 1970-01-01 (UTC), instant = epoch ms. */
export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function dayOf(instant: number): number {
  return Math.floor(instant / DAY_MS);
}

export function dayFromIso(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

const DATE_CACHE = new Map<number, string>();

/** `YYYY-MM-DD`; cached, because the same few thousand days are formatted millions of times. */
export function isoDate(day: number): string {
  let text = DATE_CACHE.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    DATE_CACHE.set(day, text);
  }
  return text;
}

const PAD2 = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/** The same text as `new Date(instant).toISOString()`, several times faster (tens of millions are written). */
export function isoInstant(instant: number): string {
  const day = Math.floor(instant / DAY_MS);
  let rest = instant - day * DAY_MS;
  const hours = Math.floor(rest / HOUR_MS);
  rest -= hours * HOUR_MS;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${isoDate(day)}T${PAD2[hours]}:${PAD2[minutes]}:${PAD2[seconds]}.${PAD3[rest - seconds * 1000]}Z`;
}

/** An instant on `day` within office hours (08:30 to 17:30 UTC, which is office hours in London too). */
export function officeHours(prng: Prng, day: number): number {
  return day * DAY_MS + 8.5 * HOUR_MS + Math.floor(prng.next() * 9 * HOUR_MS);
}

/**
 * Strictly after `from`, between `minDays` and `maxDays` days later: the same day a few minutes to
 * hours later for 0 days, otherwise during office hours of the later day.
 */
export function after(prng: Prng, from: number, minDays: number, maxDays: number): number {
  const days = prng.int(minDays, maxDays);
  if (days === 0) return from + prng.int(5, 180) * 60_000;
  return officeHours(prng, dayOf(from) + days);
}

export function addYearsToDay(day: number, years: number): number {
  const date = new Date(day * DAY_MS);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return Math.floor(date.getTime() / DAY_MS);
}

/**
 * When each of `count` cases was opened, oldest first: working days (Monday to Friday) from `firstDay`
 * to `lastDay`, busier as the firm grows and a little seasonal, with day-to-day noise. Case `i` always
 * opens no earlier than case `i - 1`, so database numbers and creation times rise together.
 */
export class IntakeCalendar {
  private readonly days: number[] = [];
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    prng: Prng,
    firstDay: number,
    lastDay: number,
    private readonly count: number,
  ) {
    let total = 0;
    const span = Math.max(1, lastDay - firstDay);
    for (let day = firstDay; day <= lastDay; day += 1) {
      const weekday = new Date(day * DAY_MS).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      const month = new Date(day * DAY_MS).getUTCMonth();
      const growth = 1 + 0.6 * ((day - firstDay) / span);
      // Fewer enquiries in August and over Christmas, more in the new year.
      const season = month === 7 || month === 11 ? 0.8 : month === 0 ? 1.15 : 1;
      const noise = 0.7 + 0.6 * prng.next();
      total += growth * season * noise;
      this.days.push(day);
      this.cumulative.push(total);
    }
    if (this.days.length === 0) throw new RangeError('the intake window holds no working day');
    this.total = total;
  }

  /** The instant case `index` (0-based) was opened. */
  openedAt(index: number): number {
    const target = ((index + 0.5) / this.count) * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.cumulative[middle]) > target) high = middle;
      else low = middle + 1;
    }
    const start = low === 0 ? 0 : (this.cumulative[low - 1]);
    const fraction = (target - start) / ((this.cumulative[low]) - start);
    return (this.days[low]) * DAY_MS + 8.5 * HOUR_MS + Math.floor(fraction * 9 * HOUR_MS);
  }
}
