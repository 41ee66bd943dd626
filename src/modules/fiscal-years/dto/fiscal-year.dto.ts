import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsDateOnly, IsOptionalField, IsOptionalText, IsVersion, IsVnd } from '../../../common/validation/validators.js';
import { FLOOR_POLICIES, type FloorPolicy, LATE_SUBMISSION_POLICIES, type LateSubmissionPolicy } from '../entities/fiscal-year.entity.js';
import { message } from '../../../common/errors/messages.js';

const FLOOR_RATIO = /^(0(\.[0-9]{1,6})?|1(\.0{1,6})?)$/;
const nullableDate = () => ValidateIf((_object, value) => value !== null);

export class CreateFiscalYearDto {
  @ApiProperty({ example: 2016 })
  @IsInt()
  @Min(2000)
  @Max(2200)
  year!: number;

  @ApiProperty({ example: '2016-2020' })
  @IsString()
  @Matches(/^[0-9]{4}-[0-9]{4}$/, { message: message('PLAN_PERIOD_FORMAT') })
  planPeriod!: string;

  @ApiPropertyOptional({ example: '2015-07-20', nullable: true })
  @IsOptionalField()
  @nullableDate()
  @IsDateOnly()
  submissionDeadline?: string | null;

  @ApiPropertyOptional({ example: '2015-09-30', nullable: true })
  @IsOptionalField()
  @nullableDate()
  @IsDateOnly()
  balancingDeadline?: string | null;

  @ApiPropertyOptional({ example: '2015-12-10', nullable: true })
  @IsOptionalField()
  @nullableDate()
  @IsDateOnly()
  committeeDeadline?: string | null;

  @ApiPropertyOptional({ enum: LATE_SUBMISSION_POLICIES })
  @IsOptionalField()
  @IsIn(LATE_SUBMISSION_POLICIES)
  lateSubmissionPolicy?: LateSubmissionPolicy;

  @IsVnd({ optional: true, nullable: true, description: 'Total local budget expenditure of the year, đồng (set by DOF)' })
  totalLocalExpenditure?: string | null;

  @ApiPropertyOptional({ example: '0.01', description: 'Share of total local expenditure that must go to IT' })
  @IsOptionalField()
  @IsString()
  @Matches(FLOOR_RATIO, { message: message('FLOOR_RATIO_FORMAT') })
  floorRatio?: string;

  @ApiPropertyOptional({ example: ['PROVINCIAL', 'DISTRICT', 'COMMUNE'] })
  @IsOptionalField()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  floorSources?: string[];

  @ApiPropertyOptional({ enum: FLOOR_POLICIES })
  @IsOptionalField()
  @IsIn(FLOOR_POLICIES)
  floorPolicy?: FloorPolicy;

  @ApiPropertyOptional()
  @IsOptionalField()
  @IsBoolean()
  illustrative?: boolean;
}

// skipNullProperties: false — a null is validated like any value, so only the nullable fields accept it.
export class UpdateFiscalYearDto extends PartialType(OmitType(CreateFiscalYearDto, ['year'] as const), { skipNullProperties: false }) {
  @ApiProperty({ description: 'The version the change is based on; a stale version gets 409' })
  @IsVersion()
  version!: number;

  @ApiPropertyOptional({
    description: 'Why the floor settings change (totalLocalExpenditure, floorRatio, floorSources, floorPolicy): required with any of them, kept in the audit trail',
    maxLength: 4000,
  })
  @IsOptionalText(4000)
  reason?: string;
}
