import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { ConflictError, type FieldProblem, InvalidInputError, NotFoundError } from '../../common/errors/domain-error.js';
import { assertDecisionDateNearYear } from '../../common/time/decision-date.js';
import { canonicalJson } from '../../common/canonical-json.js';
import { NothingChanged, unlessNothingChanged } from '../../common/concurrency/nothing-changed.js';
import { changeStatus, NOW } from '../../common/concurrency/status-change.js';
import { parseVnd, sumVnd } from '../../common/money/vnd.js';
import type { AllocationExplanation } from '../../engine/allocation/index.js';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, coversUnit } from '../../common/access/actor.js';
import { roleHolds } from '../../common/access/roles.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { FiscalYearsService } from '../fiscal-years/fiscal-years.service.js';
import { UnitsService } from '../units/units.service.js';
import { applyOnce } from '../../common/idempotency/idempotency.js';
import { type SourceAmounts, settleDecision } from './domain/support-decision.js';
import {
  candidateProblems,
  DEFAULT_ROUNDING_UNIT,
  isSupportSource,
  orderPools,
  proposeSupport,
  SUPPORT_SOURCES,
  type SupportCandidate,
  type SupportPool,
  type SupportProposal,
  type SupportSource,
} from './domain/support-proposal.js';
import type { DecideSupportRoundDto, OpenSupportRoundDto, ReplaceCandidatesDto, SupportAmountsDto, SupportAwardsQuery, SupportCandidateDto } from './dto/support.dto.js';
import { withPersonNames } from '../../common/access/names.js';
import { AuthService } from '../auth/auth.service.js';

export type SupportRoundStatus = 'OPEN' | 'DECIDED';

interface RoundRow {
  id: string;
  year: number;
  status: SupportRoundStatus;
  version: number;
  rounding_unit: string;
  created_by: string;
  created_by_name: string | null;
  decided_by_name: string | null;
  created_at: Date;
  updated_at: Date;
  decision_number: string | null;
  decision_date: string | null;
  decided_at: Date | null;
  decided_by: string | null;
}

interface PoolRow {
  round_id: string;
  funding_source_code: SupportSource;
  amount: string;
  explanation: AllocationExplanation;
}

interface CandidateRow {
  round_id: string;
  unit_id: string;
  hardship_tier: number;
  asked: string;
  minimum: string;
  decision_reason: string | null;
}

/** A candidate with its unit's code and name (from the unit registry). */
type NamedCandidateRow = CandidateRow & { unit_code: string; unit_name: string };

/** One decided allocation as a workbook prints it (see `decidedAllocations`). */
export interface DecidedAllocationRow {
  unit_code: string;
  unit_name: string;
  funding_source_code: string;
  funding_source_name: string;
  /** Đồng, digits. */
  amount: string;
  decision_number: string;
  decision_date: string;
}

interface AllocationRow {
  round_id: string;
  unit_id: string;
  funding_source_code: SupportSource;
  proposed: string;
  decided: string | null;
}

export interface SupportPoolView {
  fundingSourceCode: SupportSource;
  amount: bigint;
  /** Σ of the candidates' proposals from this pool. */
  proposed: bigint;
  /** amount − proposed. */
  unallocated: bigint;
  /** Σ of the candidates' decided amounts from this pool; null before the decision. */
  decided: bigint | null;
  /** amount − decided; null before the decision. */
  unawarded: bigint | null;
  /** The allocator's account of the proposal from this pool (line ids are unit ids). */
  explanation: AllocationExplanation;
}

export interface SupportCandidateView {
  unitId: string;
  unitCode: string;
  unitName: string;
  hardshipTier: number;
  asked: bigint;
  minimum: bigint;
  /** Proposal per pool of the round. */
  proposed: SourceAmounts;
  proposedTotal: bigint;
  /** Decided amount per pool; null before the decision. */
  decided: SourceAmounts | null;
  decidedTotal: bigint | null;
  /** The decision differs from the proposal; null before the decision. */
  changed: boolean | null;
  reason: string | null;
}

