import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { InvalidInputError } from '../../common/errors/domain-error.js';
import { IsOptionalField } from '../../common/validation/validators.js';
import { Permit } from '../../common/access/access.decorators.js';
import { FloorService } from './floor.service.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { DistrictItLinesDto, FloorDto, PeriodFloorDto, RulesDto } from './dto/floor.response.js';

class FloorQuery {
  @ApiPropertyOptional({ description: 'Rounding unit of the top-up proposal, default 1' })
  @IsOptionalField()
  @Matches(/^[1-9][0-9]{0,17}$/, { message: '$property phải là số đồng nguyên từ 1 trở lên, viết bằng chuỗi chữ số / $property must be a whole number of đồng from 1, as a string of digits' })
  roundingUnit?: string;
}

@ApiTags('floor')
@ApiBearerAuth()
@Permit('floor.read')
@Controller('fiscal-years/:year')
export class FloorController {
  constructor(private readonly floor: FloorService) {}

  /** The 1% floor now: floor amount, IT total (approved) and requested, shortfall, top-up proposal, per district. */
  @Get('floor')
  @Endpoint({ summary: 'The 1% floor now: amount, IT total, shortfall, top-up proposal, per district', response: FloorDto })
  get(@Param('year', ParseIntPipe) year: number, @Query() query: FloorQuery) {
    return this.floor.floor(year, BigInt(query.roundingUnit ?? '1'));
  }

  /** Every budget rule (the floor, the district IT line, the 10% project contingency), checked the same way. */
  @Get('rules')
  @Endpoint({ summary: 'Every budget rule, checked the same way', response: RulesDto })
  rules(@Param('year', ParseIntPipe) year: number) {
    return this.floor.rules(year);
  }

  /** District committees with no estimate or no own IT line. */
  @Get('districts')
  @Endpoint({ summary: 'District committees with no estimate or no own IT line', response: DistrictItLinesDto })
  districts(@Param('year', ParseIntPipe) year: number) {
    return this.floor.districtItLines(year);
  }
}

/** The floor across the years of a plan period (the dashboards' chart of the plan's years). */
@ApiTags('floor')
@ApiBearerAuth()
@Permit('floor.read')
@Controller('plan-periods/:id/floor')
export class PeriodFloorController {
  constructor(private readonly floor: FloorService) {}

  /** Per year of the period: the floor amount, IT requested and approved, compliance, as each year's live check gives them. */
  @Get()
  @Endpoint({ summary: 'The 1% floor across the years of a plan period, each year as its own live check gives it', response: PeriodFloorDto })
  get(@Param('id') id: string) {
    if (!/^[A-Za-z0-9_-]{1,20}$/.test(id)) throw InvalidInputError.of('id', 'mã giai đoạn không hợp lệ / not a plan period id such as 2011-2015', 'INVALID_PERIOD');
    return this.floor.periodFloor(id);
  }
}
