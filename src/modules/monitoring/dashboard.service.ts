import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EstimateLedger } from '../estimates/ledger/estimate-ledger.js';
import { FiscalYearsService } from '../fiscal-years/fiscal-years.service.js';
import { UnitsService } from '../units/units.service.js';
import type { DataSource, EntityManager } from 'typeorm';
import { type ExecutionRow, executionRow, executionTotal } from './domain/execution.js';
import { type Half, isPastDue, type ProgressStatus } from './domain/progress-rules.js';
import {
  aggregateTarget,
  assess,
  type Aggregation,
  type Direction,
  furthestUnits,
  halvesUpTo,
  type PopulationUnit,
  shown,
  type UnitFigure,
} from './domain/targets.js';
import type { DashboardQuery } from './dto/monitoring.dto.js';
import { assertYearInPeriod, deadlineOf, planPeriod, periodTargets, todayInVietnam } from './monitoring-data.js';

export interface DashboardTarget {
  id: string;
  code: string;
  indicator: string;
  indicatorEn: string;
  measureUnit: string;
  direction: Direction;
  aggregation: Aggregation;
  unitKinds: readonly string[];
  /** The target value, decimal string. */
  target: string;
  /** The province-wide value for the half-year (4 decimals); null when nothing can be computed yet. */
  value: string | null;
  /** SHARE_OF_UNITS: units meeting it; RATIO_OF_SUMS: Σ numerator. */
  numerator: bigint | null;
  /** SHARE_OF_UNITS: units in the population; RATIO_OF_SUMS: Σ denominator. */
  denominator: bigint | null;
  /** Still to go towards the target (> 0), or by how much it is passed (≤ 0). */
  gap: string | null;
  met: boolean | null;
  reportingUnits: number;
  populationUnits: number;
  /** The value at every half-year of the plan period so far, oldest first. */
  trend: { year: number; half: Half; value: string | null }[];
  furthest: { unitId: string; unitCode: string; unitName: string; value: string | null; gap: string | null; reason: 'NOT_MET' | 'NO_REPORT' }[];
}

/**
 * `approved` is the current approved amount (after adjustments: the base of the disbursement rate);
 * `decided` the same lines as the chair decided them, kept on each line at the decision.
 */
export interface DecidedExecutionRow extends ExecutionRow {
  decided: bigint;
}

export interface ExecutionGroup extends DecidedExecutionRow {
  code: string;
  name: string;
  nameEn: string;
}

export interface UnitExecution extends DecidedExecutionRow {
  unitId: string;
  unitCode: string;
  unitName: string;
  /** The unit's report of the half-year; NONE when it has not opened one. Only ACCEPTED reports count. */
  reportStatus: ProgressStatus | 'NONE';
}

export interface ReportingItem {
  unitId: string;
  unitCode: string;
  unitName: string;
  status: ProgressStatus | 'NONE';
  submittedAt: Date | null;
  /** Submitted after the deadline (late), or not submitted and past it (overdue). */
  late: boolean;
}

export interface DashboardView {
  planPeriod: string;
  year: number;
  half: Half;
  generatedAt: string;
  targets: DashboardTarget[];
  /** Σ disbursed (ACCEPTED reports of the half) ÷ Σ approved (lines of APPROVED estimates of the year). */
  execution: {
    total: DecidedExecutionRow;
    byUnit: UnitExecution[];
    byPlanArea: ExecutionGroup[];
    byFundingSource: ExecutionGroup[];
    byExpenditureType: ExecutionGroup[];
  };
  reporting: {
    dueDate: string;
    /** Units expected to report: those of the targets' unit kinds and those with an approved estimate. */
    expected: number;
    accepted: number;
    /** Reports submitted after the deadline. */
    late: ReportingItem[];
    /** Expected units whose report is not accepted (none, draft, submitted or returned). */
    missing: ReportingItem[];
  };
}

interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: string;
}

