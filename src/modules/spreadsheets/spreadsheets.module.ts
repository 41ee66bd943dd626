import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { EstimatesModule } from '../estimates/estimates.module.js';
import { FloorModule } from '../floor/floor.module.js';
import { SupportModule } from '../support/support.module.js';
import { UnitsModule } from '../units/units.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { ReportController } from './report.controller.js';
import { ReportService } from './report.service.js';
import { SpreadsheetsController } from './spreadsheets.controller.js';
import { SpreadsheetsService } from './spreadsheets.service.js';

@Module({
  imports: [AuthModule, CatalogModule, EstimatesModule, FloorModule, SupportModule, UnitsModule, WorkflowModule],
  controllers: [SpreadsheetsController, ReportController],
  providers: [SpreadsheetsService, ReportService],
})
export class SpreadsheetsModule {}
