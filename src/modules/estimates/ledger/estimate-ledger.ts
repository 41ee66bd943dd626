// The estimate ledger: the one way into the estimates module's tables (estimates, estimate_lines,
// their kept totals, budget_exclusions, line_adjustments) for every other module. What "in the
// budget" means is written here once (`IN_BUDGET`): a line counts when its estimate is not excluded
// from the year's consolidated budget; a status filter, where a reader wants one, is added on top.
// Readers that join the lines with their own tables (catalog names, progress reports, the treasury
// layout) take the ledger's relations as SQL sub-selects, so that the join stays in PostgreSQL and
// no line is read into Node that the answer does not need.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { changeStatus, NOW } from '../../../common/concurrency/status-change.js';
import { ConflictError, NotFoundError } from '../../../common/errors/domain-error.js';
import { lockYear, type YearLockMode } from '../../../database/year-lock.js';
import { ESTIMATE_CYCLE, type EstimateAction } from '../domain/estimate-cycle.js';
import { ESTIMATE_STATUSES, type EstimateStatus } from '../domain/estimate-status.js';
import { EstimateLine } from '../entities/estimate-line.entity.js';
import { Estimate } from '../entities/estimate.entity.js';
import { type EstimateBucket, estimateBuckets, type YearBucket, yearBuckets } from './kept-totals.js';

/**
 * Where a relation takes its year from: a parameter reference such as `$1` (the caller owns the
 * parameter list) or a column of the enclosing query such as `b.year`.
 */
export type SqlParam = `$${number}` | `${string}.${string}`;

/** The one definition of "in the budget", for an estimate row aliased `alias`. */
const IN_BUDGET = (alias: string) => `NOT EXISTS (SELECT 1 FROM budget_exclusions x WHERE x.estimate_id = ${alias}.id)`;

/** Statuses are a closed vocabulary: written into the SQL as literals, each checked first. */
function statusFilter(alias: string, statuses: readonly EstimateStatus[] | undefined): string {
  if (statuses === undefined) return '';
  for (const status of statuses) if (!ESTIMATE_STATUSES.includes(status)) throw new Error(`unknown estimate status ${String(status)}`);
  return ` AND ${alias}.status IN (${statuses.map((s) => `'${s}'`).join(', ')})`;
}

const param = (value: SqlParam): SqlParam => {
  if (!/^(\$[1-9][0-9]*|[a-z_]+\.[a-z_]+)$/.test(value)) throw new Error(`not a parameter reference or a column: ${value}`);
  return value;
};

/** What the workflow sets on a line: DIC's review, the appraisal, the approved amount. */
export type LineReviewChange = Partial<Pick<EstimateLine, 'dicOpinion' | 'dicNote' | 'designAgreed' | 'appraisedAmount' | 'appraisalNote' | 'approvedAmount'>>;

/** An estimate of a year as the ledger lists it, with its kept totals. Amounts in đồng. */
export interface LedgerEstimate {
  id: string;
  unitId: string;
  status: EstimateStatus;
  submittedLate: boolean;
  illustrative: boolean;
  /** Why DOF left it out of the consolidated budget; null when it is in. */
  exclusionReason: string | null;
  lineCount: number;
  requested: bigint;
  approved: bigint;
}

@Injectable()
export class EstimateLedger {
  /**
   * The year's lines in the budget, as a SQL sub-select to alias in a FROM clause: every column of
   * a line (`id`, `estimate_id`, `line_no`, `amount`, `approved_amount`, `decided_amount`, …) plus its
   * estimate's `year`, `unit_id`, `estimate_status` and `illustrative`. `statuses` keeps only lines of
   * estimates in those statuses. `year` is the caller's parameter reference holding the year.
   */
  linesInBudget(year: SqlParam, { statuses }: { statuses?: readonly EstimateStatus[] } = {}): string {
    return `(SELECT l.*, e.year, e.unit_id, e.status AS estimate_status, e.illustrative
               FROM estimate_lines l JOIN estimates e ON e.id = l.estimate_id
              WHERE e.year = ${param(year)}${statusFilter('e', statuses)} AND ${IN_BUDGET('e')})`;
  }

