import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Writable } from 'node:stream';
import type { DataSource, QueryRunner } from 'typeorm';
import { HeavyWorkGate } from '../../common/concurrency/heavy-work-gate.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { message } from '../../common/errors/messages.js';
import { EstimateLedger } from '../estimates/ledger/estimate-ledger.js';
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
// APPROVED, not excluded. Only classification, description and amounts are selected: never a user,
// an actor, a comment, a DIC note, a justification or a reason.
const publishedLines = (ledger: EstimateLedger) => `
  SELECT l.id AS line_id,
         u.code AS unit_code, u.name AS unit_name, u.name_en AS unit_name_en, u.kind AS unit_kind, u.budget_level AS unit_budget_level,
         pa.code AS plan_area_code, pa.name AS plan_area_name, pa.name_en AS plan_area_name_en,
         et.code AS expenditure_type_code, et.name AS expenditure_type_name, et.name_en AS expenditure_type_name_en,
         fs.code AS funding_source_code, fs.name AS funding_source_name, fs.name_en AS funding_source_name_en,
         ak.code AS activity_kind_code, ak.name AS activity_kind_name, ak.name_en AS activity_kind_name_en,
         COALESCE(u.budget_relation_code, '') AS unit_budget_relation_code, COALESCE(u.chapter_code, '') AS chapter_code,
         COALESCE(l.loai_khoan, '') AS loai_khoan, COALESCE(l.muc_tieu_muc, '') AS muc_tieu_muc,
         l.description,
         l.amount::text AS requested, l.approved_amount::text AS approved_now, l.decided_amount::text AS decided,
         COALESCE(adj.n, 0)::int AS adjustment_count, COALESCE(adj.net, 0)::text AS adjustment_net,
         ex.disbursed::text AS executed
    FROM ${ledger.linesInBudget('$1', { statuses: ['APPROVED'] })} l
    JOIN consolidated_budgets b ON b.year = l.year AND b.status = 'APPROVED'
    JOIN units u ON u.id = l.unit_id
    JOIN plan_areas pa ON pa.code = l.plan_area_code
    JOIN expenditure_types et ON et.code = l.expenditure_type_code
    JOIN funding_sources fs ON fs.code = l.funding_source_code
    JOIN activity_kinds ak ON ak.code = l.activity_kind_code
    LEFT JOIN (
      SELECT a.line_id, count(*) AS n, SUM(a.after_amount - a.before_amount) AS net
        FROM ${ledger.adjustmentsOfYear('$1')} a
       GROUP BY a.line_id
    ) adj ON adj.line_id = l.id
    -- Executed: what the unit's latest accepted semi-annual report says was disbursed (accepted only).
    LEFT JOIN LATERAL (
      SELECT d.disbursed FROM progress_disbursements d JOIN progress_reports r ON r.id = d.report_id
       WHERE d.line_id = l.id AND r.year = l.year AND r.unit_id = l.unit_id AND r.status = 'ACCEPTED'
       ORDER BY r.half DESC LIMIT 1
    ) ex ON true
   ORDER BY u.code, l.line_no, l.id`;

