import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permit } from '../../common/access/access.decorators.js';
import { ListUnitsQuery } from './dto/list-units.query.js';
import { UnitsService } from './units.service.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { UnitDetailDto, UnitDto } from './dto/unit.response.js';

@ApiTags('units')
@ApiBearerAuth()
@Permit('registry.read')
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @Endpoint({ summary: 'The organisation registry', response: [UnitDto] })
  list(@Query() query: ListUnitsQuery) {
    return this.units.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'A unit with its parent and children', response: UnitDetailDto })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.units.get(id);
  }
}
