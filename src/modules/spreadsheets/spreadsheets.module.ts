import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { EstimatesModule } from '../estimates/estimates.module.js';
import { FloorModule } from '../floor/floor.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { ReportController } from './report.controller.js';
import { ReportService } from './report.service.js';
import { SpreadsheetsController } from './spreadsheets.controller.js';
import { SpreadsheetsService } from './spreadsheets.service.js';

@Module({
  imports: [CatalogModule, EstimatesModule, FloorModule, WorkflowModule],
  controllers: [SpreadsheetsController, ReportController],
  providers: [SpreadsheetsService, ReportService],
})
export class SpreadsheetsModule {}
