import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { MAX_NUMERIC_CELL_AMOUNT } from './cell-values.js';
import {
  type ConsolidatedReportData,
  EXCLUDED_LABEL,
  FIRST_DATA_ROW,
  FLOOR_BLOCKING_LABEL,
  FLOOR_WARNING_LABEL,
  HEADER_ROW,
  PROGRESS_EVERY,
  REPORT_SHEETS,
  type ReportLine,
  TOTAL_LABEL,
  writeConsolidatedReport,
} from './consolidated-report.js';
import { sheetBacklog } from './stream-pressure.js';

const TWO_POW_53_PLUS_1 = 9_007_199_254_740_993n; // 2^53 + 1: a double cannot hold it
const EIGHTEEN_DIGITS = 123_456_789_012_345_678n; // above 10^15
const LINE_COUNT = 12_345;

// ---------------------------------------------------------------------------------------------------
// Hand-made data

function baseData(overrides: Partial<ConsolidatedReportData> = {}): ConsolidatedReportData {
  return {
    year: 2025,
    generatedAt: '2025-03-01T08:30:00.000Z',
    budget: { status: 'APPROVED', decisionNumber: '123/QĐ-UBND', decisionDate: '2025-02-20', warnings: ['Đơn vị X nộp muộn / unit X submitted late', 'Thiếu mức sàn / floor not met'] },
    floor: {
      totalLocalExpenditure: 5_000_000_000_000n,
      floorRatio: '0.01',
      floorAmount: 50_000_000_000n,
      itTotal: 48_765_432_100n,
      requestedTotal: 61_000_000_000n,
      compliant: false,
      shortfall: 1_234_567_900n,
      floorPolicy: 'WARN',
    },
    byUnit: [
      { unitCode: 'STTTT', unitName: 'Sở Thông tin và Truyền thông', status: 'APPROVED', excluded: false, requested: 1_250_000_000n, approved: 1_000_000_000n },
      { unitCode: 'SYT', unitName: 'Sở Y tế', status: 'BALANCED', excluded: false, requested: TWO_POW_53_PLUS_1, approved: TWO_POW_53_PLUS_1 - 1n },
      { unitCode: 'GB', unitName: 'UBND huyện Gia Bình', status: 'RETURNED', excluded: true, requested: 5_000_000n, approved: 0n },
      { unitCode: 'SKHDT', unitName: 'Sở Kế hoạch và Đầu tư', status: 'APPROVED', excluded: false, requested: EIGHTEEN_DIGITS, approved: 100_000_000_000_000_000n },
      { unitCode: 'TX', unitName: 'UBND thị xã Từ Sơn', status: 'SUBMITTED', excluded: true, requested: 999_999_999_999_999n, approved: 7n },
    ],
    byPlanArea: [
      { code: 'HT', name: 'Hạ tầng / Infrastructure', requested: 700_000_000n, approved: 650_000_000n },
      { code: 'UD', name: 'Ứng dụng / Applications', requested: 550_000_000n, approved: 350_000_000n },
      { code: 'NL', name: 'Nguồn nhân lực / People', requested: 1n, approved: 0n },
    ],
    byFundingSource: [
      { code: 'NSDP', name: 'Ngân sách địa phương', requested: TWO_POW_53_PLUS_1, approved: 3n },
      { code: 'NSTW', name: 'Ngân sách trung ương', requested: EIGHTEEN_DIGITS, approved: EIGHTEEN_DIGITS },
    ],
    byExpenditureType: [
      // 15 digits each, 16 digits together: the total must become text.
      { code: 'DT', name: 'Đầu tư / Investment', requested: 999_999_999_999_999n, approved: 500_000_000_000_000n },
      { code: 'TX', name: 'Thường xuyên / Recurrent', requested: 1n, approved: 499_999_999_999_999n },
    ],
    support: [
      { unitCode: 'GB', unitName: 'UBND huyện Gia Bình', fundingSourceCode: 'NSDP', amount: 300_000_000n, decisionNumber: '45/QĐ-UBND', decisionDate: '2025-01-10' },
      { unitCode: 'LT', unitName: 'UBND huyện Lương Tài', fundingSourceCode: 'NSTW', amount: TWO_POW_53_PLUS_1, decisionNumber: null, decisionDate: null },
    ],
    lines: [],
    ...overrides,
  };
}

