import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses';
import { LimitationReportDto, LimitationReportQueryDto } from './dto/limitation-report.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('limitation')
  @Roles('admin', 'solicitor')
  @ApiOperation({ summary: 'Open cases, proceedings not issued, whose limitation date has passed, falls within the window, or is uncertain' })
  @ApiOkResponse({ type: LimitationReportDto })
  @ApiProblemResponses(400, 401, 403)
  limitation(@CurrentActor() actor: Actor, @Query() query: LimitationReportQueryDto): Promise<LimitationReportDto> {
    return this.reports.limitationReport(actor, query);
  }
}
