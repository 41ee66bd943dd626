// Cell values as exceljs's streaming reader gives them, turned into the strings the API takes.
//
// Money never passes through arithmetic on a JavaScript number. A numeric cell is accepted only when
// it holds a whole number of at most 15 digits, and is turned into digits at once; a larger amount
// must be typed as text digits (up to 10^18 - 1). Why 15 digits and not 2^53: a double is exact up to
// 2^53, but Excel keeps only 15 significant digits of what is typed, and LibreOffice (7.4, checked)
// writes numbers to .xlsx rounded to 15 significant digits: 3002399751580331 comes back as
// 3002399751580330. A 16-digit number in a cell may already have been rounded, so it is refused.
import { QUANTITY_PATTERN, VND_LIMIT, normaliseDecimal } from '../../common/money/vnd.js';
import { hasVisibleText } from '../../common/text/visible-text.js';

/** Largest amount written to or read from a numeric cell: 10^15 - 1 (15 digits). */
export const MAX_NUMERIC_CELL_AMOUNT = 999_999_999_999_999;
const MAX_NUMERIC_BIGINT = BigInt(MAX_NUMERIC_CELL_AMOUNT);

/** A cell's content, whatever the writer (exceljs, Excel, LibreOffice) stored; `formula` when computed. */
export type CellContent =
  | { kind: 'empty'; formula: boolean }
  | { kind: 'text'; text: string; formula: boolean }
  | { kind: 'number'; value: number; formula: boolean }
  | { kind: 'date'; formula: boolean }
  | { kind: 'boolean'; value: boolean; formula: boolean }
  | { kind: 'error'; text: string; formula: boolean }
  | { kind: 'no-cached-value'; formula: true; expression?: string }
  /** Refused as written (sheet-xml.ts): `12abc` in a numeric cell, a shared-string index out of range… */
  | { kind: 'malformed'; formula: boolean; code: string; message: string };

// Shared results for the commonest contents: a read makes one call per cell.
const EMPTY: CellContent = Object.freeze({ kind: 'empty', formula: false });
const EMPTY_FORMULA: CellContent = Object.freeze({ kind: 'empty', formula: true });
const NO_CACHED_VALUE: CellContent = Object.freeze({ kind: 'no-cached-value', formula: true });
const NON_BLANK = /\S/;

export function cellContent(value: unknown): CellContent {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'object' && !(value instanceof Date) && ('formula' in value || 'sharedFormula' in value)) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined) return NO_CACHED_VALUE;
    return plainContent(result, true);
  }
  return plainContent(value, false);
}

function plainContent(value: unknown, formula: boolean): CellContent {
  switch (typeof value) {
    case 'string':
      return NON_BLANK.test(value) ? { kind: 'text', text: value, formula } : formula ? EMPTY_FORMULA : EMPTY;
    case 'number':
      // The streaming reader turns a cached error of a formula (#VALUE!…) into NaN.
      return Number.isFinite(value) ? { kind: 'number', value, formula } : { kind: 'error', text: '#VALUE!', formula };
    case 'boolean':
      return { kind: 'boolean', value, formula };
    case 'object': {
      if (value === null) return formula ? EMPTY_FORMULA : EMPTY;
      if (value instanceof Date) return { kind: 'date', formula };
      if ('error' in value) return { kind: 'error', text: String(value.error), formula };
      if ('richText' in value) {
        const runs = (value as { richText: readonly { text?: unknown }[] }).richText;
        return plainContent(runs.map((run) => (typeof run.text === 'string' ? run.text : '')).join(''), formula);
      }
      if ('text' in value && typeof value.text === 'string') return plainContent(value.text, formula); // hyperlink cell
      return { kind: 'error', text: 'unreadable value', formula };
    }
    case 'undefined':
      return formula ? EMPTY_FORMULA : EMPTY;
    case 'bigint':
    case 'function':
    case 'symbol':
      return { kind: 'error', text: 'unreadable value', formula };
  }
}

/** The text of a read cell for labels and headers ('' when not text or number, or absent). */
export function contentText(content: CellContent | undefined): string {
  if (content === undefined) return '';
  if (content.kind === 'text') return content.text;
  if (content.kind === 'number') return String(content.value);
  return '';
}

const ABSENT: CellContent = EMPTY;

/** The content of a column of a read row (1 = A); empty when the row has no such cell. */
export function cellAt(cells: readonly (CellContent | undefined)[], column: number): CellContent {
  return cells[column] ?? ABSENT;
}

