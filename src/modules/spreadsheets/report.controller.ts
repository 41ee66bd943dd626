import { Controller, Get, Headers, Param, ParseIntPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../common/access/actor.js';
import { CurrentActor, Permit } from '../../common/access/access.decorators.js';
import { HeavyWorkGate } from '../../common/concurrency/heavy-work-gate.js';
import { ReportService, reportName } from './report.service.js';
import { Endpoint, XLSX_MEDIA } from '../../common/openapi/endpoint.js';
import { JobDto } from '../jobs/dto/job.response.js';

@ApiTags('spreadsheets')
@ApiBearerAuth()
@Controller('fiscal-years/:year/report.xlsx')
export class ReportController {
  constructor(
    private readonly reports: ReportService,
    private readonly gate: HeavyWorkGate,
  ) {}

  /**
   * The consolidated workbook: summary by unit, plan area, funding source and expenditure type,
   * the floor check, support decisions and every line; totals match the API to the đồng.
   */
  @Permit('budget.read')
  @Get()
  @ApiHeader({ name: 'Prefer', required: false, description: '`respond-async`: answer 202 with a job; the file is then at GET /jobs/{id}/file' })
  @Endpoint({ summary: 'The consolidated workbook (totals match the API to the đồng)', response: null, file: XLSX_MEDIA, accepted: JobDto })
  async download(
    @Param('year', ParseIntPipe) year: number,
    @CurrentActor() actor: Actor,
    @Headers('prefer') prefer: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    if (prefer?.includes('respond-async')) {
      await this.reports.assertYear(year); // refuses an unknown year before queueing
      const job = await this.reports.queue(year, actor);
      response.status(202).setHeader('Location', `/jobs/${job.id}`);
      response.json(job);
      return;
    }
    // A download holds a database connection while it streams: one slot of the instance's gate
    // (429 with Retry-After when none is free), freed when the response closes.
    const release = this.gate.enter();
    response.once('close', release);
    // Everything but the lines is read before the first byte, so errors are still JSON.
    let opened: Awaited<ReturnType<ReportService['open']>>;
    try {
      opened = await this.reports.open(year);
    } catch (error) {
      release();
      throw error;
    }
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    response.setHeader('Content-Disposition', `attachment; filename="${reportName(year)}"`);
    try {
      await this.reports.write(opened, response);
    } catch (error) {
      // The workbook has started: an error can only cut the connection, never end a broken file.
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
