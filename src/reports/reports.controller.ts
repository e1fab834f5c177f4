import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses';
import { LimitationReportDto, LimitationReportQueryDto } from './dto/limitation-report.dto';
import { ReportQueryDto } from './dto/report-query.dto';
import { CaseloadReportDto, ReferralsReportDto, ScreeningReportDto } from './dto/reports.dto';
import { FirmReportsService } from './firm-reports.service';
import { caseloadCsv, referralsCsv, screeningCsv } from './report-csv';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly firm: FirmReportsService,
  ) {}

  @Get('limitation')
  @Roles('admin', 'solicitor')
  @ApiOperation({ summary: 'Open cases, proceedings not issued, whose limitation date has passed, falls within the window, or is uncertain' })
  @ApiOkResponse({ type: LimitationReportDto })
  @ApiProblemResponses(400, 401, 403)
  limitation(@CurrentActor() actor: Actor, @Query() query: LimitationReportQueryDto): Promise<LimitationReportDto> {
    return this.reports.limitationReport(actor, query);
  }

  @Get('caseload')
  @Roles('admin', 'solicitor')
  @ApiOperation({ summary: 'Open cases by solicitor and stages, new enquiries per month, decisions and conversion, sources; ?format=csv' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CaseloadReportDto })
  @ApiProblemResponses(400, 401, 403)
  async caseload(@CurrentActor() actor: Actor, @Query() query: ReportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<CaseloadReportDto | string> {
    return respond(reply, query, 'caseload', await this.firm.caseload(actor, query), caseloadCsv);
  }

  @Get('screening')
  @Roles('admin', 'solicitor')
  @ApiOperation({ summary: 'Screening outcomes per month, most frequent flags, share of overridden results; ?format=csv' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ScreeningReportDto })
  @ApiProblemResponses(400, 401, 403)
  async screening(@CurrentActor() actor: Actor, @Query() query: ReportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ScreeningReportDto | string> {
    return respond(reply, query, 'screening', await this.firm.screening(actor, query), screeningCsv);
  }

  @Get('referrals')
  @Roles('admin', 'solicitor', 'paralegal')
  @ApiOperation({ summary: 'Tasks by type and status, overdue by assignee, median days to first task and to done; a paralegal sees their own tasks; ?format=csv' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ReferralsReportDto })
  @ApiProblemResponses(400, 401, 403)
  async referrals(@CurrentActor() actor: Actor, @Query() query: ReportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReferralsReportDto | string> {
    return respond(reply, query, 'referrals', await this.firm.referrals(actor, query), referralsCsv);
  }
}

/** JSON by default; with ?format=csv the same figures as text/csv, named for download. */
function respond<T>(reply: FastifyReply, query: ReportQueryDto, name: string, report: T, toCsv: (report: T) => string): T | string {
  if (query.format !== 'csv') return report;
  void reply.header('content-type', 'text/csv; charset=utf-8');
  void reply.header('content-disposition', `attachment; filename="${name}-report.csv"`);
  return toCsv(report);
}
