import { ApiBool, ApiEnum, ApiInt, ApiNested, ApiText } from '../../../common/openapi/api-fields.js';
import { EXPENDITURE_TYPE_CODES, type ExpenditureTypeCode } from '../entities/catalog.entities.js';

class CatalogEntryDto {
  @ApiText() code!: string;
  @ApiText() name!: string;
  @ApiText() nameEn!: string;
  @ApiInt() sortOrder!: number;
}

/** A plan area; only the leaves (`selectable`) may be chosen on a line. */
export class PlanAreaDto extends CatalogEntryDto {
  @ApiText({ nullable: true }) parentCode!: string | null;
  @ApiBool() selectable!: boolean;
}

export class FundingSourceDto extends CatalogEntryDto {
  @ApiEnum(['PROVINCIAL', 'DISTRICT', 'COMMUNE', 'CENTRAL'], 'FundingBudgetLevel', { nullable: true }) budgetLevel!: string | null;
  @ApiBool() isStateBudget!: boolean;
  @ApiBool() countsTowardFloorByDefault!: boolean;
}

export class ExpenditureTypeDto extends CatalogEntryDto {
  @ApiEnum(EXPENDITURE_TYPE_CODES, 'ExpenditureTypeCode') declare code: ExpenditureTypeCode;
  @ApiEnum(['DOF', 'DPI'], 'BalancedBy') balancedBy!: 'DOF' | 'DPI';
}

export class ActivityKindDto extends CatalogEntryDto {}

/** `GET /catalog`. */
export class CatalogDto {
  @ApiNested([PlanAreaDto]) planAreas!: PlanAreaDto[];
  @ApiNested([FundingSourceDto]) fundingSources!: FundingSourceDto[];
  @ApiNested([ExpenditureTypeDto]) expenditureTypes!: ExpenditureTypeDto[];
  @ApiNested([ActivityKindDto]) activityKinds!: ActivityKindDto[];
}

/** A code of the state budget index, with how far it was verified. */
export class BudgetIndexCodeDto {
  @ApiText() code!: string;
  @ApiText() name!: string;
  @ApiText() nameEn!: string;
  @ApiEnum(['TEXT', 'SECONDARY', 'UNVERIFIED'], 'BudgetIndexVerification') verification!: string;
  @ApiText() note!: string;
}

export class BudgetSectorItemDto extends BudgetIndexCodeDto {
  @ApiText() loai!: string;
  @ApiText() khoan!: string;
  @ApiText() loaiName!: string;
}

export class BudgetEconomicItemDto extends BudgetIndexCodeDto {
  @ApiText() muc!: string;
  @ApiText() tieuMuc!: string;
  @ApiText() mucName!: string;
}

/** One edition of the state budget index (Mục lục NSNN) with the codes seeded for IT lines. */
export class BudgetIndexEditionDto {
  @ApiText() code!: string;
  @ApiText({ example: 'Thông tư 324/2016/TT-BTC' }) document!: string;
  @ApiText() title!: string;
  @ApiText() titleEn!: string;
  @ApiInt() validFromYear!: number;
  @ApiInt({ nullable: true }) validToYear!: number | null;
  @ApiText() source!: string;
  @ApiNested([BudgetIndexCodeDto]) chapters!: BudgetIndexCodeDto[];
  @ApiNested([BudgetSectorItemDto]) sectorItems!: BudgetSectorItemDto[];
  @ApiNested([BudgetEconomicItemDto]) economicItems!: BudgetEconomicItemDto[];
}
