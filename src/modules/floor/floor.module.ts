import { Module } from '@nestjs/common';
import { EstimatesModule } from '../estimates/estimates.module.js';
import { FloorController } from './floor.controller.js';
import { FloorService } from './floor.service.js';

@Module({
  imports: [EstimatesModule],
  controllers: [FloorController],
  providers: [FloorService],
  exports: [FloorService],
})
export class FloorModule {}
