import { Module } from '@nestjs/common';
import { LimitationReportRepository } from './limitation-report.repository';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  controllers: [ReportsController],
  providers: [LimitationReportRepository, ReportsService],
})
export class ReportsModule {}
