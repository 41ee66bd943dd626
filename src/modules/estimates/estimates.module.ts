import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { FiscalYearsModule } from '../fiscal-years/fiscal-years.module.js';
import { SupportModule } from '../support/support.module.js';
import { UnitsModule } from '../units/units.module.js';
import { EstimatesController } from './estimates.controller.js';
import { EstimatesService } from './estimates.service.js';
import { EstimateLedger } from './ledger/estimate-ledger.js';

@Module({
  imports: [CatalogModule, FiscalYearsModule, SupportModule, UnitsModule],
  controllers: [EstimatesController],
  providers: [EstimatesService, EstimateLedger],
  exports: [EstimatesService, EstimateLedger],
})
export class EstimatesModule {}
