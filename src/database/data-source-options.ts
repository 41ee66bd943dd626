import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { ActivityKind, ExpenditureType, FundingSource, PlanArea } from '../modules/catalog/entities/catalog.entities.js';
import { EstimateLine } from '../modules/estimates/entities/estimate-line.entity.js';
import { Estimate } from '../modules/estimates/entities/estimate.entity.js';
import { FiscalYear } from '../modules/fiscal-years/entities/fiscal-year.entity.js';
import { Unit } from '../modules/units/entities/unit.entity.js';

export const ENTITIES = [Unit, PlanArea, FundingSource, ExpenditureType, ActivityKind, FiscalYear, Estimate, EstimateLine];

/** One definition of the connection, shared by the app, the CLI and the tests. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    // Failed queries reach the error filter, which logs what is unexpected; expected ones (a
    // unique key refusing a duplicate) are not noise in the log.
    logging: false,
    // The schema changes only through reviewed migrations.
    synchronize: false,
    applicationName: 'itbudget',
    extra: { max: 10 },
  };
}
