import { ApiProperty } from '@nestjs/swagger';
import { ApiBool, ApiDecimal, ApiEnum, ApiInt, ApiMoney, ApiNested, ApiText, ApiUuid } from '../../../common/openapi/api-fields.js';
import { EXPENDITURE_TYPE_CODES } from '../../catalog/entities/catalog.entities.js';
import { ESTIMATE_STATUSES } from '../../estimates/entities/estimate.entity.js';
import { FLOOR_POLICIES } from '../../fiscal-years/entities/fiscal-year.entity.js';

/** A line the top-up proposal would raise, and by how much. */
export class TopUpLineDto {
  @ApiUuid() lineId!: string;
  @ApiUuid() estimateId!: string;
  @ApiUuid() unitId!: string;
  @ApiText() unitCode!: string;
  @ApiEnum(EXPENDITURE_TYPE_CODES, 'ExpenditureTypeCode') expenditureTypeCode!: string;
  @ApiText() fundingSourceCode!: string;
  @ApiMoney({ nullable: true }) approvedBefore!: string | null;
  @ApiMoney({ description: 'What the line still lacks of its request' }) unfunded!: string;
  @ApiInt() tier!: number;
  @ApiMoney() proposed!: string;
}

/** The top-up proposal summed for one unit. */
export class TopUpUnitDto {
  @ApiUuid() unitId!: string;
  @ApiText() unitCode!: string;
  @ApiInt() lineCount!: number;
  @ApiMoney({ description: 'What those lines still lack of their requests' }) unfunded!: string;
  @ApiMoney() proposed!: string;
}

/** The allocator's proposal to close the floor's shortfall. */
export class TopUpDto {
  @ApiMoney() ceiling!: string;
  @ApiMoney() allocated!: string;
  @ApiMoney() unallocated!: string;
  @ApiInt({ nullable: true }) partialTier!: number | null;
  @ApiMoney() unfundedTotal!: string;
  @ApiText({ nullable: true }) note!: string | null;
  @ApiInt({ description: 'Lines the proposal raises, all of them (the list below holds the largest)' }) lineCount!: number;
  @ApiNested([TopUpLineDto], { description: 'The largest proposals, at most 1,000: proposed descending, then unit code; the whole line-by-line allocation is a TOP_UP balancing run' })
  lines!: TopUpLineDto[];
  @ApiNested([TopUpUnitDto], { description: 'Every unit the proposal raises, by unit code; their proposed amounts add up to `allocated`' })
  byUnit!: TopUpUnitDto[];
}

/** A district committee's own IT line in the floor's picture. */
export class FloorDistrictDto {
  @ApiUuid() unitId!: string;
  @ApiText() unitCode!: string;
  @ApiText() unitName!: string;
  @ApiUuid({ nullable: true }) estimateId!: string | null;
  @ApiEnum(ESTIMATE_STATUSES, 'EstimateStatus', { nullable: true }) status!: string | null;
  @ApiMoney() ownItRequested!: string;
  @ApiMoney() ownItApproved!: string;
  @ApiBool() hasOwnItLine!: boolean;
}

/** The 1% floor's figures. */
export class FloorFiguresDto {
  @ApiMoney({ nullable: true }) floorAmount!: string | null;
  @ApiMoney({ description: 'Σ approved of the lines funded from the floor\'s sources' }) itTotal!: string;
  @ApiMoney({ description: 'Σ requested of the same lines' }) requestedTotal!: string;
  @ApiBool({ nullable: true }) compliant!: boolean | null;
  @ApiMoney({ nullable: true }) shortfall!: string | null;
}

/** Whether the year has a floor to meet, and why. */
export class FloorRequirementDto {
  @ApiBool() required!: boolean;
  @ApiEnum(['PLAN_RULE', 'YEAR_SETTING', 'NONE'], 'FloorRequirementBasis', {
    description: 'PLAN_RULE: a period of the floor rule covers the year; YEAR_SETTING: outside them, DOF set a ratio for the year; NONE: no floor (ratio 0 outside the rule\'s years)',
  })
  basis!: string;
  @ApiText({ nullable: true, description: 'The rule\'s citation under PLAN_RULE' }) source!: string | null;
  @ApiText({ description: 'Why, Vietnamese then English' }) message!: string;
}

