// Reads an estimate workbook (the template of estimate-template.ts, filled in with Excel, LibreOffice
// or anything that writes .xlsx) into lines shaped as LineFieldsDto, or into the list of every bad
// cell. File-level problems are thrown as SpreadsheetError subclasses (400 / 413 / 422).
//
// The rule, as for every workbook the app reads (sheet-xml.ts): read exactly as written, or refuse
// naming the cell. The one value the reader computes itself is the amount of a row whose amount cell
// holds the template's own formula without a cached value (as openpyxl and online editors save): it
// is quantity × unit price half-up, the rule the formula applies, and the result lists those rows.
//
// Memory: the file (at most maxFileBytes) is held as one buffer; its XML is streamed row by row and
// only the resulting lines (or the first maxProblems problems) are kept, with the shared strings.
import type { Readable } from 'node:stream';
import { computeAmount, codeProblems, type LineCodes } from '../estimates/domain/line-rules.js';
import { classificationProblems } from '../catalog/budget-index.js';
import type { CatalogCodes } from '../catalog/catalog-codes.js';
import { type CellContent, type Parsed, cellAt, contentText, parseCode, parseMoney, parsePart, parseQuantity, parseText, parseTier, parseWholeNumber } from './cell-values.js';
import {
  ESTIMATE_COLUMNS,
  ESTIMATE_SHEET,
  type EstimateColumn,
  HEADER_SEARCH_ROWS,
  LAST_COLUMN,
  META_LABEL_COLUMN,
  META_ROWS,
  META_VALUE_COLUMN,
  type MetaKey,
  type WorkbookLine,
  amountFormula,
  columnIndex,
  columnLetter,
  normaliseHeader,
} from './estimate-layout.js';
import { FileTooLargeError, HeaderMismatchError, type RowProblem, TooManyRowsError } from './spreadsheet-errors.js';
import { type SheetLimits, type SheetRow, openWorkbook, readSheet, sheetEntry } from './sheet-xml.js';

export interface ReadLimits extends SheetLimits {
  /** Largest file accepted (413 FILE_TOO_LARGE above). */
  maxFileBytes: number;
  /** Largest total of the zip's declared uncompressed sizes (413 UNZIPPED_TOO_LARGE above). */
  maxUnzippedBytes: number;
  /** Largest shared-strings part (413 UNZIPPED_TOO_LARGE above). */
  maxSharedStringsBytes: number;
  /** Most entries in the zip. */
  maxEntries: number;
  /** Most estimate lines (non-blank data rows) (413 TOO_MANY_ROWS above). */
  maxLines: number;
  /** Most problems listed; the count goes on past it. */
  maxProblems: number;
}

// Sized from the largest real workbook the template allows: 100,000 lines of 21 columns, each line
// with at most 3 texts of its own (description, measure unit, justification) besides the codes that
// every line shares, written by Excel or LibreOffice (≈ 30 cell formats; a styled blank row below
// the lines for every line). Each count has a margin of 2× or more over that workbook.
export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxFileBytes: 20 * 1024 * 1024,
  // 100,000 full lines are ≈ 100 MB of sheet XML as LibreOffice writes it (≈ 800 bytes a line).
  maxUnzippedBytes: 256 * 1024 * 1024,
  maxSharedStringsBytes: 64 * 1024 * 1024,
  maxEntries: 1000,
  maxLines: 100_000,
  maxProblems: 1000,
  // 3 texts a line × 100,000 lines, plus the header and the codes: 300,000; twice that and more.
  maxSharedStrings: 1_000_000,
  // The template has ≈ 30 formats; Excel itself stops at 64,000.
  maxStyles: 10_000,
  // 100,000 lines, as many blank styled rows, the title block.
  maxSheetRows: 200_100,
  // 21 columns of every row above, with room for a few columns of notes beside them.
  maxCells: 6_000_000,
});

export interface WorkbookMeta {
  unitName?: string;
  unitCode?: string;
  year?: number;
  estimateId?: string;
  version?: number;
}

export type ReadEstimateResult =
  | {
      ok: true;
      lines: WorkbookLine[];
      meta: WorkbookMeta;
      blankRows: number;
      /** Rows whose amount cell held the template's formula without a cached value: the amount was computed (quantity × unit price, half-up). */
      amountsComputed: number[];
    }
  | {
      ok: false;
      /** The first maxProblems problems, by row then column. */
      problems: RowProblem[];
      /** All problems found, listed or not. */
      problemCount: number;
      meta: WorkbookMeta;
    };

