import { HttpStatus } from '@nestjs/common';
import { ErrorKind, FieldError } from './domain-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details, as every error response of this API is shaped. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors: FieldError[];
  requestId: string;
}

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  bad_request: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  gone: HttpStatus.GONE,
  precondition_failed: HttpStatus.PRECONDITION_FAILED,
  payload_too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unsupported_media_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  rule_refused: HttpStatus.UNPROCESSABLE_ENTITY,
  precondition_required: HttpStatus.PRECONDITION_REQUIRED,
  too_many_requests: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function titleForStatus(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/** A URN rather than a URL: the firm's deployment decides its host, and the code is what clients match on. */
export function problemType(code: string): string {
  return `urn:oi-intake:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

export function buildProblem(input: {
  status: number;
  code: string;
  detail: string;
  requestId: string;
  errors?: FieldError[];
}): ProblemDetails {
  return {
    type: problemType(input.code),
    title: titleForStatus(input.status),
    status: input.status,
    code: input.code,
    detail: input.detail,
    errors: input.errors ?? [],
    requestId: input.requestId,
  };
}
