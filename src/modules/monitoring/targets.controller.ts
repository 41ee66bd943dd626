import { Body, Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InvalidInputError } from '../../common/errors/domain-error.js';
import type { Actor } from '../../common/access/actor.js';
import { CurrentActor, Permit } from '../../common/access/access.decorators.js';
import type { Half } from './domain/progress-rules.js';
import { ProgressDeadlineDto, ProvinceValueDto } from './dto/monitoring.dto.js';
import { TargetsService } from './targets.service.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { DeadlineDto, DeadlinesDto, PlanPeriodDetailDto, PlanPeriodSummaryDto, ProvinceValueViewDto, TargetDetailDto, TargetDto } from './dto/targets.response.js';

/** A plan period's id as the fiscal years name it ('2011-2015'). */
export function periodId(value: string): string {
  if (!/^[A-Za-z0-9_-]{1,20}$/.test(value)) throw InvalidInputError.of('id', 'mã giai đoạn không hợp lệ / not a plan period id such as 2011-2015', 'INVALID_PERIOD');
  return value;
}

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller()
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  /** The plan periods (from the fiscal years) with their years and number of targets. */
  @Permit('targets.read')
  @Get('plan-periods')
  @Endpoint({ summary: 'The plan periods with their years and number of targets', response: [PlanPeriodSummaryDto] })
  periods() {
    return this.targets.periods();
  }

  @Permit('targets.read')
  @Get('plan-periods/:id')
  @Endpoint({ summary: 'A plan period with its targets', response: PlanPeriodDetailDto })
  period(@Param('id') id: string) {
    return this.targets.period(periodId(id));
  }

  /** The period's targets: indicator, unit of measure, target value, direction and how the province value is computed. */
  @Permit('targets.read')
  @Get('plan-periods/:id/targets')
  @Endpoint({ summary: 'The targets of a plan period', response: [TargetDto] })
  list(@Param('id') id: string) {
    return this.targets.targets(periodId(id));
  }

  @Permit('targets.read')
  @Get('plan-periods/:id/targets/:code')
  @Endpoint({ summary: 'A target with its province values', response: TargetDetailDto })
  get(@Param('id') id: string, @Param('code') code: string) {
    return this.targets.target(periodId(id), code);
  }

  @Permit('targets.read')
  @Get('plan-periods/:id/targets/:code/province-values')
  @Endpoint({ summary: 'A target\'s province values', response: [ProvinceValueViewDto] })
  provinceValues(@Param('id') id: string, @Param('code') code: string) {
    return this.targets.provinceValues(periodId(id), code);
  }

  /** DIC records a province-level value (count or rank) for a half-year. */
  @Permit('targets.manage')
  @Put('plan-periods/:id/targets/:code/province-values')
  @Endpoint({ summary: 'DIC records a province-level value for a half-year', response: ProvinceValueViewDto })
  recordProvinceValue(@Param('id') id: string, @Param('code') code: string, @Body() dto: ProvinceValueDto, @CurrentActor() actor: Actor) {
    return this.targets.recordProvinceValue(periodId(id), code, dto, actor);
  }

  /** The deadlines of a year's two half-year reports (the year's own, else 30 July / 30 January). */
  @Permit('progress.read')
  @Get('fiscal-years/:year/progress-deadlines')
  @Endpoint({ summary: 'The deadlines of a year\'s two half-year reports', response: DeadlinesDto })
  deadlines(@Param('year', ParseIntPipe) year: number) {
    return this.targets.deadlines(year);
  }

  @Permit('targets.manage')
  @Put('fiscal-years/:year/progress-deadlines/:half')
  @Endpoint({ summary: 'Sets a half-year report\'s deadline', response: DeadlineDto })
  setDeadline(@Param('year', ParseIntPipe) year: number, @Param('half', ParseIntPipe) half: number, @Body() dto: ProgressDeadlineDto, @CurrentActor() actor: Actor) {
    return this.targets.setDeadline(year, half as Half, dto, actor);
  }
}
