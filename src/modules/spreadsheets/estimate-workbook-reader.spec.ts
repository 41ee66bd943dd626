import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../../common/errors/domain-error.js';
import { FIRST_DATA_ROW } from './estimate-layout.js';
import { DEFAULT_READ_LIMITS, type ReadEstimateResult, readEstimateWorkbook } from './estimate-workbook-reader.js';
import { catalogCodes, seedCatalog } from './seed-catalog.js';
import {
  FileTooLargeError,
  HeaderMismatchError,
  MalformedWorkbookError,
  NotAWorkbookError,
  RowProblemsError,
  SheetMissingError,
  SpreadsheetError,
  TooManyRowsError,
  UnzippedTooLargeError,
} from './spreadsheet-errors.js';
import { EXPECTED_OK_LINES, FIXTURE_META, OK_BLANK_ROWS, OK_BLANK_ROWS_AFTER } from './testing/fixture-data.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/xlsx/', import.meta.url));
const fixture = (path: string) => readFileSync(`${FIXTURES}${path}`);
const codes = catalogCodes(seedCatalog());

async function refusal(input: Buffer | Readable, limits = {}): Promise<SpreadsheetError> {
  try {
    await readEstimateWorkbook(input, codes, limits);
  } catch (error) {
    if (error instanceof SpreadsheetError) return error;
    throw error;
  }
  throw new Error('the workbook was accepted');
}

function problemsOf(result: ReadEstimateResult): [number, string, string][] {
  if (result.ok) throw new Error(`expected problems, got ${result.lines.length} lines`);
  return result.problems.map((p) => [p.row, p.column, p.code]);
}

describe('valid workbooks import', () => {
  it.each(['exceljs-saved.xlsx', 'libreoffice-saved.xlsx'])('ok/%s: every line, amounts exact, blank rows skipped', async (name) => {
    const result = await readEstimateWorkbook(fixture(`ok/${name}`), codes);
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    expect(result.lines).toEqual(EXPECTED_OK_LINES);
    expect(result.meta).toEqual(FIXTURE_META);
    // Two blank rows between the third and fourth line, then the template's empty input rows.
    expect(result.blankRows).toBeGreaterThanOrEqual(OK_BLANK_ROWS);
  });

  it('the blank rows of ok/exceljs-saved.xlsx are in the middle of the lines', async () => {
    // The fourth line sits below the blank rows: make it invalid and its row number shows where it was read.
    const result = await readEstimateWorkbook(fixture('ok/exceljs-saved.xlsx'), { ...codes, planAreas: new Set(['1.f', '1.g', '2.1.a']) });
    const rows = problemsOf(result).map(([row]) => row);
    expect(rows[0]).toBe(FIRST_DATA_ROW + OK_BLANK_ROWS_AFTER + OK_BLANK_ROWS);
  });

  it('reads from a stream as from a buffer', async () => {
    const result = await readEstimateWorkbook(createReadStream(`${FIXTURES}ok/exceljs-saved.xlsx`), codes);
    expect(result.ok && result.lines).toEqual(EXPECTED_OK_LINES);
  });
});

