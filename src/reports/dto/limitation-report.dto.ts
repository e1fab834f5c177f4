import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ClientSummaryDto } from '../../cases/dto/case.dto';
import { LIMITATION_BASES, LimitationBasis } from '../../cases/limitation';
import { PageQueryDto } from '../../common/pagination/page.dto';
import { queryInteger } from '../../common/validation/transforms';

export const DEFAULT_LIMITATION_WINDOW_DAYS = 180;

export class LimitationReportQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 3650, default: DEFAULT_LIMITATION_WINDOW_DAYS, description: 'Cases whose date falls within this many days from today' })
  @IsOptional()
  @Transform(queryInteger)
  @IsInt()
  @Min(0)
  @Max(3650)
  withinDays: number = DEFAULT_LIMITATION_WINDOW_DAYS;
}

export class LimitationReportItemDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'CASE-2026-000042' }) caseReference!: string;
  @ApiProperty({ type: ClientSummaryDto }) client!: ClientSummaryDto;
  @ApiProperty({ format: 'uuid' }) assignedSolicitorId!: string;
  @ApiProperty({ format: 'date' }) limitationDate!: string;
  @ApiProperty({ enum: LIMITATION_BASES }) limitationBasis!: LimitationBasis;
  @ApiProperty({ description: 'The date has passed and proceedings are not recorded as issued' }) expired!: boolean;
  @ApiProperty({ description: 'Days from today to the date; negative once expired' }) daysRemaining!: number;
}

export class LimitationReportDto {
  @ApiProperty({ format: 'date', description: 'Today in London, the day the report was run for' }) asOf!: string;
  @ApiProperty({ type: [LimitationReportItemDto], description: 'Expired first, then soonest first; cases without a date of birth are always listed' })
  items!: LimitationReportItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
