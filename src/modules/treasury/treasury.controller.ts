import { Controller, Get, Param, ParseIntPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Endpoint, XLSX_MEDIA } from '../../common/openapi/endpoint.js';
import { Permit } from '../../common/access/access.decorators.js';
import { TreasuryService } from './treasury.service.js';

/**
 * The approved estimates of a year for the treasury (TABMIS, MISA): by unit (budget-relationship
 * code), chapter, Loại-Khoản, Mục-Tiểu mục and funding source; totals equal the approved budget.
 */
@ApiTags('treasury')
@ApiBearerAuth()
@Permit('budget.read')
@Controller('fiscal-years/:year')
export class TreasuryController {
  constructor(private readonly treasury: TreasuryService) {}

  @Get('treasury-export.csv')
  @Endpoint({ summary: 'Approved estimates for the treasury, CSV (409 until the chair approves the year)', response: null, file: 'text/csv' })
  async csv(@Param('year', ParseIntPipe) year: number, @Res() response: Response): Promise<void> {
    const body = await this.treasury.csv(year);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="kho-bac-${year}.csv"`);
    response.send(body);
  }

  @Get('treasury-export.xlsx')
  @Endpoint({ summary: 'Approved estimates for the treasury, workbook with a TOTAL row', response: null, file: XLSX_MEDIA })
  async xlsx(@Param('year', ParseIntPipe) year: number, @Res() response: Response): Promise<void> {
    const body = await this.treasury.workbook(year);
    response.setHeader('Content-Type', XLSX_MEDIA);
    response.setHeader('Content-Disposition', `attachment; filename="kho-bac-${year}.xlsx"`);
    response.send(body);
  }
}
