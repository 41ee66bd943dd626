import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { EstimatesModule } from '../estimates/estimates.module.js';
import { FiscalYearsModule } from '../fiscal-years/fiscal-years.module.js';
import { UnitsModule } from '../units/units.module.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardService } from './dashboard.service.js';
import { ProgressReportsController } from './progress-reports.controller.js';
import { ProgressReportsService } from './progress-reports.service.js';
import { TargetsController } from './targets.controller.js';
import { TargetsService } from './targets.service.js';

/** Plan targets, semi-annual progress reports, the dashboard and the chair's workbook (issue 6). */
@Module({
  imports: [AuthModule, EstimatesModule, FiscalYearsModule, UnitsModule],
  controllers: [TargetsController, ProgressReportsController, DashboardController],
  providers: [TargetsService, ProgressReportsService, DashboardService],
  exports: [TargetsService, ProgressReportsService, DashboardService],
})
export class MonitoringModule {}
