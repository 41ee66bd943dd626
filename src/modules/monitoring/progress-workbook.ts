// The semi-annual progress report as a workbook, out and back in. Plain TypeScript and exceljs.
//
//   ChiTieu   title block (unit, unit code, year, half, report id, version), then one row per target
//             the unit reports: code, indicator, how it is computed, numerator, denominator,
//             achieved (Có / Không), note.
//   GiaiNgan  one row per line of the unit's approved estimate: STT, content, plan area, funding
//             source, expenditure type, approved amount, disbursed so far, reason for an overrun.
//
// Writing uses exceljs. Reading goes through the app's one SpreadsheetML reader
// (spreadsheets/sheet-xml.ts), with its rule: read exactly as written, or refuse naming the cell. It
// checks the zip first (size, entry count, declared and actual unzipped sizes), bounds the counts
// (shared strings, styles, rows, cells), finds each sheet's header row, compares every header, and
// returns every bad cell as { row, column, field, code, message } — or the rows.
import ExcelJS from 'exceljs';
import { cellAt, contentText, type CellContent, moneyCellValue, parseMoney, parseText, parseWholeNumber } from '../spreadsheets/cell-values.js';
import { normaliseHeader } from '../spreadsheets/estimate-layout.js';
import { type SheetLimits, type SheetRow, openWorkbook, readSheet, sheetEntry } from '../spreadsheets/sheet-xml.js';
import { FileTooLargeError, HeaderMismatchError, type RowProblem, TooManyRowsError } from '../spreadsheets/spreadsheet-errors.js';

export const INDICATOR_SHEET = 'ChiTieu';
export const DISBURSEMENT_SHEET = 'GiaiNgan';

// Sized from the largest real report: a unit's targets (a few dozen) and the lines of its approved
// estimate (at most 20,000), eight columns each, with a margin of 2× or more.
export const PROGRESS_READ_LIMITS: Readonly<SheetLimits & { maxFileBytes: number; maxRows: number; maxProblems: number }> = Object.freeze({
  maxFileBytes: 5 * 1024 * 1024,
  maxUnzippedBytes: 64 * 1024 * 1024,
  maxSharedStringsBytes: 32 * 1024 * 1024,
  maxEntries: 200,
  maxRows: 20_000,
  maxProblems: 1000,
  // Two texts of its own a line (content, reason) and the codes: 40,000; a margin over it.
  maxSharedStrings: 100_000,
  maxStyles: 10_000,
  maxSheetRows: 50_000,
  maxCells: 600_000,
});

type MetaKey = 'unitName' | 'unitCode' | 'year' | 'half' | 'reportId' | 'version';
const META: readonly { key: MetaKey; vi: string; en: string }[] = [
  { key: 'unitName', vi: 'Đơn vị', en: 'Unit' },
  { key: 'unitCode', vi: 'Mã đơn vị', en: 'Unit code' },
  { key: 'year', vi: 'Năm', en: 'Year' },
  { key: 'half', vi: 'Kỳ (1: 6 tháng đầu năm, 2: 6 tháng cuối năm)', en: 'Half (1: January–June, 2: July–December)' },
  { key: 'reportId', vi: 'Mã báo cáo', en: 'Report id' },
  { key: 'version', vi: 'Phiên bản', en: 'Version' },
];
const META_FIRST_ROW = 3;
const META_LABEL_COLUMN = 2;
const META_VALUE_COLUMN = 3;
const HEADER_SEARCH_ROWS = 30;

interface ColumnSpec<K extends string> {
  key: K;
  letter: string;
  vi: string;
  en: string;
  width: number;
}

export type IndicatorColumnKey = 'targetCode' | 'indicator' | 'method' | 'numerator' | 'denominator' | 'achieved' | 'note';
export type DisbursementColumnKey = 'lineNo' | 'description' | 'planAreaCode' | 'fundingSourceCode' | 'expenditureTypeCode' | 'approved' | 'disbursed' | 'overrunReason';

