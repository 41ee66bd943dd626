import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PassThrough, type Writable } from 'node:stream';
import type { DataSource, QueryRunner } from 'typeorm';
import { normaliseDecimal } from '../../common/money/vnd.js';
import type { Actor } from '../../common/access/actor.js';
import { floorFigures } from '../floor/domain/floor.js';
import { AuthService } from '../auth/auth.service.js';
import { EstimateLedger } from '../estimates/ledger/estimate-ledger.js';
import { FloorService } from '../floor/floor.service.js';
import { type JobView, JobsService, ProgressChain } from '../jobs/jobs.service.js';
import { SupportService } from '../support/support.service.js';
import { BudgetService } from '../workflow/budget.service.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { UnitsService } from '../units/units.service.js';
import { type ConsolidatedReportData, type ReportLine, writeConsolidatedReport } from './consolidated-report.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LINE_BATCH = 5000;

export interface OpenedReport {
  runner: QueryRunner;
  data: Omit<ConsolidatedReportData, 'lines'>;
  lineCount: number;
}

interface DimensionRow {
  code: string;
  name: string;
  requested: string;
  approved: string;
  adjusted: string;
}

/**
 * The consolidated workbook of a year, from one snapshot (a read-only REPEATABLE READ
 * transaction): the same figures the API answers, the lines streamed in batches.
 */