describe('files that are not an estimate workbook', () => {
  it.each([
    ['random-bytes.xlsx', 'not-zip'],
    ['text-renamed.xlsx', 'not-zip'],
    ['zip-not-xlsx.xlsx', 'not-xlsx'],
    ['legacy-xls.xlsx', 'legacy-xls'],
    ['ods-renamed.xlsx', 'ods'],
    ['truncated.xlsx', 'corrupt'],
  ])('bad/%s: 400 NOT_A_WORKBOOK (%s)', async (name, reason) => {
    const error = await refusal(fixture(`bad/${name}`));
    expect(error).toBeInstanceOf(NotAWorkbookError);
    expect(error).toMatchObject({ code: 'NOT_A_WORKBOOK', status: 400, kind: 'INVALID', reason });
  });

  it('a workbook whose sheet is not well-formed XML: 422 MALFORMED_WORKBOOK naming the part and the cell, no parser text', async () => {
    const error = await refusal(fixture('bad/corrupt-xml.xlsx'));
    expect(error).toBeInstanceOf(MalformedWorkbookError);
    expect(error).toMatchObject({ code: 'MALFORMED_WORKBOOK', status: 422 });
    expect(error.message).toMatch(/xl\/worksheets\/sheet1\.xml .*line \d+, column \d+/);
    expect(error.message).not.toMatch(/Error|undefined|Cannot|\bat \w+ \(/);
  });

  it('an empty file: 400 NOT_A_WORKBOOK', async () => {
    await expect(refusal(Buffer.alloc(0))).resolves.toMatchObject({ code: 'NOT_A_WORKBOOK', reason: 'empty' });
  });

  it('bad/sheet-missing.xlsx: 422 SHEET_MISSING naming the sheets found', async () => {
    const error = await refusal(fixture('bad/sheet-missing.xlsx'));
    expect(error).toBeInstanceOf(SheetMissingError);
    expect(error).toMatchObject({ code: 'SHEET_MISSING', status: 422, kind: 'UNPROCESSABLE', found: ['Sheet1', 'HuongDan', 'DanhMuc'] });
  });

  it('bad/columns-reordered.xlsx: 422 HEADER_MISMATCH on the two swapped columns', async () => {
    const error = await refusal(fixture('bad/columns-reordered.xlsx'));
    expect(error).toBeInstanceOf(HeaderMismatchError);
    expect(error).toMatchObject({ code: 'HEADER_MISMATCH', status: 422 });
    expect((error as HeaderMismatchError).problems.map((d) => [d.row, d.column, d.code])).toEqual([
      [9, 'D', 'COLUMN_MOVED'],
      [9, 'E', 'COLUMN_MOVED'],
    ]);
  });

  it('bad/column-missing.xlsx: 422 HEADER_MISMATCH from the removed column on', async () => {
    const error = await refusal(fixture('bad/column-missing.xlsx'));
    expect(error).toMatchObject({ code: 'HEADER_MISMATCH', status: 422 });
    expect(error).toBeInstanceOf(HeaderMismatchError);
    const details = (error as HeaderMismatchError).problems.map((d) => [d.column, d.code]);
    expect(details[0]).toEqual(['H', 'COLUMN_MOVED']);
    expect(details.at(-1)).toEqual(['U', 'COLUMN_MISMATCH']);
    expect(error.details).toBe((error as HeaderMismatchError).problems);
    expect(details).toHaveLength(14); // H … U
  });

  it('bad/header-missing.xlsx: 422 HEADER_MISMATCH, no header row', async () => {
    const error = await refusal(fixture('bad/header-missing.xlsx'));
    expect(error).toMatchObject({ code: 'HEADER_MISMATCH', status: 422 });
    expect(error.details?.map((d) => d.code)).toEqual(['HEADER_NOT_FOUND']);
  });
});

describe('size limits', () => {
  it('bad/zip-bomb-declared.xlsx: 413 UNZIPPED_TOO_LARGE from the declared sizes, before inflating', async () => {
    const error = await refusal(fixture('bad/zip-bomb-declared.xlsx'));
    expect(error).toBeInstanceOf(UnzippedTooLargeError);
    expect(error).toMatchObject({ code: 'UNZIPPED_TOO_LARGE', status: 413, kind: 'TOO_LARGE' });
    expect(error.message).toContain('declare more than 256 MB');
  });

  it('bad/zip-bomb-lying.xlsx: 413 UNZIPPED_TOO_LARGE at the first byte past the declared size', async () => {
    const error = await refusal(fixture('bad/zip-bomb-lying.xlsx'));
    expect(error).toMatchObject({ code: 'UNZIPPED_TOO_LARGE', status: 413 });
    expect(error.message).toMatch(/sheet1\.xml inflates to more than the \d+ bytes it declares/);
  });

  it('bad/too-many-rows.xlsx: 413 TOO_MANY_ROWS at line 100,001', async () => {
    const error = await refusal(fixture('bad/too-many-rows.xlsx'));
    expect(error).toBeInstanceOf(TooManyRowsError);
    expect(error).toMatchObject({ code: 'TOO_MANY_ROWS', status: 413, limit: 100_000, row: FIRST_DATA_ROW + 100_000 });
  });

  it('a lower line limit counts lines, not blank rows', async () => {
    await expect(refusal(fixture('ok/exceljs-saved.xlsx'), { maxLines: 6 })).resolves.toMatchObject({ code: 'TOO_MANY_ROWS', row: 18 });
    await expect(readEstimateWorkbook(fixture('ok/exceljs-saved.xlsx'), codes, { maxLines: 7 })).resolves.toMatchObject({ ok: true });
  });

  it('a file over 20 MB: 413 FILE_TOO_LARGE, as a buffer or a stream (no fixture: 20 MB is not committed)', async () => {
    const big = Buffer.alloc(DEFAULT_READ_LIMITS.maxFileBytes + 1);
    await expect(refusal(big)).resolves.toBeInstanceOf(FileTooLargeError);
    const chunks = (function* () {
      for (let i = 0; i < 21; i++) yield Buffer.alloc(1024 * 1024);
    })();
    await expect(refusal(Readable.from(chunks))).resolves.toMatchObject({ code: 'FILE_TOO_LARGE', status: 413, limitBytes: 20 * 1024 * 1024 });
    await expect(refusal(fixture('ok/exceljs-saved.xlsx'), { maxFileBytes: 1000 })).resolves.toMatchObject({ code: 'FILE_TOO_LARGE' });
  });

  it('a lower unzipped limit refuses the ok workbook from its declared sizes', async () => {
    await expect(refusal(fixture('ok/exceljs-saved.xlsx'), { maxUnzippedBytes: 50_000 })).resolves.toMatchObject({ code: 'UNZIPPED_TOO_LARGE' });
    await expect(refusal(fixture('ok/exceljs-saved.xlsx'), { maxSharedStringsBytes: 1000 })).resolves.toMatchObject({ code: 'UNZIPPED_TOO_LARGE' });
  });
});

describe('row problems: every bad cell with its row, column and code', () => {
  it.each<[string, [number, string, string][]]>([
    [
      'text-in-number.xlsx',
      [
        [11, 'I', 'EXPECTED_NUMBER'],
        [12, 'J', 'EXPECTED_NUMBER'],
        [13, 'S', 'EXPECTED_NUMBER'],
      ],
    ],
    [
      'number-in-code.xlsx',
      [
        [11, 'C', 'EXPECTED_TEXT'],
        [12, 'E', 'EXPECTED_TEXT'],
      ],
    ],
    [
      'unknown-codes.xlsx',
      [
        [10, 'C', 'UNKNOWN_CODE'],
        [11, 'C', 'UNKNOWN_CODE'],
        [12, 'E', 'UNKNOWN_CODE'],
        [12, 'F', 'UNKNOWN_CODE'],
        [13, 'D', 'UNKNOWN_CODE'],
      ],
    ],
    [
      'bad-amounts.xlsx',
      [
        [10, 'J', 'NEGATIVE'],
        [11, 'J', 'NOT_WHOLE'],
        [12, 'I', 'TOO_MANY_DECIMALS'],
        [12, 'M', 'TOO_LARGE'],
        [12, 'N', 'NOT_EXACT'],
        [12, 'O', 'TOO_LARGE'],
        [12, 'P', 'NOT_EXACT'],
        [13, 'L', 'CONTINGENCY_ABOVE_AMOUNT'],
        [13, 'T', 'MINIMUM_ABOVE_AMOUNT'],
      ],
    ],
    [
      'amount-mismatch.xlsx',
      [
        [10, 'K', 'AMOUNT_MISMATCH'],
        [11, 'K', 'AMOUNT_MISMATCH'],
      ],
    ],
    [
      'merged-cells.xlsx',
      [
        [11, 'B', 'MERGED_CELLS'],
        [11, 'C', 'REQUIRED'], // the merge swallowed C11
      ],
    ],
    [
      'date-in-number.xlsx',
      [
        [10, 'I', 'UNEXPECTED_DATE'],
        [12, 'J', 'UNEXPECTED_DATE'],
      ],
    ],
    [
      'missing-required.xlsx',
      [
        [10, 'B', 'REQUIRED'],
        [11, 'H', 'REQUIRED'],
        [12, 'J', 'REQUIRED'],
        [13, 'D', 'REQUIRED'],
      ],
    ],
    [
      'invalid-values.xlsx',
      [
        [10, 'G', 'INVALID_VALUE'],
        [11, 'S', 'INVALID_VALUE'],
        [12, 'B', 'TOO_LONG'],
        [13, 'J', 'CELL_ERROR'],
      ],
    ],
  ])('bad/%s', async (name, expected) => {
    const result = await readEstimateWorkbook(fixture(`bad/${name}`), codes);
    expect(problemsOf(result)).toEqual(expected);
    if (!result.ok) {
      expect(result.problemCount).toBe(expected.length);
      for (const problem of result.problems) {
        // Vietnamese / English, and the cell named at the start.
        expect(problem.message).toMatch(new RegExp(`^${problem.column}${problem.row}\\b.* / `));
        expect(problem.field).toEqual(expect.any(String));
      }
    }
  });

  it("the template's amount formula without a cached value: computed half-up and reported", async () => {
    const result = await readEstimateWorkbook(fixture('bad/formula-no-cached-value.xlsx'), codes);
    expect(result).toMatchObject({ ok: true, amountsComputed: [11] });
    if (result.ok) expect(result.lines[1].amount).toBe('500000000');
  });

  it('names the stated and the computed amount', async () => {
    const result = await readEstimateWorkbook(fixture('bad/amount-mismatch.xlsx'), codes);
    if (result.ok) throw new Error('expected problems');
    expect(result.problems[0].message).toContain('149.999.999 khác số lượng × đơn giá = 150.000.000');
    expect(result.problems[1].message).toContain('the formula gives 500000100, not quantity × unit price = 500000000');
  });

  it('lists at most maxProblems problems and counts them all', async () => {
    const result = await readEstimateWorkbook(fixture('bad/unknown-codes.xlsx'), codes, { maxProblems: 2 });
    expect(result).toMatchObject({ ok: false, problemCount: 5 });
    expect(problemsOf(result)).toEqual([
      [10, 'C', 'UNKNOWN_CODE'],
      [11, 'C', 'UNKNOWN_CODE'],
    ]);
  });
});

describe('errors for the HTTP layer', () => {
  it('are DomainErrors whose kind maps to their status', () => {
    const cases: [SpreadsheetError, number, string][] = [
      [new NotAWorkbookError('not-zip', 'x'), 400, 'INVALID'],
      [new FileTooLargeError(10), 413, 'TOO_LARGE'],
      [new UnzippedTooLargeError(10, 'x'), 413, 'TOO_LARGE'],
      [new TooManyRowsError(10, 20), 413, 'TOO_LARGE'],
      [new SheetMissingError('DuToan', []), 422, 'UNPROCESSABLE'],
      [new HeaderMismatchError([]), 422, 'UNPROCESSABLE'],
      [new RowProblemsError([{ row: 10, column: 'C', field: 'planAreaCode', code: 'UNKNOWN_CODE', message: 'x' }], 3), 422, 'UNPROCESSABLE'],
    ];
    for (const [error, status, kind] of cases) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ status, kind, name: error.constructor.name });
    }
    expect(cases.at(-1)?.[0]).toMatchObject({ code: 'ROWS_INVALID', problemCount: 3, details: [{ row: 10, column: 'C' }] });
  });
});