/** The text of a cell for labels and headers ('' when not text or number). */
export function cellText(value: unknown): string {
  const content = cellContent(value);
  if (content.kind === 'text') return content.text;
  if (content.kind === 'number') return String(content.value);
  return '';
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

const fail = (code: string, message: string): { ok: false; code: string; message: string } => ({ ok: false, code, message });

/** Problems every typed cell can have; undefined when the content is a usable value or empty. */
function commonProblem(content: CellContent, expected: 'number' | 'text'): { ok: false; code: string; message: string } | undefined {
  switch (content.kind) {
    case 'no-cached-value':
      return fail(
        'FORMULA_WITHOUT_VALUE',
        'công thức chưa có giá trị tính sẵn; hãy mở và lưu lại tệp bằng Excel hoặc LibreOffice, hoặc nhập giá trị / ' +
          'the formula has no cached value; open and save the file in Excel or LibreOffice, or type the value',
      );
    case 'malformed':
      return fail(content.code, content.message);
    case 'error':
      return fail('CELL_ERROR', `ô có lỗi ${content.text} / the cell holds the error ${content.text}`);
    case 'date':
      return expected === 'number'
        ? fail('UNEXPECTED_DATE', 'cần một số, không phải ngày tháng; hãy định dạng ô là số / a number is due, not a date: format the cell as a number')
        : fail('UNEXPECTED_DATE', 'cần chữ, không phải ngày tháng / text is due, not a date');
    case 'boolean':
      return expected === 'number'
        ? fail('EXPECTED_NUMBER', `cần một số, không phải ${String(content.value)} / a number is due, not ${String(content.value)}`)
        : fail('EXPECTED_TEXT', `cần chữ, không phải ${String(content.value)} / text is due, not ${String(content.value)}`);
    case 'empty':
    case 'number':
    case 'text':
      return undefined;
  }
}

/**
 * An amount of đồng: a numeric cell holding a whole number of at most 15 digits, or text digits
 * below 10^18. Returns null for an empty cell.
 */
export function parseMoney(content: CellContent): Parsed<string | null> {
  const problem = commonProblem(content, 'number');
  if (problem) return problem;
  if (content.kind === 'empty') return { ok: true, value: null };
  if (content.kind === 'number') {
    const n = content.value;
    if (n < 0) return fail('NEGATIVE', `số tiền không được âm (${n}) / the amount must not be negative (${n})`);
    if (!Number.isInteger(n)) return fail('NOT_WHOLE', `số tiền phải là số nguyên đồng (${n}) / the amount must be whole đồng (${n})`);
    if (n >= 1e18) return fail('TOO_LARGE', 'số tiền phải nhỏ hơn 10^18 đồng / the amount must be below 10^18 đồng');
    if (n > MAX_NUMERIC_CELL_AMOUNT) {
      return fail(
        'NOT_EXACT',
        'số từ 16 chữ số trở lên không được Excel/LibreOffice lưu chính xác dạng số (chỉ giữ 15 chữ số); hãy định dạng ô là Văn bản (Text) và nhập lại các chữ số / ' +
          'a number of 16 digits or more is not kept exactly by Excel or LibreOffice (15 significant digits): format the cell as Text and type the digits again',
      );
    }
    return { ok: true, value: BigInt(n).toString() };
  }
  if (content.kind === 'text') {
    const text = content.text.trim();
    if (/^[0-9]+$/.test(text)) {
      const amount = BigInt(text);
      if (amount >= VND_LIMIT) return fail('TOO_LARGE', 'số tiền phải nhỏ hơn 10^18 đồng / the amount must be below 10^18 đồng');
      return { ok: true, value: amount.toString() };
    }
    if (/^-\s*[0-9.,\s]+$/.test(text)) return fail('NEGATIVE', `số tiền không được âm ("${text}") / the amount must not be negative ("${text}")`);
    if (/^[0-9]+[.,][0-9]+$/.test(text)) return fail('NOT_WHOLE', `số tiền phải là số nguyên đồng ("${text}") / the amount must be whole đồng ("${text}")`);
    return fail(
      'EXPECTED_NUMBER',
      `cần số tiền (chỉ gồm chữ số, không dấu phân cách), không phải "${clip(text)}" / an amount is due (digits only, no separators), not "${clip(text)}"`,
    );
  }
  return fail('EXPECTED_NUMBER', 'cần một số / a number is due');
}

/** A quantity: non-negative, at most 4 decimals, as a normalised decimal string ("2.5"). */
export function parseQuantity(content: CellContent): Parsed<string | null> {
  const problem = commonProblem(content, 'number');
  if (problem) return problem;
  if (content.kind === 'empty') return { ok: true, value: null };
  let text: string;
  if (content.kind === 'number') {
    if (content.value < 0) return fail('NEGATIVE', `số lượng không được âm (${content.value}) / the quantity must not be negative (${content.value})`);
    if (content.value >= 1e14) return fail('TOO_LARGE', 'số lượng quá lớn (tối đa 14 chữ số phần nguyên) / the quantity is too large (at most 14 integer digits)');
    // The shortest decimal that reads back as the same double, e.g. 2.5, 1.2345, 3e-7.
    text = String(content.value);
  } else if (content.kind === 'text') {
    text = content.text.trim();
    if (/^-/.test(text)) return fail('NEGATIVE', `số lượng không được âm ("${text}") / the quantity must not be negative ("${text}")`);
  } else {
    return fail('EXPECTED_NUMBER', 'cần một số / a number is due');
  }
  if (QUANTITY_PATTERN.test(text)) return { ok: true, value: normaliseDecimal(text) };
  if (/^[0-9]+(\.[0-9]+)?$/.test(text)) {
    return /^[0-9]{15,}/.test(text)
      ? fail('TOO_LARGE', 'số lượng quá lớn (tối đa 14 chữ số phần nguyên) / the quantity is too large (at most 14 integer digits)')
      : fail('TOO_MANY_DECIMALS', `số lượng tối đa 4 chữ số thập phân (${text}) / the quantity has more than 4 decimals (${text})`);
  }
  if (/e/i.test(text) && content.kind === 'number') {
    return fail('TOO_MANY_DECIMALS', `số lượng tối đa 4 chữ số thập phân (${text}) / the quantity has more than 4 decimals (${text})`);
  }
  return fail('EXPECTED_NUMBER', `cần số lượng (dấu thập phân là dấu chấm), không phải "${clip(text)}" / a quantity is due (decimal point), not "${clip(text)}"`);
}

/** Free text (description, measure unit, justification): text or a number, trimmed. */
export function parseText(content: CellContent, maxLength: number): Parsed<string | null> {
  const problem = commonProblem(content, 'text');
  if (problem) return problem;
  if (content.kind === 'empty') return { ok: true, value: null };
  const text = content.kind === 'text' ? content.text.trim() : content.kind === 'number' ? String(content.value) : '';
  // A cell without a visible character (spaces, zero-width or format characters) is an empty cell:
  // required columns refuse it, optional ones keep no text (the rule of IsOptionalText).
  if (!hasVisibleText(text)) return { ok: true, value: null };
  if (text.length > maxLength) return fail('TOO_LONG', `dài hơn ${maxLength} ký tự / longer than ${maxLength} characters`);
  return { ok: true, value: text };
}

/** A catalog code: text only (a number is refused, not turned into a code). */
export function parseCode(content: CellContent): Parsed<string | null> {
  const problem = commonProblem(content, 'text');
  if (problem) return problem;
  if (content.kind === 'empty') return { ok: true, value: null };
  if (content.kind === 'number') {
    return fail('EXPECTED_TEXT', `cần mã (chữ) chọn từ danh sách, không phải số ${content.value} / a code from the list is due, not the number ${content.value}`);
  }
  return content.kind === 'text' ? { ok: true, value: content.text.trim() } : fail('EXPECTED_TEXT', 'cần mã / a code is due');
}

/** Part A (continuing) or B (new); blank is B. */
export function parsePart(content: CellContent): Parsed<boolean> {
  const problem = commonProblem(content, 'text');
  if (problem) return problem;
  if (content.kind === 'empty') return { ok: true, value: false };
  const text = content.kind === 'text' ? content.text.trim().toUpperCase() : '';
  if (text === 'A') return { ok: true, value: true };
  if (text === 'B') return { ok: true, value: false };
  return fail('INVALID_VALUE', 'chỉ ghi A (chuyển tiếp) hoặc B (mở mới) / only A (continuing) or B (new)');
}

/** Priority tier 1–99; blank is 1. */
export function parseTier(content: CellContent): Parsed<number> {
  const problem = commonProblem(content, 'number');
  if (problem) return problem;
  if (content.kind === 'empty') return { ok: true, value: 1 };
  const n = content.kind === 'number' ? content.value : content.kind === 'text' && /^\s*[0-9]{1,3}\s*$/.test(content.text) ? Number(content.text) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= 99) return { ok: true, value: n };
  if (Number.isNaN(n) && content.kind === 'text') return fail('EXPECTED_NUMBER', `cần số nguyên 1–99, không phải "${clip(content.text)}" / a whole number 1–99 is due`);
  return fail('INVALID_VALUE', 'mức ưu tiên là số nguyên từ 1 đến 99 / the priority tier is a whole number from 1 to 99');
}

