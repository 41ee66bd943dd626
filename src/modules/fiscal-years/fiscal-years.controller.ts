import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateFiscalYearDto, UpdateFiscalYearDto } from './dto/fiscal-year.dto.js';
import { FiscalYearsService } from './fiscal-years.service.js';

@ApiTags('fiscal-years')
@Controller('fiscal-years')
export class FiscalYearsController {
  constructor(private readonly years: FiscalYearsService) {}

  @Get()
  list() {
    return this.years.list();
  }

  @Post()
  create(@Body() dto: CreateFiscalYearDto) {
    return this.years.create(dto);
  }

  @Get(':year')
  get(@Param('year', ParseIntPipe) year: number) {
    return this.years.get(year);
  }

  @Patch(':year')
  update(@Param('year', ParseIntPipe) year: number, @Body() dto: UpdateFiscalYearDto) {
    return this.years.update(year, dto);
  }
}
