import { ApiBool, ApiDateTime, ApiEnum, ApiInt, ApiJson, ApiNested, ApiText, ApiUuid } from '../../../common/openapi/api-fields.js';

/** One audit event (append-only, hash-chained). */
export class AuditEventDto {
  @ApiText({ description: 'bigserial, as a string of digits', example: '42' }) id!: string;
  @ApiDateTime() occurredAt!: string;
  @ApiUuid({ nullable: true }) actorId!: string | null;
  @ApiText({ nullable: true }) actorName!: string | null;
  @ApiUuid({ nullable: true }) unitId!: string | null;
  @ApiText({ example: 'estimate' }) entityType!: string;
  @ApiText() entityId!: string;
  @ApiText({ example: 'estimate.submit' }) action!: string;
  @ApiJson({ nullable: true }) before!: unknown;
  @ApiJson({ nullable: true }) after!: unknown;
  @ApiText({ nullable: true }) reason!: string | null;
  @ApiText({ nullable: true }) prevHash!: string | null;
  @ApiText() hash!: string;
}

/** `GET /audit`. */
export class AuditPageDto {
  @ApiNested([AuditEventDto]) items!: AuditEventDto[];
  @ApiInt() limit!: number;
  @ApiInt() offset!: number;
}

export class ChainBreakDto {
  @ApiText() eventId!: string;
  @ApiEnum(['PREVIOUS_HASH_MISMATCH', 'CONTENT_HASH_MISMATCH'], 'ChainBreakProblem') problem!: string;
  @ApiText({ nullable: true }) expected!: string | null;
  @ApiText({ nullable: true }) found!: string | null;
}

/** `GET /audit/verify`. */
export class AuditVerifyDto {
  @ApiBool() valid!: boolean;
  @ApiInt() checked!: number;
  @ApiNested(ChainBreakDto, { nullable: true }) firstBreak!: ChainBreakDto | null;
}
