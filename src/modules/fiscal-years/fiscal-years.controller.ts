import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Permit } from '../auth/auth.decorators.js';
import { CreateFiscalYearDto, UpdateFiscalYearDto } from './dto/fiscal-year.dto.js';
import { FiscalYearsService } from './fiscal-years.service.js';

@ApiTags('fiscal-years')
@ApiBearerAuth()
@Permit('registry.read')
@Controller('fiscal-years')
export class FiscalYearsController {
  constructor(private readonly years: FiscalYearsService) {}

  @Get()
  list() {
    return this.years.list();
  }

  @Permit('years.manage')
  @Post()
  create(@Body() dto: CreateFiscalYearDto, @CurrentActor() actor: Actor) {
    return this.years.create(dto, actor);
  }

  @Get(':year')
  get(@Param('year', ParseIntPipe) year: number) {
    return this.years.get(year);
  }

  @Permit('years.manage')
  @Patch(':year')
  update(@Param('year', ParseIntPipe) year: number, @Body() dto: UpdateFiscalYearDto, @CurrentActor() actor: Actor) {
    return this.years.update(year, dto, actor);
  }
}
