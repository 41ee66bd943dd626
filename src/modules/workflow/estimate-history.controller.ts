import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../common/openapi/endpoint.js';
import type { Actor } from '../../common/access/actor.js';
import { CurrentActor, Permit } from '../../common/access/access.decorators.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthService } from '../auth/auth.service.js';
import { EstimatesService } from '../estimates/estimates.service.js';
import { HistoryDto, type HistoryEntryDto } from './dto/history.dto.js';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The estimate's history for the people who draft it: its audit events (the estimate's own and
 * those of its lines, deleted lines included), oldest first. Readable by whoever may read the
 * estimate (another unit's is 404), unlike GET /audit which is for DOF, the chair and auditors.
 */
@ApiTags('estimates')
@ApiBearerAuth()
@Controller('estimates/:id/history')
export class EstimateHistoryController {
  constructor(
    private readonly estimates: EstimatesService,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  @Permit('estimates.read')
  @Get()
  @Endpoint({ summary: "The estimate's changes in order: who, when, what and on which line", response: HistoryDto })
  async history(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<HistoryDto> {
    const estimate = await this.estimates.getFor(id, actor);
    const events = await this.audit.estimateEvents(id, estimate.unitId);
    // The actor's full name and unit as people know them (the event keeps the username).
    const people = await this.auth.people(events.flatMap((event) => (event.actor_id ? [event.actor_id] : [])));
    const rows = events.map((event) => {
      const person = event.actor_id ? people.get(event.actor_id) : undefined;
      return { ...event, actor_name: person?.fullName ?? event.actor_name, actor_unit_name: person?.unitName ?? null };
    });
    const items = rows.map((row): HistoryEntryDto => {
      const line = row.after ?? row.before ?? {};
      const isLine = row.entity_type === 'estimate_line';
      return {
        at: row.occurred_at.toISOString(),
        actorName: row.actor_name,
        actorUnitName: row.actor_unit_name,
        action: row.action,
        lineNo: isLine && typeof line.lineNo === 'number' ? line.lineNo : null,
        description: isLine ? text(line.description) : null,
        status: isLine ? null : text(row.after?.status),
        reason: row.reason,
      };
    });
    return { items };
  }
}
