// The one SpreadsheetML reader of the app: the estimate workbook and the progress-report workbook
// are both read through it (no spreadsheet library in between).
//
// THE RULE: a workbook is read exactly as it was written, or refused with the cell named.
// - Every valid form that real tools write is accepted: any namespace prefix on the main namespace
//   (`<x:worksheet>`, as the OpenXML SDK, ClosedXML and some WPS exports write), the transitional and
//   the strict namespace, cells and rows without the optional `r` (they take the next column / row),
//   inline strings and shared strings made of several rich-text runs (all runs, phonetic runs left
//   out), `_xHHHH_` escapes, shared formulas, formulas without a cached value (`formula` says so and
//   gives the expression, so that the caller may compute a formula it knows).
// - Numbers are read as Excel reads them: the lexical double of the XML Schema, rounded to 15
//   significant digits (Excel keeps 15 and shows 124599.99999999999 as 124600).
// - Everything else is refused, never guessed: a value that is not a number (`12abc`, `0x10`, `-0`),
//   a shared-string or style index out of range, an unknown cell type, a boolean other than 0/1 →
//   the cell's content is `malformed` with a message, for the caller to report naming the cell (422);
//   row numbers beyond 1,048,576 or not increasing, cell references outside their row or not
//   increasing, XML that is not well formed → MalformedWorkbookError (422) naming the cell or part.
// - Counts are bounded as well as bytes (shared strings, styles, rows, cells): past a limit the read
//   stops at once with CountLimitError (413), before the memory is spent.
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { CellContent } from './cell-values.js';
import { CountLimitError, MalformedWorkbookError, NotAWorkbookError, SheetMissingError, UnzippedTooLargeError } from './spreadsheet-errors.js';
import { WORKBOOK_PATH, WORKBOOK_RELS_PATH, type WorkbookParts, parseWorkbookParts } from './workbook-parts.js';
import { type ZipEntry, type ZipLimits, entryText, inflateEntry, readZipDirectory } from './xlsx-package.js';
import { message } from '../../common/errors/messages.js';

/** Limits on what one read may hold; each past its limit is a 413 naming it. */
export interface SheetLimits extends ZipLimits {
  /** Most shared strings (each is kept in memory for the whole read). */
  maxSharedStrings: number;
  /** Most cell formats (`xf` of cellXfs and cellStyleXfs) and number formats together. */
  maxStyles: number;
  /** Most `<row>` elements in one sheet, blank ones included. */
  maxSheetRows: number;
  /** Most `<c>` elements in one sheet. */
  maxCells: number;
  /** Largest shared-strings part, as declared in the zip (413 UNZIPPED_TOO_LARGE above). */
  maxSharedStringsBytes: number;
}

/** Excel's last row and column: a reference beyond them is malformed. */
export const MAX_ROW_NUMBER = 1_048_576;
export const MAX_COLUMN_NUMBER = 16_384;

const MAIN_NAMESPACES = new Set(['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main']);

/** A cell the reader could not take as written: reported by the caller, naming the cell. */
export type MalformedContent = { kind: 'malformed'; formula: boolean; code: string; message: string };

/** One row: contents by column number (1 = A); columns without a cell are undefined. */
export interface SheetRow {
  number: number;
  cells: readonly (CellContent | undefined)[];
}

/** A workbook package opened and checked: its zip directory and which part is which. */
export interface OpenedWorkbook {
  buffer: Buffer;
  entries: Map<string, ZipEntry>;
  parts: WorkbookParts;
  sharedStrings: readonly string[];
  styles: StyleTable;
}

/** Cell formats: which are dates (by their number format). */
export interface StyleTable {
  /** Number of cellXfs entries; undefined when the workbook has no styles part. */
  count: number | undefined;
  isDate(index: number): boolean;
}

/**
 * Opens an .xlsx held in `buffer`: checks the zip (xlsx-package.ts), finds the workbook's parts,
 * reads the shared strings and the styles (within the count limits). Throws NotAWorkbookError for what
 * is not a workbook, CountLimitError / UnzippedTooLargeError past a limit, MalformedWorkbookError for
 * a workbook part that is not well-formed XML.
 */
