import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { EstimatesModule } from '../estimates/estimates.module.js';
import { UnitsModule } from '../units/units.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { TreasuryController } from './treasury.controller.js';
import { TreasuryService } from './treasury.service.js';

/** The approved budget of a year as a treasury or an accounting system takes it in. */
@Module({
  imports: [CatalogModule, EstimatesModule, UnitsModule, WorkflowModule],
  controllers: [TreasuryController],
  providers: [TreasuryService],
  exports: [TreasuryService],
})
export class TreasuryModule {}
