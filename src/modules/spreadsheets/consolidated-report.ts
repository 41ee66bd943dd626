// The consolidated provincial IT budget workbook for a year (DESIGN.md section 7, "Export"):
//   TongHop      summary: year, budget status and decision, totals, the floor check, warnings
//   TheoDonVi    by unit (excluded units listed but not counted in the total)
//   TheoLinhVuc  by plan area
//   TheoNguon    by funding source
//   TheoLoaiChi  by expenditure type
//   SanCNTT      the 1% floor check in detail, with a visible warning row when it is not met
//   HoTro        support decisions
//   DieuChinh    adjustments after the chair's decision: line, before, after, reason, who, when
//   ChiTiet      every line, streamed (650,000 lines in bounded memory)
// Once the chair has decided, "Phê duyệt / Approved" columns hold the figures as decided (kept on
// each line at the decision) and "Sau điều chỉnh / Adjusted" the current ones; before, "Approved"
// holds the balanced figures and "Adjusted" is blank.
// Written with exceljs's streaming writer, row by row. Every total is computed here in bigint and
// written as a value (no formula to recompute): a number when it has at most 15 digits, otherwise its
// exact digits as text (see cell-values.ts); money never passes through a float.
import type { Writable } from 'node:stream';
import type { EventEmitter } from 'node:events';
import { Decimal } from 'decimal.js';
import ExcelJS from 'exceljs';
import { MAX_NUMERIC_CELL_AMOUNT, moneyCellValue, quantityCellValue } from './cell-values.js';
import { StreamPressure } from './stream-pressure.js';
import { formatVietnamTime } from '../../common/time/vietnam-time.js';
import { groupDigits } from '../../common/money/vnd.js';

/** An instant of the data (ISO 8601) on Vietnam's clock, as officials write it; text that is not one is kept as it came. */
const vietnamTime = (iso: string): string => (Number.isNaN(Date.parse(iso)) ? cleanText(iso) : formatVietnamTime(iso));

export interface ReportAmounts {
  requested: bigint;
  /** As the chair decided it once the budget is approved; before, as balanced. */
  approved: bigint;
  /** The current figure after adjustments, once the budget is approved; null (or absent) before. */
  adjusted?: bigint | null;
}

/** One recorded adjustment after the chair's decision. */
export interface ReportAdjustment {
  unitCode: string;
  lineNo: number;
  description: string;
  before: bigint;
  after: bigint;
  reason: string;
  /** Who made it (name and username). */
  actor: string;
  /** ISO timestamp. */
  at: string;
}

export interface ConsolidatedReportData {
  year: number;
  /** ISO timestamp. */
  generatedAt: string;
  budget: { status: string; decisionNumber: string | null; decisionDate: string | null; warnings: string[] };
  floor: {
    totalLocalExpenditure: bigint | null;
    floorRatio: string;
    floorAmount: bigint | null;
    itTotal: bigint;
    requestedTotal: bigint;
    compliant: boolean | null;
    shortfall: bigint | null;
    floorPolicy: 'STOP' | 'WARN';
  };
  byUnit: ({ unitCode: string; unitName: string; status: string; excluded: boolean } & ReportAmounts)[];
  byPlanArea: ({ code: string; name: string } & ReportAmounts)[];
  byFundingSource: ({ code: string; name: string } & ReportAmounts)[];
  byExpenditureType: ({ code: string; name: string } & ReportAmounts)[];
  support: {
    unitCode: string;
    unitName: string;
    fundingSourceCode: string;
    /** The source's name from the catalog (the support sources carry no line, so it is given here). */
    fundingSourceName?: string;
    amount: bigint;
    decisionNumber: string | null;
    decisionDate: string | null;
  }[];
  adjustments?: readonly ReportAdjustment[];
  /** May be 650,000 lines: iterated once, written as they come. */
  lines: AsyncIterable<ReportLine> | Iterable<ReportLine>;
}

export interface ReportLine {
  unitCode: string;
  unitName: string;
  lineNo: number;
  description: string;
  planAreaCode: string;
  expenditureTypeCode: string;
  fundingSourceCode: string;
  activityKindCode: string;
  measureUnit: string;
  /** Decimal string, up to 4 decimals. */
  quantity: string;
  unitPrice: bigint;
  amount: bigint;
  /** As decided once the budget is approved, else as balanced. */
  approvedAmount: bigint | null;
  /** The current figure once the budget is approved; null (or absent) before. */
  adjustedAmount?: bigint | null;
  status: string;
  /** State budget index codes ('' when not set) and DIC's appraised amount (null before the appraisal round). */
  loaiKhoan?: string;
  mucTieuMuc?: string;
  appraisedAmount?: bigint | null;
}

/** Sheet names, in workbook order. */
export const REPORT_SHEETS = {
  summary: 'TongHop',
  byUnit: 'TheoDonVi',
  byPlanArea: 'TheoLinhVuc',
  byFundingSource: 'TheoNguon',
  byExpenditureType: 'TheoLoaiChi',
  floor: 'SanCNTT',
  support: 'HoTro',
  adjustments: 'DieuChinh',
  lines: 'ChiTiet',
} as const;

/** Every sheet: title (Vietnamese / English) in row 1, a note in row 2, the header in row 3 (frozen, printed on every page). */
export const TITLE_ROW = 1;
export const NOTE_ROW = 2;
export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = 4;
export const TOTAL_LABEL = 'TỔNG CỘNG / TOTAL';
export const EXCLUDED_LABEL = 'Không tính vào tổng: đơn vị bị loại khỏi tổng hợp / Not in the total: excluded units';
export const FLOOR_WARNING_LABEL = 'CẢNH BÁO / WARNING';
export const FLOOR_BLOCKING_LABEL = 'KHÔNG ĐẠT / NOT MET';
/** `onProgress` is called after every PROGRESS_EVERY lines, and once more at the end with the count. */
export const PROGRESS_EVERY = 5_000;
/** The writer yields to the event loop and checks back-pressure after every PACE_EVERY lines. */
const PACE_EVERY = 1_000;