export async function openWorkbook(buffer: Buffer, limits: SheetLimits): Promise<OpenedWorkbook> {
  const entries = readZipDirectory(buffer, limits);
  const workbookEntry = entries.get(WORKBOOK_PATH);
  const relsEntry = entries.get(WORKBOOK_RELS_PATH);
  if (!workbookEntry || !relsEntry) {
    if (entries.has('mimetype') && entries.has('content.xml')) {
      throw new NotAWorkbookError('ods', 'đây là tệp OpenDocument (.ods); hãy lưu dạng .xlsx / this is an OpenDocument spreadsheet (.ods): save it as .xlsx');
    }
    throw new NotAWorkbookError('not-xlsx', `tệp zip không chứa sổ tính Excel / the zip holds no Excel workbook (no ${WORKBOOK_PATH})`);
  }
  const parts = parseWorkbookParts(
    await entryText(buffer, workbookEntry, limits.maxUnzippedBytes),
    await entryText(buffer, relsEntry, limits.maxUnzippedBytes),
  );
  const optional = (path: string | undefined): ZipEntry | undefined => (path === undefined ? undefined : entries.get(path));
  // Located through the workbook's relationships; the conventional names when those do not say.
  const stylesEntry = optional(parts.styles) ?? entries.get('xl/styles.xml');
  const sharedEntry = optional(parts.sharedStrings) ?? entries.get('xl/sharedStrings.xml');
  if (sharedEntry && sharedEntry.uncompressedSize > limits.maxSharedStringsBytes) {
    throw new UnzippedTooLargeError(
      limits.maxSharedStringsBytes,
      message('SHARED_STRINGS_TOO_LARGE', { size: sharedEntry.uncompressedSize, limit: limits.maxSharedStringsBytes }),
    );
  }
  const styles = stylesEntry ? await readStyles(buffer, stylesEntry, limits) : NO_STYLES;
  const sharedStrings = sharedEntry ? await readSharedStrings(buffer, sharedEntry, limits) : [];
  return { buffer, entries, parts, sharedStrings, styles };
}

/** The zip entry of the sheet named `name` (case-insensitive, trimmed); SheetMissingError otherwise. */
export function sheetEntry(workbook: OpenedWorkbook, name: string): ZipEntry {
  const sheet = workbook.parts.sheets.find((candidate) => candidate.name.trim().toLowerCase() === name.toLowerCase());
  if (!sheet) throw new SheetMissingError(name, workbook.parts.sheets.map((candidate) => candidate.name));
  const entry = sheet.path === undefined ? undefined : workbook.entries.get(sheet.path);
  if (!entry) throw new MalformedWorkbookError(`trang tính ${name} không có phần dữ liệu trong tệp / sheet ${name} has no part in the file`);
  return entry;
}

const NO_STYLES: StyleTable = { count: undefined, isDate: () => false };

/** Parses one part as a stream of SAX events; an XML error becomes MalformedWorkbookError naming the part and position. */
async function parsePart(
  buffer: Buffer,
  entry: ZipEntry,
  limits: ZipLimits,
  handlers: {
    open(tag: SaxesTagNS, main: boolean): void;
    close(tag: SaxesTagNS, main: boolean): void;
    text(text: string): void;
  },
  where: () => string = () => '',
  onBytes?: (bytes: number) => void,
): Promise<void> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const decoder = new StringDecoder('utf8');
  parser.on('error', () => {
    const at = where();
    throw new MalformedWorkbookError(
      `phần ${entry.name} không phải XML hợp lệ (dòng ${parser.line}, cột ${parser.column})${at ? `, tại ô ${at}` : ''} / ` +
        `part ${entry.name} is not well-formed XML (line ${parser.line}, column ${parser.column})${at ? `, at cell ${at}` : ''}`,
    );
  });
  parser.on('opentag', (tag) => handlers.open(tag, MAIN_NAMESPACES.has(tag.uri)));
  parser.on('closetag', (tag) => handlers.close(tag, MAIN_NAMESPACES.has(tag.uri)));
  parser.on('text', (text) => handlers.text(text));
  parser.on('cdata', (text) => handlers.text(text));
  await inflateEntry(buffer, entry, limits.maxUnzippedBytes, (chunk) => {
    parser.write(decoder.write(chunk));
    onBytes?.(chunk.length);
  });
  parser.write(decoder.end());
  parser.close();
}