/** The plan's dashboard for a half-year, and the data of the chair's workbook (the same figures). */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: EstimateLedger,
    private readonly fiscalYears: FiscalYearsService,
    private readonly unitRegistry: UnitsService,
  ) {}

  /** Everything read in one REPEATABLE READ snapshot: targets, execution and reporting agree. */
  dashboard(periodId: string, query: Pick<DashboardQuery, 'year' | 'half' | 'furthest'>): Promise<DashboardView> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) => this.compute(manager, periodId, query));
  }

  private async compute(manager: EntityManager, periodId: string, query: Pick<DashboardQuery, 'year' | 'half' | 'furthest'>): Promise<DashboardView> {
    const period = await planPeriod(this.fiscalYears, manager, periodId);
    assertYearInPeriod(period, query.year);
    const { year, half } = query;
    // One connection (the snapshot's): queries one after the other.
    const targets = await periodTargets(manager, period.id);
    const units: UnitRow[] = (await this.unitRegistry.directory(undefined, manager)).map(({ id, code, name, kind }) => ({ id, code, name, kind }));
    const today = await todayInVietnam(manager);
    const deadline = await deadlineOf(manager, year, half);
    const population: PopulationUnit[] = units;
    const halves = halvesUpTo(period.firstYear, year, half);

    // Figures of accepted reports, every half-year of the period up to this one.
    const figureRows = await manager.query<{ year: number; half: Half; unit_id: string; target_id: string; numerator: string | null; denominator: string | null; achieved: boolean | null }[]>(
      `SELECT r.year, r.half, r.unit_id, i.target_id, i.numerator::text AS numerator, i.denominator::text AS denominator, i.achieved
         FROM progress_reports r JOIN progress_indicators i ON i.report_id = r.id
        WHERE r.status = 'ACCEPTED' AND r.year >= $1 AND (r.year < $2 OR (r.year = $2 AND r.half <= $3))`,
      [period.firstYear, year, half],
    );
    const provinceRows = await manager.query<{ target_id: string; year: number; half: Half; value: string }[]>(
      `SELECT v.target_id, v.year, v.half, v.value::text AS value FROM target_province_values v JOIN plan_targets t ON t.id = v.target_id
        WHERE t.plan_period = $1 AND v.year >= $2 AND (v.year < $3 OR (v.year = $3 AND v.half <= $4))`,
      [period.id, period.firstYear, year, half],
    );
    const key = (targetId: string, y: number, h: number) => `${targetId}|${y}|${h}`;
    const figures = new Map<string, UnitFigure[]>();
    for (const row of figureRows) {
      const k = key(row.target_id, row.year, row.half);
      const list = figures.get(k) ?? [];
      list.push({
        unitId: row.unit_id,
        numerator: row.numerator === null ? null : BigInt(row.numerator),
        denominator: row.denominator === null ? null : BigInt(row.denominator),
        achieved: row.achieved,
      });
      figures.set(k, list);
    }
    const provinceValues = new Map(provinceRows.map((row) => [key(row.target_id, row.year, row.half), row.value]));

    const targetViews = targets.map((target): DashboardTarget => {
      const at = (y: number, h: number) => aggregateTarget(target, figures.get(key(target.id, y, h)) ?? [], population, provinceValues.get(key(target.id, y, h)) ?? null);
      const current = at(year, half);
      const { gap, met } = assess(target, current.value);
      return {
        id: target.id,
        code: target.code,
        indicator: target.indicator,
        indicatorEn: target.indicatorEn,
        measureUnit: target.measureUnit,
        direction: target.direction,
        aggregation: target.aggregation,
        unitKinds: target.unitKinds,
        target: target.targetValue,
        value: shown(current.value),
        numerator: current.numerator,
        denominator: current.denominator,
        gap: shown(gap),
        met,
        reportingUnits: current.reportingUnits,
        populationUnits: current.populationUnits,
        trend: halves.map((h) => ({ year: h.year, half: h.half, value: shown(at(h.year, h.half).value) })),
        furthest: furthestUnits(target, figures.get(key(target.id, year, half)) ?? [], population, query.furthest).map((u) => ({
          unitId: u.unitId,
          unitCode: u.unitCode,
          unitName: u.unitName,
          value: shown(u.value),
          gap: shown(u.gap),
          reason: u.reason,
        })),
      };
    });

    // Execution: exact sums per group in PostgreSQL (numeric), rates from those sums as bigint.
    const groups = await manager.query<
      { g_unit: number; g_area: number; g_source: number; g_type: number; unit_id: string | null; plan_area_code: string | null; funding_source_code: string | null; expenditure_type_code: string | null; approved: string; decided: string; disbursed: string }[]
    >(
      // Per line: the decided figure (kept at the chair's decision) is not in the ledger's totals.
      `WITH lines AS (
         SELECT l.unit_id, l.plan_area_code, l.funding_source_code, l.expenditure_type_code,
                COALESCE(l.approved_amount, 0) AS approved, COALESCE(l.decided_amount, 0) AS decided, COALESCE(d.disbursed, 0) AS disbursed
           FROM ${this.ledger.linesInBudget('$1', { statuses: ['APPROVED'] })} l
           LEFT JOIN progress_reports r ON r.unit_id = l.unit_id AND r.year = l.year AND r.half = $2 AND r.status = 'ACCEPTED'
           LEFT JOIN progress_disbursements d ON d.report_id = r.id AND d.line_id = l.id)
       SELECT GROUPING(unit_id) AS g_unit, GROUPING(plan_area_code) AS g_area, GROUPING(funding_source_code) AS g_source,
              GROUPING(expenditure_type_code) AS g_type, unit_id, plan_area_code, funding_source_code, expenditure_type_code,
              SUM(approved)::text AS approved, SUM(decided)::text AS decided, SUM(disbursed)::text AS disbursed
         FROM lines
        GROUP BY GROUPING SETS ((unit_id), (plan_area_code), (funding_source_code), (expenditure_type_code))`,
      [year, half],
    );
    const catalog = (table: string) => manager.query<{ code: string; name: string; name_en: string }[]>(`SELECT code, name, name_en FROM ${table} ORDER BY sort_order, code`);
    const areas = await catalog('plan_areas');
    const sources = await catalog('funding_sources');
    const types = await catalog('expenditure_types');
    const reportRows = await manager.query<{ unit_id: string; status: ProgressStatus; submitted_at: Date | null; submitted_late: boolean }[]>(
      'SELECT unit_id, status, submitted_at, submitted_late FROM progress_reports WHERE year = $1 AND half = $2',
      [year, half],
    );
    const statusOf = new Map(reportRows.map((row) => [row.unit_id, row]));
    const unitById = new Map(units.map((unit) => [unit.id, unit]));
    const figuresOf = (row: { approved: string; decided: string; disbursed: string }): DecidedExecutionRow => ({
      ...executionRow({ approved: BigInt(row.approved), disbursed: BigInt(row.disbursed) }),
      decided: BigInt(row.decided),
    });
    const byUnit = groups
      .filter((g) => g.g_unit === 0)
      .map((g): UnitExecution => {
        const unit = unitById.get(g.unit_id!)!;
        return { unitId: unit.id, unitCode: unit.code, unitName: unit.name, reportStatus: statusOf.get(unit.id)?.status ?? 'NONE', ...figuresOf(g) };
      })
      .sort((a, b) => a.unitCode.localeCompare(b.unitCode));
    const grouped = (flag: 'g_area' | 'g_source' | 'g_type', column: 'plan_area_code' | 'funding_source_code' | 'expenditure_type_code', catalog: { code: string; name: string; name_en: string }[]) => {
      const sums = new Map(groups.filter((g) => g[flag] === 0).map((g) => [g[column]!, g]));
      return catalog.filter((c) => sums.has(c.code)).map((c): ExecutionGroup => ({ code: c.code, name: c.name, nameEn: c.name_en, ...figuresOf(sums.get(c.code)!) }));
    };

    // Who should have reported, and who has not.
    const reportingKinds = new Set(targets.flatMap((target) => target.unitKinds));
    const expected = units.filter((unit) => reportingKinds.has(unit.kind) || byUnit.some((u) => u.unitId === unit.id));
    const item = (unit: UnitRow): ReportingItem => {
      const report = statusOf.get(unit.id);
      const submitted = report?.submitted_at != null;
      return {
        unitId: unit.id,
        unitCode: unit.code,
        unitName: unit.name,
        status: report?.status ?? 'NONE',
        submittedAt: report?.submitted_at ?? null,
        late: report?.submitted_late === true || (!submitted && isPastDue(today, deadline.dueDate)),
      };
    };
    return {
      planPeriod: period.id,
      year,
      half,
      generatedAt: new Date().toISOString(),
      targets: targetViews,
      execution: {
        total: { ...executionTotal(byUnit), decided: byUnit.reduce((sum, unit) => sum + unit.decided, 0n) },
        byUnit,
        byPlanArea: grouped('g_area', 'plan_area_code', areas),
        byFundingSource: grouped('g_source', 'funding_source_code', sources),
        byExpenditureType: grouped('g_type', 'expenditure_type_code', types),
      },
      reporting: {
        dueDate: deadline.dueDate,
        expected: expected.length,
        accepted: expected.filter((unit) => statusOf.get(unit.id)?.status === 'ACCEPTED').length,
        late: units.filter((unit) => statusOf.get(unit.id)?.submitted_late === true).map(item),
        missing: expected.filter((unit) => statusOf.get(unit.id)?.status !== 'ACCEPTED').map(item),
      },
    };
  }
}
