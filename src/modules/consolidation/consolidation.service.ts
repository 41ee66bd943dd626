import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { FiscalYear } from '../fiscal-years/entities/fiscal-year.entity.js';
import { checkRules, floorRule } from '../floor/domain/budget-rules.js';
import { type FloorFigures, floorFigures } from '../floor/domain/floor.js';
import { FloorService } from '../floor/floor.service.js';
import type { EstimateStatus } from '../estimates/domain/estimate-status.js';
import { EstimateLedger } from '../estimates/ledger/estimate-ledger.js';
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
 * one snapshot.
 */
@Injectable()
export class ConsolidationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly floor: FloorService,
    private readonly ledger: EstimateLedger,
  ) {}

  /** `unitScope` limits the figures to those units (a unit's own users); null is the whole province. */
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
    if (!(await manager.existsBy(FiscalYear, { year }))) throw new NotFoundError('Fiscal year', year);
    const params: unknown[] = [year];
    let filter = '';
    if (statuses && statuses.length > 0) {
      params.push(statuses);
      filter += ` AND e.status = ANY($${params.length})`;
    }
    if (unitScope !== null) {
      params.push([...unitScope]);
      filter += ` AND e.unit_id = ANY($${params.length})`;
    }

    const listed = await manager.query<
      { id: string; unit_id: string; code: string; name: string; budget_relation_code: string | null; chapter_code: string | null; status: EstimateStatus; exclusion_reason: string | null }[]
    >(
        `SELECT e.id, e.unit_id, u.code, u.name, u.budget_relation_code, u.chapter_code, e.status, e.exclusion_reason
           FROM ${this.ledger.estimatesOfYear('$1')} e JOIN units u ON u.id = e.unit_id
          WHERE true ${filter}
          ORDER BY u.code`,
        params,
      );

    // Excluded from the consolidated budget: out of every total (as in the budget, the floor and
    // the workbook), listed apart.
    const estimates = listed.filter((e) => e.exclusion_reason === null);
    const excluded = listed
      .filter((e) => e.exclusion_reason !== null)
      .map((e) => ({ unitId: e.unit_id, unitCode: e.code, unitName: e.name, estimateId: e.id, status: e.status, reason: e.exclusion_reason! }));
    // The ledger's kept totals, never the lines: province-wide from the year's buckets (a few
    // thousand rows however large the year), for a unit's users from their estimates' parts.
    const parts: (KeptMeasures & KeptDimensions)[] =
      unitScope === null
        ? await this.ledger.yearBuckets(manager, year, { statuses, excluded: false })
        : await this.ledger.estimateBuckets(manager, { estimateIds: estimates.map((e) => e.id) }, { parts: true });
    const perEstimate = new Map(
      (unitScope === null ? await this.ledger.estimateBuckets(manager, { year }) : await this.ledger.estimateBuckets(manager, { estimateIds: estimates.map((e) => e.id) })).map(
        (row) => [row.estimateId, row],
      ),
    );
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
    for (const estimate of estimates) {
      const row = perEstimate.get(estimate.id);
      if (!row) continue;
      const code = estimate.chapter_code ?? '';
      const entry = chapters.get(code) ?? { code, amount: 0n, lineCount: 0 };
      chapters.set(code, { code, amount: entry.amount + row.requested, lineCount: entry.lineCount + row.lineCount });
    }
    return {
      year,
      statuses: statuses && statuses.length > 0 ? statuses : null,
      estimateCount: estimates.length,
      lineCount: grand.lineCount,
      total: grand.requested,
      // Units with an estimate but no lines yet are listed with 0.
      byUnit: estimates.map((estimate) => {
        const row = perEstimate.get(estimate.id);
        return {
          unitId: estimate.unit_id,
          unitCode: estimate.code,
          unitName: estimate.name,
          budgetRelationCode: estimate.budget_relation_code,
          chapterCode: estimate.chapter_code,
          estimateId: estimate.id,
          status: estimate.status,
          amount: row?.requested ?? 0n,
          lineCount: row?.lineCount ?? 0,
        };
      }),
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
}
