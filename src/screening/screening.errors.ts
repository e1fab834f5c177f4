import { DomainError } from '../common/errors/domain-error';
import { RuleSetProblem } from './engine';
import { MIN_OVERRIDE_REASON_LENGTH } from './dto/screening.dto';

export const ScreeningErrors = {
  ruleSetNotFound: () => new DomainError('not_found', 'RULE_SET_NOT_FOUND', 'No screening rule set with that id.'),
  noActiveRuleSet: () => new DomainError('conflict', 'NO_ACTIVE_RULE_SET', 'No screening rule set is active; an admin must activate one.'),
  ruleSetVersionTaken: () => new DomainError('conflict', 'RULE_SET_VERSION_TAKEN', 'A rule set with that version already exists; versions are never reused.'),
  invalidSeverities: (problems: RuleSetProblem[]) =>
    new DomainError(
      'bad_request',
      'VALIDATION_FAILED',
      'Some fields are missing or invalid; see errors.',
      problems.map((problem) => ({ field: problem.key === '' ? 'severities' : `severities.${problem.key}`, code: problem.problem, message: problem.message })),
    ),
  screeningNotFound: () => new DomainError('not_found', 'SCREENING_NOT_FOUND', 'No screening with that id for this case.'),
  alreadyReviewed: () => new DomainError('conflict', 'SCREENING_ALREADY_REVIEWED', 'This screening has already been reviewed; a review is never changed.'),
  superseded: () => new DomainError('conflict', 'SCREENING_SUPERSEDED', 'A newer screening of this case exists; review that one.'),
  caseNotOpen: () => new DomainError('conflict', 'CASE_NOT_OPEN', 'The case is declined, referred elsewhere or closed: it is not screened.'),
  overrideReasonRequired: () =>
    new DomainError('bad_request', 'VALIDATION_FAILED', 'Some fields are missing or invalid; see errors.', [
      { field: 'reason', code: 'overrideReason', message: `an override needs a reason of at least ${MIN_OVERRIDE_REASON_LENGTH} characters` },
    ]),
};
