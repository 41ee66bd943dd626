import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { IsDateOnly, IsDecisionNumber, IsOptionalField, IsOptionalText, IsVersion, IsVnd } from '../../../common/validation/validators.js';
import { MAX_HARDSHIP_TIER } from '../domain/support-proposal.js';

const MAX_CANDIDATES = 10000;

/** Amounts by support source; any other key is refused (the global pipe forbids unknown fields). */
export class SupportAmountsDto {
  @IsVnd({ optional: true, description: 'Central support (spent first), in đồng' })
  CENTRAL_SUPPORT?: string;

  @IsVnd({ optional: true, description: 'Provincial support (spent after central support), in đồng' })
  PROVINCIAL_SUPPORT?: string;
}

export class SupportCandidateDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_HARDSHIP_TIER, description: '1 = hardest hit, served first' })
  @IsInt()
  @Min(1)
  @Max(MAX_HARDSHIP_TIER)
  hardshipTier!: number;

  @IsVnd({ description: 'Support asked, in đồng' })
  asked!: string;

  @IsVnd({ optional: true, description: 'Guaranteed from the first pool (≤ asked); default 0' })
  minimum?: string;
}

export class CandidatesDto {
  @ApiProperty({ type: [SupportCandidateDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CANDIDATES)
  @ValidateNested({ each: true })
  @Type(() => SupportCandidateDto)
  candidates!: SupportCandidateDto[];
}

export class OpenSupportRoundDto extends CandidatesDto {
  @ApiProperty({ type: SupportAmountsDto, description: 'At least one pool' })
  @IsDefined()
  @ValidateNested()
  @Type(() => SupportAmountsDto)
  pools!: SupportAmountsDto;

  @IsVnd({ optional: true, description: 'Rounding unit of the proposal (≥ 1); default 1000000' })
  roundingUnit?: string;
}

export class ReplaceCandidatesDto extends CandidatesDto {
  @ApiProperty({ description: "The round's version the change is based on; a stale version gets 409" })
  @IsVersion()
  version!: number;
}

export class UnitDecisionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ type: SupportAmountsDto, description: 'Sources left out keep their proposal' })
  @IsDefined()
  @ValidateNested()
  @Type(() => SupportAmountsDto)
  amounts!: SupportAmountsDto;

  @ApiPropertyOptional({ description: 'Required wherever the decision differs from the proposal' })
  @IsOptionalText(4000)
  reason?: string;
}

export class DecideSupportRoundDto {
  @IsDecisionNumber()
  decisionNumber!: string;

  @ApiProperty({ example: '2011-12-20' })
  @IsDateOnly()
  decisionDate!: string;

  @ApiProperty({ description: 'The version of the round the decision was based on' })
  @IsVersion()
  version!: number;

  @ApiProperty({ type: [UnitDecisionDto], description: 'Units not listed get exactly the proposal' })
  @IsArray()
  @ArrayMaxSize(MAX_CANDIDATES)
  @ValidateNested({ each: true })
  @Type(() => UnitDecisionDto)
  decisions!: UnitDecisionDto[];
}

export class SupportAwardsQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalField()
  @IsUUID()
  unitId?: string;
}
