import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { FiscalYearsService } from '../fiscal-years/fiscal-years.service.js';
import { type UnitName, UnitsService } from '../units/units.service.js';
import { checkRules, floorRule } from '../floor/domain/budget-rules.js';
import { type FloorFigures, floorFigures } from '../floor/domain/floor.js';
import { FloorService } from '../floor/floor.service.js';
import type { EstimateStatus } from '../estimates/domain/estimate-status.js';
import { EstimateLedger, type LedgerEstimate } from '../estimates/ledger/estimate-ledger.js';
import { type KeptDimensions, type KeptMeasures, sumAll, sumBy } from '../estimates/domain/kept-measures.js';

export interface ConsolidationEntry {
  code: string;
  amount: bigint;
  lineCount: number;
}

export interface UnitConsolidationEntry {
  unitId: string;
  unitCode: string;
  unitName: string;
  /** The unit's budget-relationship code (mã ĐVQHNS) and chapter, null until registered. */
  budgetRelationCode: string | null;
  chapterCode: string | null;
  estimateId: string;
  status: EstimateStatus;
  amount: bigint;
  lineCount: number;
}

export interface Consolidation {
  year: number;
  statuses: EstimateStatus[] | null;
  estimateCount: number;
  lineCount: number;
  total: bigint;
  byUnit: UnitConsolidationEntry[];
  /** Estimates excluded from the consolidated budget, with the reason: in no total. */
  excluded: { unitId: string; unitCode: string; unitName: string; estimateId: string; status: EstimateStatus; reason: string }[];
  byPlanArea: ConsolidationEntry[];
  byFundingSource: ConsolidationEntry[];
  byExpenditureType: ConsolidationEntry[];
  /** By the state budget index: chapter (of the units), Loại-Khoản and Mục-Tiểu mục; '' = not classified. */
  byChapter: ConsolidationEntry[];
  byLoaiKhoan: ConsolidationEntry[];
  byMucTieuMuc: ConsolidationEntry[];
  /** The 1% floor at this moment (province-wide views only), with the warning reports carry. */
  floor: (FloorFigures & { floorPolicy: 'STOP' | 'WARN'; warning: string | null }) | null;
}

/**
 * Year-wide totals by unit, plan area, funding source and expenditure type, from the estimate
 * ledger's kept totals (kept equal to the sums of the lines in every write's transaction), read in
 * one snapshot. Other modules' tables are read through their owners: the year through
 * FiscalYearsService, the units' names and codes through UnitsService, the estimates and their
 * totals through EstimateLedger.
 *
 * What it costs at national scale (13,000 units, 650,000 lines; README, "The estimate ledger at
 * national scale"): no line is read. Four reads of a few rows each (the year, its buckets, the
 * floor's figures) and two of one row per unit (the estimates with their kept totals, the units'
 * names); the answer lists every unit, so the floor of its cost is those 13,000 rows and the
 * 3.5 MB of JSON they make (see `consolidationBody`).
 */
