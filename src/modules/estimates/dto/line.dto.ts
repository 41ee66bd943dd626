import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsIntegerText, IsOptionalField, IsOptionalText, IsQuantity, IsRequiredText, IsVersion, IsVersionText, IsVnd } from '../../../common/validation/validators.js';

/** The fields of a line as a client sends them; amounts are digit strings. */
export class LineFieldsDto {
  @ApiPropertyOptional({ description: 'Part A (approved earlier, continuing) when true; part B (new) otherwise' })
  @IsOptionalField()
  @IsBoolean()
  isContinuing?: boolean;

  @ApiProperty({ example: '1.f' })
  @IsRequiredText()
  @MaxLength(20)
  planAreaCode!: string;

  @ApiProperty({ example: 'RECURRENT' })
  @IsRequiredText()
  @MaxLength(20)
  expenditureTypeCode!: string;

  @ApiProperty({ example: 'DISTRICT' })
  @IsRequiredText()
  @MaxLength(30)
  fundingSourceCode!: string;

  @ApiProperty({ example: 'TASK_DETAILED' })
  @IsRequiredText()
  @MaxLength(30)
  activityKindCode!: string;

  @ApiProperty({ example: 'Mua sắm máy tính cho cán bộ, công chức' })
  @IsRequiredText()
  @MaxLength(2000)
  description!: string;

  @ApiProperty({ example: 'bộ' })
  @IsRequiredText()
  @MaxLength(50)
  measureUnit!: string;

  @IsQuantity()
  quantity!: string;

  @IsVnd({ description: 'Unit price, đồng' })
  unitPrice!: string;

  @IsVnd({ optional: true, description: 'Optional check: if given it must equal quantity × unitPrice rounded half-up' })
  amount?: string;

  @IsVnd({ optional: true, nullable: true, description: 'Multi-year total of the item (tổng mức dự toán)' })
  multiYearTotal?: string | null;

  @IsVnd({ optional: true, nullable: true, description: 'Funded up to year N-2' })
  fundedToPrev2?: string | null;

  @IsVnd({ optional: true, nullable: true, description: "Last year's (N-1) assigned estimate" })
  prevYearEstimate?: string | null;

  @IsVnd({ optional: true, nullable: true, description: "Last year's (N-1) expected execution" })
  prevYearExpected?: string | null;

  @IsVnd({ optional: true, nullable: true, description: 'Projection for year N+1' })
  projectionNext1?: string | null;

  @IsVnd({ optional: true, nullable: true, description: 'Projection for year N+2' })
  projectionNext2?: string | null;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 99, description: '1 is funded first' })
  @IsOptionalField()
  @IsIntegerText()
  @Min(1)
  @Max(99)
  priorityTier?: number;

  @IsVnd({ optional: true, nullable: true, description: "A project's contingency (dự phòng), part of the amount" })
  contingency?: string | null;

  @IsVnd({ optional: true, description: 'Committed minimum (≤ amount), default 0' })
  committedMinimum?: string;

  @ApiPropertyOptional()
  @IsOptionalText(4000)
  justification?: string;

  @ApiPropertyOptional({
    example: '280-314',
    nullable: true,
    description: 'Loại-Khoản ("LLL-KKK") of the state budget index in force for the estimate\'s year; null clears it',
  })
  @ValidateIf((_object, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(20)
  loaiKhoan?: string | null;

  @ApiPropertyOptional({
    example: '9000-9004',
    nullable: true,
    description: 'Mục-Tiểu mục ("MMMM-TTTT") of the state budget index in force for the estimate\'s year; null clears it',
  })
  @ValidateIf((_object, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(20)
  mucTieuMuc?: string | null;
}

export class CreateLineDto extends LineFieldsDto {
  @ApiProperty({ description: "The estimate's version the change is based on; a stale version gets 409" })
  @IsVersion()
  version!: number;
}

// skipNullProperties: false — a null is validated like any value, so only the nullable fields accept it.
export class UpdateLineDto extends PartialType(LineFieldsDto, { skipNullProperties: false }) {
  @ApiProperty({ description: "The estimate's version the change is based on; a stale version gets 409" })
  @IsVersion()
  version!: number;
}

export class DeleteLineQuery {
  @ApiProperty({ description: "The estimate's version the change is based on; a stale version gets 409" })
  @IsVersionText()
  version!: number;
}
