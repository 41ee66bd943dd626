import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsOptionalField, IsOptionalText, IsRequiredText, IsVnd } from '../../../common/validation/validators.js';
import { EXPENDITURE_TYPE_CODES, type ExpenditureTypeCode } from '../../catalog/entities/catalog.entities.js';
import { message } from '../../../common/errors/messages.js';

export const RUN_KINDS = ['BALANCE', 'TOP_UP'] as const;

/** A line DIC disagreed with that DOF or DPI includes in a run all the same, and why. */
export class IncludeLineDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  lineId!: string;

  @ApiProperty({ description: 'Why the line is funded although DIC disagreed (kept with the run and in the audit trail)', maxLength: 4000 })
  @IsRequiredText()
  @MaxLength(4000)
  reason!: string;
}

export class CreateBalancingRunDto {
  @ApiProperty({ enum: EXPENDITURE_TYPE_CODES, description: 'RECURRENT (run by DOF) or INVESTMENT (run by DPI)' })
  @IsIn(EXPENDITURE_TYPE_CODES)
  track!: ExpenditureTypeCode;

  @ApiPropertyOptional({ enum: RUN_KINDS, default: 'BALANCE', description: 'BALANCE proposes approved amounts; TOP_UP proposes additions that close the floor shortfall' })
  @IsOptionalField()
  @IsIn(RUN_KINDS)
  kind?: (typeof RUN_KINDS)[number];

  @ApiPropertyOptional({ example: 'Phương án 1: trần 20 tỷ' })
  @IsOptionalText(200)
  name?: string;

  @IsVnd({ optional: true, description: 'One ceiling over every line of the track (TOP_UP: default the floor shortfall)' })
  ceiling?: string;

  @ApiPropertyOptional({ example: { PROVINCIAL: '15000000000', DISTRICT: '5000000000' }, description: 'Or one ceiling per funding source; lines of other sources are left out' })
  @IsOptionalField()
  @IsObject()
  ceilingsBySource?: Record<string, unknown>;

  @ApiPropertyOptional({ example: '1000000', description: 'Rounding unit of the partial tier, default 1' })
  @IsOptionalField()
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'roundingUnit must be a whole number of đồng from 1, as a string of digits' })
  roundingUnit?: string;

  @ApiPropertyOptional({
    type: [IncludeLineDto],
    description: 'Lines DIC disagreed with to include anyway, each with a written reason; without it such a line gets 0. A project whose design DIC refused cannot be included.',
  })
  @IsOptionalField()
  @IsArray()
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => IncludeLineDto)
  include?: IncludeLineDto[];
}

export class ListRunsQuery {
  @ApiPropertyOptional({ enum: EXPENDITURE_TYPE_CODES })
  @IsOptionalField()
  @IsIn(EXPENDITURE_TYPE_CODES)
  track?: ExpenditureTypeCode;
}

export class CompareRunsQuery {
  @ApiProperty({ description: 'Two or more run ids, comma-separated', example: 'id1,id2' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value))
  // Each a real uuid (36 dashes are not one, and reached the database as a bare INVALID_DATA_VALUE).
  @IsArray({ message: message('RUN_IDS') })
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: message('RUN_IDS') })
  ids!: string[];
}

/** Adopting a run: optionally at the version the client saw. */
export class AdoptRunDto {
  @ApiPropertyOptional({ description: "If given, the run is adopted only at this version (stale: 409 STALE_VERSION)" })
  @IsOptionalField()
  @IsInt()
  @Min(1)
  version?: number;
}
