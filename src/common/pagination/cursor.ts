import { DomainError } from '../errors/domain-error';

const MAX_CURSOR_LENGTH = 512;

/** Opaque keyset cursor: the sort key of the last row, base64url-encoded JSON. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The one answer to any cursor this API did not produce. */
export function invalidCursor(): DomainError {
  return new DomainError('bad_request', 'INVALID_CURSOR', 'The cursor is not one this list produced.', [
    { field: 'cursor', code: 'invalidCursor', message: 'cursor is not valid for this list' },
  ]);
}

/**
 * Decodes a cursor made by encodeCursor with `arity` parts of the given kinds. Anything else —
 * hand-made, truncated, from another list — is a 400, never a query with garbage in it.
 */
export function decodeCursor(cursor: string, kinds: readonly ('string' | 'number')[]): (string | number)[] {
  const invalid = invalidCursor();
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parsed) || parsed.length !== kinds.length) throw invalid;
  parsed.forEach((part, index) => {
    if (typeof part !== kinds[index]) throw invalid;
    if (typeof part === 'number' && !Number.isFinite(part)) throw invalid;
  });
  return parsed as (string | number)[];
}

/** A cursor over a bigint sequence (newest first): the last row's number, as digits only. */
export function decodeSequenceCursor(cursor: string): string {
  const [sequenceNumber] = decodeCursor(cursor, ['string']);
  if (typeof sequenceNumber !== 'string' || !/^[0-9]{1,18}$/.test(sequenceNumber)) {
    // The right shape but not a number this list produced: the same answer as any bad cursor.
    throw invalidCursor();
  }
  return sequenceNumber;
}
