import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DecisionsDto, MonthCountDto, OpenCasesRowDto, SourceCountDto } from './dto/reports.dto';
import type { Period } from './reports.repository';

export interface CaseloadFigures {
  openCases: OpenCasesRowDto[];
  byMonth: MonthCountDto[];
  decisions: Omit<DecisionsDto, 'conversionRate'>;
  sources: SourceCountDto[];
}

/**
 * The firm-wide caseload from the counts the database keeps beside `cases` (report_open_case_counts,
 * report_daily_enquiry_counts, kept exact by triggers): a few thousand rows whatever the firm's size,
 * where the live queries would group every open case and every case of the period. The figures and
 * their order are the live queries' (ReportsRepository.caseload); keys left at zero by moves are skipped.
 */
@Injectable()
export class CaseloadCountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async firmCaseload(period: Period): Promise<CaseloadFigures> {
    const openCases = await this.query<OpenCasesRowDto>(
      // Shards summed first, so only the few thousand totals meet the users table.
      `SELECT o.assigned_solicitor_id AS "solicitorId", u.name AS "solicitorName", o.intake_stage AS "intakeStage", o.pathway_stage AS "pathwayStage", o.count AS "count"
         FROM (SELECT assigned_solicitor_id, intake_stage, pathway_stage, sum(cases)::int AS count FROM report_open_case_counts
                GROUP BY 1, 2, 3 HAVING sum(cases) > 0) o
         JOIN users u ON u.id = o.assigned_solicitor_id
        ORDER BY 2, 1, 3, 4`,
      [],
    );
    const inPeriod = `FROM report_daily_enquiry_counts d WHERE d.opened_on BETWEEN $1::date AND $2::date`;
    const parameters = [period.from, period.to];
    const byMonth = await this.query<MonthCountDto>(
      `SELECT to_char(d.opened_on, 'YYYY-MM') AS "month", sum(d.enquiries)::int AS "count" ${inPeriod} GROUP BY 1 HAVING sum(d.enquiries) > 0 ORDER BY 1`,
      parameters,
    );
    const [decisions] = await this.query<Omit<DecisionsDto, 'conversionRate'>>(
      `SELECT coalesce(sum(d.accepted), 0)::int AS "accepted", coalesce(sum(d.declined), 0)::int AS "declined", coalesce(sum(d.referred_elsewhere), 0)::int AS "referredElsewhere" ${inPeriod}`,
      parameters,
    );
    const sources = await this.query<SourceCountDto>(
      `SELECT d.source AS "source", sum(d.enquiries)::int AS "count" ${inPeriod} GROUP BY 1 HAVING sum(d.enquiries) > 0 ORDER BY 2 DESC, 1`,
      parameters,
    );
    return { openCases, byMonth, decisions: decisions ?? { accepted: 0, declined: 0, referredElsewhere: 0 }, sources };
  }

  /** The column aliases in each query are the row type's field names. */
  private query<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    return this.dataSource.query(sql, parameters);
  }
}