  /**
   * The lines of some estimates (whatever their place in the budget), with the same columns as
   * `linesInBudget`; `estimateIds` is the caller's parameter reference holding a uuid array.
   */
  linesOfEstimates(estimateIds: SqlParam): string {
    return `(SELECT l.*, e.year, e.unit_id, e.status AS estimate_status, e.illustrative
               FROM estimate_lines l JOIN estimates e ON e.id = l.estimate_id
              WHERE l.estimate_id = ANY(${param(estimateIds)}))`;
  }

  /**
   * The year's estimates as a SQL sub-select: `id`, `unit_id`, `year`, `status`, `illustrative`,
   * `submitted_late`, `exclusion_reason` (null when in the budget) and the kept totals `line_count`,
   * `requested`, `approved` (numeric, 0 without lines). `inBudget` leaves the excluded ones out.
   */
  estimatesOfYear(year: SqlParam, { inBudget = false, statuses }: { inBudget?: boolean; statuses?: readonly EstimateStatus[] } = {}): string {
    return `(SELECT e.id, e.unit_id, e.year, e.status, e.illustrative, e.submitted_late,
                    bx.reason AS exclusion_reason,
                    COALESCE(t.line_count, 0) AS line_count, COALESCE(t.requested, 0) AS requested, COALESCE(t.approved, 0) AS approved
               FROM estimates e
               -- the kept totals of the estimate as a whole (its row with no plan area)
               LEFT JOIN estimate_totals t ON t.estimate_id = e.id AND t.plan_area_code = ''
               -- at most one exclusion per estimate (unique estimate_id): a join, not a sub-select per row
               LEFT JOIN budget_exclusions bx ON bx.estimate_id = e.id
              WHERE e.year = ${param(year)}${statusFilter('e', statuses)}${inBudget ? ` AND ${IN_BUDGET('e')}` : ''})`;
  }

  /**
   * Adjustments after approval (one row each: `id`, `line_id`, `estimate_id`, `before_amount`,
   * `after_amount`, `reason`, `actor_id`, `created_at`) of the year's estimates, as a SQL sub-select,
   * with the line's `line_no` and `description` and the estimate's `unit_id`. `inBudget` leaves
   * those of excluded estimates out.
   */
  /** The adjustments of one estimate as a SQL sub-select (columns as `adjustmentsOfYear`). */
  adjustmentsOfEstimate(estimateId: SqlParam): string {
    return `(SELECT a.*, l.line_no, l.description, e.unit_id
               FROM line_adjustments a
               JOIN estimates e ON e.id = a.estimate_id
               JOIN estimate_lines l ON l.id = a.line_id
              WHERE a.estimate_id = ${param(estimateId)})`;
  }

  adjustmentsOfYear(year: SqlParam, { inBudget = false }: { inBudget?: boolean } = {}): string {
    return `(SELECT a.*, l.line_no, l.description, e.unit_id
               FROM line_adjustments a
               JOIN estimates e ON e.id = a.estimate_id
               JOIN estimate_lines l ON l.id = a.line_id
              WHERE e.year = ${param(year)}${inBudget ? ` AND ${IN_BUDGET('e')}` : ''})`;
  }

  /**
   * The year's estimates with their kept totals (see `estimatesOfYear`), in no particular order;
   * `unitIds` keeps only those of these units.
   */
  async estimates(
    manager: EntityManager,
    year: number,
    { unitIds, ...options }: { inBudget?: boolean; statuses?: readonly EstimateStatus[]; unitIds?: readonly string[] } = {},
  ): Promise<LedgerEstimate[]> {
    const rows = await manager.query<
      { id: string; unit_id: string; status: EstimateStatus; submitted_late: boolean; illustrative: boolean; exclusion_reason: string | null; line_count: string; requested: string; approved: string }[]
    >(
      `SELECT id, unit_id, status, submitted_late, illustrative, exclusion_reason, line_count::text, requested::text, approved::text
         FROM ${this.estimatesOfYear('$1', options)} e${unitIds === undefined ? '' : ' WHERE e.unit_id = ANY($2::uuid[])'}`,
      unitIds === undefined ? [year] : [year, unitIds],
    );
    return rows.map((row) => ({
      id: row.id,
      unitId: row.unit_id,
      status: row.status,
      submittedLate: row.submitted_late,
      illustrative: row.illustrative,
      exclusionReason: row.exclusion_reason,
      lineCount: Number(row.line_count),
      requested: BigInt(row.requested),
      approved: BigInt(row.approved),
    }));
  }

