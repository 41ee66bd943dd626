import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Writable } from 'node:stream';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { HeavyWorkGate } from '../../common/concurrency/heavy-work-gate.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { message } from '../../common/errors/messages.js';
import { type Catalog, CatalogService } from '../catalog/catalog.service.js';
import { EstimateLedger } from '../estimates/ledger/estimate-ledger.js';
import { FiscalYearsService } from '../fiscal-years/fiscal-years.service.js';
import { ProgressReportsService } from '../monitoring/progress-reports.service.js';
import { type UnitName, UnitsService } from '../units/units.service.js';
import { BudgetService } from '../workflow/budget.service.js';
import { BUDGET_LINE_HEADER, lineRecords, type PublishedLine } from './domain/budget-lines.js';
import { csvRecord } from './domain/csv.js';
import { buildDescriptor, type FiscalDataPackage, type PublicationMeta, RESOURCE_PATH } from './domain/descriptor.js';

/** Lines fetched from the cursor at a time. */
const BATCH = 1000;

export interface DownloadLimits {
  /** A reader that takes nothing for this long is cut off, so that it cannot hold a connection. */
  stallMs: number;
  /** However slowly it drains, a download ends by then: a slow-drip client cannot hold a slot for ever. */
  totalMs: number;
}

// Only lines of estimates APPROVED by the chair's decision, in a year whose consolidated budget is
// APPROVED (checked in the same snapshot before the cursor opens), not excluded. Only
// classification, description and amounts are selected: never a user, an actor, a comment, a DIC
// note, a justification or a reason. Names come from their owners: the units from the registry
// (ordered by code as `$2`, a uuid array), the catalog's from the catalog service.
const publishedLines = (ledger: EstimateLedger, progress: ProgressReportsService) => `
  SELECT l.id AS line_id, l.unit_id,
         l.plan_area_code, l.expenditure_type_code, l.funding_source_code, l.activity_kind_code,
         COALESCE(l.loai_khoan, '') AS loai_khoan, COALESCE(l.muc_tieu_muc, '') AS muc_tieu_muc,
         l.description,
         l.amount::text AS requested, l.approved_amount::text AS approved_now, l.decided_amount::text AS decided,
         COALESCE(adj.n, 0)::int AS adjustment_count, COALESCE(adj.net, 0)::text AS adjustment_net,
         -- Executed: what the unit's latest accepted semi-annual report says was disbursed (accepted only).
         ${progress.latestAcceptedDisbursedSql('l.id', 'l.year', 'l.unit_id')}::text AS executed
    FROM ${ledger.linesInBudget('$1', { statuses: ['APPROVED'] })} l
    JOIN unnest($2::uuid[]) WITH ORDINALITY AS o(unit_id, pos) ON o.unit_id = l.unit_id
    LEFT JOIN (
      SELECT a.line_id, count(*) AS n, SUM(a.after_amount - a.before_amount) AS net
        FROM ${ledger.adjustmentsOfYear('$1')} a
       GROUP BY a.line_id
    ) adj ON adj.line_id = l.id
   ORDER BY o.pos, l.line_no, l.id`;

interface LineRow {
  line_id: string;
  unit_id: string;
  plan_area_code: string;
  expenditure_type_code: string;
  funding_source_code: string;
  activity_kind_code: string;
  loai_khoan: string;
  muc_tieu_muc: string;
  description: string;
  requested: string;
  approved_now: string | null;
  decided: string | null;
  adjustment_count: number;
  adjustment_net: string;
  executed: string | null;
}

/** Names of the catalog's codes, by code (what the lines carry). */
interface CatalogNames {
  planAreas: Map<string, Named>;
  expenditureTypes: Map<string, Named>;
  fundingSources: Map<string, Named>;
  activityKinds: Map<string, Named>;
}
interface Named {
  name: string;
  nameEn: string;
}

function catalogNames(catalog: Catalog): CatalogNames {
  const byCode = (items: readonly (Named & { code: string })[]) => new Map(items.map((item) => [item.code, { name: item.name, nameEn: item.nameEn }]));
  return {
    planAreas: byCode(catalog.planAreas),
    expenditureTypes: byCode(catalog.expenditureTypes),
    fundingSources: byCode(catalog.fundingSources),
    activityKinds: byCode(catalog.activityKinds),
  };
}

