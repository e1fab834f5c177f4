import { DomainError } from '../common/errors/domain-error';
import { Stage } from './case-stages';

export enum CasesErrorCode {
  CaseNotFound = 'CASE_NOT_FOUND',
  InvalidStageTransition = 'INVALID_STAGE_TRANSITION',
  InvalidAssignee = 'INVALID_ASSIGNEE',
  ReassignmentNotAllowed = 'REASSIGNMENT_NOT_ALLOWED',
}

const invalidField = (field: string, code: string, message: string) =>
  new DomainError('bad_request', 'VALIDATION_FAILED', 'Some fields are missing or invalid; see errors.', [{ field, code, message }]);

export const CasesErrors = {
  // Another user's case answers exactly like a missing one.
  caseNotFound: () => new DomainError('not_found', CasesErrorCode.CaseNotFound, 'No case with that id.'),
  invalidStageTransition: (from: Stage, to: Stage, allowedNext: readonly Stage[]) =>
    new DomainError(
      'conflict',
      CasesErrorCode.InvalidStageTransition,
      `A case at ${from} cannot move to ${to}. Allowed next: ${allowedNext.length > 0 ? allowedNext.join(', ') : 'none (final stage)'}.`,
      allowedNext.map((stage) => ({ field: 'to', code: 'allowedNext', message: stage })),
    ),
  invalidAssignee: (field: string, role: 'solicitor' | 'paralegal') =>
    new DomainError('rule_refused', CasesErrorCode.InvalidAssignee, `${field} must be an active ${role}.`, [
      { field, code: 'activeUserWithRole', message: `${field} must be an active ${role}` },
    ]),
  reassignmentNotAllowed: () =>
    new DomainError('forbidden', CasesErrorCode.ReassignmentNotAllowed, 'Only an admin can hand a case to another solicitor.', [
      { field: 'assignedSolicitorId', code: 'adminOnly', message: 'assignedSolicitorId can be changed by an admin only' },
    ]),
  incidentBeforeBirth: (field: string) => invalidField(field, 'notBeforeBirth', `${field} must not be before the client’s date of birth`),
  knowledgeBeforeIncident: (field: string) => invalidField(field, 'notBeforeIncident', `${field} must not be before the incident date`),
  reasonRequired: (to: Stage) => invalidField('reason', 'reasonRequired', `reason is required to move a case to ${to}`),
  limitationAlreadySatisfied: () =>
    new DomainError('conflict', 'LIMITATION_ALREADY_SATISFIED', 'Proceedings are already recorded as issued on this case.'),
  issuedBeforeIncident: () => invalidField('on', 'notBeforeIncident', 'on must not be before the incident date'),
  conflictUnresolved: () =>
    new DomainError('conflict', 'CONFLICT_UNRESOLVED', 'The case has a potential conflict: resolve it or record an override with a reason before accepting.'),
  noConflictToOverride: (status: string) => new DomainError('conflict', 'NO_CONFLICT_TO_OVERRIDE', `The conflict check is ${status}: there is no potential conflict to override.`),
  clientErased: () => new DomainError('conflict', 'CLIENT_ERASED', 'This client’s data was erased: take the enquiry as a new client.'),
};
