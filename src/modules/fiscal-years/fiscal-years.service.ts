import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, type FieldProblem, InvalidInputError, NotFoundError } from '../../common/errors/domain-error.js';
import { lockYear, YEAR_CLOSED } from '../../database/year-lock.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../../common/access/actor.js';
import { CatalogService } from '../catalog/catalog.service.js';
import type { CreateFiscalYearDto, UpdateFiscalYearDto } from './dto/fiscal-year.dto.js';
import { FiscalYear } from './entities/fiscal-year.entity.js';
import { calendarProblems, deadlineYearProblems, planPeriodProblems, unknownSourceProblems } from './fiscal-year-rules.js';
import { message } from '../../common/errors/messages.js';
import { isBlankText } from '../../common/text/visible-text.js';
import { canonicalJson } from '../../common/canonical-json.js';
import { normaliseDecimal } from '../../common/money/vnd.js';
import { floorDefaults } from './floor-periods.js';
import { changeStatus } from '../../common/concurrency/status-change.js';

const FLOOR_SETTINGS = ['totalLocalExpenditure', 'floorRatio', 'floorSources', 'floorPolicy'] as const;

/** A plan period ('2011-2015') as its fiscal years name it, with those years in order. */
export interface PlanPeriod {
  id: string;
  firstYear: number;
  lastYear: number;
  years: number[];
}

/**
 * The fiscal years and their settings (calendar, floor). Owns `fiscal_years`; other modules read a
 * year's settings and the plan periods only through this service (DESIGN.md section 1,
 * "ownership"). Reads take an optional `manager` so that a caller inside a transaction reads in
 * its snapshot.
 */
