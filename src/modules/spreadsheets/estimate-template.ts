// The estimate workbook, modelled on the annex "Phụ lục 04 — Dự toán chi ứng dụng CNTT":
//   DuToan   title block (unit, year, estimate id, version), one header row (Vietnamese, line break,
//            English), the lines; drop-downs on coded columns, the amount as a formula, header and
//            formulas locked (sheet protection without a password), input cells unlocked, đồng as #,##0.
//            Amounts of up to 15 digits are numbers; larger ones are text digits (see cell-values.ts).
//   HuongDan every column explained, every code with its Vietnamese and English name.
//   DanhMuc  (hidden) the lists behind the drop-downs.
// Written in memory (buildEstimateWorkbook / writeEstimateWorkbook) or streamed to a Writable
// (streamEstimateWorkbook) for large estimates; both produce the same sheets.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { lineAmount } from '../../common/money/vnd.js';
import type { LineFieldsDto } from '../estimates/dto/line.dto.js';
import { MAX_NUMERIC_CELL_AMOUNT, moneyCellValue, quantityCellValue } from './cell-values.js';
import {
  ESTIMATE_COLUMNS,
  ESTIMATE_SHEET,
  type EstimateColumn,
  FIRST_DATA_ROW,
  GUIDE_SHEET,
  HEADER_ROW,
  LAST_COLUMN,
  LISTS_SHEET,
  type ListName,
  META_LABEL_COLUMN,
  META_ROWS,
  META_VALUE_COLUMN,
  NOTE_ROW,
  SUBTITLE_ROW,
  TITLE_ROW,
  amountFormula,
  columnLetter,
} from './estimate-layout.js';

/** What the template needs of the catalog; CatalogService's `Catalog` is one. */
/** A line as the template writes it: its fields, and DIC's appraisal when there is one (written, never read back). */
export type TemplateLine = LineFieldsDto & { appraisedAmount?: string | null; appraisalVariance?: string | null };

export interface TemplateCatalog {
  planAreas: readonly { code: string; parentCode: string | null; name: string; nameEn: string; selectable: boolean }[];
  fundingSources: readonly { code: string; name: string; nameEn: string }[];
  expenditureTypes: readonly { code: string; name: string; nameEn: string }[];
  activityKinds: readonly { code: string; name: string; nameEn: string }[];
}

export interface EstimateTemplateContext {
  unitName: string;
  unitCode: string;
  year: number;
  estimateId?: string;
  version?: number;
  /** Lines to fill in, as the API takes them (amounts as digit strings). */
  lines?: readonly TemplateLine[];
}

/** Empty rows made ready for input (formula, drop-downs, unlocked) below the last line; at least MIN_INPUT_ROWS in all. */
export const EXTRA_INPUT_ROWS = 200;
export const MIN_INPUT_ROWS = 500;

const MONEY_FORMAT = '#,##0';
const TEXT_FORMAT = '@';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const LOCKED: Partial<ExcelJS.Style> = { protection: { locked: true } };
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
  insertRows: true,
  deleteRows: true,
  sort: false,
  autoFilter: true,
};

/** The estimate workbook in memory. */
export function buildEstimateWorkbook(catalog: TemplateCatalog, context: EstimateTemplateContext): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'itbudget';
  workbook.calcProperties.fullCalcOnLoad = true; // Excel recomputes the amount formulas on opening
  fill(workbook, catalog, context);
  return workbook;
}

/** The estimate workbook as .xlsx bytes. */
export async function writeEstimateWorkbook(catalog: TemplateCatalog, context: EstimateTemplateContext): Promise<Buffer> {
  const bytes = await buildEstimateWorkbook(catalog, context).xlsx.writeBuffer();
  return Buffer.from(bytes);
}

/** Streams the estimate workbook to `output` row by row (bounded memory for large estimates). */
export async function streamEstimateWorkbook(catalog: TemplateCatalog, context: EstimateTemplateContext, output: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: true });
  workbook.creator = 'itbudget';
  fill(workbook, catalog, context);
  await workbook.commit();
}

