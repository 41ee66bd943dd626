import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/access/actor.js';
import { CurrentActor, Permit } from '../../common/access/access.decorators.js';
import { CreateEstimateDto, ListEstimatesQuery } from './dto/estimate.dto.js';
import { CreateLineDto, DeleteLineQuery, UpdateLineDto } from './dto/line.dto.js';
import { EstimatesService } from './estimates.service.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { EstimateDto, EstimatePageDto } from './dto/estimate.response.js';

@ApiTags('estimates')
@ApiBearerAuth()
@Controller('estimates')
export class EstimatesController {
  constructor(private readonly estimates: EstimatesService) {}

  /** Opens a unit's estimate for a year (one per unit and year; a second is 409). */
  @Permit('estimates.create')
  @Post()
  @Endpoint({ summary: 'Opens a unit\'s estimate for a year (one per unit and year: a second is 409)', response: EstimateDto, status: 201 })
  create(@Body() dto: CreateEstimateDto, @CurrentActor() actor: Actor) {
    return this.estimates.create(dto, actor);
  }

  /** The estimates the actor may see. */
  @Permit('estimates.read')
  @Get()
  @Endpoint({ summary: 'The estimates the actor may see', response: EstimatePageDto })
  list(@Query() query: ListEstimatesQuery, @CurrentActor() actor: Actor) {
    return this.estimates.list(query, actor);
  }

  /** The estimate with its lines and totals by plan area, funding source and expenditure type. */
  @Permit('estimates.read')
  @Get(':id')
  @Endpoint({ summary: 'The estimate with its lines and totals', response: EstimateDto })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.estimates.getFor(id, actor);
  }

  @Permit('estimates.editLines')
  @Post(':id/lines')
  @Endpoint({ summary: 'Adds a line (carries the version)', response: EstimateDto, status: 201 })
  addLine(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateLineDto, @CurrentActor() actor: Actor) {
    return this.estimates.addLine(id, dto, actor);
  }

  @Permit('estimates.editLines')
  @Patch(':id/lines/:lineId')
  @Endpoint({ summary: 'Changes a line (carries the version)', response: EstimateDto })
  updateLine(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('lineId', ParseUUIDPipe) lineId: string,
    @Body() dto: UpdateLineDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.estimates.updateLine(id, lineId, dto, actor);
  }

  @Permit('estimates.editLines')
  @Delete(':id/lines/:lineId')
  @Endpoint({ summary: 'Deletes a line; the others are renumbered (carries the version)', response: EstimateDto })
  deleteLine(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('lineId', ParseUUIDPipe) lineId: string,
    @Query() query: DeleteLineQuery,
    @CurrentActor() actor: Actor,
  ) {
    return this.estimates.deleteLine(id, lineId, query.version, actor);
  }
}
