import { Module } from '@nestjs/common';
import { EstimatesModule } from '../estimates/estimates.module.js';
import { FiscalYearsModule } from '../fiscal-years/fiscal-years.module.js';
import { UnitsModule } from '../units/units.module.js';
import { FloorController, PeriodFloorController } from './floor.controller.js';
import { FloorService } from './floor.service.js';

@Module({
  imports: [EstimatesModule, FiscalYearsModule, UnitsModule],
  controllers: [FloorController, PeriodFloorController],
  providers: [FloorService],
  exports: [FloorService],
})
export class FloorModule {}
