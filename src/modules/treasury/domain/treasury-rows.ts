// The treasury export (issue 14): the approved estimates of a year grouped the way a treasury or an
// accounting system (TABMIS, MISA) takes them in — unit by budget-relationship code, chapter,
// Loại-Khoản, Mục-Tiểu mục and funding source — with exact totals. Plain TypeScript.
import { sumVnd } from '../../../common/money/vnd.js';

/** One row: the approved amount of the lines sharing these codes. Codes a line lacks are ''. */
export interface TreasuryRow {
  budgetRelationCode: string;
  chapterCode: string;
  unitCode: string;
  unitName: string;
  loaiKhoan: string;
  mucTieuMuc: string;
  fundingSourceCode: string;
  /** Cấp ngân sách of the funding source (Thông tư 324/2016/TT-BTC Art. 7.2): 1 central, 2 province, 3 district, 4 commune; '' outside the state budget. */
  budgetLevelCode: string;
  lineCount: number;
  /** Approved amount, đồng. */
  amount: bigint;
}

const LEVEL_CODES: Record<string, string> = { CENTRAL: '1', PROVINCIAL: '2', DISTRICT: '3', COMMUNE: '4' };

/** The budget-level code of TT 324/2016 Art. 7.2 for a funding source's level ('' when none). */
export function budgetLevelCode(level: string | null): string {
  return level === null ? '' : (LEVEL_CODES[level] ?? '');
}

/** Column keys of the CSV and the workbook, in order, with Vietnamese and English headers. */
export const TREASURY_COLUMNS: readonly { key: keyof TreasuryRow; csv: string; vi: string; en: string }[] = [
  { key: 'budgetRelationCode', csv: 'ma_dvqhns', vi: 'Mã ĐVQHNS', en: 'Budget-relationship code' },
  { key: 'chapterCode', csv: 'chuong', vi: 'Chương', en: 'Chapter' },
  { key: 'unitCode', csv: 'ma_don_vi', vi: 'Mã đơn vị', en: 'Unit code' },
  { key: 'unitName', csv: 'ten_don_vi', vi: 'Tên đơn vị', en: 'Unit' },
  { key: 'loaiKhoan', csv: 'loai_khoan', vi: 'Loại-Khoản', en: 'Type-item' },
  { key: 'mucTieuMuc', csv: 'muc_tieu_muc', vi: 'Mục-Tiểu mục', en: 'Group-subitem' },
  { key: 'fundingSourceCode', csv: 'nguon_von', vi: 'Nguồn vốn', en: 'Funding source' },
  { key: 'budgetLevelCode', csv: 'cap_ngan_sach', vi: 'Cấp NS', en: 'Budget level' },
  { key: 'lineCount', csv: 'so_dong', vi: 'Số dòng', en: 'Lines' },
  { key: 'amount', csv: 'so_tien', vi: 'Số tiền được duyệt (đồng)', en: 'Approved amount (đồng)' },
];

/** A row's values as text, in column order (amounts as digit strings). */
export function rowValues(row: TreasuryRow): string[] {
  return TREASURY_COLUMNS.map(({ key }) => String(row[key]));
}

export interface TreasuryTotals {
  rowCount: number;
  lineCount: number;
  amount: bigint;
  /** Rows whose lines lack a Loại-Khoản or Mục-Tiểu mục, or whose unit lacks its codes: listed, and counted here. */
  unclassifiedRows: number;
}

/** Exact totals of the rows. */
export function treasuryTotals(rows: readonly TreasuryRow[]): TreasuryTotals {
  return {
    rowCount: rows.length,
    lineCount: rows.reduce((n, row) => n + row.lineCount, 0),
    amount: sumVnd(rows.map((row) => row.amount)),
    unclassifiedRows: rows.filter((row) => !row.budgetRelationCode || !row.chapterCode || !row.loaiKhoan || !row.mucTieuMuc).length,
  };
}
