import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Permit } from '../../common/access/access.decorators.js';
import { writeChairReport } from './chair-report.js';
import { DashboardService } from './dashboard.service.js';
import { DashboardQuery } from './dto/monitoring.dto.js';
import { periodId } from './targets.controller.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { DashboardDto } from './dto/dashboard.response.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('plan-periods/:id')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  /**
   * Every target with its province-wide value from the half-year's accepted reports, gap, met,
   * trend and the units furthest from it; execution (Σ disbursed ÷ Σ approved) by unit, plan area,
   * funding source and expenditure type; late and missing reports.
   */
  @Permit('dashboard.read')
  @Get('dashboard')
  @Endpoint({ summary: 'The plan\'s dashboard for a half-year: targets, execution, late and missing reports', response: DashboardDto })
  get(@Param('id') id: string, @Query() query: DashboardQuery) {
    return this.dashboard.dashboard(periodId(id), query);
  }

  /** The chair's workbook: the dashboard's figures, to the đồng. */
  @Permit('dashboard.read')
  @Get('progress-report.xlsx')
  @Endpoint({ summary: 'The chair\'s workbook: the dashboard\'s figures, to the đồng', response: null, file: XLSX })
  async workbook(@Param('id') id: string, @Query() query: DashboardQuery, @Res() response: Response): Promise<void> {
    const view = await this.dashboard.dashboard(periodId(id), query);
    const file = await writeChairReport(view);
    response.setHeader('Content-Type', XLSX);
    response.setHeader('Content-Disposition', `attachment; filename="tien-do-${view.planPeriod}-${view.year}-${view.half}.xlsx"`);
    response.end(file);
  }
}