interface LineRow {
  line_id: string;
  unit_code: string;
  unit_name: string;
  unit_name_en: string;
  unit_kind: string;
  unit_budget_level: string;
  plan_area_code: string;
  plan_area_name: string;
  plan_area_name_en: string;
  expenditure_type_code: string;
  expenditure_type_name: string;
  expenditure_type_name_en: string;
  funding_source_code: string;
  funding_source_name: string;
  funding_source_name_en: string;
  activity_kind_code: string;
  activity_kind_name: string;
  activity_kind_name_en: string;
  unit_budget_relation_code: string;
  chapter_code: string;
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

interface YearRow {
  year: number;
  plan_period: string;
  decision_number: string | null;
  decision_date: string | null;
  approved_at: Date | null;
  updated_at: Date | null;
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

function toLine(r: LineRow): PublishedLine {
  return {
    lineId: r.line_id,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    unitNameEn: r.unit_name_en,
    unitKind: r.unit_kind,
    unitBudgetLevel: r.unit_budget_level,
    planAreaCode: r.plan_area_code,
    planAreaName: r.plan_area_name,
    planAreaNameEn: r.plan_area_name_en,
    expenditureTypeCode: r.expenditure_type_code,
    expenditureTypeName: r.expenditure_type_name,
    expenditureTypeNameEn: r.expenditure_type_name_en,
    fundingSourceCode: r.funding_source_code,
    fundingSourceName: r.funding_source_name,
    fundingSourceNameEn: r.funding_source_name_en,
    activityKindCode: r.activity_kind_code,
    activityKindName: r.activity_kind_name,
    activityKindNameEn: r.activity_kind_name_en,
    unitBudgetRelationCode: r.unit_budget_relation_code,
    chapterCode: r.chapter_code,
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
  ) {}

  /** CSV downloads being served now (each holds a database connection and a slot of the gate). */
  get activeDownloads(): number {
    return this.downloads;
  }

  private yearRows(year: number | null, runner?: QueryRunner): Promise<YearRow[]> {
    return this.dataSource.query<YearRow[]>(
      `SELECT b.year, fy.plan_period, b.decision_number, b.decision_date, b.approved_at,
              GREATEST(b.approved_at, (SELECT max(a.created_at) FROM ${this.ledger.adjustmentsOfYear('b.year')} a)) AS updated_at,
              EXISTS (SELECT 1 FROM ${this.ledger.estimatesOfYear('b.year', { inBudget: true, statuses: ['APPROVED'] })} e
                       WHERE e.illustrative) AS illustrative
         FROM consolidated_budgets b
         JOIN fiscal_years fy ON fy.year = b.year
        WHERE b.status = 'APPROVED' AND ($1::int IS NULL OR b.year = $1::int)
        ORDER BY b.year`,
      [year],
      runner,
    );
  }

  /** The years whose consolidated budget the chair has approved. */
  async publishedYears(): Promise<PublishedYear[]> {
    return (await this.yearRows(null)).map((row) => ({
      year: row.year,
      planPeriod: row.plan_period,
      decisionNumber: row.decision_number,
      decisionDate: row.decision_date,
      updatedAt: (row.updated_at ?? row.approved_at ?? new Date(0)).toISOString(),
      datapackage: `/open-data/${row.year}/datapackage.json`,
      data: `/open-data/${row.year}/${RESOURCE_PATH}`,
    }));
  }

  /** The Fiscal Data Package descriptor of a published year; 404 for any other year. */
  async descriptor(year: number): Promise<FiscalDataPackage> {
    const [row] = year >= 2000 && year <= 2200 ? await this.yearRows(year) : [];
    if (!row) throw new NotPublishedError(year);
    const [ppc] = await this.dataSource.query<{ code: string; name: string; name_en: string }[]>(
      `SELECT code, name, name_en FROM units WHERE special_role = 'PPC'`,
    );
    const meta: PublicationMeta = {
      year: row.year,
      planPeriod: row.plan_period,
      decisionNumber: row.decision_number,
      decisionDate: row.decision_date,
      updatedAt: (row.updated_at ?? row.approved_at ?? new Date(0)).toISOString(),
      publisher: ppc ? { code: ppc.code, name: ppc.name, nameEn: ppc.name_en } : { code: 'province', name: 'UBND tỉnh', nameEn: "Provincial People's Committee" },
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
      const [published] = await this.yearRows(year, runner);
      if (!published) throw new NotPublishedError(year);
      await this.dataSource.query(`DECLARE open_data_lines NO SCROLL CURSOR FOR ${publishedLines(this.ledger)}`, [year], runner);
    } catch (error) {
      if (runner) await finish(false);
      else done();
      throw error;
    }
    const open = runner;
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
            for (const row of rows) for (const record of lineRecords(year, toLine(row))) chunk += csvRecord(record);
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
