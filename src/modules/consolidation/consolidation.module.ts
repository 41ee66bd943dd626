import { Module } from '@nestjs/common';
import { EstimatesModule } from '../estimates/estimates.module.js';
import { FiscalYearsModule } from '../fiscal-years/fiscal-years.module.js';
import { FloorModule } from '../floor/floor.module.js';
import { UnitsModule } from '../units/units.module.js';
import { ConsolidationController } from './consolidation.controller.js';
import { ConsolidationService } from './consolidation.service.js';

/**
 * The year's consolidation: the estimate ledger's kept totals by unit and by every dimension, with
 * the 1% floor beside them. Above the estimates and the floor (it reads both), so that neither of
 * them needs the other's figures through it.
 */
@Module({
  imports: [EstimatesModule, FloorModule, FiscalYearsModule, UnitsModule],
  controllers: [ConsolidationController],
  providers: [ConsolidationService],
  exports: [ConsolidationService],
})
export class ConsolidationModule {}
