import { HttpException } from '@nestjs/common';
import { isDatabaseUnavailable } from './database-failure';
import { DomainError } from './domain-error';
import { buildProblem, ProblemDetails, STATUS_BY_KIND } from './problem-details';

export interface MappedError {
  problem: ProblemDetails;
  headers: Record<string, string>;
  /** Unexpected failures are logged with their cause; expected ones are not. */
  unexpected: boolean;
}

/**
 * Codes for failures raised by the framework rather than by our services. Fastify's own failures
 * before a route runs (malformed JSON, body too large, wrong media type) reach here as
 * HttpExceptions carrying only their status.
 */
const FRAMEWORK_CODES: Record<number, { code: string; detail: string }> = {
  400: { code: 'MALFORMED_REQUEST', detail: 'The request could not be parsed: check the JSON body and the parameters.' },
  401: { code: 'UNAUTHENTICATED', detail: 'A valid access token is required.' },
  403: { code: 'FORBIDDEN', detail: 'Your role does not allow this.' },
  404: { code: 'ROUTE_NOT_FOUND', detail: 'No endpoint matches this method and path.' },
  405: { code: 'METHOD_NOT_ALLOWED', detail: 'This endpoint does not accept that method.' },
  408: { code: 'REQUEST_TIMEOUT', detail: 'The request took too long to arrive.' },
  406: { code: 'NOT_ACCEPTABLE', detail: 'The requested representation is not available.' },
  413: { code: 'PAYLOAD_TOO_LARGE', detail: 'The request body is larger than this API accepts.' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Send the body as application/json.' },
  429: { code: 'TOO_MANY_REQUESTS', detail: 'Too many requests; retry later.' },
  431: { code: 'HEADERS_TOO_LARGE', detail: 'The request headers are larger than this API accepts.' },
  503: { code: 'SERVICE_UNAVAILABLE', detail: 'The service is not ready; retry shortly.' },
};

export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function errorToProblem(error: unknown, requestId: string): MappedError {
  if (error instanceof DomainError) {
    const mapped = expected(STATUS_BY_KIND[error.kind], error.code, error.message, requestId, error.errors);
    // A 503 always says when to come back, whichever part was unavailable.
    return error.kind === 'unavailable' ? { ...mapped, headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) } } : mapped;
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const known = FRAMEWORK_CODES[status];
    if (known) return expected(status, known.code, known.detail, requestId);
    if (status < 500) return expected(status, 'REQUEST_REFUSED', 'The request was refused.', requestId);
  }
  if (isDatabaseUnavailable(error)) {
    const mapped = expected(503, 'DATABASE_UNAVAILABLE', 'The database is not reachable right now; retry shortly.', requestId);
    return { ...mapped, headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) }, unexpected: true };
  }
  return {
    problem: buildProblem({ status: 500, code: 'INTERNAL_ERROR', detail: 'Something went wrong on our side; it has been logged.', requestId }),
    headers: {},
    unexpected: true,
  };
}

function expected(status: number, code: string, detail: string, requestId: string, errors?: DomainError['errors']): MappedError {
  return { problem: buildProblem({ status, code, detail, requestId, errors }), headers: {}, unexpected: false };
}
