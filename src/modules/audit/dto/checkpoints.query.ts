import { ApiPropertyOptional } from '@nestjs/swagger';
import { Max, Min } from 'class-validator';
import { IsIntegerText, IsOptionalField } from '../../../common/validation/validators.js';

export class CheckpointsQuery {
  @ApiPropertyOptional({ type: 'integer', default: 1, minimum: 1, maximum: 1000, description: 'How many of the latest checkpoints' })
  @IsOptionalField()
  @IsIntegerText()
  @Min(1)
  @Max(1000)
  limit = 1;
}
