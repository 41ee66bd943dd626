import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from './config/app-config.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { CatalogModule } from './modules/catalog/catalog.module.js';
import { EstimatesModule } from './modules/estimates/estimates.module.js';
import { FiscalYearsModule } from './modules/fiscal-years/fiscal-years.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { UnitsModule } from './modules/units/units.module.js';

@Module({})
export class AppModule {
  /** The app on a given database; migrations run at start-up. */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), migrationsRun: true }),
        HealthModule,
        UnitsModule,
        CatalogModule,
        FiscalYearsModule,
        EstimatesModule,
      ],
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
