import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permit } from '../auth/auth.decorators.js';
import { AuditService } from './audit.service.js';
import { CheckpointsQuery } from './dto/checkpoints.query.js';
import { ListAuditQuery } from './dto/list-audit.query.js';
import { VerifyAuditDto } from './dto/verify-audit.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@Permit('audit.read')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Events filtered by entity, unit, actor and time, oldest first. */
  @Get()
  list(@Query() query: ListAuditQuery) {
    return this.audit.list(query);
  }

  /**
   * Verifies the chain (numbering, links, content hashes, MACs) against the checkpoints kept in
   * the database, and reports the first broken event.
   */
  @Get('verify')
  verify() {
    return this.audit.verify();
  }

  /** The same, also against checkpoints an auditor saved: events cut off the tail show as missing. */
  @Post('verify')
  @HttpCode(200)
  verifyAgainst(@Body() dto: VerifyAuditDto) {
    return this.audit.verify(dto.checkpoints);
  }

  /** The latest signed checkpoints of the chain, newest last: save the last one. */
  @Get('checkpoints')
  checkpoints(@Query() query: CheckpointsQuery) {
    return this.audit.checkpoints(query.limit);
  }

  /** The Ed25519 public key (PEM) that checks every checkpoint: keep it apart from the server. */
  @Get('public-key')
  publicKey() {
    return this.audit.publicKey();
  }
}
