import { DomainError } from '../common/errors/domain-error';

export enum ClientsErrorCode {
  ClientNotFound = 'CLIENT_NOT_FOUND',
  AmputationNotFound = 'AMPUTATION_NOT_FOUND',
  SocketComplaintNotFound = 'SOCKET_COMPLAINT_NOT_FOUND',
}

export const ClientsErrors = {
  // Another user's client answers exactly like a missing one.
  clientNotFound: () => new DomainError('not_found', ClientsErrorCode.ClientNotFound, 'No client with that id.'),
  amputationNotFound: () => new DomainError('not_found', ClientsErrorCode.AmputationNotFound, 'No amputation with that id for this client.'),
  socketComplaintNotFound: () =>
    new DomainError('not_found', ClientsErrorCode.SocketComplaintNotFound, 'No socket complaint with that id for this amputation.'),
  amputationLimitReached: (limit: number) =>
    new DomainError('rule_refused', 'AMPUTATION_LIMIT_REACHED', `A client has at most ${limit} amputations recorded; remove one recorded in error first.`),
  socketComplaintLimitReached: (limit: number) =>
    new DomainError('rule_refused', 'SOCKET_COMPLAINT_LIMIT_REACHED', `An amputation has at most ${limit} socket complaints recorded; remove one first.`),
  levelDoesNotMatchLimb: (field: string) =>
    new DomainError('bad_request', 'VALIDATION_FAILED', 'Some fields are missing or invalid; see errors.', [
      { field, code: 'levelMatchesLimb', message: `${field} must be an amputation level of the given limb` },
    ]),
  quitDateOnlyForFormerSmokers: (field: string) =>
    new DomainError('bad_request', 'VALIDATION_FAILED', 'Some fields are missing or invalid; see errors.', [
      { field, code: 'quitDateForFormerSmoker', message: `${field} may only be given when smokingStatus is former` },
    ]),
  clientErased: () => new DomainError('conflict', 'CLIENT_ERASED', 'This client’s data was erased; the record is kept anonymised and cannot be changed.'),
};