@Injectable()
export class ReportService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly budget: BudgetService,
    private readonly floor: FloorService,
    private readonly jobs: JobsService,
    private readonly ledger: EstimateLedger,
    private readonly auth: AuthService,
    private readonly support: SupportService,
    private readonly catalog: CatalogService,
    private readonly units: UnitsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register('REPORT_EXPORT', async ({ target, progress }) => {
      const year = Number(target);
      const sink = new PassThrough();
      const chunks: Buffer[] = [];
      sink.on('data', (chunk: Buffer) => chunks.push(chunk));
      const reported = new ProgressChain(progress);
      try {
        await this.write(await this.open(year), sink, (written, total) => reported.report(total > 0 ? (95 * written) / total : 0, 'writing'));
      } finally {
        await reported.settled();
      }
      return { result: { year }, file: { bytes: Buffer.concat(chunks), name: reportName(year), type: XLSX } };
    });
  }

  async assertYear(year: number): Promise<void> {
    await this.budget.get(year); // 404 for an unknown year
  }

  queue(year: number, actor: Actor): Promise<JobView> {
    return this.jobs.enqueue('REPORT_EXPORT', String(year), actor, {});
  }

  /**
   * Everything but the lines is read (and a missing year refused) before the first byte, so that
   * errors can still be answered as JSON.
   */
  async open(year: number): Promise<OpenedReport> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const manager = runner.manager;
      const budget = await this.budget.get(year, manager);
      // Once the chair has decided, "approved" is the decided figure kept on each line and "adjusted"
      // the current one, as the budget API answers (one source, so the two cannot drift).
      const decided = budget.status === 'APPROVED';
      // The floor's figures only: the lines the rules check one by one (tens of thousands in a
      // national year) are not in the workbook, so they are not read.
      const picture = await this.floor.picture(year, manager, { ruleLines: false });
      const figures = floorFigures(picture.settings, picture.sourceTotals);
      // The catalog's entries (code, name, order) are read through the catalog in this snapshot and
      // join the lines as a relation passed in: PostgreSQL groups and orders as it did over the table.
      const catalog = await this.catalog.getCatalog(manager);
      const dimension = (column: string, entries: readonly { code: string; name: string; sortOrder: number }[]) =>
        manager.query<DimensionRow[]>(
          // Per line: the decided figure (kept at the chair's decision) is not in the ledger's totals.
          `SELECT c.code, c.name, COALESCE(SUM(l.amount), 0)::text AS requested,
                  COALESCE(SUM(CASE WHEN $2 THEN l.decided_amount ELSE l.approved_amount END), 0)::text AS approved,
                  COALESCE(SUM(l.approved_amount), 0)::text AS adjusted
             FROM ${this.ledger.linesInBudget('$1')} l
             JOIN unnest($3::text[], $4::text[], $5::int[]) AS c(code, name, sort_order) ON c.code = l.${column}
            GROUP BY c.code, c.name, c.sort_order ORDER BY c.sort_order, c.code`,
          [year, decided, entries.map((e) => e.code), entries.map((e) => e.name), entries.map((e) => e.sortOrder)],
        );
      const amounts = (rows: DimensionRow[]) =>
        rows.map((r) => ({ code: r.code, name: r.name, requested: BigInt(r.requested), approved: BigInt(r.approved), adjusted: decided ? BigInt(r.adjusted) : null }));
      const byPlanArea = amounts(await dimension('plan_area_code', catalog.planAreas));
      const byFundingSource = amounts(await dimension('funding_source_code', catalog.fundingSources));
      const byExpenditureType = amounts(await dimension('expenditure_type_code', catalog.expenditureTypes));
      const awards = await this.support.decidedAllocations(year, manager);
      const adjustedRows = await manager.query<
        { unit_id: string; line_no: number; description: string; before_amount: string; after_amount: string; reason: string; actor_id: string; created_at: Date }[]
      >(
        `SELECT a.unit_id, a.line_no, a.description, a.before_amount::text, a.after_amount::text, a.reason, a.actor_id, a.created_at
           FROM ${this.ledger.adjustmentsOfYear('$1', { inBudget: true })} a
          ORDER BY a.created_at, a.id`,
        [year],
      );
      const adjustedUnits = await this.units.namesOf(adjustedRows.map((a) => a.unit_id), manager);
      const adjusted = adjustedRows.flatMap(({ unit_id, ...a }) => {
        const unit = adjustedUnits.get(unit_id);
        return unit ? [{ unit_code: unit.code, ...a }] : [];
      });
      // Who adjusted, as people read it: "Full Name (username)", the username alone without a full name.
      const people = await this.auth.people(adjusted.map((a) => a.actor_id));
      const adjustments = adjusted.flatMap(({ actor_id, ...a }) => {
        const person = people.get(actor_id);
        return person ? [{ ...a, actor: `${person.fullName || person.username} (${person.username})` }] : [];
      });
      const count = await this.ledger.lineCountInBudget(manager, year);
      return {
        runner,
        lineCount: count,
        data: {
          year,
          generatedAt: new Date().toISOString(),
          budget: { status: budget.status, decisionNumber: budget.decisionNumber, decisionDate: budget.decisionDate, warnings: budget.warnings },
          floor: { ...figures, totalLocalExpenditure: picture.settings.totalLocalExpenditure, floorRatio: picture.settings.floorRatio, floorPolicy: picture.settings.floorPolicy },
          byUnit: budget.estimates.map((e) => ({
            unitCode: e.unitCode,
            unitName: e.unitName,
            status: e.status,
            excluded: e.excluded,
            requested: e.requested,
            approved: e.approved,
            adjusted: e.adjusted,
          })),
          byPlanArea,
          byFundingSource,
          byExpenditureType,
          support: awards.map((a) => ({
            unitCode: a.unit_code,
            unitName: a.unit_name,
            fundingSourceCode: a.funding_source_code,
            fundingSourceName: a.funding_source_name,
            amount: BigInt(a.amount),
            decisionNumber: a.decision_number,
            decisionDate: a.decision_date,
          })),
          adjustments: adjustments.map((a) => ({
            unitCode: a.unit_code,
            lineNo: a.line_no,
            description: a.description,
            before: BigInt(a.before_amount),
            after: BigInt(a.after_amount),
            reason: a.reason,
            actor: a.actor,
            at: new Date(a.created_at).toISOString(),
          })),
        },
      };
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
      throw error;
    }
  }

  /** Writes the workbook from an opened snapshot, and releases it however the writing ends. */
  async write(opened: OpenedReport, output: Writable, onProgress?: (written: number, total: number) => void): Promise<void> {
    const { runner, data, lineCount } = opened;
    try {
      await writeConsolidatedReport({ ...data, lines: this.lines(runner, data.year, data.budget.status === 'APPROVED') }, output, onProgress && ((written) => onProgress(written, lineCount)));
    } finally {
      await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  /**
   * The included lines in unit and line order, a batch of whole estimates (about LINE_BATCH lines,
   * counted from the ledger's kept totals) at a time, each batch read through the lines' estimate
   * index: no query sorts the whole year.
   */
  private async *lines(runner: QueryRunner, year: number, decided: boolean): AsyncGenerator<ReportLine> {
    // Unit order is the registry's (its directory, read in this snapshot), passed in as an array.
    const directory = await this.units.directory(undefined, runner.manager);
    const unitOf = new Map(directory.map((u) => [u.id, u]));
    const estimates = await runner.manager.query<{ id: string; unit_id: string; line_count: number }[]>(
      `SELECT e.id, e.unit_id, e.line_count::int AS line_count
         FROM ${this.ledger.estimatesOfYear('$1', { inBudget: true })} e
         JOIN unnest($2::uuid[]) WITH ORDINALITY AS o(unit_id, pos) ON o.unit_id = e.unit_id
        ORDER BY o.pos`,
      [year, directory.map((u) => u.id)],
    );
    for (let next = 0; next < estimates.length; ) {
      const batch: string[] = [];
      const batchUnits: string[] = [];
      for (let lines = 0; next < estimates.length && (batch.length === 0 || lines + estimates[next].line_count <= LINE_BATCH); next++) {
        batch.push(estimates[next].id);
        batchUnits.push(estimates[next].unit_id);
        lines += estimates[next].line_count;
      }
      // The batch's units in code order (its estimates are read in that order): one estimate per unit and year.
      const rows = await runner.manager.query<Record<string, string | number | null>[]>(
        `SELECT l.unit_id, l.line_no, l.description, l.plan_area_code, l.expenditure_type_code,
                l.funding_source_code, l.activity_kind_code, l.measure_unit, l.quantity::text, l.unit_price::text, l.amount::text,
                l.approved_amount::text, l.decided_amount::text, l.estimate_status AS status, COALESCE(l.loai_khoan, '') AS loai_khoan, COALESCE(l.muc_tieu_muc, '') AS muc_tieu_muc,
                l.appraised_amount::text
           FROM ${this.ledger.linesOfEstimates('$1')} l
           JOIN unnest($2::uuid[]) WITH ORDINALITY AS o(unit_id, pos) ON o.unit_id = l.unit_id
          ORDER BY o.pos, l.line_no`,
        [batch, batchUnits],
      );
      for (const r of rows) {
        const unit = unitOf.get(r.unit_id as string)!;
        yield {
          unitCode: unit.code,
          unitName: unit.name,
          lineNo: r.line_no as number,
          description: r.description as string,
          planAreaCode: r.plan_area_code as string,
          expenditureTypeCode: r.expenditure_type_code as string,
          fundingSourceCode: r.funding_source_code as string,
          activityKindCode: r.activity_kind_code as string,
          measureUnit: r.measure_unit as string,
          quantity: normaliseDecimal(r.quantity as string),
          unitPrice: BigInt(r.unit_price as string),
          amount: BigInt(r.amount as string),
          // As decided once the chair has decided (the adjusted figure beside it), else as balanced.
          approvedAmount: decided ? (r.decided_amount === null ? null : BigInt(r.decided_amount)) : r.approved_amount === null ? null : BigInt(r.approved_amount),
          adjustedAmount: decided && r.approved_amount !== null ? BigInt(r.approved_amount) : null,
          status: r.status as string,
          loaiKhoan: r.loai_khoan as string,
          mucTieuMuc: r.muc_tieu_muc as string,
          appraisedAmount: r.appraised_amount === null ? null : BigInt(r.appraised_amount),
        };
      }
    }
  }
}

export function reportName(year: number): string {
  return `du-toan-cntt-tong-hop-${year}.xlsx`;
}