const MONEY_FORMAT = '#,##0';
const TEXT_FORMAT = '@';
/** Excel's limit on the characters of a cell. */
const MAX_CELL_TEXT = 32_767;

// Shared style objects: exceljs caches a style's id by object identity, so one object per look keeps
// 650,000 rows cheap.
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const S = {
  title: { font: { bold: true, size: 14 }, alignment: { horizontal: 'left', vertical: 'middle' } },
  note: { font: { italic: true, color: { argb: 'FF595959' } } },
  header: {
    font: { bold: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } },
    border: THIN,
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  },
  text: { numFmt: TEXT_FORMAT, alignment: { vertical: 'top' } },
  wrap: { numFmt: TEXT_FORMAT, alignment: { vertical: 'top', wrapText: true } },
  code: { numFmt: TEXT_FORMAT, alignment: { horizontal: 'center', vertical: 'top' } },
  whole: { numFmt: '0', alignment: { horizontal: 'center', vertical: 'top' } },
  quantity: { alignment: { horizontal: 'right', vertical: 'top' } },
  money: { numFmt: MONEY_FORMAT, alignment: { vertical: 'top' } },
  moneyText: { numFmt: TEXT_FORMAT, alignment: { horizontal: 'right', vertical: 'top' } },
  label: { font: { bold: true }, alignment: { vertical: 'top', wrapText: true } },
  section: { font: { bold: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } },
  totalLabel: { font: { bold: true }, border: { top: { style: 'thin' }, bottom: { style: 'double' } } },
  totalMoney: { numFmt: MONEY_FORMAT, font: { bold: true }, border: { top: { style: 'thin' }, bottom: { style: 'double' } } },
  totalMoneyText: { numFmt: TEXT_FORMAT, font: { bold: true }, alignment: { horizontal: 'right' }, border: { top: { style: 'thin' }, bottom: { style: 'double' } } },
  aside: { font: { italic: true, color: { argb: 'FF595959' } }, alignment: { vertical: 'top', wrapText: true } },
  asideMoney: { numFmt: MONEY_FORMAT, font: { italic: true, color: { argb: 'FF595959' } } },
  asideMoneyText: { numFmt: TEXT_FORMAT, font: { italic: true, color: { argb: 'FF595959' } }, alignment: { horizontal: 'right' } },
  warning: {
    font: { bold: true, color: { argb: 'FFC00000' } },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } },
    border: THIN,
    alignment: { vertical: 'top', wrapText: true },
  },
  warningMoney: {
    numFmt: MONEY_FORMAT,
    font: { bold: true, color: { argb: 'FFC00000' } },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } },
    border: THIN,
  },
  warningMoneyText: {
    numFmt: TEXT_FORMAT,
    font: { bold: true, color: { argb: 'FFC00000' } },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } },
    border: THIN,
    alignment: { horizontal: 'right' },
  },
} satisfies Record<string, Partial<ExcelJS.Style>>;
type StyleName = keyof typeof S;

type Put = readonly [column: number, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style>];

/** Statuses of estimates and of the consolidated budget, in Vietnamese and English. */
const STATUS_LABELS: Readonly<Record<string, string>> = {
  DRAFT: 'Dự thảo / Draft',
  SUBMITTED: 'Đã trình / Submitted',
  RETURNED: 'Bị trả lại / Returned',
  BALANCED: 'Đã cân đối / Balanced',
  APPROVED: 'Đã phê duyệt / Approved',
};

/**
 * Streams the consolidated workbook to `output` and resolves once `output` has finished (it is ended).
 * Rejects if `lines` throws or the output fails or is closed early; the output then holds an
 * incomplete file and is left open (not ended): the caller destroys it.
 */
export async function writeConsolidatedReport(data: ConsolidatedReportData, output: Writable, onProgress?: (linesWritten: number) => void): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'itbudget';
  workbook.created = validDate(data.generatedAt) ?? new Date();
  const zip = (workbook as unknown as { zip?: EventEmitter & { unpipe?(destination: Writable): void; abort?(): void } }).zip;
  const pressure = new StreamPressure(output, zip);
  try {
    // The streaming writer queues each sheet's part in the zip when the sheet is added, so the sheets are
    // added in their order first, then written one after the other (each committed before the next).
    const report = new ReportWriter(workbook, data);
    report.writeSummary();
    report.writeByUnit();
    report.writeBreakdown('byPlanArea', data.byPlanArea, ['Lĩnh vực', 'Plan area'], 'theo lĩnh vực', 'by plan area');
    report.writeBreakdown('byFundingSource', data.byFundingSource, ['Nguồn vốn', 'Funding source'], 'theo nguồn vốn', 'by funding source');
    report.writeBreakdown('byExpenditureType', data.byExpenditureType, ['Loại chi', 'Expenditure type'], 'theo loại chi', 'by expenditure type');
    report.writeFloor();
    report.writeSupport();
    report.writeAdjustments();
    pressure.check();
    await report.writeLines(pressure, onProgress);
    pressure.check();
    await Promise.race([workbook.commit(), pressure.untilBroken()]);
  } catch (error) {
    // Stop the zip without ending the output: a truncated download must not look complete.
    try {
      zip?.unpipe?.(output);
      zip?.abort?.();
    } catch {
      // the original error is the one to report
    }
    throw error;
  } finally {
    pressure.dispose();
  }
}

