import { ArgumentMetadata } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { MAX_INPUT_DEPTH, SafeInputPipe } from './safe-input.pipe';

const body: ArgumentMetadata = { type: 'body' };
const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { child: nested(depth - 1) });

function refusal(value: unknown, metadata: ArgumentMetadata = body): DomainError['errors'] {
  try {
    new SafeInputPipe().transform(value, metadata);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') return error.errors;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('SafeInputPipe', () => {
  it.each<[string, unknown]>([
    ['an ordinary body', { firstName: 'Ann', amputations: [{ level: 'transtibial' }], note: 'emoji 🦿 and accents é' }],
    ['nesting at the limit', nested(MAX_INPUT_DEPTH)],
    ['a string, number or array body (the ValidationPipe refuses those)', ['x', 1]],
  ])('passes %s through unchanged', (_label, value) => {
    expect(new SafeInputPipe().transform(value, body)).toBe(value);
  });

  it.each<[string, unknown, { field: string; code: string }[]]>([
    ['a NUL in a value', { notes: 'a\u0000b' }, [{ field: 'notes', code: 'isText' }]],
    ['an unpaired surrogate deep inside', { client: { names: ['ok', 'x\ud800'] } }, [{ field: 'client.names[1]', code: 'isText' }]],
    ['a NUL in a field name', { 'a\u0000': 1 }, [{ field: 'body', code: 'isText' }]],
    ['a constructor key', { constructor: 'x' }, [{ field: 'constructor', code: 'whitelistValidation' }]],
    ['a null body', null, [{ field: 'body', code: 'isObject' }]],
    ['nesting past the limit', nested(MAX_INPUT_DEPTH + 1), [{ field: `${'child.'.repeat(MAX_INPUT_DEPTH - 1)}child`, code: 'maxDepth' }]],
  ])('refuses %s, naming the field', (_label, value, expected) => {
    expect(refusal(value).map(({ field, code }) => ({ field, code }))).toEqual(expected);
  });

  it('checks query strings too, but leaves path parameters to their own pipes', () => {
    expect(refusal({ name: 'a\u0000' }, { type: 'query' })).toEqual([expect.objectContaining({ field: 'name', code: 'isText' })]);
    expect(new SafeInputPipe().transform('a\u0000', { type: 'param', data: 'id' })).toBe('a\u0000');
  });
});
