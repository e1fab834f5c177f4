import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { foldName } from '../clients/fold-name';
import { Transaction } from '../database/transaction-runner';
import { ConflictMatch, conflictStatusAfterCheck, ConflictStatus, ConflictSubject, findConflicts } from './conflict-rules';
import { ConflictResult, ConflictsRepository } from './conflicts.repository';

/**
 * The conflict check. Depends on no feature module, so cases (on create, on a party change, on
 * acceptance) and clients (on a change of name, date of birth or postcode) can both run it.
 */
@Injectable()
export class ConflictsService {
  constructor(
    private readonly conflicts: ConflictsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Checks a case-to-be (or a case about to change) against the firm, in the caller's transaction. */
  async assess(transaction: Transaction, subject: ConflictSubject, previous: { status: ConflictStatus; matches: readonly ConflictMatch[] } = { status: 'clear', matches: [] }): Promise<ConflictResult> {
    const foldedParties = [subject.defendantName, subject.insurerName].filter((name): name is string => name !== null).map(foldName).filter((name) => name !== '');
    const clients = await this.conflicts.candidateClients(transaction, {
      clientId: subject.clientId,
      foldedLastName: foldName(subject.lastName),
      dateOfBirth: subject.dateOfBirth,
      postcode: subject.postcode,
      foldedParties,
    });
    const cases = await this.conflicts.candidateCases(transaction, { clientId: subject.clientId, foldedFullName: foldName(`${subject.firstName}${subject.lastName}`) });
    const matches = findConflicts(subject, clients, cases);
    return { conflictStatus: conflictStatusAfterCheck(previous, matches), conflictMatches: matches, conflictCheckedAt: new Date() };
  }

  /** Re-runs the check on a stored case and keeps the result; a changed result is audited as an update of the case. */
  async recheckCase(transaction: Transaction, caseId: string, actorId: string): Promise<void> {
    const matter = await this.conflicts.findCase(transaction, caseId);
    if (matter === null) return;
    const result = await this.assess(
      transaction,
      {
        clientId: matter.clientId,
        firstName: matter.client.firstName,
        lastName: matter.client.lastName,
        dateOfBirth: matter.client.dateOfBirth,
        postcode: matter.client.postcode,
        defendantName: matter.defendantName,
        insurerName: matter.insurerName,
      },
      { status: matter.conflictStatus, matches: matter.conflictMatches },
    );
    await this.conflicts.saveResult(transaction, caseId, result);
    const changed = result.conflictStatus !== matter.conflictStatus || JSON.stringify(result.conflictMatches) !== JSON.stringify(matter.conflictMatches);
    if (changed) await this.audit.record(transaction, { actorId, action: 'update', entityType: 'case', entityId: caseId, changedFields: ['conflictStatus', 'conflictMatches'] });
  }

  /** After a client's name, date of birth or postcode changes, every case of theirs is checked again. */
  async recheckClientCases(transaction: Transaction, clientId: string, actorId: string): Promise<void> {
    for (const caseId of await this.conflicts.caseIdsOfClient(transaction, clientId)) await this.recheckCase(transaction, caseId, actorId);
  }
}
