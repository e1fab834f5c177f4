import { addYears, CalendarDate } from '../common/time/calendar-date';

export const LIMITATION_BASES = ['incident', 'date_of_knowledge', 'minority', 'lacks_capacity', 'unknown'] as const;
export type LimitationBasis = (typeof LIMITATION_BASES)[number];

export interface LimitationFacts {
  incidentDate: CalendarDate;
  dateOfKnowledge: CalendarDate | null;
  dateOfBirth: CalendarDate | null;
  lacksCapacity: boolean;
}

export interface Limitation {
  /** The last day to issue proceedings; null while time is not running. */
  date: CalendarDate | null;
  basis: LimitationBasis;
}

// Personal injury: three years (Limitation Act 1980 s.11); a child's time runs from their 18th birthday (s.28).
const PERIOD_YEARS = 3;
const ADULT_AGE = 18;

const later = (a: CalendarDate, b: CalendarDate): CalendarDate => (a >= b ? a : b);

/**
 * When proceedings must be issued by, and why. Where the law could be read two ways the earlier date
 * is given, never a later one: a missed deadline cannot be undone, an early one costs nothing.
 * - lacking capacity: time does not run (null, `lacks_capacity`);
 * - under 18 on the incident date: three years from the 18th birthday, or from knowledge if later;
 * - otherwise three years from the incident, or from the date of knowledge if later;
 * - date of birth unknown: the adult date, flagged `unknown` so someone checks whether minority applies.
 */
export function computeLimitation(facts: LimitationFacts): Limitation {
  if (facts.lacksCapacity) return { date: null, basis: 'lacks_capacity' };
  const fromIncident = addYears(facts.incidentDate, PERIOD_YEARS);
  const fromKnowledge = facts.dateOfKnowledge === null ? null : addYears(facts.dateOfKnowledge, PERIOD_YEARS);
  const knowledgeIsLater = (start: CalendarDate) => fromKnowledge !== null && fromKnowledge > start;

  if (facts.dateOfBirth === null) {
    return { date: later(fromIncident, fromKnowledge ?? fromIncident), basis: 'unknown' };
  }
  const adulthood = addYears(facts.dateOfBirth, ADULT_AGE);
  if (facts.incidentDate < adulthood) {
    const fromMajority = addYears(facts.dateOfBirth, ADULT_AGE + PERIOD_YEARS);
    return knowledgeIsLater(fromMajority) ? { date: fromKnowledge, basis: 'date_of_knowledge' } : { date: fromMajority, basis: 'minority' };
  }
  return knowledgeIsLater(fromIncident) ? { date: fromKnowledge, basis: 'date_of_knowledge' } : { date: fromIncident, basis: 'incident' };
}
