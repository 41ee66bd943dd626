import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { FiscalYearsService } from '../fiscal-years/fiscal-years.service.js';
import { type UnitName, UnitsService } from '../units/units.service.js';
import { checkRules, floorRule } from '../floor/domain/budget-rules.js';
import { type FloorFigures, floorFigures } from '../floor/domain/floor.js';
import { FloorService } from '../floor/floor.service.js';
import type { EstimateStatus } from '../estimates/domain/estimate-status.js';
import { EstimateLedger, type LedgerEstimate } from '../estimates/ledger/estimate-ledger.js';
import { type KeptDimensions, type KeptMeasures, sumAll, sumBy } from '../estimates/domain/kept-measures.js';
import { byUnitBody, consolidationBody } from './dto/consolidation.response.js';

export interface ConsolidationEntry {
  code: string;
  amount: bigint;
  lineCount: number;
}

export interface UnitConsolidationEntry {
  unitId: string;
  unitCode: string;
  unitName: string;
  /** The unit's budget-relationship code (mã ĐVQHNS) and chapter, null until registered. */
  budgetRelationCode: string | null;
  chapterCode: string | null;
  estimateId: string;
  status: EstimateStatus;
  amount: bigint;
  lineCount: number;
}

export interface Consolidation {
  year: number;
  statuses: EstimateStatus[] | null;
  estimateCount: number;
  lineCount: number;
  total: bigint;
  byUnit: UnitConsolidationEntry[];
  /** Estimates excluded from the consolidated budget, with the reason: in no total. */
  excluded: { unitId: string; unitCode: string; unitName: string; estimateId: string; status: EstimateStatus; reason: string }[];
  byPlanArea: ConsolidationEntry[];
  byFundingSource: ConsolidationEntry[];
  byExpenditureType: ConsolidationEntry[];
  /** By the state budget index: chapter (of the units), Loại-Khoản and Mục-Tiểu mục; '' = not classified. */
  byChapter: ConsolidationEntry[];
  byLoaiKhoan: ConsolidationEntry[];
  byMucTieuMuc: ConsolidationEntry[];
  /** The 1% floor at this moment (province-wide views only), with the warning reports carry. */
  floor: (FloorFigures & { floorPolicy: 'STOP' | 'WARN'; warning: string | null }) | null;
}

/** What the answer lists unit by unit: it depends on the estimates and the units only. */
interface UnitPart {
  estimateCount: number;
  estimateIds: string[];
  byUnit: UnitConsolidationEntry[];
  excluded: Consolidation['excluded'];
  byChapter: ConsolidationEntry[];
}

/** A province-wide unit part kept as JSON, with the fingerprint of the rows it was made from. */
interface CachedUnitPart {
  fingerprint: string;
  byUnitJson: Buffer;
  part: Omit<UnitPart, 'byUnit' | 'estimateIds'>;
}

/** Answers kept per instance (year × status filter); each is one JSON list of the units, 3.5 MB at national scale. */
const CACHED_ANSWERS = 8;

/**
 * Year-wide totals by unit, plan area, funding source and expenditure type, from the estimate
 * ledger's kept totals (kept equal to the sums of the lines in every write's transaction), read in
 * one snapshot. Other modules' tables are read through their owners: the year through
 * FiscalYearsService, the units' names and codes through UnitsService, the estimates and their
 * totals through EstimateLedger.
 *
 * What it costs at national scale (13,000 units, 650,000 lines; README, "The estimate ledger at
 * national scale"): no line is read. The year-wide figures come from a few thousand kept buckets
 * and the floor's figures; the list of units (one row per unit from the ledger and one from the
 * registry, then 3.5 MB of JSON) is the rest, and most of the cost. `consolidationJson` keeps that
 * list as JSON per instance and serves it again while the rows it was made from are unchanged:
 * each request reads, in its own snapshot, the fingerprints of the year's estimates (with their
 * kept totals and exclusions) and of the units (`EstimateLedger.estimatesFingerprint`,
 * `UnitsService.fingerprint`: row versions, so a write by any instance, a script or psql changes
 * them), and builds the list again when either differs. Everything else is read fresh every time.
 */
