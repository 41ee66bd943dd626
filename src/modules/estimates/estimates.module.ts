import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { FloorModule } from '../floor/floor.module.js';
import { SupportModule } from '../support/support.module.js';
import { ConsolidationController } from './consolidation.controller.js';
import { ConsolidationService } from './consolidation.service.js';
import { EstimatesController } from './estimates.controller.js';
import { EstimatesService } from './estimates.service.js';

@Module({
  imports: [CatalogModule, FloorModule, SupportModule],
  controllers: [EstimatesController, ConsolidationController],
  providers: [EstimatesService, ConsolidationService],
  exports: [EstimatesService, ConsolidationService],
})
export class EstimatesModule {}
