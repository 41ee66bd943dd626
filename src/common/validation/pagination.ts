import { ApiPropertyOptional } from '@nestjs/swagger';
import { Max, Min } from 'class-validator';
import { INT4_MAX, IsIntegerText, IsOptionalField } from './validators.js';

/** `?limit=&offset=` for every list: at most 1000 a page. */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', default: 100, minimum: 1, maximum: 1000 })
  @IsOptionalField()
  @IsIntegerText()
  @Min(1)
  @Max(1000)
  limit = 100;

  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0 })
  @IsOptionalField()
  @IsIntegerText()
  @Min(0)
  @Max(INT4_MAX)
  offset = 0;
}
