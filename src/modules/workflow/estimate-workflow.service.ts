import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, type FieldProblem, InvalidInputError, NotFoundError } from '../../common/errors/domain-error.js';
import { NOW } from '../../common/concurrency/status-change.js';
import { YEAR_CLOSED, type YearBudgetStatus, type YearLockMode } from '../../database/year-lock.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthService } from '../auth/auth.service.js';
import { type Actor, coversUnit, ForbiddenError } from '../../common/access/actor.js';
import type { EstimateLine } from '../estimates/entities/estimate-line.entity.js';
import type { Estimate, EstimateStatus } from '../estimates/entities/estimate.entity.js';
import { EstimateLedger } from '../estimates/ledger/estimate-ledger.js';
import { type EstimateView, EstimatesService } from '../estimates/estimates.service.js';
import { FiscalYearsService } from '../fiscal-years/fiscal-years.service.js';
import { floorFigures } from '../floor/domain/floor.js';
import { FloorService } from '../floor/floor.service.js';
import { SupportService } from '../support/support.service.js';
import { UnitsService } from '../units/units.service.js';
import {
  appraisalProblems,
  approvedAmountProblems,
  BALANCER_OF,
  designNotAgreedMessage,
  DISTRICT_RULE_MESSAGE,
  ESTIMATE_CYCLE,
  type EstimateAction,
  hasOwnItLine,
  isFullyBalanced,
  isInvestmentProject,
  isLate,
  supportOverruns,
} from '../estimates/domain/estimate-cycle.js';
import type { AdjustmentDto, AppraisalDto, BalanceDto, ReturnDto, ReviewDto, TransitionDto } from './dto/workflow.dto.js';
import { applyOnce } from '../../common/idempotency/idempotency.js';
import { hasVisibleText, isBlankText } from '../../common/text/visible-text.js';
import { type ChecklistItem, submissionChecklist } from '../estimates/domain/submission-checklist.js';

/** Today in Vietnam's calendar, YYYY-MM-DD, by the database's clock (the one deadlines are checked against). */
async function vietnamToday(manager: EntityManager): Promise<string> {
  const [{ today }] = await manager.query<[{ today: string }]>(`SELECT to_char((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD') AS today`);
  return today;
}

/** The submission checklist of one estimate (GET /estimates/{id}/checklist). */
export interface SubmissionChecklistView {
  estimateId: string;
  /** YYYY-MM-DD in Vietnam's calendar: the day the deadline rule was read on. */
  today: string;
  /** False while a rule is in state `fail` (submit would refuse). */
  canSubmit: boolean;
  rules: ChecklistItem[];
}

