import { Controller, Get, Header, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/access/actor.js';
import { CurrentActor, Permit } from '../../common/access/access.decorators.js';
import { ConsolidationService } from './consolidation.service.js';
import { ConsolidationQuery } from './dto/consolidation.query.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { consolidationBody, ConsolidationDto } from './dto/consolidation.response.js';

@ApiTags('fiscal-years')
@ApiBearerAuth()
@Permit('consolidation.read')
@Controller('fiscal-years/:year/consolidation')
export class ConsolidationController {
  constructor(private readonly consolidation: ConsolidationService) {}

  /** Totals of the year's estimates by unit, plan area, funding source and expenditure type (a unit's users: their units only). */
  @Get()
  @Endpoint({ summary: 'Totals of the year\'s estimates by unit, plan area, funding source and expenditure type', response: ConsolidationDto })
  // Sent as JSON text made here (see `consolidationBody`): at national scale the list of 13,000
  // units is most of the answer's cost, and the app's bigint replacer most of its serialisation.
  @Header('Content-Type', 'application/json; charset=utf-8')
  async get(@Param('year', ParseIntPipe) year: number, @Query() query: ConsolidationQuery, @CurrentActor() actor: Actor): Promise<string> {
    return JSON.stringify(consolidationBody(await this.consolidation.consolidate(year, { statuses: query.status, unitScope: actor.unitScope })));
  }
}
