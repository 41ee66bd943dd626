import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { HeavyWorkGate } from '../../common/concurrency/heavy-work-gate.js';
import { changeStatus, NOW, SqlText } from '../../common/concurrency/status-change.js';
import { NothingChanged, unlessNothingChanged } from '../../common/concurrency/nothing-changed.js';
import { canonicalJson } from '../../common/canonical-json.js';
import { ConflictError, type FieldProblem, InvalidInputError, NotFoundError } from '../../common/errors/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { EstimateLedger } from '../estimates/ledger/estimate-ledger.js';
import { FiscalYearsService } from '../fiscal-years/fiscal-years.service.js';
import { type UnitName, UnitsService } from '../units/units.service.js';
import { type Actor, coversUnit, ForbiddenError } from '../../common/access/actor.js';
import { type RowProblem, RowProblemsError } from '../spreadsheets/spreadsheet-errors.js';
import { applyOnce } from '../../common/idempotency/idempotency.js';
import { type ExecutionRow, executionRow } from './domain/execution.js';
import { Fraction } from './domain/fraction.js';
import {
  type CellProblem,
  disbursementProblems,
  EDITABLE_PROGRESS,
  figureProblems,
  type Half,
  isPastDue,
  PROGRESS_CYCLE,
  type ProgressAction,
  type ProgressStatus,
} from './domain/progress-rules.js';
import { inPopulation, shown } from './domain/targets.js';
import type { CreateProgressReportDto, ListProgressReportsQuery, ProgressReturnDto, ProgressTransitionDto, UpdateProgressReportDto } from './dto/monitoring.dto.js';
import { deadlineOf, periodOfYear, periodTargets, type TargetView, todayInVietnam } from './monitoring-data.js';
import { disbursementCell, indicatorCell, type ProgressWorkbookContext, readProgressWorkbook } from './progress-workbook.js';

interface ReportRow {
  id: string;
  unit_id: string;
  year: number;
  half: Half;
  status: ProgressStatus;
  version: number;
  note: string;
  first_submitted_at: Date | null;
  submitted_at: Date | null;
  submitted_late: boolean;
  due_date: string | null;
  return_comment: string | null;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}
const REPORT_COLUMNS = `id, unit_id, year, half, status, version, note, first_submitted_at, submitted_at, submitted_late, due_date,
  return_comment, reviewed_at, reviewed_by, created_by, created_at, updated_at`;

interface LineRow {
  id: string;
  line_no: number;
  description: string;
  plan_area_code: string;
  funding_source_code: string;
  expenditure_type_code: string;
  approved: string;
}

/** What a report is about: its unit, the targets the unit reports, the lines of its approved estimate. */
interface ReportContext {
  report: ReportRow;
  unit: UnitName;
  /** Targets of the year's plan period that the unit's kind reports, in order. */
  targets: TargetView[];
  /** Every target of the plan period, by code. */
  allTargets: Map<string, TargetView>;
  estimateId: string | null;
  lines: LineRow[];
}

interface IndicatorRow {
  target_id: string;
  numerator: string | null;
  denominator: string | null;
  achieved: boolean | null;
  note: string;
}

interface DisbursementRow {
  line_id: string;
  disbursed: string;
  overrun_reason: string | null;
}

export interface IndicatorView {
  targetId: string;
  targetCode: string;
  indicator: string;
  indicatorEn: string;
  measureUnit: string;
  aggregation: TargetView['aggregation'];
  numeratorLabel: string | null;
  numeratorLabelEn: string | null;
  denominatorLabel: string | null;
  denominatorLabelEn: string | null;
  numerator: bigint | null;
  denominator: bigint | null;
  achieved: boolean | null;
  /** The unit's own value (scale × numerator / denominator), for information. */
  value: string | null;
  note: string;
}

export interface DisbursementView {
  lineId: string;
  lineNo: number;
  description: string;
  planAreaCode: string;
  fundingSourceCode: string;
  expenditureTypeCode: string;
  approved: bigint;
  /** Disbursed so far this year; null until the unit gives it. */
  disbursed: bigint | null;
  overrunReason: string | null;
  /** Disbursed above the approved amount (with its reason). */
  overrun: boolean;
}

export interface ProgressReportView {
  id: string;
  unitId: string;
  unit: { id: string; code: string; name: string; nameEn: string; kind: string };
  year: number;
  half: Half;
  status: ProgressStatus;
  version: number;
  note: string;
  /** The half-year's deadline: the one the first submission was judged against, else today's rule. */
  dueDate: string;
  /** Not yet submitted and past the deadline. */
  overdue: boolean;
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  submittedLate: boolean;
  returnComment: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** The unit's APPROVED estimate of the year, whose lines the report covers; null when it has none. */
  estimateId: string | null;
  indicators: IndicatorView[];
  disbursements: DisbursementView[];
  /** Σ approved and Σ disbursed over the lines (a line without a figure counts 0 disbursed). */
  totals: ExecutionRow;
  /** Every target has its figure and every line its disbursed amount: the report can be submitted. */
  complete: boolean;
}

