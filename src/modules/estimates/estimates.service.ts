import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { ConflictError, type FieldProblem, InvalidInputError, NotFoundError } from '../../common/errors/domain-error.js';
import { changeStatus } from '../../common/concurrency/status-change.js';
import { normaliseDecimal, sumVnd } from '../../common/money/vnd.js';
import { lockYear, YEAR_CLOSED } from '../../database/year-lock.js';
import { canonicalJson } from '../../common/canonical-json.js';
import { NothingChanged, unlessNothingChanged } from '../../common/concurrency/nothing-changed.js';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, coversUnit, ForbiddenError } from '../../common/access/actor.js';
import type { CatalogCodes } from '../catalog/catalog-codes.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { SupportService } from '../support/support.service.js';
import { FiscalYearsService } from '../fiscal-years/fiscal-years.service.js';
import type { Unit } from '../units/entities/unit.entity.js';
import { type UnitName, UnitsService } from '../units/units.service.js';
import { classificationProblems } from '../catalog/budget-index.js';
import { codeProblems, computeAmount, multiYearProblems } from './domain/line-rules.js';
import { type EstimateTotals, estimateTotals } from './domain/totals.js';
import type { CreateEstimateDto, ListEstimatesQuery } from './dto/estimate.dto.js';
import type { CreateLineDto, LineFieldsDto, UpdateLineDto } from './dto/line.dto.js';
import { EstimateLine } from './entities/estimate-line.entity.js';
import { EDITABLE_STATUSES, Estimate, type EstimateStatus } from './entities/estimate.entity.js';

/** A line as the API shows it: with the appraisal's variance (appraised − requested, ≤ 0; null before the appraisal). */
export type EstimateLineView = EstimateLine & { appraisalVariance: bigint | null };

export interface EstimateView extends Estimate {
  unit: Pick<Unit, 'id' | 'code' | 'name' | 'nameEn' | 'kind'>;
  lines: EstimateLineView[];
  totals: EstimateTotals;
  /** Support the chair decided for the unit this year: lines funded from it may ask up to this. */
  supportAwarded: { fundingSourceCode: string; amount: bigint }[];
  /** Σ of the lines' approved amounts as the chair decided them; null before the decision. */
  decidedTotal: bigint | null;
  /** Σ of the lines' current approved amounts (after any adjustment); null while no line has one. */
  approvedTotal: bigint | null;
}

export interface EstimateListItem extends Estimate {
  unit: Pick<Unit, 'id' | 'code' | 'name' | 'nameEn' | 'kind'>;
  total: bigint;
  lineCount: number;
}

type Review = Pick<EstimateLine, 'dicOpinion' | 'dicNote' | 'designAgreed' | 'appraisedAmount' | 'appraisalNote'>;

/** The fields that make two lines the same request (what a change would make DIC review again). */
const REQUEST_FIELDS = [
  'isContinuing', 'planAreaCode', 'expenditureTypeCode', 'fundingSourceCode', 'activityKindCode', 'description',
  'measureUnit', 'quantity', 'unitPrice', 'amount', 'multiYearTotal', 'fundedToPrev2', 'prevYearEstimate',
  'prevYearExpected', 'projectionNext1', 'projectionNext2', 'priorityTier', 'contingency', 'committedMinimum', 'justification',
  'loaiKhoan', 'mucTieuMuc',
] as const satisfies readonly (keyof LineContent)[];

const sameRequest = (line: LineContent): string =>
  canonicalJson(Object.fromEntries(REQUEST_FIELDS.map((field) => [field, field === 'quantity' ? normaliseDecimal(line.quantity) : line[field]])));

/**
 * A workbook import replaces the lines; DIC's review of a line that comes back unchanged is kept
 * (each old line's review serves at most one new line), as a single-line edit would keep it.
 */
function reviewsKept(old: readonly EstimateLine[], lines: readonly LineContent[]): (Review | null)[] {
  const byContent = new Map<string, Review[]>();
  for (const line of old) {
    if (line.dicOpinion === null && line.designAgreed === null && line.appraisedAmount === null) continue;
    const key = sameRequest(line);
    byContent.set(key, [
      ...(byContent.get(key) ?? []),
      { dicOpinion: line.dicOpinion, dicNote: line.dicNote, designAgreed: line.designAgreed, appraisedAmount: line.appraisedAmount, appraisalNote: line.appraisalNote },
    ]);
  }
  return lines.map((line) => byContent.get(sameRequest(line))?.shift() ?? null);
}

