import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { EstimatesModule } from '../estimates/estimates.module.js';
import { FiscalYearsModule } from '../fiscal-years/fiscal-years.module.js';
import { FloorModule } from '../floor/floor.module.js';
import { SupportModule } from '../support/support.module.js';
import { UnitsModule } from '../units/units.module.js';
import { BudgetController } from './budget.controller.js';
import { BudgetService } from './budget.service.js';
import { EstimateHistoryController } from './estimate-history.controller.js';
import { EstimateWorkflowService } from './estimate-workflow.service.js';
import { WorkflowController } from './workflow.controller.js';

@Module({
  imports: [AuthModule, EstimatesModule, FiscalYearsModule, FloorModule, SupportModule, UnitsModule],
  controllers: [WorkflowController, BudgetController, EstimateHistoryController],
  providers: [EstimateWorkflowService, BudgetService],
  exports: [EstimateWorkflowService, BudgetService],
})
export class WorkflowModule {}