@Injectable()
export class ConsolidationService {
  /** Keyed by year and status filter; the oldest entry goes first when full. */
  private readonly cache = new Map<string, CachedUnitPart>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly floor: FloorService,
    private readonly ledger: EstimateLedger,
    private readonly fiscalYears: FiscalYearsService,
    private readonly units: UnitsService,
  ) {}

  /**
   * `unitScope` limits the figures to those units (a unit's own users); null is the whole province.
   * NotFoundError (404) for a year not set up.
   */
  async consolidate(
    year: number,
    { statuses, unitScope = null }: { statuses?: EstimateStatus[]; unitScope?: ReadonlySet<string> | null } = {},
  ): Promise<Consolidation> {
    // One snapshot for every figure, so that each total equals the sum of its parts.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await this.fiscalYears.assertExists(year, manager);
      const wanted = statuses && statuses.length > 0 ? statuses : undefined;
      const units = await this.unitPart(manager, year, wanted, unitScope);
      return { ...(await this.yearPart(manager, year, wanted, unitScope, units)), byUnit: units.byUnit };
    });
  }

  /**
   * The same answer as `consolidate`, as its JSON body (UTF-8; `consolidationBody`'s shape). The
   * province-wide list of units is served from this instance's cache while its fingerprint holds
   * (see the class's docs); a unit's users get theirs built each time (a few rows).
   */
  async consolidationJson(
    year: number,
    { statuses, unitScope = null }: { statuses?: EstimateStatus[]; unitScope?: ReadonlySet<string> | null } = {},
  ): Promise<Buffer> {
    if (unitScope !== null) return Buffer.from(JSON.stringify(consolidationBody(await this.consolidate(year, { statuses, unitScope }))));
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await this.fiscalYears.assertExists(year, manager);
      const wanted = statuses && statuses.length > 0 ? statuses : undefined;
      const fingerprint = `${await this.ledger.estimatesFingerprint(manager, year)}|${await this.units.fingerprint(manager)}`;
      const key = `${year}|${[...new Set(wanted ?? [])].sort().join(',')}`;
      let cached = this.cache.get(key);
      if (cached?.fingerprint !== fingerprint) {
        const units = await this.unitPart(manager, year, wanted, null);
        const part = { estimateCount: units.estimateCount, excluded: units.excluded, byChapter: units.byChapter };
        cached = { fingerprint, byUnitJson: Buffer.from(JSON.stringify(byUnitBody(units.byUnit))), part };
        this.cache.delete(key);
        this.cache.set(key, cached);
        if (this.cache.size > CACHED_ANSWERS) this.cache.delete(this.cache.keys().next().value!);
      }
      // The year-wide figures (a few thousand buckets, the floor), fresh in this snapshot.
      const rest = await this.yearPart(manager, year, wanted, null, { ...cached.part, estimateIds: [] });
      // Spliced in `ConsolidationDto`'s order: the figures before the list, the list, the rest.
      const body = consolidationBody({ ...rest, byUnit: [] });
      const head = JSON.stringify({ year: body.year, statuses: body.statuses, estimateCount: body.estimateCount, lineCount: body.lineCount, total: body.total });
      const after = { ...body } as Partial<typeof body>;
      for (const key of ['year', 'statuses', 'estimateCount', 'lineCount', 'total', 'byUnit'] as const) delete after[key];
      return Buffer.concat([Buffer.from(`${head.slice(0, -1)},"byUnit":`), cached.byUnitJson, Buffer.from(`,${JSON.stringify(after).slice(1)}`)]);
    });
  }

  /** The estimates unit by unit: the list, the excluded ones, the chapters' totals. */
  private async unitPart(manager: EntityManager, year: number, wanted: EstimateStatus[] | undefined, unitScope: ReadonlySet<string> | null): Promise<UnitPart> {
    // Each estimate with its own kept totals and its exclusion, in one read (one row per unit).
    const listed = await this.ledger.estimates(manager, year, { statuses: wanted, unitIds: unitScope === null ? undefined : [...unitScope] });
    const ordered = await this.byUnitCode(manager, listed, unitScope);
    // Excluded from the consolidated budget: out of every total (as in the budget, the floor and
    // the workbook), listed apart.
    const estimates = ordered.filter(([e]) => e.exclusionReason === null);
    const excluded = ordered
      .filter(([e]) => e.exclusionReason !== null)
      .map(([e, unit]) => ({ unitId: e.unitId, unitCode: unit.code, unitName: unit.name, estimateId: e.id, status: e.status, reason: e.exclusionReason! }));
    // A unit's chapter holds all of its lines: the chapter totals are its units' estimate totals.
    const chapters = new Map<string, ConsolidationEntry>();
    for (const [estimate, unit] of estimates) {
      if (estimate.lineCount === 0) continue;
      const code = unit.chapterCode ?? '';
      const entry = chapters.get(code) ?? { code, amount: 0n, lineCount: 0 };
      chapters.set(code, { code, amount: entry.amount + estimate.requested, lineCount: entry.lineCount + estimate.lineCount });
    }
    return {
      estimateCount: estimates.length,
      estimateIds: estimates.map(([e]) => e.id),
      // Units with an estimate but no lines yet are listed with 0.
      byUnit: estimates.map(([estimate, unit]) => ({
        unitId: estimate.unitId,
        unitCode: unit.code,
        unitName: unit.name,
        budgetRelationCode: unit.budgetRelationCode,
        chapterCode: unit.chapterCode,
        estimateId: estimate.id,
        status: estimate.status,
        amount: estimate.requested,
        lineCount: estimate.lineCount,
      })),
      excluded,
      byChapter: [...chapters.values()].sort((a, b) => a.code.localeCompare(b.code)),
    };
  }

  /** Everything but the list of units: the year's totals by dimension and the floor. */
  private async yearPart(
    manager: EntityManager,
    year: number,
    wanted: EstimateStatus[] | undefined,
    unitScope: ReadonlySet<string> | null,
    units: Omit<UnitPart, 'byUnit'>,
  ): Promise<Omit<Consolidation, 'byUnit'>> {
    // The ledger's kept totals, never the lines: province-wide from the year's buckets (a few
    // thousand rows however large the year), for a unit's users from their estimates' parts.
    const parts: (KeptMeasures & KeptDimensions)[] =
      unitScope === null
        ? await this.ledger.yearBuckets(manager, year, { statuses: wanted, excluded: false })
        : await this.ledger.estimateBuckets(manager, { estimateIds: units.estimateIds }, { parts: true });
    const grand = sumAll(parts);
    const entries = (sums: Map<string, KeptMeasures>): ConsolidationEntry[] =>
      [...sums.entries()].map(([code, m]) => ({ code, amount: m.requested, lineCount: m.lineCount }));
    let floor: Consolidation['floor'] = null;
    if (unitScope === null) {
      const picture = await this.floor.picture(year, manager, { ruleLines: false });
      const figures = floorFigures(picture.settings, picture.sourceTotals);
      const [check] = checkRules(picture, [floorRule]);
      const warning = check && !check.passed ? check.message : null;
      floor = { ...figures, floorPolicy: picture.settings.floorPolicy, warning };
    }
    return {
      year,
      statuses: wanted ?? null,
      estimateCount: units.estimateCount,
      lineCount: grand.lineCount,
      total: grand.requested,
      excluded: units.excluded,
      byPlanArea: entries(sumBy(parts, (p) => p.planAreaCode)),
      byFundingSource: entries(sumBy(parts, (p) => p.fundingSourceCode)),
      byExpenditureType: entries(sumBy(parts, (p) => p.expenditureTypeCode)),
      byChapter: units.byChapter,
      byLoaiKhoan: entries(sumBy(parts, (p) => p.loaiKhoan)),
      byMucTieuMuc: entries(sumBy(parts, (p) => p.mucTieuMuc)),
      floor,
    };
  }

  /**
   * The estimates with their units' names, in the order of the units' codes (then ids), as the
   * registry orders them. Province-wide the registry's directory is read whole (in PostgreSQL's
   * order, one row per unit: at national scale nearly every unit has an estimate); for a unit's
   * users only their units, ordered here the same way (codes are ASCII, compared as PostgreSQL's
   * C collation does).
   */
  private async byUnitCode(
    manager: EntityManager,
    estimates: readonly LedgerEstimate[],
    unitScope: ReadonlySet<string> | null,
  ): Promise<[LedgerEstimate, UnitName][]> {
    const byUnit = new Map(estimates.map((e) => [e.unitId, e]));
    const ordered: [LedgerEstimate, UnitName][] = [];
    if (unitScope === null) {
      for (const unit of await this.units.directory(undefined, manager)) {
        const estimate = byUnit.get(unit.id);
        if (estimate) ordered.push([estimate, unit]);
      }
      return ordered;
    }
    const names = await this.units.namesOf([...byUnit.keys()], manager);
    for (const [unitId, estimate] of byUnit) {
      const unit = names.get(unitId);
      if (unit) ordered.push([estimate, unit]);
    }
    const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return ordered.sort(([, a], [, b]) => compare(a.code, b.code) || compare(a.id, b.id));
  }
}
