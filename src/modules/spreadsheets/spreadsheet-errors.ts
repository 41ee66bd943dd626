// File-level errors of the workbook import. Each has a stable `code` and the HTTP `status` it maps to;
// they extend DomainError, so the app's HTTP filter already renders them in the one error shape.
// Row-level problems are not thrown by the reader: it returns them all ({ ok: false, problems });
// RowProblemsError is there for the caller that wants to refuse the import with 422.
import { DomainError, type DomainErrorKind, type FieldProblem } from '../../common/errors/domain-error.js';

export type SpreadsheetErrorCode =
  | 'NOT_A_WORKBOOK'
  | 'FILE_TOO_LARGE'
  | 'UNZIPPED_TOO_LARGE'
  | 'TOO_MANY_ROWS'
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
    super(400, 'NOT_A_WORKBOOK', `Tệp không phải sổ tính Excel .xlsx hợp lệ / The file is not a valid .xlsx workbook: ${detail}`);
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
      `Sổ tính giải nén vượt giới hạn ${formatBytes(limitBytes)} hoặc có dấu hiệu "zip bomb" / ` +
        `The workbook unzips to more than ${formatBytes(limitBytes)} or looks like a zip bomb: ${detail}`,
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

export function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MB` : `${bytes} bytes`;
}