function line(i: number): ReportLine {
  const big = i % 1000 === 7;
  return {
    unitCode: `U${i % 17}`,
    unitName: `Đơn vị ${i % 17}`,
    lineNo: (i % 250) + 1,
    description: i === 3 ? 'Mua\u0001 máy\u0008 chủ\uFFFF' : `Nội dung ${i}`,
    planAreaCode: 'HT',
    expenditureTypeCode: 'DT',
    fundingSourceCode: 'NSDP',
    activityKindCode: 'DA',
    measureUnit: 'bộ',
    quantity: i % 3 === 0 ? '2.5' : '3',
    unitPrice: big ? EIGHTEEN_DIGITS / 3n : BigInt(1000 + i),
    amount: big ? EIGHTEEN_DIGITS - BigInt(i) : BigInt(3 * (1000 + i)),
    approvedAmount: i % 5 === 0 ? null : big ? TWO_POW_53_PLUS_1 : BigInt(1000 + i),
    status: 'APPROVED',
  };
}

/** Lines as a database cursor gives them: asynchronously. */
async function* lines(count: number): AsyncGenerator<ReportLine> {
  for (let i = 0; i < count; i++) {
    if (i % 100 === 0) await Promise.resolve();
    yield line(i);
  }
}

// ---------------------------------------------------------------------------------------------------
// Reading back

async function write(data: ConsolidatedReportData, onProgress?: (n: number) => void): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeConsolidatedReport(data, sink, onProgress);
  return Buffer.concat(chunks);
}

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

/** A money cell back to bigint, exactly: a whole number of at most 15 digits, or text digits. */
function exact(cell: ExcelJS.Cell): bigint {
  const value = cell.value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0 || value > MAX_NUMERIC_CELL_AMOUNT) throw new Error(`${cell.address}: ${value} is not an exact money number`);
    return BigInt(value);
  }
  if (typeof value === 'string' && /^[0-9]+$/.test(value)) return BigInt(value);
  throw new Error(`${cell.address}: ${JSON.stringify(value)} is not money`);
}

/** Row number of the first row with `text` in `column` (or starting with it). */
function rowWith(sheet: ExcelJS.Worksheet, column: number, text: string): number {
  for (let r = 1; r <= sheet.rowCount; r++) {
    const value = sheet.getRow(r).getCell(column).value;
    if (typeof value === 'string' && value.startsWith(text)) return r;
  }
  return -1;
}

const money = (sheet: ExcelJS.Worksheet, row: number, column: number) => exact(sheet.getRow(row).getCell(column));
const text = (sheet: ExcelJS.Worksheet, row: number, column: number) => sheet.getRow(row).getCell(column).value;
const sumOf = (values: Iterable<bigint>) => {
  let total = 0n;
  for (const value of values) total += value;
  return total;
};

/** The B value of the TongHop / SanCNTT row labelled `label`. */
function valueOf(sheet: ExcelJS.Worksheet, label: string): ExcelJS.Cell {
  const r = rowWith(sheet, 1, label);
  if (r < 0) throw new Error(`no row ${label} in ${sheet.name}`);
  return sheet.getRow(r).getCell(2);
}

/** Checks a money cell's number format: #,##0 for numbers, text (@) for digit strings. */
function expectMoneyFormat(cell: ExcelJS.Cell): void {
  if (typeof cell.value === 'number') expect(cell.numFmt).toBe('#,##0');
  else expect(cell.numFmt).toBe('@');
}

// ---------------------------------------------------------------------------------------------------