class ReportWriter {
  private readonly sheets: Record<keyof typeof REPORT_SHEETS, ExcelJS.Worksheet>;
  private readonly fundingSourceNames: Map<string, string>;

  constructor(
    workbook: ExcelJS.stream.xlsx.WorkbookWriter,
    private readonly data: ConsolidatedReportData,
  ) {
    const add = (name: string, frozenColumns = 0) =>
      workbook.addWorksheet(name, {
        views: [
          {
            state: 'frozen',
            xSplit: frozenColumns,
            ySplit: HEADER_ROW,
            topLeftCell: `${columnLetter(frozenColumns + 1)}${FIRST_DATA_ROW}`,
            activeCell: `A${FIRST_DATA_ROW}`,
          },
        ],
        pageSetup: {
          paperSize: 9, // A4
          orientation: 'landscape',
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: 0, // as many pages down as needed
          printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
          margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
        },
        headerFooter: { oddFooter: `&L${name}&RTrang &P / &N` },
      });
    const sheets = {
      summary: add(REPORT_SHEETS.summary),
      byUnit: add(REPORT_SHEETS.byUnit),
      byPlanArea: add(REPORT_SHEETS.byPlanArea),
      byFundingSource: add(REPORT_SHEETS.byFundingSource),
      byExpenditureType: add(REPORT_SHEETS.byExpenditureType),
      floor: add(REPORT_SHEETS.floor),
      support: add(REPORT_SHEETS.support),
      adjustments: add(REPORT_SHEETS.adjustments),
      lines: add(REPORT_SHEETS.lines, 1),
    };
    const widths: Record<keyof typeof REPORT_SHEETS, readonly number[]> = {
      summary: SUMMARY_WIDTHS,
      byUnit: UNIT_WIDTHS,
      byPlanArea: BREAKDOWN_WIDTHS,
      byFundingSource: BREAKDOWN_WIDTHS,
      byExpenditureType: BREAKDOWN_WIDTHS,
      floor: SUMMARY_WIDTHS,
      support: SUPPORT_WIDTHS,
      adjustments: ADJUSTMENT_WIDTHS,
      lines: LINE_WIDTHS,
    };
    for (const key of Object.keys(sheets) as (keyof typeof REPORT_SHEETS)[]) {
      sheets[key].columns = widths[key].map((width) => ({ width }));
    }
    this.sheets = sheets;
    this.fundingSourceNames = new Map(data.byFundingSource.map((source) => [source.code, source.name]));
  }

  writeSummary(): void {
    const { data } = this;
    const sheet = this.sheets.summary;
    this.heading(sheet, `TỔNG HỢP DỰ TOÁN CHI ỨNG DỤNG CNTT NĂM ${data.year}`, `Consolidated IT budget ${data.year}: summary`);
    this.header(sheet, [
      ['Chỉ tiêu', 'Item'],
      ['Giá trị', 'Value'],
      ['Ghi chú', 'Note'],
    ]);
    const rows = new RowCursor(sheet);
    const included = data.byUnit.filter((unit) => !unit.excluded);
    const requested = sum(included, (unit) => unit.requested);
    const approved = sum(included, (unit) => unit.approved);
    const decided = data.budget.status === 'APPROVED';
    rows.put(labelled('Năm ngân sách / Budget year', data.year, S.whole));
    rows.put(labelled('Thời điểm lập báo cáo (giờ Việt Nam) / Generated at (Vietnam time)', vietnamTime(data.generatedAt), S.text));
    rows.put(labelled('Trạng thái dự toán tổng hợp / Budget status', statusLabel(data.budget.status), S.text));
    rows.put(labelled('Số quyết định giao dự toán / Decision number', data.budget.decisionNumber === null ? '—' : cleanText(data.budget.decisionNumber), S.text));
    rows.put(labelled('Ngày quyết định / Decision date', data.budget.decisionDate === null ? '—' : displayDate(data.budget.decisionDate), S.text));
    rows.put(
      labelled(
        'Số đơn vị được tổng hợp / Units included',
        included.length,
        S.whole,
        `${data.byUnit.length - included.length} đơn vị bị loại / excluded (trang ${REPORT_SHEETS.byUnit})`,
      ),
    );
    rows.put(labelledMoney('Tổng dự toán đề nghị (đồng) / Total requested', requested, `= dòng ${TOTAL_LABEL}, trang ${REPORT_SHEETS.byUnit}`));
    if (decided) {
      const adjustments = data.adjustments?.length ?? 0;
      rows.put(
        labelledMoney(
          'Tổng dự toán phê duyệt theo quyết định (đồng) / Total approved by the decision',
          approved,
          `Như Chủ tịch quyết định${data.budget.decisionNumber ? ` (QĐ ${cleanText(data.budget.decisionNumber)})` : ''}, không gồm điều chỉnh sau đó / as decided, before later adjustments`,
        ),
      );
      rows.put(
        labelledMoney(
          'Tổng dự toán sau điều chỉnh (đồng) / Total after adjustments',
          sum(included, (unit) => unit.adjusted ?? unit.approved),
          `${adjustments} lần điều chỉnh, trang ${REPORT_SHEETS.adjustments} / ${adjustments} adjustments, sheet ${REPORT_SHEETS.adjustments}`,
        ),
      );
    } else {
      rows.put(
        labelledMoney(
          'Tổng số cân đối, chưa phê duyệt (đồng) / Total balanced, not yet approved',
          approved,
          `= dòng ${TOTAL_LABEL}, trang ${REPORT_SHEETS.byUnit}; chưa có quyết định của Chủ tịch / no decision yet`,
        ),
      );
    }
    rows.blank();
    // One shortfall on this sheet, labelled with its moment: the live figures when the workbook was
    // made. The warnings kept from the submission repeat the floor's as it was then, so the floor's
    // is left out of them here (it is on sheet SanCNTT).
    rows.put(
      section(
        `KIỂM TRA MỨC SÀN CHI CNTT — SỐ LIỆU HIỆN TẠI (${vietnamTime(data.generatedAt)}) / IT FLOOR CHECK — LIVE FIGURES`,
        `Chi tiết: trang ${REPORT_SHEETS.floor} / details: sheet ${REPORT_SHEETS.floor}`,
      ),
    );
    for (const row of floorRows(data.floor, false, 'hiện tại / live')) rows.put(row);
    rows.blank();
    const moment = data.budget.status === 'DRAFT' || data.budget.status === 'RETURNED' ? 'HIỆN TẠI / LIVE' : 'KHI TRÌNH / AS SUBMITTED';
    rows.put(section(`CÁC CẢNH BÁO (${moment}) / WARNINGS`));
    const warnings = data.budget.warnings.filter((warning) => !isFloorWarning(warning));
    if (warnings.length === 0) rows.put([[1, 'Không có / None', S.text]]);
    for (const warning of warnings) rows.put([[1, `• ${cleanText(warning)}`, S.wrap]], (row) => mergeAcross(sheet, row.number, 3));
    commitSheet(sheet);
  }

