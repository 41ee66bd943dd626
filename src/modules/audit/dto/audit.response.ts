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
  @ApiText({ description: 'Number in the chain: 1, 2, 3 … without gaps (a string of digits)', example: '42' }) seq!: string;
  @ApiText({ nullable: true, description: 'HMAC of (seq, hash) keyed outside the database' }) mac!: string | null;
}

/** Where a checkpoint came from, for the break it exposed. */
export class CheckpointRefDto {
  @ApiText({ example: '40' }) seq!: string;
  @ApiText({ example: '40' }) eventId!: string;
  @ApiDateTime() signedAt!: string;
}

export class ChainBreakDto {
  @ApiText({ nullable: true, description: 'The first broken event; null when it is missing altogether' }) eventId!: string | null;
  @ApiText({ description: 'Its number in the chain', example: '30' }) seq!: string;
  @ApiEnum(
    ['SEQUENCE_GAP', 'PREVIOUS_HASH_MISMATCH', 'CONTENT_HASH_MISMATCH', 'MAC_MISSING', 'MAC_MISMATCH', 'CHECKPOINT_MISMATCH', 'CHECKPOINT_SIGNATURE_INVALID', 'MISSING_EVENTS'],
    'ChainBreakProblem',
  )
  problem!: string;
  @ApiText({ nullable: true }) expected!: string | null;
  @ApiText({ nullable: true }) found!: string | null;
  @ApiNested(CheckpointRefDto, { required: false }) checkpoint?: CheckpointRefDto;
}

export class ChainHeadDto {
  @ApiText({ example: '42' }) seq!: string;
  @ApiText() hash!: string;
}

/** `GET /audit/verify`, `POST /audit/verify`. */
export class AuditVerifyDto {
  @ApiBool() valid!: boolean;
  @ApiInt({ description: 'Events checked before the first break (all when valid)' }) checked!: number;
  @ApiNested(ChainHeadDto, { nullable: true, description: 'The last intact event' }) head!: ChainHeadDto | null;
  @ApiInt({ description: 'Checkpoints the chain was held against' }) checkpoints!: number;
  @ApiNested(ChainBreakDto, { nullable: true }) firstBreak!: ChainBreakDto | null;
}

/** A signed statement "event number `seq` of the chain is `eventId` with `hash`" (Ed25519). */
export class CheckpointDto {
  @ApiInt({ example: 1 }) version!: number;
  @ApiText({ example: '40' }) seq!: string;
  @ApiText({ example: '40' }) eventId!: string;
  @ApiText() hash!: string;
  @ApiDateTime() signedAt!: string;
  @ApiText({ description: '`every-N`, `seal`, or the budget decision (e.g. `budget.approve`)', example: 'budget.approve' }) reason!: string;
  @ApiText({ description: 'Names the public key (GET /audit/public-key)' }) keyId!: string;
  @ApiText({ description: 'Ed25519 signature, base64' }) signature!: string;
}

/** `GET /audit/checkpoints`. */
export class AuditCheckpointsDto {
  @ApiText() publicKeyId!: string;
  @ApiNested([CheckpointDto]) items!: CheckpointDto[];
}

/** `GET /audit/public-key`. */
export class AuditPublicKeyDto {
  @ApiText() keyId!: string;
  @ApiText({ description: 'SPKI, PEM' }) publicKey!: string;
}
