import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { decodeCursor, decodeSequenceCursor, encodeCursor } from './cursor';

describe('keyset cursor', () => {
  it('round-trips any key of the declared kinds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), fc.integer(), (text, count) => {
        expect(decodeCursor(encodeCursor([text, count]), ['string', 'number'])).toEqual([text, count]);
      }),
    );
  });

  it.each([
    ['', 'empty'],
    ['not base64!', 'bad alphabet'],
    [Buffer.from('{"a":1}').toString('base64url'), 'not an array'],
    [encodeCursor(['a']), 'wrong arity'],
    [encodeCursor([1, 2]), 'wrong kinds'],
    [Buffer.from('[').toString('base64url'), 'truncated JSON'],
    ['A'.repeat(600), 'too long'],
  ])('refuses %s (%s) with INVALID_CURSOR', (cursor) => {
    expect(() => decodeCursor(cursor, ['string', 'number'])).toThrow(DomainError);
    expect(() => decodeCursor(cursor, ['string', 'number'])).toThrow(/cursor/);
  });

  it('never throws anything but INVALID_CURSOR on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 700 }), (cursor) => {
        try {
          decodeCursor(cursor, ['string']);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe('INVALID_CURSOR');
        }
      }),
    );
  });
});

describe('sequence cursor', () => {
  it('gives back the digits it was made from', () => {
    expect(decodeSequenceCursor(encodeCursor(['123456']))).toBe('123456');
  });

  it.each([['abc'], ['-1'], ['1e5'], ['12345678901234567890'], ['']])('refuses the well-formed but foreign key %j', (key) => {
    expect(() => decodeSequenceCursor(encodeCursor([key]))).toThrow(/cursor/);
  });
});
