import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { formatEtag, parseIfMatch } from './etag';

function codeOf(header: string | undefined): string {
  try {
    parseIfMatch(header);
    return 'ok';
  } catch (error) {
    return (error as DomainError).code;
  }
}

describe('If-Match', () => {
  it('round-trips every version', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 999_999_999 }), (version) => expect(parseIfMatch(formatEtag(version))).toBe(version)));
  });

  it('accepts a weak form of our ETag', () => {
    expect(parseIfMatch('W/"7"')).toBe(7);
  });

  it.each([
    [undefined, 'IF_MATCH_REQUIRED'],
    ['', 'IF_MATCH_REQUIRED'],
    ['*', 'INVALID_IF_MATCH'],
    ['3', 'INVALID_IF_MATCH'],
    ['"3", "4"', 'INVALID_IF_MATCH'],
    ['"abc"', 'INVALID_IF_MATCH'],
    ['"12345678901"', 'INVALID_IF_MATCH'],
  ])('refuses %j with %s', (header, code) => {
    expect(codeOf(header)).toBe(code);
  });

  it('answers any other header with a refusal, never a crash', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (header) => {
        expect(['ok', 'IF_MATCH_REQUIRED', 'INVALID_IF_MATCH']).toContain(codeOf(header));
      }),
    );
  });
});
