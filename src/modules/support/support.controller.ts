import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/access/actor.js';
import { CurrentActor, Permit } from '../../common/access/access.decorators.js';
import { IdempotencyKey } from '../../common/idempotency/idempotency-key.decorator.js';
import { DecideSupportRoundDto, OpenSupportRoundDto, ReplaceCandidatesDto, SupportAwardsQuery } from './dto/support.dto.js';
import { SupportService } from './support.service.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { SupportAwardsDto, SupportRoundDto, SupportRoundListDto } from './dto/support.response.js';

@ApiTags('support')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key applies once' })
@Controller('fiscal-years/:year')
export class SupportController {
  constructor(private readonly support: SupportService) {}

  /** The year's support rounds: pools, candidates, proposal per source, decision, totals. */
  @Permit('support.read')
  @Get('support-rounds')
  @Endpoint({ summary: 'The year\'s support rounds', response: SupportRoundListDto })
  list(@Param('year', ParseIntPipe) year: number) {
    return this.support.list(year);
  }

  @Permit('support.read')
  @Get('support-rounds/:id')
  @Endpoint({ summary: 'A support round', response: SupportRoundDto })
  get(@Param('year', ParseIntPipe) year: number, @Param('id', ParseUUIDPipe) id: string) {
    return this.support.get(year, id);
  }

  /** DOF opens the year's round (one a year): pools, candidates, and the allocator's proposal. */
  @Permit('support.prepare')
  @Post('support-rounds')
  @Endpoint({ summary: 'DOF opens the year\'s round: pools, candidates, the allocator\'s proposal', response: SupportRoundDto, status: 201 })
  open(@Param('year', ParseIntPipe) year: number, @Body() dto: OpenSupportRoundDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.support.open(year, dto, actor, key);
  }

  /** DOF replaces the candidates while the round is open; the proposal is computed again. */
  @Permit('support.prepare')
  @Put('support-rounds/:id/candidates')
  @Endpoint({ summary: 'DOF replaces the candidates while the round is open', response: SupportRoundDto })
  replaceCandidates(
    @Param('year', ParseIntPipe) year: number,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReplaceCandidatesDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key?: string,
  ) {
    return this.support.replaceCandidates(year, id, dto, actor, key);
  }

  /** The chair decides with a decision number and date; the round is then locked. */
  @Permit('support.decide')
  @Post('support-rounds/:id/decide')
  @Endpoint({ summary: 'The chair decides with a decision number and date; the round is then locked', response: SupportRoundDto })
  decide(
    @Param('year', ParseIntPipe) year: number,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecideSupportRoundDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key?: string,
  ) {
    return this.support.decide(year, id, dto, actor, key);
  }

  /**
   * Decided support per unit and source. Everyone who reads estimates may ask, but a unit's users
   * see only their own units' awards (another unit's is 404); the province (`support.read`) sees all.
   */
  @Permit('estimates.read')
  @Get('support-awards')
  @Endpoint({ summary: 'Decided support per unit and source', response: SupportAwardsDto })
  awards(@Param('year', ParseIntPipe) year: number, @Query() query: SupportAwardsQuery, @CurrentActor() actor: Actor) {
    return this.support.awards(year, query, actor);
  }
}
