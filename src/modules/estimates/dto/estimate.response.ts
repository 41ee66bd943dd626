import { ApiBool, ApiDateTime, ApiDecimal, ApiEnum, ApiInt, ApiMoney, ApiNested, ApiText, ApiUuid } from '../../../common/openapi/api-fields.js';
import { EXPENDITURE_TYPE_CODES, type ExpenditureTypeCode } from '../../catalog/entities/catalog.entities.js';
import { UnitSummaryDto } from '../../units/dto/unit.response.js';
import { DIC_OPINIONS, type DicOpinion } from '../entities/estimate-line.entity.js';
import { ESTIMATE_STATUSES, type EstimateStatus } from '../entities/estimate.entity.js';

/** The fields of an estimate itself. */
export class EstimateFieldsDto {
  @ApiUuid() id!: string;
  @ApiUuid() unitId!: string;
  @ApiInt({ example: 2012 }) year!: number;
  @ApiEnum(ESTIMATE_STATUSES, 'EstimateStatus') status!: EstimateStatus;
  @ApiBool({ description: 'Demo data, not a real unit\'s figures' }) illustrative!: boolean;
  @ApiDateTime({ nullable: true }) submittedAt!: string | null;
  @ApiBool() submittedLate!: boolean;
  @ApiText({ nullable: true, description: 'Why a reviewer sent it back' }) returnComment!: string | null;
  @ApiDateTime({ nullable: true }) balancedAt!: string | null;
  @ApiDateTime({ nullable: true }) approvedAt!: string | null;
  @ApiInt({ description: 'Send it back with every change (409 when stale)' }) version!: number;
  @ApiDateTime() createdAt!: string;
  @ApiDateTime() updatedAt!: string;
}

/** One line of an estimate (Phụ lục 04): `amount` = quantity × unit price. */
export class EstimateLineDto {
  @ApiUuid() id!: string;
  @ApiUuid() estimateId!: string;
  @ApiInt({ description: 'STT: 1..n without gaps' }) lineNo!: number;
  @ApiBool({ description: 'Part A (continuing) or B (new)' }) isContinuing!: boolean;
  @ApiText() planAreaCode!: string;
  @ApiEnum(EXPENDITURE_TYPE_CODES, 'ExpenditureTypeCode') expenditureTypeCode!: ExpenditureTypeCode;
  @ApiText() fundingSourceCode!: string;
  @ApiText() activityKindCode!: string;
  @ApiText() description!: string;
  @ApiText() measureUnit!: string;
  @ApiDecimal() quantity!: string;
  @ApiMoney() unitPrice!: string;
  @ApiMoney() amount!: string;
  @ApiMoney({ nullable: true }) multiYearTotal!: string | null;
  @ApiMoney({ nullable: true }) fundedToPrev2!: string | null;
  @ApiMoney({ nullable: true }) prevYearEstimate!: string | null;
  @ApiMoney({ nullable: true }) prevYearExpected!: string | null;
  @ApiMoney({ nullable: true }) projectionNext1!: string | null;
  @ApiMoney({ nullable: true }) projectionNext2!: string | null;
  @ApiInt() priorityTier!: number;
  @ApiMoney({ nullable: true }) contingency!: string | null;
  @ApiMoney() committedMinimum!: string;
  @ApiText() justification!: string;
  @ApiText({ nullable: true, example: '280-314', description: 'Loại-Khoản of the state budget index in force for the year' }) loaiKhoan!: string | null;
  @ApiText({ nullable: true, example: '9000-9004', description: 'Mục-Tiểu mục of the state budget index in force for the year' }) mucTieuMuc!: string | null;
  @ApiMoney({ nullable: true, description: "DIC's appraised amount (the appraisal round); balancing starts from it" }) appraisedAmount!: string | null;
  @ApiText({ nullable: true, description: "DIC's note on the appraisal" }) appraisalNote!: string | null;
  @ApiText({ nullable: true, example: '-50000000', description: 'Appraised − requested, đồng, a signed digit string (≤ 0); null before the appraisal' }) appraisalVariance!: string | null;
  @ApiMoney({ nullable: true, description: 'Set by DOF/DPI when balancing' }) approvedAmount!: string | null;
  @ApiEnum(DIC_OPINIONS, 'DicOpinion', { nullable: true }) dicOpinion!: DicOpinion | null;
  @ApiText({ nullable: true }) dicNote!: string | null;
  @ApiBool({ nullable: true }) designAgreed!: boolean | null;
  @ApiDateTime() createdAt!: string;
  @ApiDateTime() updatedAt!: string;
}

/** An amount under one catalog code. */
export class AmountByCodeDto {
  @ApiText() code!: string;
  @ApiMoney() amount!: string;
}

/** Totals of the lines, each equal to the sum of its lines. */
export class EstimateTotalsDto {
  @ApiMoney() total!: string;
  @ApiInt() lineCount!: number;
  @ApiNested([AmountByCodeDto]) byPlanArea!: AmountByCodeDto[];
  @ApiNested([AmountByCodeDto]) byFundingSource!: AmountByCodeDto[];
  @ApiNested([AmountByCodeDto]) byExpenditureType!: AmountByCodeDto[];
}

/** Support the chair decided for the unit this year, by funding source. */
export class SupportAwardDto {
  @ApiText() fundingSourceCode!: string;
  @ApiMoney() amount!: string;
}

/** An estimate with its unit, lines and totals: what every change of an estimate answers. */
export class EstimateDto extends EstimateFieldsDto {
  @ApiNested(UnitSummaryDto) unit!: UnitSummaryDto;
  @ApiNested([EstimateLineDto]) lines!: EstimateLineDto[];
  @ApiNested(EstimateTotalsDto) totals!: EstimateTotalsDto;
  @ApiNested([SupportAwardDto]) supportAwarded!: SupportAwardDto[];
}

/** An estimate in a list: its unit and total, without lines. */
export class EstimateListItemDto extends EstimateFieldsDto {
  @ApiNested(UnitSummaryDto) unit!: UnitSummaryDto;
  @ApiMoney() total!: string;
  @ApiInt() lineCount!: number;
}

/** `GET /estimates`. */
export class EstimatePageDto {
  @ApiNested([EstimateListItemDto]) items!: EstimateListItemDto[];
  @ApiInt({ description: 'How many estimates match (all pages)' }) total!: number;
  @ApiInt() limit!: number;
  @ApiInt() offset!: number;
}