/** A published year as read in one snapshot. */
interface YearRow {
  year: number;
  planPeriod: string;
  decisionNumber: string | null;
  decisionDate: string | null;
  /** When the figures last changed: the approval or the latest adjustment after it (the Unix epoch if neither is known). */
  updatedAt: Date;
  /** Demo estimates are among the published ones. */
  illustrative: boolean;
}

export interface PublishedYear {
  year: number;
  planPeriod: string;
  decisionNumber: string | null;
  decisionDate: string | null;
  updatedAt: string;
  datapackage: string;
  data: string;
}

/** A code the lines carry always names a catalog entry (foreign keys); a missing one is a broken database. */
function named(names: Map<string, Named>, code: string, what: string): Named {
  const found = names.get(code);
  if (!found) throw new Error(`open data: ${what} ${code} is not in the catalog`);
  return found;
}

function toLine(r: LineRow, unit: UnitName, catalog: CatalogNames): PublishedLine {
  const planArea = named(catalog.planAreas, r.plan_area_code, 'plan area');
  const expenditureType = named(catalog.expenditureTypes, r.expenditure_type_code, 'expenditure type');
  const fundingSource = named(catalog.fundingSources, r.funding_source_code, 'funding source');
  const activityKind = named(catalog.activityKinds, r.activity_kind_code, 'activity kind');
  return {
    lineId: r.line_id,
    unitCode: unit.code,
    unitName: unit.name,
    unitNameEn: unit.nameEn,
    unitKind: unit.kind,
    unitBudgetLevel: unit.budgetLevel,
    planAreaCode: r.plan_area_code,
    planAreaName: planArea.name,
    planAreaNameEn: planArea.nameEn,
    expenditureTypeCode: r.expenditure_type_code,
    expenditureTypeName: expenditureType.name,
    expenditureTypeNameEn: expenditureType.nameEn,
    fundingSourceCode: r.funding_source_code,
    fundingSourceName: fundingSource.name,
    fundingSourceNameEn: fundingSource.nameEn,
    activityKindCode: r.activity_kind_code,
    activityKindName: activityKind.name,
    activityKindNameEn: activityKind.nameEn,
    unitBudgetRelationCode: unit.budgetRelationCode ?? '',
    chapterCode: unit.chapterCode ?? '',
    loaiKhoan: r.loai_khoan,
    mucTieuMuc: r.muc_tieu_muc,
    description: r.description,
    requested: BigInt(r.requested),
    approvedNow: r.approved_now === null ? null : BigInt(r.approved_now),
    decided: r.decided === null ? null : BigInt(r.decided),
    adjustmentCount: r.adjustment_count,
    adjustmentNet: BigInt(r.adjustment_net),
    executed: r.executed === null ? null : BigInt(r.executed),
  };
}

class NotPublishedError extends DomainError {
  constructor(year: number) {
    super('NOT_FOUND', 'NOT_PUBLISHED', message('NOT_PUBLISHED', { year }));
  }
}


/** A CSV download whose year was found published; write it once. */
export interface BudgetLinesDownload {
  filename: string;
  /** Streams the CSV to `out` and ends it; on failure or a stalled reader, destroys `out`. Never throws. */
  writeTo(out: Writable): Promise<void>;
}

/** Resolves when `out` can take more, or when it closed, failed, or stalled for `ms`. */
function drained(out: Writable, ms: number): Promise<'drain' | 'closed' | 'stalled'> {
  return new Promise((resolve) => {
    const done = (result: 'drain' | 'closed' | 'stalled') => {
      clearTimeout(timer);
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onClose);
      resolve(result);
    };
    const onDrain = () => done('drain');
    const onClose = () => done('closed');
    const timer = setTimeout(() => done('stalled'), ms);
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onClose);
  });
}

/**
 * The approved budget of a year as open data (a Fiscal Data Package): what is published, the
 * descriptor, and the CSV streamed from one consistent snapshot of the database.
 */
