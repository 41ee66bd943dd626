// The audit trail as an auditor reads it: each event with the names of who did it, for which unit
// and on what (a unit's estimate of a year, line 3 "Mua máy chủ", the 2012 budget, a run's name),
// so that no screen has to show an id. A read model over the chain: it never changes an event, and
// the names are looked up at read time (a renamed unit reads with its current name; the event itself
// keeps what it kept). The lookups read other modules' tables by key only, read-only, in the one
// query of a page — the price of naming every kind of subject without a call per event.
import type { DataSource } from 'typeorm';
import type { AnchoredEvent } from './hash-chain.js';
import { type EventRow, eventOfRow } from './event-row.js';
import type { ListAuditQuery } from './dto/list-audit.query.js';

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

export interface AuditTrailEvent extends AnchoredEvent {
  /** The actor's full name as people know them (the event keeps the username). */
  actorFullName: string | null;
  unitName: string | null;
  subject: AuditSubject;
}

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

interface Row extends EventRow {
  actor_full_name: string | null;
  unit_name: string | null;
  subject_year: number | null;
  subject_half: number | null;
  line_no: number | null;
  description: string | null;
  subject_name: string | null;
}

/** The WHERE clause of the list's filters, with its parameters ($1 …). */
function filters(query: ListAuditQuery): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replace('?', `$${params.length}`));
  };
  if (query.entityType) add('a.entity_type = ?', query.entityType);
  if (query.entityId) add('a.entity_id = ?', query.entityId);
  if (query.unitId) add('a.unit_id = ?', query.unitId);
  if (query.actorId) add('a.actor_id = ?', query.actorId);
  if (query.from) add('a.occurred_at >= ?::timestamptz', query.from);
  if (query.to) add('a.occurred_at < ?::timestamptz', query.to);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

// Ids in entity_id are text; each lookup casts only for its own entity type (CASE), so a year or a
// code never meets a uuid cast, and the key's index serves the lookup.
const uuidOf = (type: string) => `(CASE WHEN p.entity_type = '${type}' THEN p.entity_id::uuid END)`;
const yearOf = `(CASE WHEN p.entity_type IN ('budget', 'fiscal_year') AND p.entity_id ~ '^[0-9]{4}$' THEN p.entity_id::int
                      WHEN p.entity_type = 'progress_deadline' AND p.entity_id ~ '^[0-9]{4}-[12]$' THEN split_part(p.entity_id, '-', 1)::int END)`;
// A line's content is in its create/update/delete events; a deleted line is found only there.
const lineJson = `COALESCE(p.after, p.before)`;

/**
 * One page of events matching the filters, oldest first (or newest first with `order: 'desc'`),
 * each with its names, and the number of matching events.
 */
export async function auditTrailPage(dataSource: DataSource, query: ListAuditQuery): Promise<AuditTrailPage> {
  const { where, params } = filters(query);
  const direction = query.order === 'desc' ? 'DESC' : 'ASC';
  const [{ total }] = await dataSource.query<{ total: string }[]>(`SELECT count(*)::text AS total FROM audit_events a ${where}`, params);
  const rows = await dataSource.query<Row[]>(
    `WITH p AS (SELECT a.* FROM audit_events a ${where} ORDER BY a.seq ${direction} LIMIT $${params.length + 1} OFFSET $${params.length + 2})
     SELECT p.id::text AS id, p.seq::text AS seq, p.occurred_at, p.actor_id, p.actor_name, usr.full_name AS actor_full_name,
            p.unit_id, un.name AS unit_name, p.entity_type, p.entity_id, p.action, p.before, p.after, p.reason, p.prev_hash, p.hash, p.mac,
            COALESCE(e.year, le.year, lj.year, br.year, sr.year, pr.year, ${yearOf}) AS subject_year,
            COALESCE(pr.half, CASE WHEN p.entity_type = 'progress_deadline' AND p.entity_id ~ '^[0-9]{4}-[12]$' THEN split_part(p.entity_id, '-', 2)::int END) AS subject_half,
            COALESCE(l.line_no, CASE WHEN p.entity_type = 'estimate_line' AND jsonb_typeof(${lineJson}->'lineNo') = 'number' THEN (${lineJson}->>'lineNo')::int END) AS line_no,
            COALESCE(l.description, CASE WHEN p.entity_type = 'estimate_line' THEN ${lineJson}->>'description' END) AS description,
            COALESCE(br.name, CASE WHEN pt.id IS NOT NULL THEN pt.code || ' — ' || pt.indicator END, tu.full_name) AS subject_name
       FROM p
       LEFT JOIN users usr ON usr.id = p.actor_id
       LEFT JOIN units un ON un.id = p.unit_id
       LEFT JOIN estimates e ON e.id = ${uuidOf('estimate')}
       LEFT JOIN estimate_lines l ON l.id = ${uuidOf('estimate_line')}
       LEFT JOIN estimates le ON le.id = l.estimate_id
       LEFT JOIN estimates lj ON l.id IS NULL AND p.entity_type = 'estimate_line'
                             AND lj.id = (CASE WHEN ${lineJson}->>'estimateId' ~ '^[0-9a-f-]{36}$' THEN (${lineJson}->>'estimateId')::uuid END)
       LEFT JOIN balancing_runs br ON br.id = ${uuidOf('balancing_run')}
       LEFT JOIN support_rounds sr ON sr.id = ${uuidOf('support_round')}
       LEFT JOIN progress_reports pr ON pr.id = ${uuidOf('progress_report')}
       LEFT JOIN plan_targets pt ON pt.id = ${uuidOf('plan_target')}
       LEFT JOIN users tu ON tu.id = ${uuidOf('user')}
      ORDER BY p.seq ${direction}`,
    [...params, query.limit, query.offset],
  );
  return {
    items: rows.map((row) => ({
      ...eventOfRow(row),
      actorFullName: row.actor_full_name,
      unitName: row.unit_name,
      subject: { year: row.subject_year, half: row.subject_half, lineNo: row.line_no, description: row.description, name: row.subject_name },
    })),
    limit: query.limit,
    offset: query.offset,
    total: Number(total),
  };
}

/** Everyone who appears in the trail as an actor, by full name (for the auditor's actor filter). */
export async function auditActors(dataSource: DataSource): Promise<AuditActor[]> {
  const rows = await dataSource.query<{ actor_id: string; username: string | null; full_name: string | null }[]>(
    `SELECT DISTINCT ON (a.actor_id) a.actor_id, COALESCE(u.username, a.actor_name) AS username, u.full_name
       FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
      WHERE a.actor_id IS NOT NULL
      ORDER BY a.actor_id, a.seq DESC`,
  );
  return rows
    .map((row) => ({ actorId: row.actor_id, username: row.username, fullName: row.full_name }))
    .sort((a, b) => (a.fullName ?? a.username ?? '').localeCompare(b.fullName ?? b.username ?? '', 'vi'));
}
