import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, type FieldProblem, InvalidInputError, NotFoundError } from '../../common/errors/domain-error.js';
import { changeStatus, NOW } from '../../common/concurrency/status-change.js';
import { isVnd } from '../../common/money/vnd.js';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, ForbiddenError } from '../../common/access/actor.js';
import type { Estimate } from '../estimates/entities/estimate.entity.js';
import { EstimateLedger } from '../estimates/ledger/estimate-ledger.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { FloorService, type FullPicture, type PictureLine } from '../floor/floor.service.js';
import { floorFigures } from '../floor/domain/floor.js';
import { BALANCER_OF, isInvestmentProject } from '../estimates/domain/estimate-cycle.js';
import { EstimateWorkflowService } from '../workflow/estimate-workflow.service.js';
import { applyOnce } from '../../common/idempotency/idempotency.js';
import { adoptedAmount, allocationRequest, compareRuns, type RunKind, type RunLine } from '../../engine/allocation/scenarios.js';
import type { CreateBalancingRunDto } from './dto/balancing-run.dto.js';
import { allocate, type AllocationLineExplanation, explainAllocation, InfeasibleAllocationError } from '../../engine/allocation/index.js';
import { bilingual, message, splitBilingual } from '../../common/errors/messages.js';
import { formatVietnamTime } from '../../common/time/vietnam-time.js';
import { withPersonNames } from '../../common/access/names.js';
import { AuthService } from '../auth/auth.service.js';
import { UnitsService } from '../units/units.service.js';

const ALL_SOURCES = '*';


interface RunRow {
  id: string;
  year: number;
  track: string;
  kind: RunKind;
  name: string;
  rounding_unit: string;
  ceilings: Record<string, string>;
  groups: unknown;
  status: 'PROPOSED' | 'ADOPTED';
  version: number;
  created_by: string;
  created_by_name: string | null;
  adopted_by_name: string | null;
  created_at: Date;
  adopted_by: string | null;
  adopted_at: Date | null;
}

interface StoredLine {
  position: number;
  line_id: string;
  estimate_id: string;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  plan_area_code: string;
  funding_source_code: string;
  line_amount: string;
  approved_before: string | null;
  requested: string;
  minimum: string;
  tier: number;
  allocated: string;
  basis: string;
  note: string | null;
  dic_opinion: string | null;
  dic_note: string | null;
  design_agreed: boolean | null;
  include_reason: string | null;
  line_no?: number | null;
  description?: string | null;
}

