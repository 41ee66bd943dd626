import { Controller, Get, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
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
  // The body is JSON made by the service (`consolidationJson`: at national scale the list of 13,000
  // units is most of the answer's cost, kept per instance while its rows are unchanged), sent as
  // bytes: Express adds the ETag and answers a matching If-None-Match with 304, as for any JSON.
  async get(@Param('year', ParseIntPipe) year: number, @Query() query: ConsolidationQuery, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const body = await this.consolidation.consolidationJson(year, { statuses: query.status, unitScope: actor.unitScope });
    response.type('application/json; charset=utf-8').send(body);
  }
}
