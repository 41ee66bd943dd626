import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsIn } from 'class-validator';
import { IsOptionalField } from '../../../common/validation/validators.js';
import { ESTIMATE_STATUSES, type EstimateStatus } from '../../estimates/domain/estimate-status.js';

export class ConsolidationQuery {
  @ApiPropertyOptional({ description: 'Only estimates in these statuses (comma-separated); all when absent', example: 'SUBMITTED,BALANCED' })
  @IsOptionalField()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value))
  @IsArray()
  @IsIn(ESTIMATE_STATUSES, { each: true })
  status?: EstimateStatus[];
}
