import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/access/actor.js';
import { CurrentActor, Permit } from '../../common/access/access.decorators.js';
import { IdempotencyKey } from '../../common/idempotency/idempotency-key.decorator.js';
import { BalancingRunsService } from './balancing-runs.service.js';
import { AdoptRunDto, CompareRunsQuery, CreateBalancingRunDto, ListRunsQuery } from './dto/balancing-run.dto.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { BalancingRunComparisonDto, BalancingRunDto, BalancingRunSummaryDto } from './dto/balancing-run.response.js';

@ApiTags('allocation')
@ApiBearerAuth()
@Controller()
export class BalancingRunsController {
  constructor(private readonly runs: BalancingRunsService) {}

  /** A scenario: the allocator over the year's submitted lines of a track, under a ceiling. */
  @Permit('allocation.run')
  @Post('fiscal-years/:year/balancing-runs')
  @Endpoint({ summary: 'A scenario: the allocator over the year\'s submitted lines of a track, under a ceiling', response: BalancingRunDto, status: 201 })
  create(@Param('year', ParseIntPipe) year: number, @Body() dto: CreateBalancingRunDto, @CurrentActor() actor: Actor) {
    return this.runs.create(year, dto, actor);
  }

  @Permit('allocation.read')
  @Get('fiscal-years/:year/balancing-runs')
  @Endpoint({ summary: 'The year\'s runs', response: [BalancingRunSummaryDto] })
  list(@Param('year', ParseIntPipe) year: number, @Query() query: ListRunsQuery) {
    return this.runs.list(year, query.track);
  }

  /** Two or more runs side by side: per unit, per plan area, per line, with differences from the first. */
  @Permit('allocation.read')
  @Get('fiscal-years/:year/balancing-runs/compare')
  @Endpoint({ summary: 'Runs side by side: per unit, per plan area, per line, with differences from the first', response: BalancingRunComparisonDto })
  compare(@Param('year', ParseIntPipe) year: number, @Query() query: CompareRunsQuery) {
    return this.runs.compare(year, query.ids);
  }

  /** A run with every line and how the allocator reached each amount. */
  @Permit('allocation.read')
  @Get('balancing-runs/:id')
  @Endpoint({ summary: 'A run with every line and how the allocator reached each amount', response: BalancingRunDto })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.runs.get(id);
  }

  /** Writes the run's amounts as approved amounts, through the workflow's rules and audit; `version`, if given, must be current. */
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @Permit('allocation.run')
  @Post('balancing-runs/:id/adopt')
  @Endpoint({ summary: 'Writes the run\'s amounts as approved amounts, through the workflow', response: BalancingRunDto })
  adopt(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AdoptRunDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.runs.adopt(id, actor, dto.version, key);
  }
}
