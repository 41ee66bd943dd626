import { existsSync, readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { LineFieldsDto } from '../estimates/dto/line.dto.js';
import { ESTIMATE_COLUMNS, ESTIMATE_SHEET, FIRST_DATA_ROW, GUIDE_SHEET, HEADER_ROW, LISTS_SHEET, column } from './estimate-layout.js';
import { MIN_INPUT_ROWS, buildEstimateWorkbook, streamEstimateWorkbook, writeEstimateWorkbook } from './estimate-template.js';
import { readEstimateWorkbook } from './estimate-workbook-reader.js';
import { catalogCodes, seedCatalog } from './seed-catalog.js';
import { BASE_LINES, EXPECTED_OK_LINES, FIXTURE_META, OK_LINES } from './testing/fixture-data.js';

const catalog = seedCatalog();
const codes = catalogCodes(catalog);

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

const cellAt = (sheet: ExcelJS.Worksheet, key: Parameters<typeof column>[0], row: number) => sheet.getCell(`${column(key).letter}${row}`);

/** Builds a workbook with `lines`, lets `edit` change the estimate sheet, and reads it back. */
async function readEdited(lines: readonly LineFieldsDto[], edit: (sheet: ExcelJS.Worksheet) => void) {
  const workbook = buildEstimateWorkbook(catalog, { ...FIXTURE_META, lines });
  edit(sheetOf(workbook, ESTIMATE_SHEET));
  return readEstimateWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()), codes);
}

describe('the template round-trips', () => {
  it('in memory: build with lines, write, read: the same lines, amounts exact, and the title block', async () => {
    const bytes = await writeEstimateWorkbook(catalog, { ...FIXTURE_META, lines: OK_LINES });
    const result = await readEstimateWorkbook(bytes, codes);
    expect(result).toEqual({ ok: true, lines: EXPECTED_OK_LINES, meta: FIXTURE_META, blankRows: MIN_INPUT_ROWS - OK_LINES.length, amountsComputed: [] });
  });

  it('streamed: the same lines', async () => {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    await streamEstimateWorkbook(catalog, { ...FIXTURE_META, lines: OK_LINES }, sink);
    const result = await readEstimateWorkbook(Buffer.concat(chunks), codes);
    expect(result.ok && result.lines).toEqual(EXPECTED_OK_LINES);
  });

  it('an empty template reads as no lines; estimate id and version are absent when not given', async () => {
    const bytes = await writeEstimateWorkbook(catalog, { unitName: 'UBND huyện Gia Bình', unitCode: 'GB', year: 2013 });
    await expect(readEstimateWorkbook(bytes, codes)).resolves.toEqual({
      ok: true,
      lines: [],
      meta: { unitName: 'UBND huyện Gia Bình', unitCode: 'GB', year: 2013 },
      blankRows: MIN_INPUT_ROWS,
      amountsComputed: [],
    });
  });

  it('templates/estimate-template.xlsx (npm run templates) imports as an empty estimate', async () => {
    const file = fileURLToPath(new URL('../../../templates/estimate-template.xlsx', import.meta.url));
    expect(existsSync(file)).toBe(true);
    const result = await readEstimateWorkbook(readFileSync(file), codes);
    expect(result).toMatchObject({ ok: true, lines: [], meta: { year: expect.any(Number) } });
  });
});

