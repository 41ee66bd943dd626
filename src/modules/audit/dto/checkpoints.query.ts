import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsOptionalField } from '../../../common/validation/validators.js';

export class CheckpointsQuery {
  @ApiPropertyOptional({ type: 'integer', default: 1, minimum: 1, maximum: 1000, description: 'How many of the latest checkpoints' })
  @IsOptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 1;
}
