import { Module } from '@nestjs/common';
import { EstimatesModule } from '../estimates/estimates.module.js';
import { OpenDataController } from './open-data.controller.js';
import { OpenDataService } from './open-data.service.js';

@Module({
  imports: [EstimatesModule],
  controllers: [OpenDataController],
  providers: [OpenDataService],
})
export class OpenDataModule {}
