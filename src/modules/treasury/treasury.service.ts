import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { ConflictError, NotFoundError } from '../../common/errors/domain-error.js';
import { EstimateLedger } from '../estimates/ledger/estimate-ledger.js';
import { BudgetService } from '../workflow/budget.service.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { UnitsService } from '../units/units.service.js';
import { moneyCellValue } from '../spreadsheets/cell-values.js';
import { csvRecord } from '../open-data/domain/csv.js';
import { budgetLevelCode, rowValues, TREASURY_COLUMNS, type TreasuryRow, treasuryTotals, type TreasuryTotals } from './domain/treasury-rows.js';

export interface TreasuryExport {
  year: number;
  decisionNumber: string | null;
  decisionDate: string | null;
  rows: TreasuryRow[];
  totals: TreasuryTotals;
}

const MONEY_FORMAT = '#,##0';

/**
 * The approved estimates of a year for the treasury: the approved amounts of the lines of APPROVED,
 * not excluded estimates, grouped by unit (budget-relationship code), chapter, Loại-Khoản,
 * Mục-Tiểu mục and funding source, summed in SQL (exact numeric), from one snapshot.
 */
@Injectable()
export class TreasuryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: EstimateLedger,
    private readonly budget: BudgetService,
    private readonly units: UnitsService,
    private readonly catalog: CatalogService,
  ) {}

  /** 404 for an unknown year; 409 until the chair has approved the year's consolidated budget. */
  async export(year: number): Promise<TreasuryExport> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const budget = await this.budget.decision(year, manager);
      if (!budget) throw new NotFoundError('Fiscal year', year);
      if (budget.status !== 'APPROVED') {
        throw new ConflictError(
          'BUDGET_NOT_APPROVED',
          `Dự toán tổng hợp năm ${year} chưa được phê duyệt, chưa có số liệu gửi Kho bạc / the ${year} consolidated budget is not approved yet: nothing to send to the treasury`,
        );
      }
      // The unit registry's codes and the funding sources' budget levels, read in this snapshot
      // through their owners, join the lines as relations passed in (PostgreSQL still groups and
      // orders, with its own collation, as before).
      const units = await this.units.directory(undefined, manager);
      const sources = await this.catalog.fundingSources(manager);
      const rows = await manager.query<Record<string, string | number | null>[]>(
        `SELECT COALESCE(u.budget_relation_code, '') AS budget_relation_code, COALESCE(u.chapter_code, '') AS chapter_code,
                u.code AS unit_code, u.name AS unit_name,
                COALESCE(l.loai_khoan, '') AS loai_khoan, COALESCE(l.muc_tieu_muc, '') AS muc_tieu_muc,
                l.funding_source_code, fs.budget_level,
                COUNT(*)::int AS line_count, COALESCE(SUM(l.approved_amount), 0)::text AS amount
           FROM ${this.ledger.linesInBudget('$1', { statuses: ['APPROVED'] })} l
           JOIN unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(id, code, name, budget_relation_code, chapter_code) ON u.id = l.unit_id
           JOIN unnest($7::text[], $8::text[]) AS fs(code, budget_level) ON fs.code = l.funding_source_code
          GROUP BY u.budget_relation_code, u.chapter_code, u.code, u.name, l.loai_khoan, l.muc_tieu_muc, l.funding_source_code, fs.budget_level
          ORDER BY 1, 2, u.code, 5, 6, l.funding_source_code`,
        [
          year,
          units.map((u) => u.id),
          units.map((u) => u.code),
          units.map((u) => u.name),
          units.map((u) => u.budgetRelationCode),
          units.map((u) => u.chapterCode),
          sources.map((s) => s.code),
          sources.map((s) => s.budgetLevel),
        ],
      );
      const list: TreasuryRow[] = rows.map((row) => ({
        budgetRelationCode: row.budget_relation_code as string,
        chapterCode: row.chapter_code as string,
        unitCode: row.unit_code as string,
        unitName: row.unit_name as string,
        loaiKhoan: row.loai_khoan as string,
        mucTieuMuc: row.muc_tieu_muc as string,
        fundingSourceCode: row.funding_source_code as string,
        budgetLevelCode: budgetLevelCode(row.budget_level as string | null),
        lineCount: row.line_count as number,
        amount: BigInt(row.amount as string),
      }));
      return { year, decisionNumber: budget.decisionNumber, decisionDate: budget.decisionDate, rows: list, totals: treasuryTotals(list) };
    });
  }

  /** CSV (UTF-8, RFC 4180), one record per row, a header of ASCII names; amounts in whole đồng. */
  async csv(year: number): Promise<string> {
    const data = await this.export(year);
    return [csvRecord(TREASURY_COLUMNS.map((c) => c.csv)), ...data.rows.map((row) => csvRecord(rowValues(row)))].join('');
  }

  /** The same rows as a workbook (sheet KhoBac): title, decision, header, rows and a TOTAL row with the exact sums. */
  async workbook(year: number): Promise<Buffer> {
    const data = await this.export(year);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('KhoBac', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    sheet.getCell('A1').value = `Dự toán chi CNTT năm ${year} được giao — số liệu gửi Kho bạc / Approved IT estimates ${year} for the treasury`;
    sheet.getCell('A1').font = { bold: true, size: 13 };
    sheet.getCell('A2').value = `Quyết định / Decision: ${data.decisionNumber ?? ''} ${data.decisionDate ?? ''}`.trim();
    const headerRow = 4;
    TREASURY_COLUMNS.forEach((column, i) => {
      const cell = sheet.getRow(headerRow).getCell(i + 1);
      cell.value = `${column.vi}\n${column.en}`;
      cell.font = { bold: true };
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      sheet.getColumn(i + 1).width = column.key === 'unitName' ? 40 : column.key === 'amount' ? 22 : 14;
    });
    const amountColumn = TREASURY_COLUMNS.findIndex((c) => c.key === 'amount') + 1;
    const linesColumn = TREASURY_COLUMNS.findIndex((c) => c.key === 'lineCount') + 1;
    data.rows.forEach((row, r) => {
      const excelRow = sheet.getRow(headerRow + 1 + r);
      TREASURY_COLUMNS.forEach((column, i) => {
        const value = row[column.key];
        // Codes stay text (leading zeros); money as a number up to 15 digits, else exact digits.
        excelRow.getCell(i + 1).value = typeof value === 'bigint' ? moneyCellValue(value) : typeof value === 'number' ? value : value;
      });
      excelRow.getCell(amountColumn).numFmt = MONEY_FORMAT;
    });
    const total = sheet.getRow(headerRow + 1 + data.rows.length);
    total.getCell(1).value = 'TỔNG CỘNG / TOTAL';
    total.getCell(linesColumn).value = data.totals.lineCount;
    total.getCell(amountColumn).value = moneyCellValue(data.totals.amount);
    total.getCell(amountColumn).numFmt = MONEY_FORMAT;
    total.font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: headerRow }];
    sheet.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}
