import { ApiEnum, ApiInt, ApiMoney, ApiNested, ApiText, ApiUuid } from '../../../common/openapi/api-fields.js';
import { FloorFiguresDto } from '../../floor/dto/floor.response.js';
import { FLOOR_POLICIES } from '../../fiscal-years/entities/fiscal-year.entity.js';
import { ESTIMATE_STATUSES, type EstimateStatus } from '../../estimates/domain/estimate-status.js';
import type { Consolidation, ConsolidationEntry, UnitConsolidationEntry } from '../consolidation.service.js';

export class ConsolidationEntryDto {
  @ApiText() code!: string;
  @ApiMoney() amount!: string;
  @ApiInt() lineCount!: number;
}

export class UnitConsolidationEntryDto {
  @ApiUuid() unitId!: string;
  @ApiText() unitCode!: string;
  @ApiText() unitName!: string;
  @ApiText({ nullable: true }) budgetRelationCode!: string | null;
  @ApiText({ nullable: true }) chapterCode!: string | null;
  @ApiUuid() estimateId!: string;
  @ApiEnum(ESTIMATE_STATUSES, 'EstimateStatus') status!: EstimateStatus;
  @ApiMoney() amount!: string;
  @ApiInt() lineCount!: number;
}

/** An estimate left out of the consolidated budget, and why. */
export class ExcludedEstimateDto {
  @ApiUuid() unitId!: string;
  @ApiText() unitCode!: string;
  @ApiText() unitName!: string;
  @ApiUuid() estimateId!: string;
  @ApiEnum(ESTIMATE_STATUSES, 'EstimateStatus') status!: EstimateStatus;
  @ApiText() reason!: string;
}

export class ConsolidationFloorDto extends FloorFiguresDto {
  @ApiEnum(FLOOR_POLICIES, 'FloorPolicy') floorPolicy!: string;
  @ApiText({ nullable: true }) warning!: string | null;
}

/** `GET /fiscal-years/{year}/consolidation`. */
export class ConsolidationDto {
  @ApiInt() year!: number;
  @ApiEnum(ESTIMATE_STATUSES, 'EstimateStatus', { isArray: true, nullable: true }) statuses!: EstimateStatus[] | null;
  @ApiInt() estimateCount!: number;
  @ApiInt() lineCount!: number;
  @ApiMoney() total!: string;
  @ApiNested([UnitConsolidationEntryDto]) byUnit!: UnitConsolidationEntryDto[];
  @ApiNested([ExcludedEstimateDto]) excluded!: ExcludedEstimateDto[];
  @ApiNested([ConsolidationEntryDto]) byPlanArea!: ConsolidationEntryDto[];
  @ApiNested([ConsolidationEntryDto]) byFundingSource!: ConsolidationEntryDto[];
  @ApiNested([ConsolidationEntryDto]) byExpenditureType!: ConsolidationEntryDto[];
  @ApiNested([ConsolidationEntryDto], { description: 'By chapter of the units; "" = not classified' }) byChapter!: ConsolidationEntryDto[];
  @ApiNested([ConsolidationEntryDto]) byLoaiKhoan!: ConsolidationEntryDto[];
  @ApiNested([ConsolidationEntryDto]) byMucTieuMuc!: ConsolidationEntryDto[];
  @ApiNested(ConsolidationFloorDto, { nullable: true, description: 'Province-wide views only' }) floor!: ConsolidationFloorDto | null;
}

/**
 * The consolidation as its JSON body: every amount (bigint đồng) as a string of digits, the shape
 * of `ConsolidationDto` field for field. Serialised with `JSON.stringify` and no replacer: the app's
 * bigint replacer (app.setup.ts) is a call into JavaScript for every key of the 13,000-unit list
 * and turns V8's fast serialiser off; mapping the amounts here first is ~4× cheaper at national
 * scale (README, "The estimate ledger at national scale").
 */
/** The list of units as JSON entries (amounts as digit strings). */
export function byUnitBody(list: readonly UnitConsolidationEntry[]): UnitConsolidationEntryDto[] {
  return list.map((u) => ({
    unitId: u.unitId,
    unitCode: u.unitCode,
    unitName: u.unitName,
    budgetRelationCode: u.budgetRelationCode,
    chapterCode: u.chapterCode,
    estimateId: u.estimateId,
    status: u.status,
    amount: u.amount.toString(),
    lineCount: u.lineCount,
  }));
}

const digits = (amount: bigint | null): string | null => (amount === null ? null : amount.toString());

export function consolidationBody(c: Consolidation): ConsolidationDto {
  const entries = (list: ConsolidationEntry[]): ConsolidationEntryDto[] => list.map((e) => ({ code: e.code, amount: e.amount.toString(), lineCount: e.lineCount }));
  return {
    year: c.year,
    statuses: c.statuses,
    estimateCount: c.estimateCount,
    lineCount: c.lineCount,
    total: c.total.toString(),
    byUnit: byUnitBody(c.byUnit),
    excluded: c.excluded.map((e) => ({ ...e })),
    byPlanArea: entries(c.byPlanArea),
    byFundingSource: entries(c.byFundingSource),
    byExpenditureType: entries(c.byExpenditureType),
    byChapter: entries(c.byChapter),
    byLoaiKhoan: entries(c.byLoaiKhoan),
    byMucTieuMuc: entries(c.byMucTieuMuc),
    floor: c.floor && {
      floorAmount: digits(c.floor.floorAmount),
      itTotal: c.floor.itTotal.toString(),
      requestedTotal: c.floor.requestedTotal.toString(),
      compliant: c.floor.compliant,
      shortfall: digits(c.floor.shortfall),
      floorPolicy: c.floor.floorPolicy,
      warning: c.floor.warning,
    },
  };
}
