import { Body, Controller, Get, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permit } from '../../common/access/access.decorators.js';
import { AuditService } from './audit.service.js';
import { CheckpointsQuery } from './dto/checkpoints.query.js';
import { VerifyAuditDto } from './dto/verify-audit.dto.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { AuditCheckpointsDto, AuditPublicKeyDto, AuditVerifyDto } from './dto/audit.response.js';

@ApiTags('audit')
@ApiBearerAuth()
@Permit('audit.read')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /**
   * Verifies the chain (numbering, links, content hashes, MACs) against the checkpoints kept in
   * the database, and reports the first broken event.
   */
  @Get('verify')
  @Endpoint({ summary: 'Verifies the anchored chain against the kept checkpoints; the first broken event, if any', response: AuditVerifyDto })
  verify() {
    return this.audit.verify();
  }

  /** The same, also against checkpoints an auditor saved: events cut off the tail show as missing. */
  @Post('verify')
  @Endpoint({ summary: 'Verifies the chain also against checkpoints an auditor saved (400 for one not signed by the audit key)', response: AuditVerifyDto, status: HttpStatus.OK })
  verifyAgainst(@Body() dto: VerifyAuditDto) {
    return this.audit.verify(dto.checkpoints);
  }

  /** The latest signed checkpoints of the chain, newest last: save the last one. */
  @Get('checkpoints')
  @Endpoint({ summary: 'The latest signed checkpoints of the chain, newest last (an auditor saves them)', response: AuditCheckpointsDto })
  checkpoints(@Query() query: CheckpointsQuery) {
    return this.audit.checkpoints(query.limit);
  }

  /** The Ed25519 public key (PEM) that checks every checkpoint: keep it apart from the server. */
  @Get('public-key')
  @Endpoint({ summary: 'The Ed25519 public key (PEM) that checks every checkpoint', response: AuditPublicKeyDto })
  publicKey() {
    return this.audit.publicKey();
  }
}
