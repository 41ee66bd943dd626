// File-level errors of the workbook import. Each has a stable `code` and the HTTP `status` it maps to;
// they extend DomainError, so the app's HTTP filter already renders them in the one error shape.
// Row-level problems are not thrown by the reader: it returns them all ({ ok: false, problems });
// RowProblemsError is there for the caller that wants to refuse the import with 422.
import { DomainError, type DomainErrorKind, type FieldProblem } from '../../common/errors/domain-error.js';
import { splitBilingual } from '../../common/errors/messages.js';

export type SpreadsheetErrorCode =
  | 'NOT_A_WORKBOOK'
  | 'FILE_TOO_LARGE'
  | 'UNZIPPED_TOO_LARGE'
  | 'TOO_MANY_ROWS'
  | 'TOO_MANY_ITEMS'
  | 'MALFORMED_WORKBOOK'
  | 'SHEET_MISSING'
  | 'HEADER_MISMATCH'
  | 'ROWS_INVALID';

export type SpreadsheetErrorStatus = 400 | 413 | 422;

const KIND_BY_STATUS: Record<SpreadsheetErrorStatus, DomainErrorKind> = { 400: 'INVALID', 413: 'TOO_LARGE', 422: 'UNPROCESSABLE' };

/** One problem in one cell (or row) of the workbook. `row` is the Excel row number, `column` its letter. */
export interface RowProblem extends FieldProblem {
  row: number;
  column: string;
  code: string;
}

export abstract class SpreadsheetError extends DomainError {
  abstract override readonly code: SpreadsheetErrorCode;

  protected constructor(
    readonly status: SpreadsheetErrorStatus,
    code: SpreadsheetErrorCode,
    message: string,
    details?: readonly FieldProblem[],
  ) {
    super(KIND_BY_STATUS[status], code, message, details);
  }
}

export type NotAWorkbookReason = 'empty' | 'not-zip' | 'legacy-xls' | 'ods' | 'not-xlsx' | 'encrypted' | 'unsupported-zip' | 'corrupt';

/** 400: the bytes are not an .xlsx workbook (random bytes, text, another kind of zip, damaged). */
export class NotAWorkbookError extends SpreadsheetError {
  override readonly code = 'NOT_A_WORKBOOK';

  constructor(
    readonly reason: NotAWorkbookReason,
    detail: string,
  ) {
    // A detail in both languages goes to each half; a technical one (zip internals) to both.
    const part = splitBilingual(detail);
    super(400, 'NOT_A_WORKBOOK', `Tệp không phải sổ tính Excel .xlsx hợp lệ: ${part.vi} / The file is not a valid .xlsx workbook: ${part.en}`);
  }
}

/** 413: the file itself is larger than the limit. */
export class FileTooLargeError extends SpreadsheetError {
  override readonly code = 'FILE_TOO_LARGE';

  constructor(readonly limitBytes: number) {
    super(413, 'FILE_TOO_LARGE', `Tệp lớn hơn ${formatBytes(limitBytes)} / The file is larger than ${formatBytes(limitBytes)}`);
  }
}

/**
 * 413: the workbook would unzip to more than the limit, has too many parts, or a part inflates to
 * more than it declares (a zip bomb). Raised before any XML is parsed.
 */
export class UnzippedTooLargeError extends SpreadsheetError {
  override readonly code = 'UNZIPPED_TOO_LARGE';

  constructor(
    readonly limitBytes: number,
    detail: string,
  ) {
    super(
      413,
      'UNZIPPED_TOO_LARGE',
      `Sổ tính giải nén vượt giới hạn ${formatBytes(limitBytes)} hoặc có dấu hiệu "zip bomb": ${splitBilingual(detail).vi} / ` +
        `The workbook unzips to more than ${formatBytes(limitBytes)} or looks like a zip bomb: ${splitBilingual(detail).en}`,
    );
  }
}

/** 413: more estimate lines than the limit. */
export class TooManyRowsError extends SpreadsheetError {
  override readonly code = 'TOO_MANY_ROWS';

  constructor(
    readonly limit: number,
    readonly row: number,
  ) {
    super(
      413,
      'TOO_MANY_ROWS',
      `Sổ tính có hơn ${limit} dòng dự toán (dòng ${row} vượt giới hạn) / The workbook has more than ${limit} estimate lines (row ${row} is over the limit)`,
    );
  }
}

/** What CountLimitError counts. */
export type CountedItem = 'sharedStrings' | 'styles' | 'rows' | 'cells';

