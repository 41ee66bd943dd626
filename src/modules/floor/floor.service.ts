import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { allocationRequest } from '../../engine/allocation/scenarios.js';
import { DISTRICT_OWN_SOURCE, ESTIMATE_CYCLE, isInvestmentProject } from '../estimates/domain/estimate-cycle.js';
import { FiscalYearsService } from '../fiscal-years/fiscal-years.service.js';
import { type UnitName, UnitsService } from '../units/units.service.js';
import type { FiscalYear } from '../fiscal-years/entities/fiscal-year.entity.js';
import { checkRules, floorRequirement, recurrentThresholdsRule, type RuleDistrict, type RuleInForce, type RuleLine, type RuleResult, rulesInForce, type YearPicture } from './domain/budget-rules.js';
import { type FloorFigures, floorFigures, type FloorLine } from './domain/floor.js';
import { TOP_UP_LINES_LISTED, type TopUpSummary } from './domain/top-up.js';
import { EstimateLedger } from '../estimates/ledger/estimate-ledger.js';
import { NO_MEASURES, sumAll, sumBy } from '../estimates/domain/kept-measures.js';
import { message } from '../../common/errors/messages.js';


export interface PictureLine extends RuleLine {
  unitId: string;
  unitName: string;
  status: string;
  expenditureTypeCode: string;
  priorityTier: number;
  designAgreed: boolean | null;
  dicOpinion: 'AGREE' | 'AGREE_WITH_CHANGES' | 'DISAGREE' | null;
  dicNote: string | null;
  planAreaCode: string;
  committedMinimum: bigint;
  /** DIC's appraised amount (the appraisal round), null before it. */
  appraisedAmount: bigint | null;
}

export interface DistrictFigures extends RuleDistrict {
  unitId: string;
  estimateId: string | null;
  status: string | null;
  ownItApproved: bigint;
}

export interface TopUpLine {
  lineId: string;
  estimateId: string;
  unitId: string;
  unitCode: string;
  expenditureTypeCode: string;
  fundingSourceCode: string;
  approvedBefore: bigint | null;
  /** What the line still lacks of its request: the allocator's `requested`. */
  unfunded: bigint;
  tier: number;
  /** DIC's opinion as it bears on the line (a line DIC disagreed with or a refused design takes nothing). */
  note: string | null;
}

export interface FullPicture extends YearPicture {
  lines: PictureLine[];
  districts: DistrictFigures[];
}

/**
 * The lines the rules check one by one, and no others: IT projects with a contingency
 * (PROJECT_CONTINGENCY) and recurrent purchases and tasks above the smallest "simple purchase"
 * ceiling of any period (RECURRENT_IT_THRESHOLDS; below it no kind is ever wrong).
 */
const RULE_SIZED_ABOVE = recurrentThresholdsRule.periods
  .map((period) => BigInt(period.parameters.simpleMax ?? '0'))
  .reduce((least, value) => (value < least ? value : least))
  .toString();
const RULE_LINES = `((l.activity_kind_code = 'PROJECT' AND l.contingency IS NOT NULL)
   OR (l.expenditure_type_code = 'RECURRENT' AND l.activity_kind_code NOT IN ('SERVICE_RENTAL', 'PROJECT')
       AND COALESCE(l.multi_year_total, l.amount) > $2::numeric))`;

/** One year of a plan period as the floor sees it: the same figures as the year's live check. */
export interface YearFloor {
  year: number;
  totalLocalExpenditure: bigint | null;
  floorRatio: string;
  /** ceil(total × ratio); null while the year's total local expenditure is not set. */
  floorAmount: bigint | null;
  /** Σ requested of the floor's lines (0 when the year has none). */
  requestedTotal: bigint;
  /** Σ approved of the floor's lines (0 while none is approved). */
  itTotal: bigint;
  /** null while the year's total local expenditure is not set. */
  compliant: boolean | null;
  shortfall: bigint | null;
  /** Lines funded from the floor's sources (excluded estimates left out), and how many are approved. */
  lines: number;
  approvedLines: number;
}

/** A year's floor as `yearFloor` figures it. */
interface YearFloorFigures {
  settings: YearPicture['settings'];
  sourceTotals: FloorLine[];
  figures: FloorFigures;
  lines: number;
  approvedLines: number;
}

