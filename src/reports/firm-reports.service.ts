import { Injectable } from '@nestjs/common';
import { CaseViewer } from '../cases/cases.repository';
import { DomainError } from '../common/errors/domain-error';
import { addDays, todayInLondon } from '../common/time/calendar-date';
import { ReportQueryDto } from './dto/report-query.dto';
import { CaseloadReportDto, ReferralsReportDto, ReportPeriodDto, ScreeningReportDto } from './dto/reports.dto';
import { CaseloadCountsRepository } from './caseload-counts.repository';
import { Period, ReportsRepository } from './reports.repository';

const MAX_PERIOD_DAYS = 3660;

/** Caseload, screening and referral figures, over the firm for an admin and over their own work for others. */
@Injectable()
export class FirmReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly counts: CaseloadCountsRepository,
  ) {}

  async caseload(actor: CaseViewer, query: ReportQueryDto): Promise<CaseloadReportDto> {
    const period = periodOf(query);
    // The firm's caseload comes from counts kept by the database; anyone else's is a few thousand cases, counted live.
    const figures = actor.role === 'admin' ? await this.counts.firmCaseload(period) : await this.reports.caseload(actor, period);
    const { accepted, declined, referredElsewhere } = figures.decisions;
    const total = accepted + declined + referredElsewhere;
    return {
      period: describe(period, actor, 'own cases'),
      openCases: figures.openCases,
      newEnquiriesByMonth: figures.byMonth,
      decisions: { accepted, declined, referredElsewhere, conversionRate: total === 0 ? null : round(accepted / total) },
      sources: figures.sources,
    };
  }

  async screening(actor: CaseViewer, query: ReportQueryDto): Promise<ScreeningReportDto> {
    const period = periodOf(query);
    const figures = await this.reports.screening(actor, period);
    const { screenings, overridden } = figures.overrides;
    return {
      period: describe(period, actor, 'own cases'),
      outcomesByMonth: figures.byMonth,
      topFlags: figures.flags,
      overrides: { screenings, overridden, share: screenings === 0 ? null : round(overridden / screenings) },
    };
  }

  async referrals(actor: CaseViewer, query: ReportQueryDto): Promise<ReferralsReportDto> {
    const period = periodOf(query);
    const figures = await this.reports.referrals(actor, period, todayInLondon());
    return {
      period: describe(period, actor, actor.role === 'paralegal' ? 'own tasks' : 'own cases'),
      byTypeAndStatus: figures.byTypeAndStatus,
      overdueByAssignee: figures.overdue,
      timings: figures.timings,
    };
  }
}

function periodOf(query: ReportQueryDto): Period {
  const to = query.to ?? todayInLondon();
  const from = query.from ?? addDays(to, -365);
  if (from > to) throw invalidPeriod('from', 'from must not be after to');
  if (addDays(from, MAX_PERIOD_DAYS) < to) throw invalidPeriod('from', 'the period may be at most ten years');
  return { from, to };
}

function invalidPeriod(field: string, message: string): DomainError {
  return new DomainError('bad_request', 'VALIDATION_FAILED', 'Some fields are missing or invalid; see errors.', [{ field, code: 'period', message }]);
}

function describe(period: Period, actor: CaseViewer, ownScope: string): ReportPeriodDto {
  return { ...period, scope: actor.role === 'admin' ? 'firm' : ownScope };
}

const round = (value: number): number => Math.round(value * 10000) / 10000;
