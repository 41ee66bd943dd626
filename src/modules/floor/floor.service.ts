import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { sumVnd } from '../../common/money/vnd.js';
import { allocationRequest } from '../../engine/allocation/scenarios.js';
import { allocate } from '../../engine/allocation/index.js';
import { DISTRICT_OWN_SOURCE, ESTIMATE_CYCLE, isInvestmentProject } from '../estimates/domain/estimate-cycle.js';
import { FiscalYearsService } from '../fiscal-years/fiscal-years.service.js';
import { UnitsService } from '../units/units.service.js';
import { checkRules, recurrentThresholdsRule, type RuleDistrict, type RuleInForce, type RuleLine, type RuleResult, rulesInForce, type YearPicture } from './domain/budget-rules.js';
import { floorAmount, floorFigures } from './domain/floor.js';
import { summariseTopUp } from './domain/top-up.js';
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

/** One year of a plan period as the floor sees it; a figure without data is null, never 0. */
export interface YearFloor {
  year: number;
  totalLocalExpenditure: bigint | null;
  floorRatio: string;
  /** ceil(total × ratio); null while the year's total local expenditure is not set. */
  floorAmount: bigint | null;
  /** Σ requested of the floor's lines; null when the year has none. */
  requestedTotal: bigint | null;
  /** Σ approved of the floor's lines; null while none of them has an approved amount. */
  itTotal: bigint | null;
  compliant: boolean | null;
  shortfall: bigint | null;
  /** Lines funded from the floor's sources (excluded estimates left out), and how many are approved. */
  lines: number;
  approvedLines: number;
}

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
    const settings = await this.fiscalYears.get(year, manager);
    const bySource = sumBy(await this.ledger.yearBuckets(manager, year, { excluded: false }), (b) => b.fundingSourceCode);
    return {
      year,
      settings: {
        totalLocalExpenditure: settings.totalLocalExpenditure,
        floorRatio: settings.floorRatio,
        floorSources: settings.floorSources,
        floorPolicy: settings.floorPolicy,
      },
      sourceTotals: [...bySource.entries()].map(([fundingSourceCode, m]) => ({ fundingSourceCode, amount: m.requested, approvedAmount: m.approved })),
      lines: ruleLines ? await this.linesOfYear(manager, year, RULE_LINES, [RULE_SIZED_ABOVE]) : [],
      districts: await this.districts(manager, year),
    };
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
  private async linesOfYear(manager: EntityManager, year: number, where: string, params: unknown[] = []): Promise<PictureLine[]> {
    const directory = await this.units.directory(undefined, manager);
    const unitOf = new Map(directory.map((u) => [u.id, u]));
    const rows = await manager.query<Record<string, string | number | boolean | null>[]>(
      `SELECT l.id, l.estimate_id, l.unit_id, l.estimate_status AS status,
              l.activity_kind_code, l.expenditure_type_code, l.funding_source_code, l.priority_tier, l.design_agreed,
              l.dic_opinion, l.dic_note, l.plan_area_code, l.committed_minimum::text,
              l.amount::text, l.approved_amount::text, l.contingency::text, l.multi_year_total::text, l.appraised_amount::text
         FROM ${this.ledger.linesInBudget('$1')} l
         JOIN unnest($${params.length + 2}::uuid[]) WITH ORDINALITY AS o(unit_id, pos) ON o.unit_id = l.unit_id
        WHERE ${where}
        ORDER BY o.pos, l.line_no`,
      [year, ...params, directory.map((u) => u.id)],
    );
    const big = (value: unknown) => (value === null ? null : BigInt(value as string));
    return rows.map((r) => ({
      lineId: r.id as string,
      estimateId: r.estimate_id as string,
      unitId: r.unit_id as string,
      unitCode: unitOf.get(r.unit_id as string)!.code,
      unitName: unitOf.get(r.unit_id as string)!.name,
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
    const rows = districts.map((d) => ({ id: d.id, code: d.code, name: d.name, estimate_id: estimateOf.get(d.id)?.id ?? null, status: estimateOf.get(d.id)?.status ?? null }));
    // The own IT line from the ledger's kept totals of those estimates (their DISTRICT parts).
    const estimateIds = rows.flatMap((r) => (r.estimate_id ? [r.estimate_id] : []));
    const own = sumBy(await this.ledger.estimateBuckets(manager, { estimateIds }, { parts: true, fundingSource: DISTRICT_OWN_SOURCE }), (b) => b.estimateId);
    return rows.map((r) => {
      const figures = (r.estimate_id && own.get(r.estimate_id)) || NO_MEASURES;
      return {
        unitId: r.id,
        unitCode: r.code,
        unitName: r.name,
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
    return { year, rules: rulesInForce(year), results: checkRules(await this.picture(year, manager)) };
  }

  /** DESIGN.md section 5: the floor at this moment of the cycle, per district, and the top-up proposal when short. */
  async floor(year: number, roundingUnit = 1n) {
    const picture = await this.picture(year, undefined, { ruleLines: false });
    const figures = floorFigures(picture.settings, picture.sourceTotals);
    let topUp = null;
    if (figures.shortfall !== null && figures.shortfall > 0n) {
      // Only when short are lines read: those of the floor's sources still short of their request.
      const candidates = this.topUpCandidates(
        await this.balanceableLines(year, undefined, { sources: picture.settings.floorSources, unfundedOnly: true }),
      );
      const result = allocate({
        ceiling: figures.shortfall,
        unit: roundingUnit,
        lines: candidates.map((c) => ({ id: c.lineId, requested: c.unfunded, tier: c.tier })),
      });
      const unfundedTotal = sumVnd(candidates.map((c) => c.unfunded));
      topUp = {
        ceiling: figures.shortfall,
        allocated: result.allocated,
        unallocated: result.unallocated,
        partialTier: result.partialTier,
        unfundedTotal,
        note:
          unfundedTotal < figures.shortfall
            ? message('TOP_UP_SHORT', { unfunded: unfundedTotal, shortfall: figures.shortfall })
            : null,
        // Summed per unit, with the largest lines only (domain/top-up.ts).
        ...summariseTopUp(
          candidates,
          candidates.map((_c, i) => result.allocations[i] ?? 0n),
        ),
      };
    }
    return {
      year,
      totalLocalExpenditure: picture.settings.totalLocalExpenditure,
      floorRatio: picture.settings.floorRatio,
      floorSources: picture.settings.floorSources,
      floorPolicy: picture.settings.floorPolicy,
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
   * The floor across the years of a plan period (fiscal_years.plan_period), from the kept totals, in
   * one snapshot. Unlike the live check of one year, a year with no line of the floor's sources has
   * no IT figure (null), and one whose lines have no approved amount yet has no approved figure:
   * a chart of the plan's years draws a gap there, not a 0. 404 for a period with no year.
   */
  async periodFloor(periodId: string): Promise<{ planPeriod: string; years: YearFloor[] }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const settings = await this.fiscalYears.yearsOfPeriod(periodId, manager);
      if (settings.length === 0) throw new NotFoundError('Plan period', periodId);
      const years: YearFloor[] = [];
      for (const year of settings) {
        const sources = new Set(year.floorSources);
        const counted = sumAll((await this.ledger.yearBuckets(manager, year.year, { excluded: false })).filter((b) => sources.has(b.fundingSourceCode)));
        const floor = year.totalLocalExpenditure === null ? null : floorAmount(year.totalLocalExpenditure, year.floorRatio);
        const itTotal = counted.approvedLines > 0 ? counted.approved : null;
        const shortfall = floor === null || itTotal === null ? null : floor > itTotal ? floor - itTotal : 0n;
        years.push({
          year: year.year,
          totalLocalExpenditure: year.totalLocalExpenditure,
          floorRatio: year.floorRatio,
          floorAmount: floor,
          requestedTotal: counted.lineCount > 0 ? counted.requested : null,
          itTotal,
          compliant: shortfall === null ? null : shortfall === 0n,
          shortfall,
          lines: counted.lineCount,
          approvedLines: counted.approvedLines,
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
