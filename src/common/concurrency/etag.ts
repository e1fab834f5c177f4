import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../errors/domain-error';

/** A record's ETag is its row version, quoted: `"3"`. */
export function formatEtag(version: number): string {
  return `"${version}"`;
}

/**
 * Reads the version a writer last saw from If-Match. Missing → 428 (a write without it could
 * silently overwrite someone else's); `*`, lists or anything but one of our ETags → 400.
 */
export function parseIfMatch(header: string | string[] | undefined): number {
  if (header === undefined || header === '') {
    throw new DomainError('precondition_required', 'IF_MATCH_REQUIRED', 'Send If-Match with the ETag you last read, so no one else’s change is overwritten.');
  }
  const value = Array.isArray(header) ? header.join(',') : header;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(value);
  if (match?.[1] === undefined) {
    throw new DomainError('bad_request', 'INVALID_IF_MATCH', 'If-Match must be one ETag this API returned, such as "3".', [
      { field: 'If-Match', code: 'invalidEtag', message: 'If-Match must be a single ETag from this API' },
    ]);
  }
  return Number(match[1]);
}

export function staleWrite(): DomainError {
  return new DomainError('precondition_failed', 'STALE_WRITE', 'Someone changed this record since you read it; read it again and reapply your change.');
}

/** The version from the request's If-Match header; see parseIfMatch. */
export const IfMatchVersion = createParamDecorator((_data: unknown, context: ExecutionContext): number =>
  parseIfMatch(context.switchToHttp().getRequest<FastifyRequest>().headers['if-match']),
);