export interface ProgressReportListItem {
  id: string;
  unitId: string;
  unit: { id: string; code: string; name: string; nameEn: string; kind: string };
  year: number;
  half: Half;
  status: ProgressStatus;
  version: number;
  submittedAt: Date | null;
  submittedLate: boolean;
  reviewedAt: Date | null;
  updatedAt: Date;
}

/** A figure or amount as given (JSON or workbook), before it is checked. */
interface IndicatorItem {
  targetCode: string;
  numerator: bigint | null;
  denominator: bigint | null;
  achieved: boolean | null;
  note: string | undefined;
}
interface DisbursementItem {
  lineId: string;
  disbursed: bigint | null;
  overrunReason: string | null;
}
interface ItemProblem {
  list: 'indicators' | 'disbursements';
  index: number;
  problem: CellProblem;
}

const optionalCount = (value: string | undefined): bigint | null => (value === undefined ? null : BigInt(value));

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}

/** The unit as a report shows it. */
function unitFace(unit: UnitName): { id: string; code: string; name: string; nameEn: string; kind: string } {
  return { id: unit.id, code: unit.code, name: unit.name, nameEn: unit.nameEn, kind: unit.kind };
}

@Injectable()
export class ProgressReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly gate: HeavyWorkGate,
    private readonly ledger: EstimateLedger,
    private readonly units: UnitsService,
    private readonly fiscalYears: FiscalYearsService,
  ) {}

  /** The unit (or its head) opens the half-year's report; one per unit per half-year. */
  async create(dto: CreateProgressReportDto, actor: Actor): Promise<ProgressReportView> {
    const unit = await this.units.exists(dto.unitId);
    const problems: FieldProblem[] = [];
    if (!unit) problems.push({ field: 'unitId', code: 'UNKNOWN_UNIT', message: `unitId: đơn vị không tồn tại / unknown unit ${dto.unitId}` });
    try {
      await periodOfYear(this.fiscalYears, this.dataSource.manager, dto.year);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      problems.push(...(error.details ?? []));
    }
    if (problems.length > 0) throw new InvalidInputError(problems);
    if (!coversUnit(actor, dto.unitId)) throw new ForbiddenError('Bạn không báo cáo cho đơn vị này / You do not act for this unit');

    const id = randomUUID();
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.query('INSERT INTO progress_reports (id, unit_id, year, half, created_by) VALUES ($1, $2, $3, $4, $5)', [
          id,
          dto.unitId,
          dto.year,
          dto.half,
          actor.userId,
        ]);
        await this.audit.record(manager, {
          actor,
          unitId: dto.unitId,
          entityType: 'progress_report',
          entityId: id,
          action: 'progress.create',
          after: { unitId: dto.unitId, year: dto.year, half: dto.half, status: 'DRAFT' },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'progress_reports_unit_half_key')) {
        throw new ConflictError(
          'PROGRESS_REPORT_EXISTS',
          `Đơn vị đã có báo cáo 6 tháng ${dto.half === 1 ? 'đầu' : 'cuối'} năm ${dto.year} / This unit already has a report for half ${dto.half} of ${dto.year}`,
        );
      }
      throw error;
    }
    return this.view(id);
  }

  async list(query: ListProgressReportsQuery, actor: Actor): Promise<{ items: ProgressReportListItem[]; total: number; limit: number; offset: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (query.year !== undefined) add('r.year = ?', query.year);
    if (query.half !== undefined) add('r.half = ?', query.half);
    if (query.unitId !== undefined) add('r.unit_id = ?', query.unitId);
    if (query.status !== undefined) add('r.status = ?', query.status);
    if (actor.unitScope !== null) add('r.unit_id = ANY(?)', [...actor.unitScope]);
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    // The units by code, from their registry: SQL orders and pages by each unit's position in it.
    const directory = await this.units.directory();
    const unitById = new Map(directory.map((unit) => [unit.id, unit]));
    const [rows, counted] = await Promise.all([
      this.dataSource.query<ReportRow[]>(
        `SELECT r.id, r.unit_id, r.year, r.half, r.status, r.version, r.submitted_at, r.submitted_late, r.reviewed_at, r.updated_at
           FROM progress_reports r
           JOIN unnest($${params.length + 1}::uuid[]) WITH ORDINALITY AS o(unit_id, position) ON o.unit_id = r.unit_id
           ${whereSql}
          ORDER BY r.year DESC, r.half DESC, o.position, r.id
          LIMIT $${params.length + 2} OFFSET $${params.length + 3}`,
        [...params, directory.map((unit) => unit.id), query.limit, query.offset],
      ),
      this.dataSource.query<{ count: number }[]>(`SELECT COUNT(*)::int AS count FROM progress_reports r ${whereSql}`, params),
    ]);
    return {
      items: rows.map((row) => ({
        id: row.id,
        unitId: row.unit_id,
        unit: unitFace(unitById.get(row.unit_id)!),
        year: row.year,
        half: row.half,
        status: row.status,
        version: row.version,
        submittedAt: row.submitted_at,
        submittedLate: row.submitted_late,
        reviewedAt: row.reviewed_at,
        updatedAt: row.updated_at,
      })),
      total: counted[0]?.count ?? 0,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** A report as the actor may see it: one outside their units is "not found". */
  async getFor(id: string, actor: Actor): Promise<ProgressReportView> {
    const report = await this.view(id);
    if (!coversUnit(actor, report.unitId)) throw new NotFoundError('Progress report', id);
    return report;
  }

  /**
   * The unit sets figures and disbursed amounts while it holds the report (DRAFT, RETURNED): the
   * items given are set, others kept. One conditional update on the version first (stale: 409),
   * then the checks (400 naming each bad field), all in one transaction with its audit event.
   */
  async update(id: string, dto: UpdateProgressReportDto, actor: Actor): Promise<ProgressReportView> {
    const indicators: IndicatorItem[] = (dto.indicators ?? []).map((item) => ({
      targetCode: item.targetCode,
      numerator: optionalCount(item.numerator),
      denominator: optionalCount(item.denominator),
      achieved: item.achieved ?? null,
      note: item.note,
    }));
    const disbursements: DisbursementItem[] = (dto.disbursements ?? []).map((item) => ({
      lineId: item.lineId,
      disbursed: BigInt(item.disbursed),
      overrunReason: item.overrunReason || null,
    }));
    return unlessNothingChanged(
      () => this.dataSource.transaction((manager) => this.edit(manager, id, dto, indicators, disbursements, actor)),
      () => this.view(id),
    );
  }

  /**
   * What a line has disbursed by the unit's latest ACCEPTED semi-annual report of the year (the
   * second half over the first), as a scalar SQL sub-select (numeric; NULL when no accepted report
   * lists the line), for other modules' queries. `lineId`, `year` and `unitId` are the caller's
   * column references (`l.id`) or parameter references (`$1`); anything else throws.
   */
  latestAcceptedDisbursedSql(lineId: string, year: string, unitId: string): string {
    for (const ref of [lineId, year, unitId]) {
      if (!/^(\$[1-9][0-9]*|[a-z_]+\.[a-z_]+)$/.test(ref)) throw new Error(`not a parameter reference or a column: ${ref}`);
    }
    return `(SELECT d.disbursed FROM progress_disbursements d JOIN progress_reports r ON r.id = d.report_id
              WHERE d.line_id = ${lineId} AND r.year = ${year} AND r.unit_id = ${unitId} AND r.status = 'ACCEPTED'
              ORDER BY r.half DESC LIMIT 1)`;
  }

  /** The year and half-year of each progress report, by id (uuids); unknown ids are absent. */
  async periodsOf(ids: readonly string[], manager: Pick<EntityManager, 'query'> = this.dataSource.manager): Promise<Map<string, { year: number; half: number }>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.query<{ id: string; year: number; half: number }[]>('SELECT id, year, half FROM progress_reports WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((row) => [row.id, { year: row.year, half: row.half }]));
  }

  /** The body of `update`, inside its transaction; throws NothingChanged when the figures and note stay as they were. */
  private async edit(
    manager: EntityManager,
    id: string,
    dto: UpdateProgressReportDto,
    indicators: IndicatorItem[],
    disbursements: DisbursementItem[],
    actor: Actor,
  ): Promise<ProgressReportView> {
      const report = await this.claimForEdit(manager, id, dto.version, actor);
      const context = await this.context(manager, report, true);
      const problems = this.checkItems(context, indicators, disbursements, false);
      if (problems.length > 0) {
        throw new InvalidInputError(
          problems.map(({ list, index, problem }) => ({ field: `${list}[${index}].${problem.column}`, code: problem.code, message: `${list}[${index}].${problem.column}: ${problem.message}` })),
        );
      }
      const before = await this.figures(manager, id);
      await this.writeFigures(manager, context, indicators, disbursements, 'merge');
      if (dto.note !== undefined) await manager.query('UPDATE progress_reports SET note = $2 WHERE id = $1', [id, dto.note]);
      const after = await this.figures(manager, id);
      const was = { note: report.note, ...touched(before, indicators, disbursements, context) };
      const now = { note: dto.note ?? report.note, ...touched(after, indicators, disbursements, context) };
      // Restating what is stored is no edit: no version bump, no empty audit event.
      if (canonicalJson(was) === canonicalJson(now)) throw new NothingChanged();
      await this.audit.record(manager, { actor, unitId: report.unit_id, entityType: 'progress_report', entityId: id, action: 'progress.update', before: was, after: now });
      return this.view(id, manager);
  }

  /** DRAFT | RETURNED → SUBMITTED, by the unit head, once every figure is there. Late is flagged. */
  submit(id: string, dto: ProgressTransitionDto, actor: Actor, idempotencyKey?: string): Promise<unknown> {
    return this.run(id, actor, 'submit', { key: idempotencyKey, request: dto }, async (manager, report) => {
      const context = await this.context(manager, report, true);
      const figures = await this.figures(manager, id);
      const missingTargets = context.targets.filter((t) => !figures.indicators.has(t.id)).map((t) => t.code);
      const missingLines = context.lines.filter((l) => !figures.disbursements.has(l.id)).map((l) => l.line_no);
      const overruns = context.lines.filter((l) => {
        const d = figures.disbursements.get(l.id);
        return d !== undefined && disbursementProblems(BigInt(l.approved), BigInt(d.disbursed), d.overrun_reason).length > 0;
      });
      if (missingTargets.length > 0 || missingLines.length > 0) {
        const parts = [
          ...(missingTargets.length > 0 ? [`chỉ tiêu / targets ${missingTargets.join(', ')}`] : []),
          ...(missingLines.length > 0 ? [`dòng dự toán (STT) / estimate lines ${missingLines.join(', ')}`] : []),
        ];
        throw new ConflictError('REPORT_INCOMPLETE', `Báo cáo còn thiếu số liệu / The report lacks figures for ${parts.join('; ')}`);
      }
      if (overruns.length > 0) {
        throw new ConflictError(
          'DISBURSED_ABOVE_APPROVED',
          `Dòng ${overruns.map((l) => l.line_no).join(', ')}: giải ngân vượt dự toán được duyệt mà không có lý do / lines ${overruns.map((l) => l.line_no).join(', ')} disburse more than approved without a reason`,
        );
      }
      const deadline = report.due_date ?? (await deadlineOf(manager, report.year, report.half)).dueDate;
      // Judged once, at the first submission: a report returned and sent again keeps its flag.
      const late = report.first_submitted_at === null ? isPastDue(await todayInVietnam(manager), deadline) : report.submitted_late;
      await this.transition(manager, actor, report, 'submit', dto.version, [
        ['submitted_at', NOW],
        ['first_submitted_at', new SqlText('COALESCE(first_submitted_at, now())')],
        ['submitted_late', late],
        ['due_date', deadline],
        ['return_comment', null],
      ]);
    });
  }

  /** SUBMITTED → ACCEPTED, by DIC: the figures then count on the dashboard. */
  accept(id: string, dto: ProgressTransitionDto, actor: Actor, idempotencyKey?: string): Promise<unknown> {
    return this.run(id, actor, 'accept', { key: idempotencyKey, request: dto }, async (manager, report) => {
      await this.transition(manager, actor, report, 'accept', dto.version, [
        ['reviewed_at', NOW],
        ['reviewed_by', actor.userId],
      ]);
    });
  }

  /** SUBMITTED → RETURNED, by DIC, with what to fix. */
  return(id: string, dto: ProgressReturnDto, actor: Actor, idempotencyKey?: string): Promise<unknown> {
    return this.run(id, actor, 'return', { key: idempotencyKey, request: dto }, async (manager, report) => {
      await this.transition(
        manager,
        actor,
        report,
        'return',
        dto.version,
        [
          ['return_comment', dto.comment],
          ['reviewed_at', NOW],
          ['reviewed_by', actor.userId],
        ],
        dto.comment,
      );
    });
  }

  // ── Workbook ───────────────────────────────────────────────────────────────────────────────────

  /** What the report's workbook shows (the actor may read the report: 404 otherwise). */
  async workbookContext(id: string, actor: Actor): Promise<ProgressWorkbookContext> {
    const view = await this.getFor(id, actor);
    return {
      unitName: view.unit.name,
      unitCode: view.unit.code,
      year: view.year,
      half: view.half,
      reportId: view.id,
      version: view.version,
      targets: view.indicators.map((i) => ({
        code: i.targetCode,
        indicator: i.indicator,
        aggregation: i.aggregation === 'SHARE_OF_UNITS' ? 'SHARE_OF_UNITS' : 'RATIO_OF_SUMS',
        numeratorLabel: i.numeratorLabel,
        denominatorLabel: i.denominatorLabel,
        numerator: i.numerator,
        denominator: i.denominator,
        achieved: i.achieved,
        note: i.note,
      })),
      lines: view.disbursements.map((d) => ({
        lineNo: d.lineNo,
        description: d.description,
        planAreaCode: d.planAreaCode,
        fundingSourceCode: d.fundingSourceCode,
        expenditureTypeCode: d.expenditureTypeCode,
        approved: d.approved,
        disbursed: d.disbursed,
        overrunReason: d.overrunReason,
      })),
    };
  }

  /**
   * Replaces every figure and disbursed amount with the workbook's, all or nothing: every bad cell
   * is listed (422) and nothing is saved. The version is the one sent, else the one written in the
   * workbook; a stale one is 409.
   */
  async importWorkbook(id: string, file: Buffer, version: number | undefined, actor: Actor): Promise<ProgressReportView> {
    // The cheap checks before one byte of the file is parsed (issue 10): the report, the unit, the
    // status and a client-sent version. The write checks them again in its transaction.
    const [found] = await this.dataSource.query<{ unit_id: string; year: number; half: number; status: ProgressStatus; version: number }[]>(
      'SELECT unit_id, year, half, status, version FROM progress_reports WHERE id = $1',
      [id],
    );
    if (!found) throw new NotFoundError('Progress report', id);
    if (!coversUnit(actor, found.unit_id)) throw new ForbiddenError();
    if (!EDITABLE_PROGRESS.includes(found.status)) {
      throw ConflictError.notEditable('progressReport', found.status);
    }
    if (version !== undefined && version !== found.version) throw ConflictError.staleVersion('Progress report', version);
    // Parsing and saving are heavy work: one slot of the instance's gate (429 with Retry-After when none is free).
    const release = this.gate.enter();
    try {
      return await this.importRead(id, found, file, version, actor);
    } finally {
      release();
    }
  }

  private async importRead(
    id: string,
    found: { year: number; half: number },
    file: Buffer,
    version: number | undefined,
    actor: Actor,
  ): Promise<ProgressReportView> {
    const result = await readProgressWorkbook(file);
    if (!result.ok) throw new RowProblemsError(result.problems, result.problemCount);
    const problems: FieldProblem[] = [];
    if (result.meta.reportId !== undefined && result.meta.reportId !== id) {
      problems.push({ field: 'file', code: 'OTHER_REPORT', message: `file: sổ tính của báo cáo ${result.meta.reportId}, không phải ${id} / this workbook belongs to report ${result.meta.reportId}` });
    }
    if ((result.meta.year !== undefined && result.meta.year !== found.year) || (result.meta.half !== undefined && result.meta.half !== found.half)) {
      problems.push({ field: 'file', code: 'OTHER_PERIOD', message: `file: sổ tính của kỳ khác / the workbook is for another half-year (report: ${found.year}, half ${found.half})` });
    }
    const basedOn = version ?? result.meta.version;
    if (basedOn === undefined) problems.push({ field: 'version', code: 'REQUIRED', message: 'version: cần phiên bản báo cáo / give the version the workbook is based on' });
    if (problems.length > 0 || basedOn === undefined) throw new InvalidInputError(problems);

    return this.dataSource.transaction(async (manager) => {
      const report = await this.claimForEdit(manager, id, basedOn, actor);
      const context = await this.context(manager, report, true);
      const rowProblems: RowProblem[] = [];
      const lineByNo = new Map(context.lines.map((line) => [line.line_no, line]));
      const disbursementRows: number[] = [];
      const disbursements: DisbursementItem[] = [];
      for (const d of result.disbursements) {
        const line = lineByNo.get(d.lineNo);
        if (!line) {
          rowProblems.push(rowProblem('GiaiNgan', d.row, disbursementCell('lineNo'), 'lineNo', 'UNKNOWN_LINE', `dự toán được duyệt không có dòng ${d.lineNo} / the approved estimate has no line ${d.lineNo}`));
          continue;
        }
        disbursementRows.push(d.row);
        disbursements.push({ lineId: line.id, disbursed: d.disbursed, overrunReason: d.overrunReason });
      }
      const indicators: IndicatorItem[] = result.indicators.map((i) => ({ targetCode: i.targetCode, numerator: i.numerator, denominator: i.denominator, achieved: i.achieved, note: i.note }));
      for (const { list, index, problem } of this.checkItems(context, indicators, disbursements, true)) {
        if (list === 'indicators') {
          const letter = indicatorCell(problem.column === 'targetCode' || problem.column === 'numerator' || problem.column === 'denominator' || problem.column === 'achieved' ? problem.column : 'targetCode');
          rowProblems.push(rowProblem('ChiTieu', result.indicators[index].row, letter, problem.column, problem.code, problem.message));
        } else {
          const letter = disbursementCell(problem.column === 'disbursed' || problem.column === 'overrunReason' ? problem.column : 'lineNo');
          rowProblems.push(rowProblem('GiaiNgan', disbursementRows[index], letter, problem.column, problem.code, problem.message));
        }
      }
      if (rowProblems.length > 0) throw new RowProblemsError(rowProblems.sort((a, b) => a.field.localeCompare(b.field) || a.row - b.row));
      const before = await this.figures(manager, id);
      await this.writeFigures(manager, context, indicators, disbursements, 'replace');
      const after = await this.figures(manager, id);
      await this.audit.record(manager, {
        actor,
        unitId: report.unit_id,
        entityType: 'progress_report',
        entityId: id,
        action: 'progress.workbook_import',
        before: summary(before, context),
        after: summary(after, context),
      });
      return this.view(id, manager);
    });
  }

  // ── Reading ────────────────────────────────────────────────────────────────────────────────────

  async view(id: string, manager: EntityManager = this.dataSource.manager): Promise<ProgressReportView> {
    const [report] = await manager.query<ReportRow[]>(`SELECT ${REPORT_COLUMNS} FROM progress_reports WHERE id = $1`, [id]);
    if (!report) throw new NotFoundError('Progress report', id);
    const context = await this.context(manager, report, false);
    const figures = await this.figures(manager, id);
    const deadline = report.due_date ?? (await deadlineOf(manager, report.year, report.half)).dueDate;
    const today = await todayInVietnam(manager);

    const indicators = context.targets.map((target): IndicatorView => {
      const figure = figures.indicators.get(target.id);
      const numerator = figure?.numerator == null ? null : BigInt(figure.numerator);
      const denominator = figure?.denominator == null ? null : BigInt(figure.denominator);
      const value =
        target.aggregation === 'SHARE_OF_UNITS'
          ? figure?.achieved == null
            ? null
            : new Fraction(figure.achieved ? BigInt(target.scale) : 0n)
          : numerator === null || denominator === null
            ? null
            : Fraction.ratio(numerator, denominator, BigInt(target.scale));
      return {
        targetId: target.id,
        targetCode: target.code,
        indicator: target.indicator,
        indicatorEn: target.indicatorEn,
        measureUnit: target.measureUnit,
        aggregation: target.aggregation,
        numeratorLabel: target.numeratorLabel,
        numeratorLabelEn: target.numeratorLabelEn,
        denominatorLabel: target.denominatorLabel,
        denominatorLabelEn: target.denominatorLabelEn,
        numerator,
        denominator,
        achieved: figure?.achieved ?? null,
        value: shown(value),
        note: figure?.note ?? '',
      };
    });
    const disbursements = context.lines.map((line): DisbursementView => {
      const figure = figures.disbursements.get(line.id);
      const approved = BigInt(line.approved);
      const disbursed = figure ? BigInt(figure.disbursed) : null;
      return {
        lineId: line.id,
        lineNo: line.line_no,
        description: line.description,
        planAreaCode: line.plan_area_code,
        fundingSourceCode: line.funding_source_code,
        expenditureTypeCode: line.expenditure_type_code,
        approved,
        disbursed,
        overrunReason: figure?.overrun_reason ?? null,
        overrun: disbursed !== null && disbursed > approved,
      };
    });
    let approvedTotal = 0n;
    let disbursedTotal = 0n;
    for (const d of disbursements) {
      approvedTotal += d.approved;
      disbursedTotal += d.disbursed ?? 0n;
    }
    const neverSubmitted = report.first_submitted_at === null;
    return {
      id: report.id,
      unitId: report.unit_id,
      unit: unitFace(context.unit),
      year: report.year,
      half: report.half,
      status: report.status,
      version: report.version,
      note: report.note,
      dueDate: deadline,
      overdue: neverSubmitted && isPastDue(today, deadline),
      firstSubmittedAt: report.first_submitted_at,
      submittedAt: report.submitted_at,
      submittedLate: report.submitted_late,
      returnComment: report.return_comment,
      reviewedAt: report.reviewed_at,
      createdAt: report.created_at,
      updatedAt: report.updated_at,
      estimateId: context.estimateId,
      indicators,
      disbursements,
      totals: executionRow({ approved: approvedTotal, disbursed: disbursedTotal }),
      complete: indicators.every((i) => i.achieved !== null || i.numerator !== null) && disbursements.every((d) => d.disbursed !== null),
    };
  }

  // ── Internals ──────────────────────────────────────────────────────────────────────────────────

  /**
   * One transaction per transition: the report must exist (404) and be the actor's to act on
   * (403); its row is locked before any rule is checked; the work runs once per idempotency key;
   * the answer is the report afterwards.
   */
  private run(
    id: string,
    actor: Actor,
    action: ProgressAction,
    retry: { key: string | undefined; request: unknown },
    work: (manager: EntityManager, report: ReportRow) => Promise<void>,
  ): Promise<unknown> {
    return this.dataSource.transaction(async (manager) => {
      const [report] = await manager.query<ReportRow[]>(`SELECT ${REPORT_COLUMNS} FROM progress_reports WHERE id = $1 FOR UPDATE`, [id]);
      if (!report) throw new NotFoundError('Progress report', id);
      if (!coversUnit(actor, report.unit_id)) throw new ForbiddenError();
      return applyOnce(manager, actor, { key: retry.key, request: retry.request, action: `progress.${action}`, target: id }, async () => {
        await work(manager, report);
        return this.view(id, manager);
      });
    });
  }

  /** The transition: one conditional update on status (and version when given); 409 otherwise. */
  private async transition(
    manager: EntityManager,
    actor: Actor,
    report: ReportRow,
    action: ProgressAction,
    version: number | undefined,
    changes: readonly (readonly [string, unknown])[],
    reason?: string,
  ): Promise<void> {
    const rule = PROGRESS_CYCLE[action];
    const illegal = (current: string) => ConflictError.illegalTransition('progressReport', action, current);
    await changeStatus(
      manager,
      { table: 'progress_reports', where: { id: report.id }, from: rule.from, to: rule.to, version, set: Object.fromEntries(changes) },
      { name: 'Progress report', illegal, missing: () => illegal('GONE') },
    );
    // Audit last: the chain lock comes after the row locks, as on every other path.
    await this.audit.record(manager, {
      actor,
      unitId: report.unit_id,
      entityType: 'progress_report',
      entityId: report.id,
      action: `progress.${action}`,
      before: { status: report.status, version: report.version },
      after: { status: rule.to, ...Object.fromEntries(changes.filter(([, v]) => v === null || typeof v !== 'object').map(([k, v]) => [k, v])) },
      reason: reason ?? null,
    });
  }

  /**
   * Takes the right to change a report's figures: the shared versioned conditional change (status
   * kept, version + 1) only if the version is the one the client saw and the unit holds the report
   * (DRAFT, RETURNED; otherwise 409 `NOT_EDITABLE`; stale: 409 `STALE_VERSION`). Of concurrent
   * attempts on the same version exactly one succeeds; the others wait for its row lock, then get
   * 409. Answers the report as claimed (its row stays locked until the transaction ends).
   */
  private async claimForEdit(manager: EntityManager, id: string, version: number, actor: Actor): Promise<ReportRow> {
    const [target] = await manager.query<{ unit_id: string }[]>('SELECT unit_id FROM progress_reports WHERE id = $1', [id]);
    if (!target) throw new NotFoundError('Progress report', id);
    if (!coversUnit(actor, target.unit_id)) throw new ForbiddenError('Bạn không báo cáo cho đơn vị này / You do not act for this unit');
    await changeStatus(
      manager,
      { table: 'progress_reports', where: { id }, from: EDITABLE_PROGRESS, version },
      {
        name: 'Progress report',
        illegal: (current) => ConflictError.notEditable('progressReport', current),
      },
    );
    const [claimed] = await manager.query<ReportRow[]>(`SELECT ${REPORT_COLUMNS} FROM progress_reports WHERE id = $1`, [id]);
    return claimed;
  }

  /**
   * The report's unit, the targets it reports and its approved estimate's lines. With `lock`, the
   * estimate's row is held (shared) so that no adjustment moves an approved amount under the checks.
   */
  private async context(manager: EntityManager, report: ReportRow, lock: boolean): Promise<ReportContext> {
    const unit = await this.units.nameOf(report.unit_id, manager);
    if (!unit) throw new NotFoundError('Unit', report.unit_id);
    const period = await periodOfYear(this.fiscalYears, manager, report.year);
    const all = await periodTargets(manager, period);
    const estimateId = await this.ledger.approvedEstimateOf(manager, report.unit_id, report.year, { lock });
    const lines = estimateId
      ? await manager.query<LineRow[]>(
          `SELECT id, line_no, description, plan_area_code, funding_source_code, expenditure_type_code, COALESCE(approved_amount, 0)::text AS approved
             FROM ${this.ledger.linesOfEstimates('$1')} l ORDER BY line_no`,
          [[estimateId]],
        )
      : [];
    return {
      report,
      unit,
      targets: all.filter((target) => inPopulation(target, unit.kind)),
      allTargets: new Map(all.map((target) => [target.code, target])),
      estimateId,
      lines,
    };
  }

  private async figures(manager: EntityManager, id: string): Promise<{ indicators: Map<string, IndicatorRow>; disbursements: Map<string, DisbursementRow> }> {
    // Often inside a transaction, on its one connection: one query after the other.
    const indicators = await manager.query<IndicatorRow[]>(
      'SELECT target_id, numerator::text AS numerator, denominator::text AS denominator, achieved, note FROM progress_indicators WHERE report_id = $1',
      [id],
    );
    const disbursements = await manager.query<DisbursementRow[]>(
      'SELECT line_id, disbursed::text AS disbursed, overrun_reason FROM progress_disbursements WHERE report_id = $1',
      [id],
    );
    return { indicators: new Map(indicators.map((row) => [row.target_id, row])), disbursements: new Map(disbursements.map((row) => [row.line_id, row])) };
  }

  /**
   * Every problem with the items given. With `blankClears` (a workbook), an item without any
   * figure means "no figure"; in JSON every item listed must carry its figure.
   */
  private checkItems(context: ReportContext, indicators: readonly IndicatorItem[], disbursements: readonly DisbursementItem[], blankClears: boolean): ItemProblem[] {
    const problems: ItemProblem[] = [];
    const applicable = new Set(context.targets.map((target) => target.code));
    const seenTargets = new Set<string>();
    indicators.forEach((item, index) => {
      const add = (problem: CellProblem) => problems.push({ list: 'indicators', index, problem });
      const target = context.allTargets.get(item.targetCode);
      if (seenTargets.has(item.targetCode)) {
        add({ column: 'targetCode', code: 'DUPLICATE', message: `chỉ tiêu ${item.targetCode} có hai lần / target ${item.targetCode} is listed twice` });
        return;
      }
      seenTargets.add(item.targetCode);
      if (!target) {
        add({ column: 'targetCode', code: 'UNKNOWN_TARGET', message: `không có chỉ tiêu ${item.targetCode} trong giai đoạn / no target ${item.targetCode} in the plan period` });
        return;
      }
      if (!applicable.has(item.targetCode)) {
        if (target.aggregation === 'PROVINCE_VALUE') {
          add(figureProblems(target, item)[0]);
        } else {
          add({
            column: 'targetCode',
            code: 'NOT_REPORTED_BY_UNIT',
            message: `chỉ tiêu ${item.targetCode} không do loại đơn vị ${context.unit.kind} báo cáo / units of kind ${context.unit.kind} do not report ${item.targetCode}`,
          });
        }
        return;
      }
      if (blankClears && item.numerator === null && item.denominator === null && item.achieved === null) return;
      for (const problem of figureProblems(target, item)) add(problem);
    });
    const lines = new Map(context.lines.map((line) => [line.id, line]));
    const seenLines = new Set<string>();
    disbursements.forEach((item, index) => {
      const add = (problem: CellProblem) => problems.push({ list: 'disbursements', index, problem });
      if (seenLines.has(item.lineId)) {
        add({ column: 'lineId', code: 'DUPLICATE', message: `dòng ${item.lineId} có hai lần / line ${item.lineId} is listed twice` });
        return;
      }
      seenLines.add(item.lineId);
      const line = lines.get(item.lineId);
      if (!line) {
        add({
          column: 'lineId',
          code: 'UNKNOWN_LINE',
          message: `không phải dòng của dự toán được duyệt năm ${context.report.year} của đơn vị / not a line of the unit's approved ${context.report.year} estimate`,
        });
        return;
      }
      if (item.disbursed === null) {
        if (item.overrunReason !== null) add({ column: 'disbursed', code: 'REQUIRED', message: 'cần số đã giải ngân / the disbursed amount is required' });
        return;
      }
      for (const problem of disbursementProblems(BigInt(line.approved), item.disbursed, item.overrunReason)) add(problem);
    });
    return problems;
  }

  /** Writes checked items: `merge` sets the items given; `replace` makes them the report's only figures. */
  private async writeFigures(
    manager: EntityManager,
    context: ReportContext,
    indicators: readonly IndicatorItem[],
    disbursements: readonly DisbursementItem[],
    mode: 'merge' | 'replace',
  ): Promise<void> {
    const id = context.report.id;
    if (mode === 'replace') {
      await manager.query('DELETE FROM progress_indicators WHERE report_id = $1', [id]);
      await manager.query('DELETE FROM progress_disbursements WHERE report_id = $1', [id]);
    }
    for (const item of indicators) {
      if (item.numerator === null && item.denominator === null && item.achieved === null) continue;
      const target = context.allTargets.get(item.targetCode)!;
      await manager.query(
        `INSERT INTO progress_indicators (report_id, target_id, numerator, denominator, achieved, note) VALUES ($1, $2, $3, $4, $5, COALESCE($6, ''))
         ON CONFLICT (report_id, target_id) DO UPDATE
           SET numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator, achieved = EXCLUDED.achieved,
               note = COALESCE($6, progress_indicators.note)`,
        [id, target.id, item.numerator?.toString() ?? null, item.denominator?.toString() ?? null, item.achieved, item.note ?? null],
      );
    }
    for (const item of disbursements) {
      if (item.disbursed === null) continue;
      await manager.query(
        `INSERT INTO progress_disbursements (report_id, line_id, disbursed, overrun_reason) VALUES ($1, $2, $3, $4)
         ON CONFLICT (report_id, line_id) DO UPDATE SET disbursed = EXCLUDED.disbursed, overrun_reason = EXCLUDED.overrun_reason`,
        [id, item.lineId, item.disbursed.toString(), item.overrunReason],
      );
    }
  }
}

function rowProblem(sheet: string, row: number, column: string, field: string, code: string, message: string): RowProblem {
  return { row, column, field: `${sheet}.${field}`, code, message: `${sheet}!${column}${row}: ${message}` };
}

/** The figures an edit touched, as the audit trail keeps them. */
function touched(
  figures: { indicators: Map<string, IndicatorRow>; disbursements: Map<string, DisbursementRow> },
  indicators: readonly IndicatorItem[],
  disbursements: readonly DisbursementItem[],
  context: ReportContext,
): { indicators: unknown[]; disbursements: unknown[] } {
  return {
    indicators: indicators.map((item) => {
      const row = figures.indicators.get(context.allTargets.get(item.targetCode)?.id ?? '');
      return { targetCode: item.targetCode, numerator: row?.numerator ?? null, denominator: row?.denominator ?? null, achieved: row?.achieved ?? null, note: row?.note ?? null };
    }),
    disbursements: disbursements.map((item) => {
      const row = figures.disbursements.get(item.lineId);
      return { lineId: item.lineId, disbursed: row?.disbursed ?? null, overrunReason: row?.overrun_reason ?? null };
    }),
  };
}

/** Every figure of a report, as the audit trail keeps a workbook import. */
function summary(figures: { indicators: Map<string, IndicatorRow>; disbursements: Map<string, DisbursementRow> }, context: ReportContext): unknown {
  const codeOf = new Map([...context.allTargets.values()].map((t) => [t.id, t.code]));
  return {
    indicators: [...figures.indicators.values()].map((row) => ({ targetCode: codeOf.get(row.target_id), numerator: row.numerator, denominator: row.denominator, achieved: row.achieved })),
    disbursements: [...figures.disbursements.values()].map((row) => ({ lineId: row.line_id, disbursed: row.disbursed, overrunReason: row.overrun_reason })),
  };
}
