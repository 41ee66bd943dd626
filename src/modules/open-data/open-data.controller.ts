import { Controller, Get, Header, Param, ParseIntPipe, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/access/access.decorators.js';
import { OpenDataService } from './open-data.service.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { FiscalDataPackageDto, PublishedYearDto } from './published-year.response.js';

/**
 * The approved budget of each year as open data, without sign-in: a Fiscal Data Package
 * (descriptor + CSV) per year whose consolidated budget the chair has approved. Nothing else is
 * published: a year not approved is 404, and no person's name, id, comment or note is in the data.
 */
@ApiTags('open-data')
@Public()
@Controller('open-data')
export class OpenDataController {
  constructor(private readonly openData: OpenDataService) {}

  /** The published years, each with the paths of its descriptor and data. */
  @Get()
  @Header('Access-Control-Allow-Origin', '*')
  @Endpoint({ summary: 'The published years, each with the paths of its descriptor and data', response: [PublishedYearDto] })
  years() {
    return this.openData.publishedYears();
  }

  /** The Fiscal Data Package descriptor of a year (a Tabular Data Package with the fiscal model). */
  @Get(':year/datapackage.json')
  @Header('Access-Control-Allow-Origin', '*')
  @Endpoint({ summary: 'The Fiscal Data Package descriptor of a year (datapackage.json)', response: FiscalDataPackageDto })
  descriptor(@Param('year', ParseIntPipe) year: number) {
    return this.openData.descriptor(year);
  }

  /** The year's budget lines, one record per line and phase: CSV (RFC 4180, UTF-8), streamed. */
  @Get(':year/budget-lines.csv')
  @Endpoint({ summary: 'The year\'s budget lines as CSV (RFC 4180, UTF-8), streamed', response: null, file: 'text/csv' })
  async budgetLines(@Param('year', ParseIntPipe) year: number, @Res() response: Response): Promise<void> {
    // 404 (not published) or 429 (busy) are answered before any byte of the file.
    const download = await this.openData.budgetLines(year);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
    response.setHeader('Content-Disposition', `attachment; filename="${download.filename}"`);
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    await download.writeTo(response);
  }
}
