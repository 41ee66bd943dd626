import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConcurrencyModule } from './common/concurrency/concurrency.module.js';
import { AppConfig } from './config/app-config.js';
import { DATABASE_URL, dataSourceOptions } from './database/data-source-options.js';
import { AllocationModule } from './modules/allocation/allocation.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuditTrailModule } from './modules/audit-trail/audit-trail.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { CatalogModule } from './modules/catalog/catalog.module.js';
import { ConsolidationModule } from './modules/consolidation/consolidation.module.js';
import { JobsModule } from './modules/jobs/jobs.module.js';
import { EstimatesModule } from './modules/estimates/estimates.module.js';
import { FiscalYearsModule } from './modules/fiscal-years/fiscal-years.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { MonitoringModule } from './modules/monitoring/monitoring.module.js';
import { OpenDataModule } from './modules/open-data/open-data.module.js';
import { FloorModule } from './modules/floor/floor.module.js';
import { SpreadsheetsModule } from './modules/spreadsheets/spreadsheets.module.js';
import { SupportModule } from './modules/support/support.module.js';
import { TreasuryModule } from './modules/treasury/treasury.module.js';
import { UnitsModule } from './modules/units/units.module.js';
import { WebModule } from './modules/web/web.module.js';
import { WorkflowModule } from './modules/workflow/workflow.module.js';

@Module({})
export class AppModule {
  /** The app on a migrated database, connected through its own login role (`appUrl`). */
  static forRoot(config: AppConfig, appUrl: string): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(appUrl)),
        ConcurrencyModule,
        AuditModule,
        AuthModule,
        JobsModule,
        HealthModule,
        UnitsModule,
        CatalogModule,
        FiscalYearsModule,
        EstimatesModule,
        ConsolidationModule,
        FloorModule,
        WorkflowModule,
        AllocationModule,
        SupportModule,
        SpreadsheetsModule,
        MonitoringModule,
        OpenDataModule,
        TreasuryModule,
        AuditTrailModule,
        WebModule.forRoot(),
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: DATABASE_URL, useValue: appUrl },
      ],
      exports: [AppConfig, DATABASE_URL],
    };
  }
}
