import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permit } from '../auth/auth.decorators.js';
import { AuditService } from './audit.service.js';
import { ListAuditQuery } from './dto/list-audit.query.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { AuditPageDto, AuditVerifyDto } from './dto/audit.response.js';

@ApiTags('audit')
@ApiBearerAuth()
@Permit('audit.read')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Events filtered by entity, unit, actor and time, oldest first. */
  @Get()
  @Endpoint({ summary: 'Audit events by entity, unit, actor and time, oldest first', response: AuditPageDto })
  list(@Query() query: ListAuditQuery) {
    return this.audit.list(query);
  }

  /** Recomputes the hash chain and reports the first broken link, if any row was altered or removed. */
  @Get('verify')
  @Endpoint({ summary: 'Recomputes the hash chain; the first broken link, if any', response: AuditVerifyDto })
  verify() {
    return this.audit.verify();
  }
}
