import { DomainError, FieldError } from '../common/errors/domain-error';
import { FLAG_SEVERITIES, RuleSetProblem } from './engine';
import { MIN_OVERRIDE_REASON_LENGTH } from './dto/screening.dto';

// The same bounds the global validation errors keep: a caller's unknown keys are neither listed without end nor echoed in full.
const MAX_REPORTED_ERRORS = 50;
const MAX_FIELD_NAME = 100;

function severityError(problem: RuleSetProblem): FieldError {
  if (problem.problem === 'not_an_object') return { field: 'severities', code: problem.problem, message: problem.message };
  const key = problem.key.length > MAX_FIELD_NAME ? `${problem.key.slice(0, MAX_FIELD_NAME)}…` : problem.key;
  const field = `severities.${key}`;
  const messages: Record<Exclude<RuleSetProblem['problem'], 'not_an_object'>, string> = {
    unknown_key: `${field} is not a configurable rule`,
    missing_key: `${field} needs a severity`,
    bad_severity: `${field} must be one of ${FLAG_SEVERITIES.join(', ')}`,
  };
  return { field, code: problem.problem, message: messages[problem.problem] };
}

export const ScreeningErrors = {
  ruleSetNotFound: () => new DomainError('not_found', 'RULE_SET_NOT_FOUND', 'No screening rule set with that id.'),
  noActiveRuleSet: () => new DomainError('conflict', 'NO_ACTIVE_RULE_SET', 'No screening rule set is active; an admin must activate one.'),
  ruleSetVersionTaken: () => new DomainError('conflict', 'RULE_SET_VERSION_TAKEN', 'A rule set with that version already exists; versions are never reused.'),
  invalidSeverities: (problems: RuleSetProblem[]) =>
    new DomainError('bad_request', 'VALIDATION_FAILED', 'Some fields are missing or invalid; see errors.', problems.slice(0, MAX_REPORTED_ERRORS).map(severityError)),
  screeningNotFound: () => new DomainError('not_found', 'SCREENING_NOT_FOUND', 'No screening with that id for this case.'),
  alreadyReviewed: () => new DomainError('conflict', 'SCREENING_ALREADY_REVIEWED', 'This screening has already been reviewed; a review is never changed.'),
  superseded: () => new DomainError('conflict', 'SCREENING_SUPERSEDED', 'A newer screening of this case exists; review that one.'),
  caseNotOpen: () => new DomainError('conflict', 'CASE_NOT_OPEN', 'The case is declined, referred elsewhere or closed: it is not screened or reviewed.'),
  overrideReasonRequired: () =>
    new DomainError('bad_request', 'VALIDATION_FAILED', 'Some fields are missing or invalid; see errors.', [
      { field: 'reason', code: 'overrideReason', message: `an override needs a reason of at least ${MIN_OVERRIDE_REASON_LENGTH} characters` },
    ]),
};