export const INDICATOR_COLUMNS: readonly ColumnSpec<IndicatorColumnKey>[] = [
  { key: 'targetCode', letter: 'A', vi: 'Mã chỉ tiêu', en: 'Target code', width: 24 },
  { key: 'indicator', letter: 'B', vi: 'Chỉ tiêu', en: 'Indicator', width: 50 },
  { key: 'method', letter: 'C', vi: 'Cách tính', en: 'How it is computed', width: 44 },
  { key: 'numerator', letter: 'D', vi: 'Tử số', en: 'Numerator', width: 14 },
  { key: 'denominator', letter: 'E', vi: 'Mẫu số', en: 'Denominator', width: 14 },
  { key: 'achieved', letter: 'F', vi: 'Đạt (Có/Không)', en: 'Met (Có = yes / Không = no)', width: 16 },
  { key: 'note', letter: 'G', vi: 'Ghi chú', en: 'Note', width: 36 },
];

export const DISBURSEMENT_COLUMNS: readonly ColumnSpec<DisbursementColumnKey>[] = [
  { key: 'lineNo', letter: 'A', vi: 'STT', en: 'Line', width: 6 },
  { key: 'description', letter: 'B', vi: 'Nội dung', en: 'Content', width: 50 },
  { key: 'planAreaCode', letter: 'C', vi: 'Lĩnh vực', en: 'Plan area', width: 10 },
  { key: 'fundingSourceCode', letter: 'D', vi: 'Nguồn vốn', en: 'Funding source', width: 16 },
  { key: 'expenditureTypeCode', letter: 'E', vi: 'Loại chi', en: 'Expenditure type', width: 14 },
  { key: 'approved', letter: 'F', vi: 'Dự toán được duyệt (đồng)', en: 'Approved (đồng)', width: 20 },
  { key: 'disbursed', letter: 'G', vi: 'Đã giải ngân lũy kế (đồng)', en: 'Disbursed so far (đồng)', width: 20 },
  { key: 'overrunReason', letter: 'H', vi: 'Lý do vượt dự toán', en: 'Reason for exceeding the approved amount', width: 40 },
];

const column = <K extends string>(columns: readonly ColumnSpec<K>[], key: K): ColumnSpec<K> => columns.find((c) => c.key === key)!;
const indexOf = (letter: string): number => letter.charCodeAt(0) - 64;

export interface WorkbookTarget {
  code: string;
  indicator: string;
  aggregation: 'SHARE_OF_UNITS' | 'RATIO_OF_SUMS';
  numeratorLabel: string | null;
  denominatorLabel: string | null;
  numerator: bigint | null;
  denominator: bigint | null;
  achieved: boolean | null;
  note: string;
}

export interface WorkbookLine {
  lineNo: number;
  description: string;
  planAreaCode: string;
  fundingSourceCode: string;
  expenditureTypeCode: string;
  approved: bigint;
  disbursed: bigint | null;
  overrunReason: string | null;
}

export interface ProgressWorkbookContext {
  unitName: string;
  unitCode: string;
  year: number;
  half: 1 | 2;
  reportId: string;
  version: number;
  targets: readonly WorkbookTarget[];
  lines: readonly WorkbookLine[];
}

const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } },
  border: THIN,
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
};
const GREY: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
const YES = 'Có';
const NO = 'Không';

function header<K extends string>(sheet: ExcelJS.Worksheet, rowNumber: number, columns: readonly ColumnSpec<K>[]): void {
  const row = sheet.getRow(rowNumber);
  for (const c of columns) {
    const cell = row.getCell(indexOf(c.letter));
    cell.value = `${c.vi}\n${c.en}`;
    cell.style = HEADER_STYLE;
    sheet.getColumn(indexOf(c.letter)).width = c.width;
  }
  row.height = 32;
}

function method(target: WorkbookTarget): string {
  return target.aggregation === 'SHARE_OF_UNITS'
    ? 'Đơn vị đạt hay không (Có / Không) / Does the unit meet it (Có = yes, Không = no)'
    : `Tử số / numerator: ${target.numeratorLabel ?? ''}; mẫu số / denominator: ${target.denominatorLabel ?? ''}`;
}

