// The reader's rule, case by case (issue 9 section 5): every form a real tool writes reads exactly as
// the original, every malformed cell is refused naming the cell — for the estimate workbook and for
// the progress-report workbook. Fixtures: test/fixtures/xlsx/{forms,malformed,progress}/, written by
// scripts/reader-fixtures.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readProgressWorkbook } from '../monitoring/progress-workbook.js';
import { FIRST_DATA_ROW, META_ROWS } from './estimate-layout.js';
import { type ReadEstimateResult, readEstimateWorkbook } from './estimate-workbook-reader.js';
import { catalogCodes, seedCatalog } from './seed-catalog.js';
import { MalformedWorkbookError, SpreadsheetError } from './spreadsheet-errors.js';
import { EXPECTED_OK_LINES, FIXTURE_META } from './testing/fixture-data.js';
import { excelNumber, isDateFormatCode } from './sheet-xml.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/xlsx/', import.meta.url));
const fixture = (path: string) => readFileSync(`${FIXTURES}${path}`);
const codes = catalogCodes(seedCatalog());
const YEAR_ROW = META_ROWS.find((meta) => meta.key === 'year')?.row;

async function refusal(read: () => Promise<unknown>): Promise<SpreadsheetError> {
  try {
    await read();
  } catch (error) {
    if (error instanceof SpreadsheetError) return error;
    throw error;
  }
  throw new Error('the workbook was accepted');
}

const problems = (result: ReadEstimateResult | Awaited<ReturnType<typeof readProgressWorkbook>>) =>
  result.ok ? [] : result.problems.map((p) => [p.row, p.column, p.code]);

/** No message quotes a JavaScript exception. */
function expectNoExceptionText(message: string): void {
  expect(message).not.toMatch(/TypeError|RangeError|SyntaxError|undefined|Cannot read|is not a function|NaN/);
}

describe('the estimate workbook, as every tool writes it: the exact lines back', () => {
  it.each([
    ['forms/rich-text.xlsx', 'inline strings and shared strings of several rich-text runs keep every run (phonetic runs left out)'],
    ['forms/prefixed-namespace.xlsx', 'every part with the main namespace under a prefix (<x:worksheet>), as the OpenXML SDK writes'],
    ['forms/prefixed-sheet-only.xlsx', 'only the sheet prefixed'],
    ['forms/no-optional-refs.xlsx', 'rows and cells without r take the next row and column'],
    ['forms/15-significant-digits.xlsx', 'numbers read at 15 significant digits (1249999999.9999998 is 1,250,000,000)'],
    ['ok/libreoffice-saved.xlsx', 'saved by LibreOffice'],
  ])('%s: %s', async (name) => {
    const result = await readEstimateWorkbook(fixture(name), codes);
    expect(problems(result)).toEqual([]);
    expect(result).toMatchObject({ ok: true, meta: FIXTURE_META, amountsComputed: [] });
    expect(result.ok && result.lines).toEqual(EXPECTED_OK_LINES);
  });

  it.each([
    ['forms/no-cached-values.xlsx', 'hand-built as openpyxl writes formulas (<f>…</f><v></v>)'],
    ['forms/openpyxl-saved.xlsx', 'opened and saved by openpyxl (Debian python3-openpyxl), which drops cached values'],
  ])("%s (%s): the template's amount formula without a value is computed half-up and reported", async (name) => {
    const result = await readEstimateWorkbook(fixture(name), codes);
    expect(problems(result)).toEqual([]);
    expect(result.ok && result.lines).toEqual(EXPECTED_OK_LINES);
    // The rows of lines whose amount is the formula (rows 15 and 16 hold amounts of 16 digits and
    // more, written as text digits, not as a formula); blank rows are not lines.
    expect(result.ok && result.amountsComputed).toEqual([10, 11, 12, 17, 18]);
  });

  it('the rich-text case holds the whole description and code, not the last run', async () => {
    const result = await readEstimateWorkbook(fixture('forms/rich-text.xlsx'), codes);
    expect(result.ok && result.lines[0].description).toBe(EXPECTED_OK_LINES[0].description);
    expect(result.ok && result.lines[0].planAreaCode).toBe(EXPECTED_OK_LINES[0].planAreaCode);
    expect(result.ok && result.lines[1].description).toBe(EXPECTED_OK_LINES[1].description);
  });
});

