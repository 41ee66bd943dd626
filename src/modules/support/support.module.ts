import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { FiscalYearsModule } from '../fiscal-years/fiscal-years.module.js';
import { UnitsModule } from '../units/units.module.js';
import { SupportController } from './support.controller.js';
import { SupportService } from './support.service.js';

/** Support rounds for struggling units (DESIGN.md section 6). Exports awardedSupport for estimates. */
@Module({
  imports: [AuthModule, CatalogModule, FiscalYearsModule, UnitsModule],
  controllers: [SupportController],
  providers: [SupportService],
  exports: [SupportService],
})
export class SupportModule {}
