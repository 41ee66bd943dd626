// Reads shared by the monitoring services: plan periods, targets, the reporting calendar, today's date.
import type { EntityManager } from 'typeorm';
import { InvalidInputError, NotFoundError } from '../../common/errors/domain-error.js';
import { normaliseDecimal } from '../../common/money/vnd.js';
import type { FiscalYearsService, PlanPeriod } from '../fiscal-years/fiscal-years.service.js';
import { defaultDueDate, type Half } from './domain/progress-rules.js';
import type { Aggregation, Direction, TargetLimits, TargetRule } from './domain/targets.js';

export type { PlanPeriod };

export interface TargetView extends TargetRule, TargetLimits {
  id: string;
  planPeriod: string;
  position: number;
  indicator: string;
  indicatorEn: string;
  measureUnit: string;
  numeratorLabel: string | null;
  numeratorLabelEn: string | null;
  denominatorLabel: string | null;
  denominatorLabelEn: string | null;
  numeratorCapped: boolean;
  source: string;
  version: number;
}

interface TargetRow {
  id: string;
  plan_period: string;
  code: string;
  position: number;
  indicator: string;
  indicator_en: string;
  measure_unit: string;
  target_value: string;
  direction: Direction;
  aggregation: Aggregation;
  unit_kinds: string[];
  scale: number;
  numerator_label: string | null;
  numerator_label_en: string | null;
  denominator_label: string | null;
  denominator_label_en: string | null;
  numerator_capped: boolean;
  value_max: string | null;
  whole_values: boolean;
  source: string;
  version: number;
}

const TARGET_COLUMNS = `id, plan_period, code, position, indicator, indicator_en, measure_unit, target_value::text AS target_value, direction,
  aggregation, unit_kinds, scale, numerator_label, numerator_label_en, denominator_label, denominator_label_en, numerator_capped,
  value_max::text AS value_max, whole_values, source, version`;

function targetView(row: TargetRow): TargetView {
  return {
    id: row.id,
    planPeriod: row.plan_period,
    code: row.code,
    position: row.position,
    indicator: row.indicator,
    indicatorEn: row.indicator_en,
    measureUnit: row.measure_unit,
    targetValue: normaliseDecimal(row.target_value),
    direction: row.direction,
    aggregation: row.aggregation,
    unitKinds: row.unit_kinds,
    scale: row.scale,
    numeratorLabel: row.numerator_label,
    numeratorLabelEn: row.numerator_label_en,
    denominatorLabel: row.denominator_label,
    denominatorLabelEn: row.denominator_label_en,
    numeratorCapped: row.numerator_capped,
    valueMax: row.value_max === null ? null : normaliseDecimal(row.value_max),
    wholeValues: row.whole_values,
    source: row.source,
    version: row.version,
  };
}

/** Plan periods as the fiscal years name them ('2011-2015'), with their years (read from their owner). */
export function planPeriods(fiscalYears: FiscalYearsService, manager: EntityManager): Promise<PlanPeriod[]> {
  return fiscalYears.planPeriods(manager);
}

/** One plan period; 404 when no fiscal year belongs to it. */
export async function planPeriod(fiscalYears: FiscalYearsService, manager: EntityManager, id: string): Promise<PlanPeriod> {
  const years = (await fiscalYears.yearsOfPeriod(id, manager)).map((row) => row.year);
  if (years.length === 0) throw new NotFoundError('Plan period', id);
  return { id, firstYear: years[0], lastYear: years[years.length - 1], years };
}

/** The plan period a year belongs to; 400 naming `field` when the year is not set up. */
export async function periodOfYear(fiscalYears: FiscalYearsService, manager: EntityManager, year: number, field = 'year'): Promise<string> {
  const found = await fiscalYears.find(year, manager);
  if (!found) throw InvalidInputError.of(field, `năm ngân sách ${year} chưa được thiết lập / unknown fiscal year ${year}`, 'UNKNOWN_YEAR');
  return found.planPeriod;
}

export function assertYearInPeriod(period: PlanPeriod, year: number): void {
  if (!period.years.includes(year)) {
    throw InvalidInputError.of('year', `năm ${year} không thuộc giai đoạn ${period.id} / ${year} is not a year of the plan period ${period.id}`, 'YEAR_NOT_IN_PERIOD');
  }
}

export async function periodTargets(manager: EntityManager, planPeriodId: string): Promise<TargetView[]> {
  const rows = await manager.query<TargetRow[]>(`SELECT ${TARGET_COLUMNS} FROM plan_targets WHERE plan_period = $1 ORDER BY position, code`, [planPeriodId]);
  return rows.map(targetView);
}

export async function targetByCode(manager: EntityManager, planPeriodId: string, code: string): Promise<TargetView> {
  const [row] = await manager.query<TargetRow[]>(`SELECT ${TARGET_COLUMNS} FROM plan_targets WHERE plan_period = $1 AND code = $2`, [planPeriodId, code]);
  if (!row) throw new NotFoundError('Target', code);
  return targetView(row);
}

/** Today in Vietnam's calendar, as PostgreSQL sees it (one clock for every instance). */
export async function todayInVietnam(manager: EntityManager): Promise<string> {
  const [{ today }] = await manager.query<[{ today: string }]>(`SELECT to_char((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD') AS today`);
  return today;
}

export interface Deadline {
  half: Half;
  dueDate: string;
  /** The default rule (30 July / 30 January) rather than a date the year set. */
  isDefault: boolean;
  version: number | null;
}

/** The deadline of a half-year's reports: the year's own, else 30 days after the half ends. */
export async function deadlineOf(manager: EntityManager, year: number, half: Half): Promise<Deadline> {
  const [row] = await manager.query<{ due_date: string; version: number }[]>('SELECT due_date, version FROM progress_deadlines WHERE year = $1 AND half = $2', [year, half]);
  return row ? { half, dueDate: row.due_date, isDefault: false, version: row.version } : { half, dueDate: defaultDueDate(year, half), isDefault: true, version: null };
}
