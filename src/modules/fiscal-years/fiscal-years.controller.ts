import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/access/actor.js';
import { CurrentActor, Permit } from '../../common/access/access.decorators.js';
import { CreateFiscalYearDto, UpdateFiscalYearDto } from './dto/fiscal-year.dto.js';
import { FiscalYearsService } from './fiscal-years.service.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { FiscalYearDto } from './dto/fiscal-year.response.js';

@ApiTags('fiscal-years')
@ApiBearerAuth()
@Permit('registry.read')
@Controller('fiscal-years')
export class FiscalYearsController {
  constructor(private readonly years: FiscalYearsService) {}

  @Get()
  @Endpoint({ summary: 'Every fiscal year', response: [FiscalYearDto] })
  list() {
    return this.years.list();
  }

  @Permit('years.manage')
  @Post()
  @Endpoint({ summary: 'Opens a fiscal year', response: FiscalYearDto, status: 201 })
  create(@Body() dto: CreateFiscalYearDto, @CurrentActor() actor: Actor) {
    return this.years.create(dto, actor);
  }

  @Get(':year')
  @Endpoint({ summary: 'A fiscal year\'s settings', response: FiscalYearDto })
  get(@Param('year', ParseIntPipe) year: number) {
    return this.years.get(year);
  }

  @Permit('years.manage')
  @Patch(':year')
  @Endpoint({ summary: 'Changes a fiscal year\'s settings (carries its version)', response: FiscalYearDto })
  update(@Param('year', ParseIntPipe) year: number, @Body() dto: UpdateFiscalYearDto, @CurrentActor() actor: Actor) {
    return this.years.update(year, dto, actor);
  }
}