export interface SupportRoundView {
  id: string;
  year: number;
  status: SupportRoundStatus;
  version: number;
  roundingUnit: bigint;
  createdBy: string;
  createdByName: string | null;
  createdAt: Date;
  updatedAt: Date;
  decisionNumber: string | null;
  decisionDate: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  decidedByName: string | null;
  /** The pools in spending order: central support first. */
  pools: SupportPoolView[];
  candidates: SupportCandidateView[];
  /** Each total is the sum of its lines (pools for `pools`, candidates for the rest). */
  totals: {
    pools: bigint;
    asked: bigint;
    minimum: bigint;
    proposed: bigint;
    unallocated: bigint;
    decided: bigint | null;
    unawarded: bigint | null;
  };
}

export interface SupportAward {
  fundingSourceCode: string;
  amount: bigint;
}

const SOURCE_ORDER = (code: string): number => SUPPORT_SOURCES.indexOf(code as SupportSource);

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}

/** Support rounds for struggling units: pools, candidates, the allocator's proposal, the chair's decision. */
@Injectable()
export class SupportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly units: UnitsService,
    private readonly fiscalYears: FiscalYearsService,
    private readonly catalog: CatalogService,
  ) {}

  async list(year: number, manager: EntityManager = this.dataSource.manager): Promise<{ year: number; items: SupportRoundView[] }> {
    await this.requireYear(manager, year);
    const rounds = await manager.query<RoundRow[]>('SELECT * FROM support_rounds WHERE year = $1 ORDER BY created_at, id', [year]);
    return { year, items: await this.views(manager, rounds) };
  }

  async get(year: number, id: string, manager: EntityManager = this.dataSource.manager): Promise<SupportRoundView> {
    await this.requireYear(manager, year);
    const rounds = await manager.query<RoundRow[]>('SELECT * FROM support_rounds WHERE id = $1 AND year = $2', [id, year]);
    const [view] = await this.views(manager, rounds);
    if (!view) throw new NotFoundError(`Support round of ${year}`, id);
    return view;
  }

  /** DOF opens the year's round: pools, candidates, and the allocator's proposal. */
  open(year: number, dto: OpenSupportRoundDto, actor: Actor, idempotencyKey?: string) {
    return this.dataSource.transaction(async (manager) => {
      await this.requireYear(manager, year);
      return applyOnce(manager, actor, { key: idempotencyKey, action: 'support_round.open', target: String(year), request: dto }, async () => {
        const [existing] = await manager.query<{ status: SupportRoundStatus }[]>('SELECT status FROM support_rounds WHERE year = $1', [year]);
        if (existing) throw this.roundExists(year, existing.status);

        const problems: FieldProblem[] = [];
        const pools = this.parsePools(dto.pools, 'pools', problems);
        const catalogued = new Set((await this.catalog.fundingSources(manager)).map((source) => source.code));
        for (const pool of pools.filter((p) => !catalogued.has(p.source))) {
          problems.push({ field: `pools.${pool.source}`, code: 'UNKNOWN_SOURCE', message: `pools.${pool.source}: nguồn vốn chưa có trong danh mục / not in the catalog of funding sources` });
        }
        const unit = dto.roundingUnit === undefined ? DEFAULT_ROUNDING_UNIT : parseVnd(dto.roundingUnit, 'roundingUnit');
        if (unit < 1n) problems.push({ field: 'roundingUnit', code: 'INVALID_UNIT', message: 'roundingUnit: phải lớn hơn 0 / must be at least 1' });
        const candidates = await this.parseCandidates(manager, dto.candidates, problems);
        if (problems.length > 0) throw new InvalidInputError(problems);
        const proposal = proposeSupport(pools, candidates, unit);

        const id = randomUUID();
        try {
          await manager.query('INSERT INTO support_rounds (id, year, rounding_unit, created_by) VALUES ($1, $2, $3, $4)', [id, year, unit.toString(), actor.userId]);
        } catch (error) {
          // A concurrent request opened the year's round first.
          if (isUniqueViolation(error, 'support_rounds_year_key')) throw this.roundExists(year, 'OPEN');
          throw error;
        }
        await manager.query(
          `INSERT INTO support_pools (round_id, funding_source_code, spend_order, amount, explanation)
           SELECT $1, x.source, x.spend_order, x.amount::numeric, x.explanation
             FROM unnest($2::text[], $3::int[], $4::text[], $5::jsonb[]) AS x(source, spend_order, amount, explanation)`,
          [
            id,
            proposal.pools.map((p) => p.source),
            proposal.pools.map((_p, i) => i + 1),
            proposal.pools.map((p) => p.amount.toString()),
            proposal.pools.map((p) => JSON.stringify(p.explanation)),
          ],
        );
        await this.saveCandidates(manager, id, candidates, proposal);
        await this.audit.record(manager, {
          actor,
          unitId: null,
          entityType: 'support_round',
          entityId: id,
          action: 'support_round.open',
          after: { year, status: 'OPEN', roundingUnit: unit, pools: Object.fromEntries(pools.map((p) => [p.source, p.amount])), ...this.snapshot(candidates, proposal) },
        });
        return this.get(year, id, manager);
      });
    });
  }

  /**
   * DOF replaces the candidates of an open round at the round's version it saw (required; a stale
   * one gets 409 STALE_VERSION, as every edit); the proposal is computed again.
   */
  replaceCandidates(year: number, id: string, dto: ReplaceCandidatesDto, actor: Actor, idempotencyKey?: string) {
    return unlessNothingChanged(() => this.putCandidates(year, id, dto, actor, idempotencyKey), () => this.get(year, id));
  }

  /** The fiscal year of each support round, by id (uuids); unknown ids are absent. */
  async roundYears(ids: readonly string[], manager: Pick<EntityManager, 'query'> = this.dataSource.manager): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.query<{ id: string; year: number }[]>('SELECT id, year FROM support_rounds WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((row) => [row.id, row.year]));
  }

  /** The body of `replaceCandidates`; throws NothingChanged (rolling back) when the candidates come back as they are. */
  private putCandidates(year: number, id: string, dto: ReplaceCandidatesDto, actor: Actor, idempotencyKey?: string) {
    return this.dataSource.transaction(async (manager) => {
      await this.requireYear(manager, year);
      return applyOnce(manager, actor, { key: idempotencyKey, action: 'support_round.candidates', target: id, request: dto }, async () => {
        await this.claimOpen(manager, year, id, dto.version);
        const before = await this.get(year, id, manager);
        const problems: FieldProblem[] = [];
        const candidates = await this.parseCandidates(manager, dto.candidates, problems);
        if (problems.length > 0) throw new InvalidInputError(problems);
        const pools = before.pools.map((p) => ({ source: p.fundingSourceCode, amount: p.amount }));
        const proposal = proposeSupport(pools, candidates, before.roundingUnit);

        const was = {
          candidates: before.candidates.map((c) => ({ unitId: c.unitId, hardshipTier: c.hardshipTier, asked: c.asked, minimum: c.minimum })),
          proposal: before.candidates.map((c) => ({ unitId: c.unitId, ...c.proposed })),
        };
        const now = this.snapshot(candidates, proposal);
        // The same candidates restated: no version bump, no audit event (the version check above still ran).
        if (canonicalJson(was) === canonicalJson(now)) throw new NothingChanged();
        await manager.query('DELETE FROM support_candidates WHERE round_id = $1', [id]);
        await this.saveCandidates(manager, id, candidates, proposal);
        await manager.query(
          `UPDATE support_pools p SET explanation = x.explanation
             FROM unnest($2::text[], $3::jsonb[]) AS x(source, explanation)
            WHERE p.round_id = $1 AND p.funding_source_code = x.source`,
          [id, proposal.pools.map((p) => p.source), proposal.pools.map((p) => JSON.stringify(p.explanation))],
        );
        await this.audit.record(manager, {
          actor,
          unitId: null,
          entityType: 'support_round',
          entityId: id,
          action: 'support_round.candidates',
          before: was,
          after: now,
        });
        return this.get(year, id, manager);
      });
    });
  }

  /**
   * The chair decides: levels per unit and source (units not listed get the proposal), a reason
   * wherever a figure differs, totals within the pools. OPEN → DECIDED; the round is then locked.
   */
  decide(year: number, id: string, dto: DecideSupportRoundDto, actor: Actor, idempotencyKey?: string) {
    assertDecisionDateNearYear('decisionDate', dto.decisionDate, year);
    return this.dataSource.transaction(async (manager) => {
      await this.requireYear(manager, year);
      return applyOnce(manager, actor, { key: idempotencyKey, action: 'support_round.decide', target: id, request: dto }, async () => {
        // The row lock keeps candidates from changing between the checks below and the update.
        const [current] = await manager.query<{ status: SupportRoundStatus; version: number }[]>(
          'SELECT status, version FROM support_rounds WHERE id = $1 AND year = $2 FOR UPDATE',
          [id, year],
        );
        if (!current) throw new NotFoundError(`Support round of ${year}`, id);
        if (current.status === 'DECIDED') throw this.decided(id);
        if (current.version !== dto.version) throw ConflictError.staleVersion('Support round', dto.version);

        const round = await this.get(year, id, manager);
        const pools: SourceAmounts = Object.fromEntries(round.pools.map((p) => [p.fundingSourceCode, p.amount]));
        const settled = settleDecision(
          pools,
          round.candidates.map((c) => ({ unitId: c.unitId, proposed: c.proposed })),
          dto.decisions.map((d, i) => ({ unitId: d.unitId, amounts: this.parseAmounts(d.amounts, `decisions[${i}].amounts`), reason: d.reason ?? null })),
        );

        await changeStatus(
          manager,
          {
            table: 'support_rounds',
            where: { id },
            from: ['OPEN'],
            to: 'DECIDED',
            version: dto.version,
            set: { decision_number: dto.decisionNumber, decision_date: dto.decisionDate, decided_at: NOW, decided_by: actor.userId },
          },
          { name: `Support round ${id}`, illegal: () => this.decided(id) },
        );
        const decidedRows = settled.units.flatMap((u) => Object.entries(u.decided).map(([source, amount]) => ({ unitId: u.unitId, source, amount })));
        await manager.query(
          `UPDATE support_allocations a SET decided = x.decided::numeric
             FROM unnest($2::uuid[], $3::text[], $4::text[]) AS x(unit_id, source, decided)
            WHERE a.round_id = $1 AND a.unit_id = x.unit_id AND a.funding_source_code = x.source`,
          [id, decidedRows.map((r) => r.unitId), decidedRows.map((r) => r.source), decidedRows.map((r) => r.amount.toString())],
        );
        const withReason = settled.units.filter((u) => u.reason !== null);
        await manager.query(
          `UPDATE support_candidates c SET decision_reason = x.reason
             FROM unnest($2::uuid[], $3::text[]) AS x(unit_id, reason)
            WHERE c.round_id = $1 AND c.unit_id = x.unit_id`,
          [id, withReason.map((u) => u.unitId), withReason.map((u) => u.reason)],
        );

        await this.audit.record(manager, {
          actor,
          unitId: null,
          entityType: 'support_round',
          entityId: id,
          action: 'support_round.decide',
          before: { status: 'OPEN', version: dto.version },
          after: { status: 'DECIDED', decisionNumber: dto.decisionNumber, decisionDate: dto.decisionDate, totals: settled.totals },
        });
        for (const unit of settled.units) {
          await this.audit.record(manager, {
            actor,
            unitId: unit.unitId,
            entityType: 'support_round',
            entityId: id,
            action: 'support_round.award',
            before: { proposed: unit.proposed },
            after: { decided: unit.decided, decisionNumber: dto.decisionNumber, decisionDate: dto.decisionDate },
            reason: unit.reason,
          });
        }
        return this.get(year, id, manager);
      });
    });
  }

  /**
   * The support decided for a unit in a year, per source (Σ over the year's DECIDED rounds), central
   * support first. Sources with nothing decided are left out. Estimates show these as funding
   * sources and cap lines funded from them.
   */
  async awardedSupport(unitId: string, year: number, manager: EntityManager = this.dataSource.manager): Promise<SupportAward[]> {
    const rows = await manager.query<{ funding_source_code: string; amount: string }[]>(
      `SELECT a.funding_source_code, SUM(a.decided)::text AS amount
         FROM support_allocations a
         JOIN support_rounds r ON r.id = a.round_id
        WHERE r.year = $1 AND r.status = 'DECIDED' AND a.unit_id = $2
        GROUP BY a.funding_source_code`,
      [year, unitId],
    );
    return rows
      .map((row) => ({ fundingSourceCode: row.funding_source_code, amount: BigInt(row.amount) }))
      .filter((award) => award.amount > 0n)
      .sort((a, b) => SOURCE_ORDER(a.fundingSourceCode) - SOURCE_ORDER(b.fundingSourceCode));
  }

  /**
   * Every decided allocation above 0 of the year, one row per round, unit and source, with the
   * round's decision (number, date) and the names a workbook prints; by unit code, then source.
   */
  async decidedAllocations(year: number, manager: EntityManager = this.dataSource.manager): Promise<DecidedAllocationRow[]> {
    // Names from their owners (the unit registry, the catalog); SQL orders by each unit's position
    // in the registry's directory (by code), as it ordered by the code itself.
    const directory = await this.units.directory(undefined, manager);
    const sources = new Map((await this.catalog.fundingSources(manager)).map((source) => [source.code, source.name]));
    const rows = await manager.query<{ unit_id: string; funding_source_code: string; amount: string; decision_number: string; decision_date: string }[]>(
      `SELECT a.unit_id, a.funding_source_code, a.decided::text AS amount, r.decision_number, r.decision_date
         FROM support_allocations a JOIN support_rounds r ON r.id = a.round_id
         JOIN unnest($2::uuid[]) WITH ORDINALITY AS o(unit_id, position) ON o.unit_id = a.unit_id
        WHERE r.year = $1 AND r.status = 'DECIDED' AND a.decided > 0
        ORDER BY o.position, a.funding_source_code`,
      [year, directory.map((unit) => unit.id)],
    );
    const unitById = new Map(directory.map((unit) => [unit.id, unit]));
    return rows.flatMap(({ unit_id, ...row }) => {
      const unit = unitById.get(unit_id)!;
      const sourceName = sources.get(row.funding_source_code);
      // A pool's source is in the catalog (a foreign key): nothing is left out in practice.
      if (sourceName === undefined) return [];
      return [
        {
          unit_code: unit.code,
          unit_name: unit.name,
          funding_source_code: row.funding_source_code,
          funding_source_name: sourceName,
          amount: row.amount,
          decision_number: row.decision_number,
          decision_date: row.decision_date,
        },
      ];
    });
  }

  /** The year's decided awards, per unit and source: the province sees all, a unit's users their own units. */
  async awards(year: number, query: SupportAwardsQuery, actor: Actor) {
    const manager = this.dataSource.manager;
    await this.requireYear(manager, year);
    const seesAll = roleHolds(actor.role, 'support.read') && actor.unitScope === null;
    if (query.unitId !== undefined) {
      const unit = await this.units.exists(query.unitId, manager);
      // Another unit's awards are "not found", as another unit's estimate is.
      if (!unit || !(seesAll || coversUnit(actor, query.unitId))) throw new NotFoundError('Unit', query.unitId);
    }
    const params: unknown[] = [year];
    let filter = '';
    if (query.unitId !== undefined) {
      params.push(query.unitId);
      filter += ` AND a.unit_id = $${params.length}`;
    }
    if (!seesAll) {
      params.push(actor.unitScope === null ? [] : [...actor.unitScope]);
      filter += ` AND a.unit_id = ANY($${params.length}::uuid[])`;
    }
    const rows = await manager.query<{ unit_id: string; funding_source_code: string; amount: string }[]>(
      `SELECT a.unit_id, a.funding_source_code, SUM(a.decided)::text AS amount
         FROM support_allocations a
         JOIN support_rounds r ON r.id = a.round_id
        WHERE r.year = $1 AND r.status = 'DECIDED'${filter}
        GROUP BY a.unit_id, a.funding_source_code
       HAVING SUM(a.decided) > 0`,
      params,
    );
    const names = await this.units.namesOf(rows.map((row) => row.unit_id), manager);
    const items = rows
      .filter((row) => names.has(row.unit_id))
      .map((row) => ({
        unitId: row.unit_id,
        unitCode: names.get(row.unit_id)!.code,
        unitName: names.get(row.unit_id)!.name,
        fundingSourceCode: row.funding_source_code,
        amount: BigInt(row.amount),
      }))
      .sort((a, b) => a.unitCode.localeCompare(b.unitCode) || SOURCE_ORDER(a.fundingSourceCode) - SOURCE_ORDER(b.fundingSourceCode));
    const decisions = await manager.query<{ id: string; decision_number: string; decision_date: string }[]>(
      `SELECT id, decision_number, decision_date FROM support_rounds WHERE year = $1 AND status = 'DECIDED' ORDER BY decided_at, id`,
      [year],
    );
    return {
      year,
      unitId: query.unitId ?? null,
      decisions: decisions.map((d) => ({ roundId: d.id, decisionNumber: d.decision_number, decisionDate: d.decision_date })),
      items,
      total: sumVnd(items.map((item) => item.amount)),
    };
  }

  private requireYear(manager: EntityManager, year: number): Promise<void> {
    return this.fiscalYears.assertExists(year, manager);
  }

  /** One conditional update claims an open round at the version the client saw (stale: 409 STALE_VERSION). */
  private async claimOpen(manager: EntityManager, year: number, id: string, version: number): Promise<void> {
    await changeStatus(
      manager,
      { table: 'support_rounds', where: { id, year }, from: ['OPEN'], version },
      { name: `Support round ${id}`, illegal: () => this.decided(id), missing: () => new NotFoundError(`Support round of ${year}`, id) },
    );
  }

  private decided(id: string): ConflictError {
    return new ConflictError('ROUND_DECIDED', `Đợt hỗ trợ đã được Chủ tịch quyết định và đã khoá / Support round ${id} is decided and locked`);
  }

  private roundExists(year: number, status: SupportRoundStatus): ConflictError {
    return new ConflictError(
      'SUPPORT_ROUND_EXISTS',
      `Năm ${year} đã có đợt hỗ trợ (${status}) / The ${year} support round already exists and is ${status}`,
    );
  }

  private parsePools(dto: SupportAmountsDto, field: string, problems: FieldProblem[]): SupportPool[] {
    const pools = SUPPORT_SOURCES.flatMap((source) => {
      const value = dto[source];
      return value === undefined ? [] : [{ source, amount: parseVnd(value, `${field}.${source}`) }];
    });
    if (pools.length === 0) {
      problems.push({
        field,
        code: 'NO_POOL',
        message: `${field}: cần ít nhất một quỹ hỗ trợ (${SUPPORT_SOURCES.join(', ')}) / at least one support pool is needed (${SUPPORT_SOURCES.join(', ')})`,
      });
    }
    return orderPools(pools);
  }

  private parseAmounts(dto: SupportAmountsDto, field: string): SourceAmounts {
    const amounts: SourceAmounts = {};
    for (const source of SUPPORT_SOURCES) {
      const value = dto[source];
      if (value !== undefined) amounts[source] = parseVnd(value, `${field}.${source}`);
    }
    return amounts;
  }

  /** Candidates as the domain sees them; problems name `candidates[i].…`, unknown units included. */
  private async parseCandidates(manager: EntityManager, dto: readonly SupportCandidateDto[], problems: FieldProblem[]): Promise<SupportCandidate[]> {
    const candidates = dto.map((c, i) => ({
      unitId: c.unitId,
      hardshipTier: c.hardshipTier,
      asked: parseVnd(c.asked, `candidates[${i}].asked`),
      minimum: c.minimum === undefined ? 0n : parseVnd(c.minimum, `candidates[${i}].minimum`),
    }));
    const ids = [...new Set(candidates.map((c) => c.unitId))];
    const known = await this.units.existing(ids, manager);
    candidates.forEach((c, i) => {
      if (!known.has(c.unitId)) {
        problems.push({
          field: `candidates[${i}].unitId`,
          code: 'UNKNOWN_UNIT',
          message: `candidates[${i}].unitId: đơn vị không tồn tại / unknown unit ${c.unitId}`,
        });
      }
    });
    problems.push(...candidateProblems(candidates));
    return candidates;
  }

  private async saveCandidates(manager: EntityManager, roundId: string, candidates: readonly SupportCandidate[], proposal: SupportProposal): Promise<void> {
    await manager.query(
      `INSERT INTO support_candidates (round_id, unit_id, position, hardship_tier, asked, minimum)
       SELECT $1, x.unit_id, x.position, x.tier, x.asked::numeric, x.minimum::numeric
         FROM unnest($2::uuid[], $3::int[], $4::int[], $5::text[], $6::text[]) AS x(unit_id, position, tier, asked, minimum)`,
      [
        roundId,
        candidates.map((c) => c.unitId),
        candidates.map((_c, i) => i + 1),
        candidates.map((c) => c.hardshipTier),
        candidates.map((c) => c.asked.toString()),
        candidates.map((c) => c.minimum.toString()),
      ],
    );
    const rows = proposal.pools.flatMap((pool) => candidates.map((c, i) => ({ unitId: c.unitId, source: pool.source, proposed: pool.proposed[i] })));
    await manager.query(
      `INSERT INTO support_allocations (round_id, unit_id, funding_source_code, proposed)
       SELECT $1, x.unit_id, x.source, x.proposed::numeric
         FROM unnest($2::uuid[], $3::text[], $4::text[]) AS x(unit_id, source, proposed)`,
      [roundId, rows.map((r) => r.unitId), rows.map((r) => r.source), rows.map((r) => r.proposed.toString())],
    );
  }

  /** Candidates and proposal as the audit trail keeps them. */
  private snapshot(candidates: readonly SupportCandidate[], proposal: SupportProposal) {
    return {
      candidates: candidates.map((c) => ({ unitId: c.unitId, hardshipTier: c.hardshipTier, asked: c.asked, minimum: c.minimum })),
      proposal: candidates.map((c, i) => ({ unitId: c.unitId, ...Object.fromEntries(proposal.pools.map((p) => [p.source, p.proposed[i]])) })),
    };
  }

  /** Rounds with their pools, candidates (named from the unit registry), proposal, decision and totals. */
  private async views(manager: EntityManager, stored: readonly RoundRow[]): Promise<SupportRoundView[]> {
    // Who opened and who decided each round, by name beside the id (from the auth module).
    const rounds = await withPersonNames(stored, ['created_by', 'decided_by'], (ids) => this.auth.people(ids, manager));
    if (rounds.length === 0) return [];
    const ids = rounds.map((r) => r.id);
    // One after another: inside a transaction the manager holds a single connection.
    const pools = await manager.query<PoolRow[]>(
      'SELECT round_id, funding_source_code, amount, explanation FROM support_pools WHERE round_id = ANY($1::uuid[]) ORDER BY spend_order',
      [ids],
    );
    const candidates = await manager.query<CandidateRow[]>(
      `SELECT c.round_id, c.unit_id, c.hardship_tier, c.asked, c.minimum, c.decision_reason
         FROM support_candidates c
        WHERE c.round_id = ANY($1::uuid[]) ORDER BY c.position`,
      [ids],
    );
    // The candidates' names, from the unit registry.
    const names = await this.units.namesOf(candidates.map((c) => c.unit_id), manager);
    const allocations = await manager.query<AllocationRow[]>(
      'SELECT round_id, unit_id, funding_source_code, proposed, decided FROM support_allocations WHERE round_id = ANY($1::uuid[])',
      [ids],
    );
    const named = candidates.flatMap((c) => {
      const unit = names.get(c.unit_id);
      return unit ? [{ ...c, unit_code: unit.code, unit_name: unit.name }] : [];
    });
    return rounds.map((round) => this.view(round, pools.filter((p) => p.round_id === round.id), named.filter((c) => c.round_id === round.id), allocations.filter((a) => a.round_id === round.id)));
  }

  private view(round: RoundRow, pools: readonly PoolRow[], candidates: readonly NamedCandidateRow[], allocations: readonly AllocationRow[]): SupportRoundView {
    const decided = round.status === 'DECIDED';
    const sources = pools.map((p) => p.funding_source_code).filter(isSupportSource);
    const allocationOf = new Map(allocations.map((a) => [`${a.unit_id}|${a.funding_source_code}`, a]));
    const candidateViews = candidates.map((c): SupportCandidateView => {
      const proposed: SourceAmounts = {};
      const decidedAmounts: SourceAmounts = {};
      for (const source of sources) {
        const allocation = allocationOf.get(`${c.unit_id}|${source}`);
        proposed[source] = BigInt(allocation?.proposed ?? '0');
        decidedAmounts[source] = BigInt(allocation?.decided ?? '0');
      }
      const proposedTotal = sumVnd(sources.map((s) => proposed[s] ?? 0n));
      const decidedTotal = sumVnd(sources.map((s) => decidedAmounts[s] ?? 0n));
      return {
        unitId: c.unit_id,
        unitCode: c.unit_code,
        unitName: c.unit_name,
        hardshipTier: c.hardship_tier,
        asked: BigInt(c.asked),
        minimum: BigInt(c.minimum),
        proposed,
        proposedTotal,
        decided: decided ? decidedAmounts : null,
        decidedTotal: decided ? decidedTotal : null,
        changed: decided ? sources.some((s) => decidedAmounts[s] !== proposed[s]) : null,
        reason: c.decision_reason,
      };
    });
    const poolViews = pools.map((p): SupportPoolView => {
      const amount = BigInt(p.amount);
      const proposed = sumVnd(candidateViews.map((c) => c.proposed[p.funding_source_code] ?? 0n));
      const decidedTotal = decided ? sumVnd(candidateViews.map((c) => c.decided?.[p.funding_source_code] ?? 0n)) : null;
      return {
        fundingSourceCode: p.funding_source_code,
        amount,
        proposed,
        unallocated: amount - proposed,
        decided: decidedTotal,
        unawarded: decidedTotal === null ? null : amount - decidedTotal,
        explanation: p.explanation,
      };
    });
    const poolTotal = sumVnd(poolViews.map((p) => p.amount));
    const proposedTotal = sumVnd(candidateViews.map((c) => c.proposedTotal));
    const decidedTotal = decided ? sumVnd(candidateViews.map((c) => c.decidedTotal ?? 0n)) : null;
    return {
      id: round.id,
      year: round.year,
      status: round.status,
      version: round.version,
      roundingUnit: BigInt(round.rounding_unit),
      createdBy: round.created_by,
      createdByName: round.created_by_name,
      createdAt: round.created_at,
      updatedAt: round.updated_at,
      decisionNumber: round.decision_number,
      decisionDate: round.decision_date,
      decidedAt: round.decided_at,
      decidedBy: round.decided_by,
      decidedByName: round.decided_by_name,
      pools: poolViews,
      candidates: candidateViews,
      totals: {
        pools: poolTotal,
        asked: sumVnd(candidateViews.map((c) => c.asked)),
        minimum: sumVnd(candidateViews.map((c) => c.minimum)),
        proposed: proposedTotal,
        unallocated: poolTotal - proposedTotal,
        decided: decidedTotal,
        unawarded: decidedTotal === null ? null : poolTotal - decidedTotal,
      },
    };
  }
}
