import { ApiEnum, ApiInt, ApiMoney, ApiNested, ApiText, ApiUuid } from '../../../common/openapi/api-fields.js';
import { FloorFiguresDto } from '../../floor/dto/floor.response.js';
import { FLOOR_POLICIES } from '../../fiscal-years/entities/fiscal-year.entity.js';
import { ESTIMATE_STATUSES, type EstimateStatus } from '../../estimates/domain/estimate-status.js';

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
