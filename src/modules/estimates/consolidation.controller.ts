import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ConsolidationService } from './consolidation.service.js';
import { ConsolidationQuery } from './dto/consolidation.query.js';

@ApiTags('fiscal-years')
@Controller('fiscal-years/:year/consolidation')
export class ConsolidationController {
  constructor(private readonly consolidation: ConsolidationService) {}

  /** Totals of the year's estimates by unit, plan area, funding source and expenditure type. */
  @Get()
  get(@Param('year', ParseIntPipe) year: number, @Query() query: ConsolidationQuery) {
    return this.consolidation.consolidate(year, query.status);
  }
}