  writeByUnit(): void {
    const { data } = this;
    const sheet = this.sheets.byUnit;
    this.heading(sheet, `DỰ TOÁN CHI CNTT NĂM ${data.year} THEO ĐƠN VỊ`, `IT budget ${data.year} by unit`);
    this.header(sheet, [
      ['STT', 'No.'],
      ['Mã đơn vị', 'Unit code'],
      ['Tên đơn vị', 'Unit name'],
      ['Trạng thái', 'Status'],
      ['Tính vào tổng hợp', 'Included'],
      ['Đề nghị (đồng)', 'Requested'],
      ['Phê duyệt (đồng)', 'Approved'],
      ['Sau điều chỉnh (đồng)', 'Adjusted'],
    ]);
    const rows = new RowCursor(sheet);
    let requested = 0n;
    let approved = 0n;
    let adjusted: bigint | null = null;
    let excludedRequested = 0n;
    let excludedApproved = 0n;
    data.byUnit.forEach((unit, i) => {
      if (unit.excluded) {
        excludedRequested += unit.requested;
        excludedApproved += unit.approved;
      } else {
        requested += unit.requested;
        approved += unit.approved;
        if (unit.adjusted != null) adjusted = (adjusted ?? 0n) + unit.adjusted;
      }
      rows.put([
        [1, i + 1, S.whole],
        [2, cleanText(unit.unitCode), S.code],
        [3, cleanText(unit.unitName), S.wrap],
        [4, statusLabel(unit.status), S.text],
        [5, unit.excluded ? 'Không (loại trừ) / No (excluded)' : 'Có / Yes', S.text],
        money(6, unit.requested),
        money(7, unit.approved),
        ...optionalMoney(8, unit.adjusted),
      ]);
    });
    rows.put([
      [3, TOTAL_LABEL, S.totalLabel],
      [4, '', S.totalLabel],
      [5, '', S.totalLabel],
      money(6, requested, 'total'),
      money(7, approved, 'total'),
      ...optionalMoney(8, adjusted, 'total'),
    ]);
    if (data.byUnit.some((unit) => unit.excluded)) {
      rows.put([[3, EXCLUDED_LABEL, S.aside], money(6, excludedRequested, 'aside'), money(7, excludedApproved, 'aside')]);
    }
    commitSheet(sheet);
  }

  writeBreakdown(
    key: 'byPlanArea' | 'byFundingSource' | 'byExpenditureType',
    entries: readonly ({ code: string; name: string } & ReportAmounts)[],
    [vi, en]: readonly [string, string],
    titleVi: string,
    titleEn: string,
  ): void {
    const sheet = this.sheets[key];
    const year = this.data.year;
    this.heading(sheet, `DỰ TOÁN CHI CNTT NĂM ${year} ${titleVi.toUpperCase()}`, `IT budget ${year} ${titleEn}`);
    this.header(sheet, [
      ['STT', 'No.'],
      [`Mã ${vi.toLowerCase()}`, `${en} code`],
      [`Tên ${vi.toLowerCase()}`, `${en} name`],
      ['Đề nghị (đồng)', 'Requested'],
      ['Phê duyệt (đồng)', 'Approved'],
      ['Sau điều chỉnh (đồng)', 'Adjusted'],
    ]);
    const rows = new RowCursor(sheet);
    entries.forEach((entry, i) => {
      rows.put([
        [1, i + 1, S.whole],
        [2, cleanText(entry.code), S.code],
        [3, cleanText(entry.name), S.wrap],
        money(4, entry.requested),
        money(5, entry.approved),
        ...optionalMoney(6, entry.adjusted),
      ]);
    });
    const adjustedTotal = entries.some((entry) => entry.adjusted != null) ? sum(entries, (entry) => entry.adjusted ?? 0n) : null;
    rows.put([
      [3, TOTAL_LABEL, S.totalLabel],
      money(
        4,
        sum(entries, (entry) => entry.requested),
        'total',
      ),
      money(
        5,
        sum(entries, (entry) => entry.approved),
        'total',
      ),
      ...optionalMoney(6, adjustedTotal, 'total'),
    ]);
    commitSheet(sheet);
  }

