import { Controller, Get, Headers, Param, ParseIntPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Permit } from '../auth/auth.decorators.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ReportService, reportName } from './report.service.js';
import { Endpoint, XLSX_MEDIA } from '../../common/openapi/endpoint.js';
import { JobDto } from '../jobs/dto/job.response.js';

const MAX_DOWNLOADS = 3;

class DownloadsBusyError extends DomainError {
  constructor() {
    super('TOO_MANY_REQUESTS', 'REPORT_BUSY', 'Đang xuất nhiều sổ tổng hợp, thử lại sau / Too many workbook downloads at once, retry shortly (or ask for a job: Prefer: respond-async)');
  }
}

@ApiTags('spreadsheets')
@ApiBearerAuth()
@Controller('fiscal-years/:year/report.xlsx')
export class ReportController {
  private downloads = 0;

  constructor(private readonly reports: ReportService) {}

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
    // A download holds a database connection while it streams: a few at a time per instance.
    if (this.downloads >= MAX_DOWNLOADS) throw new DownloadsBusyError();
    this.downloads++;
    response.once('close', () => this.downloads--);
    // Everything but the lines is read before the first byte, so errors are still JSON.
    const opened = await this.reports.open(year);
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
