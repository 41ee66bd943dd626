import { Module } from '@nestjs/common';
import { EstimatesModule } from '../estimates/estimates.module.js';
import { FloorController, PeriodFloorController } from './floor.controller.js';
import { FloorService } from './floor.service.js';

@Module({
  imports: [EstimatesModule],
  controllers: [FloorController, PeriodFloorController],
  providers: [FloorService],
  exports: [FloorService],
})
export class FloorModule {}
