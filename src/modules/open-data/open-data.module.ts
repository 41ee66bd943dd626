import { Module } from '@nestjs/common';
import { OpenDataController } from './open-data.controller.js';
import { OpenDataService } from './open-data.service.js';

@Module({
  controllers: [OpenDataController],
  providers: [OpenDataService],
})
export class OpenDataModule {}