/** `GET /fiscal-years/{year}/floor`. */
export class FloorDto extends FloorFiguresDto {
  @ApiInt() year!: number;
  @ApiMoney({ nullable: true }) totalLocalExpenditure!: string | null;
  @ApiDecimal() floorRatio!: string;
  @ApiText({ isArray: true }) floorSources!: string[];
  @ApiEnum(FLOOR_POLICIES, 'FloorPolicy') floorPolicy!: string;
  @ApiNested(FloorRequirementDto) requirement!: FloorRequirementDto;
  @ApiNested(TopUpDto, { nullable: true }) topUp!: TopUpDto | null;
  @ApiNested([FloorDistrictDto]) districts!: FloorDistrictDto[];
}

/** One year of `GET /plan-periods/{id}/floor`: the same figures as the year's `GET /fiscal-years/{year}/floor`. */
export class YearFloorDto {
  @ApiInt() year!: number;
  @ApiMoney({ nullable: true }) totalLocalExpenditure!: string | null;
  @ApiDecimal() floorRatio!: string;
  @ApiMoney({ nullable: true, description: 'ceil(total × ratio); null while the total is not set' }) floorAmount!: string | null;
  @ApiMoney({ description: 'Σ requested of the floor\'s lines; 0 when the year has none (see `lines`)' }) requestedTotal!: string;
  @ApiMoney({ description: 'Σ approved of the floor\'s lines; 0 while none is approved (see `approvedLines`)' }) itTotal!: string;
  @ApiBool({ nullable: true, description: 'itTotal ≥ floorAmount; null while the total is not set' }) compliant!: boolean | null;
  @ApiMoney({ nullable: true, description: 'max(0, floorAmount − itTotal); null while the total is not set' }) shortfall!: string | null;
  @ApiInt({ description: 'Lines funded from the floor\'s sources (excluded estimates left out)' }) lines!: number;
  @ApiInt({ description: 'Of those, lines with an approved amount' }) approvedLines!: number;
}

/** `GET /plan-periods/{id}/floor`: the floor across the plan's years. */
export class PeriodFloorDto {
  @ApiText() planPeriod!: string;
  @ApiNested([YearFloorDto]) years!: YearFloorDto[];
}

export class RuleViolationDto {
  @ApiText({ description: 'What breaks the rule, named (a unit, a line)' }) subject!: string;
  @ApiText() message!: string;
}

/** One budget rule's result. */
export class RuleResultDto {
  @ApiText({ example: 'IT_FLOOR' }) code!: string;
  @ApiText() title!: string;
  @ApiBool() passed!: boolean;
  @ApiEnum(['BLOCKING', 'WARNING'], 'RuleSeverity') severity!: string;
  @ApiText() message!: string;
  @ApiNested([RuleViolationDto]) violations!: RuleViolationDto[];
  @ApiProperty({ required: false, type: Object, additionalProperties: { oneOf: [{ type: 'string' }, { type: 'boolean' }], nullable: true } })
  figures?: Record<string, string | boolean | null>;
}

/** `GET /fiscal-years/{year}/rules`. */
export class RulesDto {
  @ApiInt() year!: number;
  @ApiNested([RuleResultDto]) results!: RuleResultDto[];
}

export class DistrictItLineDto {
  @ApiUuid() unitId!: string;
  @ApiText() unitCode!: string;
  @ApiText() unitName!: string;
  @ApiUuid({ nullable: true }) estimateId!: string | null;
  @ApiEnum(ESTIMATE_STATUSES, 'EstimateStatus', { nullable: true }) status!: string | null;
  @ApiMoney() ownItAmount!: string;
  @ApiBool() hasEstimate!: boolean;
  @ApiBool() hasOwnItLine!: boolean;
}

/** `GET /fiscal-years/{year}/districts`. */
export class DistrictItLinesDto {
  @ApiNested([DistrictItLineDto]) districts!: DistrictItLineDto[];
  @ApiText({ isArray: true, description: 'Codes of districts with no estimate' }) missingEstimate!: string[];
  @ApiText({ isArray: true, description: 'Codes of districts with no own IT line' }) missingOwnItLine!: string[];
}