@Injectable()
export class ConsolidationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly floor: FloorService,
    private readonly ledger: EstimateLedger,
    private readonly fiscalYears: FiscalYearsService,
    private readonly units: UnitsService,
  ) {}

  /**
   * `unitScope` limits the figures to those units (a unit's own users); null is the whole province.
   * NotFoundError (404) for a year not set up.
   */
  async consolidate(
    year: number,
    { statuses, unitScope = null }: { statuses?: EstimateStatus[]; unitScope?: ReadonlySet<string> | null } = {},
  ): Promise<Consolidation> {
    // One snapshot for every figure, so that each total equals the sum of its parts.
    return this.dataSource.transaction('REPEATABLE READ', (manager) => this.consolidateIn(manager, year, statuses, unitScope));
  }

  private async consolidateIn(
    manager: EntityManager,
    year: number,
    statuses: EstimateStatus[] | undefined,
    unitScope: ReadonlySet<string> | null,
  ): Promise<Consolidation> {
    await this.fiscalYears.assertExists(year, manager);
    const wanted = statuses && statuses.length > 0 ? statuses : undefined;
    // Each estimate with its own kept totals and its exclusion, in one read (one row per unit).
    const listed = await this.ledger.estimates(manager, year, { statuses: wanted, unitIds: unitScope === null ? undefined : [...unitScope] });
    const ordered = await this.byUnitCode(manager, listed, unitScope);

    // Excluded from the consolidated budget: out of every total (as in the budget, the floor and
    // the workbook), listed apart.
    const estimates = ordered.filter(([e]) => e.exclusionReason === null);
    const excluded = ordered
      .filter(([e]) => e.exclusionReason !== null)
      .map(([e, unit]) => ({ unitId: e.unitId, unitCode: unit.code, unitName: unit.name, estimateId: e.id, status: e.status, reason: e.exclusionReason! }));
    // The ledger's kept totals, never the lines: province-wide from the year's buckets (a few
    // thousand rows however large the year), for a unit's users from their estimates' parts.
    const parts: (KeptMeasures & KeptDimensions)[] =
      unitScope === null
        ? await this.ledger.yearBuckets(manager, year, { statuses: wanted, excluded: false })
        : await this.ledger.estimateBuckets(manager, { estimateIds: estimates.map(([e]) => e.id) }, { parts: true });
    const grand = sumAll(parts);
    const entries = (sums: Map<string, KeptMeasures>): ConsolidationEntry[] =>
      [...sums.entries()].map(([code, m]) => ({ code, amount: m.requested, lineCount: m.lineCount }));
    let floor: Consolidation['floor'] = null;
    if (unitScope === null) {
      const picture = await this.floor.picture(year, manager, { ruleLines: false });
      const figures = floorFigures(picture.settings, picture.sourceTotals);
      const [check] = checkRules(picture, [floorRule]);
      const warning = check && !check.passed ? check.message : null;
      floor = { ...figures, floorPolicy: picture.settings.floorPolicy, warning };
    }
    // A unit's chapter holds all of its lines: the chapter totals are its units' estimate totals.
    const chapters = new Map<string, ConsolidationEntry>();
    for (const [estimate, unit] of estimates) {
      if (estimate.lineCount === 0) continue;
      const code = unit.chapterCode ?? '';
      const entry = chapters.get(code) ?? { code, amount: 0n, lineCount: 0 };
      chapters.set(code, { code, amount: entry.amount + estimate.requested, lineCount: entry.lineCount + estimate.lineCount });
    }
    return {
      year,
      statuses: wanted ?? null,
      estimateCount: estimates.length,
      lineCount: grand.lineCount,
      total: grand.requested,
      // Units with an estimate but no lines yet are listed with 0.
      byUnit: estimates.map(([estimate, unit]) => ({
        unitId: estimate.unitId,
        unitCode: unit.code,
        unitName: unit.name,
        budgetRelationCode: unit.budgetRelationCode,
        chapterCode: unit.chapterCode,
        estimateId: estimate.id,
        status: estimate.status,
        amount: estimate.requested,
        lineCount: estimate.lineCount,
      })),
      excluded,
      byPlanArea: entries(sumBy(parts, (p) => p.planAreaCode)),
      byFundingSource: entries(sumBy(parts, (p) => p.fundingSourceCode)),
      byExpenditureType: entries(sumBy(parts, (p) => p.expenditureTypeCode)),
      byChapter: [...chapters.values()].sort((a, b) => a.code.localeCompare(b.code)),
      byLoaiKhoan: entries(sumBy(parts, (p) => p.loaiKhoan)),
      byMucTieuMuc: entries(sumBy(parts, (p) => p.mucTieuMuc)),
      floor,
    };
  }

  /**
   * The estimates with their units' names, in the order of the units' codes (then ids), as the
   * registry orders them. Province-wide the registry's directory is read whole (in PostgreSQL's
   * order, one row per unit: at national scale nearly every unit has an estimate); for a unit's
   * users only their units, ordered here the same way (codes are ASCII, compared as PostgreSQL's
   * C collation does).
   */
  private async byUnitCode(
    manager: EntityManager,
    estimates: readonly LedgerEstimate[],
    unitScope: ReadonlySet<string> | null,
  ): Promise<[LedgerEstimate, UnitName][]> {
    const byUnit = new Map(estimates.map((e) => [e.unitId, e]));
    const ordered: [LedgerEstimate, UnitName][] = [];
    if (unitScope === null) {
      for (const unit of await this.units.directory(undefined, manager)) {
        const estimate = byUnit.get(unit.id);
        if (estimate) ordered.push([estimate, unit]);
      }
      return ordered;
    }
    const names = await this.units.namesOf([...byUnit.keys()], manager);
    for (const [unitId, estimate] of byUnit) {
      const unit = names.get(unitId);
      if (unit) ordered.push([estimate, unit]);
    }
    const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return ordered.sort(([, a], [, b]) => compare(a.code, b.code) || compare(a.id, b.id));
  }
}
