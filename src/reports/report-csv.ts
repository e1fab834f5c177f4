import { stringify } from 'csv-stringify/sync';
import { CaseloadReportDto, ReferralsReportDto, ScreeningReportDto } from './dto/reports.dto';

/** One figure of a report, flattened: which table it belongs to, up to three labels, and the number. */
type CsvRow = [section: string, dimension1: string, dimension2: string, dimension3: string, value: number | string];

const HEADER = ['section', 'dimension_1', 'dimension_2', 'dimension_3', 'value'];
const text = (value: number | null): string => (value === null ? '' : String(value));

function toCsv(rows: CsvRow[]): string {
  // Cells starting with = + - @ would run as formulas in a spreadsheet; csv-stringify escapes them.
  return stringify([HEADER, ...rows], { escape_formulas: true });
}

export function caseloadCsv(report: CaseloadReportDto): string {
  return toCsv([
    ...report.openCases.map((row): CsvRow => ['open_cases', row.solicitorName, row.intakeStage, row.pathwayStage, row.count]),
    ...report.newEnquiriesByMonth.map((row): CsvRow => ['new_enquiries', row.month, '', '', row.count]),
    ['decisions', 'accepted', '', '', report.decisions.accepted],
    ['decisions', 'declined', '', '', report.decisions.declined],
    ['decisions', 'referred_elsewhere', '', '', report.decisions.referredElsewhere],
    ['decisions', 'conversion_rate', '', '', text(report.decisions.conversionRate)],
    ...report.sources.map((row): CsvRow => ['sources', row.source, '', '', row.count]),
  ]);
}

export function screeningCsv(report: ScreeningReportDto): string {
  return toCsv([
    ...report.outcomesByMonth.map((row): CsvRow => ['outcomes', row.month, row.outcome, '', row.count]),
    ...report.topFlags.map((row): CsvRow => ['top_flags', row.code, '', '', row.count]),
    ['overrides', 'screenings', '', '', report.overrides.screenings],
    ['overrides', 'overridden', '', '', report.overrides.overridden],
    ['overrides', 'share', '', '', text(report.overrides.share)],
  ]);
}

export function referralsCsv(report: ReferralsReportDto): string {
  return toCsv([
    ...report.byTypeAndStatus.map((row): CsvRow => ['tasks', row.type, row.status, '', row.count]),
    ...report.overdueByAssignee.map((row): CsvRow => ['overdue', row.assigneeName ?? 'unassigned', '', '', row.count]),
    ...report.timings.flatMap((row): CsvRow[] => [
      ['median_days_to_first_task', row.type, '', '', text(row.medianDaysToFirstTask)],
      ['median_days_to_done', row.type, '', '', text(row.medianDaysToDone)],
    ]),
  ]);
}