  /**
   * A fingerprint of the year's estimates as `estimates(…)` lists them: every estimate row, its own
   * kept totals row and its exclusion, each by id and row version (`xmin`, the transaction that
   * wrote that version), hashed (64 bits) and summed, with the count. Any insert, update or delete
   * of one of those rows changes it (but for a 2^-64 chance of two changes cancelling out); read in
   * the same snapshot as an answer derived from `estimates(…)`, it tells whether that answer still
   * holds. A text such as `13000:-8212766401452391`.
   */
  async estimatesFingerprint(manager: EntityManager, year: number): Promise<string> {
    const [{ fingerprint }] = await manager.query<[{ fingerprint: string }]>(
      `SELECT count(*)::text || ':' || COALESCE(sum(hashtextextended(
                e.id::text || '/' || e.xmin::text || '/' || COALESCE(t.xmin::text, '-') || '/' || COALESCE(bx.xmin::text, '-'), 0)), 0)::text AS fingerprint
         FROM estimates e
         LEFT JOIN estimate_totals t ON t.estimate_id = e.id AND t.plan_area_code = ''
         LEFT JOIN budget_exclusions bx ON bx.estimate_id = e.id
        WHERE e.year = $1`,
      [year],
    );
    return fingerprint;
  }

  /** The year's kept totals by status, exclusion and dimension (see `yearBuckets`). */
  yearBuckets(manager: EntityManager, year: number, filter: { statuses?: readonly EstimateStatus[]; excluded?: boolean } = {}): Promise<YearBucket[]> {
    return yearBuckets(manager, year, filter);
  }

  /** Kept totals of estimates, whole or by dimension (see `estimateBuckets`). */
  estimateBuckets(
    manager: EntityManager,
    which: { estimateIds: readonly string[] } | { year: number; unitIds?: readonly string[] },
    options: { parts?: boolean; fundingSource?: string } = {},
  ): Promise<EstimateBucket[]> {
    return estimateBuckets(manager, which, options);
  }

  /**
   * The unit's APPROVED estimate of the year, or null; `lock` holds its row (shared) until the
   * transaction ends, so that no adjustment moves an approved amount under the caller's checks.
   */
  async approvedEstimateOf(manager: EntityManager, unitId: string, year: number, { lock = false }: { lock?: boolean } = {}): Promise<string | null> {
    const [estimate] = await manager.query<{ id: string }[]>(
      `SELECT id FROM estimates WHERE unit_id = $1 AND year = $2 AND status = 'APPROVED'${lock ? ' FOR SHARE' : ''}`,
      [unitId, year],
    );
    return estimate?.id ?? null;
  }

  /**
   * The number and description of lines, as a person reads them, with their estimate's id; a line
   * deleted since is absent. `lineIds` are uuids.
   */
  async lineLabels(manager: Pick<EntityManager, 'query'>, lineIds: readonly string[]): Promise<Map<string, { lineNo: number; description: string; estimateId: string }>> {
    const rows = await manager.query<{ id: string; line_no: number; description: string; estimate_id: string }[]>(
      'SELECT id, line_no, description, estimate_id FROM estimate_lines WHERE id = ANY($1::uuid[])',
      [lineIds],
    );
    return new Map(rows.map((row) => [row.id, { lineNo: row.line_no, description: row.description, estimateId: row.estimate_id }]));
  }

  /** The fiscal year of each estimate, by id (uuids); unknown ids are absent. */
  async estimateYears(manager: Pick<EntityManager, 'query'>, estimateIds: readonly string[]): Promise<Map<string, number>> {
    if (estimateIds.length === 0) return new Map();
    const rows = await manager.query<{ id: string; year: number }[]>('SELECT id, year FROM estimates WHERE id = ANY($1::uuid[])', [estimateIds]);
    return new Map(rows.map((row) => [row.id, row.year]));
  }

  /** How many lines the year's budget holds (excluded estimates left out), from the kept totals. */
  async lineCountInBudget(manager: EntityManager, year: number): Promise<number> {
    const [{ count }] = await manager.query<[{ count: number }]>(
      `SELECT COALESCE(SUM(line_count), 0)::int AS count FROM year_totals_live WHERE year = $1 AND NOT excluded`,
      [year],
    );
    return count;
  }

