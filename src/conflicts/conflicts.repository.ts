import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { Case } from '../cases/case.entity';
import { Client } from '../clients/client.entity';
import { CASE_REFERENCE_PREFIX, CLIENT_REFERENCE_PREFIX } from '../common/reference';
import { formatReference } from '../common/reference';
import { Transaction } from '../database/transaction-runner';
import { CandidateCase, CandidateClient, ConflictMatch, ConflictStatus } from './conflict-rules';

export interface ConflictResult {
  conflictStatus: ConflictStatus;
  conflictMatches: ConflictMatch[];
  conflictCheckedAt: Date;
}

/**
 * Reads the firm's clients and cases for the conflict check and writes its result on a case. It reads
 * across every solicitor's records on purpose: a conflict with a colleague's client is still a conflict.
 */
@Injectable()
export class ConflictsRepository {
  /** Clients sharing the surname with the date of birth or postcode, or named as one of the parties. */
  candidateClients(
    transaction: Transaction,
    probe: { clientId: string; foldedLastName: string; dateOfBirth: string | null; postcode: string | null; foldedParties: string[] },
  ): Promise<CandidateClient[]> {
    const query = transaction.manager
      .getRepository(Client)
      .createQueryBuilder('client')
      .where('client.id <> :clientId', { clientId: probe.clientId })
      .andWhere(
        new Brackets((either) => {
          either.where('client.folded_last_name = :lastName AND (client.date_of_birth = :dateOfBirth OR client.postcode = :postcode)', {
            lastName: probe.foldedLastName,
            dateOfBirth: probe.dateOfBirth,
            postcode: probe.postcode,
          });
          if (probe.foldedParties.length > 0) either.orWhere('client.folded_full_name IN (:...parties)', { parties: probe.foldedParties });
        }),
      )
      .orderBy('client.number', 'ASC');
    return query.getMany().then((rows) =>
      rows.map((client) => ({
        id: client.id,
        reference: formatReference(CLIENT_REFERENCE_PREFIX, client.createdAt, client.number),
        firstName: client.firstName,
        lastName: client.lastName,
        dateOfBirth: client.dateOfBirth,
        postcode: client.postcode,
      })),
    );
  }

  /** Other clients' cases whose defendant or insurer bears this client's name. */
  candidateCases(transaction: Transaction, probe: { clientId: string; foldedFullName: string }): Promise<CandidateCase[]> {
    return transaction.manager
      .getRepository(Case)
      .createQueryBuilder('matter')
      .where('matter.client_id <> :clientId', { clientId: probe.clientId })
      .andWhere('(matter.folded_defendant_name = :name OR matter.folded_insurer_name = :name)', { name: probe.foldedFullName })
      .orderBy('matter.number', 'ASC')
      .getMany()
      .then((rows) =>
        rows.map((matter) => ({
          id: matter.id,
          reference: formatReference(CASE_REFERENCE_PREFIX, matter.createdAt, matter.number),
          clientId: matter.clientId,
          defendantName: matter.defendantName,
          insurerName: matter.insurerName,
        })),
      );
  }

  findCase(transaction: Transaction, caseId: string): Promise<(Case & { client: Client }) | null> {
    return transaction.manager
      .getRepository(Case)
      .findOne({ where: { id: caseId }, relations: { client: true } })
      .then((row) => (row?.client === undefined ? null : (row as Case & { client: Client })));
  }

  /** The ids of a client's cases, in order. */
  async caseIdsOfClient(transaction: Transaction, clientId: string): Promise<string[]> {
    const rows = await transaction.manager.getRepository(Case).find({ select: { id: true }, where: { clientId }, order: { number: 'ASC' } });
    return rows.map((row) => row.id);
  }

  /**
   * Stores a re-check's result. Plain SQL on purpose: the result is derived from other records, not an
   * edit of this case, so the case's version (and anyone's If-Match on it) stays as it is.
   */
  async saveResult(transaction: Transaction, caseId: string, result: ConflictResult): Promise<void> {
    await transaction.manager.query(`UPDATE "cases" SET "conflict_status" = $1, "conflict_matches" = $2::jsonb, "conflict_checked_at" = $3 WHERE "id" = $4`, [
      result.conflictStatus,
      JSON.stringify(result.conflictMatches),
      result.conflictCheckedAt,
      caseId,
    ]);
  }
}