function attribute(tag: SaxesTagNS, local: string): string | undefined {
  // Unprefixed attributes have no namespace; `tag.attributes` is keyed by the qualified name.
  const found = tag.attributes[local];
  return found === undefined ? undefined : found.value;
}

/** `_xHHHH_` escapes of ST_Xstring (Excel writes a carriage return as `_x000D_`). */
function unescapeXstring(text: string): string {
  return text.indexOf('_x') === -1 ? text : text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Collects the text of a string item (`<si>` or `<is>`): every `<t>`, directly or in rich-text runs
 * `<r>`, in order; phonetic runs (`<rPh>`) are a reading aid, not part of the value.
 */
class StringItem {
  private parts: string[] = [];
  private inText = false;
  private phonetic = 0;

  open(local: string): void {
    if (local === 'rPh') this.phonetic++;
    else if (local === 't' && this.phonetic === 0) this.inText = true;
  }

  close(local: string): void {
    if (local === 'rPh') this.phonetic--;
    else if (local === 't') this.inText = false;
  }

  text(text: string): void {
    if (this.inText) this.parts.push(text);
  }

  take(): string {
    const value = unescapeXstring(this.parts.join(''));
    this.parts = [];
    return value;
  }
}

async function readSharedStrings(buffer: Buffer, entry: ZipEntry, limits: SheetLimits): Promise<string[]> {
  const strings: string[] = [];
  const item = new StringItem();
  let inItem = false;
  const tooMany = (count: number) => new CountLimitError('sharedStrings', limits.maxSharedStrings, count);
  await parsePart(buffer, entry, limits, {
    open(tag, main) {
      if (!main) return;
      if (tag.local === 'sst') {
        // The declared count, when given, refuses a hostile file before its items are parsed.
        const declared = Number(attribute(tag, 'uniqueCount') ?? '0');
        if (declared > limits.maxSharedStrings) throw tooMany(declared);
      } else if (tag.local === 'si') {
        inItem = true;
        if (strings.length >= limits.maxSharedStrings) throw tooMany(strings.length + 1);
      } else if (inItem) {
        item.open(tag.local);
      }
    },
    close(tag, main) {
      if (!main) return;
      if (tag.local === 'si') {
        strings.push(item.take());
        inItem = false;
      } else if (inItem) {
        item.close(tag.local);
      }
    },
    text(text) {
      if (inItem) item.text(text);
    },
  });
  return strings;
}

// Built-in number formats that are dates or times (ECMA-376 18.8.30, and the East Asian ones Excel uses).
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a format code shows a date or time: d, m, y, h or s outside quotes, escapes and [colour] brackets. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h') // elapsed time
    .replace(/\[[^\]]*\]/g, '');
  const section = bare.split(';')[0];
  return /[dmyhs]/i.test(section.replace(/E\+|E-|e\+|e-/g, ''));
}

async function readStyles(buffer: Buffer, entry: ZipEntry, limits: SheetLimits): Promise<StyleTable> {
  const customFormats = new Map<number, string>();
  const cellFormats: number[] = [];
  let list: 'cellXfs' | 'other' | undefined;
  let styles = 0;
  const count = () => {
    if (++styles > limits.maxStyles) throw new CountLimitError('styles', limits.maxStyles, styles);
  };
  await parsePart(buffer, entry, limits, {
    open(tag, main) {
      if (!main) return;
      switch (tag.local) {
        case 'numFmt':
          count();
          customFormats.set(Number(attribute(tag, 'numFmtId')), attribute(tag, 'formatCode') ?? '');
          break;
        case 'cellXfs':
          list = 'cellXfs';
          break;
        case 'cellStyleXfs':
          list = 'other';
          break;
        case 'xf':
          count();
          if (list === 'cellXfs') cellFormats.push(Number(attribute(tag, 'numFmtId') ?? '0'));
          break;
        default:
          break;
      }
    },
    close(tag, main) {
      if (main && (tag.local === 'cellXfs' || tag.local === 'cellStyleXfs')) list = undefined;
    },
    text() {},
  });
  const dates = cellFormats.map((id) => {
    const custom = customFormats.get(id);
    return custom !== undefined ? isDateFormatCode(custom) : BUILT_IN_DATE_FORMATS.has(id);
  });
  return { count: cellFormats.length, isDate: (index) => dates[index] === true };
}