  /**
   * Σ of the decided amounts (kept per line at the chair's decision, not in the kept totals) of
   * each estimate of the year that has lines, in đồng.
   */
  async decidedTotals(manager: EntityManager, year: number): Promise<Map<string, bigint>> {
    const rows = await manager.query<{ estimate_id: string; decided: string }[]>(
      `SELECT l.estimate_id, COALESCE(SUM(l.decided_amount), 0)::text AS decided
         FROM estimate_lines l JOIN estimates e ON e.id = l.estimate_id
        WHERE e.year = $1 GROUP BY l.estimate_id`,
      [year],
    );
    return new Map(rows.map((row) => [row.estimate_id, BigInt(row.decided)]));
  }

  /** How many adjustments each estimate of the year has had. */
  async adjustmentCounts(manager: EntityManager, year: number): Promise<Map<string, number>> {
    const rows = await manager.query<{ estimate_id: string; n: number }[]>(
      `SELECT a.estimate_id, COUNT(*)::int AS n FROM line_adjustments a JOIN estimates e ON e.id = a.estimate_id WHERE e.year = $1 GROUP BY a.estimate_id`,
      [year],
    );
    return new Map(rows.map((row) => [row.estimate_id, row.n]));
  }

  /** Leaves an estimate of the year out of the budget; false when it was out already. Unknown estimate: null. */
  async exclude(manager: EntityManager, year: number, estimateId: string, reason: string, userId: string): Promise<{ unitId: string; excluded: boolean } | null> {
    const [estimate] = await manager.query<{ unit_id: string }[]>('SELECT unit_id FROM estimates WHERE id = $1 AND year = $2', [estimateId, year]);
    if (!estimate) return null;
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO budget_exclusions (year, estimate_id, reason, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1`,
      [year, estimateId, reason, userId],
    );
    return { unitId: estimate.unit_id, excluded: inserted.length > 0 };
  }

  /** Takes an excluded estimate back into the budget; the reason it was out, or null when it was not. */
  async include(manager: EntityManager, year: number, estimateId: string): Promise<string | null> {
    // A DELETE through TypeORM answers [rows, count].
    const [removed] = await manager.query<[{ reason: string }[], number]>('DELETE FROM budget_exclusions WHERE year = $1 AND estimate_id = $2 RETURNING reason', [
      year,
      estimateId,
    ]);
    return removed[0]?.reason ?? null;
  }

  /** How many estimates in the year's budget are not BALANCED. */
  async unbalancedInBudget(manager: EntityManager, year: number): Promise<number> {
    const [{ n }] = await manager.query<[{ n: number }]>(
      `SELECT COUNT(*)::int AS n FROM estimates e WHERE e.year = $1 AND e.status <> 'BALANCED' AND ${IN_BUDGET('e')}`,
      [year],
    );
    return n;
  }

  /**
   * The chair's approval reaching the estimates: every BALANCED estimate in the year's budget
   * becomes APPROVED (version + 1) and its lines keep their approved amounts as the decided ones.
   * The caller holds the year's lock. Returns the estimates approved.
   */
  async approveYear(manager: EntityManager, year: number): Promise<{ id: string; unitId: string; version: number }[]> {
    // An UPDATE through TypeORM answers [rows, count].
    const [approved] = await manager.query<[{ id: string; unit_id: string; version: number }[], number]>(
      `UPDATE estimates e SET status = 'APPROVED', approved_at = now(), version = version + 1, updated_at = now()
        WHERE e.year = $1 AND e.status = 'BALANCED' AND ${IN_BUDGET('e')}
      RETURNING id, unit_id, version`,
      [year],
    );
    // The decided figures, kept apart from the current ones that adjustments change later.
    await manager.query(`UPDATE estimate_lines SET decided_amount = approved_amount WHERE estimate_id = ANY($1::uuid[])`, [approved.map((e) => e.id)]);
    return approved.map((e) => ({ id: e.id, unitId: e.unit_id, version: e.version }));
  }

  // ---- The estimate cycle's writes (the workflow module calls these inside its transactions) ----

  /**
   * Locks, in the one order every path uses (see `lockYear`), the year's consolidated budget —
   * shared for changes that check no year-wide rule, so that changes to different estimates go on
   * side by side, exclusive for those that do — and then the estimate's row; rules are checked
   * only after, on what is locked. 404 for an unknown estimate.
   */
  async lockEstimate(manager: EntityManager, id: string, mode: YearLockMode = 'SHARE'): Promise<Estimate> {
    const [found] = await manager.query<{ year: number }[]>('SELECT year FROM estimates WHERE id = $1', [id]);
    if (!found) throw new NotFoundError('Estimate', id);
    await lockYear(manager, found.year, mode);
    const estimate = await manager.findOne(Estimate, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!estimate) throw new NotFoundError('Estimate', id);
    return estimate;
  }

  /**
   * One step of the estimate cycle (`ESTIMATE_CYCLE[action]`): the versioned conditional status
   * change, with `set` (snake_case columns) beside it. 409 `ILLEGAL_TRANSITION` from another status,
   * 409 `STALE_VERSION` when `version` (given) moved on.
   */
  async transition(manager: EntityManager, estimateId: string, action: EstimateAction, version: number | undefined, set: Readonly<Record<string, unknown>> = {}): Promise<void> {
    const rule = ESTIMATE_CYCLE[action];
    await changeStatus(
      manager,
      { table: 'estimates', where: { id: estimateId }, from: rule.from, to: rule.to, version, set },
      {
        name: 'Estimate',
        illegal: (current) => ConflictError.illegalTransition('estimate', action, current),
      },
    );
  }

  /**
   * A SUBMITTED estimate whose every line has an approved amount becomes BALANCED: the shared
   * conditional status change (version + 1, `balanced_at` now), called with the estimate's row
   * locked by the balancing that completed it. 409 `ILLEGAL_TRANSITION` from any other status.
   */
  async markBalanced(manager: EntityManager, estimateId: string): Promise<void> {
    await changeStatus(
      manager,
      { table: 'estimates', where: { id: estimateId }, from: ['SUBMITTED'], to: 'BALANCED', set: { balanced_at: NOW } },
      {
        name: 'Estimate',
        illegal: (current) => new ConflictError('ILLEGAL_TRANSITION', `Không thể chuyển sang BALANCED dự toán đang ở trạng thái ${current} / Cannot mark as BALANCED an estimate that is ${current}`),
      },
    );
  }

  /** Every line of an estimate, in line order. */
  lines(manager: EntityManager, estimateId: string): Promise<EstimateLine[]> {
    return manager.find(EstimateLine, { where: { estimateId }, order: { lineNo: 'ASC' } });
  }

  /** The named lines of an estimate (a line of another estimate is absent). */
  linesById(manager: EntityManager, estimateId: string, ids: readonly string[]): Promise<EstimateLine[]> {
    return manager.createQueryBuilder(EstimateLine, 'l').where('l.estimate_id = :estimateId AND l.id IN (:...ids)', { estimateId, ids }).getMany();
  }

  /** Sets DIC's review, the appraisal or the approved amount of one line (its estimate is locked). */
  async updateLine(manager: EntityManager, lineId: string, change: LineReviewChange): Promise<void> {
    await manager.update(EstimateLine, { id: lineId }, change);
  }

  /**
   * Clears every approved amount of an estimate (back with the unit, it is balanced again on
   * resubmission); answers the amounts cleared, in line order.
   */
  async clearApproved(manager: EntityManager, estimateId: string): Promise<{ id: string; approved_amount: string }[]> {
    const cleared = await manager.query<{ id: string; approved_amount: string }[]>(
      'SELECT id, approved_amount::text FROM estimate_lines WHERE estimate_id = $1 AND approved_amount IS NOT NULL ORDER BY line_no',
      [estimateId],
    );
    await manager.query('UPDATE estimate_lines SET approved_amount = NULL WHERE estimate_id = $1', [estimateId]);
    return cleared;
  }

  /** Records an adjustment after approval (the line's approved amount is already changed). */
  async recordAdjustment(
    manager: EntityManager,
    adjustment: { lineId: string; estimateId: string; before: bigint; after: bigint; reason: string; actorId: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO line_adjustments (id, line_id, estimate_id, before_amount, after_amount, reason, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [randomUUID(), adjustment.lineId, adjustment.estimateId, adjustment.before.toString(), adjustment.after.toString(), adjustment.reason, adjustment.actorId],
    );
  }
}
