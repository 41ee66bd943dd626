import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { EstimatesModule } from '../estimates/estimates.module.js';
import { FiscalYearsModule } from '../fiscal-years/fiscal-years.module.js';
import { MonitoringModule } from '../monitoring/monitoring.module.js';
import { UnitsModule } from '../units/units.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { OpenDataController } from './open-data.controller.js';
import { OpenDataService } from './open-data.service.js';

/**
 * The approved budget as open data. It owns no table: it reads each owner through its exported
 * service (units, catalog, fiscal years, the consolidated budget, progress reports, the ledger).
 */
@Module({
  imports: [CatalogModule, EstimatesModule, FiscalYearsModule, MonitoringModule, UnitsModule, WorkflowModule],
  controllers: [OpenDataController],
  providers: [OpenDataService],
})
export class OpenDataModule {}