const CELL_REF = /^([A-Za-z]{1,3})([0-9]+)$/;
const XSD_DOUBLE = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const ROW_NUMBER = /^[0-9]+$/;

export function columnNumber(letters: string): number {
  let n = 0;
  for (const char of letters.toUpperCase()) n = n * 26 + (char.charCodeAt(0) - 64);
  return n;
}

export function columnName(n: number): string {
  let letters = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** A number as Excel holds it: the double, rounded to 15 significant digits. */
export function excelNumber(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(15));
}

function malformed(formula: boolean, code: string, message: string): MalformedContent {
  return { kind: 'malformed', formula, code, message };
}

/** Shifts the relative references of a shared formula's master to the cell that shares it. */
function shiftFormula(formula: string, rows: number, columns: number): string {
  // References outside string literals: [$]COL[$]ROW, not preceded by a letter, digit, '.', '!' is fine (sheet refs).
  return formula.replace(/("(?:[^"]|"")*")|(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)(?![0-9A-Za-z_(])/g, (whole: string, literal?: string, colAbs?: string, col?: string, rowAbs?: string, row?: string) => {
    if (literal !== undefined || col === undefined) return whole;
    const c = colAbs ? columnNumber(col) : columnNumber(col) + columns;
    const r = rowAbs ? Number(row) : Number(row) + rows;
    return `${colAbs ?? ''}${columnName(c)}${rowAbs ?? ''}${r}`;
  });
}

/** What a sheet read found besides its rows. */
export interface SheetSummary {
  /** Merged ranges, as written (`A10:C10`). */
  merges: string[];
  /** `<row>` elements read. */
  rows: number;
}

/**
 * Streams one sheet's rows to `onRow`, in order, each with its cells as CellContent (see the rule at
 * the top of this file). `onProgress(bytesRead, bytesTotal)` follows the inflated XML. Throws
 * MalformedWorkbookError (422, the cell named) or CountLimitError (413).
 */
