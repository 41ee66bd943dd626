import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { EstimatesModule } from '../estimates/estimates.module.js';
import { SpreadsheetsController } from './spreadsheets.controller.js';
import { SpreadsheetsService } from './spreadsheets.service.js';

@Module({
  imports: [CatalogModule, EstimatesModule],
  controllers: [SpreadsheetsController],
  providers: [SpreadsheetsService],
})
export class SpreadsheetsModule {}
