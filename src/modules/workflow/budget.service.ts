import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../common/errors/domain-error.js';
import { changeStatus, NOW } from '../../common/concurrency/status-change.js';
import { sumVnd } from '../../common/money/vnd.js';
import { lockYear, type YearBudgetStatus } from '../../database/year-lock.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../../common/access/actor.js';
import { FiscalYearsService } from '../fiscal-years/fiscal-years.service.js';
import { UnitsService } from '../units/units.service.js';
import { EstimateLedger } from '../estimates/ledger/estimate-ledger.js';
import { FloorService } from '../floor/floor.service.js';
import type { ApproveBudgetDto, ExclusionDto, ReturnDto, TransitionDto } from './dto/workflow.dto.js';
import { applyOnce } from '../../common/idempotency/idempotency.js';
import { message } from '../../common/errors/messages.js';
import { assertDecisionDateNearYear } from '../../common/time/decision-date.js';
import { withPersonNames } from '../../common/access/names.js';
import { AuthService } from '../auth/auth.service.js';

export type BudgetStatus = YearBudgetStatus;

const BUDGET_CYCLE: Record<'submit' | 'approve' | 'return', { from: BudgetStatus[]; to: BudgetStatus }> = {
  submit: { from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED' },
  approve: { from: ['SUBMITTED'], to: 'APPROVED' },
  return: { from: ['SUBMITTED'], to: 'RETURNED' },
};
const OPEN: BudgetStatus[] = ['DRAFT', 'RETURNED'];

interface BudgetRow {
  year: number;
  status: BudgetStatus;
  version: number;
  submitted_at: Date | null;
  submitted_by: string | null;
  submitted_by_name: string | null;
  warnings: string[];
  return_comment: string | null;
  decision_number: string | null;
  decision_date: string | null;
  approved_at: Date | null;
  approved_by: string | null;
  approved_by_name: string | null;
}

interface EstimateRow {
  estimate_id: string;
  unit_id: string;
  status: string;
  submitted_late: boolean;
  requested: string;
  approved: string;
  exclusion_reason: string | null;
}

/**
 * The consolidated provincial IT budget of a year: DRAFT → SUBMITTED (DOF) → APPROVED | RETURNED
 * (chair). Its figures: `approved` is, once the chair has decided, the sum of the lines' decided
 * amounts (as at the decision, never moved by adjustments) and `adjusted` the sum of their current
 * amounts; before the decision `approved` is the balanced figure and `adjusted` null.
 */
@Injectable()
export class BudgetService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly floor: FloorService,
    private readonly ledger: EstimateLedger,
    private readonly auth: AuthService,
    private readonly units: UnitsService,
    private readonly fiscalYears: FiscalYearsService,
  ) {}

  /**
   * The year's consolidated budget in brief: its status (null while it has no row) and the chair's
   * decision (number, date as YYYY-MM-DD); null for an unknown fiscal year.
   */
  async decision(
    year: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ status: BudgetStatus | null; decisionNumber: string | null; decisionDate: string | null } | null> {
    if (!(await this.fiscalYears.exists(year, manager))) return null;
    const [budget] = await manager.query<{ status: BudgetStatus; decision_number: string | null; decision_date: string | null }[]>(
      `SELECT status, decision_number, to_char(decision_date, 'YYYY-MM-DD') AS decision_date FROM consolidated_budgets WHERE year = $1`,
      [year],
    );
    return { status: budget?.status ?? null, decisionNumber: budget?.decision_number ?? null, decisionDate: budget?.decision_date ?? null };
  }

  /**
   * The consolidated budgets the chair has approved (every year, or only `year`), by year: the
   * decision's number and date (YYYY-MM-DD) and when it was recorded. Empty when none is.
   */
  async approvedBudgets(
    manager: EntityManager = this.dataSource.manager,
    year?: number,
  ): Promise<{ year: number; decisionNumber: string | null; decisionDate: string | null; approvedAt: Date | null }[]> {
    const rows = await manager.query<{ year: number; decision_number: string | null; decision_date: string | null; approved_at: Date | null }[]>(
      `SELECT year, decision_number, to_char(decision_date, 'YYYY-MM-DD') AS decision_date, approved_at
         FROM consolidated_budgets
        WHERE status = 'APPROVED' AND ($1::int IS NULL OR year = $1::int)
        ORDER BY year`,
      [year ?? null],
    );
    return rows.map((row) => ({ year: row.year, decisionNumber: row.decision_number, decisionDate: row.decision_date, approvedAt: row.approved_at }));
  }

  async get(year: number, manager: EntityManager = this.dataSource.manager) {
    await this.fiscalYears.assertExists(year, manager);
    const stored = await manager.query<BudgetRow[]>('SELECT * FROM consolidated_budgets WHERE year = $1', [year]);
    // Who submitted and who approved it, by name beside the id (from the auth module).
    const [row] = await withPersonNames(stored, ['submitted_by', 'approved_by'], (ids) => this.auth.people(ids, manager));
    // The estimate ledger's kept totals of each estimate; the decided figures are kept per line at
    // the chair's decision (not in the kept totals), so the ledger sums them apart.
    const rows = await manager.query<EstimateRow[]>(
      `SELECT e.id AS estimate_id, e.unit_id, e.status, e.submitted_late,
              e.requested::text AS requested, e.approved::text AS approved, e.exclusion_reason
         FROM ${this.ledger.estimatesOfYear('$1')} e`,
      [year],
    );
    // By unit code, with the units' names from their registry (one estimate per unit and year).
    const rowOf = new Map(rows.map((row) => [row.unit_id, row]));
    const listed = (await this.units.namesByCode([...rowOf.keys()], manager)).map((unit) => ({ ...rowOf.get(unit.id)!, unit_code: unit.code, unit_name: unit.name }));
    const decidedOf = await this.ledger.decidedTotals(manager, year);
    const adjustmentsOf = await this.ledger.adjustmentCounts(manager, year);
    const estimates = listed.map((e) => ({ ...e, decided: decidedOf.get(e.estimate_id) ?? 0n, adjustments: adjustmentsOf.get(e.estimate_id) ?? 0 }));
    const included = estimates.filter((e) => e.exclusion_reason === null);
    const pending = included.filter((e) => e.status !== 'BALANCED' && e.status !== 'APPROVED');
    // Live while DOF prepares it; as submitted once it has gone to the chair.
    const warnings = row && row.status !== 'DRAFT' && row.status !== 'RETURNED' ? row.warnings : (await this.floor.rules(year, manager)).results.filter((r) => !r.passed).map((r) => r.message);
    // Once the chair has decided, "approved" is the decision's figure (kept per line at the
    // decision) and "adjusted" the current one; before, "approved" is what balancing proposes.
    const decided = row?.status === 'APPROVED';
    const approvedOf = (e: EstimateRow & { decided: bigint }) => (decided ? e.decided : BigInt(e.approved));
    const adjustedOf = (e: EstimateRow) => (decided ? BigInt(e.approved) : null);
    return {
      year,
      status: row?.status ?? 'DRAFT',
      version: row?.version ?? 0,
      submittedAt: row?.submitted_at ?? null,
      submittedBy: row?.submitted_by ?? null,
      submittedByName: row?.submitted_by_name ?? null,
      returnComment: row?.return_comment ?? null,
      decisionNumber: row?.decision_number ?? null,
      decisionDate: row?.decision_date ?? null,
      approvedAt: row?.approved_at ?? null,
      approvedBy: row?.approved_by ?? null,
      approvedByName: row?.approved_by_name ?? null,
      warnings,
      totals: {
        requested: sumVnd(included.map((e) => BigInt(e.requested))),
        approved: sumVnd(included.map(approvedOf)),
        adjusted: decided ? sumVnd(included.map((e) => BigInt(e.approved))) : null,
        adjustments: decided ? included.reduce((n, e) => n + e.adjustments, 0) : 0,
        included: included.length,
        excluded: estimates.length - included.length,
        pending: pending.length,
      },
      estimates: estimates.map((e) => ({
        estimateId: e.estimate_id,
        unitId: e.unit_id,
        unitCode: e.unit_code,
        unitName: e.unit_name,
        status: e.status,
        submittedLate: e.submitted_late,
        requested: BigInt(e.requested),
        approved: approvedOf(e),
        adjusted: adjustedOf(e),
        adjustments: decided ? e.adjustments : 0,
        excluded: e.exclusion_reason !== null,
        exclusionReason: e.exclusion_reason,
      })),
    };
  }

  exclude(year: number, dto: ExclusionDto, actor: Actor) {
    return this.dataSource.transaction(async (manager) => {
      await this.openBudget(manager, year);
      const estimate = await this.ledger.exclude(manager, year, dto.estimateId, dto.reason, actor.userId);
      if (!estimate) throw new NotFoundError(`Estimate of ${year}`, dto.estimateId);
      if (!estimate.excluded) throw new ConflictError('ALREADY_EXCLUDED', message('ALREADY_EXCLUDED'));
      await this.audit.record(manager, {
        actor,
        unitId: estimate.unitId,
        entityType: 'budget',
        entityId: String(year),
        action: 'budget.exclude',
        after: { estimateId: dto.estimateId },
        reason: dto.reason,
      });
      return this.get(year, manager);
    });
  }

  include(year: number, estimateId: string, actor: Actor) {
    return this.dataSource.transaction(async (manager) => {
      await this.openBudget(manager, year);
      const reason = await this.ledger.include(manager, year, estimateId);
      if (reason === null) throw new NotFoundError('Exclusion', estimateId);
      await this.audit.record(manager, {
        actor,
        unitId: null,
        entityType: 'budget',
        entityId: String(year),
        action: 'budget.include',
        before: { estimateId, reason },
      });
      return this.get(year, manager);
    });
  }

  /** DOF puts the budget to the chair: every estimate balanced or excluded with a reason. */
  submit(year: number, dto: TransitionDto, actor: Actor, idempotencyKey?: string) {
    return this.run(year, actor, 'submit', { key: idempotencyKey, request: dto }, async (manager) => {
      const view = await this.get(year, manager);
      const pending = view.estimates.filter((e) => !e.excluded && e.status !== 'BALANCED');
      if (pending.length > 0) {
        throw new ConflictError(
          'BUDGET_NOT_READY',
          `Còn ${pending.length} dự toán chưa cân đối hoặc chưa loại trừ / ${pending.length} estimates are neither balanced nor excluded: ` +
            pending.map((e) => `${e.unitCode} (${e.status})`).join(', '),
        );
      }
      if (view.totals.included === 0) throw new ConflictError('BUDGET_EMPTY', message('BUDGET_EMPTY'));
      const warnings = await this.rulesAtSubmission(manager, year);
      const changes = { submitted_at: NOW, submitted_by: actor.userId, warnings: JSON.stringify(warnings), return_comment: null };
      await this.transition(manager, year, 'submit', dto.version, changes);
      await this.recordTransition(manager, actor, year, 'submit', changes);
    });
  }

  /** The chair approves: the included estimates become APPROVED and locked. */
  approve(year: number, dto: ApproveBudgetDto, actor: Actor, idempotencyKey?: string) {
    assertDecisionDateNearYear('decisionDate', dto.decisionDate, year);
    return this.run(year, actor, 'approve', { key: idempotencyKey, request: dto }, async (manager) => {
      const changes = { decision_number: dto.decisionNumber, decision_date: dto.decisionDate, approved_at: NOW, approved_by: actor.userId };
      await this.transition(manager, year, 'approve', dto.version, changes);
      // The budget row is locked and every estimate change takes it first, so what was
      // submitted is still what is approved; check it all the same.
      const unbalanced = await this.ledger.unbalancedInBudget(manager, year);
      if (unbalanced > 0) throw new ConflictError('BUDGET_NOT_READY', message('BUDGET_NO_LONGER_BALANCED', { count: unbalanced }));
      // The included estimates become APPROVED; their lines keep the decided figures apart.
      const approved = await this.ledger.approveYear(manager, year);
      // Audit last: the chain lock is taken after the row locks, as on every other path.
      await this.recordTransition(manager, actor, year, 'approve', changes);
      for (const estimate of approved) {
        await this.audit.record(manager, {
          actor,
          unitId: estimate.unitId,
          entityType: 'estimate',
          entityId: estimate.id,
          action: 'estimate.approve',
          before: { status: 'BALANCED' },
          after: { status: 'APPROVED', decisionNumber: dto.decisionNumber, decisionDate: dto.decisionDate },
        });
      }
    });
  }

  /** The chair sends the budget back to DOF with a comment. */
  return(year: number, dto: ReturnDto, actor: Actor, idempotencyKey?: string) {
    return this.run(year, actor, 'return', { key: idempotencyKey, request: dto }, async (manager) => {
      const changes = { return_comment: dto.comment };
      await this.transition(manager, year, 'return', dto.version, changes);
      await this.recordTransition(manager, actor, year, 'return', changes, dto.comment);
    });
  }

  private run(year: number, actor: Actor, action: string, retry: { key: string | undefined; request: unknown }, work: (manager: EntityManager) => Promise<void>) {
    return this.dataSource.transaction(async (manager) => {
      await this.fiscalYears.assertExists(year, manager);
      // The year exclusively before reading anything: every change of its figures holds it first.
      await lockYear(manager, year, 'UPDATE');
      return applyOnce(manager, actor, { key: retry.key, request: retry.request, action: `budget.${action}`, target: String(year) }, async () => {
        await work(manager);
        return this.get(year, manager);
      });
    });
  }

  /** One conditional update; NOW is written as SQL `now()`, every other value as a parameter. */
  private async transition(
    manager: EntityManager,
    year: number,
    action: keyof typeof BUDGET_CYCLE,
    version: number | undefined,
    changes: Record<string, string | null | typeof NOW>,
  ): Promise<void> {
    const rule = BUDGET_CYCLE[action];
    await changeStatus(
      manager,
      // The budget row has no updated_at: its own timestamps say when each step happened.
      { table: 'consolidated_budgets', where: { year }, from: rule.from, to: rule.to, version, set: changes, touch: false },
      {
        name: `Consolidated budget ${year}`,
        missing: () => ConflictError.staleVersion(`Consolidated budget of ${year}`, version ?? 0),
        illegal: (current) => ConflictError.illegalTransition('budget', action, current),
      },
    );
  }

  private recordTransition(
    manager: EntityManager,
    actor: Actor,
    year: number,
    action: keyof typeof BUDGET_CYCLE,
    changes: Record<string, string | null | typeof NOW>,
    reason?: string,
  ): Promise<void> {
    const after = Object.fromEntries(Object.entries(changes).map(([column, value]) => [column, value === NOW ? 'now()' : value]));
    return this.audit.record(manager, {
      actor,
      unitId: null,
      entityType: 'budget',
      entityId: String(year),
      action: `budget.${action}`,
      after: { status: BUDGET_CYCLE[action].to, ...after },
      reason: reason ?? null,
    });
  }

  /**
   * Exclusions change only while the budget is with DOF; each change bumps the budget's version,
   * since it changes what a submission would contain.
   */
  private async openBudget(manager: EntityManager, year: number): Promise<void> {
    await this.fiscalYears.assertExists(year, manager);
    const status = await lockYear(manager, year, 'UPDATE');
    if (!OPEN.includes(status)) {
      throw new ConflictError('BUDGET_LOCKED', `Dự toán tổng hợp năm ${year} đã khoá (${status}) / The ${year} consolidated budget is ${status}`);
    }
    await manager.query('UPDATE consolidated_budgets SET version = version + 1 WHERE year = $1', [year]);
  }

  /**
   * The budget rules at submission: a failing BLOCKING rule (the floor under STOP) refuses it with
   * 409; failing warnings (the floor under WARN, districts, contingencies) travel with it.
   */
  private async rulesAtSubmission(manager: EntityManager, year: number): Promise<string[]> {
    const { results } = await this.floor.rules(year, manager);
    const blocking = results.filter((r) => !r.passed && r.severity === 'BLOCKING');
    if (blocking.length > 0) {
      throw new ConflictError(blocking[0].code, blocking.map((r) => r.message).join('; '));
    }
    return results.filter((r) => !r.passed).flatMap((r) => (r.code === 'IT_FLOOR' ? [r.message] : r.violations.map((v) => v.message)));
  }
}
