import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { IsDateOnly, IsDecisionNumber, IsOptionalField, IsOptionalText, IsRequiredText, IsVersion, IsVnd } from '../../../common/validation/validators.js';
import { DIC_OPINIONS, type DicOpinion } from '../../estimates/entities/estimate-line.entity.js';

export class TransitionDto {
  @ApiPropertyOptional({ description: 'If given, the transition applies only to this version' })
  @IsOptionalField()
  @IsVersion()
  version?: number;
}

export class ReturnDto extends TransitionDto {
  @ApiProperty({ description: 'Why it goes back (required)' })
  @IsRequiredText()
  @MaxLength(4000)
  comment!: string;
}

export class ReviewItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  lineId!: string;

  @ApiProperty({ enum: DIC_OPINIONS })
  @IsIn(DIC_OPINIONS)
  opinion!: DicOpinion;

  @ApiPropertyOptional()
  @IsOptionalText(4000)
  note?: string;

  @ApiPropertyOptional({ description: "IT investment projects only: DIC's opinion on the preliminary design" })
  @IsOptionalField()
  @IsBoolean()
  designAgreed?: boolean;
}

export class ReviewDto {
  @ApiProperty()
  @IsVersion()
  version!: number;

  @ApiProperty({ type: [ReviewItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100000)
  @ValidateNested({ each: true })
  @Type(() => ReviewItemDto)
  opinions!: ReviewItemDto[];
}

export class AppraisalItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  lineId!: string;

  @IsVnd({ description: 'Appraised amount (thẩm định), 0 ≤ appraised ≤ requested' })
  appraisedAmount!: string;

  @ApiPropertyOptional({ description: "DIC's note on the appraisal" })
  @IsOptionalText(4000)
  note?: string;
}

export class AppraisalDto {
  @ApiProperty()
  @IsVersion()
  version!: number;

  @ApiProperty({ type: [AppraisalItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100000)
  @ValidateNested({ each: true })
  @Type(() => AppraisalItemDto)
  lines!: AppraisalItemDto[];
}

export class BalanceItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  lineId!: string;

  @IsVnd({ description: 'Approved amount, 0 ≤ approved ≤ requested' })
  approvedAmount!: string;

  @ApiPropertyOptional({ description: 'Required to approve more than 0 on a line DIC disagreed with: why it is funded all the same (kept in the audit trail)', maxLength: 4000 })
  @IsOptionalText(4000)
  reason?: string;
}

export class BalanceDto {
  @ApiProperty()
  @IsVersion()
  version!: number;

  @ApiProperty({ type: [BalanceItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100000)
  @ValidateNested({ each: true })
  @Type(() => BalanceItemDto)
  lines!: BalanceItemDto[];
}

export class AdjustmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  lineId!: string;

  @IsVnd({ description: 'The new approved amount' })
  approvedAmount!: string;

  @ApiProperty()
  @IsRequiredText()
  @MaxLength(4000)
  reason!: string;

  @ApiProperty()
  @IsVersion()
  version!: number;
}

export class ExclusionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  estimateId!: string;

  @ApiProperty()
  @IsRequiredText()
  @MaxLength(4000)
  reason!: string;
}

export class ApproveBudgetDto extends TransitionDto {
  @IsDecisionNumber()
  decisionNumber!: string;

  @ApiProperty({ example: '2011-12-20' })
  @IsDateOnly()
  decisionDate!: string;
}
