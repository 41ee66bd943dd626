import { Body, Controller, Delete, Get, Param, ParseIntPipe, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/access/actor.js';
import { CurrentActor, Permit } from '../../common/access/access.decorators.js';
import { BudgetService } from './budget.service.js';
import { ApproveBudgetDto, ExclusionDto, ReturnDto, TransitionDto } from './dto/workflow.dto.js';
import { IdempotencyKey } from '../../common/idempotency/idempotency-key.decorator.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { BudgetDto } from './dto/budget.response.js';

@ApiTags('budget')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key applies once' })
@Controller('fiscal-years/:year')
export class BudgetController {
  constructor(private readonly budget: BudgetService) {}

  /** The consolidated provincial IT budget: status, estimates included and excluded, totals, warnings. */
  @Permit('budget.read')
  @Get('budget')
  @Endpoint({ summary: 'The consolidated provincial IT budget: status, estimates, totals, warnings', response: BudgetDto })
  get(@Param('year', ParseIntPipe) year: number) {
    return this.budget.get(year);
  }

  @Permit('budget.prepare')
  @Post('budget/exclusions')
  @Endpoint({ summary: 'DOF leaves an estimate out of the budget, with a reason', response: BudgetDto, status: 201 })
  exclude(@Param('year', ParseIntPipe) year: number, @Body() dto: ExclusionDto, @CurrentActor() actor: Actor) {
    return this.budget.exclude(year, dto, actor);
  }

  @Permit('budget.prepare')
  @Delete('budget/exclusions/:estimateId')
  @Endpoint({ summary: 'DOF takes an excluded estimate back in', response: BudgetDto })
  include(@Param('year', ParseIntPipe) year: number, @Param('estimateId', ParseUUIDPipe) estimateId: string, @CurrentActor() actor: Actor) {
    return this.budget.include(year, estimateId, actor);
  }

  /** DOF submits to the chair: every estimate balanced or excluded with a reason. */
  @Permit('budget.prepare')
  @Post('budget/submit')
  @Endpoint({ summary: 'DOF submits to the chair: every estimate balanced or excluded', response: BudgetDto })
  submit(@Param('year', ParseIntPipe) year: number, @Body() dto: TransitionDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.budget.submit(year, dto, actor, key);
  }

  /** The chair approves with a decision number and date; included estimates become APPROVED. */
  @Permit('budget.decide')
  @Post('budget/approve')
  @Endpoint({ summary: 'The chair approves with a decision number and date', response: BudgetDto })
  approve(@Param('year', ParseIntPipe) year: number, @Body() dto: ApproveBudgetDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.budget.approve(year, dto, actor, key);
  }

  @Permit('budget.decide')
  @Post('budget/return')
  @Endpoint({ summary: 'The chair returns the budget to DOF, with a comment', response: BudgetDto })
  return(@Param('year', ParseIntPipe) year: number, @Body() dto: ReturnDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string) {
    return this.budget.return(year, dto, actor, key);
  }
}
