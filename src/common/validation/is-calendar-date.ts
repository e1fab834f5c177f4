import { ValidateBy, ValidationOptions } from 'class-validator';
import { isCalendarDate, todayInLondon } from '../time/calendar-date';

export interface CalendarDateRule {
  /** Earliest allowed date, inclusive. */
  notBefore?: string;
  /** Refuse dates after today (London). */
  notInFuture?: boolean;
}

/** A real `YYYY-MM-DD` date within the given bounds; 2026-02-30 is refused. */
export function IsCalendarDate(rule: CalendarDateRule = {}, options?: ValidationOptions): PropertyDecorator {
  const bounds = [rule.notBefore === undefined ? '' : ` on or after ${rule.notBefore}`, rule.notInFuture ? ' not in the future' : '']
    .filter((text) => text !== '')
    .join(' and');
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) =>
          isCalendarDate(value) &&
          (rule.notBefore === undefined || value >= rule.notBefore) &&
          (!rule.notInFuture || value <= todayInLondon()),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a real date as YYYY-MM-DD${bounds}`,
      },
    },
    options,
  );
}
