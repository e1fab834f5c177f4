import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { CaseViewer } from '../cases/cases.repository';
import { CASE_REFERENCE_PREFIX, CLIENT_REFERENCE_PREFIX } from '../common/reference';
import { formatReference } from '../common/reference';
import { decodeCursor, encodeCursor, invalidCursor } from '../common/pagination/cursor';
import { addDays, todayInLondon } from '../common/time/calendar-date';
import { LimitationReportDto, LimitationReportItemDto, LimitationReportQueryDto } from './dto/limitation-report.dto';
import { LimitationReportRepository, LimitationRow } from './limitation-report.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Firm and caseload reports. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly limitation: LimitationReportRepository,
    private readonly audit: AuditService,
  ) {}

  /** Open cases at risk: expired first, then soonest; a solicitor sees their own, an admin the firm's. */
  async limitationReport(actor: CaseViewer, query: LimitationReportQueryDto, now: Date = new Date()): Promise<LimitationReportDto> {
    const asOf = todayInLondon(now);
    const rows = await this.limitation.list(actor, {
      horizon: addDays(asOf, query.withinDays),
      after: query.cursor === undefined ? undefined : decodeLimitationCursor(query.cursor),
      limit: query.limit,
    });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    // The report names clients and their cases: each one shown is a read.
    await this.audit.recordNow(
      ...items.flatMap((row) => [
        { actorId: actor.id, action: 'read' as const, entityType: 'case' as const, entityId: row.caseId },
        { actorId: actor.id, action: 'read' as const, entityType: 'client' as const, entityId: row.clientId },
      ]),
    );
    return {
      asOf,
      items: items.map((row) => toItem(row, asOf)),
      nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor([last.limitationDate, String(last.caseNumber)]) : null,
    };
  }
}

function toItem(row: LimitationRow, asOf: string): LimitationReportItemDto {
  const daysRemaining = Math.round((Date.parse(row.limitationDate) - Date.parse(asOf)) / DAY_MS);
  return {
    caseId: row.caseId,
    caseReference: formatReference(CASE_REFERENCE_PREFIX, new Date(row.caseCreatedAt), row.caseNumber),
    client: { id: row.clientId, reference: formatReference(CLIENT_REFERENCE_PREFIX, new Date(row.clientCreatedAt), row.clientNumber), firstName: row.firstName, lastName: row.lastName },
    assignedSolicitorId: row.assignedSolicitorId,
    limitationDate: row.limitationDate,
    limitationBasis: row.limitationBasis,
    expired: daysRemaining < 0,
    daysRemaining,
  };
}

function decodeLimitationCursor(cursor: string): { date: string; number: string } {
  const [date, number] = decodeCursor(cursor, ['string', 'string']) as [string, string];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^[0-9]{1,18}$/.test(number)) throw invalidCursor();
  return { date, number };
}
