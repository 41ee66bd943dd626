import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../../common/validation/pagination.js';
import { IsOptionalField, IsVietnamInstant } from '../../../common/validation/validators.js';
import { AUDIT_ENTITY_TYPES, type AuditEntityType } from '../../audit/entity-types.js';

const INSTANT_FORMS =
  'a date YYYY-MM-DD (the start of that day in Vietnam) or a date-time YYYY-MM-DDTHH:mm[:ss[.ffffff]], read on Vietnam time (UTC+7) ' +
  'unless it names its offset (Z, +07:00); a year or a month alone is refused (400 naming the field)';

/** `GET /audit`: filters (all together), order and page. `from` may not be later than `to` (400 naming both). */
export class ListAuditQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AUDIT_ENTITY_TYPES, description: 'What the events are about (400 listing the known types for any other, the empty one included)' })
  @IsOptionalField()
  @IsIn(AUDIT_ENTITY_TYPES)
  entityType?: AuditEntityType;

  @ApiPropertyOptional()
  @IsOptionalField()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalField()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalField()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ description: `From this instant (inclusive): ${INSTANT_FORMS}`, example: '2012-04-01' })
  @IsOptionalField()
  @IsVietnamInstant()
  from?: string;

  @ApiPropertyOptional({ description: `Until this instant (exclusive): ${INSTANT_FORMS}`, example: '2012-04-01T17:30' })
  @IsOptionalField()
  @IsVietnamInstant()
  to?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: 'Oldest first (asc) or newest first (desc)' })
  @IsOptionalField()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}
