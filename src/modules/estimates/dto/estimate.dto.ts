import { IsOptionalField } from '../../../common/validation/validators.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';
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

export class ListEstimatesQuery {
  @ApiPropertyOptional()
  @IsOptionalField()
  @Type(() => Number)
  @IsInt()
  year?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalField()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: ESTIMATE_STATUSES })
  @IsOptionalField()
  @IsIn(ESTIMATE_STATUSES)
  status?: EstimateStatus;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 100;

  @ApiPropertyOptional({ default: 0 })
  @IsOptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;
}
