import { ApiProperty } from '@nestjs/swagger';
import { ApiDateTime, ApiEnum, ApiInt, ApiJson, ApiMoney, ApiNested, ApiText, ApiUuid } from '../../../common/openapi/api-fields.js';
import { RUN_KINDS } from './balancing-run.dto.js';

/** A signed whole number of đồng (a difference): digits with an optional minus. */
const ApiSignedMoney = (isArray = false) => ApiProperty({ type: String, pattern: '^-?\\d+$', isArray, description: 'Signed amount in đồng (a difference)' });

/** A balancing run (scenario) without its lines. */
export class BalancingRunSummaryDto {
  @ApiUuid() id!: string;
  @ApiInt() year!: number;
  @ApiText({ example: 'RECURRENT' }) track!: string;
  @ApiEnum(RUN_KINDS, 'BalancingRunKind') kind!: string;
  @ApiText() name!: string;
  @ApiMoney() roundingUnit!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', pattern: '^\\d+$' }, description: 'Ceiling per funding source (or ALL), in đồng' })
  ceilings!: Record<string, string>;
  @ApiJson({ nullable: true }) groups!: unknown;
  @ApiEnum(['PROPOSED', 'ADOPTED'], 'BalancingRunStatus') status!: string;
  @ApiInt({ description: 'Moves on with each change of status; send it to adopt only the run as seen' }) version!: number;
  @ApiUuid() createdBy!: string;
  @ApiText({ nullable: true, description: 'Who made the run (full name)' }) createdByName!: string | null;
  @ApiDateTime() createdAt!: string;
  @ApiUuid({ nullable: true }) adoptedBy!: string | null;
  @ApiText({ nullable: true, description: 'Who adopted the run (full name)' }) adoptedByName!: string | null;
  @ApiDateTime({ nullable: true }) adoptedAt!: string | null;
}

/** One line of a run: what it asked, what the allocator gave it, and why. */
export class BalancingRunLineDto {
  @ApiUuid() lineId!: string;
  @ApiUuid() estimateId!: string;
  @ApiUuid() unitId!: string;
  @ApiText() unitCode!: string;
  @ApiText() unitName!: string;
  @ApiInt({ nullable: true, description: 'STT of the line; null when it was deleted since' }) lineNo!: number | null;
  @ApiText({ nullable: true }) description!: string | null;
  @ApiText() planAreaCode!: string;
  @ApiText() fundingSourceCode!: string;
  @ApiMoney() lineAmount!: string;
  @ApiMoney({ nullable: true }) approvedBefore!: string | null;
  @ApiMoney() requested!: string;
  @ApiMoney() minimum!: string;
  @ApiInt() tier!: number;
  @ApiMoney() allocated!: string;
  @ApiMoney() proposedApproved!: string;
  @ApiText() basis!: string;
  @ApiText({ nullable: true }) note!: string | null;
  @ApiJson({ nullable: true, description: 'How the allocator reached the amount' }) explanation!: unknown;
}

export class BalancingRunDto extends BalancingRunSummaryDto {
  @ApiNested([BalancingRunLineDto]) lines!: BalancingRunLineDto[];
}

export class ComparedRowDto {
  @ApiText() key!: string;
  @ApiText({ description: 'What a person reads: a unit code, a plan area, "YP — dòng 3 — Mua máy chủ"' }) label!: string;
  @ApiMoney({ isArray: true, description: 'One amount per run, in the order asked' }) amounts!: string[];
  @ApiSignedMoney(true) differences!: string[];
}

/** Runs side by side, with differences from the first. */
export class BalancingRunComparisonDto {
  @ApiInt() year!: number;
  @ApiNested([BalancingRunSummaryDto]) runs!: BalancingRunSummaryDto[];
  @ApiMoney({ isArray: true }) totals!: string[];
  @ApiSignedMoney(true) totalDifferences!: string[];
  @ApiNested([ComparedRowDto]) byUnit!: ComparedRowDto[];
  @ApiNested([ComparedRowDto]) byPlanArea!: ComparedRowDto[];
  @ApiNested([ComparedRowDto]) byLine!: ComparedRowDto[];
}
