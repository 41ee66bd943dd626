import { ApiProperty } from '@nestjs/swagger';
import { ApiBool, ApiDate, ApiDateTime, ApiDecimal, ApiEnum, ApiInt, ApiNested, ApiText, ApiUuid } from '../../../common/openapi/api-fields.js';
import { AGGREGATIONS, DIRECTIONS, REPORTING_UNIT_KINDS } from '../domain/targets.js';

/** A plan period (e.g. 2011-2015) and its years. */
export class PlanPeriodDto {
  @ApiText({ example: '2011-2015' }) id!: string;
  @ApiInt() firstYear!: number;
  @ApiInt() lastYear!: number;
  @ApiInt({ isArray: true }) years!: number[];
}

export class PlanPeriodSummaryDto extends PlanPeriodDto {
  @ApiInt() targetCount!: number;
}

/** One target of a plan period (as data: its rule, labels and source). */
export class TargetDto {
  @ApiUuid() id!: string;
  @ApiText() planPeriod!: string;
  @ApiText() code!: string;
  @ApiInt() position!: number;
  @ApiText() indicator!: string;
  @ApiText() indicatorEn!: string;
  @ApiText() measureUnit!: string;
  @ApiEnum(DIRECTIONS, 'TargetDirection') direction!: string;
  @ApiEnum(AGGREGATIONS, 'TargetAggregation') aggregation!: string;
  @ApiDecimal() targetValue!: string;
  @ApiInt({ description: '100 for a percentage, 1 for a plain ratio' }) scale!: number;
  @ApiEnum(REPORTING_UNIT_KINDS, 'UnitKind', { isArray: true }) unitKinds!: string[];
  @ApiText({ nullable: true }) numeratorLabel!: string | null;
  @ApiText({ nullable: true }) numeratorLabelEn!: string | null;
  @ApiText({ nullable: true }) denominatorLabel!: string | null;
  @ApiText({ nullable: true }) denominatorLabelEn!: string | null;
  @ApiBool() numeratorCapped!: boolean;
  @ApiDecimal({ nullable: true, description: 'The largest province value there can be (13 key databases listed), null when open' }) valueMax!: string | null;
  @ApiBool({ description: 'A count or a rank: province values are whole numbers' }) wholeValues!: boolean;
  @ApiText() source!: string;
  @ApiInt() version!: number;
}

export class PlanPeriodDetailDto extends PlanPeriodDto {
  @ApiNested([TargetDto]) targets!: TargetDto[];
}

/** A province-level value (count or rank) DIC recorded for a half-year. */
export class ProvinceValueViewDto {
  @ApiUuid() targetId!: string;
  @ApiText() targetCode!: string;
  @ApiInt() year!: number;
  @ApiProperty({ type: 'integer', enum: [1, 2], enumName: 'Half' }) half!: number;
  @ApiDecimal() value!: string;
  @ApiText() note!: string;
  @ApiInt() version!: number;
  @ApiText({ description: 'Who recorded it (username)' }) recordedBy!: string;
  @ApiText({ description: 'Who recorded it (full name)' }) recordedByName!: string;
  @ApiDateTime() recordedAt!: string;
}

export class TargetDetailDto extends TargetDto {
  @ApiNested([ProvinceValueViewDto]) provinceValues!: ProvinceValueViewDto[];
}

/** A half-year report's deadline (the year's own, else the default). */
export class DeadlineDto {
  @ApiProperty({ type: 'integer', enum: [1, 2], enumName: 'Half' }) half!: number;
  @ApiDate() dueDate!: string;
  @ApiBool() isDefault!: boolean;
  @ApiInt({ nullable: true }) version!: number | null;
}

export class DeadlinesDto {
  @ApiInt() year!: number;
  @ApiNested([DeadlineDto]) deadlines!: DeadlineDto[];
}