describe('the estimate workbook, malformed: a 422 naming the cell, never a silent value', () => {
  const r = FIRST_DATA_ROW;
  it.each([
    ['malformed/number-12abc.xlsx', [[r, 'J', 'MALFORMED_NUMBER']], '"12abc"'],
    ['malformed/number-hex.xlsx', [[r, 'J', 'MALFORMED_NUMBER']], '"0x10"'],
    ['malformed/number-negative-zero.xlsx', [[r, 'J', 'MALFORMED_NUMBER']], '"-0"'],
    ['malformed/number-infinite.xlsx', [[r, 'J', 'MALFORMED_NUMBER']], '"1e999"'],
    ['malformed/date-in-year.xlsx', [[YEAR_ROW, 'C', 'UNEXPECTED_DATE']], 'ngày tháng'],
    ['malformed/shared-string-out-of-range.xlsx', [[r, 'U', 'MALFORMED_CELL']], 'shared string 99999 does not exist'],
    ['malformed/style-out-of-range.xlsx', [[r, 'J', 'MALFORMED_CELL']], 'style 999'],
    ['malformed/boolean-not-0-1.xlsx', [[r, 'S', 'MALFORMED_CELL']], 'boolean "2"'],
    ['malformed/unknown-cell-type.xlsx', [[r, 'J', 'MALFORMED_CELL']], 't="q"'],
  ])('%s → %j', async (name, expected, detail) => {
    const result = await readEstimateWorkbook(fixture(name), codes);
    expect(problems(result)).toEqual(expected);
    if (result.ok) return;
    const [first] = result.problems;
    expect(first.message.startsWith(`${first.column}${first.row}`)).toBe(true);
    expect(first.message).toContain(detail);
    expect(first.message).toMatch(/ \/ /); // Vietnamese / English
    expectNoExceptionText(first.message);
  });

  it.each([
    ['malformed/row-beyond-last.xlsx', 'A99999999', /row number 99999999 is beyond the last row/],
    ['malformed/rows-repeated.xlsx', `A${FIRST_DATA_ROW}`, /row 10 comes after row 10/],
    ['malformed/cell-outside-its-row.xlsx', `C${FIRST_DATA_ROW + 1}`, /cell C11 is written inside row 10/],
  ])('%s → 422 MALFORMED_WORKBOOK naming %s', async (name, cell, english) => {
    const error = await refusal(() => readEstimateWorkbook(fixture(name), codes));
    expect(error).toBeInstanceOf(MalformedWorkbookError);
    expect(error).toMatchObject({ status: 422, code: 'MALFORMED_WORKBOOK', cell });
    expect(error.message).toMatch(english);
    expect(error.details?.[0]).toMatchObject({ field: 'cell' });
    expectNoExceptionText(error.message);
  });
});

