import fc from 'fast-check';
import { foldName } from './fold-name';

describe('foldName', () => {
  it.each([
    ["O'Brien", 'obrien'],
    ['OBRIEN', 'obrien'],
    ['o brien', 'obrien'],
    ['Ó Brien', 'obrien'],
    ['O’Brien', 'obrien'],
    ['  Smith-Jones ', 'smithjones'],
    ['Zoë', 'zoe'],
    ['Strauß', 'strauss'],
    ['Łukasz', 'lukasz'],
    ['Søren', 'soren'],
    ['Ærin', 'aerin'],
  ])('%s → %s', (name, folded) => {
    expect(foldName(name)).toBe(folded);
  });

  it('is idempotent and ignores case and surrounding punctuation', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (name) => {
        const folded = foldName(name);
        expect(foldName(folded)).toBe(folded);
        expect(foldName(name.toUpperCase())).toBe(foldName(name.toLowerCase()));
        expect(foldName(` '${name}'- `)).toBe(folded);
      }),
    );
  });
});
