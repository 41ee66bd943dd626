import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsOptionalField } from '../../common/validation/validators.js';
import { Permit } from '../auth/auth.decorators.js';
import { FloorService } from './floor.service.js';

class FloorQuery {
  @ApiPropertyOptional({ description: 'Rounding unit of the top-up proposal, default 1' })
  @IsOptionalField()
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'roundingUnit must be a whole number of đồng from 1, as a string of digits' })
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
  get(@Param('year', ParseIntPipe) year: number, @Query() query: FloorQuery) {
    return this.floor.floor(year, BigInt(query.roundingUnit ?? '1'));
  }

  /** Every budget rule (the floor, the district IT line, the 10% project contingency), checked the same way. */
  @Get('rules')
  rules(@Param('year', ParseIntPipe) year: number) {
    return this.floor.rules(year);
  }

  /** District committees with no estimate or no own IT line. */
  @Get('districts')
  districts(@Param('year', ParseIntPipe) year: number) {
    return this.floor.districtItLines(year);
  }
}
