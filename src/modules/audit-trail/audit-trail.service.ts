import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InvalidInputError } from '../../common/errors/domain-error.js';
import { parseVietnamInstant } from '../../common/time/vietnam-time.js';
import { BalancingRunsService } from '../allocation/balancing-runs.service.js';
import { type AuditEventFilter, AuditService } from '../audit/audit.service.js';
import { AuthService } from '../auth/auth.service.js';
import { EstimateLedger } from '../estimates/ledger/estimate-ledger.js';
import { ProgressReportsService } from '../monitoring/progress-reports.service.js';
import { TargetsService } from '../monitoring/targets.service.js';
import { SupportService } from '../support/support.service.js';
import { UnitsService } from '../units/units.service.js';
import type { ListAuditQuery } from './dto/list-audit.query.js';
import { type AuditTrailEvent, lineEstimateId, namedEvent, type TrailLookups, uuidKey, wantedIds } from './trail-names.js';

export interface AuditTrailPage {
  items: AuditTrailEvent[];
  limit: number;
  offset: number;
  /** Events matching the filters, all pages together. */
  total: number;
}

export interface AuditActor {
  actorId: string;
  username: string | null;
  fullName: string | null;
}

/**
 * The filter of a query, its instants read as an official means them (Vietnam's clock unless an
 * offset is written). Throws InvalidInputError naming `from` and `to` when `from` is later than `to`.
 */
export function filterOf(query: ListAuditQuery): AuditEventFilter {
  // The DTO has checked both texts; a text it let through always parses.
  const from = query.from === undefined ? undefined : parseVietnamInstant(query.from);
  const to = query.to === undefined ? undefined : parseVietnamInstant(query.to);
  if (from && to && from.epochMicros > to.epochMicros) {
    const message = `from (${query.from}) phải không muộn hơn to (${query.to}) / from (${query.from}) must not be later than to (${query.to})`;
    throw new InvalidInputError([
      { field: 'from', code: 'FROM_AFTER_TO', message: `from: ${message}` },
      { field: 'to', code: 'FROM_AFTER_TO', message: `to: ${message}` },
    ]);
  }
  return {
    entityType: query.entityType,
    entityId: query.entityId,
    unitId: query.unitId,
    actorId: query.actorId,
    from: from?.iso,
    to: to?.iso,
  };
}

/**
 * The auditor's trail: a read model above the modules. The audit module sits below every module
 * (they record through it), so it keeps only the events; this one reads a page of them through
 * AuditService and names each event's subject through the subject's owner (DESIGN.md section 1,
 * "ownership"): the ledger for estimates and lines, allocation for runs, support for rounds,
 * monitoring for reports and targets, auth for people, the registry for units. Nothing imports it.
 * A page and its names are read in one snapshot (REPEATABLE READ, read only), so `total` and the
 * names agree with the events listed. The names are the current ones (a renamed unit reads with its
 * current name; the event itself keeps what it kept).
 */
@Injectable()
export class AuditTrailService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly units: UnitsService,
    private readonly ledger: EstimateLedger,
    private readonly runs: BalancingRunsService,
    private readonly support: SupportService,
    private readonly targets: TargetsService,
    private readonly reports: ProgressReportsService,
  ) {}

  /**
   * One page of events matching the query's filters, oldest first (newest first with
   * `order: 'desc'`), each with its names, and the number of matching events. 400 when `from` is
   * later than `to`.
   */
  async page(query: ListAuditQuery): Promise<AuditTrailPage> {
    const filter = filterOf(query);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const { items, total } = await this.audit.page(filter, { order: query.order ?? 'asc', limit: query.limit, offset: query.offset }, manager);
      const ids = wantedIds(items);
      const lines = ids.lines.length ? await this.ledger.lineLabels(manager, ids.lines) : new Map<string, never>();
      const estimates = [...new Set([...ids.estimates, ...items.filter((e) => e.entityType === 'estimate_line').flatMap((e) => lineEstimateId(e, lines) ?? [])])];
      const lookups: TrailLookups = {
        people: await this.auth.people(ids.people, manager),
        units: await this.units.namesOf(ids.units, manager),
        estimateYears: await this.ledger.estimateYears(manager, estimates),
        lines,
        runs: await this.runs.namesOf(ids.runs, manager),
        roundYears: await this.support.roundYears(ids.rounds, manager),
        reports: await this.reports.periodsOf(ids.reports, manager),
        targets: await this.targets.labelsOf(ids.targets, manager),
      };
      return { items: items.map((event) => namedEvent(event, lookups)), limit: query.limit, offset: query.offset, total };
    });
  }

  /** Everyone who appears in the trail as an actor, by full name (for the auditor's actor filter). */
  async actors(): Promise<{ items: AuditActor[] }> {
    const actors = await this.audit.actors();
    const people = await this.auth.people(actors.flatMap((a) => uuidKey(a.actorId) ?? []));
    const items = actors
      .map((a) => {
        const person = people.get(uuidKey(a.actorId) ?? '');
        return { actorId: a.actorId, username: person?.username ?? a.actorName, fullName: person?.fullName ?? null };
      })
      .sort((a, b) => (a.fullName ?? a.username ?? '').localeCompare(b.fullName ?? b.username ?? '', 'vi'));
    return { items };
  }
}