const COUNTED: Record<CountedItem, { vi: string; en: string }> = {
  sharedStrings: { vi: 'chuỗi dùng chung', en: 'shared strings' },
  styles: { vi: 'định dạng ô', en: 'cell formats' },
  rows: { vi: 'dòng trong một trang tính', en: 'rows in one sheet' },
  cells: { vi: 'ô trong một trang tính', en: 'cells in one sheet' },
};

/**
 * 413: the workbook holds more items of one kind than any real workbook of the template (the limits
 * of DEFAULT_READ_LIMITS / PROGRESS_READ_LIMITS); the read stops at the first item over.
 */
export class CountLimitError extends SpreadsheetError {
  override readonly code = 'TOO_MANY_ITEMS';

  constructor(
    readonly item: CountedItem,
    readonly limit: number,
    readonly found: number,
  ) {
    const what = COUNTED[item];
    super(
      413,
      'TOO_MANY_ITEMS',
      `Sổ tính có quá nhiều ${what.vi} (hơn ${limit}) / The workbook has too many ${what.en} (more than ${limit}${found > limit + 1 ? `; it declares ${found}` : ''})`,
      [{ field: item, code: 'TOO_MANY_ITEMS', message: `${what.vi}: tối đa ${limit} / ${what.en}: at most ${limit}` }],
    );
  }
}

/**
 * 422: a workbook part is not what SpreadsheetML allows — XML that is not well formed, row numbers
 * beyond the last row or not increasing, cell references outside their row or repeated. The message
 * names the part or the cell (`cell`, e.g. "A12", when known).
 */
export class MalformedWorkbookError extends SpreadsheetError {
  override readonly code = 'MALFORMED_WORKBOOK';

  constructor(
    detail: string,
    readonly cell?: string,
  ) {
    super(
      422,
      'MALFORMED_WORKBOOK',
      `Sổ tính bị lỗi cấu trúc, không đọc được chính xác / The workbook is malformed and cannot be read exactly: ${detail}`,
      cell === undefined ? undefined : [cellProblem(cell, detail)],
    );
  }
}

/** 422: the workbook has no sheet with the template's name. */
export class SheetMissingError extends SpreadsheetError {
  override readonly code = 'SHEET_MISSING';

  constructor(
    readonly sheet: string,
    readonly found: readonly string[],
  ) {
    super(
      422,
      'SHEET_MISSING',
      `Không có trang tính "${sheet}" (có: ${found.map((name) => `"${name}"`).join(', ') || 'không có'}); hãy dùng mẫu của hệ thống / ` +
        `The workbook has no sheet "${sheet}" (found: ${found.map((name) => `"${name}"`).join(', ') || 'none'}); use the template`,
    );
  }
}

/** 422: the header row is missing, or its columns are missing, renamed or reordered. */
export class HeaderMismatchError extends SpreadsheetError {
  override readonly code = 'HEADER_MISMATCH';

  /** `details`, typed: one per column that differs (row, column letter, COLUMN_MOVED / COLUMN_MISMATCH / HEADER_NOT_FOUND). */
  constructor(readonly problems: readonly RowProblem[]) {
    super(
      422,
      'HEADER_MISMATCH',
      `Tiêu đề cột không đúng mẫu; không thêm, xoá hay đổi chỗ cột / The column headers do not match the template (do not add, remove or move columns): ` +
        problems.map((d) => d.message).join('; '),
      problems,
    );
  }
}

/** 422: rows with problems; the reader returns them, the caller may throw this to refuse the import. */
export class RowProblemsError extends SpreadsheetError {
  override readonly code = 'ROWS_INVALID';

  constructor(
    readonly problems: readonly RowProblem[],
    readonly problemCount: number = problems.length,
  ) {
    super(
      422,
      'ROWS_INVALID',
      `${problemCount} lỗi trong sổ tính, không dòng nào được lưu / ${problemCount} problem(s) in the workbook, nothing was saved` +
        (problemCount > problems.length ? ` (first ${problems.length} listed)` : ''),
      problems,
    );
  }
}

function cellProblem(cell: string, detail: string): RowProblem {
  const match = /^([A-Z]+)([0-9]+)$/.exec(cell);
  return { row: match ? Number(match[2]) : 0, column: match ? match[1] : '', field: 'cell', code: 'MALFORMED_WORKBOOK', message: detail };
}

export function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MB` : `${bytes} bytes`;
}
