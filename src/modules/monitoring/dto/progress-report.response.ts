import { ApiProperty } from '@nestjs/swagger';
import { ApiBool, ApiDate, ApiDateTime, ApiDecimal, ApiDigits, ApiEnum, ApiInt, ApiMoney, ApiNested, ApiText, ApiUuid } from '../../../common/openapi/api-fields.js';
import { EXPENDITURE_TYPE_CODES } from '../../catalog/entities/catalog.entities.js';
import { UnitSummaryDto } from '../../units/dto/unit.response.js';
import { PROGRESS_STATUSES, type ProgressStatus } from '../domain/progress-rules.js';
import { AGGREGATIONS } from '../domain/targets.js';

/** Σ approved and Σ disbursed, and the rate (percent, 2 decimals; null when nothing was approved). */
export class ExecutionDto {
  @ApiMoney() approved!: string;
  @ApiMoney() disbursed!: string;
  @ApiDecimal({ nullable: true, description: '100 × disbursed / approved' }) percent!: string | null;
}

/** One target's figure in a report. */
export class IndicatorDto {
  @ApiUuid() targetId!: string;
  @ApiText() targetCode!: string;
  @ApiText() indicator!: string;
  @ApiText() indicatorEn!: string;
  @ApiText() measureUnit!: string;
  @ApiEnum(AGGREGATIONS, 'TargetAggregation') aggregation!: string;
  @ApiText({ nullable: true }) numeratorLabel!: string | null;
  @ApiText({ nullable: true }) numeratorLabelEn!: string | null;
  @ApiText({ nullable: true }) denominatorLabel!: string | null;
  @ApiText({ nullable: true }) denominatorLabelEn!: string | null;
  @ApiDigits({ nullable: true }) numerator!: string | null;
  @ApiDigits({ nullable: true }) denominator!: string | null;
  @ApiBool({ nullable: true }) achieved!: boolean | null;
  @ApiDecimal({ nullable: true, description: 'The unit\'s own value, for information' }) value!: string | null;
  @ApiText() note!: string;
}

/** One approved line's disbursement, named by its number and description. */
export class DisbursementViewDto {
  @ApiUuid() lineId!: string;
  @ApiInt() lineNo!: number;
  @ApiText() description!: string;
  @ApiText() planAreaCode!: string;
  @ApiText() fundingSourceCode!: string;
  @ApiEnum(EXPENDITURE_TYPE_CODES, 'ExpenditureTypeCode') expenditureTypeCode!: string;
  @ApiMoney() approved!: string;
  @ApiMoney({ nullable: true }) disbursed!: string | null;
  @ApiText({ nullable: true }) overrunReason!: string | null;
  @ApiBool() overrun!: boolean;
}

class ProgressReportFieldsDto {
  @ApiUuid() id!: string;
  @ApiUuid() unitId!: string;
  @ApiNested(UnitSummaryDto) unit!: UnitSummaryDto;
  @ApiInt() year!: number;
  @ApiProperty({ type: 'integer', enum: [1, 2], enumName: 'Half', description: 'First or second half of the year' }) half!: number;
  @ApiEnum(PROGRESS_STATUSES, 'ProgressStatus') status!: ProgressStatus;
  @ApiInt() version!: number;
  @ApiDateTime({ nullable: true }) submittedAt!: string | null;
  @ApiBool() submittedLate!: boolean;
  @ApiDateTime({ nullable: true }) reviewedAt!: string | null;
  @ApiDateTime() updatedAt!: string;
}

/** A semi-annual progress report with its figures. */
export class ProgressReportDto extends ProgressReportFieldsDto {
  @ApiText() note!: string;
  @ApiDate() dueDate!: string;
  @ApiBool({ description: 'Not yet submitted and past the deadline' }) overdue!: boolean;
  @ApiDateTime({ nullable: true }) firstSubmittedAt!: string | null;
  @ApiText({ nullable: true }) returnComment!: string | null;
  @ApiDateTime() createdAt!: string;
  @ApiUuid({ nullable: true, description: 'The unit\'s APPROVED estimate whose lines the report covers' }) estimateId!: string | null;
  @ApiNested([IndicatorDto]) indicators!: IndicatorDto[];
  @ApiNested([DisbursementViewDto]) disbursements!: DisbursementViewDto[];
  @ApiNested(ExecutionDto) totals!: ExecutionDto;
  @ApiBool({ description: 'Every figure given: the report can be submitted' }) complete!: boolean;
}

/** `GET /progress-reports`. */
export class ProgressReportPageDto {
  @ApiNested([ProgressReportFieldsDto]) items!: ProgressReportFieldsDto[];
  @ApiInt() total!: number;
  @ApiInt() limit!: number;
  @ApiInt() offset!: number;
}
