import { clientReference } from '../clients/client.mapper';
import { CASE_REFERENCE_PREFIX, formatReference } from '../common/reference';
import { Client } from '../clients/client.entity';
import { Case } from './case.entity';
import { computeLimitation } from './limitation';
import { AmputationResponseDto } from '../clients/dto/amputation.dto';
import { ClientResponseDto } from '../clients/dto/client.dto';
import { HealthProfileResponseDto } from '../clients/dto/health-profile.dto';
import { CaseDetailDto, CaseListItemDto, CaseResponseDto } from './dto/case.dto';


/** The client facts a case's limitation date depends on. */
export type LimitationClient = Pick<Client, 'dateOfBirth' | 'lacksCapacity'>;

export function toCaseResponse(row: Case, client: LimitationClient): CaseResponseDto {
  const limitation = computeLimitation({
    incidentDate: row.incidentDate,
    dateOfKnowledge: row.dateOfKnowledge,
    dateOfBirth: client.dateOfBirth,
    lacksCapacity: client.lacksCapacity,
  });
  return {
    id: row.id,
    reference: formatReference(CASE_REFERENCE_PREFIX, row.createdAt, row.number),
    clientId: row.clientId,
    incidentDate: row.incidentDate,
    dateOfKnowledge: row.dateOfKnowledge,
    incidentType: row.incidentType,
    incidentDescription: row.incidentDescription,
    defendantName: row.defendantName,
    insurerName: row.insurerName,
    source: row.source,
    funding: row.funding,
    assignedSolicitorId: row.assignedSolicitorId,
    assignedParalegalId: row.assignedParalegalId,
    intakeStage: row.intakeStage,
    pathwayStage: row.pathwayStage,
    conflictStatus: row.conflictStatus,
    conflictMatches: row.conflictMatches,
    conflictCheckedAt: row.conflictCheckedAt?.toISOString() ?? null,
    conflictOverride:
      row.conflictOverrideReason === null || row.conflictOverriddenById === null || row.conflictOverriddenAt === null
        ? null
        : { reason: row.conflictOverrideReason, overriddenById: row.conflictOverriddenById, overriddenAt: row.conflictOverriddenAt.toISOString() },
    limitationDate: limitation.date,
    limitationBasis: limitation.basis,
    limitationSatisfied: row.limitationSatisfiedOn !== null,
    limitationSatisfiedOn: row.limitationSatisfiedOn,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The case with its client, amputations and health profile, as GET /cases/{id} and the intake answer it. */
export function toCaseDetail(row: Case, parts: { client: ClientResponseDto; amputations: AmputationResponseDto[]; healthProfile: HealthProfileResponseDto }): CaseDetailDto {
  return { ...toCaseResponse(row, parts.client), client: parts.client, amputations: parts.amputations, healthProfile: parts.healthProfile };
}

/** A list row: the case with who it is about. Needs the client relation loaded. */
export function toCaseListItem(row: Case): CaseListItemDto {
  const client = row.client;
  if (client === undefined) throw new Error('case list rows must load their client');
  return {
    ...toCaseResponse(row, client),
    client: { id: client.id, reference: clientReference(client), firstName: client.firstName, lastName: client.lastName },
  };
}