describe('money cells', () => {
  it('amounts of up to 15 digits are numbers; longer ones are text digits, never floats', async () => {
    const sheet = sheetOf(await load(await writeEstimateWorkbook(catalog, { ...FIXTURE_META, lines: OK_LINES })), ESTIMATE_SHEET);
    const row = (i: number) => FIRST_DATA_ROW + i;
    expect(cellAt(sheet, 'unitPrice', row(0)).value).toBe(1250000000);
    expect(cellAt(sheet, 'amount', row(0)).value).toEqual({ formula: expect.stringContaining(`ROUND(ROUND(I${row(0)}*J${row(0)},4),0)`), result: 1250000000 });
    expect(cellAt(sheet, 'amount', row(1)).value).toMatchObject({ result: 2503 });
    expect(cellAt(sheet, 'unitPrice', row(3)).value).toBe('123456789012345678');
    expect(cellAt(sheet, 'amount', row(3)).value).toBe('123456789012345678');
    expect(cellAt(sheet, 'amount', row(3)).protection).toMatchObject({ locked: false }); // can be cleared
    expect(cellAt(sheet, 'multiYearTotal', row(3)).value).toBe('987654321098765432');
    expect(cellAt(sheet, 'unitPrice', row(4)).value).toBe('3002399751580331'); // 16 digits: LibreOffice would round a number
    expect(cellAt(sheet, 'amount', row(4)).value).toBe('9007199254740993');
    expect(cellAt(sheet, 'prevYearExpected', row(5)).value).toBe('9007199254740991');
    expect(cellAt(sheet, 'projectionNext1', row(5)).value).toBe(999999999999999);
    expect(cellAt(sheet, 'quantity', row(1)).value).toBe(2.5);
    expect(cellAt(sheet, 'quantity', row(6)).value).toBe('12345678901234.5678');
    for (const key of ['unitPrice', 'projectionNext1'] as const) expect(cellAt(sheet, key, row(5)).numFmt).toBe('#,##0');
    expect(cellAt(sheet, 'prevYearExpected', row(5)).numFmt).toBe('@');
    expect(cellAt(sheet, 'unitPrice', row(3)).numFmt).toBe('@');
  });

  it('a formula may be one đồng off (floating point), no more; a typed amount must be exact', async () => {
    // BASE_LINES[1]: 2 × 250,000,000 = 500,000,000 at row 11.
    const row = FIRST_DATA_ROW + 1;
    const withCached = (result: number) => readEdited(BASE_LINES, (sheet) => {
      cellAt(sheet, 'amount', row).value = { formula: 'ROUND(I11*J11,0)', result };
    });
    await expect(withCached(500000001)).resolves.toMatchObject({ ok: true });
    await expect(withCached(499999999)).resolves.toMatchObject({ ok: true });
    await expect(withCached(500000002)).resolves.toMatchObject({ ok: false, problems: [{ row, column: 'K', code: 'AMOUNT_MISMATCH' }] });
    await expect(withCached(500000000.5)).resolves.toMatchObject({ ok: false, problems: [{ code: 'AMOUNT_MISMATCH' }] });
    const typed = (value: number | string) => readEdited(BASE_LINES, (sheet) => {
      cellAt(sheet, 'amount', row).value = value;
    });
    await expect(typed(500000000)).resolves.toMatchObject({ ok: true });
    await expect(typed('500000000')).resolves.toMatchObject({ ok: true });
    await expect(typed(500000001)).resolves.toMatchObject({ ok: false, problems: [{ row, column: 'K', code: 'AMOUNT_MISMATCH' }] });
  });

  it('past 15 digits a formula is compared to 15 significant digits, the amount returned exact', async () => {
    // 1000 × 1,234,567,890,123 = 1,234,567,890,123,000 (16 digits: one unit of the 15th digit is 10).
    const line: LineFieldsDto = { ...BASE_LINES[0], quantity: '1000', unitPrice: '1234567890123' };
    const withCached = (result: number) => readEdited([line], (sheet) => {
      cellAt(sheet, 'amount', FIRST_DATA_ROW).value = { formula: 'ROUND(I10*J10,0)', result };
    });
    const near = await withCached(1234567890123010);
    expect(near.ok && near.lines[0].amount).toBe('1234567890123000');
    await expect(withCached(1234567890123020)).resolves.toMatchObject({ ok: false, problems: [{ code: 'AMOUNT_MISMATCH' }] });
  });

  it('a cleared amount cell is computed; a blank row between lines is skipped', async () => {
    const result = await readEdited(BASE_LINES, (sheet) => {
      cellAt(sheet, 'amount', FIRST_DATA_ROW).value = null;
      const blank = sheet.getRow(FIRST_DATA_ROW + 1);
      for (const spec of ESTIMATE_COLUMNS) blank.getCell(spec.index).value = null;
    });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    expect(result.lines.map((l) => [l.description, l.amount])).toEqual([
      ['Máy tính cho cán bộ', '150000000'],
      ['Thuê phần mềm quản lý văn bản', '60000000'],
      ['Đào tạo', '120000000'],
    ]);
  });
});

