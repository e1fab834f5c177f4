import { Module } from '@nestjs/common';
import { CaseloadCountsRepository } from './caseload-counts.repository';
import { LimitationReportRepository } from './limitation-report.repository';
import { ReportsController } from './reports.controller';
import { FirmReportsService } from './firm-reports.service';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  controllers: [ReportsController],
  providers: [CaseloadCountsRepository, LimitationReportRepository, ReportsService, ReportsRepository, FirmReportsService],
})
export class ReportsModule {}
