import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { FiscalYear } from '../fiscal-years/entities/fiscal-year.entity.js';
import { checkRules } from '../floor/domain/budget-rules.js';
import { type FloorFigures, floorFigures } from '../floor/domain/floor.js';
import { FloorService } from '../floor/floor.service.js';
import type { EstimateStatus } from './entities/estimate.entity.js';

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

interface GroupRow {
  estimate_id: string | null;
  plan_area_code: string | null;
  funding_source_code: string | null;
  expenditure_type_code: string | null;
  loai_khoan: string | null;
  muc_tieu_muc: string | null;
  grouping: number;
  amount: string;
  line_count: number;
}

// GROUPING() bit mask for (estimate, plan area, funding source, expenditure type, Loại-Khoản,
// Mục-Tiểu mục): a set bit is a column rolled up. Each grouping set leaves exactly one column in.
const BY_ESTIMATE = 0b011111;
const BY_PLAN_AREA = 0b101111;
const BY_FUNDING_SOURCE = 0b110111;
const BY_EXPENDITURE_TYPE = 0b111011;
const BY_LOAI_KHOAN = 0b111101;
const BY_MUC_TIEU_MUC = 0b111110;
const GRAND_TOTAL = 0b111111;

/** Year-wide totals by unit, plan area, funding source and expenditure type, in one pass in SQL. */
@Injectable()
export class ConsolidationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly floor: FloorService,
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

    const groups = await manager.query<GroupRow[]>(
        `SELECT l.estimate_id, l.plan_area_code, l.funding_source_code, l.expenditure_type_code, l.loai_khoan, l.muc_tieu_muc,
                GROUPING(l.estimate_id, l.plan_area_code, l.funding_source_code, l.expenditure_type_code, l.loai_khoan, l.muc_tieu_muc) AS grouping,
                COALESCE(SUM(l.amount), 0)::text AS amount, COUNT(*)::int AS line_count
           FROM estimate_lines l
           JOIN estimates e ON e.id = l.estimate_id
          WHERE e.year = $1 ${filter} AND NOT EXISTS (SELECT 1 FROM budget_exclusions x WHERE x.estimate_id = e.id)
          GROUP BY GROUPING SETS ((l.estimate_id), (l.plan_area_code), (l.funding_source_code), (l.expenditure_type_code),
                                  (l.loai_khoan), (l.muc_tieu_muc), ())`,
        params,
      );
    const listed = await manager.query<
      { id: string; unit_id: string; code: string; name: string; budget_relation_code: string | null; chapter_code: string | null; status: EstimateStatus; exclusion_reason: string | null }[]
    >(
        `SELECT e.id, e.unit_id, u.code, u.name, u.budget_relation_code, u.chapter_code, e.status, x.reason AS exclusion_reason
           FROM estimates e JOIN units u ON u.id = e.unit_id
           LEFT JOIN budget_exclusions x ON x.estimate_id = e.id
          WHERE e.year = $1 ${filter}
          ORDER BY u.code`,
        params,
      );

    const pick = (mask: number, key: (row: GroupRow) => string | null): ConsolidationEntry[] =>
      groups
        .filter((row) => row.grouping === mask)
        .map((row) => ({ code: key(row) ?? '', amount: BigInt(row.amount), lineCount: row.line_count }))
        .sort((a, b) => a.code.localeCompare(b.code));

    // Excluded from the consolidated budget: out of every total (as in the budget, the floor and
    // the workbook), listed apart.
    const estimates = listed.filter((e) => e.exclusion_reason === null);
    const excluded = listed
      .filter((e) => e.exclusion_reason !== null)
      .map((e) => ({ unitId: e.unit_id, unitCode: e.code, unitName: e.name, estimateId: e.id, status: e.status, reason: e.exclusion_reason! }));
    const perEstimate = new Map(groups.filter((row) => row.grouping === BY_ESTIMATE).map((row) => [row.estimate_id, row]));
    const grand = groups.find((row) => row.grouping === GRAND_TOTAL);
    let floor: Consolidation['floor'] = null;
    if (unitScope === null) {
      const picture = await this.floor.picture(year, manager);
      const figures = floorFigures(picture.settings, picture.lines);
      const warning = checkRules(picture).find((r) => r.code === 'IT_FLOOR' && !r.passed)?.message ?? null;
      floor = { ...figures, floorPolicy: picture.settings.floorPolicy, warning };
    }
    // A unit's chapter holds all of its lines: the chapter totals are its units' estimate totals.
    const chapters = new Map<string, ConsolidationEntry>();
    for (const estimate of estimates) {
      const row = perEstimate.get(estimate.id);
      if (!row) continue;
      const code = estimate.chapter_code ?? '';
      const entry = chapters.get(code) ?? { code, amount: 0n, lineCount: 0 };
      chapters.set(code, { code, amount: entry.amount + BigInt(row.amount), lineCount: entry.lineCount + row.line_count });
    }
    return {
      year,
      statuses: statuses && statuses.length > 0 ? statuses : null,
      estimateCount: estimates.length,
      lineCount: grand?.line_count ?? 0,
      total: grand ? BigInt(grand.amount) : 0n,
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
          amount: row ? BigInt(row.amount) : 0n,
          lineCount: row?.line_count ?? 0,
        };
      }),
      excluded,
      byPlanArea: pick(BY_PLAN_AREA, (row) => row.plan_area_code),
      byFundingSource: pick(BY_FUNDING_SOURCE, (row) => row.funding_source_code),
      byExpenditureType: pick(BY_EXPENDITURE_TYPE, (row) => row.expenditure_type_code),
      byChapter: [...chapters.values()].sort((a, b) => a.code.localeCompare(b.code)),
      byLoaiKhoan: pick(BY_LOAI_KHOAN, (row) => row.loai_khoan),
      byMucTieuMuc: pick(BY_MUC_TIEU_MUC, (row) => row.muc_tieu_muc),
      floor,
    };
  }
}