function fill(workbook: ExcelJS.Workbook, catalog: TemplateCatalog, context: EstimateTemplateContext): void {
  // Sheets are added first so that their order (and the hidden one last) is fixed; each is then
  // written top to bottom and committed, as the streaming writer requires.
  const estimate = workbook.addWorksheet(ESTIMATE_SHEET, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROW, topLeftCell: `C${FIRST_DATA_ROW}`, activeCell: `B${FIRST_DATA_ROW}` }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    properties: { tabColor: { argb: 'FF2F75B5' } },
  });
  const guide = workbook.addWorksheet(GUIDE_SHEET);
  const lists = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });

  const ranges = listRanges(catalog);
  writeEstimateSheet(estimate, context, ranges);
  writeGuideSheet(guide, catalog);
  writeListsSheet(lists, catalog);
}

function writeEstimateSheet(sheet: ExcelJS.Worksheet, context: EstimateTemplateContext, ranges: Record<ListName, string>): void {
  sheet.columns = ESTIMATE_COLUMNS.map((column) => ({ width: column.width, style: columnStyle(column) }));

  const titleStyle: Partial<ExcelJS.Style> = { ...LOCKED, font: { bold: true, size: 14 }, alignment: { horizontal: 'center' } };
  const year = context.year;
  put(sheet, TITLE_ROW, [[1, `PHỤ LỤC 04 — DỰ TOÁN CHI ỨNG DỤNG CÔNG NGHỆ THÔNG TIN NĂM ${year}`, titleStyle]], () => {
    sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, LAST_COLUMN);
  });
  put(sheet, SUBTITLE_ROW, [[1, `Annex 04 — IT application expenditure estimate for ${year}`, { ...titleStyle, font: { italic: true, size: 11 } }]], () => {
    sheet.mergeCells(SUBTITLE_ROW, 1, SUBTITLE_ROW, LAST_COLUMN);
  });
  const metaValues: Record<(typeof META_ROWS)[number]['key'], string | number | null> = {
    unitName: context.unitName || null,
    unitCode: context.unitCode || null,
    year,
    estimateId: context.estimateId ?? null,
    version: context.version ?? null,
  };
  for (const meta of META_ROWS) {
    const value = metaValues[meta.key];
    put(sheet, meta.row, [
      [META_LABEL_COLUMN, `${meta.vi} / ${meta.en}`, { ...LOCKED, font: { bold: true }, alignment: { horizontal: 'right' } }],
      [META_VALUE_COLUMN, value, { ...LOCKED, numFmt: typeof value === 'number' ? '0' : TEXT_FORMAT, alignment: { horizontal: 'left' } }],
    ]);
  }
  put(sheet, NOTE_ROW, [
    [
      META_LABEL_COLUMN,
      `Số tiền tính bằng đồng. Nhập từ dòng ${FIRST_DATA_ROW}; không sửa tiêu đề, không thêm/xoá/đổi chỗ cột. Xem trang ${GUIDE_SHEET}. / ` +
        `Amounts in đồng. Enter lines from row ${FIRST_DATA_ROW}; do not edit the headers or add, remove or move columns. See sheet ${GUIDE_SHEET}.`,
      { ...LOCKED, font: { italic: true, color: { argb: 'FF595959' } } },
    ],
  ]);

  const headerStyle: Partial<ExcelJS.Style> = {
    ...LOCKED,
    font: { bold: true },
    fill: HEADER_FILL,
    border: THIN,
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  };
  put(
    sheet,
    HEADER_ROW,
    ESTIMATE_COLUMNS.map((column) => [column.index, `${column.vi}\n${column.en}`, headerStyle]),
    (row) => {
      row.height = 48;
    },
  );

  const lines = context.lines ?? [];
  const inputRows = Math.max(MIN_INPUT_ROWS, lines.length + EXTRA_INPUT_ROWS);
  const lastRow = FIRST_DATA_ROW + inputRows - 1;
  for (let i = 0; i < inputRows; i++) {
    const rowNumber = FIRST_DATA_ROW + i;
    const row = sheet.getRow(rowNumber);
    if (i < lines.length) writeLine(row, rowNumber, i + 1, lines[i]);
    else row.getCell(amountColumn.index).value = { formula: amountFormula(rowNumber), result: '' };
    row.commit();
  }

  // Drop-downs (fed by the hidden sheet) and the tier's range, on every input row.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  for (const column of ESTIMATE_COLUMNS) {
    const range = `${column.letter}${FIRST_DATA_ROW}:${column.letter}${lastRow}`;
    if (column.kind === 'code' || column.kind === 'part') {
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [ranges[column.list]],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: 'Mã không hợp lệ / Invalid code',
        error: `Chọn ${column.vi.toLowerCase()} từ danh sách (xem trang ${GUIDE_SHEET}) / Pick a ${column.en.toLowerCase()} from the list`,
        showInputMessage: true,
        promptTitle: column.vi,
        prompt: `${column.helpVi}\n${column.helpEn}`,
      });
    } else if (column.kind === 'tier') {
      validations.add(range, {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [1, 99],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: 'Mức ưu tiên / Priority tier',
        error: 'Số nguyên từ 1 đến 99 / A whole number from 1 to 99',
      });
    }
  }
  // The executor of protect() runs synchronously: the protection is set when it returns.
  void sheet.protect('', PROTECTION);
  commitSheet(sheet);
}

