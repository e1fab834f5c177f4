import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/is-calendar-date';

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A reporting period in London calendar dates, both ends included; defaults to the last twelve months. */
export class ReportQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'First day (London), default a year before `to`' })
  @IsOptional()
  @IsCalendarDate({ notBefore: '2000-01-01' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day (London), default today' })
  @IsOptional()
  @IsCalendarDate({ notBefore: '2000-01-01' })
  to?: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json', description: '`csv`: text/csv, one row per figure, with a header row' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}
