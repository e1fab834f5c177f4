import fc from 'fast-check';
import { foldName } from '../clients/fold-name';
import { CandidateCase, CandidateClient, ConflictMatch, conflictStatusAfterCheck, ConflictSubject, findConflicts } from './conflict-rules';

const subject = (overrides: Partial<ConflictSubject> = {}): ConflictSubject => ({
  clientId: 'new-client',
  firstName: 'Siobhan',
  lastName: "O'Brien",
  dateOfBirth: '1980-04-02',
  postcode: 'RG1 1AA',
  defendantName: 'Acme Haulage Ltd',
  insurerName: null,
  ...overrides,
});

const client = (overrides: Partial<CandidateClient> = {}): CandidateClient => ({
  id: 'existing-client',
  reference: 'OI-2025-000001',
  firstName: 'Mary',
  lastName: 'OBrien',
  dateOfBirth: '1975-01-01',
  postcode: 'SW1A 1AA',
  ...overrides,
});

const otherCase = (overrides: Partial<CandidateCase> = {}): CandidateCase => ({
  id: 'other-case',
  reference: 'CASE-2025-000007',
  clientId: 'existing-client',
  defendantName: 'Someone Else',
  insurerName: null,
  ...overrides,
});

describe('findConflicts', () => {
  const table: [string, Partial<ConflictSubject>, CandidateClient[], CandidateCase[], ConflictMatch['matchedOn'][]][] = [
    ['surname and date of birth', {}, [client({ dateOfBirth: '1980-04-02' })], [], [['lastName', 'dateOfBirth']]],
    ['surname and postcode', {}, [client({ postcode: 'RG1 1AA' })], [], [['lastName', 'postcode']]],
    ['surname, date of birth and postcode', {}, [client({ dateOfBirth: '1980-04-02', postcode: 'RG1 1AA' })], [], [['lastName', 'dateOfBirth', 'postcode']]],
    ['surname alone is not enough', {}, [client()], [], []],
    ['date of birth and postcode without the surname are not enough', {}, [client({ lastName: 'Hale', dateOfBirth: '1980-04-02', postcode: 'RG1 1AA' })], [], []],
    ['unknown date of birth never matches another unknown one', { dateOfBirth: null }, [client({ dateOfBirth: null })], [], []],
    ['defendant is an existing client', { defendantName: 'mary o’brien' }, [client()], [], [['defendantName']]],
    ['insurer is an existing client', { defendantName: null, insurerName: 'MARY OBRIEN' }, [client()], [], [['insurerName']]],
    ['client is another case’s defendant', { firstName: 'Acme', lastName: 'Haulage' }, [], [otherCase({ defendantName: 'ACME-HAULAGE' })], [['clientName', 'defendantName']]],
    ['client is another case’s insurer', {}, [], [otherCase({ insurerName: 'Siobhán O Brien' })], [['clientName', 'insurerName']]],
    ['the client’s own record never matches', {}, [client({ id: 'new-client', dateOfBirth: '1980-04-02' })], [otherCase({ clientId: 'new-client', defendantName: "Siobhan O'Brien" })], []],
    ['an empty party name matches nothing', { defendantName: '---' }, [client({ firstName: '', lastName: '' })], [], []],
  ];

  it.each(table)('%s', (_name, overrides, clients, cases, expected) => {
    expect(findConflicts(subject(overrides), clients, cases).map((match) => match.matchedOn)).toEqual(expected);
  });

  it('reports the matched client by reference and name only', () => {
    const [match] = findConflicts(subject(), [client({ dateOfBirth: '1980-04-02' })], []);
    expect(match).toEqual({ kind: 'client', id: 'existing-client', reference: 'OI-2025-000001', name: 'Mary OBrien', matchedOn: ['lastName', 'dateOfBirth'] });
  });

  it('reports a matched defendant by the other case’s reference', () => {
    const [match] = findConflicts(subject(), [], [otherCase({ defendantName: "Siobhan O'Brien" })]);
    expect(match).toEqual({ kind: 'case', id: 'other-case', reference: 'CASE-2025-000007', name: "Siobhan O'Brien", matchedOn: ['clientName', 'defendantName'] });
  });

  // Any way a person might type the same surname: case, spaces, accents, apostrophes.
  const respell = (name: string) =>
    fc
      .array(fc.record({ upper: fc.boolean(), accent: fc.constantFrom('', '\u0301', '\u0300', '\u0308'), gap: fc.constantFrom('', '', ' ', "'", '’', '-', '.') }), {
        minLength: name.length,
        maxLength: name.length,
      })
      .map((choices) =>
        [...name]
          .map((letter, index) => {
            const choice = choices[index] ?? { upper: false, accent: '', gap: '' };
            const cased = choice.upper ? letter.toUpperCase() : letter.toLowerCase();
            return `${choice.gap}${cased}${/[a-z]/i.test(letter) ? choice.accent : ''}`;
          })
          .join('')
          .normalize('NFC'),
      );

  it('any spelling of an existing client’s surname, with the same date of birth, is a potential conflict', () => {
    fc.assert(
      fc.property(fc.constantFrom("O'Brien", 'Hale', 'Smith-Jones', 'MacDonald', 'Ní Bhriain'), (surname) =>
        fc.assert(
          fc.property(respell(surname), (spelling) => {
            const found = findConflicts(subject({ lastName: spelling }), [client({ lastName: surname, dateOfBirth: '1980-04-02' })], []);
            return found.length === 1 && conflictStatusAfterCheck({ status: 'clear', matches: [] }, found) === 'potential';
          }),
          { numRuns: 50 },
        ),
      ),
      { numRuns: 5 },
    );
  });

  it('a different surname never matches on date of birth and postcode alone', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ minLength: 1, maxLength: 20 }), (a, b) => {
        fc.pre(foldName(a) !== foldName(b));
        const found = findConflicts(subject({ lastName: a }), [client({ lastName: b, firstName: 'Zed', dateOfBirth: '1980-04-02', postcode: 'RG1 1AA' })], []);
        return found.every((match) => !match.matchedOn.includes('dateOfBirth'));
      }),
    );
  });
});

describe('conflictStatusAfterCheck', () => {
  const match = (id: string): ConflictMatch => ({ kind: 'client', id, reference: `OI-2025-00000${id}`, name: 'X', matchedOn: ['lastName', 'dateOfBirth'] });
  it.each([
    ['no matches: clear', 'potential', [match('1')], [], 'clear'],
    ['matches on a clear case: potential', 'clear', [], [match('1')], 'potential'],
    ['an override stands for the same matches', 'overridden', [match('1')], [match('1')], 'overridden'],
    ['an override stands when a match goes away', 'overridden', [match('1'), match('2')], [match('1')], 'overridden'],
    ['a new match reopens an overridden case', 'overridden', [match('1')], [match('1'), match('2')], 'potential'],
    ['an overridden case with no matches left is clear', 'overridden', [match('1')], [], 'clear'],
  ] as const)('%s', (_name, status, previous, found, expected) => {
    expect(conflictStatusAfterCheck({ status, matches: previous }, found)).toBe(expected);
  });
});
