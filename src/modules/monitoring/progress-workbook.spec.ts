import ExcelJS from 'exceljs';
import { TARGETS } from '../../../seeds/data/targets.js';
import { NotAWorkbookError, SheetMissingError, HeaderMismatchError } from '../spreadsheets/spreadsheet-errors.js';
import { buildProgressWorkbook, readProgressWorkbook, writeProgressWorkbook } from './progress-workbook.js';
import { PROGRESS_CONTEXT as CONTEXT } from './testing/progress-context.js';

async function edited(edit: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = buildProgressWorkbook(CONTEXT);
  edit(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('the progress workbook', () => {
  it('reads back what it wrote, exactly', async () => {
    const result = await readProgressWorkbook(await writeProgressWorkbook(CONTEXT));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.meta).toEqual({ unitCode: 'BN-H-YENPHONG', year: 2012, half: 1, reportId: CONTEXT.reportId, version: 3 });
    expect(result.indicators).toEqual([
      { row: 11, targetCode: 'EMAIL-DAILY', numerator: 90n, denominator: 100n, achieved: null, note: '' },
      { row: 12, targetCode: 'LAN-WAN', numerator: null, denominator: null, achieved: true, note: 'cáp quang' },
    ]);
    expect(result.disbursements).toEqual([
      { row: 4, lineNo: 1, disbursed: 500000000n, overrunReason: null },
      { row: 5, lineNo: 2, disbursed: 123456789012345678n, overrunReason: null },
      { row: 6, lineNo: 3, disbursed: null, overrunReason: null },
    ]);
  });

  it('takes Không / Có typed by hand, and lists every bad cell with its row and column', async () => {
    const file = await edited((workbook) => {
      const indicators = workbook.getWorksheet('ChiTieu')!;
      indicators.getCell('D11').value = 'chín mươi';
      indicators.getCell('E11').value = -5;
      indicators.getCell('F12').value = 'có lẽ';
      indicators.getCell('A13').value = 'LAN-WAN';
      indicators.getCell('F13').value = 'Không';
      const lines = workbook.getWorksheet('GiaiNgan')!;
      lines.getCell('G4').value = 1.5;
      lines.getCell('G6').value = { formula: 'F6*2', date1904: false };
      lines.getCell('A7').value = 1;
      lines.getCell('G7').value = 5;
    });
    const result = await readProgressWorkbook(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.field.split('.')[0], p.row, p.column, p.code])).toEqual([
      ['ChiTieu', 11, 'D', 'EXPECTED_NUMBER'],
      ['ChiTieu', 11, 'E', 'NEGATIVE'],
      ['ChiTieu', 12, 'F', 'INVALID_VALUE'],
      ['ChiTieu', 13, 'A', 'DUPLICATE'],
      ['GiaiNgan', 4, 'G', 'NOT_WHOLE'],
      ['GiaiNgan', 6, 'G', 'FORMULA_WITHOUT_VALUE'],
      ['GiaiNgan', 7, 'A', 'DUPLICATE'],
    ]);
    expect(result.problems[0].message).toMatch(/^ChiTieu!D11: /);
    expect(result.problemCount).toBe(7);
  });

  it('refuses what is not its workbook with a clear 4xx error', async () => {
    await expect(readProgressWorkbook(Buffer.from('hello'))).rejects.toBeInstanceOf(NotAWorkbookError);
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1');
    await expect(readProgressWorkbook(Buffer.from(await other.xlsx.writeBuffer()))).rejects.toBeInstanceOf(SheetMissingError);
    const moved = await edited((workbook) => {
      workbook.getWorksheet('GiaiNgan')!.getCell('G3').value = 'Ghi chú';
    });
    await expect(readProgressWorkbook(moved)).rejects.toBeInstanceOf(HeaderMismatchError);
  });
});

describe('the seeded targets', () => {
  it('are the plan’s eleven 2015 targets, each computed as the plan means it', () => {
    expect(TARGETS).toHaveLength(11);
    expect(new Set(TARGETS.map((t) => t.code)).size).toBe(11);
    expect(new Set(TARGETS.map((t) => t.id)).size).toBe(11);
    const byCode = new Map(TARGETS.map((t) => [t.code, t]));
    expect(byCode.get('ONE-STOP-DISTRICTS')).toMatchObject({ aggregation: 'SHARE_OF_UNITS', targetValue: '100', unitKinds: ['DISTRICT_COMMITTEE'], scale: 100 });
    expect(byCode.get('ONE-STOP-DEPARTMENTS')).toMatchObject({ aggregation: 'SHARE_OF_UNITS', targetValue: '60', unitKinds: ['DEPARTMENT'] });
    expect(byCode.get('COMPUTERS-PER-OFFICIAL')).toMatchObject({ aggregation: 'RATIO_OF_SUMS', targetValue: '1', scale: 1 });
    expect(byCode.get('KEY-DATABASES')).toMatchObject({ aggregation: 'PROVINCE_VALUE', targetValue: '13' });
    expect(byCode.get('ICT-INDEX-RANK')).toMatchObject({ aggregation: 'PROVINCE_VALUE', direction: 'RANK_AT_MOST', targetValue: '10' });
    for (const t of TARGETS) {
      expect(t.id).toMatch(/^61000000-0000-4000-8000-[0-9]{12}$/);
      expect(t.code).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)*$/);
      if (t.aggregation === 'RATIO_OF_SUMS') {
        expect([t.numeratorLabel, t.numeratorLabelEn, t.denominatorLabel, t.denominatorLabelEn].every(Boolean)).toBe(true);
        expect(t.scale).toBe(t.measureUnit === '%' ? 100 : 1);
      }
      expect(t.unitKinds.length === 0).toBe(t.aggregation === 'PROVINCE_VALUE');
    }
  });
});
