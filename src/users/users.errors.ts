import { DomainError } from '../common/errors/domain-error';

export enum UsersErrorCode {
  UserNotFound = 'USER_NOT_FOUND',
  EmailTaken = 'USER_EMAIL_TAKEN',
  CannotDeactivateSelf = 'CANNOT_DEACTIVATE_SELF',
}

export const UsersErrors = {
  notFound: () => new DomainError('not_found', UsersErrorCode.UserNotFound, 'No user with that id.'),
  emailTaken: () =>
    new DomainError('conflict', UsersErrorCode.EmailTaken, 'A user with that email already exists.', [
      { field: 'email', code: 'taken', message: 'email is already in use' },
    ]),
  cannotDeactivateSelf: () =>
    new DomainError('rule_refused', UsersErrorCode.CannotDeactivateSelf, 'You cannot deactivate your own account; ask another admin.'),
};