const amountColumn = ESTIMATE_COLUMNS.find((column) => column.kind === 'amount') as EstimateColumn;

function writeLine(row: ExcelJS.Row, rowNumber: number, lineNo: number, line: TemplateLine): void {
  const amount = lineAmount(line.quantity, BigInt(line.unitPrice));
  // Cells are created only for values (an empty cell takes its column's style anyway).
  const set = (column: EstimateColumn, value: number | string | null | undefined) => {
    if (value === null || value === undefined || value === '') return;
    const cell = row.getCell(column.index);
    cell.value = value;
    // Digits as text where a double would not hold them exactly: text format, right-aligned.
    if (typeof value === 'string' && (column.kind === 'money' || column.kind === 'quantity')) {
      cell.style = { ...cell.style, numFmt: TEXT_FORMAT, alignment: { horizontal: 'right' } };
    }
  };
  for (const column of ESTIMATE_COLUMNS) {
    switch (column.kind) {
      case 'lineNo':
        set(column, lineNo);
        break;
      case 'text':
        set(column, line[column.key]);
        break;
      case 'code':
        set(column, line[column.key]);
        break;
      case 'part':
        set(column, line.isContinuing ? 'A' : 'B');
        break;
      case 'quantity':
        set(column, quantityCellValue(line.quantity));
        break;
      case 'money': {
        const value = line[column.key];
        set(column, value === undefined || value === null ? null : moneyCellValue(BigInt(value)));
        break;
      }
      case 'amount': {
        const cell = row.getCell(column.index);
        if (amount <= BigInt(MAX_NUMERIC_CELL_AMOUNT)) {
          cell.value = { formula: amountFormula(rowNumber), result: moneyCellValue(amount) as number };
        } else {
          // Past 15 digits a spreadsheet cannot show or keep the product exactly: the exact digits, as
          // text, left unlocked so that they can be cleared (a blank amount is computed on import).
          cell.value = amount.toString();
          cell.style = { ...cell.style, numFmt: TEXT_FORMAT, protection: { locked: false }, alignment: { horizontal: 'right' } };
        }
        break;
      }
      case 'tier':
        set(column, line.priorityTier ?? 1);
        break;
      case 'classification':
        set(column, line[column.key]);
        break;
      case 'appraisal': {
        // DIC's figures: the appraised amount and its variance (appraised − requested, ≤ 0).
        const value = line[column.key];
        if (value !== undefined && value !== null) set(column, BigInt(value) < 0n ? -Number(-BigInt(value)) : moneyCellValue(BigInt(value)));
        break;
      }
      default: {
        const exhaustive: never = column;
        throw new Error(`unhandled column ${String(exhaustive)}`);
      }
    }
  }
}

function columnStyle(column: EstimateColumn): Partial<ExcelJS.Style> {
  const unlocked: Partial<ExcelJS.Style> = { protection: { locked: false } };
  switch (column.kind) {
    case 'amount':
      return { ...LOCKED, numFmt: MONEY_FORMAT, font: { bold: true } };
    case 'appraisal':
      return { ...LOCKED, numFmt: MONEY_FORMAT };
    case 'money':
      return { ...unlocked, numFmt: MONEY_FORMAT };
    case 'text':
      return { ...unlocked, numFmt: TEXT_FORMAT, alignment: { wrapText: column.key !== 'measureUnit', vertical: 'top' } };
    case 'code':
    case 'part':
    case 'classification':
      return { ...unlocked, numFmt: TEXT_FORMAT, alignment: { horizontal: 'center' } };
    case 'lineNo':
    case 'quantity':
    case 'tier':
      return unlocked;
    default: {
      const exhaustive: never = column;
      throw new Error(`unhandled column ${String(exhaustive)}`);
    }
  }
}

