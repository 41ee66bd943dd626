// How the auditor's trail names an event's subject from what its owners give (pure: no framework,
// no SQL). The events name their subjects by id; each owner answers for its own ids (estimates and
// lines: the ledger; runs: allocation; rounds: support; reports and targets: monitoring; people:
// auth; units: the registry). A subject gone since (a deleted line) is named from the event itself.
import type { AnchoredEvent } from '../audit/hash-chain.js';

/** What an event is about, in names: every field null when it does not apply. */
export interface AuditSubject {
  /** The fiscal year of the estimate, line, budget, year settings, run, round or report. */
  year: number | null;
  /** The half-year of a progress report or deadline (1, 2). */
  half: number | null;
  /** A line's number (STT) in its estimate. */
  lineNo: number | null;
  /** A line's description. */
  description: string | null;
  /** A balancing run's name, a plan target's code and indicator, a user's full name. */
  name: string | null;
}

/** An event of the trail: the event as recorded, with the names a person reads. */
export interface AuditTrailEvent extends AnchoredEvent {
  /** The actor's full name as people know them (the event keeps the username). */
  actorFullName: string | null;
  unitName: string | null;
  subject: AuditSubject;
}

/** What the owners answered, each by id (lower-case uuids); an id they do not know is absent. */
export interface TrailLookups {
  people: ReadonlyMap<string, { username: string; fullName: string }>;
  units: ReadonlyMap<string, { name: string }>;
  estimateYears: ReadonlyMap<string, number>;
  lines: ReadonlyMap<string, { lineNo: number; description: string; estimateId: string }>;
  runs: ReadonlyMap<string, { year: number; name: string }>;
  roundYears: ReadonlyMap<string, number>;
  reports: ReadonlyMap<string, { year: number; half: number }>;
  targets: ReadonlyMap<string, { code: string; indicator: string }>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id as the owners key it (lower case), or null when it is no uuid (it names nothing). */
export function uuidKey(id: unknown): string | null {
  return typeof id === 'string' && UUID.test(id) ? id.toLowerCase() : null;
}

const lookup = <T>(map: ReadonlyMap<string, T>, key: string | null): T | undefined => (key === null ? undefined : map.get(key));

const record = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/** What a line's event carries of the line: its after, or its before when the line was deleted. */
function lineContent(event: AnchoredEvent): Record<string, unknown> | null {
  return record(event.after) ?? record(event.before);
}

/** The ids of `type` the events are about, as owners key them. */
function idsOf(events: readonly AnchoredEvent[], type: string): string[] {
  return [...new Set(events.filter((e) => e.entityType === type).flatMap((e) => uuidKey(e.entityId) ?? []))];
}

/** The ids each owner is asked for, but the estimates of lines (known only once the lines are). */
export function wantedIds(events: readonly AnchoredEvent[]) {
  return {
    people: [...new Set(events.flatMap((e) => [uuidKey(e.actorId), e.entityType === 'user' ? uuidKey(e.entityId) : null]).flatMap((id) => id ?? []))],
    units: [...new Set(events.flatMap((e) => uuidKey(e.unitId) ?? []))],
    estimates: idsOf(events, 'estimate'),
    lines: idsOf(events, 'estimate_line'),
    runs: idsOf(events, 'balancing_run'),
    rounds: idsOf(events, 'support_round'),
    reports: idsOf(events, 'progress_report'),
    targets: idsOf(events, 'plan_target'),
  };
}

/** The estimate of a line's event: the line's own when it still exists, else the one the event carries. */
export function lineEstimateId(event: AnchoredEvent, lines: TrailLookups['lines']): string | null {
  const line = lookup(lines, uuidKey(event.entityId));
  return line ? uuidKey(line.estimateId) : uuidKey(lineContent(event)?.estimateId);
}

const NO_SUBJECT: AuditSubject = { year: null, half: null, lineNo: null, description: null, name: null };

/** What the event is about, in names. */
export function subjectOf(event: AnchoredEvent, lookups: TrailLookups): AuditSubject {
  const key = uuidKey(event.entityId);
  switch (event.entityType) {
    case 'estimate':
      return { ...NO_SUBJECT, year: lookup(lookups.estimateYears, key) ?? null };
    case 'estimate_line': {
      const estimateId = lineEstimateId(event, lookups.lines);
      const year = lookup(lookups.estimateYears, estimateId) ?? null;
      const line = lookup(lookups.lines, key);
      if (line) return { ...NO_SUBJECT, year, lineNo: line.lineNo, description: line.description };
      // A line deleted since: named as its event kept it.
      const content = lineContent(event);
      const lineNo = content?.lineNo;
      const description = content?.description;
      return {
        ...NO_SUBJECT,
        year,
        lineNo: typeof lineNo === 'number' && Number.isSafeInteger(lineNo) ? lineNo : null,
        description: typeof description === 'string' ? description : null,
      };
    }
    case 'budget':
    case 'fiscal_year':
      return { ...NO_SUBJECT, year: /^[0-9]{4}$/.test(event.entityId) ? Number(event.entityId) : null };
    case 'progress_deadline': {
      const m = /^([0-9]{4})-([12])$/.exec(event.entityId);
      return m ? { ...NO_SUBJECT, year: Number(m[1]), half: Number(m[2]) } : NO_SUBJECT;
    }
    case 'balancing_run': {
      const run = lookup(lookups.runs, key);
      return run ? { ...NO_SUBJECT, year: run.year, name: run.name } : NO_SUBJECT;
    }
    case 'support_round':
      return { ...NO_SUBJECT, year: lookup(lookups.roundYears, key) ?? null };
    case 'progress_report': {
      const report = lookup(lookups.reports, key);
      return report ? { ...NO_SUBJECT, year: report.year, half: report.half } : NO_SUBJECT;
    }
    case 'plan_target': {
      const target = lookup(lookups.targets, key);
      return target ? { ...NO_SUBJECT, name: `${target.code} — ${target.indicator}` } : NO_SUBJECT;
    }
    case 'user':
      return { ...NO_SUBJECT, name: lookup(lookups.people, key)?.fullName ?? null };
    default:
      return NO_SUBJECT;
  }
}

/** The event with its names: who acted, for which unit, on what. */
export function namedEvent(event: AnchoredEvent, lookups: TrailLookups): AuditTrailEvent {
  const actor = uuidKey(event.actorId);
  const unit = uuidKey(event.unitId);
  return {
    ...event,
    actorFullName: lookup(lookups.people, actor)?.fullName ?? null,
    unitName: lookup(lookups.units, unit)?.name ?? null,
    subject: subjectOf(event, lookups),
  };
}