@Injectable()
export class FiscalYearsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly audit: AuditService,
  ) {}

  private get years() {
    return this.dataSource.getRepository(FiscalYear);
  }

  list(): Promise<FiscalYear[]> {
    return this.years.find({ order: { year: 'ASC' } });
  }

  /** A year's settings; NotFoundError (404) when the year is not set up. */
  async get(year: number, manager: EntityManager = this.dataSource.manager): Promise<FiscalYear> {
    const found = await this.find(year, manager);
    if (!found) throw new NotFoundError('Fiscal year', year);
    return found;
  }

  /** A year's settings, or null when the year is not set up. */
  find(year: number, manager: EntityManager = this.dataSource.manager): Promise<FiscalYear | null> {
    return manager.findOneBy(FiscalYear, { year });
  }

  async exists(year: number, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(FiscalYear, { year });
  }

  /** NotFoundError (404) unless the year is set up. */
  async assertExists(year: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (!(await this.exists(year, manager))) throw new NotFoundError('Fiscal year', year);
  }

  /** The settings of every year of a plan period, in year order (empty for an unknown period). */
  yearsOfPeriod(periodId: string, manager: EntityManager = this.dataSource.manager): Promise<FiscalYear[]> {
    return manager.find(FiscalYear, { where: { planPeriod: periodId }, order: { year: 'ASC' } });
  }

  /** Every plan period with its years, the earliest first. */
  async planPeriods(manager: EntityManager = this.dataSource.manager): Promise<PlanPeriod[]> {
    const rows = await manager.query<{ id: string; years: number[] }[]>(
      'SELECT plan_period AS id, array_agg(year ORDER BY year) AS years FROM fiscal_years GROUP BY plan_period ORDER BY MIN(year), plan_period',
    );
    return rows.map((row) => ({ id: row.id, firstYear: row.years[0], lastYear: row.years[row.years.length - 1], years: row.years }));
  }

  /**
   * Opens a year. Floor settings not given follow the rules registry's floor periods
   * (`floorDefaults`): the plan's 1% with STOP in a year a floor rule covers, no floor (ratio 0,
   * WARN) outside them. 409 `YEAR_EXISTS` for a year already open.
   */
  async create(dto: CreateFiscalYearDto, actor: Actor): Promise<FiscalYear> {
    const defaults = floorDefaults(dto.year);
    const row: FiscalYear = this.years.create({
      year: dto.year,
      planPeriod: dto.planPeriod,
      submissionDeadline: dto.submissionDeadline ?? null,
      balancingDeadline: dto.balancingDeadline ?? null,
      committeeDeadline: dto.committeeDeadline ?? null,
      lateSubmissionPolicy: dto.lateSubmissionPolicy ?? 'FLAG',
      totalLocalExpenditure: dto.totalLocalExpenditure == null ? null : BigInt(dto.totalLocalExpenditure),
      floorRatio: dto.floorRatio ?? defaults.floorRatio,
      floorSources: dto.floorSources ?? defaults.floorSources,
      floorPolicy: dto.floorPolicy ?? defaults.floorPolicy,
      illustrative: dto.illustrative ?? false,
      version: 1,
    });
    await this.check(row);
    await this.dataSource.transaction(async (manager) => {
      const inserted = await manager.createQueryBuilder().insert().into(FiscalYear).values(row).orIgnore().returning('year').execute();
      // ON CONFLICT DO NOTHING returns no row when the year already exists.
      if ((inserted.raw as unknown[]).length === 0) {
        throw new ConflictError('YEAR_EXISTS', message('YEAR_EXISTS', { year: dto.year }));
      }
      await this.audit.record(manager, { actor, unitId: null, entityType: 'fiscal_year', entityId: String(dto.year), action: 'year.create', after: row });
    });
    return this.get(dto.year);
  }

  /**
   * Changes the given settings if `version` is still current; 409 `STALE_VERSION` otherwise. The
   * floor settings (total local expenditure, ratio, sources, policy) need a written `reason` (400
   * `REASON_REQUIRED`), kept in the audit event, and are refused with 409 `BUDGET_LOCKED` once the
   * year's consolidated budget is submitted or approved (the figures they change are being decided).
   */
  async update(year: number, dto: UpdateFiscalYearDto, actor: Actor): Promise<FiscalYear> {
    const current = await this.get(year);
    const { version, totalLocalExpenditure, reason, ...rest } = dto;
    const sent: Partial<FiscalYear> = { ...rest };
    if (totalLocalExpenditure !== undefined) {
      sent.totalLocalExpenditure = totalLocalExpenditure === null ? null : BigInt(totalLocalExpenditure);
    }
    if (sent.floorRatio !== undefined) sent.floorRatio = normaliseDecimal(sent.floorRatio);
    // Only what differs from the stored settings (compared normalised: "0.010" is 0.01) is a change:
    // restating a floor setting needs no reason and is no edit of a frozen year.
    const changes = Object.fromEntries(
      Object.entries(sent).filter(([key, value]) => canonicalJson(value) !== canonicalJson(key === 'floorRatio' ? normaliseDecimal(current.floorRatio) : current[key as keyof FiscalYear])),
    ) as Partial<FiscalYear>;
    const floorChanges = FLOOR_SETTINGS.filter((key) => changes[key] !== undefined);
    const missingReason: FieldProblem[] =
      floorChanges.length > 0 && isBlankText(reason)
        ? [
            {
              field: 'reason',
              code: 'REASON_REQUIRED',
              message: `reason: cần lý do khi đổi ${floorChanges.join(', ')} (mức sàn 1%) / a reason is required to change the floor settings (${floorChanges.join(', ')})`,
            },
          ]
        : [];
    await this.check({ ...current, ...changes }, missingReason);
    if (Object.keys(changes).length === 0) {
      // Nothing differs: no version bump, no audit event; a stale version is still 409, as any edit.
      if (current.version !== version) throw ConflictError.staleVersion(`Fiscal year ${year}`, version);
      return current;
    }
    return this.dataSource.transaction(async (manager) => {
      // The floor's settings are frozen while the chair holds the budget or once it is approved:
      // the figures they would change are the ones being decided on.
      // The year first (see lockYear): the budget's submission checks the floor under these settings.
      const budget = await lockYear(manager, year, 'SHARE');
      if (floorChanges.length > 0 && YEAR_CLOSED.includes(budget)) {
        throw new ConflictError(
          'BUDGET_LOCKED',
          `${floorChanges.join(', ')}: dự toán tổng hợp năm ${year} đang ở trạng thái ${budget} / cannot change while the ${year} consolidated budget is ${budget}`,
        );
      }
      // The shared versioned conditional change; a year's settings have no status of their own
      // (the budget's status, locked above, is what freezes them).
      await changeStatus(manager, { table: 'fiscal_years', where: { year }, version, set: this.columnsOf(manager, changes) }, { name: `Fiscal year ${year}` });
      const updated = await manager.findOneByOrFail(FiscalYear, { year });
      await this.audit.record(manager, { actor, unitId: null, entityType: 'fiscal_year', entityId: String(year), action: 'year.update', before: current, after: updated, reason: reason ?? null });
      return updated;
    });
  }

  /** The changed settings as columns and the values stored (through each column's transformer: đồng and ratios as text). */
  private columnsOf(manager: EntityManager, changes: Partial<FiscalYear>): Record<string, unknown> {
    const metadata = manager.connection.getMetadata(FiscalYear);
    return Object.fromEntries(
      Object.entries(changes).map(([property, value]) => {
        const column = metadata.findColumnWithPropertyName(property);
        if (!column) throw new Error(`fiscal_years has no column for ${property}`);
        const transformer = column.transformer;
        return [column.databaseName, transformer && !Array.isArray(transformer) ? transformer.to(value) : value];
      }),
    );
  }

  private async check(settings: FiscalYear, more: readonly FieldProblem[] = []): Promise<void> {
    const codes = await this.catalog.codes();
    const problems = [
      ...planPeriodProblems(settings.year, settings.planPeriod),
      ...deadlineYearProblems(settings.year, settings),
      ...calendarProblems(settings),
      ...unknownSourceProblems(settings.floorSources, codes.fundingSources), ...more];
    if (problems.length > 0) throw new InvalidInputError(problems);
  }
}
