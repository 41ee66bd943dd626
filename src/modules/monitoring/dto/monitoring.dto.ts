import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQuery } from '../../../common/validation/pagination.js';
import { IsDateOnly, IsIntegerText, IsOptionalField, IsOptionalText, IsRequiredText, IsVersion, IsVersionText, IsVnd } from '../../../common/validation/validators.js';
import { HALVES, type Half, PROGRESS_STATUSES, type ProgressStatus } from '../domain/progress-rules.js';

/** A whole count (officials, computers, documents): digit string, at most 15 digits. */
export const COUNT_PATTERN = /^[0-9]{1,15}$/;
const COUNT_MESSAGE = '$property phải là số nguyên không âm, viết bằng chuỗi chữ số (tối đa 15) / $property must be a whole count given as a string of digits (at most 15)';
/** A province value or a target: a non-negative decimal string, at most 6 decimals. */
export const DECIMAL_PATTERN = /^[0-9]{1,18}(\.[0-9]{1,6})?$/;
const DECIMAL_MESSAGE = '$property phải là số thập phân không âm (tối đa 6 chữ số thập phân), viết bằng chuỗi / $property must be a non-negative decimal string with at most 6 decimals';
export const MAX_ITEMS = 10_000;

const IsCount = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: String, pattern: COUNT_PATTERN.source, example: '120' }),
    IsOptionalField(),
    IsString({ message: COUNT_MESSAGE }),
    Matches(COUNT_PATTERN, { message: COUNT_MESSAGE }),
  );

const IsHalf = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ enum: HALVES, description: '1: January–June, 2: July–December' }),
    IsIntegerText(),
    IsIn(HALVES, { message: '$property phải là 1 hoặc 2 / $property must be 1 or 2' }),
  );

const IsYear = (): PropertyDecorator =>
  applyDecorators(ApiProperty({ example: 2012 }), IsIntegerText(), Min(2000), Max(2200));

export class CreateProgressReportDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  unitId!: string;

  @IsYear()
  year!: number;

  @IsHalf()
  half!: Half;
}

export class ListProgressReportsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptionalField()
  @IsIntegerText()
  @Min(2000)
  @Max(2200)
  year?: number;

  @ApiPropertyOptional({ enum: HALVES })
  @IsOptionalField()
  @IsIntegerText()
  @IsIn(HALVES)
  half?: Half;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalField()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: PROGRESS_STATUSES })
  @IsOptionalField()
  @IsIn(PROGRESS_STATUSES)
  status?: ProgressStatus;
}

export class IndicatorFigureDto {
  @ApiProperty({ example: 'EMAIL-DAILY', description: "The target's code in the report year's plan period" })
  @IsRequiredText()
  @MaxLength(40)
  targetCode!: string;

  /** RATIO_OF_SUMS: the unit's numerator (e.g. officials using e-mail daily). */
  @IsCount()
  numerator?: string;

  /** RATIO_OF_SUMS: the unit's denominator (e.g. officials). */
  @IsCount()
  denominator?: string;

  @ApiPropertyOptional({ description: 'SHARE_OF_UNITS: whether the unit meets the indicator' })
  @IsOptionalField()
  @IsBoolean()
  achieved?: boolean;

  @ApiPropertyOptional()
  @IsOptionalText(2000)
  note?: string;
}

export class DisbursementDto {
  @ApiProperty({ format: 'uuid', description: 'A line of the unit’s approved estimate of the report year' })
  @IsUUID()
  lineId!: string;

  @IsVnd({ description: 'Disbursed on the line so far this year, in đồng' })
  disbursed!: string;

  @ApiPropertyOptional({ description: 'Required when disbursed exceeds the approved amount; flags the line' })
  @IsOptionalText(4000)
  overrunReason?: string;
}

export class UpdateProgressReportDto {
  @ApiProperty({ description: 'The report version the change is based on (stale: 409)' })
  @IsVersion()
  version!: number;

  @ApiPropertyOptional({ description: 'General remarks of the unit' })
  @IsOptionalText(8000)
  note?: string;

  @ApiPropertyOptional({ type: [IndicatorFigureDto], description: 'Figures to set (others are kept)' })
  @IsOptionalField()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => IndicatorFigureDto)
  indicators?: IndicatorFigureDto[];

  @ApiPropertyOptional({ type: [DisbursementDto], description: 'Disbursed amounts to set (others are kept)' })
  @IsOptionalField()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => DisbursementDto)
  disbursements?: DisbursementDto[];
}

export class ProgressTransitionDto {
  @ApiPropertyOptional({ description: 'If given, the transition applies only to this version' })
  @IsOptionalField()
  @IsVersion()
  version?: number;
}

export class ProgressReturnDto extends ProgressTransitionDto {
  @ApiProperty({ description: 'What the unit must fix (required)' })
  @IsRequiredText()
  @MaxLength(4000)
  comment!: string;
}

export class HalfYearQuery {
  @IsYear()
  year!: number;

  @IsHalf()
  half!: Half;
}

export class DashboardQuery extends HalfYearQuery {
  @ApiPropertyOptional({ default: 5, maximum: 100, description: 'How many units furthest from each target to list' })
  @IsOptionalField()
  @IsIntegerText()
  @Min(0)
  @Max(100)
  furthest = 5;
}

export class ProvinceValueDto {
  @IsYear()
  year!: number;

  @IsHalf()
  half!: Half;

  @ApiProperty({ type: String, pattern: DECIMAL_PATTERN.source, example: '7' })
  @IsString({ message: DECIMAL_MESSAGE })
  @Matches(DECIMAL_PATTERN, { message: DECIMAL_MESSAGE })
  value!: string;

  @ApiPropertyOptional({ description: 'Where the figure comes from' })
  @IsOptionalText(4000)
  note?: string;

  @ApiPropertyOptional({ description: 'The version of the value being replaced (stale: 409); absent for a new value' })
  @IsOptionalField()
  @IsVersion()
  version?: number;
}

export class ProgressDeadlineDto {
  @ApiProperty({ example: '2012-07-30' })
  @IsDateOnly()
  dueDate!: string;

  @ApiPropertyOptional({ description: 'The version of the deadline being replaced (stale: 409); absent when the year has none yet' })
  @IsOptionalField()
  @IsVersion()
  version?: number;
}

export class WorkbookUploadDto {
  @ApiPropertyOptional({ description: "The report's version the workbook is based on (default: the one written in it)" })
  @IsOptionalField()
  @IsVersionText()
  version?: number;
}