describe('the consolidated workbook', () => {
  let workbook: ExcelJS.Workbook;
  let progress: number[];
  const data = baseData();

  beforeAll(async () => {
    progress = [];
    workbook = await load(await write({ ...data, lines: lines(LINE_COUNT) }, (n) => progress.push(n)));
  });

  it('has the nine sheets, in order, with names Excel accepts', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'TongHop',
      'TheoDonVi',
      'TheoLinhVuc',
      'TheoNguon',
      'TheoLoaiChi',
      'SanCNTT',
      'HoTro',
      'DieuChinh',
      'ChiTiet',
    ]);
    expect(Object.values(REPORT_SHEETS)).toEqual(workbook.worksheets.map((sheet) => sheet.name));
    for (const sheet of workbook.worksheets) {
      expect(sheet.name.length).toBeLessThanOrEqual(31);
      expect(sheet.name).toMatch(/^[A-Za-z0-9]+$/);
      // Vietnamese title with English after the slash, header row in both languages.
      expect(text(sheet, 1, 1)).toMatch(/ \/ [A-Z]/);
      expect(text(sheet, HEADER_ROW, 1)).toEqual(expect.stringContaining('\n'));
    }
  });

  describe.each([
    ['byPlanArea', 4, 5],
    ['byFundingSource', 4, 5],
    ['byExpenditureType', 4, 5],
  ] as const)('%s', (key, requestedColumn, approvedColumn) => {
    it('lists every entry and a TOTAL row holding the exact sums', () => {
      const sheet = sheetOf(workbook, REPORT_SHEETS[key]);
      const entries = data[key];
      const totalRow = rowWith(sheet, 3, TOTAL_LABEL);
      expect(totalRow).toBe(FIRST_DATA_ROW + entries.length);
      const rows = entries.map((_, i) => FIRST_DATA_ROW + i);
      expect(rows.map((r) => text(sheet, r, 2))).toEqual(entries.map((entry) => entry.code));
      expect(rows.map((r) => money(sheet, r, requestedColumn))).toEqual(entries.map((entry) => entry.requested));
      expect(rows.map((r) => money(sheet, r, approvedColumn))).toEqual(entries.map((entry) => entry.approved));
      expect(money(sheet, totalRow, requestedColumn)).toBe(sumOf(rows.map((r) => money(sheet, r, requestedColumn))));
      expect(money(sheet, totalRow, approvedColumn)).toBe(sumOf(rows.map((r) => money(sheet, r, approvedColumn))));
      expect(money(sheet, totalRow, requestedColumn)).toBe(sumOf(entries.map((entry) => entry.requested)));
      expect(money(sheet, totalRow, approvedColumn)).toBe(sumOf(entries.map((entry) => entry.approved)));
      for (const r of [...rows, totalRow]) {
        expectMoneyFormat(sheet.getRow(r).getCell(requestedColumn));
        expectMoneyFormat(sheet.getRow(r).getCell(approvedColumn));
      }
    });
  });

  it('totals of up to 15 digits are numbers (#,##0), not text or formulas; longer ones exact text digits', () => {
    const planArea = sheetOf(workbook, REPORT_SHEETS.byPlanArea);
    const total = planArea.getRow(rowWith(planArea, 3, TOTAL_LABEL));
    expect(total.getCell(4).value).toBe(1_250_000_001);
    expect(total.getCell(5).value).toBe(1_000_000_000);
    expect(total.getCell(4).numFmt).toBe('#,##0');
    expect(total.getCell(4).type).toBe(ExcelJS.ValueType.Number);

    const types = sheetOf(workbook, REPORT_SHEETS.byExpenditureType);
    const typeTotal = types.getRow(rowWith(types, 3, TOTAL_LABEL));
    expect(types.getRow(FIRST_DATA_ROW).getCell(4).value).toBe(999_999_999_999_999);
    expect(typeTotal.getCell(4).value).toBe('1000000000000000'); // 16 digits
    expect(typeTotal.getCell(5).value).toBe(999_999_999_999_999);

    const sources = sheetOf(workbook, REPORT_SHEETS.byFundingSource);
    expect(sources.getRow(FIRST_DATA_ROW).getCell(4).value).toBe('9007199254740993');
    expect(sources.getRow(FIRST_DATA_ROW + 1).getCell(4).value).toBe('123456789012345678');
    expect(sources.getRow(FIRST_DATA_ROW + 1).getCell(4).alignment).toMatchObject({ horizontal: 'right' });
  });

  it('by unit: the TOTAL counts the included units only, the excluded ones are summed apart', () => {
    const sheet = sheetOf(workbook, REPORT_SHEETS.byUnit);
    const totalRow = rowWith(sheet, 3, TOTAL_LABEL);
    expect(totalRow).toBe(FIRST_DATA_ROW + data.byUnit.length);
    const rows = data.byUnit.map((_, i) => FIRST_DATA_ROW + i);
    expect(rows.map((r) => text(sheet, r, 2))).toEqual(data.byUnit.map((unit) => unit.unitCode));
    const included = rows.filter((r) => text(sheet, r, 5) === 'Có / Yes');
    const excluded = rows.filter((r) => text(sheet, r, 5) === 'Không (loại trừ) / No (excluded)');
    expect(included).toHaveLength(3);
    expect(excluded).toHaveLength(2);
    for (const column of [6, 7]) {
      expect(money(sheet, totalRow, column)).toBe(sumOf(included.map((r) => money(sheet, r, column))));
      expect(money(sheet, totalRow + 1, column)).toBe(sumOf(excluded.map((r) => money(sheet, r, column))));
    }
    expect(money(sheet, totalRow, 6)).toBe(1_250_000_000n + TWO_POW_53_PLUS_1 + EIGHTEEN_DIGITS);
    expect(text(sheet, totalRow + 1, 3)).toBe(EXCLUDED_LABEL);
    expect(text(sheet, FIRST_DATA_ROW + 1, 4)).toBe('Đã cân đối / Balanced (BALANCED)');
  });

  it('support decisions: one row each and the exact total', () => {
    const sheet = sheetOf(workbook, REPORT_SHEETS.support);
    const totalRow = rowWith(sheet, 3, TOTAL_LABEL);
    expect(totalRow).toBe(FIRST_DATA_ROW + 2);
    expect(money(sheet, FIRST_DATA_ROW, 6)).toBe(300_000_000n);
    expect(money(sheet, totalRow, 6)).toBe(money(sheet, FIRST_DATA_ROW, 6) + money(sheet, FIRST_DATA_ROW + 1, 6));
    expect(money(sheet, totalRow, 6)).toBe(300_000_000n + TWO_POW_53_PLUS_1);
    expect(text(sheet, FIRST_DATA_ROW, 5)).toBe('Ngân sách địa phương');
    expect(text(sheet, FIRST_DATA_ROW, 7)).toBe('45/QĐ-UBND');
    expect(text(sheet, FIRST_DATA_ROW, 8)).toBe('10/01/2025');
  });

  it('the summary: year, status, decision, totals of the included units, floor figures and warnings', () => {
    const sheet = sheetOf(workbook, REPORT_SHEETS.summary);
    expect(valueOf(sheet, 'Năm ngân sách').value).toBe(2025);
    expect(valueOf(sheet, 'Trạng thái').value).toBe('Đã phê duyệt / Approved (APPROVED)');
    expect(valueOf(sheet, 'Số quyết định').value).toBe('123/QĐ-UBND');
    expect(valueOf(sheet, 'Ngày quyết định').value).toBe('20/02/2025');
    expect(valueOf(sheet, 'Số đơn vị được tổng hợp').value).toBe(3);
    expect(exact(valueOf(sheet, 'Tổng dự toán đề nghị'))).toBe(1_250_000_000n + TWO_POW_53_PLUS_1 + EIGHTEEN_DIGITS);
    // Approved: as decided (labelled with the decision), the adjusted total beside it.
    expect(exact(valueOf(sheet, 'Tổng dự toán phê duyệt theo quyết định'))).toBe(1_000_000_000n + TWO_POW_53_PLUS_1 - 1n + 100_000_000_000_000_000n);
    expect(text(sheet, rowWith(sheet, 1, 'Tổng dự toán phê duyệt theo quyết định'), 3)).toContain('123/QĐ-UBND');
    expect(exact(valueOf(sheet, 'Tổng dự toán sau điều chỉnh'))).toBe(1_000_000_000n + TWO_POW_53_PLUS_1 - 1n + 100_000_000_000_000_000n);

    expect(exact(valueOf(sheet, 'Tổng chi ngân sách địa phương'))).toBe(5_000_000_000_000n);
    expect(valueOf(sheet, 'Tỷ lệ sàn').value).toBe('0.01 (1%)');
    expect(exact(valueOf(sheet, 'Mức sàn'))).toBe(50_000_000_000n);
    expect(exact(valueOf(sheet, 'Chi CNTT phê duyệt'))).toBe(48_765_432_100n);
    expect(exact(valueOf(sheet, 'Chi CNTT đề nghị'))).toBe(61_000_000_000n);
    expect(valueOf(sheet, 'Kết quả').value).toBe('Không đạt / Not met');
    expect(exact(valueOf(sheet, 'Thiếu hụt'))).toBe(1_234_567_900n);
    expect(valueOf(sheet, 'Thiếu hụt (đồng) — hiện tại / live').value).toBe(1_234_567_900);
    expect(text(sheet, rowWith(sheet, 1, 'KIỂM TRA MỨC SÀN'), 1)).toContain('SỐ LIỆU HIỆN TẠI (01/03/2025 15:30)');
    // 08:30 UTC, written on Vietnam's clock as officials write it.
    expect(valueOf(sheet, 'Thời điểm lập báo cáo').value).toBe('01/03/2025 15:30');
    expect(valueOf(sheet, 'Mức sàn').numFmt).toBe('#,##0');
    expect(valueOf(sheet, 'Chính sách').value).toMatch(/^WARN/);
    // The warning row, under WARN and not compliant, on the summary too — in words: one shortfall on the sheet.
    expect(valueOf(sheet, FLOOR_WARNING_LABEL).value).toBe('Không đạt / Not met');
    let shortfalls = 0;
    sheet.eachRow((row) => row.eachCell((cell) => (shortfalls += cell.value === 1_234_567_900 ? 1 : 0)));
    expect(shortfalls).toBe(1);

    const warnings = rowWith(sheet, 1, 'CÁC CẢNH BÁO (KHI TRÌNH / AS SUBMITTED) / WARNINGS');
    expect(text(sheet, warnings + 1, 1)).toBe('• Đơn vị X nộp muộn / unit X submitted late');
    expect(text(sheet, warnings + 2, 1)).toBe('• Thiếu mức sàn / floor not met');
  });

  it('the floor sheet: figures, and a visible warning row when not compliant under WARN', () => {
    const sheet = sheetOf(workbook, REPORT_SHEETS.floor);
    expect(exact(valueOf(sheet, 'Mức sàn'))).toBe(50_000_000_000n);
    expect(exact(valueOf(sheet, 'Chi CNTT phê duyệt'))).toBe(48_765_432_100n);
    expect(exact(valueOf(sheet, 'Thiếu hụt ('))).toBe(1_234_567_900n);
    expect(valueOf(sheet, 'Tỷ lệ chi CNTT phê duyệt').value).toBe('0.9753%');
    expect(exact(valueOf(sheet, 'Thiếu hụt nếu duyệt toàn bộ'))).toBe(0n);

    const r = rowWith(sheet, 1, FLOOR_WARNING_LABEL);
    expect(r).toBeGreaterThan(0);
    const row = sheet.getRow(r);
    expect(exact(row.getCell(2))).toBe(1_234_567_900n);
    expect(row.getCell(3).value).toContain('1.234.567.900 đồng');
    expect(row.getCell(3).value).toContain('WARN');
    for (const cell of [row.getCell(1), row.getCell(2), row.getCell(3)]) {
      expect(cell.font).toMatchObject({ bold: true, color: { argb: 'FFC00000' } });
      expect(cell.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } });
    }
    expect(rowWith(sheet, 1, FLOOR_BLOCKING_LABEL)).toBe(-1);
  });

  it('every line on ChiTiet, then a TOTAL row with the exact sums', () => {
    const sheet = sheetOf(workbook, REPORT_SHEETS.lines);
    const totalRow = FIRST_DATA_ROW + LINE_COUNT;
    expect(sheet.rowCount).toBe(totalRow);
    expect(text(sheet, totalRow, 5)).toBe(`${TOTAL_LABEL} (12,345 dòng / lines)`);
    expect(text(sheet, totalRow - 1, 1)).toBe(LINE_COUNT);
    const expected = Array.from({ length: LINE_COUNT }, (_, i) => line(i));
    let requested = 0n;
    let approved = 0n;
    for (let i = 0; i < LINE_COUNT; i++) {
      const row = sheet.getRow(FIRST_DATA_ROW + i);
      requested += exact(row.getCell(13));
      if (row.getCell(14).value !== null) approved += exact(row.getCell(14));
    }
    expect(requested).toBe(sumOf(expected.map((l) => l.amount)));
    expect(approved).toBe(sumOf(expected.map((l) => l.approvedAmount ?? 0n)));
    expect(money(sheet, totalRow, 13)).toBe(requested);
    expect(money(sheet, totalRow, 14)).toBe(approved);

    const big = sheet.getRow(FIRST_DATA_ROW + 7);
    expect(big.getCell(13).value).toBe((EIGHTEEN_DIGITS - 7n).toString());
    expect(big.getCell(13).numFmt).toBe('@');
    expect(big.getCell(14).value).toBe('9007199254740993');
    expect(big.getCell(12).value).toBe((EIGHTEEN_DIGITS / 3n).toString());
    const plain = sheet.getRow(FIRST_DATA_ROW + 1);
    expect(plain.getCell(12).value).toBe(1001);
    expect(plain.getCell(13).value).toBe(3003);
    expect(plain.getCell(13).numFmt).toBe('#,##0');
    expect(plain.getCell(2).value).toBe('U1');
    expect(plain.getCell(11).value).toBe(3);
    expect(sheet.getRow(FIRST_DATA_ROW).getCell(11).value).toBe(2.5);
    expect(sheet.getRow(FIRST_DATA_ROW).getCell(14).value).toBeNull(); // no approved amount: blank, not 0
    expect(sheet.getRow(FIRST_DATA_ROW + 3).getCell(5).value).toBe('Mua máy chủ'); // characters XML cannot hold are dropped
  });

  it('reports progress every PROGRESS_EVERY lines and once at the end', () => {
    expect(progress).toEqual([PROGRESS_EVERY, 2 * PROGRESS_EVERY, LINE_COUNT]);
  });

  it('print setup on every sheet: A4 landscape, fit to width, header row repeated, header frozen', () => {
    for (const sheet of workbook.worksheets) {
      expect({ name: sheet.name, ...sheet.pageSetup }).toMatchObject({
        name: sheet.name,
        orientation: 'landscape',
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      });
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    }
  });
});