@Injectable()
export class EstimateWorkflowService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly estimates: EstimatesService,
    private readonly audit: AuditService,
    private readonly support: SupportService,
    private readonly floor: FloorService,
    private readonly ledger: EstimateLedger,
    private readonly auth: AuthService,
    private readonly units: UnitsService,
    private readonly fiscalYears: FiscalYearsService,
  ) {}

  /** The unit head sends the estimate to DIC, DOF and DPI. */
  submit(id: string, dto: TransitionDto, actor: Actor, idempotencyKey?: string): Promise<unknown> {
    return this.run(id, actor, 'submit', { key: idempotencyKey, request: dto }, async (manager, estimate) => {
      const lines = await this.ledger.lines(manager, id);
      if (lines.length === 0) {
        throw new ConflictError('EMPTY_ESTIMATE', 'Dự toán chưa có dòng nào / The estimate has no lines');
      }
      const unit = await this.units.nameOf(estimate.unitId, manager);
      if (!unit) throw new NotFoundError('Unit', estimate.unitId);
      if (unit.kind === 'DISTRICT_COMMITTEE' && !hasOwnItLine(lines)) {
        throw new ConflictError('DISTRICT_IT_LINE_MISSING', DISTRICT_RULE_MESSAGE);
      }
      const overruns = supportOverruns(lines, await this.support.awardedSupport(estimate.unitId, estimate.year, manager));
      if (overruns.length > 0) {
        throw new ConflictError(
          'SUPPORT_NOT_AWARDED',
          overruns
            .map(
              (o) =>
                `Nguồn ${o.fundingSourceCode}: đề nghị ${o.requested} vượt mức hỗ trợ được Chủ tịch quyết định ${o.awarded} / ` +
                `${o.fundingSourceCode} lines ask ${o.requested}, above the ${o.awarded} the chair decided`,
            )
            .join('; '),
        );
      }
      const year = await this.fiscalYears.get(estimate.year, manager);
      const today = await vietnamToday(manager);
      const late = isLate(today, year.submissionDeadline);
      if (late && year.lateSubmissionPolicy === 'REFUSE') {
        throw new ConflictError(
          'SUBMISSION_CLOSED',
          `Đã quá hạn nộp dự toán (${year.submissionDeadline}) / The submission deadline (${year.submissionDeadline}) has passed`,
        );
      }
      await this.transition(manager, actor, estimate, 'submit', dto.version, {
        submitted_at: NOW,
        submitted_late: late,
        return_comment: null,
      });
    });
  }

  /**
   * The rules the head's submission is checked against, each with its state and in words, for
   * whoever may read the estimate (404 outside the actor's units). Rule source:
   * estimates/domain/submission-checklist.ts, on the same predicates as submit's refusals.
   */
  async checklist(id: string, actor: Actor): Promise<SubmissionChecklistView> {
    const estimate = await this.estimates.getFor(id, actor);
    const manager = this.dataSource.manager;
    const year = await this.fiscalYears.get(estimate.year, manager);
    const today = await vietnamToday(manager);
    const rules = submissionChecklist({
      lines: estimate.lines,
      isDistrict: estimate.unit.kind === 'DISTRICT_COMMITTEE',
      awarded: estimate.supportAwarded,
      today,
      deadline: year.submissionDeadline,
      lateSubmissionPolicy: year.lateSubmissionPolicy,
    });
    return { estimateId: id, today, canSubmit: rules.every((rule) => rule.state !== 'fail'), rules };
  }

  /** A reviewer sends the estimate back to the unit, with a comment. */
  return(id: string, dto: ReturnDto, actor: Actor, idempotencyKey?: string): Promise<unknown> {
    return this.run(id, actor, 'return', { key: idempotencyKey, request: dto }, async (manager, estimate) => {
      await this.assertBudgetOpen(manager, estimate.year);
      await this.transition(manager, actor, estimate, 'return', dto.version, { return_comment: dto.comment, balanced_at: null }, dto.comment);
      // Back with the unit, the estimate holds no approved amounts: they are balanced again on
      // resubmission, and meanwhile they do not count toward the floor.
      // (The estimate's row is locked, and every change to its lines takes that lock first.)
      const cleared = await this.ledger.clearApproved(manager, id);
      if (cleared.length > 0) {
        await this.audit.record(manager, {
          actor,
          unitId: estimate.unitId,
          entityType: 'estimate',
          entityId: id,
          action: 'estimate.approved_cleared',
          before: cleared.map((line) => ({ lineId: line.id, approvedAmount: line.approved_amount })),
          after: null,
          reason: dto.comment,
        });
      }
    });
  }

  /** DIC's opinion per line, and on the preliminary design of IT investment projects. */
  review(id: string, dto: ReviewDto, actor: Actor, idempotencyKey?: string): Promise<unknown> {
    return this.run(id, actor, 'review', { key: idempotencyKey, request: dto }, async (manager, estimate) => {
      await this.assertBudgetOpen(manager, estimate.year);
      const lines = await this.linesById(manager, id, dto.opinions.map((o) => o.lineId), 'opinions');
      const problems: FieldProblem[] = [];
      dto.opinions.forEach((opinion, i) => {
        const line = lines.get(opinion.lineId)!;
        if (opinion.designAgreed === false && (line.approvedAmount ?? 0n) > 0n) {
          throw new ConflictError(
            'DESIGN_FUNDED',
            `opinions[${i}]: dự án đã được cân đối ${line.approvedAmount}; Sở KH&ĐT phải đưa về 0 trước / ` +
              `the project already has ${line.approvedAmount} approved; DPI must bring it to 0 before DIC withdraws its agreement`,
          );
        }
        if (opinion.designAgreed !== undefined && !isInvestmentProject(lines.get(opinion.lineId)!)) {
          problems.push({
            field: `opinions[${i}].designAgreed`,
            code: 'NOT_A_PROJECT',
            message: `opinions[${i}].designAgreed: chỉ áp dụng cho dự án đầu tư CNTT / applies to IT investment project lines only`,
          });
        }
      });
      if (problems.length > 0) throw new InvalidInputError(problems);
      await this.transition(manager, actor, estimate, 'review', dto.version, {});
      for (const opinion of dto.opinions) {
        const before = lines.get(opinion.lineId)!;
        const after = {
          dicOpinion: opinion.opinion,
          dicNote: opinion.note || null,
          designAgreed: opinion.designAgreed ?? before.designAgreed,
        };
        await this.ledger.updateLine(manager, opinion.lineId, after);
        await this.audit.record(manager, {
          actor,
          unitId: estimate.unitId,
          entityType: 'estimate_line',
          entityId: opinion.lineId,
          action: 'line.review',
          before: { dicOpinion: before.dicOpinion, dicNote: before.dicNote, designAgreed: before.designAgreed },
          after,
        });
      }
    });
  }

  /**
   * The appraisal round of the annex: DIC sets per line the appraised amount (0 ≤ appraised ≤
   * requested) and a note, while the estimate is SUBMITTED; balancing then cannot go above it.
   */
  appraise(id: string, dto: AppraisalDto, actor: Actor, idempotencyKey?: string): Promise<unknown> {
    return this.run(id, actor, 'appraise', { key: idempotencyKey, request: dto }, async (manager, estimate) => {
      await this.assertBudgetOpen(manager, estimate.year);
      const lines = await this.linesById(manager, id, dto.lines.map((item) => item.lineId), 'lines');
      const problems = dto.lines.flatMap((item, i) => appraisalProblems(lines.get(item.lineId)!, BigInt(item.appraisedAmount), `lines[${i}].appraisedAmount`));
      if (problems.length > 0) throw new InvalidInputError(problems);
      await this.transition(manager, actor, estimate, 'appraise', dto.version, {});
      for (const item of dto.lines) {
        const before = lines.get(item.lineId)!;
        const after = { appraisedAmount: BigInt(item.appraisedAmount), appraisalNote: item.note || null };
        await this.ledger.updateLine(manager, item.lineId, after);
        await this.audit.record(manager, {
          actor,
          unitId: estimate.unitId,
          entityType: 'estimate_line',
          entityId: item.lineId,
          action: 'line.appraise',
          before: { appraisedAmount: before.appraisedAmount, appraisalNote: before.appraisalNote },
          after,
        });
      }
    });
  }

  /**
   * DOF sets approved amounts on recurrent lines, DPI on investment lines. The estimate becomes
   * BALANCED once every line has an approved amount.
   */
  balance(id: string, dto: BalanceDto, actor: Actor, idempotencyKey?: string): Promise<unknown> {
    return this.run(id, actor, 'balance', { key: idempotencyKey, request: dto }, (manager, estimate) =>
      this.applyApprovedAmounts(
        manager,
        actor,
        estimate,
        dto.lines.map((item, i) => ({ lineId: item.lineId, approvedAmount: BigInt(item.approvedAmount), field: `lines[${i}]`, reason: item.reason ?? null })),
        dto.version,
      ),
    );
  }

  /**
   * The one way approved amounts are set before approval, by hand or from an adopted balancing
   * run or floor top-up: the budget must be open, each line balanced by its own department
   * (403), within its request (400), an IT project only with DIC's agreed design (409), a line
   * DIC disagreed with above 0 only with a written `reason` (400 `REASON_REQUIRED` naming
   * `<field>.reason`), which the line's audit event keeps.
   */
  async applyApprovedAmounts(
    manager: EntityManager,
    actor: Actor,
    estimate: Estimate,
    items: readonly { lineId: string; approvedAmount: bigint; field: string; reason?: string | null }[],
    version: number | undefined,
    action = 'line.balance',
  ): Promise<void> {
    await this.assertBudgetOpen(manager, estimate.year);
    const lines = await this.linesById(manager, estimate.id, items.map((item) => item.lineId), 'lines');
    const problems: FieldProblem[] = [];
    for (const item of items) {
      const line = lines.get(item.lineId)!;
      if (BALANCER_OF[line.expenditureTypeCode] !== actor.role) {
        throw new ForbiddenError(
          `${item.field}: ${line.expenditureTypeCode === 'RECURRENT' ? 'Sở Tài chính cân đối chi thường xuyên / DOF balances recurrent lines' : 'Sở KH&ĐT cân đối chi đầu tư / DPI balances investment lines'}`,
        );
      }
      problems.push(...approvedAmountProblems(line, item.approvedAmount, `${item.field}.approvedAmount`));
      if (item.approvedAmount > 0n && line.dicOpinion === 'DISAGREE' && isBlankText(item.reason)) {
        problems.push({
          field: `${item.field}.reason`,
          code: 'REASON_REQUIRED',
          message:
            `${item.field}.reason: Sở TT&TT không đồng ý dòng này${line.dicNote ? ` («${line.dicNote}»)` : ''}; cần lý do để cân đối lớn hơn 0 / ` +
            'DIC disagreed with this line: give a written reason to approve more than 0',
        });
      }
      if (item.approvedAmount > 0n && isInvestmentProject(line) && line.designAgreed !== true) {
        throw new ConflictError('DESIGN_NOT_AGREED', designNotAgreedMessage(line.designAgreed, item.field));
      }
    }
    if (problems.length > 0) throw new InvalidInputError(problems);

    await this.transition(manager, actor, estimate, 'balance', version, {});
    for (const item of items) {
      const before = lines.get(item.lineId)!.approvedAmount;
      await this.ledger.updateLine(manager, item.lineId, { approvedAmount: item.approvedAmount });
      await this.audit.record(manager, {
        actor,
        unitId: estimate.unitId,
        entityType: 'estimate_line',
        entityId: item.lineId,
        action,
        before: { approvedAmount: before },
        after: { approvedAmount: item.approvedAmount },
        reason: hasVisibleText(item.reason) ? item.reason.trim() : null,
      });
    }
    const all = await this.ledger.lines(manager, estimate.id);
    if (estimate.status === 'SUBMITTED' && isFullyBalanced(all)) {
      await this.ledger.markBalanced(manager, estimate.id);
      await this.recordStatus(manager, actor, estimate, 'BALANCED', 'estimate.balanced');
    }
  }

  /** After approval a figure changes only through a recorded adjustment with a reason. */
  adjust(id: string, dto: AdjustmentDto, actor: Actor, idempotencyKey?: string): Promise<unknown> {
    return this.run(id, actor, 'adjust', { key: idempotencyKey, request: dto }, async (manager, estimate) => {
      const lines = await this.linesById(manager, id, [dto.lineId], 'lineId');
      const line = lines.get(dto.lineId)!;
      if (BALANCER_OF[line.expenditureTypeCode] !== actor.role) throw new ForbiddenError();
      const approved = BigInt(dto.approvedAmount);
      const problems = approvedAmountProblems(line, approved, 'approvedAmount');
      if (problems.length > 0) throw new InvalidInputError(problems);
      if (approved > 0n && isInvestmentProject(line) && line.designAgreed !== true) {
        throw new ConflictError('DESIGN_NOT_AGREED', designNotAgreedMessage(line.designAgreed, 'approvedAmount'));
      }
      await this.transition(manager, actor, estimate, 'adjust', dto.version, {});
      await this.ledger.updateLine(manager, line.id, { approvedAmount: approved });
      if (approved < (line.approvedAmount ?? 0n)) await this.assertFloorHolds(manager, estimate.year);
      await this.ledger.recordAdjustment(manager, {
        lineId: line.id,
        estimateId: id,
        before: line.approvedAmount ?? 0n,
        after: approved,
        reason: dto.reason,
        actorId: actor.userId,
      });
      await this.audit.record(manager, {
        actor,
        unitId: estimate.unitId,
        entityType: 'estimate_line',
        entityId: line.id,
        action: 'line.adjust',
        before: { approvedAmount: line.approvedAmount },
        after: { approvedAmount: approved },
        reason: dto.reason,
      });
    });
  }

  async adjustments(id: string, actor: Actor): Promise<unknown[]> {
    await this.estimates.getFor(id, actor);
    const rows = await this.dataSource.query<({ actorId: string; createdAt: Date } & Record<string, unknown>)[]>(
      `SELECT a.id, a.line_id AS "lineId", a.line_no AS "lineNo", a.description AS "lineDescription",
              a.before_amount::text AS "beforeAmount", a.after_amount::text AS "afterAmount",
              a.reason, a.actor_id AS "actorId", a.created_at AS "createdAt"
         FROM ${this.ledger.adjustmentsOfEstimate('$1')} a
        ORDER BY a.created_at, a.id`,
      [id],
    );
    // Every adjustment has its actor (a foreign key); their names come from the auth module.
    const people = await this.auth.people(rows.map((row) => row.actorId));
    return rows.map(({ actorId, createdAt, ...row }) => ({
      ...row,
      actorId,
      actorName: people.get(actorId)?.username ?? null,
      actorFullName: people.get(actorId)?.fullName ?? null,
      createdAt,
    }));
  }

  /**
   * One transaction per action: the estimate must exist (404) and be the actor's to act on
   * (403); the work then runs once per idempotency key; the answer is the estimate afterwards.
   */
  private run(
    id: string,
    actor: Actor,
    action: EstimateAction,
    retry: { key: string | undefined; request: unknown },
    work: (manager: EntityManager, estimate: Estimate) => Promise<void>,
  ): Promise<unknown> {
    return this.dataSource.transaction(async (manager) => {
      // An adjustment is held to the floor over the whole year, so it takes the year exclusively.
      const estimate = await this.lockEstimate(manager, id, action === 'adjust' ? 'UPDATE' : 'SHARE');
      if (!coversUnit(actor, estimate.unitId)) throw new ForbiddenError();
      return applyOnce(manager, actor, { key: retry.key, request: retry.request, action: `estimate.${action}`, target: id }, async (): Promise<EstimateView> => {
        await work(manager, estimate);
        return this.estimates.get(id, manager);
      });
    });
  }

  /**
   * The transition itself: one conditional update on status (and version when given). Of two
   * concurrent attempts the second waits for the first's row lock, then matches no row: 409.
   */
  private async transition(
    manager: EntityManager,
    actor: Actor,
    estimate: Estimate,
    action: EstimateAction,
    version: number | undefined,
    changes: Record<string, unknown>,
    reason?: string,
  ): Promise<void> {
    await this.ledger.transition(manager, estimate.id, action, version, changes);
    const to = ESTIMATE_CYCLE[action].to;
    if (to) await this.recordStatus(manager, actor, estimate, to, `estimate.${action}`, reason);
  }

  private async recordStatus(
    manager: EntityManager,
    actor: Actor,
    estimate: Estimate,
    to: EstimateStatus,
    action: string,
    reason?: string,
  ): Promise<void> {
    await this.audit.record(manager, {
      actor,
      unitId: estimate.unitId,
      entityType: 'estimate',
      entityId: estimate.id,
      action,
      before: { status: estimate.status, version: estimate.version },
      after: { status: to },
      reason: reason ?? null,
    });
  }

  /** Under STOP an approved budget may not be adjusted below the 1% floor. */
  private async assertFloorHolds(manager: EntityManager, year: number): Promise<void> {
    const picture = await this.floor.picture(year, manager);
    if (picture.settings.floorPolicy !== 'STOP') return;
    const figures = floorFigures(picture.settings, picture.sourceTotals);
    if (figures.compliant === false) {
      throw new ConflictError(
        'FLOOR_BREACH',
        `Điều chỉnh làm chi CNTT thấp hơn mức sàn ${figures.floorAmount} (thiếu ${figures.shortfall}) / ` +
          `the adjustment would take IT ${figures.shortfall} below the floor ${figures.floorAmount}`,
      );
    }
  }

  /** The named lines of the estimate; a line of another estimate is 404, naming its position. */
  private async linesById(manager: EntityManager, estimateId: string, ids: string[], field: string): Promise<Map<string, EstimateLine>> {
    const duplicates = ids.filter((lineId, i) => ids.indexOf(lineId) !== i);
    if (duplicates.length > 0) {
      throw InvalidInputError.of(field, `dòng ${duplicates[0]} xuất hiện hai lần / line ${duplicates[0]} is listed twice`, 'DUPLICATE_LINE');
    }
    const lines = await this.ledger.linesById(manager, estimateId, ids);
    const byId = new Map(lines.map((line) => [line.id, line]));
    const missing = ids.find((lineId) => !byId.has(lineId));
    if (missing) throw new NotFoundError('Estimate line', missing);
    return byId;
  }

  /**
   * Locks, in the one order every path uses (see `lockYear`), the year's consolidated budget —
   * shared for changes that check no year-wide rule, so that changes to different estimates go on
   * side by side, exclusive for those that do — and then the estimate's row; rules are checked
   * only after, on what is locked.
   */
  lockEstimate(manager: EntityManager, id: string, mode: YearLockMode = 'SHARE'): Promise<Estimate> {
    return this.ledger.lockEstimate(manager, id, mode);
  }

  /** DOF and DPI cannot change estimates once the year's consolidated budget is submitted or approved. */
  private async assertBudgetOpen(manager: EntityManager, year: number): Promise<void> {
    // Already held by `lockEstimate`; read again for its status.
    const [budget] = await manager.query<{ status: YearBudgetStatus }[]>('SELECT status FROM consolidated_budgets WHERE year = $1', [year]);
    if (budget && YEAR_CLOSED.includes(budget.status)) {
      throw new ConflictError(
        'BUDGET_LOCKED',
        `Dự toán tổng hợp năm ${year} đang ở trạng thái ${budget.status} / The ${year} consolidated budget is ${budget.status}`,
      );
    }
  }
}
