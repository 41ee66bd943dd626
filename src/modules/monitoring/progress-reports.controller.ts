import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { InvalidInputError } from '../../common/errors/domain-error.js';
import type { Actor } from '../../common/access/actor.js';
import { CurrentActor, Permit } from '../../common/access/access.decorators.js';
import { IdempotencyKey } from '../../common/idempotency/idempotency-key.decorator.js';
import {
  CreateProgressReportDto,
  ListProgressReportsQuery,
  ProgressReturnDto,
  ProgressTransitionDto,
  UpdateProgressReportDto,
  WorkbookUploadDto,
} from './dto/monitoring.dto.js';
import { ProgressReportsService } from './progress-reports.service.js';
import { PROGRESS_READ_LIMITS, writeProgressWorkbook } from './progress-workbook.js';
import { Endpoint, XLSX_MEDIA } from '../../common/openapi/endpoint.js';
import { ProgressReportDto, ProgressReportPageDto } from './dto/progress-report.response.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('monitoring')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried transition with the same key applies once' })
@Controller('progress-reports')
export class ProgressReportsController {
  constructor(private readonly reports: ProgressReportsService) {}

  /** The unit opens its report for a half-year (one per unit per half: a second is 409). */
  @Permit('progress.draft')
  @Post()
  @Endpoint({ summary: 'The unit opens its report for a half-year (a second is 409)', response: ProgressReportDto, status: 201 })
  create(@Body() dto: CreateProgressReportDto, @CurrentActor() actor: Actor) {
    return this.reports.create(dto, actor);
  }

  /** Reports the actor may see (a unit's users: their units only). */
  @Permit('progress.read')
  @Get()
  @Endpoint({ summary: 'Reports the actor may see', response: ProgressReportPageDto })
  list(@Query() query: ListProgressReportsQuery, @CurrentActor() actor: Actor) {
    return this.reports.list(query, actor);
  }

  @Permit('progress.read')
  @Get(':id')
  @Endpoint({ summary: 'A report with its figures', response: ProgressReportDto })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.reports.getFor(id, actor);
  }

  /** Figures and disbursed amounts (the items given; others kept), with the version they are based on. */
  @Permit('progress.draft')
  @Patch(':id')
  @Endpoint({ summary: 'Figures and disbursed amounts (carries the version)', response: ProgressReportDto })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateProgressReportDto, @CurrentActor() actor: Actor) {
    return this.reports.update(id, dto, actor);
  }

  /** DRAFT | RETURNED → SUBMITTED, by the unit head; late submissions are flagged. */
  @Permit('progress.submit')
  @Post(':id/submit')
  @Endpoint({ summary: 'DRAFT | RETURNED → SUBMITTED, by the unit head', response: ProgressReportDto })
  submit(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ProgressTransitionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.reports.submit(id, dto, actor, key);
  }

  /** SUBMITTED → ACCEPTED, by DIC. */
  @Permit('progress.review')
  @Post(':id/accept')
  @Endpoint({ summary: 'SUBMITTED → ACCEPTED, by DIC', response: ProgressReportDto })
  accept(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ProgressTransitionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.reports.accept(id, dto, actor, key);
  }

  /** SUBMITTED → RETURNED, by DIC, with a comment. */
  @Permit('progress.review')
  @Post(':id/return')
  @Endpoint({ summary: 'SUBMITTED → RETURNED, by DIC, with a comment', response: ProgressReportDto })
  return(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ProgressReturnDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.reports.return(id, dto, actor, key);
  }

  /** The report as a workbook (sheets ChiTieu and GiaiNgan) with its figures so far. */
  @Permit('progress.read')
  @Get(':id/workbook')
  @Endpoint({ summary: 'The report as a workbook', response: null, file: XLSX_MEDIA })
  async download(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const context = await this.reports.workbookContext(id, actor);
    const file = await writeProgressWorkbook(context);
    response.setHeader('Content-Type', XLSX);
    response.setHeader('Content-Disposition', `attachment; filename="bao-cao-${context.unitCode}-${context.year}-${context.half}.xlsx"`);
    response.end(file);
  }

  /** Replaces every figure with the workbook's: all or nothing; 422 lists every bad cell. */
  @Permit('progress.draft')
  @Post(':id/workbook')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'The filled-in progress workbook (.xlsx)' },
        version: { type: 'integer', description: "The report's version the workbook is based on (default: the one written in it)" },
      },
    },
  })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: PROGRESS_READ_LIMITS.maxFileBytes, files: 1, fields: 5 } }))
  @Endpoint({ summary: 'Replaces every figure with the workbook\'s: all or nothing; 422 lists every bad cell', response: ProgressReportDto })
  upload(
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Body() body: WorkbookUploadDto,
    @CurrentActor() actor: Actor,
  ) {
    if (!file) throw InvalidInputError.of('file', 'cần tệp .xlsx trong trường "file" / send the workbook in the multipart field "file"', 'REQUIRED');
    return this.reports.importWorkbook(id, file.buffer, body.version, actor);
  }
}