/** A whole number for the title block (year, version). */
export function parseWholeNumber(content: CellContent, min: number, max: number): Parsed<number | undefined> {
  // A date is a number of days underneath: it is refused, not read as a year (nor a version).
  const problem = commonProblem(content, 'number');
  if (problem) return problem;
  if (content.kind === 'empty') return { ok: true, value: undefined };
  const n = content.kind === 'number' ? content.value : content.kind === 'text' && /^\s*[0-9]{1,9}\s*$/.test(content.text) ? Number(content.text) : NaN;
  if (Number.isInteger(n) && n >= min && n <= max) return { ok: true, value: n };
  return fail('INVALID_VALUE', `cần số nguyên từ ${min} đến ${max} / a whole number from ${min} to ${max} is due`);
}

/**
 * How an amount is written to a cell: a number when it has at most 15 digits (exact in a double and
 * kept by every spreadsheet), otherwise its digits as text. The one place a bigint becomes a
 * JavaScript number, for exceljs to store.
 */
export function moneyCellValue(amount: bigint): number | string {
  return amount >= 0n && amount <= MAX_NUMERIC_BIGINT ? Number(amount) : amount.toString();
}

/** How a quantity is written: a number when it has at most 15 significant digits and reads back the same, otherwise text. */
export function quantityCellValue(quantity: string): number | string {
  const normalised = normaliseDecimal(quantity);
  const n = Number(normalised);
  const significant = normalised.replace('.', '').replace(/^0+/, '').length;
  return significant <= 15 && String(n) === normalised ? n : normalised;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