@Injectable()
export class OpenDataService {
  private readonly logger = new Logger(OpenDataService.name);
  private downloads = 0;
  /** Per download; tests may lower them. How many run at once is the instance's HeavyWorkGate's. */
  readonly limits: DownloadLimits = { stallMs: 30_000, totalMs: 10 * 60_000 };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gate: HeavyWorkGate,
    private readonly ledger: EstimateLedger,
    private readonly units: UnitsService,
    private readonly catalog: CatalogService,
    private readonly fiscalYears: FiscalYearsService,
    private readonly budgets: BudgetService,
    private readonly progress: ProgressReportsService,
  ) {}

  /** CSV downloads being served now (each holds a database connection and a slot of the gate). */
  get activeDownloads(): number {
    return this.downloads;
  }

  /**
   * The published years (every one, or only `year`), by year, read through `manager` (one
   * snapshot when it is a REPEATABLE READ transaction's): the approved budgets from the workflow,
   * their plan period from the fiscal years, and from the estimate ledger the latest adjustment and
   * whether demo estimates are among the published ones.
   */
  private async yearRows(manager: EntityManager, year: number | null): Promise<YearRow[]> {
    const budgets = await this.budgets.approvedBudgets(manager, year ?? undefined);
    if (budgets.length === 0) return [];
    const facts = await manager.query<{ year: number; last_adjusted: Date | null; illustrative: boolean }[]>(
      `SELECT y.year,
              (SELECT max(a.created_at) FROM ${this.ledger.adjustmentsOfYear('y.year')} a) AS last_adjusted,
              EXISTS (SELECT 1 FROM ${this.ledger.estimatesOfYear('y.year', { inBudget: true, statuses: ['APPROVED'] })} e
                       WHERE e.illustrative) AS illustrative
         FROM unnest($1::int[]) AS y(year)`,
      [budgets.map((budget) => budget.year)],
    );
    const factsOf = new Map(facts.map((row) => [row.year, row]));
    const rows: YearRow[] = [];
    for (const budget of budgets) {
      const fiscalYear = await this.fiscalYears.find(budget.year, manager);
      if (!fiscalYear) continue; // a budget's year is a fiscal year (foreign key)
      const fact = factsOf.get(budget.year);
      const lastAdjusted = fact?.last_adjusted ?? null;
      // The later of the approval and the latest adjustment, either when the other is unknown.
      const updatedAt = budget.approvedAt && lastAdjusted ? (lastAdjusted > budget.approvedAt ? lastAdjusted : budget.approvedAt) : (lastAdjusted ?? budget.approvedAt);
      rows.push({
        year: budget.year,
        planPeriod: fiscalYear.planPeriod,
        decisionNumber: budget.decisionNumber,
        decisionDate: budget.decisionDate,
        updatedAt: updatedAt ?? new Date(0),
        illustrative: fact?.illustrative ?? false,
      });
    }
    return rows;
  }

  /** Runs `read` in a read-only REPEATABLE READ transaction: one snapshot for all its reads. */
  private snapshot<T>(read: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      return read(manager);
    });
  }

  /** The years whose consolidated budget the chair has approved. */
  async publishedYears(): Promise<PublishedYear[]> {
    return (await this.snapshot((manager) => this.yearRows(manager, null))).map((row) => ({
      year: row.year,
      planPeriod: row.planPeriod,
      decisionNumber: row.decisionNumber,
      decisionDate: row.decisionDate,
      updatedAt: row.updatedAt.toISOString(),
      datapackage: `/open-data/${row.year}/datapackage.json`,
      data: `/open-data/${row.year}/${RESOURCE_PATH}`,
    }));
  }

  /** The Fiscal Data Package descriptor of a published year; 404 for any other year. */
  async descriptor(year: number): Promise<FiscalDataPackage> {
    if (year < 2000 || year > 2200) throw new NotPublishedError(year);
    const { row, ppc } = await this.snapshot(async (manager) => {
      const [found] = await this.yearRows(manager, year);
      return { row: found, ppc: found ? await this.units.withRole('PPC', manager) : null };
    });
    if (!row) throw new NotPublishedError(year);
    const meta: PublicationMeta = {
      year: row.year,
      planPeriod: row.planPeriod,
      decisionNumber: row.decisionNumber,
      decisionDate: row.decisionDate,
      updatedAt: row.updatedAt.toISOString(),
      publisher: ppc ? { code: ppc.code, name: ppc.name, nameEn: ppc.nameEn } : { code: 'province', name: 'UBND tỉnh', nameEn: "Provincial People's Committee" },
      illustrative: row.illustrative,
    };
    return buildDescriptor(meta);
  }

  /**
   * Opens the CSV of a published year: a read-only REPEATABLE READ transaction (one snapshot, so
   * the file's totals agree with themselves) and a cursor over its lines. 404 before any byte
   * when the year is not published; 429 when this instance already serves its share of downloads.
   */
  async budgetLines(year: number): Promise<BudgetLinesDownload> {
    if (year < 2000 || year > 2200) throw new NotPublishedError(year);
    const release = this.gate.enter(); // 429 with Retry-After when the instance's heavy work is at its bound
    this.downloads++;
    const done = () => {
      this.downloads--;
      release();
    };
    let runner: QueryRunner | null = null;
    let unitsOf: Map<string, UnitName>;
    let catalog: CatalogNames;
    const finish = async (commit: boolean) => {
      if (!runner) return;
      const r = runner;
      runner = null;
      try {
        if (r.isTransactionActive) await (commit ? r.commitTransaction() : r.rollbackTransaction());
      } catch (error) {
        this.logger.warn(`open data ${year}: ending the transaction failed: ${String(error)}`);
      } finally {
        done();
        await r.release().catch((error: unknown) => this.logger.warn(`open data ${year}: releasing the connection failed: ${String(error)}`));
      }
    };
    try {
      runner = this.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const [published] = await this.yearRows(runner.manager, year);
      if (!published) throw new NotPublishedError(year);
      // The registry's names of the units with published lines, ordered by code; the catalog's names.
      const estimates = await this.ledger.estimates(runner.manager, year, { inBudget: true, statuses: ['APPROVED'] });
      const units = await this.units.namesByCode(
        estimates.map((estimate) => estimate.unitId),
        runner.manager,
      );
      unitsOf = new Map(units.map((unit) => [unit.id, unit]));
      catalog = catalogNames(await this.catalog.getCatalog(runner.manager));
      await this.dataSource.query(
        `DECLARE open_data_lines NO SCROLL CURSOR FOR ${publishedLines(this.ledger, this.progress)}`,
        [year, units.map((unit) => unit.id)],
        runner,
      );
    } catch (error) {
      if (runner) await finish(false);
      else done();
      throw error;
    }
    const open = runner;
    const names = catalog;
    const unitOf = (id: string): UnitName => {
      const unit = unitsOf.get(id);
      if (!unit) throw new Error(`open data ${year}: unit ${id} is not in the registry`);
      return unit;
    };
    return {
      filename: `${year}-${RESOURCE_PATH}`,
      writeTo: async (out: Writable) => {
        let ended = false;
        const deadline = Date.now() + this.limits.totalMs;
        try {
          const write = async (chunk: string): Promise<boolean> => {
            if (out.destroyed || out.writableEnded) return false;
            if (Date.now() > deadline) {
              this.logger.warn(`open data ${year}: the download took longer than ${this.limits.totalMs} ms; cut off`);
              out.destroy();
              return false;
            }
            if (out.write(chunk)) return true;
            const result = await drained(out, this.limits.stallMs);
            if (result === 'stalled') {
              this.logger.warn(`open data ${year}: the reader took nothing for ${this.limits.stallMs} ms; download cut off`);
              out.destroy();
              return false;
            }
            return result === 'drain';
          };
          if (!(await write(csvRecord(BUDGET_LINE_HEADER)))) return;
          for (;;) {
            const rows = await this.dataSource.query<LineRow[]>(`FETCH ${BATCH} FROM open_data_lines`, [], open);
            if (rows.length === 0) break;
            let chunk = '';
            for (const row of rows) for (const record of lineRecords(year, toLine(row, unitOf(row.unit_id), names))) chunk += csvRecord(record);
            if (!(await write(chunk))) return;
          }
          out.end();
          ended = true;
        } catch (error) {
          // Headers are gone: a cut connection is the only honest signal of a truncated file.
          this.logger.error(`open data ${year}: the CSV failed mid-stream: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
          out.destroy(error instanceof Error ? error : new Error(String(error)));
        } finally {
          await finish(ended);
        }
      },
    };
  }
}
