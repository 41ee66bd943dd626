import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';
import { PageQuery } from '../../../common/validation/pagination.js';
import { IsIntegerText, IsOptionalField, YEAR_MAX, YEAR_MIN } from '../../../common/validation/validators.js';
import { ESTIMATE_STATUSES, type EstimateStatus } from '../entities/estimate.entity.js';

export class CreateEstimateDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ example: 2012 })
  @IsInt()
  @Min(2000)
  @Max(2200)
  year!: number;
}

export class ListEstimatesQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptionalField()
  @IsIntegerText()
  @Min(YEAR_MIN)
  @Max(YEAR_MAX)
  year?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalField()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: ESTIMATE_STATUSES })
  @IsOptionalField()
  @IsIn(ESTIMATE_STATUSES)
  status?: EstimateStatus;
}
