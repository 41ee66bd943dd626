import { ApiInt, ApiNested, ApiText, ApiUuid } from '../../../common/openapi/api-fields.js';
import { AuditEventDto } from '../../audit/dto/audit.response.js';

/** What an event is about, in names (looked up when read); null where it does not apply. */
export class AuditSubjectDto {
  @ApiInt({ nullable: true, description: 'Fiscal year of the estimate, line, budget, settings, run, round or report' }) year!: number | null;
  @ApiInt({ nullable: true, description: 'Half-year of a progress report or deadline' }) half!: number | null;
  @ApiInt({ nullable: true, description: 'Line number (STT) in its estimate' }) lineNo!: number | null;
  @ApiText({ nullable: true, description: 'The line\'s description' }) description!: string | null;
  @ApiText({ nullable: true, description: 'A run\'s name, a target\'s code and indicator, a user\'s full name' }) name!: string | null;
}

/** An event of `GET /audit`, with the names a person reads instead of ids. */
export class AuditTrailEventDto extends AuditEventDto {
  @ApiText({ nullable: true, description: 'The actor\'s full name (the event keeps the username)' }) actorFullName!: string | null;
  @ApiText({ nullable: true }) unitName!: string | null;
  @ApiNested(AuditSubjectDto) subject!: AuditSubjectDto;
}

/** `GET /audit`. */
export class AuditPageDto {
  @ApiNested([AuditTrailEventDto]) items!: AuditTrailEventDto[];
  @ApiInt() limit!: number;
  @ApiInt() offset!: number;
  @ApiInt({ description: 'Events matching the filters, all pages together' }) total!: number;
}

export class AuditActorDto {
  @ApiUuid() actorId!: string;
  @ApiText({ nullable: true }) username!: string | null;
  @ApiText({ nullable: true }) fullName!: string | null;
}

/** `GET /audit/actors`. */
export class AuditActorsDto {
  @ApiNested([AuditActorDto]) items!: AuditActorDto[];
}