describe('decided and adjusted figures kept apart', () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    const data = baseData();
    workbook = await load(
      await write({
        ...data,
        budget: { ...data.budget, warnings: ['Thiếu 5.000.000 đồng so với mức sàn 50.000.000 / IT is 5.000.000 đồng short', 'Đơn vị X nộp muộn / late'] },
        byUnit: [
          { unitCode: 'A', unitName: 'Đơn vị A', status: 'APPROVED', excluded: false, requested: 900n, approved: 800n, adjusted: 750n },
          { unitCode: 'B', unitName: 'Đơn vị B', status: 'APPROVED', excluded: false, requested: 500n, approved: 500n, adjusted: 500n },
        ],
        byPlanArea: [{ code: 'HT', name: 'Hạ tầng', requested: 1_400n, approved: 1_300n, adjusted: 1_250n }],
        support: [{ unitCode: 'GB', unitName: 'UBND huyện Gia Bình', fundingSourceCode: 'PROVINCIAL_SUPPORT', fundingSourceName: 'Hỗ trợ từ ngân sách tỉnh', amount: 9n, decisionNumber: null, decisionDate: null }],
        adjustments: [
          { unitCode: 'A', lineNo: 2, description: 'Thuê đường truyền', before: 300n, after: 250n, reason: 'Giảm theo QĐ 99', actor: 'Chuyên viên Sở Tài chính (dof.officer)', at: '2025-04-01T02:00:00.000Z' },
        ],
        lines: [
          { ...line(1), amount: 900n, approvedAmount: 800n, adjustedAmount: 750n },
          { ...line(2), amount: 500n, approvedAmount: 500n, adjustedAmount: 500n },
        ],
      }),
    );
  });

  it('approved (as decided) and adjusted columns side by side, each TOTAL its own sum', () => {
    const byUnit = sheetOf(workbook, REPORT_SHEETS.byUnit);
    expect(text(byUnit, HEADER_ROW, 7)).toContain('Approved');
    expect(text(byUnit, HEADER_ROW, 8)).toContain('Adjusted');
    const total = rowWith(byUnit, 3, TOTAL_LABEL);
    expect([money(byUnit, total, 7), money(byUnit, total, 8)]).toEqual([1_300n, 1_250n]);
    const area = sheetOf(workbook, REPORT_SHEETS.byPlanArea);
    expect([money(area, FIRST_DATA_ROW, 5), money(area, FIRST_DATA_ROW, 6)]).toEqual([1_300n, 1_250n]);
    const lines = sheetOf(workbook, REPORT_SHEETS.lines);
    const linesTotal = rowWith(lines, 5, TOTAL_LABEL);
    expect([money(lines, linesTotal, 14), money(lines, linesTotal, 20)]).toEqual([1_300n, 1_250n]);
    const summary = sheetOf(workbook, REPORT_SHEETS.summary);
    expect(exact(valueOf(summary, 'Tổng dự toán phê duyệt theo quyết định'))).toBe(1_300n);
    expect(exact(valueOf(summary, 'Tổng dự toán sau điều chỉnh'))).toBe(1_250n);
  });

  it('an adjustments sheet with the line, before, after, reason, who and when', () => {
    const sheet = sheetOf(workbook, REPORT_SHEETS.adjustments);
    expect([1, 2, 3, 4, 7, 8, 9].map((c) => sheet.getRow(FIRST_DATA_ROW).getCell(c).value)).toEqual([
      1,
      'A',
      2,
      'Thuê đường truyền',
      'Giảm theo QĐ 99',
      'Chuyên viên Sở Tài chính (dof.officer)',
      '01/04/2025 09:00', // 02:00 UTC on Vietnam's clock
    ]);
    expect([money(sheet, FIRST_DATA_ROW, 5), money(sheet, FIRST_DATA_ROW, 6)]).toEqual([300n, 250n]);
  });

  it('the summary leaves the floor warning kept from the submission out (one shortfall, the live one); the support sheet names every source', () => {
    const summary = sheetOf(workbook, REPORT_SHEETS.summary);
    const warnings = rowWith(summary, 1, 'CÁC CẢNH BÁO');
    expect(text(summary, warnings + 1, 1)).toBe('• Đơn vị X nộp muộn / late');
    expect(rowWith(summary, 1, '• Thiếu 5.000.000')).toBe(-1);
    expect(text(sheetOf(workbook, REPORT_SHEETS.support), FIRST_DATA_ROW, 5)).toBe('Hỗ trợ từ ngân sách tỉnh');
  });
});