/**
 * Reads sheet DuToan of an estimate workbook. Resolves with every line, or with every problem
 * (nothing is partly accepted); rejects with a SpreadsheetError for a file that cannot be read as
 * the template at all (NOT_A_WORKBOOK 400; FILE_TOO_LARGE, UNZIPPED_TOO_LARGE, TOO_MANY_ITEMS,
 * TOO_MANY_ROWS 413; SHEET_MISSING, HEADER_MISMATCH, MALFORMED_WORKBOOK 422).
 */
export async function readEstimateWorkbook(
  input: Buffer | Readable,
  codes: CatalogCodes,
  limits: Partial<ReadLimits> = {},
  /** Called as the sheet's XML is read: bytes read so far and the sheet's size in bytes (for a progress ratio). */
  onProgress?: (read: number, total: number) => void,
): Promise<ReadEstimateResult> {
  const limit: ReadLimits = { ...DEFAULT_READ_LIMITS, ...limits };
  const buffer = await readInput(input, limit.maxFileBytes);
  const workbook = await openWorkbook(buffer, limit);
  const reader = new EstimateRowReader(codes, limit);
  const summary = await readSheet(workbook, sheetEntry(workbook, ESTIMATE_SHEET), limit, (row) => reader.row(row), onProgress);
  reader.checkMerges(summary.merges);
  return reader.result();
}

