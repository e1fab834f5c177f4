import fc from 'fast-check';
import { addYears } from '../common/time/calendar-date';
import { computeLimitation, Limitation, LimitationFacts } from './limitation';

const facts = (overrides: Partial<LimitationFacts>): LimitationFacts => ({
  incidentDate: '2020-11-14',
  dateOfKnowledge: null,
  dateOfBirth: '1980-04-02',
  lacksCapacity: false,
  ...overrides,
});

describe('computeLimitation', () => {
  const cases: [string, Partial<LimitationFacts>, Limitation][] = [
    ['adult: three years from the incident', {}, { date: '2023-11-14', basis: 'incident' }],
    ['later knowledge: three years from knowledge', { dateOfKnowledge: '2021-06-01' }, { date: '2024-06-01', basis: 'date_of_knowledge' }],
    ['knowledge on the incident day: incident basis', { dateOfKnowledge: '2020-11-14' }, { date: '2023-11-14', basis: 'incident' }],
    ['incident on 29 February: 28 February three years on', { incidentDate: '2020-02-29' }, { date: '2023-02-28', basis: 'incident' }],
    ['knowledge on 29 February: 28 February three years on', { dateOfKnowledge: '2024-02-29' }, { date: '2027-02-28', basis: 'date_of_knowledge' }],
    ['incident on 29 February 2016: 28 February 2019', { incidentDate: '2016-02-29' }, { date: '2019-02-28', basis: 'incident' }],
    ['child at the incident: until the 21st birthday', { dateOfBirth: '2010-05-20', incidentDate: '2020-11-14' }, { date: '2031-05-20', basis: 'minority' }],
    ['child born on 29 February: 21st birthday on 28 February', { dateOfBirth: '2008-02-29', incidentDate: '2020-11-14' }, { date: '2029-02-28', basis: 'minority' }],
    ['child whose knowledge comes after the 21st birthday + 3 years window', { dateOfBirth: '2000-01-01', incidentDate: '2010-01-01', dateOfKnowledge: '2020-06-01' }, { date: '2023-06-01', basis: 'date_of_knowledge' }],
    ['child whose knowledge window ends before the 21st birthday: minority', { dateOfBirth: '2010-05-20', incidentDate: '2012-01-01', dateOfKnowledge: '2013-01-01' }, { date: '2031-05-20', basis: 'minority' }],
    ['incident on the 18th birthday: an adult', { dateOfBirth: '2002-11-14', incidentDate: '2020-11-14' }, { date: '2023-11-14', basis: 'incident' }],
    ['incident the day before the 18th birthday: a child', { dateOfBirth: '2002-11-15', incidentDate: '2020-11-14' }, { date: '2023-11-15', basis: 'minority' }],
    // Born 29 Feb: the 18th birthday is read as 28 Feb in a non-leap year, the reading that gives the earlier date.
    ['born 29 Feb, incident on 28 Feb of the 18th year: an adult', { dateOfBirth: '2004-02-29', incidentDate: '2022-02-28' }, { date: '2025-02-28', basis: 'incident' }],
    ['born 29 Feb, incident on 27 Feb of the 18th year: a child', { dateOfBirth: '2004-02-29', incidentDate: '2022-02-27' }, { date: '2025-02-28', basis: 'minority' }],
    ['lacking capacity: time does not run', { lacksCapacity: true }, { date: null, basis: 'lacks_capacity' }],
    ['lacking capacity outranks minority and knowledge', { lacksCapacity: true, dateOfBirth: '2010-05-20', dateOfKnowledge: '2021-01-01' }, { date: null, basis: 'lacks_capacity' }],
    ['date of birth unknown: the adult date, flagged unknown', { dateOfBirth: null }, { date: '2023-11-14', basis: 'unknown' }],
    ['date of birth unknown with later knowledge: the later adult date, flagged unknown', { dateOfBirth: null, dateOfKnowledge: '2022-01-10' }, { date: '2025-01-10', basis: 'unknown' }],
  ];

  it.each(cases)('%s', (_name, overrides, expected) => {
    expect(computeLimitation(facts(overrides))).toEqual(expected);
  });

  const day = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true }).map((value) => value.toISOString().slice(0, 10));

  it('is never earlier than three years from the incident, whatever the other facts', () => {
    fc.assert(
      fc.property(day, fc.option(day, { nil: null }), fc.option(day, { nil: null }), (incidentDate, knowledge, dateOfBirth) => {
        const dateOfKnowledge = knowledge !== null && knowledge >= incidentDate ? knowledge : null;
        const result = computeLimitation({ incidentDate, dateOfKnowledge, dateOfBirth, lacksCapacity: false });
        return result.date !== null && result.date >= addYears(incidentDate, 3);
      }),
    );
  });

  it('a later date of knowledge never gives an earlier date', () => {
    fc.assert(
      fc.property(day, day, day, (incidentDate, first, second) => {
        const [early, late] = first <= second ? [first, second] : [second, first];
        if (early < incidentDate) return true;
        const base = { incidentDate, dateOfBirth: '1970-01-01', lacksCapacity: false };
        const a = computeLimitation({ ...base, dateOfKnowledge: early }).date ?? '';
        const b = computeLimitation({ ...base, dateOfKnowledge: late }).date ?? '';
        return b >= a;
      }),
    );
  });
});
