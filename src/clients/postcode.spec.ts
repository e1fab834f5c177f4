import { normaliseUkPostcode } from './postcode';

describe('normaliseUkPostcode', () => {
  it.each([
    ['RG1 1AA', 'RG1 1AA'],
    ['rg11aa', 'RG1 1AA'],
    [' SW1A  2AA ', 'SW1A 2AA'],
    ['M1 1AE', 'M1 1AE'],
    ['B33 8TH', 'B33 8TH'],
    ['CR2 6XH', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['W1A 0AX', 'W1A 0AX'],
    ['GIR 0AA', 'GIR 0AA'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseUkPostcode(input)).toBe(expected);
  });

  it.each(['', 'RG1', '12345', 'RG1 1A', 'RG1 1AAA', 'Q1 1AA1', 'RG1-1AA', '<script>'])('refuses %j', (input) => {
    expect(normaliseUkPostcode(input)).toBeUndefined();
  });
});
