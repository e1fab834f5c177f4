import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseViewer } from '../cases/cases.repository';
import type { CaseloadFigures } from './caseload-counts.repository';
import type {
  DecisionsDto,
  FlagCountDto,
  MonthCountDto,
  OpenCasesRowDto,
  OutcomeMonthDto,
  OverdueByAssigneeDto,
  OverridesDto,
  SourceCountDto,
  TaskTimingDto,
  TypeStatusCountDto,
} from './dto/reports.dto';

/** A period as London calendar dates, both ends included. */
export interface Period {
  from: string;
  to: string;
}

// The period's bounds as instants: London midnight at the start of `from` and after `to`. Parameters $1 and $2.
const IN_PERIOD = (column: string) =>
  `${column} >= ($1::date)::timestamp AT TIME ZONE 'Europe/London' AND ${column} < ($2::date + 1)::timestamp AT TIME ZONE 'Europe/London'`;
const LONDON_MONTH = (column: string) => `to_char(${column} AT TIME ZONE 'Europe/London', 'YYYY-MM')`;

/**
 * The read-only queries behind the caseload, screening and referral reports, live over the viewer's rows
 * (the firm-wide caseload reads kept counts instead: CaseloadCountsRepository). The scope clause is built
 * here from the viewer's role, never from input; the viewer's id and the dates are bound parameters.
 */