describe('the floor rows follow compliance and policy', () => {
  async function floorSheet(floor: Partial<ConsolidatedReportData['floor']>) {
    const data = baseData();
    const workbook = await load(await write({ ...data, floor: { ...data.floor, ...floor } }));
    return { summary: sheetOf(workbook, REPORT_SHEETS.summary), floor: sheetOf(workbook, REPORT_SHEETS.floor) };
  }

  it('compliant: no warning row', async () => {
    const sheets = await floorSheet({ itTotal: 50_000_000_000n, compliant: true, shortfall: 0n });
    for (const sheet of [sheets.summary, sheets.floor]) {
      expect(rowWith(sheet, 1, FLOOR_WARNING_LABEL)).toBe(-1);
      expect(rowWith(sheet, 1, FLOOR_BLOCKING_LABEL)).toBe(-1);
      expect(valueOf(sheet, 'Kết quả').value).toBe('Đạt / Met');
    }
  });

  it('not compliant under STOP: a blocking row, not the WARN warning', async () => {
    const sheets = await floorSheet({ floorPolicy: 'STOP' });
    expect(rowWith(sheets.floor, 1, FLOOR_WARNING_LABEL)).toBe(-1);
    expect(exact(valueOf(sheets.floor, FLOOR_BLOCKING_LABEL))).toBe(1_234_567_900n);
  });

  it('total local expenditure not set: undetermined, no floor amount, no warning row', async () => {
    const sheets = await floorSheet({ totalLocalExpenditure: null, floorAmount: null, compliant: null, shortfall: null });
    expect(valueOf(sheets.floor, 'Tổng chi ngân sách địa phương').value).toBe('Chưa nhập / Not set');
    expect(valueOf(sheets.floor, 'Mức sàn').value).toBe('—');
    expect(valueOf(sheets.floor, 'Kết quả').value).toMatch(/^Chưa xác định/);
    expect(rowWith(sheets.floor, 1, FLOOR_WARNING_LABEL)).toBe(-1);
  });
});

