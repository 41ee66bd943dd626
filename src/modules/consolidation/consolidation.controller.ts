import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/access/actor.js';
import { CurrentActor, Permit } from '../../common/access/access.decorators.js';
import { ConsolidationService } from './consolidation.service.js';
import { ConsolidationQuery } from './dto/consolidation.query.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { ConsolidationDto } from './dto/consolidation.response.js';

@ApiTags('fiscal-years')
@ApiBearerAuth()
@Permit('consolidation.read')
@Controller('fiscal-years/:year/consolidation')
export class ConsolidationController {
  constructor(private readonly consolidation: ConsolidationService) {}

  /** Totals of the year's estimates by unit, plan area, funding source and expenditure type (a unit's users: their units only). */
  @Get()
  @Endpoint({ summary: 'Totals of the year\'s estimates by unit, plan area, funding source and expenditure type', response: ConsolidationDto })
  get(@Param('year', ParseIntPipe) year: number, @Query() query: ConsolidationQuery, @CurrentActor() actor: Actor) {
    return this.consolidation.consolidate(year, { statuses: query.status, unitScope: actor.unitScope });
  }
}