  writeFloor(): void {
    const { floor, year } = this.data;
    const sheet = this.sheets.floor;
    this.heading(sheet, `KIỂM TRA MỨC SÀN CHI ỨNG DỤNG CNTT NĂM ${year}`, `IT floor check ${year} (at least the floor ratio of total local expenditure)`);
    this.header(sheet, [
      ['Chỉ tiêu', 'Item'],
      ['Giá trị', 'Value'],
      ['Cách tính / Ghi chú', 'How it is computed / note'],
    ]);
    const rows = new RowCursor(sheet);
    rows.put(labelled('Năm ngân sách / Budget year', year, S.whole));
    for (const row of floorRows(floor, true)) rows.put(row);
    rows.blank();
    rows.put(section('ĐỐI CHIẾU / COMPARISONS'));
    rows.put(
      labelled(
        'Tỷ lệ chi CNTT phê duyệt / tổng chi NSĐP — IT share approved',
        floor.totalLocalExpenditure === null || floor.totalLocalExpenditure === 0n ? '—' : percentOf(floor.itTotal, floor.totalLocalExpenditure),
        S.moneyText,
        'Chi CNTT phê duyệt ÷ tổng chi NSĐP (làm tròn xuống 4 chữ số thập phân) / approved IT total ÷ total local expenditure (4 decimals, rounded down)',
      ),
    );
    rows.put(
      labelled(
        'Tỷ lệ chi CNTT đề nghị / tổng chi NSĐP — IT share requested',
        floor.totalLocalExpenditure === null || floor.totalLocalExpenditure === 0n ? '—' : percentOf(floor.requestedTotal, floor.totalLocalExpenditure),
        S.moneyText,
        'Chi CNTT đề nghị ÷ tổng chi NSĐP / requested IT total ÷ total local expenditure',
      ),
    );
    if (floor.floorAmount !== null) {
      const requestedGap = floor.floorAmount > floor.requestedTotal ? floor.floorAmount - floor.requestedTotal : 0n;
      rows.put(
        labelledMoney(
          'Thiếu hụt nếu duyệt toàn bộ đề nghị (đồng) / Shortfall if every request were approved',
          requestedGap,
          'max(0, mức sàn − chi CNTT đề nghị) / max(0, floor − requested IT total)',
        ),
      );
    }
    commitSheet(sheet);
  }

  writeSupport(): void {
    const { data } = this;
    const sheet = this.sheets.support;
    this.heading(sheet, `QUYẾT ĐỊNH HỖ TRỢ ĐƠN VỊ KHÓ KHĂN NĂM ${data.year}`, `Support decisions ${data.year}`);
    this.header(sheet, [
      ['STT', 'No.'],
      ['Mã đơn vị', 'Unit code'],
      ['Tên đơn vị', 'Unit name'],
      ['Mã nguồn vốn', 'Funding source'],
      ['Tên nguồn vốn', 'Funding source name'],
      ['Số tiền hỗ trợ (đồng)', 'Amount'],
      ['Số quyết định', 'Decision number'],
      ['Ngày quyết định', 'Decision date'],
    ]);
    const rows = new RowCursor(sheet);
    if (data.support.length === 0) rows.put([[3, 'Không có quyết định hỗ trợ / No support decisions', S.aside]]);
    data.support.forEach((entry, i) => {
      rows.put([
        [1, i + 1, S.whole],
        [2, cleanText(entry.unitCode), S.code],
        [3, cleanText(entry.unitName), S.wrap],
        [4, cleanText(entry.fundingSourceCode), S.code],
        [5, cleanText(entry.fundingSourceName ?? this.fundingSourceNames.get(entry.fundingSourceCode) ?? ''), S.wrap],
        money(6, entry.amount),
        [7, entry.decisionNumber === null ? '' : cleanText(entry.decisionNumber), S.text],
        [8, entry.decisionDate === null ? '' : displayDate(entry.decisionDate), S.code],
      ]);
    });
    rows.put([
      [3, TOTAL_LABEL, S.totalLabel],
      [4, '', S.totalLabel],
      [5, '', S.totalLabel],
      money(
        6,
        sum(data.support, (entry) => entry.amount),
        'total',
      ),
    ]);
    commitSheet(sheet);
  }

  writeAdjustments(): void {
    const { data } = this;
    const sheet = this.sheets.adjustments;
    const adjustments = data.adjustments ?? [];
    this.heading(sheet, `ĐIỀU CHỈNH SAU QUYẾT ĐỊNH GIAO DỰ TOÁN NĂM ${data.year}`, `Adjustments after the decision ${data.year}`);
    this.header(sheet, [
      ['STT', 'No.'],
      ['Mã đơn vị', 'Unit code'],
      ['Dòng', 'Line'],
      ['Nội dung', 'Description'],
      ['Trước (đồng)', 'Before'],
      ['Sau (đồng)', 'After'],
      ['Lý do', 'Reason'],
      ['Người điều chỉnh', 'By'],
      ['Thời điểm (giờ Việt Nam)', 'When (Vietnam time)'],
    ]);
    const rows = new RowCursor(sheet);
    if (adjustments.length === 0) rows.put([[4, 'Không có điều chỉnh / No adjustments', S.aside]]);
    adjustments.forEach((a, i) => {
      rows.put([
        [1, i + 1, S.whole],
        [2, cleanText(a.unitCode), S.code],
        [3, a.lineNo, S.whole],
        [4, cleanText(a.description), S.wrap],
        money(5, a.before),
        money(6, a.after),
        [7, cleanText(a.reason), S.wrap],
        [8, cleanText(a.actor), S.text],
        [9, vietnamTime(a.at), S.code],
      ]);
    });
    commitSheet(sheet);
  }