/** Ends a sheet of the streaming writer; an in-memory sheet has nothing to commit (nor the method). */
function commitSheet(sheet: ExcelJS.Worksheet): void {
  const streaming = sheet as Partial<Pick<ExcelJS.Worksheet, 'commit'>>;
  if (typeof streaming.commit === 'function') streaming.commit();
}

/** Writes cells of one row with their style, runs `then` on the row, and commits it. */
function put(
  sheet: ExcelJS.Worksheet,
  rowNumber: number,
  cells: readonly (readonly [number, ExcelJS.CellValue, Partial<ExcelJS.Style>])[],
  then?: (row: ExcelJS.Row) => void,
): void {
  const row = sheet.getRow(rowNumber);
  for (const [index, value, style] of cells) {
    const cell = row.getCell(index);
    cell.value = value;
    cell.style = style;
  }
  then?.(row);
  row.commit();
}

type ListRow = { code: string; name: string; nameEn: string };

function listColumns(catalog: TemplateCatalog): Record<Exclude<ListName, 'parts'>, { column: number; rows: readonly ListRow[] }> {
  return {
    planAreas: { column: 1, rows: catalog.planAreas.filter((area) => area.selectable) },
    expenditureTypes: { column: 3, rows: catalog.expenditureTypes },
    fundingSources: { column: 5, rows: catalog.fundingSources },
    activityKinds: { column: 7, rows: catalog.activityKinds },
  };
}

const PARTS: readonly ListRow[] = [
  { code: 'A', name: 'Chuyển tiếp (đã được phê duyệt)', nameEn: 'Continuing (approved earlier)' },
  { code: 'B', name: 'Mở mới', nameEn: 'New' },
];

function listRanges(catalog: TemplateCatalog): Record<ListName, string> {
  const columns = listColumns(catalog);
  const range = (column: number, count: number) => {
    const letter = columnLetter(column);
    return `${LISTS_SHEET}!$${letter}$2:$${letter}$${1 + Math.max(1, count)}`;
  };
  return {
    planAreas: range(columns.planAreas.column, columns.planAreas.rows.length),
    expenditureTypes: range(columns.expenditureTypes.column, columns.expenditureTypes.rows.length),
    fundingSources: range(columns.fundingSources.column, columns.fundingSources.rows.length),
    activityKinds: range(columns.activityKinds.column, columns.activityKinds.rows.length),
    parts: '"A,B"',
  };
}

function writeListsSheet(sheet: ExcelJS.Worksheet, catalog: TemplateCatalog): void {
  const columns = Object.values(listColumns(catalog));
  sheet.columns = Array.from({ length: 8 }, (_, i) => ({ width: i % 2 === 0 ? 16 : 60 }));
  const header: [number, ExcelJS.CellValue, Partial<ExcelJS.Style>][] = [];
  const titles = ['Lĩnh vực / Plan area', 'Loại chi / Expenditure type', 'Nguồn vốn / Funding source', 'Loại hoạt động / Activity kind'];
  columns.forEach(({ column }, i) => {
    header.push([column, titles[i], { font: { bold: true } }], [column + 1, 'Tên / Name', { font: { bold: true } }]);
  });
  put(sheet, 1, header);
  const depth = Math.max(...columns.map(({ rows }) => rows.length));
  for (let i = 0; i < depth; i++) {
    const cells: [number, ExcelJS.CellValue, Partial<ExcelJS.Style>][] = [];
    for (const { column, rows } of columns) {
      const item = rows[i];
      if (item) cells.push([column, item.code, { numFmt: TEXT_FORMAT }], [column + 1, `${item.name} / ${item.nameEn}`, {}]);
    }
    put(sheet, 2 + i, cells);
  }
  commitSheet(sheet);
}

