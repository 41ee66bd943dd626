import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateEstimateDto, ListEstimatesQuery } from './dto/estimate.dto.js';
import { CreateLineDto, DeleteLineQuery, UpdateLineDto } from './dto/line.dto.js';
import { EstimatesService } from './estimates.service.js';

@ApiTags('estimates')
@Controller('estimates')
export class EstimatesController {
  constructor(private readonly estimates: EstimatesService) {}

  /** Opens a unit's estimate for a year (one per unit and year; a second is 409). */
  @Post()
  create(@Body() dto: CreateEstimateDto) {
    return this.estimates.create(dto);
  }

  @Get()
  list(@Query() query: ListEstimatesQuery) {
    return this.estimates.list(query);
  }

  /** The estimate with its lines and totals by plan area, funding source and expenditure type. */
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.estimates.get(id);
  }

  @Post(':id/lines')
  addLine(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateLineDto) {
    return this.estimates.addLine(id, dto);
  }

  @Patch(':id/lines/:lineId')
  updateLine(@Param('id', ParseUUIDPipe) id: string, @Param('lineId', ParseUUIDPipe) lineId: string, @Body() dto: UpdateLineDto) {
    return this.estimates.updateLine(id, lineId, dto);
  }

  @Delete(':id/lines/:lineId')
  deleteLine(@Param('id', ParseUUIDPipe) id: string, @Param('lineId', ParseUUIDPipe) lineId: string, @Query() query: DeleteLineQuery) {
    return this.estimates.deleteLine(id, lineId, query.version);
  }
}