/**
 * What a TOP_UP run asks for a line (`allocationRequest('TOP_UP', …)` for a line with no written
 * reason to include it), in SQL over a line `l`: 0 for an IT investment project whose design DIC
 * has not agreed to and for a line DIC disagreed with; else what the line lacks of its appraised
 * amount (its request before appraisal), never below 0.
 */
const TOP_UP_REQUESTED = `CASE
    WHEN l.expenditure_type_code = 'INVESTMENT' AND l.activity_kind_code = 'PROJECT' AND l.design_agreed IS DISTINCT FROM true THEN 0
    WHEN l.dic_opinion = 'DISAGREE' THEN 0
    ELSE GREATEST(COALESCE(l.appraised_amount, l.amount) - COALESCE(l.approved_amount, 0), 0)
  END`;

/** Lines that can still take approved amounts: in estimates being balanced. */
const BALANCEABLE: readonly string[] = ESTIMATE_CYCLE.balance.from;

/**
 * The live picture of a year (its lines without the excluded estimates, its districts), and
 * what the rules and the 1% floor make of it.
 */
@Injectable()
export class FloorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: EstimateLedger,
    private readonly fiscalYears: FiscalYearsService,
    private readonly units: UnitsService,
  ) {}

  /**
   * The year's settings, its kept totals per funding source (the estimate ledger's, never the
   * lines), its districts and the few lines the rules check one by one (IT projects with a
   * contingency; `ruleLines: false` when only the floor is wanted). Exclusions left out.
   */
  async picture(year: number, manager: EntityManager = this.dataSource.manager, { ruleLines = true }: { ruleLines?: boolean } = {}): Promise<FullPicture> {
    const { settings, sourceTotals } = await this.yearFloor(manager, await this.fiscalYears.get(year, manager));
    return {
      year,
      settings,
      sourceTotals,
      lines: ruleLines ? await this.linesOfYear(manager, year, RULE_LINES, [RULE_SIZED_ABOVE]) : [],
      districts: await this.districts(manager, year),
    };
  }

  /**
   * The one way the floor of a year is figured, for the live check and the plan period alike: the
   * year's settings, its kept totals per funding source (the estimate ledger's, never the lines;
   * exclusions left out), `floorFigures` over them, and how many lines of the floor's sources
   * there are and how many of them are approved.
   */
  private async yearFloor(manager: EntityManager, year: FiscalYear): Promise<YearFloorFigures> {
    const bySource = sumBy(await this.ledger.yearBuckets(manager, year.year, { excluded: false }), (b) => b.fundingSourceCode);
    const settings: YearPicture['settings'] = {
      totalLocalExpenditure: year.totalLocalExpenditure,
      floorRatio: year.floorRatio,
      floorSources: year.floorSources,
      floorPolicy: year.floorPolicy,
    };
    const sourceTotals = [...bySource.entries()].map(([fundingSourceCode, m]) => ({ fundingSourceCode, amount: m.requested, approvedAmount: m.approved }));
    const sources = new Set(year.floorSources);
    const counted = sumAll([...bySource.entries()].filter(([code]) => sources.has(code)).map(([, m]) => m));
    return { settings, sourceTotals, figures: floorFigures(settings, sourceTotals), lines: counted.lineCount, approvedLines: counted.approvedLines };
  }

  /**
   * Lines of estimates being balanced (SUBMITTED, BALANCED; exclusions left out), optionally of one
   * expenditure type or only those still short of their request: what a balancing run or a floor
   * top-up allocates over, line by line.
   */
  async balanceableLines(
    year: number,
    manager: EntityManager = this.dataSource.manager,
    { track, sources, unfundedOnly = false }: { track?: string; sources?: readonly string[]; unfundedOnly?: boolean } = {},
  ): Promise<PictureLine[]> {
    const params: unknown[] = [[...BALANCEABLE]];
    let where = `l.estimate_status = ANY($2)`;
    if (track !== undefined) {
      params.push(track);
      where += ` AND l.expenditure_type_code = $${params.length + 1}`;
    }
    if (sources !== undefined) {
      params.push([...sources]);
      where += ` AND l.funding_source_code = ANY($${params.length + 1})`;
    }
    if (unfundedOnly) where += ` AND COALESCE(l.approved_amount, 0) < l.amount`;
    return this.linesOfYear(manager, year, where, params);
  }

  /**
   * The year's lines in the budget matching `where`, in unit-code then line order. The unit
   * registry's order is passed in as an array (the registry's directory, read in `manager`'s
   * snapshot), so that PostgreSQL orders the lines without naming the registry's table.
   */
  private async linesOfYear(manager: EntityManager, year: number, where: string, params: unknown[] = [], directory?: readonly UnitName[]): Promise<PictureLine[]> {
    directory ??= await this.units.directory(undefined, manager);
    const rows = await manager.query<Record<string, string | number | boolean | null>[]>(
      `SELECT l.id, l.estimate_id, l.unit_id, l.line_no, l.estimate_status AS status,
              l.activity_kind_code, l.expenditure_type_code, l.funding_source_code, l.priority_tier, l.design_agreed,
              l.dic_opinion, l.dic_note, l.plan_area_code, l.committed_minimum::text,
              l.amount::text, l.approved_amount::text, l.contingency::text, l.multi_year_total::text, l.appraised_amount::text
         FROM ${this.ledger.linesInBudget('$1')} l
         JOIN unnest($${params.length + 2}::uuid[]) WITH ORDINALITY AS o(unit_id, pos) ON o.unit_id = l.unit_id
        WHERE ${where}
        ORDER BY o.pos, l.line_no`,
      [year, ...params, directory.map((u) => u.id)],
    );
    const unitOf = new Map(directory.map((u) => [u.id, u]));
    const big = (value: unknown) => (value === null ? null : BigInt(value as string));
    return rows.map((r) => ({
      lineId: r.id as string,
      estimateId: r.estimate_id as string,
      unitId: r.unit_id as string,
      unitCode: unitOf.get(r.unit_id as string)!.code,
      unitName: unitOf.get(r.unit_id as string)!.name,
      unitNameEn: unitOf.get(r.unit_id as string)!.nameEn,
      lineNo: r.line_no as number,
      status: r.status as string,
      activityKindCode: r.activity_kind_code as string,
      expenditureTypeCode: r.expenditure_type_code as string,
      fundingSourceCode: r.funding_source_code as string,
      priorityTier: r.priority_tier as number,
      designAgreed: r.design_agreed as boolean | null,
      dicOpinion: r.dic_opinion as PictureLine['dicOpinion'],
      dicNote: r.dic_note as string | null,
      planAreaCode: r.plan_area_code as string,
      committedMinimum: BigInt(r.committed_minimum as string),
      amount: BigInt(r.amount as string),
      approvedAmount: big(r.approved_amount),
      contingency: big(r.contingency),
      multiYearTotal: big(r.multi_year_total),
      appraisedAmount: big(r.appraised_amount),
    }));
  }

  /** Every district committee with its estimate of the year and its own IT line (requested, approved). */
  private async districts(manager: EntityManager, year: number): Promise<DistrictFigures[]> {
    const districts = await this.units.directory('DISTRICT_COMMITTEE', manager);
    const estimates = await manager.query<{ id: string; unit_id: string; status: string }[]>(
      `SELECT e.id, e.unit_id, e.status FROM ${this.ledger.estimatesOfYear('$1')} e WHERE e.unit_id = ANY($2::uuid[])`,
      [year, districts.map((d) => d.id)],
    );
    // One estimate per unit and year (estimates_unit_year_key).
    const estimateOf = new Map(estimates.map((e) => [e.unit_id, e]));
    const rows = districts.map((d) => ({ id: d.id, code: d.code, name: d.name, name_en: d.nameEn, estimate_id: estimateOf.get(d.id)?.id ?? null, status: estimateOf.get(d.id)?.status ?? null }));
    // The own IT line from the ledger's kept totals of those estimates (their DISTRICT parts).
    const estimateIds = rows.flatMap((r) => (r.estimate_id ? [r.estimate_id] : []));
    const own = sumBy(await this.ledger.estimateBuckets(manager, { estimateIds }, { parts: true, fundingSource: DISTRICT_OWN_SOURCE }), (b) => b.estimateId);
    return rows.map((r) => {
      const figures = (r.estimate_id && own.get(r.estimate_id)) || NO_MEASURES;
      return {
        unitId: r.id,
        unitCode: r.code,
        unitName: r.name,
        unitNameEn: r.name_en,
        estimateId: r.estimate_id,
        status: r.status,
        hasEstimate: r.estimate_id !== null,
        ownItAmount: figures.requested,
        ownItApproved: figures.approved,
      };
    });
  }

  /** The rules in force in the year (with their source, years and parameters) and each one's check now. */
  async rules(year: number, manager?: EntityManager): Promise<{ year: number; rules: RuleInForce[]; results: RuleResult[] }> {
    const picture = await this.picture(year, manager);
    return { year, rules: rulesInForce(year, undefined, picture.settings), results: checkRules(picture) };
  }

  /**
   * DESIGN.md section 5: the floor at this moment of the cycle, per district, and the top-up
   * proposal when short, from one snapshot (a read-only REPEATABLE READ transaction).
   */
  async floor(year: number, roundingUnit = 1n) {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const picture = await this.picture(year, manager, { ruleLines: false });
      const figures = floorFigures(picture.settings, picture.sourceTotals);
      const topUp =
        figures.shortfall !== null && figures.shortfall > 0n ? await this.topUpProposal(manager, year, picture.settings.floorSources, figures.shortfall, roundingUnit) : null;
      return {
        year,
        totalLocalExpenditure: picture.settings.totalLocalExpenditure,
        floorRatio: picture.settings.floorRatio,
        floorSources: picture.settings.floorSources,
        floorPolicy: picture.settings.floorPolicy,
        // Whether the year has a floor to meet, and why (the rule's years, or DOF's ratio for the year).
        requirement: floorRequirement(year, picture.settings),
        ...figures,
        topUp,
        districts: picture.districts.map((d) => ({
          unitId: d.unitId,
          unitCode: d.unitCode,
          unitName: d.unitName,
          estimateId: d.estimateId,
          status: d.status,
          ownItRequested: d.ownItAmount,
          ownItApproved: d.ownItApproved,
          hasOwnItLine: d.ownItAmount > 0n,
        })),
      };
    });
  }

  /**
   * The top-up proposal: the allocator (`allocate`) with `ceiling = shortfall` over the lines of the
   * floor's sources still short of their request (`topUpCandidates`, in unit-code and line order),
   * summed per unit with its largest lines listed (`summariseTopUp`) — computed in PostgreSQL from
   * per-tier sums, so that no line but the listed ones is read into the process:
   * 1. Σ requested and the line count per tier; the tiers are walked here as the allocator walks
   *    them (met while the rest covers the tier's need; the first that does not is partial).
   * 2. For the partial tier: Σ floor(share / unit) × unit, share = rest × requested / need, and how
   *    many lines could take one more unit; so the units the leftover adds, and what stays
   *    unallocated.
   * 3. Each line's proposal (its request below the partial tier, its share floor plus a unit for
   *    the best remainders in it — larger remainder, then larger request, then input order — and
   *    0 after it), summed per unit, and the largest `TOP_UP_LINES_LISTED` lines.
   * The answers equal `summariseTopUp(candidates, allocate(…).allocations)` to the đồng (the test
   * test/floor-top-up.e2e-spec.ts compares the two over many random lines). Amounts in đồng.
   */
  private async topUpProposal(manager: EntityManager, year: number, sources: readonly string[], ceiling: bigint, unit: bigint) {
    const directory = await this.units.directory(undefined, manager);
    // Ties among the listed lines go by unit code as JavaScript compares strings (summariseTopUp).
    const byCode = directory.map((_u, i) => i).sort((a, b) => (directory[a].code < directory[b].code ? -1 : directory[a].code > directory[b].code ? 1 : 0));
    const codeRank = new Array<number>(directory.length);
    byCode.forEach((index, rank) => (codeRank[index] = rank));
    const params: unknown[] = [year, [...BALANCEABLE], [...sources], directory.map((u) => u.id), codeRank];
    const candidates = `(SELECT l.id, l.unit_id, l.line_no, l.priority_tier AS tier, o.pos, o.code_rank, r.requested
         FROM ${this.ledger.linesInBudget('$1')} l
         JOIN unnest($4::uuid[], $5::int[]) WITH ORDINALITY AS o(unit_id, code_rank, pos) ON o.unit_id = l.unit_id
         CROSS JOIN LATERAL (SELECT ${TOP_UP_REQUESTED} AS requested) r
        WHERE l.estimate_status = ANY($2) AND l.funding_source_code = ANY($3) AND COALESCE(l.approved_amount, 0) < l.amount AND r.requested > 0)`;

    // 1. The tiers, on their totals alone.
    const tiers = await manager.query<{ tier: number; need: string }[]>(
      `SELECT c.tier, SUM(c.requested)::text AS need FROM ${candidates} c GROUP BY c.tier ORDER BY c.tier`,
      params,
    );
    let rest = ceiling;
    let partial: { tier: number; rest: bigint; need: bigint } | null = null;
    let unfundedTotal = 0n;
    for (const row of tiers) {
      const need = BigInt(row.need);
      unfundedTotal += need;
      if (partial !== null) continue;
      if (need <= rest) rest -= need;
      else {
        partial = { tier: row.tier, rest, need };
        rest = 0n;
      }
    }

    // 2. The partial tier's share floors and rounding candidates.
    let unallocated = rest;
    let unitsToAdd = 0n;
    const shareParams = partial ? [partial.rest.toString(), (partial.need * unit).toString(), unit.toString(), partial.tier] : ['0', '1', unit.toString(), null];
    const SHARE = `div($6::numeric * c.requested, $7::numeric) * $8::numeric`;
    const REMAINDER = `mod($6::numeric * c.requested, $7::numeric)`;
    if (partial) {
      const [sums] = await manager.query<[{ floor_total: string; candidates: string }]>(
        `SELECT COALESCE(SUM(${SHARE}), 0)::text AS floor_total,
                COUNT(*) FILTER (WHERE ${REMAINDER} > 0 AND ${SHARE} + $8::numeric <= c.requested)::text AS candidates
           FROM ${candidates} c WHERE c.tier = $9::int`,
        [...params, ...shareParams],
      );
      const leftover = partial.rest - BigInt(sums.floor_total);
      const unitsAvailable = leftover / unit;
      const roundingCandidates = BigInt(sums.candidates);
      unitsToAdd = unitsAvailable < roundingCandidates ? unitsAvailable : roundingCandidates;
      unallocated = leftover - unitsToAdd * unit;
    }

    // 3. Each line's proposal, summed per unit; the largest lines.
    const rows = await manager.query<
      { kind: 'UNIT' | 'LINE'; unit_id: string; id: string | null; code_rank: number; pos: string; line_no: number | null; line_count: number; unfunded: string; proposed: string }[]
    >(
      `WITH c AS MATERIALIZED (SELECT * FROM ${candidates} c),
       s AS (SELECT c.id, ${SHARE} AS share_floor, ${REMAINDER} AS remainder, c.requested, c.pos, c.line_no FROM c WHERE c.tier = $9::int),
       ranked AS (SELECT s.id FROM s WHERE s.remainder > 0 AND s.share_floor + $8::numeric <= s.requested
                   ORDER BY s.remainder DESC, s.requested DESC, s.pos, s.line_no LIMIT $10::bigint),
       x AS (SELECT c.id, c.unit_id, c.line_no, c.pos, c.code_rank, c.requested,
                    CASE WHEN $9::int IS NULL OR c.tier < $9::int THEN c.requested
                         WHEN c.tier = $9::int THEN s.share_floor + CASE WHEN ranked.id IS NULL THEN 0 ELSE $8::numeric END
                         ELSE 0 END AS proposed
               FROM c LEFT JOIN s ON s.id = c.id LEFT JOIN ranked ON ranked.id = c.id)
       SELECT 'UNIT' AS kind, x.unit_id, NULL::uuid AS id, MIN(x.code_rank) AS code_rank, NULL::bigint AS pos, NULL::int AS line_no,
              COUNT(*)::int AS line_count, SUM(x.requested)::text AS unfunded, SUM(x.proposed)::text AS proposed
         FROM x WHERE x.proposed > 0 GROUP BY x.unit_id
       UNION ALL
       SELECT * FROM (SELECT 'LINE', x.unit_id, x.id, x.code_rank, x.pos, x.line_no, 1, x.requested::text, x.proposed::text
                        FROM x WHERE x.proposed > 0
                       ORDER BY x.proposed DESC, x.code_rank, x.pos, x.line_no LIMIT $11::int) largest`,
      [...params, ...shareParams, unitsToAdd.toString(), TOP_UP_LINES_LISTED],
    );
    const unitOf = new Map(directory.map((u) => [u.id, u]));
    const unitRows = rows.filter((r) => r.kind === 'UNIT').sort((a, b) => a.code_rank - b.code_rank);
    const lineRows = rows
      .filter((r) => r.kind === 'LINE')
      .map((r) => ({ ...r, amount: BigInt(r.proposed) }))
      .sort((a, b) => (a.amount !== b.amount ? (a.amount > b.amount ? -1 : 1) : a.code_rank - b.code_rank || Number(a.pos) - Number(b.pos) || a.line_no! - b.line_no!));
    // The listed lines as the candidates' list states them (topUpCandidates over their picture).
    const listed = new Map(
      this.topUpCandidates(await this.linesOfYear(manager, year, `l.id = ANY($2::uuid[])`, [lineRows.map((r) => r.id)], directory)).map((c) => [c.lineId, c]),
    );
    const summary: TopUpSummary<TopUpLine> = {
      lineCount: unitRows.reduce((count, r) => count + r.line_count, 0),
      lines: lineRows.map((r) => ({ ...listed.get(r.id!)!, proposed: r.amount })),
      byUnit: unitRows.map((r) => ({ unitId: r.unit_id, unitCode: unitOf.get(r.unit_id)!.code, lineCount: r.line_count, unfunded: BigInt(r.unfunded), proposed: BigInt(r.proposed) })),
    };
    return {
      ceiling,
      allocated: ceiling - unallocated,
      unallocated,
      partialTier: partial?.tier ?? null,
      unfundedTotal,
      note: unfundedTotal < ceiling ? message('TOP_UP_SHORT', { unfunded: unfundedTotal, shortfall: ceiling }) : null,
      ...summary,
    };
  }

  /**
   * Lines of the floor's sources in estimates being balanced whose approved amount is below their
   * request. A line DIC disagreed with, or an IT project whose design DIC refused or has not yet
   * agreed to, can take nothing (the same request a TOP_UP run makes; see `allocationRequest`).
   */
  topUpCandidates(lines: readonly PictureLine[]): TopUpLine[] {
    return lines
      .map((l) => {
        // The same request a TOP_UP balancing run makes for the line.
        const request = allocationRequest('TOP_UP', { ...l, isProject: isInvestmentProject(l) });
        return {
          lineId: l.lineId,
          estimateId: l.estimateId,
          unitId: l.unitId,
          unitCode: l.unitCode,
          expenditureTypeCode: l.expenditureTypeCode,
          fundingSourceCode: l.fundingSourceCode,
          approvedBefore: l.approvedAmount,
          unfunded: request.requested,
          tier: request.tier,
          note: request.note,
        };
      })
      .filter((c) => c.unfunded > 0n);
  }

  /**
   * The floor across the years of a plan period (the years whose `planPeriod` is `periodId`), in
   * one snapshot, each year figured exactly as its live check (`yearFloor`): a year with no line
   * of the floor's sources has an IT total of 0 and, once its total local expenditure is set, is
   * short of its floor, as `GET /fiscal-years/{year}/floor` says. `lines` and `approvedLines` say
   * how many lines there are to count. 404 for a period with no year.
   */
  async periodFloor(periodId: string): Promise<{ planPeriod: string; years: YearFloor[] }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const settings = await this.fiscalYears.yearsOfPeriod(periodId, manager);
      if (settings.length === 0) throw new NotFoundError('Plan period', periodId);
      const years: YearFloor[] = [];
      for (const year of settings) {
        const { figures, lines, approvedLines } = await this.yearFloor(manager, year);
        years.push({
          year: year.year,
          totalLocalExpenditure: year.totalLocalExpenditure,
          floorRatio: year.floorRatio,
          floorAmount: figures.floorAmount,
          requestedTotal: figures.requestedTotal,
          itTotal: figures.itTotal,
          compliant: figures.compliant,
          shortfall: figures.shortfall,
          lines,
          approvedLines,
        });
      }
      return { planPeriod: periodId, years };
    });
  }

  /** District committees of the year with no estimate or no own IT line (the plan's section III.2). */
  async districtItLines(year: number) {
    await this.fiscalYears.assertExists(year);
    const districts = (await this.districts(this.dataSource.manager, year)).map((d) => ({
      unitId: d.unitId,
      unitCode: d.unitCode,
      unitName: d.unitName,
      estimateId: d.estimateId,
      status: d.status,
      ownItAmount: d.ownItAmount,
      hasEstimate: d.hasEstimate,
      hasOwnItLine: d.ownItAmount > 0n,
    }));
    return {
      districts,
      missingEstimate: districts.filter((d) => !d.hasEstimate).map((d) => d.unitCode),
      missingOwnItLine: districts.filter((d) => d.hasEstimate && !d.hasOwnItLine).map((d) => d.unitCode),
    };
  }
}
