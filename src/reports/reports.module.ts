import { Module } from '@nestjs/common';
import { LimitationReportRepository } from './limitation-report.repository';
import { ReportsController } from './reports.controller';
import { FirmReportsService } from './firm-reports.service';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  controllers: [ReportsController],
  providers: [LimitationReportRepository, ReportsService, ReportsRepository, FirmReportsService],
})
export class ReportsModule {}
