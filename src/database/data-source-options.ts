import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { AuditEvent } from '../modules/audit/entities/audit-event.entity.js';
import { User } from '../modules/auth/entities/user.entity.js';
import { ActivityKind, ExpenditureType, FundingSource, PlanArea } from '../modules/catalog/entities/catalog.entities.js';
import { EstimateLine } from '../modules/estimates/entities/estimate-line.entity.js';
import { Estimate } from '../modules/estimates/entities/estimate.entity.js';
import { FiscalYear } from '../modules/fiscal-years/entities/fiscal-year.entity.js';
import { Unit } from '../modules/units/entities/unit.entity.js';

// A calendar date (deadlines, decision dates) stays the 'YYYY-MM-DD' string PostgreSQL sends: a
// JavaScript Date would shift it by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export const ENTITIES = [Unit, PlanArea, FundingSource, ExpenditureType, ActivityKind, FiscalYear, Estimate, EstimateLine, User, AuditEvent];

/** Injection token: the app's own connection string (its login role, never the owner's). */
export const DATABASE_URL = Symbol('DATABASE_URL');

/**
 * One definition of the connection, shared by the app, the CLI and the tests: the app's pool
 * with the app's URL, the migrations with the owner's.
 */
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