/** Scenarios of the allocator over a year's submitted lines: computed, stored, compared, adopted. */
@Injectable()
export class BalancingRunsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly floor: FloorService,
    private readonly workflow: EstimateWorkflowService,
    private readonly audit: AuditService,
    private readonly catalog: CatalogService,
    private readonly ledger: EstimateLedger,
    private readonly auth: AuthService,
    private readonly units: UnitsService,
  ) {}

  async create(year: number, dto: CreateBalancingRunDto, actor: Actor) {
    if (BALANCER_OF[dto.track] !== actor.role) {
      throw new ForbiddenError('Sở Tài chính chạy phương án chi thường xuyên, Sở KH&ĐT chi đầu tư / DOF runs the recurrent track, DPI the investment track');
    }
    const kind: RunKind = dto.kind ?? 'BALANCE';
    const unit = BigInt(dto.roundingUnit ?? '1');
    const picture = await this.floor.picture(year);
    const ceilings = this.ceilings(dto, kind, picture, (await this.catalog.codes()).fundingSources);

    const candidates = (await this.floor.balanceableLines(year, undefined, { track: dto.track })).filter(
      (l) => ceilings[ALL_SOURCES] !== undefined || ceilings[l.fundingSourceCode] !== undefined,
    );
    const topUpSources = new Set(picture.settings.floorSources);
    const drawn = kind === 'TOP_UP' ? candidates.filter((l) => topUpSources.has(l.fundingSourceCode)) : candidates;
    const included = this.includedDespiteDic(dto, drawn);

    const runId = randomUUID();
    const stored: StoredLine[] = [];
    const groups: Record<string, unknown> = {};
    for (const [source, ceiling] of Object.entries(ceilings)) {
      const lines = drawn.filter((l) => source === ALL_SOURCES || l.fundingSourceCode === source);
      const requests = lines.map((l) => allocationRequest(kind, { ...l, isProject: isInvestmentProject(l), includeReason: included.get(l.lineId) ?? null }));
      let result;
      try {
        result = allocate({ ceiling: BigInt(ceiling), unit, lines: lines.map((l, i) => ({ id: l.lineId, ...requests[i] })) });
      } catch (error) {
        if (error instanceof InfeasibleAllocationError) {
          throw new ConflictError(
            'INFEASIBLE',
            message('INFEASIBLE', { minimumTotal: error.minimumTotal, ceiling, source, excess: error.excess }),
          );
        }
        throw error;
      }
      groups[source] = { ceiling, allocated: result.allocated.toString(), unallocated: result.unallocated.toString(), partialTier: result.partialTier, lineCount: lines.length };
      lines.forEach((l, i) => stored.push(this.storedLine(stored.length, l, requests[i], result.lines[i].allocated, result.lines[i].basis, included.get(l.lineId) ?? null)));
    }

    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO balancing_runs (id, year, track, kind, name, rounding_unit, ceilings, groups, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [runId, year, dto.track, kind, dto.name || `${kind} ${dto.track} ${formatVietnamTime(new Date())}`, unit.toString(), JSON.stringify(ceilings), JSON.stringify(groups), actor.userId],
      );
      await this.insertLines(manager, runId, stored);
      await this.audit.record(manager, {
        actor,
        unitId: null,
        entityType: 'balancing_run',
        entityId: runId,
        action: 'balancing_run.create',
        after: { year, track: dto.track, kind, ceilings, groups, includedDespiteDic: [...included].map(([lineId, reason]) => ({ lineId, reason })) },
        reason: included.size > 0 ? [...included.values()].join('; ') : null,
      });
    });
    return this.get(runId);
  }

  async list(year: number, track?: string) {
    const runs = await this.dataSource.query<RunRow[]>(
      `SELECT * FROM balancing_runs WHERE year = $1 AND ($2::text IS NULL OR track = $2) ORDER BY created_at, id`,
      [year, track ?? null],
    );
    return (await this.named(runs)).map((run) => this.summary(run));
  }

  /** A run with every line, and each line's explanation recomputed from the stored inputs. */
  async get(id: string, manager: EntityManager = this.dataSource.manager) {
    const run = await this.runRow(manager, id);
    const lines = await this.lines(manager, id);
    const explanations = new Map<string, AllocationLineExplanation>();
    for (const [source, ceiling] of Object.entries(run.ceilings)) {
      const group = lines.filter((l) => source === ALL_SOURCES || l.funding_source_code === source);
      const result = allocate({
        ceiling: BigInt(ceiling),
        unit: BigInt(run.rounding_unit),
        lines: group.map((l) => ({ id: l.line_id, requested: BigInt(l.requested), minimum: BigInt(l.minimum), tier: l.tier })),
      });
      explainAllocation(result).lines.forEach((explanation) => explanations.set(explanation.id, explanation));
    }
    return {
      ...this.summary(run),
      lines: lines.map((l) => ({
        lineId: l.line_id,
        estimateId: l.estimate_id,
        unitId: l.unit_id,
        unitCode: l.unit_code,
        unitName: l.unit_name,
        lineNo: l.line_no,
        description: l.description,
        planAreaCode: l.plan_area_code,
        fundingSourceCode: l.funding_source_code,
        lineAmount: BigInt(l.line_amount),
        approvedBefore: l.approved_before === null ? null : BigInt(l.approved_before),
        requested: BigInt(l.requested),
        minimum: BigInt(l.minimum),
        tier: l.tier,
        allocated: BigInt(l.allocated),
        proposedApproved: adoptedAmount(run.kind, l.approved_before === null ? null : BigInt(l.approved_before), BigInt(l.allocated)),
        basis: l.basis,
        note: l.note,
        dicOpinion: l.dic_opinion,
        dicNote: l.dic_note,
        designAgreed: l.design_agreed,
        includeReason: l.include_reason,
        explanation: this.explained(explanations.get(l.line_id), l.note),
      })),
    };
  }

  async compare(year: number, ids: string[]) {
    if (ids.length < 2 || new Set(ids).size !== ids.length) throw InvalidInputError.of('ids', 'cần ít nhất hai phương án khác nhau / give two or more different runs');
    const runs = [];
    for (const id of ids) {
      const run = await this.runRow(this.dataSource.manager, id);
      if (run.year !== year) throw InvalidInputError.of('ids', `phương án ${id} thuộc năm ${run.year} / run ${id} is for ${run.year}`);
      runs.push(run);
    }
    const linesOfRuns: RunLine[][] = [];
    for (const run of runs) {
      linesOfRuns.push(
        (await this.lines(this.dataSource.manager, run.id)).map((l) => ({
          lineId: l.line_id,
          unitId: l.unit_id,
          unitCode: l.unit_code,
          lineNo: l.line_no,
          description: l.description,
          planAreaCode: l.plan_area_code,
          requested: BigInt(l.requested),
          allocated: BigInt(l.allocated),
        })),
      );
    }
    return { year, runs: runs.map((run) => this.summary(run)), ...compareRuns(linesOfRuns) };
  }

  /**
   * Writes the run's amounts as approved amounts through the workflow's one balancing path (same
   * rules, same audit), in one transaction. A run the cycle has overtaken (a line changed, an
   * estimate moved on) is refused with 409 `RUN_STALE`, an adopted one with 409 `RUN_ADOPTED`, and
   * with `version` given, a run whose version moved on with 409 `STALE_VERSION`. The status change
   * (PROPOSED → ADOPTED, version + 1) is the shared conditional one: of two concurrent adoptions
   * exactly one wins, the other waits for the run's row and gets 409.
   */
  adopt(id: string, actor: Actor, version?: number, idempotencyKey?: string) {
    return this.dataSource.transaction(async (manager) => {
      const run = await this.runRow(manager, id, true);
      if (BALANCER_OF[run.track] !== actor.role) throw new ForbiddenError();
      return applyOnce(manager, actor, { key: idempotencyKey, action: 'balancing_run.adopt', target: id, request: { version } }, async () => {
        // The run's row is held (above): the status change first, so a stale or second adoption
        // is refused before any estimate is locked.
        await changeStatus(
          manager,
          { table: 'balancing_runs', where: { id }, from: ['PROPOSED'], to: 'ADOPTED', version, set: { adopted_by: actor.userId, adopted_at: NOW }, touch: false },
          { name: 'Balancing run', illegal: () => new ConflictError('RUN_ADOPTED', 'Phương án đã được áp dụng / The run was already adopted') },
        );
        const lines = await this.lines(manager, id);
        // Lock every estimate of the run (in id order, the budget first) before checking that
        // nothing moved: a concurrent balance either finished before, and is seen, or waits.
        const estimateIds = [...new Set(lines.map((l) => l.estimate_id))].sort();
        const estimates = new Map<string, Estimate>();
        for (const estimateId of estimateIds) estimates.set(estimateId, await this.workflow.lockEstimate(manager, estimateId));
        const stale = await manager.query<{ line_id: string }[]>(
          `SELECT r.line_id FROM balancing_run_lines r
             LEFT JOIN ${this.ledger.linesOfEstimates('$3')} l ON l.id = r.line_id
            WHERE r.run_id = $1
              AND (l.id IS NULL OR l.amount <> r.line_amount OR l.approved_amount IS DISTINCT FROM r.approved_before
                   OR l.funding_source_code <> r.funding_source_code OR l.expenditure_type_code <> $2
                   OR l.priority_tier <> r.tier OR l.estimate_status NOT IN ('SUBMITTED', 'BALANCED')
                   OR l.dic_opinion IS DISTINCT FROM r.dic_opinion OR l.dic_note IS DISTINCT FROM r.dic_note
                   OR l.design_agreed IS DISTINCT FROM r.design_agreed)
            LIMIT 5`,
          [id, run.track, estimateIds],
        );
        if (stale.length > 0) {
          throw new ConflictError(
            'RUN_STALE',
            `Dự toán đã thay đổi từ khi lập phương án; hãy lập lại / The estimates changed since the run was made (lines ${stale.map((s) => s.line_id).join(', ')}); make a new run`,
          );
        }
        const byEstimate = new Map<string, StoredLine[]>();
        for (const line of lines) byEstimate.set(line.estimate_id, [...(byEstimate.get(line.estimate_id) ?? []), line]);
        for (const [estimateId, estimateLines] of byEstimate) {
          const estimate = estimates.get(estimateId)!;
          await this.workflow.applyApprovedAmounts(
            manager,
            actor,
            estimate,
            estimateLines.map((l) => ({
              lineId: l.line_id,
              approvedAmount: adoptedAmount(run.kind, l.approved_before === null ? null : BigInt(l.approved_before), BigInt(l.allocated)),
              field: `run line ${l.position}`,
              reason: l.include_reason,
            })),
            undefined,
            run.kind === 'BALANCE' ? 'line.balance' : 'line.top-up',
          );
        }
        await this.audit.record(manager, { actor, unitId: null, entityType: 'balancing_run', entityId: id, action: 'balancing_run.adopt', after: { lines: lines.length } });
        return this.get(id, manager);
      });
    });
  }

  /** The year and name of each run, by id (uuids), as a person reads them; unknown ids are absent. */
  async namesOf(ids: readonly string[], manager: Pick<EntityManager, 'query'> = this.dataSource.manager): Promise<Map<string, { year: number; name: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.query<{ id: string; year: number; name: string }[]>('SELECT id, year, name FROM balancing_runs WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((row) => [row.id, { year: row.year, name: row.name }]));
  }

  /** The ceilings of a run, validated: one for all sources, or one per known funding source. */
  private ceilings(dto: CreateBalancingRunDto, kind: RunKind, picture: FullPicture, sources: ReadonlySet<string>): Record<string, string> {
    if (dto.ceiling !== undefined && dto.ceilingsBySource !== undefined) {
      throw InvalidInputError.of('ceilingsBySource', message('CEILING_EITHER'));
    }
    if (dto.ceilingsBySource !== undefined) {
      if (kind === 'TOP_UP') throw InvalidInputError.of('ceilingsBySource', message('TOP_UP_ONE_CEILING'));
      const problems: FieldProblem[] = [];
      const entries = Object.entries(dto.ceilingsBySource);
      if (entries.length === 0) problems.push({ field: 'ceilingsBySource', code: 'EMPTY', message: message('CEILINGS_EMPTY', { field: 'ceilingsBySource' }) });
      for (const [source, value] of entries) {
        if (!sources.has(source)) problems.push({ field: `ceilingsBySource.${source}`, code: 'UNKNOWN_CODE', message: message('CEILING_UNKNOWN_SOURCE', { field: `ceilingsBySource.${source}` }) });
        else if (!isVnd(value)) problems.push({ field: `ceilingsBySource.${source}`, code: 'matches', message: message('CEILING_NOT_VND', { field: `ceilingsBySource.${source}` }) });
      }
      if (problems.length > 0) throw new InvalidInputError(problems);
      return Object.fromEntries(entries) as Record<string, string>;
    }
    if (dto.ceiling !== undefined) return { [ALL_SOURCES]: dto.ceiling };
    if (kind === 'TOP_UP') {
      const { shortfall } = floorFigures(picture.settings, picture.sourceTotals);
      if (!shortfall) throw new ConflictError('NO_SHORTFALL', 'Không thiếu so với mức sàn / The floor is met (or not set): nothing to top up');
      return { [ALL_SOURCES]: shortfall.toString() };
    }
    throw InvalidInputError.of('ceiling', message('CEILING_REQUIRED'));
  }

  /**
   * The lines DIC disagreed with that the run includes all the same, each with its written reason.
   * 400 naming `include[i]` for a line not in the run or one DIC did not disagree with; 409
   * `DESIGN_NOT_AGREED` for an IT project whose design DIC has not agreed to (no reason includes it).
   */
  private includedDespiteDic(dto: CreateBalancingRunDto, drawn: readonly PictureLine[]): Map<string, string> {
    const byId = new Map(drawn.map((l) => [l.lineId, l]));
    const included = new Map<string, string>();
    const problems: FieldProblem[] = [];
    (dto.include ?? []).forEach((item, i) => {
      const line = byId.get(item.lineId);
      const field = `include[${i}].lineId`;
      if (included.has(item.lineId)) problems.push({ field, code: 'DUPLICATE_LINE', message: `${field}: dòng được nêu hai lần / the line is listed twice` });
      else if (!line) problems.push({ field, code: 'NOT_IN_RUN', message: `${field}: dòng không thuộc phương án này / the line is not among this run's lines` });
      else if (isInvestmentProject(line) && line.designAgreed !== true) {
        throw new ConflictError(
          'DESIGN_NOT_AGREED',
          `${field}: Sở TT&TT ${line.designAgreed === false ? 'không thống nhất' : 'chưa có ý kiến về'} thiết kế cơ sở của dự án, không thể đưa vào / ` +
            `DIC ${line.designAgreed === false ? 'refused' : 'has not yet given its opinion on'} the project's preliminary design: it cannot be included`,
        );
      } else if (line.dicOpinion !== 'DISAGREE') {
        problems.push({ field, code: 'NOT_DISAGREED', message: `${field}: Sở TT&TT không phản đối dòng này, không cần đưa vào riêng / DIC did not disagree with this line: it needs no reason to be included` });
      } else included.set(item.lineId, item.reason.trim());
    });
    if (problems.length > 0) throw new InvalidInputError(problems);
    return included;
  }

  /** The engine's account of a line, with DIC's bearing on it first when there is one. */
  private explained(explanation: AllocationLineExplanation | undefined, note: string | null) {
    if (!explanation) return null;
    if (!note) return explanation;
    // Both are "vi / en": the note goes first in each language.
    const [noteText, summary] = [splitBilingual(note), splitBilingual(explanation.summary)];
    return { ...explanation, summary: bilingual({ vi: `${noteText.vi}. ${summary.vi}`, en: `${noteText.en}. ${summary.en}` }) };
  }

  private storedLine(
    position: number,
    line: PictureLine,
    request: ReturnType<typeof allocationRequest>,
    allocated: bigint,
    basis: string,
    includeReason: string | null,
  ): StoredLine {
    return {
      position,
      line_id: line.lineId,
      estimate_id: line.estimateId,
      unit_id: line.unitId,
      unit_code: line.unitCode,
      unit_name: line.unitName,
      plan_area_code: line.planAreaCode,
      funding_source_code: line.fundingSourceCode,
      line_amount: line.amount.toString(),
      approved_before: line.approvedAmount === null ? null : line.approvedAmount.toString(),
      requested: request.requested.toString(),
      minimum: request.minimum.toString(),
      tier: request.tier,
      allocated: allocated.toString(),
      basis,
      note: request.note,
      dic_opinion: line.dicOpinion,
      dic_note: line.dicNote,
      design_agreed: line.designAgreed,
      include_reason: includeReason,
    };
  }

  /** One statement for all lines, however many. */
  private async insertLines(manager: EntityManager, runId: string, lines: StoredLine[]): Promise<void> {
    if (lines.length === 0) return;
    const column = <K extends keyof StoredLine>(key: K) => lines.map((l) => l[key]);
    await manager.query(
      `INSERT INTO balancing_run_lines (run_id, position, line_id, estimate_id, unit_id, plan_area_code, funding_source_code,
                                        line_amount, approved_before, requested, minimum, tier, allocated, basis, note,
                                        dic_opinion, dic_note, design_agreed, include_reason)
       SELECT $1, * FROM unnest($2::int[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[],
                                $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[], $12::int[], $13::numeric[], $14::text[], $15::text[],
                                $16::text[], $17::text[], $18::bool[], $19::text[])`,
      [
        runId,
        column('position'),
        column('line_id'),
        column('estimate_id'),
        column('unit_id'),
        column('plan_area_code'),
        column('funding_source_code'),
        column('line_amount'),
        column('approved_before'),
        column('requested'),
        column('minimum'),
        column('tier'),
        column('allocated'),
        column('basis'),
        column('note'),
        column('dic_opinion'),
        column('dic_note'),
        column('design_agreed'),
        column('include_reason'),
      ],
    );
  }

  private async runRow(manager: EntityManager, id: string, lock = false): Promise<RunRow> {
    const [run] = await manager.query<RunRow[]>(`SELECT * FROM balancing_runs WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!run) throw new NotFoundError('Balancing run', id);
    return (await this.named([run], manager))[0];
  }

  /** Who made and who adopted each run, by name beside the id (from the auth module). */
  private named(runs: readonly RunRow[], manager: EntityManager = this.dataSource.manager): Promise<RunRow[]> {
    return withPersonNames(runs, ['created_by', 'adopted_by'], (ids) => this.auth.people(ids, manager));
  }

  private async lines(manager: EntityManager, runId: string): Promise<StoredLine[]> {
    const rows = await manager.query<Omit<StoredLine, 'unit_code' | 'unit_name'>[]>(
      `SELECT r.position, r.line_id, r.estimate_id, r.unit_id, r.plan_area_code,
              r.funding_source_code, r.line_amount::text, r.approved_before::text, r.requested::text, r.minimum::text,
              r.tier, r.allocated::text, r.basis, r.note, r.dic_opinion, r.dic_note, r.design_agreed, r.include_reason
         FROM balancing_run_lines r
        WHERE r.run_id = $1 ORDER BY r.position`,
      [runId],
    );
    // Each line's unit by code and name, from the unit registry.
    const units = await this.units.namesOf(rows.map((l) => l.unit_id), manager);
    const lines = rows.flatMap((l): StoredLine[] => {
      const unit = units.get(l.unit_id);
      return unit ? [{ ...l, unit_code: unit.code, unit_name: unit.name }] : [];
    });
    // The line as a person reads it (number and description); gone if the line was deleted since.
    const labels = await this.ledger.lineLabels(manager, lines.map((l) => l.line_id));
    return lines.map((l) => ({ ...l, line_no: labels.get(l.line_id)?.lineNo ?? null, description: labels.get(l.line_id)?.description ?? null }));
  }

  private summary(run: RunRow) {
    return {
      id: run.id,
      year: run.year,
      track: run.track,
      kind: run.kind,
      name: run.name,
      roundingUnit: run.rounding_unit,
      ceilings: run.ceilings,
      groups: run.groups,
      status: run.status,
      version: run.version,
      createdBy: run.created_by,
      createdByName: run.created_by_name,
      createdAt: run.created_at,
      adoptedBy: run.adopted_by,
      adoptedByName: run.adopted_by_name,
      adoptedAt: run.adopted_at,
    };
  }
}
