import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { InvalidInputError } from '../../common/errors/domain-error.js';
import { IsOptionalField, IsVersionText } from '../../common/validation/validators.js';
import type { Actor } from '../../common/access/actor.js';
import { CurrentActor, Permit } from '../../common/access/access.decorators.js';
import { DEFAULT_READ_LIMITS } from './estimate-workbook-reader.js';
import { SpreadsheetsService } from './spreadsheets.service.js';
import { Endpoint, XLSX_MEDIA } from '../../common/openapi/endpoint.js';
import { EstimateDto } from '../estimates/dto/estimate.response.js';
import { JobDto } from '../jobs/dto/job.response.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The form fields besides the file (multer takes the file out of the body). */
class WorkbookUploadDto {
  @ApiPropertyOptional({ description: "The estimate's version the workbook is based on (default: the one written in it)" })
  @IsOptionalField()
  @IsVersionText()
  version?: number;
}

@ApiTags('spreadsheets')
@ApiBearerAuth()
@Controller('estimates/:id/workbook')
export class SpreadsheetsController {
  constructor(private readonly spreadsheets: SpreadsheetsService) {}

  /** The estimate template filled with the estimate's current lines. */
  @Permit('estimates.read')
  @Get()
  @Endpoint({ summary: 'The estimate template filled with the estimate\'s lines', response: null, file: XLSX_MEDIA })
  async download(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const estimate = await this.spreadsheets.estimateFor(id, actor);
    const file = await this.spreadsheets.estimateWorkbook(estimate);
    response.setHeader('Content-Type', XLSX);
    response.setHeader('Content-Disposition', `attachment; filename="du-toan-${estimate.unit.code}-${estimate.year}.xlsx"`);
    response.end(file);
  }

  /** Replaces the lines with the workbook's: all or nothing; 422 lists every bad cell. */
  @Permit('estimates.editLines')
  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'The filled-in estimate template (.xlsx)' },
        version: { type: 'integer', description: "The estimate's version the workbook is based on (default: the one written in it)" },
      },
    },
  })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: DEFAULT_READ_LIMITS.maxFileBytes, files: 1, fields: 5 } }))
  @ApiHeader({ name: 'Prefer', required: false, description: '`respond-async`: answer 202 with a job to poll (GET /jobs/{id}) instead of waiting' })
  @Endpoint({ summary: 'Replaces the lines with the workbook\'s: all or nothing; 422 lists every bad cell', response: EstimateDto, status: 201, accepted: JobDto })
  async upload(
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
    @Body() body: WorkbookUploadDto,
    @CurrentActor() actor: Actor,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (!file) throw InvalidInputError.of('file', 'cần tệp .xlsx trong trường "file" / send the workbook in the multipart field "file"', 'REQUIRED');
    if (prefer?.includes('respond-async')) {
      const job = await this.spreadsheets.queueImport(id, file.buffer, body.version, actor);
      response.status(202).setHeader('Location', `/jobs/${job.id}`);
      return job;
    }
    return this.spreadsheets.importEstimateWorkbook(id, file.buffer, body.version, actor);
  }
}