function writeGuideSheet(sheet: ExcelJS.Worksheet, catalog: TemplateCatalog): void {
  sheet.columns = [{ width: 8 }, { width: 26 }, { width: 50 }, { width: 14 }, { width: 70 }, { width: 70 }];
  const bold: Partial<ExcelJS.Style> = { font: { bold: true } };
  const wrap: Partial<ExcelJS.Style> = { alignment: { wrapText: true, vertical: 'top' } };
  const head: Partial<ExcelJS.Style> = { font: { bold: true }, fill: HEADER_FILL, border: THIN, alignment: { wrapText: true, vertical: 'middle' } };
  let r = 1;
  const line = (cells: readonly (readonly [number, ExcelJS.CellValue, Partial<ExcelJS.Style>])[]) => put(sheet, r++, cells);

  line([[1, 'HƯỚNG DẪN LẬP DỰ TOÁN CHI ỨNG DỤNG CNTT / HOW TO FILL IN THE IT ESTIMATE', { font: { bold: true, size: 14 } }]]);
  r++;
  const notes: readonly [string, string][] = [
    [
      `Nhập mỗi nội dung chi trên một dòng của trang ${ESTIMATE_SHEET}, từ dòng ${FIRST_DATA_ROW}. Dòng trống được bỏ qua.`,
      `Enter one item per row of sheet ${ESTIMATE_SHEET}, from row ${FIRST_DATA_ROW}. Blank rows are skipped.`,
    ],
    [
      'Không đổi tên trang tính, không sửa tiêu đề, không thêm, xoá hay đổi chỗ cột, không gộp ô trong vùng dữ liệu.',
      'Do not rename the sheet, edit the headers, add, remove or move columns, or merge cells in the data area.',
    ],
    [
      'Số tiền là số nguyên đồng, không âm, nhỏ hơn 10^18. Số từ 16 chữ số trở lên (từ 1.000.000.000.000.000) phải nhập dạng Văn bản (Text): Excel chỉ giữ 15 chữ số.',
      'Amounts are whole đồng, non-negative, below 10^18. Amounts of 16 digits or more (from 1,000,000,000,000,000) must be typed as Text: Excel keeps only 15 digits.',
    ],
    [
      'Thành tiền = Số lượng × Đơn giá, làm tròn đến đồng (0,5 làm tròn lên). Khi nhập, hệ thống tính lại và kiểm tra.',
      'Amount = quantity × unit price, rounded half-up to the đồng. The import recomputes and checks it.',
    ],
    [
      'Nếu có một dòng sai, không dòng nào được lưu; danh sách lỗi ghi rõ dòng và cột.',
      'If any row is wrong nothing is saved; the answer lists every problem with its row and column.',
    ],
  ];
  for (const [vi, en] of notes) line([[1, `• ${vi}`, wrap], [5, en, wrap]]);
  r++;

  line([[1, 'CÁC CỘT / COLUMNS', bold]]);
  line([
    [1, 'Cột / Column', head],
    [2, 'Tiêu đề', head],
    [3, 'Header', head],
    [4, 'Bắt buộc / Required', head],
    [5, 'Hướng dẫn', head],
    [6, 'Guidance', head],
  ]);
  for (const column of ESTIMATE_COLUMNS) {
    const required = column.kind === 'code' || column.kind === 'quantity' || ((column.kind === 'text' || column.kind === 'money') && column.required);
    line([
      [1, column.letter, { alignment: { horizontal: 'center', vertical: 'top' } }],
      [2, column.vi, wrap],
      [3, column.en, wrap],
      [4, required ? 'Có / Yes' : 'Không / No', wrap],
      [5, column.helpVi, wrap],
      [6, column.helpEn, wrap],
    ]);
  }

  const section = (title: string, rows: readonly (ListRow & { note?: string })[]) => {
    r++;
    line([[1, title, bold]]);
    line([
      [2, 'Mã / Code', head],
      [3, 'Tên', head],
      [4, 'Chọn được / Selectable', head],
      [5, 'Name', head],
    ]);
    for (const item of rows) {
      line([
        [2, item.code, { numFmt: TEXT_FORMAT, alignment: { vertical: 'top' } }],
        [3, item.name, wrap],
        [4, item.note ?? 'Có / Yes', wrap],
        [5, item.nameEn, wrap],
      ]);
    }
  };
  const depthOf = (code: string) => code.split('.').length - 1;
  section(
    'LĨNH VỰC (cột C) / PLAN AREAS (column C)',
    catalog.planAreas.map((area) => ({
      code: area.code,
      name: `${'   '.repeat(depthOf(area.code))}${area.name}`,
      nameEn: area.nameEn,
      note: area.selectable ? 'Có / Yes' : 'Nhóm, không chọn / Group, not selectable',
    })),
  );
  section('LOẠI CHI (cột D) / EXPENDITURE TYPES (column D)', catalog.expenditureTypes);
  section('NGUỒN VỐN (cột E) / FUNDING SOURCES (column E)', catalog.fundingSources);
  section('LOẠI HOẠT ĐỘNG (cột F) / ACTIVITY KINDS (column F)', catalog.activityKinds);
  section('CHUYỂN TIẾP (cột G) / PART (column G)', PARTS);
  void sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  commitSheet(sheet);
}
