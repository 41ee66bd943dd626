import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Permit } from '../auth/auth.decorators.js';
import { AdjustmentDto, BalanceDto, ReturnDto, ReviewDto, TransitionDto } from './dto/workflow.dto.js';
import { EstimateWorkflowService } from './estimate-workflow.service.js';
import { IdempotencyKey } from './idempotency-key.decorator.js';

@ApiTags('workflow')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key applies once' })
@Controller('estimates/:id')
export class WorkflowController {
  constructor(private readonly workflow: EstimateWorkflowService) {}

  /** DRAFT | RETURNED → SUBMITTED, by the unit head. A district needs its own IT line. */
  @Permit('estimates.submit')
  @Post('submit')
  @HttpCode(200)
  submit(@Param('id', ParseUUIDPipe) id: string, @Body() dto: TransitionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.workflow.submit(id, dto, actor, key);
  }

  /** SUBMITTED | BALANCED → RETURNED, by a reviewer, with a comment. */
  @Permit('estimates.return')
  @Post('return')
  @HttpCode(200)
  return(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ReturnDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.workflow.return(id, dto, actor, key);
  }

  /** DIC's opinion per line (and on IT projects' preliminary design). */
  @Permit('estimates.review')
  @Post('review')
  @HttpCode(200)
  review(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.workflow.review(id, dto, actor, key);
  }

  /** Approved amounts: DOF on recurrent lines, DPI on investment lines. */
  @Permit('estimates.balance')
  @Post('balance')
  @HttpCode(200)
  balance(@Param('id', ParseUUIDPipe) id: string, @Body() dto: BalanceDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.workflow.balance(id, dto, actor, key);
  }

  /** After approval: a recorded adjustment of one line's approved amount, with a reason. */
  @Permit('estimates.adjust')
  @Post('adjustments')
  adjust(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AdjustmentDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.workflow.adjust(id, dto, actor, key);
  }

  @Permit('estimates.read')
  @Get('adjustments')
  adjustments(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.workflow.adjustments(id, actor);
  }
}
