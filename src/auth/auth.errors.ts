import { DomainError } from '../common/errors/domain-error';

export enum AuthErrorCode {
  InvalidCredentials = 'INVALID_CREDENTIALS',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  TooManyLoginAttempts = 'TOO_MANY_LOGIN_ATTEMPTS',
}

export const AuthErrors = {
  // One answer for unknown email, wrong password and deactivated account: none may be told apart.
  invalidCredentials: () => new DomainError('unauthenticated', AuthErrorCode.InvalidCredentials, 'Email or password is incorrect.'),
  unauthenticated: () => new DomainError('unauthenticated', AuthErrorCode.Unauthenticated, 'A valid access token is required.'),
  forbidden: () => new DomainError('forbidden', AuthErrorCode.Forbidden, 'Your role does not allow this.'),
  tooManyLoginAttempts: () =>
    new DomainError('too_many_requests', AuthErrorCode.TooManyLoginAttempts, 'Too many sign-in attempts; wait and try again.'),
};