/** The report's workbook: the targets the unit reports and the lines of its approved estimate, with the figures so far. */
export function buildProgressWorkbook(context: ProgressWorkbookContext): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'itbudget';

  const indicators = workbook.addWorksheet(INDICATOR_SHEET);
  indicators.getCell('A1').value = 'BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH ỨNG DỤNG CNTT 6 THÁNG / SEMI-ANNUAL PROGRESS REPORT ON THE IT PLAN';
  indicators.getCell('A1').font = { bold: true, size: 14 };
  indicators.getCell('A2').value =
    context.half === 1 ? `6 tháng đầu năm ${context.year} / First half of ${context.year}` : `6 tháng cuối năm ${context.year} / Second half of ${context.year}`;
  const metaValues: Record<MetaKey, string | number> = {
    unitName: context.unitName,
    unitCode: context.unitCode,
    year: context.year,
    half: context.half,
    reportId: context.reportId,
    version: context.version,
  };
  META.forEach((meta, i) => {
    const row = indicators.getRow(META_FIRST_ROW + i);
    row.getCell(META_LABEL_COLUMN).value = `${meta.vi} / ${meta.en}`;
    row.getCell(META_LABEL_COLUMN).font = { bold: true };
    row.getCell(META_VALUE_COLUMN).value = metaValues[meta.key];
  });
  const noteRow = META_FIRST_ROW + META.length;
  indicators.getCell(`A${noteRow}`).value =
    'Chỉ tiêu tính theo tỷ lệ: điền tử số và mẫu số (số nguyên). Chỉ tiêu tính theo số đơn vị đạt: điền Có hoặc Không. Không thêm, xoá hay đổi chỗ cột. / ' +
    'Ratio targets: fill in the numerator and denominator (whole numbers). Share targets: Có (yes) or Không (no). Do not add, remove or move columns.';
  indicators.getCell(`A${noteRow}`).font = { italic: true };
  const indicatorHeader = noteRow + 1;
  header(indicators, indicatorHeader, INDICATOR_COLUMNS);
  context.targets.forEach((target, i) => {
    const row = indicators.getRow(indicatorHeader + 1 + i);
    const ratio = target.aggregation === 'RATIO_OF_SUMS';
    row.getCell(1).value = target.code;
    row.getCell(2).value = target.indicator;
    row.getCell(3).value = method(target);
    row.getCell(4).value = target.numerator === null ? null : moneyCellValue(target.numerator);
    row.getCell(5).value = target.denominator === null ? null : moneyCellValue(target.denominator);
    row.getCell(6).value = target.achieved === null ? null : target.achieved ? YES : NO;
    row.getCell(7).value = target.note || null;
    for (const c of [4, 5]) {
      row.getCell(c).numFmt = '#,##0';
      if (!ratio) row.getCell(c).fill = GREY;
    }
    if (ratio) row.getCell(6).fill = GREY;
    else row.getCell(6).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${YES},${NO}"`] };
    for (const c of [2, 3, 7]) row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
  });
  indicators.views = [{ state: 'frozen', ySplit: indicatorHeader }];

  const disbursements = workbook.addWorksheet(DISBURSEMENT_SHEET);
  disbursements.getCell('A1').value = 'GIẢI NGÂN DỰ TOÁN CNTT ĐƯỢC DUYỆT / DISBURSEMENT OF THE APPROVED IT ESTIMATE';
  disbursements.getCell('A1').font = { bold: true, size: 14 };
  disbursements.getCell('A2').value =
    'Số đã giải ngân lũy kế từ đầu năm đến hết kỳ báo cáo, đồng. Vượt dự toán được duyệt phải ghi lý do. / ' +
    'Disbursed from the start of the year to the end of the half, in đồng. Above the approved amount, give the reason.';
  disbursements.getCell('A2').font = { italic: true };
  header(disbursements, 3, DISBURSEMENT_COLUMNS);
  context.lines.forEach((line, i) => {
    const row = disbursements.getRow(4 + i);
    row.getCell(1).value = line.lineNo;
    row.getCell(2).value = line.description;
    row.getCell(3).value = line.planAreaCode;
    row.getCell(4).value = line.fundingSourceCode;
    row.getCell(5).value = line.expenditureTypeCode;
    row.getCell(6).value = moneyCellValue(line.approved);
    row.getCell(6).fill = GREY;
    row.getCell(7).value = line.disbursed === null ? null : moneyCellValue(line.disbursed);
    row.getCell(8).value = line.overrunReason;
    for (const c of [6, 7]) row.getCell(c).numFmt = typeof row.getCell(c).value === 'string' ? '@' : '#,##0';
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  });
  disbursements.views = [{ state: 'frozen', ySplit: 3 }];
  return workbook;
}

