import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/access/actor.js';
import { CurrentActor, Permit } from '../../common/access/access.decorators.js';
import { AdjustmentDto, AppraisalDto, BalanceDto, ReturnDto, ReviewDto, TransitionDto } from './dto/workflow.dto.js';
import { EstimateWorkflowService } from './estimate-workflow.service.js';
import { IdempotencyKey } from '../../common/idempotency/idempotency-key.decorator.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { EstimateDto } from '../estimates/dto/estimate.response.js';
import { LineAdjustmentDto, SubmissionChecklistDto } from './dto/workflow.response.js';

@ApiTags('workflow')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key applies once' })
@Controller('estimates/:id')
export class WorkflowController {
  constructor(private readonly workflow: EstimateWorkflowService) {}

  /** DRAFT | RETURNED → SUBMITTED, by the unit head. A district needs its own IT line. */
  @Permit('estimates.submit')
  @Post('submit')
  @Endpoint({ summary: 'DRAFT | RETURNED → SUBMITTED, by the unit head (a district needs its own IT line)', response: EstimateDto })
  submit(@Param('id', ParseUUIDPipe) id: string, @Body() dto: TransitionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.workflow.submit(id, dto, actor, key);
  }

  /** SUBMITTED | BALANCED → RETURNED, by a reviewer, with a comment. */
  @Permit('estimates.return')
  @Post('return')
  @Endpoint({ summary: 'SUBMITTED | BALANCED → RETURNED, by a reviewer, with a comment', response: EstimateDto })
  return(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ReturnDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.workflow.return(id, dto, actor, key);
  }

  /** DIC's opinion per line (and on IT projects' preliminary design). */
  @Permit('estimates.review')
  @Post('review')
  @Endpoint({ summary: 'DIC\'s opinion per line (and on IT projects\' preliminary design)', response: EstimateDto })
  review(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.workflow.review(id, dto, actor, key);
  }

  /** The appraisal round: DIC's appraised amount and note per line, between review and balancing. */
  @Permit('estimates.review')
  @Post('appraise')
  @Endpoint({ summary: "The appraisal round: DIC's appraised amount and note per line (SUBMITTED); balancing starts from it", response: EstimateDto })
  appraise(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AppraisalDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.workflow.appraise(id, dto, actor, key);
  }

  /** Approved amounts: DOF on recurrent lines, DPI on investment lines. */
  @Permit('estimates.balance')
  @Post('balance')
  @Endpoint({ summary: 'Approved amounts: DOF on recurrent lines, DPI on investment lines', response: EstimateDto })
  balance(@Param('id', ParseUUIDPipe) id: string, @Body() dto: BalanceDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.workflow.balance(id, dto, actor, key);
  }

  /** After approval: a recorded adjustment of one line's approved amount, with a reason. */
  @Permit('estimates.adjust')
  @Post('adjustments')
  @Endpoint({ summary: 'After approval: a recorded adjustment of one line\'s approved amount, with a reason', response: EstimateDto, status: 201 })
  adjust(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AdjustmentDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.workflow.adjust(id, dto, actor, key);
  }

  /** The rules the head's submission is checked against, each with its state, in words. */
  @Permit('estimates.read')
  @Get('checklist')
  @Endpoint({ summary: "The submission checklist: each rule submit applies, with its state and in words (Vietnamese / English)", response: SubmissionChecklistDto })
  checklist(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.workflow.checklist(id, actor);
  }

  @Permit('estimates.read')
  @Get('adjustments')
  @Endpoint({ summary: 'The adjustments recorded after approval, oldest first', response: [LineAdjustmentDto] })
  adjustments(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.workflow.adjustments(id, actor);
  }
}
