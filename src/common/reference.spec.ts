import fc from 'fast-check';
import { formatReference, parseReference } from './reference';

describe('references', () => {
  it('formats with the creation year and at least six digits', () => {
    expect(formatReference('OI', new Date('2026-03-01T10:00:00Z'), '123')).toBe('OI-2026-000123');
    expect(formatReference('CASE', new Date('2027-01-01T00:00:00Z'), 1234567)).toBe('CASE-2027-1234567');
  });

  it('parses what it formats', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 12 }), fc.integer({ min: 2000, max: 2099 }), (sequence, year) => {
        const reference = formatReference('OI', new Date(Date.UTC(year, 5, 1)), sequence);
        expect(parseReference('OI', reference)).toEqual({ year, sequenceNumber: String(sequence) });
      }),
    );
  });

  it.each(['OI-2026-12345', 'OI-26-000123', 'CASE-2026-000123', 'OI-2026-000123x', '', "OI-2026-000123' OR 1=1"])('refuses %j', (text) => {
    expect(parseReference('OI', text)).toBeUndefined();
  });

  it('ignores case and surrounding spaces', () => {
    expect(parseReference('OI', ' oi-2026-000042 ')).toEqual({ year: 2026, sequenceNumber: '42' });
  });
});
