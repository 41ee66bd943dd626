import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { EstimatesModule } from '../estimates/estimates.module.js';
import { FloorModule } from '../floor/floor.module.js';
import { UnitsModule } from '../units/units.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { BalancingRunsController } from './balancing-runs.controller.js';
import { BalancingRunsService } from './balancing-runs.service.js';

@Module({
  imports: [AuthModule, CatalogModule, EstimatesModule, FloorModule, UnitsModule, WorkflowModule],
  controllers: [BalancingRunsController],
  providers: [BalancingRunsService],
  exports: [BalancingRunsService],
})
export class AllocationModule {}
