/**
 * What went wrong, in terms the API can map to a status without the services knowing HTTP.
 * The one place that turns a kind into a status is problem-details.ts.
 */
export type ErrorKind =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'precondition_failed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rule_refused'
  | 'precondition_required'
  | 'too_many_requests'
  | 'unavailable';

export interface FieldError {
  /** Dotted path of the field, e.g. `client.firstName`. */
  field: string;
  /** Stable machine-readable reason, e.g. `maxLength`. */
  code: string;
  message: string;
}

/**
 * A failure the caller can act on. `code` is stable and documented (`USER_NOT_FOUND`); `message`
 * is plain English and never contains a submitted value or personal data.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
