import {
  MAX_NUMERIC_CELL_AMOUNT,
  cellContent,
  moneyCellValue,
  parseCode,
  parseMoney,
  parsePart,
  parseQuantity,
  parseText,
  parseTier,
  quantityCellValue,
} from './cell-values.js';

const code = (result: { ok: boolean; code?: string; value?: unknown }) => (result.ok ? result.value : result.code);

describe('cellContent', () => {
  it('tells apart what the streaming reader gives', () => {
    expect(cellContent(undefined)).toEqual({ kind: 'empty', formula: false });
    expect(cellContent('   ')).toEqual({ kind: 'empty', formula: false });
    expect(cellContent('x')).toEqual({ kind: 'text', text: 'x', formula: false });
    expect(cellContent(12)).toEqual({ kind: 'number', value: 12, formula: false });
    expect(cellContent(new Date(0))).toEqual({ kind: 'date', formula: false });
    expect(cellContent(true)).toEqual({ kind: 'boolean', value: true, formula: false });
    expect(cellContent({ error: '#N/A' })).toEqual({ kind: 'error', text: '#N/A', formula: false });
    expect(cellContent({ richText: [{ text: 'Má' }, { text: 'y' }] })).toEqual({ kind: 'text', text: 'Máy', formula: false });
    expect(cellContent({ formula: 'A1*2' })).toEqual({ kind: 'no-cached-value', formula: true });
    expect(cellContent({ formula: 'A1*2', result: 4 })).toEqual({ kind: 'number', value: 4, formula: true });
    expect(cellContent({ formula: 'IF(A1="","",1)', result: '' })).toEqual({ kind: 'empty', formula: true });
    // The streaming reader parses a cached #VALUE! of a formula as NaN.
    expect(cellContent({ formula: 'A1*2', result: NaN })).toMatchObject({ kind: 'error', formula: true });
  });
});

describe('parseMoney: exact or refused, never rounded', () => {
  it.each<[unknown, string | null]>([
    [undefined, null],
    [0, '0'],
    [1250000000, '1250000000'],
    [MAX_NUMERIC_CELL_AMOUNT, '999999999999999'],
    ['1000000000000000', '1000000000000000'],
    [' 999999999999999999 ', '999999999999999999'],
    ['000123', '123'],
    [{ formula: 'J10*2', result: 20 }, '20'],
  ])('%p → %p', (value, expected) => {
    expect(parseMoney(cellContent(value))).toEqual({ ok: true, value: expected });
  });

  it.each<[unknown, string]>([
    [-1, 'NEGATIVE'],
    ['-1 000', 'NEGATIVE'],
    [1.5, 'NOT_WHOLE'],
    ['1000.5', 'NOT_WHOLE'],
    [1e15, 'NOT_EXACT'], // 16 digits in a numeric cell may already be rounded
    [9007199254740992, 'NOT_EXACT'],
    [1e18, 'TOO_LARGE'],
    ['1000000000000000000', 'TOO_LARGE'],
    ['1.250.000', 'EXPECTED_NUMBER'],
    ['1,250,000', 'EXPECTED_NUMBER'],
    ['1e9', 'EXPECTED_NUMBER'],
    ['abc', 'EXPECTED_NUMBER'],
    [true, 'EXPECTED_NUMBER'],
    [new Date(0), 'UNEXPECTED_DATE'],
    [{ error: '#REF!' }, 'CELL_ERROR'],
    [{ formula: 'J10*2' }, 'FORMULA_WITHOUT_VALUE'],
  ])('%p → %s', (value, expected) => {
    expect(code(parseMoney(cellContent(value)))).toBe(expected);
  });
});

describe('parseQuantity', () => {
  it.each<[unknown, string | null]>([
    [undefined, null],
    [2.5, '2.5'],
    [1.2345, '1.2345'],
    ['2.50', '2.5'],
    ['12345678901234.5678', '12345678901234.5678'],
    [0, '0'],
  ])('%p → %p', (value, expected) => {
    expect(parseQuantity(cellContent(value))).toEqual({ ok: true, value: expected });
  });

  it.each<[unknown, string]>([
    [-1, 'NEGATIVE'],
    ['-2', 'NEGATIVE'],
    [1.23456, 'TOO_MANY_DECIMALS'],
    [1 / 3, 'TOO_MANY_DECIMALS'],
    [3e-7, 'TOO_MANY_DECIMALS'],
    [1e14, 'TOO_LARGE'],
    ['123456789012345', 'TOO_LARGE'],
    ['2,5', 'EXPECTED_NUMBER'],
    ['nhiều', 'EXPECTED_NUMBER'],
    [new Date(0), 'UNEXPECTED_DATE'],
  ])('%p → %s', (value, expected) => {
    expect(code(parseQuantity(cellContent(value)))).toBe(expected);
  });
});

describe('codes, parts, tiers and text', () => {
  it('a code is text; a number is refused rather than turned into a code', () => {
    expect(parseCode(cellContent(' 1.f '))).toEqual({ ok: true, value: '1.f' });
    expect(code(parseCode(cellContent(1.5)))).toBe('EXPECTED_TEXT');
    expect(code(parseCode(cellContent(new Date(0))))).toBe('UNEXPECTED_DATE');
  });

  it('part A or B, blank is B', () => {
    expect(code(parsePart(cellContent('a')))).toBe(true);
    expect(code(parsePart(cellContent('B')))).toBe(false);
    expect(code(parsePart(cellContent(undefined)))).toBe(false);
    expect(code(parsePart(cellContent('C')))).toBe('INVALID_VALUE');
  });

  it('tier 1–99, blank is 1', () => {
    expect(code(parseTier(cellContent(undefined)))).toBe(1);
    expect(code(parseTier(cellContent(99)))).toBe(99);
    expect(code(parseTier(cellContent('7')))).toBe(7);
    expect(code(parseTier(cellContent(0)))).toBe('INVALID_VALUE');
    expect(code(parseTier(cellContent(2.5)))).toBe('INVALID_VALUE');
    expect(code(parseTier(cellContent('cao')))).toBe('EXPECTED_NUMBER');
  });

  it('text is trimmed and bounded; a number is taken as text', () => {
    expect(parseText(cellContent('  bộ '), 50)).toEqual({ ok: true, value: 'bộ' });
    expect(parseText(cellContent(12), 50)).toEqual({ ok: true, value: '12' });
    // No visible character is an empty cell (required columns refuse it, optional ones keep no text).
    expect(parseText(cellContent('\u200b\u00a0 '), 50)).toEqual({ ok: true, value: null });
    expect(code(parseText(cellContent('x'.repeat(51)), 50))).toBe('TOO_LONG');
  });
});

describe('writing money and quantities', () => {
  it('a number up to 15 digits, text digits beyond', () => {
    expect(moneyCellValue(0n)).toBe(0);
    expect(moneyCellValue(999_999_999_999_999n)).toBe(999_999_999_999_999);
    expect(moneyCellValue(1_000_000_000_000_000n)).toBe('1000000000000000');
    expect(moneyCellValue(999_999_999_999_999_999n)).toBe('999999999999999999');
  });

  it('a quantity as a number only when it reads back the same with at most 15 digits', () => {
    expect(quantityCellValue('2.5000')).toBe(2.5);
    expect(quantityCellValue('1.0005')).toBe(1.0005);
    expect(quantityCellValue('12345678901.2345')).toBe(12345678901.2345); // 15 digits
    expect(quantityCellValue('123456789012.3456')).toBe('123456789012.3456'); // 16: a spreadsheet keeps 15
    expect(quantityCellValue('12345678901234.5678')).toBe('12345678901234.5678');
  });
});
