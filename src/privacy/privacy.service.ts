import { Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { toAuditEventDto } from '../audit/audit.mapper';
import { CLIENT_REFERENCE_PREFIX } from '../common/reference';
import { ClientsService } from '../clients/clients.service';
import { DomainError } from '../common/errors/domain-error';
import { formatReference } from '../common/reference';
import { TransactionRunner } from '../database/transaction-runner';
import { ClientExportDto, ErasureRequestDto, ErasureResponseDto } from './dto/privacy.dto';
import { ExportedRow, PrivacyRepository } from './privacy.repository';

const PrivacyErrors = {
  legalHold: (open: number) =>
    new DomainError('conflict', 'LEGAL_HOLD', `The client has ${open} open case(s): their data may be needed for a legal claim and cannot be erased yet.`),
  alreadyErased: () => new DomainError('conflict', 'CLIENT_ALREADY_ERASED', 'This client’s data has already been erased.'),
};

/** Data-subject rights: a subject access export and erasure (UK GDPR arts. 15 and 17). Admin only. */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly clients: ClientsService,
    private readonly privacy: PrivacyRepository,
    private readonly audit: AuditService,
    private readonly auditEvents: AuditRepository,
  ) {}

  /** Everything held about the client, read in one transaction so the parts agree; the export itself is audited. */
  export(actorId: string, clientId: string): Promise<ClientExportDto> {
    return this.transactions.run(async (transaction) => {
      const client = await this.clients.getById(clientId, transaction);
      const records = redactThirdParties(await this.privacy.exportRows(transaction, clientId));
      const namedElsewhere = await this.privacy.matchesNamingClient(transaction, clientId);
      const ids = new Set<string>([clientId]);
      for (const rows of Object.values(records)) for (const row of rows) if (typeof row.id === 'string') ids.add(row.id);
      const auditEvents = await this.auditEvents.aboutEntities([...ids], transaction);
      await this.audit.record(transaction, { actorId, action: 'export', entityType: 'client', entityId: clientId, changedFields: Object.keys(records) });
      return {
        clientId,
        reference: formatReference(CLIENT_REFERENCE_PREFIX, client.createdAt, client.number),
        exportedAt: new Date().toISOString(),
        exportedById: actorId,
        records,
        conflictMatchesNamingClient: namedElsewhere,
        auditEvents: auditEvents.map(toAuditEventDto),
      };
    });
  }

  /** Irreversible: personal and health fields are overwritten or deleted; ids, stages and counts stay. */
  erase(actorId: string, clientId: string, input: ErasureRequestDto): Promise<ErasureResponseDto> {
    return this.transactions.run(async (transaction) => {
      const locked = await this.privacy.lockClient(transaction, clientId);
      if (locked === null) await this.clients.getById(clientId, transaction);
      if (locked?.erasedAt != null) throw PrivacyErrors.alreadyErased();
      const open = await this.privacy.countOpenCases(transaction, clientId);
      if (open > 0) throw PrivacyErrors.legalHold(open);
      await this.privacy.erase(transaction, clientId, actorId, input.reason);
      await this.audit.record(transaction, { actorId, action: 'erasure', entityType: 'client', entityId: clientId, changedFields: ['personalData', 'healthData'] });
      const erased = await this.clients.getById(clientId, transaction);
      return { clientId, erasedAt: (erased.erasedAt ?? new Date()).toISOString(), erasedById: actorId };
    });
  }
}

/**
 * A client's own conflict matches name other people (and what they share with the client): a subject
 * access answer keeps only that a match of some kind was found, on which fields.
 */
function redactThirdParties(records: Record<string, ExportedRow[]>): Record<string, ExportedRow[]> {
  const cases = (records.cases ?? []).map((row) => ({
    ...row,
    conflict_matches: Array.isArray(row.conflict_matches)
      ? (row.conflict_matches as { kind?: unknown; matchedOn?: unknown }[]).map((match) => ({ kind: match.kind, matchedOn: match.matchedOn }))
      : row.conflict_matches,
  }));
  return { ...records, cases };
}