describe('streaming', () => {
  it('an empty year: every sheet, zero totals, progress reports 0', async () => {
    const progress: number[] = [];
    const workbook = await load(
      await write({ ...baseData(), byUnit: [], byPlanArea: [], byFundingSource: [], byExpenditureType: [], support: [], lines: [] }, (n) => progress.push(n)),
    );
    expect(progress).toEqual([0]);
    const sheet = sheetOf(workbook, REPORT_SHEETS.byPlanArea);
    expect(rowWith(sheet, 3, TOTAL_LABEL)).toBe(FIRST_DATA_ROW);
    expect(sheet.getRow(FIRST_DATA_ROW).getCell(4).value).toBe(0);
    expect(sheetOf(workbook, REPORT_SHEETS.lines).rowCount).toBe(FIRST_DATA_ROW);
  });

  it('sees the sheet XML waiting to be compressed (exceljs and archiver internals as the back-pressure expects them)', async () => {
    const sink = new PassThrough();
    sink.resume();
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
    const sheet = writer.addWorksheet('A');
    expect(sheetBacklog(sheet)).toBeLessThan(1024);
    for (let r = 1; r <= 5_000; r++) {
      const row = sheet.getRow(r);
      row.getCell(1).value = 'x'.repeat(200);
      row.commit();
    }
    // Written synchronously, nothing compressed yet: about 5,000 × 200 bytes of XML are waiting.
    expect(sheetBacklog(sheet)).toBeGreaterThan(900_000);
    sheet.commit();
    await writer.commit();
    expect(sheetBacklog(sheet)).toBe(0);
  });

  it('stops pulling lines while the output does not drain, and rejects when the output is closed; the line source is released', async () => {
    let pulled = 0;
    let released = false;
    async function* source(): AsyncGenerator<ReportLine> {
      try {
        for (let i = 0; i < 500_000; i++) {
          if (i % 100 === 0) await Promise.resolve();
          pulled++;
          yield line(i);
        }
      } finally {
        released = true;
      }
    }
    // An output that accepts its first chunk and then never calls back: a client that stopped reading.
    const stalled = new Writable({ highWaterMark: 16 * 1024, write: () => undefined });
    try {
      const writing = writeConsolidatedReport({ ...baseData(), lines: source() }, stalled);
      const settled = writing.then(
        () => 'resolved',
        (error: unknown) => error,
      );
      // Wait for the event that matters (the writer has stopped pulling), not for a fixed time: on a
      // loaded machine the compressor may still be filling its buffers after any fixed delay.
      const pulledWhileStalled = await steadyCount(() => pulled);
      // Bounded by the back-pressure limit (a few MB of sheet XML), far from all 500,000 lines.
      expect(pulledWhileStalled).toBeGreaterThan(0);
      expect(pulledWhileStalled).toBeLessThan(100_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(pulled - pulledWhileStalled).toBeLessThan(2 * 1000); // still waiting, not reading on

      stalled.destroy();
      const outcome = await settled;
      expect(outcome).toBeInstanceOf(Error);
      expect((outcome as Error).message).toMatch(/output closed/);
      expect(released).toBe(true);
    } finally {
      stalled.destroy(); // never leave the writer waiting on a stalled output
    }
  }, 20_000);

  it('rejects, rather than waiting for ever, when the output is destroyed while the file is being finished', async () => {
    // Takes every byte, then is destroyed instead of finishing: 'close' without 'finish'.
    const output = new Writable({
      write: (_chunk, _encoding, callback) => callback(),
      final() {
        this.destroy();
      },
    });
    await expect(writeConsolidatedReport({ ...baseData(), lines: lines(10) }, output)).rejects.toThrow(/output closed/);
  });

  it('a failing line source rejects with its error and leaves the output open (not a complete-looking file)', async () => {
    async function* failing(): AsyncGenerator<ReportLine> {
      yield line(0);
      await Promise.resolve();
      yield line(1);
      throw new Error('cursor lost');
    }
    const sink = new PassThrough();
    sink.resume();
    await expect(writeConsolidatedReport({ ...baseData(), lines: failing() }, sink)).rejects.toThrow('cursor lost');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sink.writableEnded).toBe(false);
    sink.destroy();
  });
});

/**
 * Resolves with `count()` once it has stayed the same over ten consecutive turns of the timer
 * queue (each after pending I/O and thread-pool callbacks have run), i.e. once the producer has
 * stopped; gives up after 15 s with the last value.
 */
async function steadyCount(count: () => number): Promise<number> {
  const deadline = Date.now() + 15_000;
  let last = count();
  let unchanged = 0;
  while (unchanged < 10 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const now = count();
    unchanged = now === last ? unchanged + 1 : 0;
    last = now;
  }
  return last;
}