  async writeLines(pressure: StreamPressure, onProgress?: (linesWritten: number) => void): Promise<void> {
    const { data } = this;
    const sheet = this.sheets.lines;
    this.heading(sheet, `CHI TIẾT CÁC DÒNG DỰ TOÁN CHI CNTT NĂM ${data.year}`, `IT budget ${data.year}: every line`);
    this.header(sheet, LINE_HEADERS);
    let rowNumber = FIRST_DATA_ROW;
    let count = 0;
    let requested = 0n;
    let approved = 0n;
    let appraised = 0n;
    let variance = 0n;
    let adjusted: bigint | null = null;
    await pressure.relieve(sheet);
    for await (const line of data.lines) {
      count++;
      requested += line.amount;
      if (line.approvedAmount !== null) approved += line.approvedAmount;
      if (line.appraisedAmount != null) {
        appraised += line.appraisedAmount;
        variance += line.appraisedAmount - line.amount;
      }
      if (line.adjustedAmount != null) adjusted = (adjusted ?? 0n) + line.adjustedAmount;
      writeLineRow(sheet.getRow(rowNumber++), count, line);
      if (count % PACE_EVERY === 0) await pressure.relieve(sheet);
      if (onProgress && count % PROGRESS_EVERY === 0) onProgress(count);
    }
    const total = sheet.getRow(rowNumber);
    put(total, [
      [5, `${TOTAL_LABEL} (${count.toLocaleString('en')} dòng / lines)`, S.totalLabel],
      money(13, requested, 'total'),
      money(14, approved, 'total'),
      money(18, appraised, 'total'),
      ...optionalMoney(20, adjusted, 'total'),
    ]);
    setSigned(total, 19, variance);
    total.getCell(19).font = { bold: true };
    total.commit();
    commitSheet(sheet);
    if (onProgress && (count === 0 || count % PROGRESS_EVERY !== 0)) onProgress(count);
  }

  private heading(sheet: ExcelJS.Worksheet, vi: string, en: string): void {
    const title = sheet.getRow(TITLE_ROW);
    put(title, [[1, `${vi} / ${en}`, S.title]]);
    title.height = 24;
    title.commit();
    const note = sheet.getRow(NOTE_ROW);
    put(note, [
      [
        1,
        `Đơn vị tính: đồng. Lập lúc ${vietnamTime(this.data.generatedAt)} (giờ Việt Nam). Trang ${REPORT_SHEETS.summary} là bảng tổng hợp. / ` +
          `Amounts in đồng. Generated at ${vietnamTime(this.data.generatedAt)} (Vietnam time). Sheet ${REPORT_SHEETS.summary} is the summary.`,
        S.note,
      ],
    ]);
    note.commit();
  }

  private header(sheet: ExcelJS.Worksheet, titles: readonly (readonly [string, string])[]): void {
    const row = sheet.getRow(HEADER_ROW);
    put(
      row,
      titles.map(([vi, en], i) => [i + 1, `${vi}\n${en}`, S.header] as const),
    );
    row.height = 32;
    row.commit();
  }
}

// ---------------------------------------------------------------------------------------------------
// Lines

const LINE_HEADERS: readonly (readonly [string, string])[] = [
  ['STT', 'No.'],
  ['Mã đơn vị', 'Unit code'],
  ['Tên đơn vị', 'Unit name'],
  ['Dòng', 'Line'],
  ['Nội dung', 'Description'],
  ['Lĩnh vực', 'Plan area'],
  ['Loại chi', 'Expenditure type'],
  ['Nguồn vốn', 'Funding source'],
  ['Loại hoạt động', 'Activity kind'],
  ['Đơn vị tính', 'Measure unit'],
  ['Số lượng', 'Quantity'],
  ['Đơn giá (đồng)', 'Unit price'],
  ['Đề nghị (đồng)', 'Requested'],
  ['Phê duyệt (đồng)', 'Approved'],
  ['Trạng thái', 'Status'],
  ['Loại-Khoản', 'Type-item'],
  ['Mục-Tiểu mục', 'Group-subitem'],
  ['Thẩm định (đồng)', 'Appraised'],
  ['Chênh lệch thẩm định (đồng)', 'Variance (appraised − requested)'],
  ['Sau điều chỉnh (đồng)', 'Adjusted'],
];

function writeLineRow(row: ExcelJS.Row, index: number, line: ReportLine): void {
  set(row, 1, index, S.whole);
  set(row, 2, cleanText(line.unitCode), S.code);
  set(row, 3, cleanText(line.unitName), S.text);
  set(row, 4, line.lineNo, S.whole);
  set(row, 5, cleanText(line.description), S.text);
  set(row, 6, cleanText(line.planAreaCode), S.code);
  set(row, 7, cleanText(line.expenditureTypeCode), S.code);
  set(row, 8, cleanText(line.fundingSourceCode), S.code);
  set(row, 9, cleanText(line.activityKindCode), S.code);
  set(row, 10, cleanText(line.measureUnit), S.text);
  const quantity = quantityCellValue(line.quantity);
  set(row, 11, quantity, typeof quantity === 'number' ? S.quantity : S.moneyText);
  setMoney(row, 12, line.unitPrice);
  setMoney(row, 13, line.amount);
  if (line.approvedAmount !== null) setMoney(row, 14, line.approvedAmount);
  set(row, 15, cleanText(line.status), S.code);
  set(row, 16, cleanText(line.loaiKhoan ?? ''), S.code);
  set(row, 17, cleanText(line.mucTieuMuc ?? ''), S.code);
  if (line.appraisedAmount != null) {
    setMoney(row, 18, line.appraisedAmount);
    setSigned(row, 19, line.appraisedAmount - line.amount);
  }
  if (line.adjustedAmount != null) setMoney(row, 20, line.adjustedAmount);
  row.commit();
}