@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async caseload(viewer: CaseViewer, period: Period): Promise<CaseloadFigures> {
    const scope = caseScope(viewer, 3);
    const parameters = [period.from, period.to, viewer.id];
    const openCases = await this.query<OpenCasesRowDto>(
      `SELECT m.assigned_solicitor_id AS "solicitorId", u.name AS "solicitorName", m.intake_stage AS "intakeStage", m.pathway_stage AS "pathwayStage", count(*)::int AS "count"
         FROM cases m JOIN users u ON u.id = m.assigned_solicitor_id
        WHERE m.intake_stage IN ('enquiry', 'accepted') AND ${caseScope(viewer, 1)}
        GROUP BY 1, 2, 3, 4 ORDER BY 2, 1, 3, 4`,
      [viewer.id],
    );
    const byMonth = await this.query<MonthCountDto>(
      `SELECT ${LONDON_MONTH('m.created_at')} AS "month", count(*)::int AS "count" FROM cases m WHERE ${IN_PERIOD('m.created_at')} AND ${scope} GROUP BY 1 ORDER BY 1`,
      parameters,
    );
    // One look at each case's intake history, rather than one per decision.
    const [decisions] = await this.query<Omit<DecisionsDto, 'conversionRate'>>(
      `SELECT count(*) FILTER (WHERE d.accepted)::int AS "accepted", count(*) FILTER (WHERE d.declined)::int AS "declined", count(*) FILTER (WHERE d.referred_elsewhere)::int AS "referredElsewhere"
         FROM cases m CROSS JOIN LATERAL (
                SELECT bool_or(c.to_stage = 'accepted') AS accepted, bool_or(c.to_stage = 'declined') AS declined, bool_or(c.to_stage = 'referred_elsewhere') AS referred_elsewhere
                  FROM case_stage_changes c WHERE c.case_id = m.id AND c.track = 'intake') d
        WHERE ${IN_PERIOD('m.created_at')} AND ${scope}`,
      parameters,
    );
    const sources = await this.query<SourceCountDto>(
      `SELECT m.source AS "source", count(*)::int AS "count" FROM cases m WHERE ${IN_PERIOD('m.created_at')} AND ${scope} GROUP BY 1 ORDER BY 2 DESC, 1`,
      parameters,
    );
    return { openCases, byMonth, decisions: decisions ?? { accepted: 0, declined: 0, referredElsewhere: 0 }, sources };
  }

  async screening(viewer: CaseViewer, period: Period): Promise<{ byMonth: OutcomeMonthDto[]; flags: FlagCountDto[]; overrides: Omit<OverridesDto, 'share'> }> {
    const scope = caseScope(viewer, 3);
    const parameters = [period.from, period.to, viewer.id];
    // Outcomes per month from IX_screenings_ran_at_outcome alone; the screenings are their sum.
    const byMonth = await this.query<OutcomeMonthDto>(
      `SELECT ${LONDON_MONTH('s.ran_at')} AS "month", s.outcome AS "outcome", count(*)::int AS "count"
         FROM screenings s ${casesOf(viewer, 's')} WHERE ${IN_PERIOD('s.ran_at')} AND ${scope} GROUP BY 1, 2 ORDER BY 1, 2`,
      parameters,
    );
    // A screening has at most one review: the overridden ones are the override reviews of the period's screenings, a few percent.
    const [overridden] = await this.query<{ overridden: number }>(
      `SELECT count(*)::int AS "overridden" FROM screening_reviews r JOIN screenings s ON s.id = r.screening_id ${casesOf(viewer, 's')}
        WHERE r.decision = 'override' AND ${IN_PERIOD('s.ran_at')} AND ${scope}`,
      parameters,
    );
    const flags = await this.query<FlagCountDto>(
      `SELECT f.flag ->> 'code' AS "code", count(*)::int AS "count"
         FROM screenings s ${casesOf(viewer, 's')} CROSS JOIN LATERAL jsonb_array_elements(s.flags) AS f(flag)
        WHERE ${IN_PERIOD('s.ran_at')} AND ${scope} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`,
      parameters,
    );
    const overrides = { screenings: sum(byMonth, (row) => row.count), overridden: overridden?.overridden ?? 0 };
    return { byMonth, flags, overrides };
  }

  async referrals(viewer: CaseViewer, period: Period, today: string): Promise<{ byTypeAndStatus: TypeStatusCountDto[]; overdue: OverdueByAssigneeDto[]; timings: TaskTimingDto[] }> {
    const scope = taskScope(viewer, 3);
    const parameters = [period.from, period.to, viewer.id];
    const byTypeAndStatus = await this.query<TypeStatusCountDto>(
      `SELECT t.type AS "type", t.status AS "status", count(*)::int AS "count"
         FROM referral_tasks t ${casesOf(viewer, 't')} WHERE ${IN_PERIOD('t.created_at')} AND ${scope} GROUP BY 1, 2 ORDER BY 1, 2`,
      parameters,
    );
    const overdue = await this.query<OverdueByAssigneeDto>(
      // Counted per assignee first, so only one row per assignee meets the users table.
      `SELECT o.assignee_id AS "assigneeId", u.name AS "assigneeName", o.count AS "count"
         FROM (SELECT t.assignee_id, count(*)::int AS count FROM referral_tasks t ${casesOf(viewer, 't')}
                WHERE t.status IN ('open', 'in_progress') AND t.due_date < $2::date AND ${taskScope(viewer, 1)} GROUP BY 1) o
         LEFT JOIN users u ON u.id = o.assignee_id
        ORDER BY 3 DESC, 2`,
      [viewer.id, today],
    );
    // Per case and type: days from the case opening to its first task of that type, and to the first one done.
    // Tasks carry their case's opening instant: the firm's are read from IX_referral_tasks_case_opened_at alone,
    // already in (case, type) order; only a solicitor's scope needs the case row. Days in float8 (date_part),
    // which percentile_cont takes anyway: extract() would compute each in numeric first, at twice the cost.
    const timings = await this.query<TaskTimingDto>(
      `WITH per_case AS (
         SELECT t.type, date_part('epoch', min(t.created_at) - t.case_opened_at) / 86400 AS to_first,
                date_part('epoch', min(t.closed_at) FILTER (WHERE t.status = 'done') - t.case_opened_at) / 86400 AS to_done
           FROM referral_tasks t ${viewer.role === 'solicitor' ? casesOf(viewer, 't') : ''}
          WHERE ${IN_PERIOD('t.case_opened_at')} AND ${scope}
          GROUP BY t.case_opened_at, t.case_id, t.type)
       SELECT type AS "type",
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY to_first))::numeric, 1)::float8 AS "medianDaysToFirstTask",
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY to_done))::numeric, 1)::float8 AS "medianDaysToDone"
         FROM per_case GROUP BY 1 ORDER BY 1`,
      parameters,
    );
    return { byTypeAndStatus, overdue, timings };
  }

  /** The column aliases in each query are the row type's field names. */
  private query<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    return this.dataSource.query(sql, parameters);
  }
}

const sum = <T>(rows: T[], value: (row: T) => number): number => rows.reduce((total, row) => total + value(row), 0);

/** The join to a screening's or task's case, for scoping; every one has a case, so the firm's figures skip it. */
function casesOf(viewer: CaseViewer, alias: 's' | 't'): string {
  return viewer.role === 'admin' ? '' : `JOIN cases m ON m.id = ${alias}.case_id`;
}

/** Admin: the firm. Anyone else: the cases they are the solicitor of. `$index` is the viewer's id (always bound, so always typed). */
function caseScope(viewer: CaseViewer, index: number): string {
  return viewer.role === 'admin' ? `($${index}::uuid IS NOT NULL)` : `m.assigned_solicitor_id = $${index}::uuid`;
}

/** Admin: the firm; a solicitor: tasks on their cases; a paralegal: the tasks assigned to them. */
function taskScope(viewer: CaseViewer, index: number): string {
  if (viewer.role === 'admin') return `($${index}::uuid IS NOT NULL)`;
  return viewer.role === 'solicitor' ? `m.assigned_solicitor_id = $${index}::uuid` : `t.assignee_id = $${index}::uuid`;
}
