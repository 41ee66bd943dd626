import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../common/access/actor.js';
import { CurrentActor, Permit } from '../../common/access/access.decorators.js';
import { JobsService } from './jobs.service.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { JobDto } from './dto/job.response.js';

@ApiTags('jobs')
@ApiBearerAuth()
@Permit('registry.read')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  /** Status, phase and percentage of a long import or export, and its result or error. */
  @Get(':id')
  @Endpoint({ summary: 'Status, phase and percentage of a long import or export, and its result or error', response: JobDto })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.jobs.get(id, actor);
  }

  /** The file a finished export produced. */
  @Get(':id/file')
  @Endpoint({ summary: 'The file a finished export produced', response: null, file: 'application/octet-stream' })
  async file(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const file = await this.jobs.file(id, actor);
    response.setHeader('Content-Type', file.type);
    response.setHeader('Content-Disposition', `attachment; filename="${file.name}"`);
    response.end(file.bytes);
  }
}
