import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permit } from '../../common/access/access.decorators.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { AuditTrailService } from './audit-trail.service.js';
import { AuditActorsDto, AuditPageDto } from './dto/audit-trail.response.js';
import { ListAuditQuery } from './dto/list-audit.query.js';

/** The auditor's trail: `GET /audit` and `GET /audit/actors` (the chain's own routes are AuditController's). */
@ApiTags('audit')
@ApiBearerAuth()
@Permit('audit.read')
@Controller('audit')
export class AuditTrailController {
  constructor(private readonly trail: AuditTrailService) {}

  /** Events filtered by entity, unit, actor and time, oldest first (or newest), each with its names. */
  @Get()
  @Endpoint({ summary: 'Audit events by entity, unit, actor and time, oldest first (order=desc: newest first), with names', response: AuditPageDto })
  list(@Query() query: ListAuditQuery) {
    return this.trail.page(query);
  }

  /** Everyone who appears in the trail as an actor, with their full names (the actor filter's choices). */
  @Get('actors')
  @Endpoint({ summary: 'Everyone who acted in the audit trail, with full names', response: AuditActorsDto })
  actors() {
    return this.trail.actors();
  }
}
