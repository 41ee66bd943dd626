import { ApiProperty } from '@nestjs/swagger';
import { ApiBool, ApiDate, ApiDateTime, ApiDecimal, ApiDigits, ApiEnum, ApiInt, ApiNested, ApiText, ApiUuid } from '../../../common/openapi/api-fields.js';
import { PROGRESS_STATUSES } from '../domain/progress-rules.js';
import { AGGREGATIONS, DIRECTIONS, REPORTING_UNIT_KINDS } from '../domain/targets.js';
import { ExecutionDto } from './progress-report.response.js';

const REPORT_STATES = [...PROGRESS_STATUSES, 'NONE'];

export class TrendPointDto {
  @ApiInt() year!: number;
  @ApiProperty({ type: 'integer', enum: [1, 2], enumName: 'Half' }) half!: number;
  @ApiDecimal({ nullable: true }) value!: string | null;
}

export class FurthestUnitDto {
  @ApiUuid() unitId!: string;
  @ApiText() unitCode!: string;
  @ApiText() unitName!: string;
  @ApiDecimal({ nullable: true }) value!: string | null;
  @ApiDecimal({ nullable: true }) gap!: string | null;
  @ApiEnum(['NOT_MET', 'NO_REPORT'], 'FurthestReason') reason!: string;
}

/** A target's province-wide value for the half-year, its gap and trend. */
export class DashboardTargetDto {
  @ApiUuid() id!: string;
  @ApiText() code!: string;
  @ApiText() indicator!: string;
  @ApiText() indicatorEn!: string;
  @ApiText() measureUnit!: string;
  @ApiEnum(DIRECTIONS, 'TargetDirection') direction!: string;
  @ApiEnum(AGGREGATIONS, 'TargetAggregation') aggregation!: string;
  @ApiEnum(REPORTING_UNIT_KINDS, 'UnitKind', { isArray: true }) unitKinds!: string[];
  @ApiDecimal() target!: string;
  @ApiDecimal({ nullable: true }) value!: string | null;
  @ApiDigits({ nullable: true }) numerator!: string | null;
  @ApiDigits({ nullable: true }) denominator!: string | null;
  @ApiDecimal({ nullable: true }) gap!: string | null;
  @ApiBool({ nullable: true }) met!: boolean | null;
  @ApiInt() reportingUnits!: number;
  @ApiInt() populationUnits!: number;
  @ApiNested([TrendPointDto]) trend!: TrendPointDto[];
  @ApiNested([FurthestUnitDto]) furthest!: FurthestUnitDto[];
}

export class ExecutionGroupDto extends ExecutionDto {
  @ApiText() code!: string;
  @ApiText() name!: string;
  @ApiText() nameEn!: string;
}

export class UnitExecutionDto extends ExecutionDto {
  @ApiUuid() unitId!: string;
  @ApiText() unitCode!: string;
  @ApiText() unitName!: string;
  @ApiEnum(REPORT_STATES, 'ReportState') reportStatus!: string;
}

export class ExecutionViewDto {
  @ApiNested(ExecutionDto) total!: ExecutionDto;
  @ApiNested([UnitExecutionDto]) byUnit!: UnitExecutionDto[];
  @ApiNested([ExecutionGroupDto]) byPlanArea!: ExecutionGroupDto[];
  @ApiNested([ExecutionGroupDto]) byFundingSource!: ExecutionGroupDto[];
  @ApiNested([ExecutionGroupDto]) byExpenditureType!: ExecutionGroupDto[];
}

export class ReportingItemDto {
  @ApiUuid() unitId!: string;
  @ApiText() unitCode!: string;
  @ApiText() unitName!: string;
  @ApiEnum(REPORT_STATES, 'ReportState') status!: string;
  @ApiDateTime({ nullable: true }) submittedAt!: string | null;
  @ApiBool() late!: boolean;
}

export class ReportingDto {
  @ApiDate() dueDate!: string;
  @ApiInt() expected!: number;
  @ApiInt() accepted!: number;
  @ApiNested([ReportingItemDto]) late!: ReportingItemDto[];
  @ApiNested([ReportingItemDto]) missing!: ReportingItemDto[];
}

/** The plan's dashboard for a half-year. */
export class DashboardDto {
  @ApiText() planPeriod!: string;
  @ApiInt() year!: number;
  @ApiProperty({ type: 'integer', enum: [1, 2], enumName: 'Half' }) half!: number;
  @ApiDateTime() generatedAt!: string;
  @ApiNested([DashboardTargetDto]) targets!: DashboardTargetDto[];
  @ApiNested(ExecutionViewDto) execution!: ExecutionViewDto;
  @ApiNested(ReportingDto) reporting!: ReportingDto;
}
