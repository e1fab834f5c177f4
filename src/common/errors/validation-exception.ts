import { ValidationError } from 'class-validator';
import { DomainError, FieldError } from './domain-error';

const MAX_REPORTED_ERRORS = 50;
const MAX_FIELD_NAME = 100;

/**
 * Flattens class-validator's tree into `{field, code, message}` entries. class-validator's default
 * messages name the property and the rule, never the value; field names submitted by the caller are
 * cut short so a huge unknown key is not echoed in full.
 */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const flat: FieldError[] = [];
  for (const error of errors) {
    const property = error.property.length > MAX_FIELD_NAME ? `${error.property.slice(0, MAX_FIELD_NAME)}…` : error.property;
    const field = parent === '' ? property : /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
    for (const [code, message] of Object.entries(error.constraints ?? {})) {
      flat.push({ field, code, message: code === 'whitelistValidation' ? `${field} is not an accepted field` : message });
    }
    if (error.children && error.children.length > 0) flat.push(...toFieldErrors(error.children, field));
  }
  return flat.slice(0, MAX_REPORTED_ERRORS);
}

export function validationFailed(errors: ValidationError[]): DomainError {
  return new DomainError('bad_request', 'VALIDATION_FAILED', 'Some fields are missing or invalid; see errors.', toFieldErrors(errors));
}