export async function readSheet(
  workbook: OpenedWorkbook,
  entry: ZipEntry,
  limits: SheetLimits,
  onRow: (row: SheetRow) => void,
  onProgress?: (bytesRead: number, bytesTotal: number) => void,
): Promise<SheetSummary> {
  const { sharedStrings, styles } = workbook;
  const merges: string[] = [];
  const sharedFormulas = new Map<string, { formula: string; row: number; column: number }>();
  let rowCount = 0;
  let cellCount = 0;
  let rowNumber = 0; // the current row (or the last one closed)
  let inRow = false;
  let cells: (CellContent | undefined)[] = [];
  let lastColumn = 0;

  // The cell being read.
  let cellRef = '';
  let cellColumn = 0;
  let cellType = 'n';
  let cellStyle: number | undefined;
  let cellStyleText: string | undefined;
  let value: string | undefined;
  let formula: string | undefined;
  let formulaShared: { si: string; ref: string | undefined } | undefined;
  let inCell = false;
  let capture: 'v' | 'f' | undefined;
  let captured: string[] = [];
  let inline: StringItem | undefined;
  let inlineDepth = 0;
  let bytesRead = 0;
  let lastReported = 0;
  let pendingInline: StringItem | undefined;

  const refuse = (ref: string, message: string) => new MalformedWorkbookError(`ô ${ref}: ${message}`, ref);

  const finishCell = (): CellContent => {
    const isFormula = formula !== undefined;
    if (cellStyleText !== undefined) {
      if (!ROW_NUMBER.test(cellStyleText)) return malformed(isFormula, 'MALFORMED_CELL', `kiểu ô s="${cellStyleText}" không hợp lệ / the style index s="${cellStyleText}" is not valid`);
      if (styles.count !== undefined && (cellStyle as number) >= styles.count && cellStyle !== 0) {
        return malformed(isFormula, 'MALFORMED_CELL', `kiểu ô số ${cellStyle} không có trong sổ tính / style ${cellStyle} does not exist in the workbook`);
      }
    }
    const noValue = value === undefined || (value === '' && cellType !== 'str' && cellType !== 'inlineStr');
    if (cellType === 'inlineStr') {
      const text = inline ? inline.take() : '';
      return textContent(text, isFormula);
    }
    if (noValue) {
      return isFormula ? { kind: 'no-cached-value', formula: true, expression: formula ?? '' } : { kind: 'empty', formula: false };
    }
    const raw = value as string;
    switch (cellType) {
      case 'n': {
        const trimmed = raw.trim();
        if (!XSD_DOUBLE.test(trimmed)) return malformed(isFormula, 'MALFORMED_NUMBER', `"${clip(raw)}" không phải một số / "${clip(raw)}" is not a number`);
        const n = Number(trimmed);
        if (!Number.isFinite(n)) return malformed(isFormula, 'MALFORMED_NUMBER', `"${clip(raw)}" vượt quá giới hạn số / "${clip(raw)}" is beyond the range of numbers`);
        if (n === 0 && trimmed.startsWith('-')) return malformed(isFormula, 'MALFORMED_NUMBER', `"${clip(raw)}" (số 0 âm) không hợp lệ / "${clip(raw)}" (a negative zero) is not valid`);
        if (cellStyle !== undefined && styles.isDate(cellStyle)) return { kind: 'date', formula: isFormula };
        return { kind: 'number', value: excelNumber(n), formula: isFormula };
      }
      case 's': {
        const index = raw.trim();
        if (!ROW_NUMBER.test(index)) return malformed(isFormula, 'MALFORMED_CELL', `chỉ số chuỗi dùng chung "${clip(raw)}" không hợp lệ / the shared-string index "${clip(raw)}" is not valid`);
        const text = sharedStrings[Number(index)];
        if (text === undefined) {
          return malformed(isFormula, 'MALFORMED_CELL', `chuỗi dùng chung số ${index} không có trong sổ tính (có ${sharedStrings.length}) / shared string ${index} does not exist (the workbook has ${sharedStrings.length})`);
        }
        return textContent(text, isFormula);
      }
      case 'str':
        return textContent(unescapeXstring(raw), isFormula);
      case 'b':
        if (raw.trim() === '1' || raw.trim() === '0') return { kind: 'boolean', value: raw.trim() === '1', formula: isFormula };
        return malformed(isFormula, 'MALFORMED_CELL', `giá trị đúng/sai "${clip(raw)}" không hợp lệ / the boolean "${clip(raw)}" is not 0 or 1`);
      case 'e':
        return { kind: 'error', text: raw.trim(), formula: isFormula };
      case 'd':
        return { kind: 'date', formula: isFormula };
      default:
        return malformed(isFormula, 'MALFORMED_CELL', `kiểu ô t="${clip(cellType)}" không hợp lệ / the cell type t="${clip(cellType)}" is not valid`);
    }
  };

  await parsePart(
    workbook.buffer,
    entry,
    limits,
    {
      open(tag, main) {
        if (inline) {
          if (main) inline.open(tag.local);
          inlineDepth++;
          return;
        }
        if (!main) return;
        switch (tag.local) {
          case 'row': {
            if (++rowCount > limits.maxSheetRows) throw new CountLimitError('rows', limits.maxSheetRows, rowCount);
            const r = attribute(tag, 'r');
            let next = rowNumber + 1;
            if (r !== undefined) {
              if (!ROW_NUMBER.test(r.trim())) throw refuse(`A${rowNumber + 1}`, `số dòng r="${clip(r)}" không hợp lệ / the row number r="${clip(r)}" is not valid`);
              next = Number(r.trim());
            }
            if (next > MAX_ROW_NUMBER) {
              throw refuse(`A${next}`, `số dòng ${next} vượt quá dòng cuối của trang tính (${MAX_ROW_NUMBER}) / row number ${next} is beyond the last row of a sheet (${MAX_ROW_NUMBER})`);
            }
            if (next <= rowNumber || next < 1) {
              throw refuse(
                `A${next}`,
                `dòng ${next} đứng sau dòng ${rowNumber} (số dòng trùng hoặc không tăng dần) / row ${next} comes after row ${rowNumber} (row numbers repeated or not increasing)`,
              );
            }
            rowNumber = next;
            inRow = true;
            cells = [];
            lastColumn = 0;
            break;
          }
          case 'c': {
            if (!inRow) throw refuse(`A${rowNumber}`, 'ô nằm ngoài dòng / a cell outside any row');
            if (++cellCount > limits.maxCells) throw new CountLimitError('cells', limits.maxCells, cellCount);
            const r = attribute(tag, 'r');
            let column = lastColumn + 1;
            if (r !== undefined) {
              const match = CELL_REF.exec(r.trim());
              if (!match) throw refuse(`${columnName(lastColumn + 1)}${rowNumber}`, `tham chiếu ô r="${clip(r)}" không hợp lệ / the cell reference r="${clip(r)}" is not valid`);
              column = columnNumber(match[1]);
              if (Number(match[2]) !== rowNumber) {
                throw refuse(r, `ô ${r} nằm trong dòng ${rowNumber} / cell ${r} is written inside row ${rowNumber}`);
              }
            }
            if (column > MAX_COLUMN_NUMBER) throw refuse(r ?? `${rowNumber}`, `cột vượt quá cột cuối XFD / the column is beyond the last column XFD`);
            cellRef = `${columnName(column)}${rowNumber}`;
            if (column <= lastColumn) {
              throw refuse(cellRef, `ô ${cellRef} đứng sau ô ${columnName(lastColumn)}${rowNumber} (ô trùng hoặc không theo thứ tự) / cell ${cellRef} comes after ${columnName(lastColumn)}${rowNumber} (cells repeated or out of order)`);
            }
            cellColumn = column;
            lastColumn = column;
            cellType = attribute(tag, 't') ?? 'n';
            cellStyleText = attribute(tag, 's');
            cellStyle = cellStyleText === undefined ? undefined : Number(cellStyleText.trim());
            value = undefined;
            formula = undefined;
            formulaShared = undefined;
            inCell = true;
            break;
          }
          case 'v':
            if (inCell) {
              capture = 'v';
              captured = [];
              value = '';
            }
            break;
          case 'f':
            if (inCell) {
              capture = 'f';
              captured = [];
              formula = '';
              if (attribute(tag, 't') === 'shared') formulaShared = { si: attribute(tag, 'si') ?? '', ref: attribute(tag, 'ref') };
            }
            break;
          case 'is':
            if (inCell) {
              inline = new StringItem();
              inlineDepth = 0;
            }
            break;
          case 'mergeCell': {
            const ref = attribute(tag, 'ref');
            if (ref !== undefined) merges.push(ref);
            break;
          }
          default:
            break;
        }
      },
      close(tag, main) {
        if (inline) {
          if (inlineDepth > 0) {
            if (main) inline.close(tag.local);
            inlineDepth--;
            return;
          }
          // </is>: the item is kept until the cell closes.
          pendingInline = inline;
          inline = undefined;
          return;
        }
        if (!main) return;
        switch (tag.local) {
          case 'v':
            if (capture === 'v') value = captured.join('');
            capture = undefined;
            break;
          case 'f':
            if (capture === 'f') {
              formula = captured.join('');
              if (formulaShared) {
                if (formula.trim() !== '') {
                  sharedFormulas.set(formulaShared.si, { formula, row: rowNumber, column: cellColumn });
                } else {
                  const master = sharedFormulas.get(formulaShared.si);
                  formula = master ? shiftFormula(master.formula, rowNumber - master.row, cellColumn - master.column) : '';
                }
              }
            }
            capture = undefined;
            break;
          case 'c': {
            inline = pendingInline;
            const content = finishCell();
            inline = undefined;
            pendingInline = undefined;
            cells[cellColumn] = content;
            inCell = false;
            break;
          }
          case 'row':
            inRow = false;
            onRow({ number: rowNumber, cells });
            break;
          default:
            break;
        }
      },
      text(text) {
        if (inline) inline.text(text);
        else if (capture !== undefined) captured.push(text);
      },
    },
    () => (inCell ? cellRef : ''),
    (bytes) => {
      bytesRead += bytes;
      // Every megabyte or so: often enough for a progress bar, cheap enough for the read.
      if (onProgress && bytesRead - lastReported >= 1 << 20) {
        lastReported = bytesRead;
        onProgress(bytesRead, entry.uncompressedSize);
      }
    },
  );
  onProgress?.(bytesRead, entry.uncompressedSize);
  return { merges, rows: rowCount };
}

function textContent(text: string, formula: boolean): CellContent {
  return /\S/.test(text) ? { kind: 'text', text, formula } : { kind: 'empty', formula };
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