async function readInput(input: Buffer | Readable, maxFileBytes: number): Promise<Buffer> {
  if (Buffer.isBuffer(input)) {
    if (input.length > maxFileBytes) throw new FileTooLargeError(maxFileBytes);
    return input;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > maxFileBytes) {
      input.destroy();
      throw new FileTooLargeError(maxFileBytes);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}

const COLUMN_BY_FIELD = new Map<string, EstimateColumn>(ESTIMATE_COLUMNS.map((c) => [c.key, c]));
const META_BY_LABEL = new Map<string, MetaKey>(META_ROWS.map((meta) => [normaliseHeader(meta.vi), meta.key]));
const HEADER_BY_TEXT = new Map<string, EstimateColumn>(ESTIMATE_COLUMNS.map((c) => [normaliseHeader(c.vi), c]));
const STT = normaliseHeader(ESTIMATE_COLUMNS[0].vi);
const AMOUNT = ESTIMATE_COLUMNS.find((c) => c.kind === 'amount') as EstimateColumn;

/** The line with its fields in the order of LineFieldsDto (for readable JSON). */
function orderedLine(line: WorkbookLine): WorkbookLine {
  return {
    isContinuing: line.isContinuing,
    planAreaCode: line.planAreaCode,
    expenditureTypeCode: line.expenditureTypeCode,
    fundingSourceCode: line.fundingSourceCode,
    activityKindCode: line.activityKindCode,
    description: line.description,
    measureUnit: line.measureUnit,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    amount: line.amount,
    multiYearTotal: line.multiYearTotal,
    fundedToPrev2: line.fundedToPrev2,
    prevYearEstimate: line.prevYearEstimate,
    prevYearExpected: line.prevYearExpected,
    projectionNext1: line.projectionNext1,
    projectionNext2: line.projectionNext2,
    priorityTier: line.priorityTier,
    contingency: line.contingency,
    committedMinimum: line.committedMinimum,
    justification: line.justification,
    loaiKhoan: line.loaiKhoan ?? null,
    mucTieuMuc: line.mucTieuMuc ?? null,
  };
}

/** The row-by-row state of one read. */
class EstimateRowReader {
  private headerRow: number | undefined;
  private readonly meta: WorkbookMeta = {};
  private lines: WorkbookLine[] = [];
  private readonly problems: RowProblem[] = [];
  private problemCount = 0;
  private lineCount = 0;
  private blankRows = 0;
  private readonly amountsComputed: number[] = [];
  /** Reused for every row. */
  private readonly contents = new Array<CellContent>(LAST_COLUMN + 1);

  constructor(
    private readonly codes: CatalogCodes,
    private readonly limit: ReadLimits,
  ) {}

  row(row: SheetRow): void {
    const cells = row.cells;
    if (this.headerRow === undefined) {
      if (normaliseHeader(contentText(cells[1])) === STT) {
        this.checkHeader(cells, row.number);
        this.headerRow = row.number;
        this.reportMalformed(cells, row.number, () => false);
      } else if (row.number > HEADER_SEARCH_ROWS) {
        throw headerNotFound();
      } else {
        const parsed = this.readMeta(cells, row.number);
        this.reportMalformed(cells, row.number, (column) => column === META_VALUE_COLUMN && parsed);
      }
      return;
    }
    // Cells the line's parsers read report their own problems; any other cell that could not be
    // read as written (STT, notes beside the table) is reported here.
    this.reportMalformed(cells, row.number, (column) => column <= LAST_COLUMN && column !== ESTIMATE_COLUMNS[0].index);
    this.dataRow(cells, row.number);
  }

  result(): ReadEstimateResult {
    if (this.headerRow === undefined) throw headerNotFound();
    if (this.problemCount > 0) {
      const order = (p: RowProblem) => p.row * 100_000 + columnIndex(p.column);
      return { ok: false, problems: [...this.problems].sort((a, b) => order(a) - order(b)), problemCount: this.problemCount, meta: this.meta };
    }
    return { ok: true, lines: this.lines, meta: this.meta, blankRows: this.blankRows, amountsComputed: this.amountsComputed };
  }

  private report(row: number, column: EstimateColumn | string, field: string, code: string, message: string): void {
    this.problemCount++;
    this.lines = []; // nothing will be returned but problems
    if (this.problems.length >= this.limit.maxProblems) return;
    const letter = typeof column === 'string' ? column : column.letter;
    const label = typeof column === 'string' ? '' : ` (${column.vi} / ${column.en})`;
    this.problems.push({ row, column: letter, field, code, message: `${letter}${row}${label}: ${message}` });
  }

  /** Reports every malformed cell of the row that `parsedElsewhere` does not claim. */
  private reportMalformed(cells: readonly (CellContent | undefined)[], rowNumber: number, parsedElsewhere: (column: number) => boolean): void {
    cells.forEach((content, column) => {
      if (content?.kind !== 'malformed' || parsedElsewhere(column)) return;
      this.report(rowNumber, columnLetter(column), 'cell', content.code, content.message);
    });
  }

  private checkHeader(cells: readonly (CellContent | undefined)[], rowNumber: number): void {
    const problems: RowProblem[] = [];
    for (const column of ESTIMATE_COLUMNS) {
      const text = normaliseHeader(contentText(cells[column.index]));
      if (text === normaliseHeader(column.vi)) continue;
      // The classification columns came later, at the end: a workbook without them still imports
      // (its lines are then not classified).
      if ((column.kind === 'classification' || column.kind === 'appraisal') && text === '') continue;
      const elsewhere = HEADER_BY_TEXT.get(text);
      const message = elsewhere
        ? `cột ${column.letter} là "${elsewhere.vi}", cần "${column.vi}" (cột bị đổi chỗ) / column ${column.letter} is "${elsewhere.vi}", expected "${column.vi}" (columns moved)`
        : `cột ${column.letter} là "${text}", cần "${column.vi}" / column ${column.letter} is "${text}", expected "${column.vi}"`;
      problems.push({ row: rowNumber, column: column.letter, field: column.key, code: elsewhere ? 'COLUMN_MOVED' : 'COLUMN_MISMATCH', message });
    }
    if (problems.length > 0) throw new HeaderMismatchError(problems);
  }

  /** Merged ranges that reach the data rows (read at the end of the sheet, where SpreadsheetML keeps them). */
  checkMerges(merges: readonly string[]): void {
    if (this.headerRow === undefined) return;
    const firstDataRow = this.headerRow + 1;
    for (const ref of merges) {
      const match = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
      if (!match) continue;
      const top = Number(match[2]);
      const bottom = Number(match[4] ?? match[2]);
      if (bottom < firstDataRow) continue; // title block and header may be merged
      const left = match[1].toUpperCase();
      this.report(
        Math.max(top, firstDataRow),
        left,
        'mergedCells',
        'MERGED_CELLS',
        `ô gộp ${ref} trong vùng dữ liệu; hãy bỏ gộp ô / merged cells ${ref} in the data area: unmerge them`,
      );
    }
  }

  /** Reads a title-block row; true when its value cell was parsed (and so reported) as a number. */
  private readMeta(cells: readonly (CellContent | undefined)[], rowNumber: number): boolean {
    const label = normaliseHeader(contentText(cells[META_LABEL_COLUMN]).split(' / ')[0]);
    const key = META_BY_LABEL.get(label);
    if (key === undefined) return false;
    const content = cellAt(cells, META_VALUE_COLUMN);
    const letter = columnLetter(META_VALUE_COLUMN);
    if (key === 'year' || key === 'version') {
      const parsed = key === 'year' ? parseWholeNumber(content, 1900, 9999) : parseWholeNumber(content, 1, 2_147_483_647);
      if (parsed.ok) {
        if (parsed.value !== undefined) this.meta[key] = parsed.value;
      } else {
        this.report(rowNumber, letter, `meta.${key}`, parsed.code, parsed.message);
      }
      return true;
    }
    const text = contentText(content).trim();
    if (text !== '') this.meta[key] = text;
    return false;
  }

  private dataRow(cells: readonly (CellContent | undefined)[], rowNumber: number): void {
    const contents = this.contents;
    let blank = true;
    for (const column of ESTIMATE_COLUMNS) {
      const content = cellAt(cells, column.index);
      contents[column.index] = content;
      if (blank && column.kind !== 'lineNo' && content.kind !== 'empty' && !(column.kind === 'amount' && content.formula)) blank = false;
    }
    if (blank) {
      this.blankRows++;
      return;
    }
    this.lineCount++;
    if (this.lineCount > this.limit.maxLines) throw new TooManyRowsError(this.limit.maxLines, rowNumber);

    const line: Partial<WorkbookLine> = {};
    let codesRead = 0;
    for (const column of ESTIMATE_COLUMNS) {
      const content = contents[column.index];
      switch (column.kind) {
        case 'lineNo':
        case 'amount':
          break;
        case 'text': {
          const value = this.take(rowNumber, column, parseText(content, column.maxLength));
          if (value === null && column.required) this.required(rowNumber, column);
          else if (value !== undefined) line[column.key] = value ?? '';
          break;
        }
        case 'code': {
          const value = this.take(rowNumber, column, parseCode(content));
          if (value === null) this.required(rowNumber, column);
          else if (value !== undefined) {
            line[column.key] = value;
            codesRead++;
          }
          break;
        }
        case 'part': {
          const value = this.take(rowNumber, column, parsePart(content));
          if (value !== undefined) line.isContinuing = value;
          break;
        }
        case 'quantity': {
          const value = this.take(rowNumber, column, parseQuantity(content));
          if (value === null) this.required(rowNumber, column);
          else if (value !== undefined) line.quantity = value;
          break;
        }
        case 'money': {
          const value = this.take(rowNumber, column, parseMoney(content));
          if (value === undefined) break;
          if (column.key === 'unitPrice') {
            if (value === null) this.required(rowNumber, column);
            else line.unitPrice = value;
          } else if (column.key === 'committedMinimum') {
            line.committedMinimum = value ?? '0';
          } else {
            line[column.key] = value;
          }
          break;
        }
        case 'tier': {
          const value = this.take(rowNumber, column, parseTier(content));
          if (value !== undefined) line.priorityTier = value;
          break;
        }
        case 'classification': {
          const value = this.take(rowNumber, column, parseCode(content));
          if (value !== undefined) line[column.key] = value === '' ? null : value;
          break;
        }
        case 'appraisal':
          // DIC's figures travel out with the workbook, never back in.
          break;
        default: {
          const exhaustive: never = column;
          throw new Error(`unhandled column ${String(exhaustive)}`);
        }
      }
    }

    // Unknown codes, by the catalog rule the API uses (only for the codes that could be read).
    if (codesRead > 0) {
      const read: LineCodes = {
        planAreaCode: line.planAreaCode ?? '',
        expenditureTypeCode: line.expenditureTypeCode ?? '',
        fundingSourceCode: line.fundingSourceCode ?? '',
        activityKindCode: line.activityKindCode ?? '',
      };
      for (const found of codeProblems(read, this.codes)) {
        if (line[found.field as keyof LineCodes] === undefined) continue;
        this.problem(rowNumber, this.columnOf(found.field), found.code ?? 'UNKNOWN_CODE', stripField(found.message, found.field));
      }
    }

    // State budget index codes, against the edition in force for the estimate's year.
    if (this.codes.classification) {
      for (const found of classificationProblems(line, this.codes.classification)) {
        this.problem(rowNumber, this.columnOf(found.field), found.code ?? 'INVALID', stripField(found.message, found.field));
      }
    }

    this.checkAmount(line, this.templateFormulaToCompute(contents[AMOUNT.index], rowNumber), rowNumber);

    // Once any problem is found only problems are returned, so lines stop being kept.
    if (this.problemCount === 0) this.lines.push(orderedLine(line as WorkbookLine));
  }

  private take<T>(rowNumber: number, column: EstimateColumn, parsed: Parsed<T>): T | undefined {
    if (parsed.ok) return parsed.value;
    this.problem(rowNumber, column, parsed.code, parsed.message);
    return undefined;
  }

  private required(rowNumber: number, column: EstimateColumn): void {
    this.problem(rowNumber, column, 'REQUIRED', 'ô bắt buộc, không được để trống / required, must not be blank');
  }

  private problem(rowNumber: number, column: EstimateColumn, code: string, message: string): void {
    this.report(rowNumber, column, column.key, code, message);
  }

  /**
   * The template's own amount formula without a cached value (openpyxl and online editors save no
   * values) stands for quantity × unit price half-up, which the reader computes: empty content here,
   * the row noted in `amountsComputed`. Any other formula without a value is refused as before.
   */
  private templateFormulaToCompute(content: CellContent, rowNumber: number): CellContent {
    if (content.kind !== 'no-cached-value' || content.expression === undefined) return content;
    if (normaliseFormula(content.expression) !== normaliseFormula(amountFormula(rowNumber))) return content;
    this.amountsComputed.push(rowNumber);
    return COMPUTED_AMOUNT;
  }

  /** The amount: computed from quantity × unit price by the API's rule, checked against the cell. */
  private checkAmount(line: Partial<WorkbookLine>, content: CellContent, rowNumber: number): void {
    // A formula's cached value is the spreadsheet's own floating-point arithmetic, compared as
    // `agrees` says; a typed value must be exact. The amount returned is always the exact one.
    let stated: bigint | undefined;
    let cached: number | undefined;
    if (content.formula && content.kind === 'number') {
      cached = content.value;
    } else {
      const parsed = parseMoney(content);
      if (!parsed.ok) {
        this.problem(rowNumber, AMOUNT, parsed.code, parsed.message);
        return;
      }
      if (parsed.value !== null) stated = BigInt(parsed.value);
    }
    if (line.quantity === undefined || line.unitPrice === undefined) return;
    const figures = computeAmount({
      quantity: line.quantity,
      unitPrice: BigInt(line.unitPrice),
      committedMinimum: BigInt(line.committedMinimum ?? '0'),
      contingency: line.contingency === undefined || line.contingency === null ? null : BigInt(line.contingency),
      statedAmount: stated,
    });
    if (!figures.ok) {
      for (const found of figures.problems) {
        const column = COLUMN_BY_FIELD.get(found.field) ?? AMOUNT;
        this.problem(rowNumber, column, found.code ?? 'INVALID_VALUE', stripField(found.message, found.field));
      }
      return;
    }
    if (cached !== undefined && !agrees(figures.amount, cached)) {
      this.problem(
        rowNumber,
        AMOUNT,
        'AMOUNT_MISMATCH',
        `công thức cho ${cached}, khác số lượng × đơn giá = ${figures.amount} / the formula gives ${cached}, not quantity × unit price = ${figures.amount}`,
      );
      return;
    }
    line.amount = figures.amount.toString();
  }

  private columnOf(key: string): EstimateColumn {
    return COLUMN_BY_FIELD.get(key) as EstimateColumn;
  }
}

/**
 * Whether a spreadsheet-computed amount agrees with the exact one: within one đồng (binary rounding
 * of a half-way product), and past 15 digits within one unit of the 15th significant digit (what
 * Excel and LibreOffice keep of a number).
 */
function agrees(exact: bigint, cached: number): boolean {
  if (!Number.isInteger(cached) || cached < 0) return false;
  const value = BigInt(cached); // every integer-valued double converts exactly
  const difference = exact > value ? exact - value : value - exact;
  const digits = exact.toString().length;
  const tolerance = digits > 15 ? 10n ** BigInt(digits - 15) : 1n;
  return difference <= tolerance;
}

const COMPUTED_AMOUNT: CellContent = Object.freeze({ kind: 'empty', formula: true });

/** A formula as compared with the template's: no leading '=', no '$', no spaces, upper case. */
function normaliseFormula(formula: string): string {
  return formula.replace(/^=/, '').replace(/[$\s]/g, '').toUpperCase();
}

function stripField(message: string, field: string): string {
  return message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}

function headerNotFound(): HeaderMismatchError {
  return new HeaderMismatchError([
    {
      row: 1,
      column: 'A',
      field: 'header',
      code: 'HEADER_NOT_FOUND',
      message: `không thấy dòng tiêu đề (ô "STT" ở cột A) trong ${HEADER_SEARCH_ROWS} dòng đầu / no header row ("STT" in column A) within the first ${HEADER_SEARCH_ROWS} rows`,
    },
  ]);
}