/** Up to this many lines, a workbook import's audit event holds the lines before and after. */
const AUDITED_LINES = 2000;

/** What a client sets on a line; the review and balancing fields are set by the workflow. */
type LineContent = Omit<
  EstimateLine,
  'id' | 'estimateId' | 'lineNo' | 'createdAt' | 'updatedAt' | 'approvedAmount' | 'decidedAmount' | 'dicOpinion' | 'dicNote' | 'designAgreed' | 'appraisedAmount' | 'appraisalNote'
>;

/** A changed line is a new request: its review and approved amount start over. */
const CLEARED_REVIEW = { approvedAmount: null, dicOpinion: null, dicNote: null, designAgreed: null, appraisedAmount: null, appraisalNote: null } as const;

const optionalVnd = (value: string | null | undefined): bigint | null => (value === undefined || value === null ? null : BigInt(value));

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}

/** The unit as an estimate shows it. */
function unitFace(unit: UnitName): EstimateView['unit'] {
  return { id: unit.id, code: unit.code, name: unit.name, nameEn: unit.nameEn, kind: unit.kind };
}

@Injectable()
export class EstimatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly audit: AuditService,
    private readonly support: SupportService,
    private readonly units: UnitsService,
    private readonly fiscalYears: FiscalYearsService,
  ) {}

  async create(dto: CreateEstimateDto, actor: Actor): Promise<EstimateView> {
    const [unit, year] = await Promise.all([this.units.exists(dto.unitId), this.fiscalYears.exists(dto.year)]);
    const problems: FieldProblem[] = [];
    if (!unit) problems.push({ field: 'unitId', code: 'UNKNOWN_UNIT', message: `unitId: đơn vị không tồn tại / unknown unit ${dto.unitId}` });
    if (!year) problems.push({ field: 'year', code: 'UNKNOWN_YEAR', message: `year: năm ngân sách ${dto.year} chưa được thiết lập / unknown fiscal year` });
    if (problems.length > 0) throw new InvalidInputError(problems);
    if (!coversUnit(actor, dto.unitId)) throw new ForbiddenError('Bạn không lập dự toán cho đơn vị này / You do not act for this unit');

    const id = randomUUID();
    try {
      await this.dataSource.transaction(async (manager) => {
        // A new estimate changes what the budget's submission must find balanced or excluded: it
        // holds the year (see lockYear) and comes too late once the budget is with the chair.
        const budget = await lockYear(manager, dto.year, 'SHARE');
        if (YEAR_CLOSED.includes(budget)) {
          throw new ConflictError(
            'BUDGET_LOCKED',
            `year: dự toán tổng hợp năm ${dto.year} đã ở trạng thái ${budget}, không lập thêm dự toán / ` +
              `the ${dto.year} consolidated budget is ${budget}: no new estimate can join it`,
          );
        }
        await manager.insert(Estimate, { id, unitId: dto.unitId, year: dto.year, status: 'DRAFT', illustrative: false, version: 1 });
        await this.audit.record(manager, {
          actor,
          unitId: dto.unitId,
          entityType: 'estimate',
          entityId: id,
          action: 'estimate.create',
          after: { unitId: dto.unitId, year: dto.year, status: 'DRAFT' },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'estimates_unit_year_key')) {
        throw new ConflictError(
          'ESTIMATE_EXISTS',
          `Đơn vị đã có dự toán năm ${dto.year} / This unit already has an estimate for ${dto.year}`,
        );
      }
      throw error;
    }
    return this.get(id);
  }

  async list(query: ListEstimatesQuery, actor: Actor): Promise<{ items: EstimateListItem[]; total: number; limit: number; offset: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (query.year !== undefined) add('e.year = ?', query.year);
    if (query.unitId !== undefined) add('e.unit_id = ?', query.unitId);
    if (query.status !== undefined) add('e.status = ?', query.status);
    if (actor.unitScope !== null) add('e.unit_id = ANY(?)', [...actor.unitScope]);
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';

    // The units by code, from their registry: SQL orders and pages by each unit's position in it.
    const directory = await this.units.directory();
    const byId = new Map(directory.map((unit) => [unit.id, unit]));
    const [rows, counted] = await Promise.all([
      this.dataSource.query<Record<string, unknown>[]>(
        `SELECT e.id, e.unit_id, e.year, e.status, e.illustrative, e.version, e.created_at, e.updated_at,
                e.submitted_at, e.submitted_late, e.return_comment, e.balanced_at, e.approved_at,
                COALESCE(t.requested, 0)::text AS total, COALESCE(t.line_count, 0)::int AS line_count
           FROM estimates e
           JOIN unnest($${params.length + 1}::uuid[]) WITH ORDINALITY AS o(unit_id, position) ON o.unit_id = e.unit_id
           LEFT JOIN estimate_totals t ON t.estimate_id = e.id AND t.plan_area_code = ''
           ${whereSql}
          ORDER BY e.year DESC, o.position, e.id
          LIMIT $${params.length + 2} OFFSET $${params.length + 3}`,
        [...params, directory.map((unit) => unit.id), query.limit, query.offset],
      ),
      this.dataSource.query<{ count: number }[]>(`SELECT COUNT(*)::int AS count FROM estimates e ${whereSql}`, params),
    ]);
    const items = rows.map((row) => ({
      id: row.id as string,
      unitId: row.unit_id as string,
      year: row.year as number,
      status: row.status as EstimateStatus,
      illustrative: row.illustrative as boolean,
      version: row.version as number,
      createdAt: row.created_at as Date,
      updatedAt: row.updated_at as Date,
      submittedAt: row.submitted_at as Date | null,
      submittedLate: row.submitted_late as boolean,
      returnComment: row.return_comment as string | null,
      balancedAt: row.balanced_at as Date | null,
      approvedAt: row.approved_at as Date | null,
      unit: unitFace(byId.get(row.unit_id as string)!),
      total: BigInt(row.total as string),
      lineCount: row.line_count as number,
    }));
    return { items, total: counted[0]?.count ?? 0, limit: query.limit, offset: query.offset };
  }

  /** An estimate as the actor may see it: one outside their units is "not found". */
  async getFor(id: string, actor: Actor): Promise<EstimateView> {
    const estimate = await this.get(id);
    if (!coversUnit(actor, estimate.unitId)) throw new NotFoundError('Estimate', id);
    return estimate;
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<EstimateView> {
    const estimate = await manager.findOneBy(Estimate, { id });
    if (!estimate) throw new NotFoundError('Estimate', id);
    // One after the other: inside a transaction they share one connection.
    const unit = await this.units.nameOf(estimate.unitId, manager);
    if (!unit) throw new NotFoundError('Unit', estimate.unitId);
    const lines = await manager.find(EstimateLine, { where: { estimateId: id }, order: { lineNo: 'ASC' } });
    const supportAwarded = await this.support.awardedSupport(estimate.unitId, estimate.year, manager);
    return {
      ...estimate,
      unit: unitFace(unit),
      lines: lines.map((line) => ({ ...line, appraisalVariance: line.appraisedAmount === null ? null : line.appraisedAmount - line.amount })),
      totals: estimateTotals(lines),
      supportAwarded,
      decidedTotal: estimate.status === 'APPROVED' ? sumVnd(lines.map((line) => line.decidedAmount ?? 0n)) : null,
      approvedTotal: lines.some((line) => line.approvedAmount !== null) ? sumVnd(lines.map((line) => line.approvedAmount ?? 0n)) : null,
    };
  }

  async addLine(estimateId: string, dto: CreateLineDto, actor: Actor): Promise<EstimateView> {
    const codes = await this.codesFor(estimateId);
    return this.dataSource.transaction(async (manager) => {
      const estimate = await this.claimForEdit(manager, estimateId, dto.version, actor);
      const line = this.buildLine(dto, codes);
      const [{ next }] = await manager.query<[{ next: number }]>(
        'SELECT COALESCE(MAX(line_no), 0) + 1 AS next FROM estimate_lines WHERE estimate_id = $1',
        [estimateId],
      );
      const row = { ...line, id: randomUUID(), estimateId, lineNo: next };
      await manager.insert(EstimateLine, row);
      await this.recordLineChange(manager, actor, estimate, 'line.create', row.id, null, row);
      return this.get(estimateId, manager);
    });
  }

  async updateLine(estimateId: string, lineId: string, dto: UpdateLineDto, actor: Actor): Promise<EstimateView> {
    const codes = await this.codesFor(estimateId);
    return unlessNothingChanged(
      () => this.dataSource.transaction((manager) => this.editLine(manager, estimateId, lineId, dto, actor, codes)),
      () => this.get(estimateId),
    );
  }

  private async editLine(manager: EntityManager, estimateId: string, lineId: string, dto: UpdateLineDto, actor: Actor, codes: CatalogCodes): Promise<EstimateView> {
      const estimate = await this.claimForEdit(manager, estimateId, dto.version, actor);
      const existing = await manager.findOneBy(EstimateLine, { id: lineId, estimateId });
      if (!existing) throw new NotFoundError('Estimate line', lineId);
      // Fields left out keep their stored value; optional amounts sent as null are cleared.
      const stored = (value: bigint | null) => (value === null ? null : value.toString());
      const merged: LineFieldsDto = {
        isContinuing: dto.isContinuing ?? existing.isContinuing,
        planAreaCode: dto.planAreaCode ?? existing.planAreaCode,
        expenditureTypeCode: dto.expenditureTypeCode ?? existing.expenditureTypeCode,
        fundingSourceCode: dto.fundingSourceCode ?? existing.fundingSourceCode,
        activityKindCode: dto.activityKindCode ?? existing.activityKindCode,
        description: dto.description ?? existing.description,
        measureUnit: dto.measureUnit ?? existing.measureUnit,
        quantity: dto.quantity ?? existing.quantity,
        unitPrice: dto.unitPrice ?? existing.unitPrice.toString(),
        amount: dto.amount,
        multiYearTotal: dto.multiYearTotal !== undefined ? dto.multiYearTotal : stored(existing.multiYearTotal),
        fundedToPrev2: dto.fundedToPrev2 !== undefined ? dto.fundedToPrev2 : stored(existing.fundedToPrev2),
        prevYearEstimate: dto.prevYearEstimate !== undefined ? dto.prevYearEstimate : stored(existing.prevYearEstimate),
        prevYearExpected: dto.prevYearExpected !== undefined ? dto.prevYearExpected : stored(existing.prevYearExpected),
        projectionNext1: dto.projectionNext1 !== undefined ? dto.projectionNext1 : stored(existing.projectionNext1),
        projectionNext2: dto.projectionNext2 !== undefined ? dto.projectionNext2 : stored(existing.projectionNext2),
        contingency: dto.contingency !== undefined ? dto.contingency : stored(existing.contingency),
        priorityTier: dto.priorityTier ?? existing.priorityTier,
        committedMinimum: dto.committedMinimum ?? existing.committedMinimum.toString(),
        justification: dto.justification ?? existing.justification,
        loaiKhoan: dto.loaiKhoan !== undefined ? dto.loaiKhoan : existing.loaiKhoan,
        mucTieuMuc: dto.mucTieuMuc !== undefined ? dto.mucTieuMuc : existing.mucTieuMuc,
      };
      const content = this.buildLine(merged, codes);
      // Compared normalised ("011800000" is 11800000): an edit that changes nothing is no edit. It
      // still passes every check above (unit, editable, version: a stale version is still 409), then
      // is undone whole — no version bump, no audit event, and DIC's review of the line is kept.
      // An officer re-saving an unchanged line expects "saved, nothing changed", so 200, not 4xx.
      if (sameRequest(content) === sameRequest(existing)) throw new NothingChanged();
      const changed = { ...content, ...CLEARED_REVIEW };
      await manager.update(EstimateLine, { id: lineId }, changed);
      await this.recordLineChange(manager, actor, estimate, 'line.update', lineId, existing, { ...existing, ...changed });
      return this.get(estimateId, manager);
  }

  /**
   * Replaces every line of an editable estimate at once (a workbook import): all or nothing,
   * under the same version rule and line checks as single edits; one audit event. `within` runs
   * last inside the transaction (what it writes commits with the lines; what it throws undoes them).
   */
  async replaceLines(
    estimateId: string,
    version: number,
    lines: readonly LineFieldsDto[],
    actor: Actor,
    within?: (manager: EntityManager, saved: EstimateView) => Promise<void>,
  ): Promise<EstimateView> {
    const codes = await this.codesFor(estimateId);
    const built: LineContent[] = [];
    const problems: FieldProblem[] = [];
    lines.forEach((line, i) => {
      try {
        built.push(this.buildLine(line, codes));
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        problems.push(...(error.details ?? []).map((d) => ({ ...d, field: `lines[${i}].${d.field}` })));
      }
    });
    if (problems.length > 0) throw new InvalidInputError(problems);
    return this.dataSource.transaction(async (manager) => {
      const estimate = await this.claimForEdit(manager, estimateId, version, actor);
      const old = await manager.find(EstimateLine, { where: { estimateId }, order: { lineNo: 'ASC' } });
      await manager.query('DELETE FROM estimate_lines WHERE estimate_id = $1', [estimateId]);
      await this.insertLines(manager, estimateId, built, reviewsKept(old, built));
      // The trail keeps the lines themselves, before and after, up to a size that keeps one event
      // reasonable; past it, the counts and totals (the workbook itself is the officer's record).
      const summary = (lines: readonly LineContent[]) => ({
        lineCount: lines.length,
        total: sumVnd(lines.map((line) => line.amount)),
        ...(lines.length <= AUDITED_LINES ? { lines } : {}),
      });
      await this.audit.record(manager, {
        actor,
        unitId: estimate.unitId,
        entityType: 'estimate',
        entityId: estimateId,
        action: 'lines.replace',
        before: summary(old),
        after: summary(built),
      });
      const saved = await this.get(estimateId, manager);
      // The caller's own write in the same transaction (a job records its outcome: lines and DONE commit together).
      await within?.(manager, saved);
      return saved;
    });
  }

  /**
   * The catalog's codes with the state budget index in force for the estimate's year (an unknown
   * estimate gets the plain catalog: the edit that follows answers 404).
   */
  private async codesFor(estimateId: string): Promise<CatalogCodes> {
    const estimate = await this.dataSource.getRepository(Estimate).findOne({ where: { id: estimateId }, select: { id: true, year: true } });
    return this.catalog.codes(estimate?.year);
  }

  /** Many lines in one statement (unnest), numbered 1..n in the given order. */
  private async insertLines(
    manager: EntityManager,
    estimateId: string,
    lines: readonly LineContent[],
    reviews: readonly (Review | null)[] = [],
  ): Promise<void> {
    const BATCH = 5000;
    for (let start = 0; start < lines.length; start += BATCH) {
      const batch = lines.slice(start, start + BATCH);
      const money = (pick: (line: LineContent) => bigint | null) => batch.map((line) => pick(line)?.toString() ?? null);
      await manager.query(
        `INSERT INTO estimate_lines (id, estimate_id, line_no, is_continuing, plan_area_code, expenditure_type_code, funding_source_code,
                                     activity_kind_code, description, measure_unit, quantity, unit_price, amount, multi_year_total,
                                     funded_to_prev2, prev_year_estimate, prev_year_expected, projection_next1, projection_next2,
                                     priority_tier, contingency, committed_minimum, justification, dic_opinion, dic_note, design_agreed,
                                     loai_khoan, muc_tieu_muc, appraised_amount, appraisal_note)
         SELECT gen_random_uuid(), $1, * FROM unnest($2::int[], $3::bool[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                                                $10::numeric[], $11::numeric[], $12::numeric[], $13::numeric[], $14::numeric[], $15::numeric[],
                                                $16::numeric[], $17::numeric[], $18::numeric[], $19::int[], $20::numeric[], $21::numeric[], $22::text[],
                                                $23::text[], $24::text[], $25::bool[], $26::text[], $27::text[], $28::numeric[], $29::text[])`,
        [
          estimateId,
          batch.map((_, i) => start + i + 1),
          batch.map((line) => line.isContinuing),
          batch.map((line) => line.planAreaCode),
          batch.map((line) => line.expenditureTypeCode),
          batch.map((line) => line.fundingSourceCode),
          batch.map((line) => line.activityKindCode),
          batch.map((line) => line.description),
          batch.map((line) => line.measureUnit),
          batch.map((line) => line.quantity),
          money((line) => line.unitPrice),
          money((line) => line.amount),
          money((line) => line.multiYearTotal),
          money((line) => line.fundedToPrev2),
          money((line) => line.prevYearEstimate),
          money((line) => line.prevYearExpected),
          money((line) => line.projectionNext1),
          money((line) => line.projectionNext2),
          batch.map((line) => line.priorityTier),
          money((line) => line.contingency),
          money((line) => line.committedMinimum),
          batch.map((line) => line.justification),
          batch.map((_, i) => reviews[start + i]?.dicOpinion ?? null),
          batch.map((_, i) => reviews[start + i]?.dicNote ?? null),
          batch.map((_, i) => reviews[start + i]?.designAgreed ?? null),
          batch.map((line) => line.loaiKhoan),
          batch.map((line) => line.mucTieuMuc),
          batch.map((_, i) => reviews[start + i]?.appraisedAmount?.toString() ?? null),
          batch.map((_, i) => reviews[start + i]?.appraisalNote ?? null),
        ],
      );
    }
  }

  async deleteLine(estimateId: string, lineId: string, version: number, actor: Actor): Promise<EstimateView> {
    return this.dataSource.transaction(async (manager) => {
      const estimate = await this.claimForEdit(manager, estimateId, version, actor);
      const line = await manager.findOneBy(EstimateLine, { id: lineId, estimateId });
      if (!line) throw new NotFoundError('Estimate line', lineId);
      await manager.delete(EstimateLine, { id: lineId });
      // Keep STT contiguous, as on the paper annex.
      await manager.query('UPDATE estimate_lines SET line_no = line_no - 1 WHERE estimate_id = $1 AND line_no > $2', [
        estimateId,
        line.lineNo,
      ]);
      await this.recordLineChange(manager, actor, estimate, 'line.delete', lineId, line, null);
      return this.get(estimateId, manager);
    });
  }

  /**
   * Takes the right to change an estimate's lines: one conditional update that bumps the version
   * only if it is still the one the client saw and the estimate is editable. Of concurrent
   * attempts on the same version exactly one succeeds; the others wait for its row lock, then
   * find the version moved and get 409.
   */
  private async claimForEdit(manager: EntityManager, estimateId: string, version: number, actor: Actor): Promise<Estimate> {
    const target = await manager.findOneBy(Estimate, { id: estimateId });
    if (!target) throw new NotFoundError('Estimate', estimateId);
    if (!coversUnit(actor, target.unitId)) throw new ForbiddenError('Bạn không sửa dự toán của đơn vị này / You do not act for this unit');
    // Lines feed the year's rules (district IT lines, contingencies): the year first, as every write.
    await lockYear(manager, target.year, 'SHARE');
    await changeStatus(
      manager,
      { table: 'estimates', where: { id: estimateId }, from: EDITABLE_STATUSES, version },
      {
        name: 'Estimate',
        illegal: (current) => ConflictError.notEditable('estimate', current),
      },
    );
    return target;
  }

  /** Validates a line's fields against the catalog and computes its amount; 400 naming each bad field. */
  private recordLineChange(
    manager: EntityManager,
    actor: Actor,
    estimate: Estimate,
    action: string,
    lineId: string,
    before: object | null,
    after: object | null,
  ): Promise<void> {
    return this.audit.record(manager, { actor, unitId: estimate.unitId, entityType: 'estimate_line', entityId: lineId, action, before, after });
  }

  private buildLine(dto: LineFieldsDto, codes: CatalogCodes): LineContent {
    const problems = codeProblems(dto, codes);
    if (codes.classification) problems.push(...classificationProblems(dto, codes.classification));
    const committedMinimum = BigInt(dto.committedMinimum ?? '0');
    const figures = computeAmount({
      quantity: dto.quantity,
      unitPrice: BigInt(dto.unitPrice),
      committedMinimum,
      contingency: optionalVnd(dto.contingency),
      statedAmount: dto.amount === undefined ? undefined : BigInt(dto.amount),
    });
    if (!figures.ok) problems.push(...figures.problems);
    problems.push(
      ...multiYearProblems({
        multiYearTotal: optionalVnd(dto.multiYearTotal),
        fundedToPrev2: optionalVnd(dto.fundedToPrev2),
        prevYearEstimate: optionalVnd(dto.prevYearEstimate),
        prevYearExpected: optionalVnd(dto.prevYearExpected),
      }),
    );
    if (problems.length > 0 || !figures.ok) throw new InvalidInputError(problems);
    return {
      isContinuing: dto.isContinuing ?? false,
      planAreaCode: dto.planAreaCode,
      expenditureTypeCode: dto.expenditureTypeCode as EstimateLine['expenditureTypeCode'],
      fundingSourceCode: dto.fundingSourceCode,
      activityKindCode: dto.activityKindCode,
      description: dto.description,
      measureUnit: dto.measureUnit,
      quantity: dto.quantity,
      unitPrice: BigInt(dto.unitPrice),
      amount: figures.amount,
      multiYearTotal: optionalVnd(dto.multiYearTotal),
      fundedToPrev2: optionalVnd(dto.fundedToPrev2),
      prevYearEstimate: optionalVnd(dto.prevYearEstimate),
      prevYearExpected: optionalVnd(dto.prevYearExpected),
      projectionNext1: optionalVnd(dto.projectionNext1),
      projectionNext2: optionalVnd(dto.projectionNext2),
      contingency: optionalVnd(dto.contingency),
      priorityTier: dto.priorityTier ?? 1,
      committedMinimum,
      justification: dto.justification ?? '',
      loaiKhoan: dto.loaiKhoan ?? null,
      mucTieuMuc: dto.mucTieuMuc ?? null,
    };
  }
}