describe('the layout officials know, and its safeguards', () => {
  let workbook: ExcelJS.Workbook;
  let sheet: ExcelJS.Worksheet;
  beforeAll(async () => {
    workbook = await load(await writeEstimateWorkbook(catalog, { ...FIXTURE_META, lines: BASE_LINES }));
    sheet = sheetOf(workbook, ESTIMATE_SHEET);
  });

  it('sheets DuToan, HuongDan and a hidden DanhMuc, in that order', () => {
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      [ESTIMATE_SHEET, 'visible'],
      [GUIDE_SHEET, 'visible'],
      [LISTS_SHEET, 'hidden'],
    ]);
  });

  it('the title block carries unit, year, estimate id and version', () => {
    expect(sheet.getCell('A1').value).toBe('PHỤ LỤC 04 — DỰ TOÁN CHI ỨNG DỤNG CÔNG NGHỆ THÔNG TIN NĂM 2012');
    expect([3, 4, 5, 6, 7].map((r) => sheet.getCell(`C${r}`).value)).toEqual([
      FIXTURE_META.unitName,
      FIXTURE_META.unitCode,
      2012,
      FIXTURE_META.estimateId,
      4,
    ]);
  });

  it('headers in annex order, Vietnamese above English, locked; the sheet protected without a password and frozen under the header', () => {
    const header = sheet.getRow(HEADER_ROW);
    const texts = ESTIMATE_COLUMNS.map((c) => header.getCell(c.index).text.split('\n'));
    expect(texts.map(([vi]) => vi)).toEqual([
      'STT',
      'Nội dung',
      'Lĩnh vực',
      'Loại chi',
      'Nguồn vốn',
      'Loại hoạt động',
      'Chuyển tiếp (A/B)',
      'Đơn vị tính',
      'Số lượng',
      'Đơn giá',
      'Thành tiền (dự toán năm N)',
      'Trong đó: dự phòng',
      'Tổng mức dự toán',
      'Lũy kế đến N-2',
      'Dự toán N-1',
      'Ước thực hiện N-1',
      'Dự kiến N+1',
      'Dự kiến N+2',
      'Mức ưu tiên',
      'Mức tối thiểu cam kết',
      'Thuyết minh',
      'Loại-Khoản',
      'Mục-Tiểu mục',
      'Thẩm định năm N',
      'Chênh lệch thẩm định',
    ]);
    expect(texts.every((parts) => parts.length === 2 && parts[1].length > 0)).toBe(true);
    expect(ESTIMATE_COLUMNS.every((c) => header.getCell(c.index).protection?.locked !== false)).toBe(true);
    const { sheetProtection } = sheet as unknown as { sheetProtection: Record<string, unknown> };
    expect(sheetProtection).toMatchObject({ sheet: true, insertRows: true, deleteRows: true });
    expect(sheetProtection).not.toHaveProperty('hashValue'); // no password
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
  });

  it('input cells unlocked, the amount formula locked, đồng as #,##0', () => {
    const emptyRow = FIRST_DATA_ROW + BASE_LINES.length;
    for (const key of ['description', 'planAreaCode', 'quantity', 'unitPrice', 'committedMinimum', 'justification'] as const) {
      expect(cellAt(sheet, key, FIRST_DATA_ROW).protection?.locked).toBe(false);
      expect(sheet.getColumn(column(key).index).protection?.locked).toBe(false);
    }
    expect(cellAt(sheet, 'amount', FIRST_DATA_ROW).protection?.locked).not.toBe(false);
    expect(cellAt(sheet, 'amount', emptyRow).value).toMatchObject({ formula: `IF(OR(I${emptyRow}="",J${emptyRow}=""),"",ROUND(ROUND(I${emptyRow}*J${emptyRow},4),0))` });
    for (const key of ['unitPrice', 'amount', 'multiYearTotal', 'committedMinimum'] as const) expect(sheet.getColumn(column(key).index).numFmt).toBe('#,##0');
  });

  it('drop-downs on every coded column, fed from DanhMuc (plan areas: selectable leaves only)', () => {
    const validation = (key: Parameters<typeof column>[0], row = FIRST_DATA_ROW) =>
      (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model[`${column(key).letter}${row}`];
    const leaves = catalog.planAreas.filter((a) => a.selectable);
    expect(validation('planAreaCode')).toMatchObject({ type: 'list', formulae: [`${LISTS_SHEET}!$A$2:$A$${1 + leaves.length}`], showErrorMessage: true });
    expect(validation('planAreaCode', FIRST_DATA_ROW + MIN_INPUT_ROWS - 1)).toMatchObject({ type: 'list' });
    expect(validation('expenditureTypeCode')).toMatchObject({ type: 'list', formulae: [`${LISTS_SHEET}!$C$2:$C$3`] });
    expect(validation('fundingSourceCode')).toMatchObject({ type: 'list', formulae: [`${LISTS_SHEET}!$E$2:$E$10`] });
    expect(validation('activityKindCode')).toMatchObject({ type: 'list', formulae: [`${LISTS_SHEET}!$G$2:$G$5`] });
    expect(validation('isContinuing')).toMatchObject({ type: 'list', formulae: ['"A,B"'] });
    expect(validation('priorityTier')).toMatchObject({ type: 'whole', operator: 'between', formulae: [1, 99] });

    const lists = sheetOf(workbook, LISTS_SHEET);
    const listed = (letter: string, count: number) => Array.from({ length: count }, (_, i) => lists.getCell(`${letter}${i + 2}`).value);
    expect(listed('A', leaves.length)).toEqual(leaves.map((a) => a.code));
    expect(listed('A', leaves.length)).not.toContain('2.1');
    expect(listed('E', catalog.fundingSources.length)).toEqual(catalog.fundingSources.map((s) => s.code));
  });

  it('HuongDan explains every column and lists every code with its Vietnamese and English name', () => {
    const guide = sheetOf(workbook, GUIDE_SHEET);
    const rows: string[][] = [];
    guide.eachRow((row) => rows.push(Array.from({ length: 6 }, (_, i) => row.getCell(i + 1).text)));
    const text = rows.map((r) => r.join('|')).join('\n');
    for (const spec of ESTIMATE_COLUMNS) expect(text).toContain(`${spec.letter}|${spec.vi}|${spec.en}|`);
    const everything = [...catalog.planAreas, ...catalog.fundingSources, ...catalog.expenditureTypes, ...catalog.activityKinds];
    for (const item of everything) {
      const row = rows.find((r) => r[1] === item.code);
      expect(row).toBeDefined();
      expect(row?.[2].trim()).toBe(item.name);
      expect(row?.[4]).toBe(item.nameEn);
    }
    expect(rows.find((r) => r[1] === '2.1')?.[3]).toMatch(/không chọn/);
    expect(rows.find((r) => r[1] === '2.1.a')?.[3]).toMatch(/Có/);
  });
});