describe('the progress workbook: the same reader, the same rule', () => {
  let base: Awaited<ReturnType<typeof readProgressWorkbook>>;
  beforeAll(async () => {
    base = await readProgressWorkbook(fixture('progress/base.xlsx'));
    expect(base.ok).toBe(true);
  });

  it.each(['progress/forms/rich-text.xlsx', 'progress/forms/prefixed-namespace.xlsx', 'progress/forms/no-optional-refs.xlsx'])('%s reads exactly as the original', async (name) => {
    const result = await readProgressWorkbook(fixture(name));
    expect(problems(result)).toEqual([]);
    expect(result).toEqual(base);
  });

  it('progress/forms/15-significant-digits.xlsx: 124599.99999999999 is 124,600 đồng disbursed', async () => {
    const result = await readProgressWorkbook(fixture('progress/forms/15-significant-digits.xlsx'));
    if (!result.ok || !base.ok) throw new Error('expected the rows');
    expect(result.disbursements.map((d) => d.disbursed)).toEqual([500000000n, 123456789012345678n, 124600n]);
    expect(result.indicators).toEqual(base.indicators);
  });

  it.each([
    ['number-12abc.xlsx', [[4, 'G', 'MALFORMED_NUMBER']]],
    ['number-hex.xlsx', [[4, 'G', 'MALFORMED_NUMBER']]],
    ['number-negative-zero.xlsx', [[4, 'G', 'MALFORMED_NUMBER']]],
    ['date-in-year.xlsx', [[5, 'C', 'UNEXPECTED_DATE']]],
    ['shared-string-out-of-range.xlsx', [[12, 'G', 'MALFORMED_CELL']]],
  ])('progress/malformed/%s → %j', async (name, expected) => {
    const result = await readProgressWorkbook(fixture(`progress/malformed/${name}`));
    expect(problems(result)).toEqual(expected);
    if (!result.ok) {
      expect(result.problems[0].message).toMatch(/^(ChiTieu|GiaiNgan)![A-Z]+\d+: .* \/ /);
      expectNoExceptionText(result.problems[0].message);
    }
  });

  it.each([
    ['row-beyond-last.xlsx', 'A99999999'],
    ['rows-repeated.xlsx', 'A4'],
  ])('progress/malformed/%s → 422 MALFORMED_WORKBOOK naming %s', async (name, cell) => {
    const error = await refusal(() => readProgressWorkbook(fixture(`progress/malformed/${name}`)));
    expect(error).toMatchObject({ status: 422, code: 'MALFORMED_WORKBOOK', cell });
  });
});

describe('numbers and formats as Excel reads them', () => {
  it('keeps 15 significant digits', () => {
    expect(excelNumber(124599.99999999999)).toBe(124600);
    expect(excelNumber(0.1 + 0.2)).toBe(0.3);
    expect(excelNumber(999999999999999)).toBe(999999999999999);
    expect(excelNumber(3002399751580331)).toBe(3002399751580330);
    expect(excelNumber(1.2345)).toBe(1.2345);
  });

  it('tells date formats from number formats', () => {
    for (const code of ['dd/mm/yyyy', 'd-mmm-yy', 'h:mm', '[$-42A]dd/mm/yyyy', '[h]:mm:ss', 'yyyy']) expect(isDateFormatCode(code)).toBe(true);
    for (const code of ['#,##0', '0.00', '"dm"#,##0', '0.00E+00', '[Red]#,##0', '@', 'General']) expect(isDateFormatCode(code)).toBe(false);
  });
});

describe('limits on counts as well as bytes: 413 TOO_MANY_ITEMS at the first item over', () => {
  const ok = () => fixture('ok/exceljs-saved.xlsx');
  it.each([
    ['sharedStrings', { maxSharedStrings: 10 }, 'chuỗi dùng chung'],
    ['styles', { maxStyles: 5 }, 'định dạng ô'],
    ['rows', { maxSheetRows: 20 }, 'dòng trong một trang tính'],
    ['cells', { maxCells: 100 }, 'ô trong một trang tính'],
  ] as const)('%s', async (item, limits, vietnamese) => {
    const error = await refusal(() => readEstimateWorkbook(ok(), codes, limits));
    expect(error).toMatchObject({ status: 413, code: 'TOO_MANY_ITEMS', item, limit: Object.values(limits)[0] });
    expect(error.message).toContain(vietnamese);
    expect(error.message).toMatch(/ \/ The workbook has too many/);
  });

  it('a shared-strings part that declares more than the limit is refused before its first item', async () => {
    const error = await refusal(() => readEstimateWorkbook(ok(), codes, { maxSharedStrings: 363 }));
    // the fixture declares uniqueCount="364": the declared count is named, not the first item over.
    expect(error).toMatchObject({ code: 'TOO_MANY_ITEMS', item: 'sharedStrings', found: 364 });
  });

  it('the progress workbook has its own limits, sized from its largest real report', async () => {
    const { PROGRESS_READ_LIMITS } = await import('../monitoring/progress-workbook.js');
    expect(PROGRESS_READ_LIMITS).toMatchObject({ maxSharedStrings: 100_000, maxStyles: 10_000, maxSheetRows: 50_000, maxCells: 600_000 });
  });
});