function set(row: ExcelJS.Row, column: number, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style>): void {
  const cell = row.getCell(column);
  cell.value = value;
  cell.style = style;
}

/** A signed amount (a variance): a number while it fits 15 digits, else exact text. */
function setSigned(row: ExcelJS.Row, column: number, amount: bigint): void {
  const magnitude = amount < 0n ? -amount : amount;
  if (magnitude <= BigInt(MAX_NUMERIC_CELL_AMOUNT)) set(row, column, Number(amount), S.money);
  else set(row, column, amount.toString(), S.moneyText);
}

function setMoney(row: ExcelJS.Row, column: number, amount: bigint): void {
  const value = moneyCellValue(amount);
  set(row, column, value, typeof value === 'number' ? S.money : S.moneyText);
}

// ---------------------------------------------------------------------------------------------------
// Floor

/**
 * The floor's figures as rows. `moment` labels the one shortfall shown (the summary says "live");
 * on the summary the warning row names the shortfall in words only, so that it shows one figure.
 */
function floorRows(floor: ConsolidatedReportData['floor'], detailed = false, moment?: string): Put[][] {
  const notSet = 'Chưa nhập / Not set';
  const rows: Put[][] = [];
  const note = (text: string) => (detailed ? text : undefined);
  rows.push(
    floor.totalLocalExpenditure === null
      ? labelled('Tổng chi ngân sách địa phương (đồng) / Total local budget expenditure', notSet, S.text, note('Do Sở Tài chính nhập / entered by the finance department'))
      : labelledMoney(
          'Tổng chi ngân sách địa phương (đồng) / Total local budget expenditure',
          floor.totalLocalExpenditure,
          note('Do Sở Tài chính nhập / entered by the finance department'),
        ),
  );
  rows.push(labelled('Tỷ lệ sàn / Floor ratio', ratioText(floor.floorRatio), S.moneyText, note('Tỷ lệ tối thiểu của tổng chi NSĐP dành cho CNTT / minimum share of total local expenditure for IT')));
  rows.push(
    floor.floorAmount === null
      ? labelled('Mức sàn (đồng) / Floor amount', '—', S.moneyText, note('Cần tổng chi NSĐP / needs the total local expenditure'))
      : labelledMoney('Mức sàn (đồng) / Floor amount', floor.floorAmount, note('Tổng chi NSĐP × tỷ lệ sàn, làm tròn lên đến đồng / total × ratio, rounded up to the đồng')),
  );
  rows.push(
    labelledMoney(
      'Chi CNTT phê duyệt, nguồn tính sàn (đồng) / IT total approved (floor sources)',
      floor.itTotal,
      note('Tổng số phê duyệt của các dòng thuộc nguồn vốn tính sàn / approved amounts of the lines funded from the floor sources'),
    ),
  );
  rows.push(
    labelledMoney(
      'Chi CNTT đề nghị, nguồn tính sàn (đồng) / IT total requested (floor sources)',
      floor.requestedTotal,
      note('Tổng số đề nghị của các dòng đó / requested amounts of the same lines'),
    ),
  );
  rows.push(labelled('Kết quả / Result', complianceText(floor.compliant), floor.compliant === false ? S.warning : S.text, note('Đạt khi chi CNTT phê duyệt ≥ mức sàn / met when the approved IT total ≥ the floor')));
  rows.push(
    floor.shortfall === null
      ? labelled(`Thiếu hụt (đồng)${moment ? ` — ${moment}` : ''} / Shortfall`, '—', S.moneyText)
      : labelledMoney(`Thiếu hụt (đồng)${moment ? ` — ${moment}` : ''} / Shortfall`, floor.shortfall, note('max(0, mức sàn − chi CNTT phê duyệt) / max(0, floor − approved IT total)')),
  );
  rows.push(
    labelled(
      'Chính sách khi không đạt / Policy when not met',
      floor.floorPolicy === 'STOP' ? 'STOP — không cho trình phê duyệt / blocks submission' : 'WARN — chỉ cảnh báo / warning only',
      S.text,
    ),
  );
  if (floor.compliant === false) {
    const shortfall = floor.shortfall ?? 0n;
    const floorAmount = floor.floorAmount ?? 0n;
    const digits = `${groupDigits(shortfall)} đồng`;
    rows.push(
      floor.floorPolicy === 'WARN'
        ? [
            [1, FLOOR_WARNING_LABEL, S.warning],
            detailed ? moneyStyled(2, shortfall, S.warningMoney, S.warningMoneyText) : [2, 'Không đạt / Not met', S.warning],
            [
              3,
              `Chi CNTT thấp hơn mức sàn ${groupDigits(floorAmount)} đồng, thiếu ${digits}; ngân sách vẫn được trình (chính sách WARN) / ` +
                `IT is ${digits} short of the floor of ${groupDigits(floorAmount)} đồng; the budget may still be submitted (WARN policy)`,
              S.warning,
            ],
          ]
        : [
            [1, FLOOR_BLOCKING_LABEL, S.warning],
            detailed ? moneyStyled(2, shortfall, S.warningMoney, S.warningMoneyText) : [2, 'Không đạt / Not met', S.warning],
            [
              3,
              `Chi CNTT thấp hơn mức sàn, thiếu ${digits}; ngân sách không được trình khi chưa đạt (chính sách STOP) / ` +
                `IT is ${digits} short of the floor; the budget cannot be submitted until it is met (STOP policy)`,
              S.warning,
            ],
          ],
    );
  }
  return rows;
}

/**
 * A stored or live warning that is the floor rule's own message (src/modules/floor/domain/
 * budget-rules.ts, `floorRule`): "Thiếu … so với mức sàn …" or "Chưa nhập tổng chi ngân sách địa phương …".
 */
