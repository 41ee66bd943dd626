import { ApiProperty } from '@nestjs/swagger';
import { ApiBool, ApiDate, ApiDateTime, ApiEnum, ApiInt, ApiJson, ApiMoney, ApiNested, ApiText, ApiUuid } from '../../../common/openapi/api-fields.js';

/** Amounts by support pool (funding source code → đồng). */
const ApiSourceAmounts = (nullable = false) =>
  ApiProperty({ type: 'object', additionalProperties: { type: 'string', pattern: '^\\d+$' }, nullable, description: 'Amount in đồng per support pool' });

export class SupportPoolDto {
  @ApiText() fundingSourceCode!: string;
  @ApiMoney() amount!: string;
  @ApiMoney() proposed!: string;
  @ApiMoney() unallocated!: string;
  @ApiMoney({ nullable: true }) decided!: string | null;
  @ApiMoney({ nullable: true }) unawarded!: string | null;
  @ApiJson({ description: 'The allocator\'s account of the proposal from this pool' }) explanation!: unknown;
}

export class SupportCandidateViewDto {
  @ApiUuid() unitId!: string;
  @ApiText() unitCode!: string;
  @ApiText() unitName!: string;
  @ApiInt() hardshipTier!: number;
  @ApiMoney() asked!: string;
  @ApiMoney() minimum!: string;
  @ApiSourceAmounts() proposed!: Record<string, string>;
  @ApiMoney() proposedTotal!: string;
  @ApiSourceAmounts(true) decided!: Record<string, string> | null;
  @ApiMoney({ nullable: true }) decidedTotal!: string | null;
  @ApiBool({ nullable: true }) changed!: boolean | null;
  @ApiText({ nullable: true }) reason!: string | null;
}

export class SupportRoundTotalsDto {
  @ApiMoney() pools!: string;
  @ApiMoney() asked!: string;
  @ApiMoney() minimum!: string;
  @ApiMoney() proposed!: string;
  @ApiMoney() unallocated!: string;
  @ApiMoney({ nullable: true }) decided!: string | null;
  @ApiMoney({ nullable: true }) unawarded!: string | null;
}

/** A support round for struggling units: pools, candidates, the proposal, the decision. */
export class SupportRoundDto {
  @ApiUuid() id!: string;
  @ApiInt() year!: number;
  @ApiEnum(['OPEN', 'DECIDED'], 'SupportRoundStatus') status!: string;
  @ApiInt() version!: number;
  @ApiMoney() roundingUnit!: string;
  @ApiUuid() createdBy!: string;
  @ApiText({ nullable: true, description: 'Who opened the round (full name)' }) createdByName!: string | null;
  @ApiDateTime() createdAt!: string;
  @ApiDateTime() updatedAt!: string;
  @ApiText({ nullable: true }) decisionNumber!: string | null;
  @ApiDate({ nullable: true }) decisionDate!: string | null;
  @ApiDateTime({ nullable: true }) decidedAt!: string | null;
  @ApiUuid({ nullable: true }) decidedBy!: string | null;
  @ApiText({ nullable: true, description: 'Who decided (full name)' }) decidedByName!: string | null;
  @ApiNested([SupportPoolDto]) pools!: SupportPoolDto[];
  @ApiNested([SupportCandidateViewDto]) candidates!: SupportCandidateViewDto[];
  @ApiNested(SupportRoundTotalsDto) totals!: SupportRoundTotalsDto;
}

export class SupportRoundListDto {
  @ApiInt() year!: number;
  @ApiNested([SupportRoundDto]) items!: SupportRoundDto[];
}

export class SupportDecisionRefDto {
  @ApiUuid() roundId!: string;
  @ApiText() decisionNumber!: string;
  @ApiDate() decisionDate!: string;
}

export class SupportAwardItemDto {
  @ApiUuid() unitId!: string;
  @ApiText() unitCode!: string;
  @ApiText() unitName!: string;
  @ApiText() fundingSourceCode!: string;
  @ApiMoney() amount!: string;
}

/** Decided support per unit and source. */
export class SupportAwardsDto {
  @ApiInt() year!: number;
  @ApiUuid({ nullable: true }) unitId!: string | null;
  @ApiNested([SupportDecisionRefDto]) decisions!: SupportDecisionRefDto[];
  @ApiNested([SupportAwardItemDto]) items!: SupportAwardItemDto[];
  @ApiMoney() total!: string;
}