export async function writeProgressWorkbook(context: ProgressWorkbookContext): Promise<Buffer> {
  return Buffer.from(await buildProgressWorkbook(context).xlsx.writeBuffer());
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────

export interface ProgressWorkbookMeta {
  unitCode?: string;
  year?: number;
  half?: number;
  reportId?: string;
  version?: number;
}

export interface ReadIndicator {
  row: number;
  targetCode: string;
  numerator: bigint | null;
  denominator: bigint | null;
  achieved: boolean | null;
  note: string;
}

export interface ReadDisbursement {
  row: number;
  lineNo: number;
  disbursed: bigint | null;
  overrunReason: string | null;
}

export type ReadProgressResult =
  | { ok: true; meta: ProgressWorkbookMeta; indicators: ReadIndicator[]; disbursements: ReadDisbursement[] }
  | { ok: false; meta: ProgressWorkbookMeta; problems: RowProblem[]; problemCount: number };

/** Where a field of a row lives in the workbook, for the caller's own checks. */
export function indicatorCell(key: IndicatorColumnKey): string {
  return column(INDICATOR_COLUMNS, key).letter;
}

export function disbursementCell(key: DisbursementColumnKey): string {
  return column(DISBURSEMENT_COLUMNS, key).letter;
}

class Problems {
  readonly list: RowProblem[] = [];
  count = 0;

  add(sheet: string, row: number, letter: string, field: string, code: string, message: string): void {
    this.count++;
    if (this.list.length < PROGRESS_READ_LIMITS.maxProblems) {
      this.list.push({ row, column: letter, field: `${sheet}.${field}`, code, message: `${sheet}!${letter}${row}: ${message}` });
    }
  }
}

/** A whole count: a numeric cell of at most 15 digits, or text digits. */
function parseCount(content: CellContent): { ok: true; value: bigint | null } | { ok: false; code: string; message: string } {
  const parsed = parseMoney(content);
  if (!parsed.ok) {
    const message = parsed.message.replace(/số tiền/g, 'số').replace(/the amount/g, 'the count').replace(/an amount/g, 'a count').replace(/ đồng/g, '');
    return { ok: false, code: parsed.code, message };
  }
  return { ok: true, value: parsed.value === null ? null : BigInt(parsed.value) };
}

function parseYesNo(content: CellContent): { ok: true; value: boolean | null } | { ok: false; code: string; message: string } {
  if (content.kind === 'empty') return { ok: true, value: null };
  if (content.kind === 'boolean') return { ok: true, value: content.value };
  if (content.kind === 'text') {
    const text = normaliseHeader(content.text);
    if (['có', 'co', 'đạt', 'yes', 'x', 'true'].includes(text)) return { ok: true, value: true };
    if (['không', 'khong', 'chưa đạt', 'no', 'false'].includes(text)) return { ok: true, value: false };
  }
  return { ok: false, code: 'INVALID_VALUE', message: `chỉ ghi "${YES}" hoặc "${NO}" / only "${YES}" (yes) or "${NO}" (no)` };
}

/** A sheet read whole: its rows by number (a progress workbook is small: ≤ 5 MiB, ≤ 50,000 rows). */
class ReadSheet {
  readonly rows = new Map<number, SheetRow['cells']>();
  lastRow = 0;

  constructor(readonly name: string) {}

  add(row: SheetRow): void {
    this.rows.set(row.number, row.cells);
    this.lastRow = row.number;
  }

  cells(r: number): SheetRow['cells'] {
    return this.rows.get(r) ?? [];
  }

  content(r: number, column: number): CellContent {
    return cellAt(this.cells(r), column);
  }
}

async function readWorkbookSheets(buffer: Buffer, names: readonly string[]): Promise<ReadSheet[]> {
  if (buffer.length > PROGRESS_READ_LIMITS.maxFileBytes) throw new FileTooLargeError(PROGRESS_READ_LIMITS.maxFileBytes);
  const workbook = await openWorkbook(buffer, PROGRESS_READ_LIMITS);
  const entries = names.map((name) => sheetEntry(workbook, name)); // every sheet missing is found before any is read
  const sheets: ReadSheet[] = [];
  for (const [i, entry] of entries.entries()) {
    const sheet = new ReadSheet(names[i]);
    await readSheet(workbook, entry, PROGRESS_READ_LIMITS, (row) => sheet.add(row));
    sheets.push(sheet);
  }
  return sheets;
}

/** Reports the malformed cells of a row (sheet-xml.ts); true when there were any, and the row is not read further. */
function malformedCells(sheet: ReadSheet, r: number, problems: Problems): boolean {
  let found = false;
  sheet.cells(r).forEach((content, column) => {
    if (content?.kind !== 'malformed') return;
    found = true;
    problems.add(sheet.name, r, String.fromCharCode(64 + column), 'cell', content.code, content.message);
  });
  return found;
}

/** The header row (found by its first header in column A) after checking every header; throws 422 otherwise. */
function headerRow<K extends string>(sheet: ReadSheet, columns: readonly ColumnSpec<K>[]): number {
  const first = normaliseHeader(columns[0].vi);
  for (let r = 1; r <= HEADER_SEARCH_ROWS; r++) {
    if (normaliseHeader(contentText(sheet.content(r, 1))) !== first) continue;
    const problems: RowProblem[] = [];
    for (const c of columns) {
      const text = normaliseHeader(contentText(sheet.content(r, indexOf(c.letter))));
      if (text !== normaliseHeader(c.vi)) {
        problems.push({
          row: r,
          column: c.letter,
          field: `${sheet.name}.${c.key}`,
          code: 'COLUMN_MISMATCH',
          message: `${sheet.name}!${c.letter}${r}: cột là "${text}", cần "${c.vi}" / the column is "${text}", expected "${c.vi}"`,
        });
      }
    }
    if (problems.length > 0) throw new HeaderMismatchError(problems);
    return r;
  }
  throw new HeaderMismatchError([
    {
      row: 1,
      column: 'A',
      field: `${sheet.name}.header`,
      code: 'HEADER_NOT_FOUND',
      message: `${sheet.name}: không thấy dòng tiêu đề "${columns[0].vi}" trong ${HEADER_SEARCH_ROWS} dòng đầu / no header row "${columns[0].vi}" in the first ${HEADER_SEARCH_ROWS} rows`,
    },
  ]);
}

function readMeta(sheet: ReadSheet, before: number, problems: Problems): ProgressWorkbookMeta {
  const meta: ProgressWorkbookMeta = {};
  const byLabel = new Map(META.map((m) => [normaliseHeader(m.vi), m.key]));
  for (let r = 1; r < before; r++) {
    if (malformedCells(sheet, r, problems)) continue;
    const key = byLabel.get(normaliseHeader(contentText(sheet.content(r, META_LABEL_COLUMN)).split(' / ')[0]));
    if (key === undefined) continue;
    const content = sheet.content(r, META_VALUE_COLUMN);
    if (key === 'year' || key === 'half' || key === 'version') {
      const [min, max] = key === 'year' ? [1900, 9999] : key === 'half' ? [1, 2] : [1, 2_147_483_647];
      const parsed = parseWholeNumber(content, min, max);
      if (parsed.ok) {
        if (parsed.value !== undefined) meta[key] = parsed.value;
      } else {
        problems.add(sheet.name, r, 'C', `meta.${key}`, parsed.code, parsed.message);
      }
    } else if (key === 'unitCode' || key === 'reportId') {
      const text = contentText(content).trim();
      if (text !== '') meta[key] = text;
    }
  }
  return meta;
}

/**
 * Reads a progress workbook: the figures of sheet ChiTieu and the disbursed amounts of sheet
 * GiaiNgan, or every bad cell. Blank rows are skipped; a row with a figure must name its target
 * (column A) or line (STT). Checks that need the report (known codes and lines, amounts against the
 * approved ones) are the caller's.
 */
export async function readProgressWorkbook(buffer: Buffer): Promise<ReadProgressResult> {
  const [indicatorSheet, disbursementSheet] = await readWorkbookSheets(buffer, [INDICATOR_SHEET, DISBURSEMENT_SHEET]);
  const problems = new Problems();
  const indicatorHeader = headerRow(indicatorSheet, INDICATOR_COLUMNS);
  const disbursementHeader = headerRow(disbursementSheet, DISBURSEMENT_COLUMNS);
  const meta = readMeta(indicatorSheet, indicatorHeader, problems);
  for (const [sheet, first] of [
    [indicatorSheet, indicatorHeader],
    [disbursementSheet, disbursementHeader],
  ] as const) {
    if (sheet.lastRow - first > PROGRESS_READ_LIMITS.maxRows) throw new TooManyRowsError(PROGRESS_READ_LIMITS.maxRows, first + PROGRESS_READ_LIMITS.maxRows + 1);
  }

  const indicators: ReadIndicator[] = [];
  const seenCodes = new Map<string, number>();
  for (let r = indicatorHeader + 1; r <= indicatorSheet.lastRow; r++) {
    if (malformedCells(indicatorSheet, r, problems)) continue;
    const cell = (key: IndicatorColumnKey) => indicatorSheet.content(r, indexOf(indicatorCell(key)));
    const inputs = (['targetCode', 'numerator', 'denominator', 'achieved', 'note'] as const).map(cell);
    if (inputs.every((content) => content.kind === 'empty')) continue;
    const add = (key: IndicatorColumnKey, code: string, message: string) => problems.add(INDICATOR_SHEET, r, indicatorCell(key), key, code, message);
    const code = contentText(indicatorSheet.content(r, 1)).trim();
    if (code === '') {
      add('targetCode', 'REQUIRED', 'cần mã chỉ tiêu / the target code is required');
      continue;
    }
    if (seenCodes.has(code)) {
      add('targetCode', 'DUPLICATE', `chỉ tiêu ${code} đã có ở dòng ${seenCodes.get(code)} / target ${code} is already on row ${seenCodes.get(code)}`);
      continue;
    }
    seenCodes.set(code, r);
    const numerator = parseCount(cell('numerator'));
    const denominator = parseCount(cell('denominator'));
    const achieved = parseYesNo(cell('achieved'));
    const note = parseText(cell('note'), 2000);
    if (!numerator.ok) add('numerator', numerator.code, numerator.message);
    if (!denominator.ok) add('denominator', denominator.code, denominator.message);
    if (!achieved.ok) add('achieved', achieved.code, achieved.message);
    if (!note.ok) add('note', note.code, note.message);
    if (numerator.ok && denominator.ok && achieved.ok && note.ok) {
      indicators.push({ row: r, targetCode: code, numerator: numerator.value, denominator: denominator.value, achieved: achieved.value, note: note.value ?? '' });
    }
  }

  const disbursements: ReadDisbursement[] = [];
  const seenLines = new Map<number, number>();
  for (let r = disbursementHeader + 1; r <= disbursementSheet.lastRow; r++) {
    if (malformedCells(disbursementSheet, r, problems)) continue;
    const cell = (key: DisbursementColumnKey) => disbursementSheet.content(r, indexOf(disbursementCell(key)));
    if ((['lineNo', 'disbursed', 'overrunReason'] as const).every((key) => cell(key).kind === 'empty')) continue;
    const add = (key: DisbursementColumnKey, code: string, message: string) => problems.add(DISBURSEMENT_SHEET, r, disbursementCell(key), key, code, message);
    const lineNo = parseWholeNumber(cell('lineNo'), 1, 1_000_000);
    if (!lineNo.ok || lineNo.value === undefined) {
      add('lineNo', lineNo.ok ? 'REQUIRED' : lineNo.code, lineNo.ok ? 'cần STT của dòng dự toán / the line number (STT) is required' : lineNo.message);
      continue;
    }
    if (seenLines.has(lineNo.value)) {
      add('lineNo', 'DUPLICATE', `dòng ${lineNo.value} đã có ở hàng ${seenLines.get(lineNo.value)} / line ${lineNo.value} is already on row ${seenLines.get(lineNo.value)}`);
      continue;
    }
    seenLines.set(lineNo.value, r);
    const disbursed = parseMoney(cell('disbursed'));
    const reason = parseText(cell('overrunReason'), 4000);
    if (!disbursed.ok) add('disbursed', disbursed.code, disbursed.message);
    if (!reason.ok) add('overrunReason', reason.code, reason.message);
    if (disbursed.ok && reason.ok) {
      disbursements.push({ row: r, lineNo: lineNo.value, disbursed: disbursed.value === null ? null : BigInt(disbursed.value), overrunReason: reason.value || null });
    }
  }

  if (problems.count > 0) {
    const order = (p: RowProblem) => `${p.field.startsWith(INDICATOR_SHEET) ? 0 : 1}:${p.row.toString().padStart(8, '0')}:${p.column}`;
    return { ok: false, meta, problems: [...problems.list].sort((a, b) => order(a).localeCompare(order(b))), problemCount: problems.count };
  }
  return { ok: true, meta, indicators, disbursements };
}