function isFloorWarning(warning: string): boolean {
  return /^Thiếu .* so với mức sàn /.test(warning) || warning.startsWith('Chưa nhập tổng chi ngân sách địa phương');
}

/** A money cell when there is an amount, nothing otherwise (an Adjusted column before the decision). */
function optionalMoney(column: number, amount: bigint | null | undefined, look: 'plain' | 'total' | 'aside' = 'plain'): Put[] {
  return amount == null ? [] : [money(column, amount, look)];
}

function complianceText(compliant: boolean | null): string {
  if (compliant === null) return 'Chưa xác định (chưa nhập tổng chi NSĐP) / Undetermined (total local expenditure not set)';
  return compliant ? 'Đạt / Met' : 'Không đạt / Not met';
}

/** "0.01" → "0.01 (1%)"; anything that is not a decimal is written as given. */
function ratioText(ratio: string): string {
  const text = cleanText(ratio);
  if (!/^[0-9]+(\.[0-9]+)?$/.test(text)) return text;
  return `${text} (${new Decimal(text).times(100).toFixed()}%)`;
}

/** part ÷ whole as a percentage with 4 decimals, rounded down, exact (bigint). */
function percentOf(part: bigint, whole: bigint): string {
  const scaled = (part * 1_000_000n) / whole; // percent × 10^4
  const integer = scaled / 10_000n;
  const fraction = (scaled % 10_000n).toString().padStart(4, '0');
  return `${integer}.${fraction}%`;
}

// ---------------------------------------------------------------------------------------------------
// Cells and rows

class RowCursor {
  private next = FIRST_DATA_ROW;
  constructor(private readonly sheet: ExcelJS.Worksheet) {}

  put(cells: readonly Put[], then?: (row: ExcelJS.Row) => void): void {
    const row = this.sheet.getRow(this.next++);
    put(row, cells);
    then?.(row);
    row.commit();
  }

  blank(): void {
    this.next++;
  }
}

function put(row: ExcelJS.Row, cells: readonly Put[]): void {
  for (const [column, value, style] of cells) set(row, column, value, style);
}

function labelled(label: string, value: ExcelJS.CellValue, style: Partial<ExcelJS.Style>, note?: string): Put[] {
  const cells: Put[] = [
    [1, label, S.label],
    [2, value, style],
  ];
  if (note) cells.push([3, note, S.aside]);
  return cells;
}

function labelledMoney(label: string, amount: bigint, note?: string): Put[] {
  const cells: Put[] = [[1, label, S.label], money(2, amount)];
  if (note) cells.push([3, note, S.aside]);
  return cells;
}

function section(title: string, note?: string): Put[] {
  return [[1, title, S.section], [2, '', S.section], [3, note ?? '', S.section]];
}

/** A money cell: a number (#,##0) when it has at most 15 digits, otherwise its digits as text. */
function money(column: number, amount: bigint, look: 'plain' | 'total' | 'aside' = 'plain'): Put {
  const [numeric, text]: readonly [StyleName, StyleName] =
    look === 'total' ? ['totalMoney', 'totalMoneyText'] : look === 'aside' ? ['asideMoney', 'asideMoneyText'] : ['money', 'moneyText'];
  return moneyStyled(column, amount, S[numeric], S[text]);
}

function moneyStyled(column: number, amount: bigint, numeric: Partial<ExcelJS.Style>, text: Partial<ExcelJS.Style>): Put {
  const value = moneyCellValue(amount);
  return [column, value, typeof value === 'number' ? numeric : text];
}

function sum<T>(items: readonly T[], amount: (item: T) => bigint): bigint {
  let total = 0n;
  for (const item of items) total += amount(item);
  return total;
}

function statusLabel(status: string): string {
  const label = STATUS_LABELS[status];
  return label ? `${label} (${status})` : cleanText(status);
}

/** "2025-01-15" (or an ISO timestamp) → "15/01/2025"; anything else as given. */
function displayDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : cleanText(date);
}

function validDate(iso: string): Date | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

// Characters XML 1.0 cannot hold (exceljs does not remove them: the file would not open) and lone surrogates.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// A quick test first (surrogate pairs are valid and rare): the precise pattern runs only on a hit.
// eslint-disable-next-line no-control-regex
const MAYBE_NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Text safe for a cell: no characters XML cannot hold, at most Excel's 32,767 characters. */
export function cleanText(text: string): string {
  const clean = MAYBE_NOT_XML.test(text) ? text.replace(NOT_XML, '') : text;
  return clean.length > MAX_CELL_TEXT ? `${clean.slice(0, MAX_CELL_TEXT - 1)}…` : clean;
}

function mergeAcross(sheet: ExcelJS.Worksheet, row: number, lastColumn: number): void {
  sheet.mergeCells(row, 1, row, lastColumn);
}

function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Ends a sheet of the streaming writer. */
function commitSheet(sheet: ExcelJS.Worksheet): void {
  (sheet as unknown as { commit(): void }).commit();
}

const SUMMARY_WIDTHS = [58, 34, 70];
const UNIT_WIDTHS = [7, 14, 44, 26, 22, 22, 22, 22];
const BREAKDOWN_WIDTHS = [7, 16, 56, 22, 22, 22];
const ADJUSTMENT_WIDTHS = [7, 14, 7, 44, 20, 20, 44, 28, 24];
const SUPPORT_WIDTHS = [7, 14, 40, 14, 32, 22, 20, 14];
const LINE_WIDTHS = [9, 12, 32, 7, 50, 11, 11, 11, 11, 12, 12, 18, 20, 20, 12, 12, 12, 20, 20, 20];
