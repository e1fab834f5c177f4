import { DomainError } from '../common/errors/domain-error';
import { ReferralPhase, ReferralTaskStatus, ReferralTaskType } from './referral-terms';

export const ReferralsErrors = {
  // Another user's task or case answers exactly like a missing one.
  taskNotFound: () => new DomainError('not_found', 'REFERRAL_TASK_NOT_FOUND', 'No referral task with that id.'),
  caseNotFound: () => new DomainError('not_found', 'CASE_NOT_FOUND', 'No case with that id.'),
  providerNotFound: () => new DomainError('not_found', 'PROVIDER_NOT_FOUND', 'No provider with that id.'),
  taskTypeNotFound: () => new DomainError('not_found', 'REFERRAL_TASK_TYPE_NOT_FOUND', 'No referral task type with that name.'),
  invalidStatusTransition: (from: ReferralTaskStatus, to: ReferralTaskStatus, allowedNext: readonly ReferralTaskStatus[]) =>
    new DomainError(
      'conflict',
      'INVALID_STATUS_TRANSITION',
      `A task that is ${from} cannot become ${to}. Allowed next: ${allowedNext.length > 0 ? allowedNext.join(', ') : 'none (final status)'}.`,
    ),
  taskClosed: (status: ReferralTaskStatus) =>
    new DomainError('conflict', 'REFERRAL_TASK_CLOSED', `The task is ${status}: only its outcome note can still change.`),
  taskAlreadyOpen: (type: ReferralTaskType, phase: ReferralPhase, existingId: string) =>
    new DomainError('conflict', 'REFERRAL_TASK_ALREADY_OPEN', `This case already has an open ${type} task for ${phase} (task ${existingId}).`),
  invalidAssignee: (field: string) =>
    new DomainError('rule_refused', 'INVALID_ASSIGNEE', `${field} must be an active solicitor or paralegal.`, [
      { field, code: 'activeUserWithRole', message: `${field} must be an active solicitor or paralegal` },
    ]),
  invalidProvider: (field: string, message: string) =>
    new DomainError('rule_refused', 'INVALID_PROVIDER', message, [{ field, code: 'providerFitsTask', message }]),
  caseNotOpen: () => new DomainError('conflict', 'CASE_NOT_OPEN', 'The case is declined, referred elsewhere or closed: no new referral work.'),
};
