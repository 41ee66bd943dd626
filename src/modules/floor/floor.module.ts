import { Module } from '@nestjs/common';
import { FloorController, PeriodFloorController } from './floor.controller.js';
import { FloorService } from './floor.service.js';

@Module({
  controllers: [FloorController, PeriodFloorController],
  providers: [FloorService],
  exports: [FloorService],
})
export class FloorModule {}
