// The chair's half-year report on the plan (V.1.b), written from the dashboard's figures so that the
// two agree to the đồng. Plain TypeScript and exceljs. Sheets, each with a title in row 1, a note in
// row 2, the header in row 3 and data from row 4:
//   TongHop      summary: period, half-year, deadline, reports expected and accepted, total execution
//   MucTieu      every target: target, value, numerator and denominator, gap, met, coverage, trend, furthest units
//   TheoDonVi    execution by unit (report status), with the total
//   TheoLinhVuc  execution by plan area          ┐
//   TheoNguon    execution by funding source     ├ each with its total
//   TheoLoaiChi  execution by expenditure type   ┘
//   BaoCao       late reports and units whose report is not accepted
// Amounts are numbers when they have at most 15 digits, else their digits as text; percentages and
// indicator values are the API's decimal strings, as text (never a float).
import ExcelJS from 'exceljs';
import { moneyCellValue } from '../spreadsheets/cell-values.js';
import type { DashboardView, ExecutionGroup } from './dashboard.service.js';
import type { ExecutionRow } from './domain/execution.js';
import { formatVietnamTime } from '../../common/time/vietnam-time.js';

export const CHAIR_SHEETS = {
  summary: 'TongHop',
  targets: 'MucTieu',
  byUnit: 'TheoDonVi',
  byPlanArea: 'TheoLinhVuc',
  byFundingSource: 'TheoNguon',
  byExpenditureType: 'TheoLoaiChi',
  reports: 'BaoCao',
} as const;
export const CHAIR_HEADER_ROW = 3;
export const CHAIR_FIRST_DATA_ROW = 4;
export const CHAIR_TOTAL_LABEL = 'TỔNG CỘNG / TOTAL';

const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const HEADER: Partial<ExcelJS.Style> = {
  font: { bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } },
  border: THIN,
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
};
const NOT_MET: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
const MET: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2EFDA' } };

const STATUS: Readonly<Record<string, string>> = {
  NONE: 'Chưa lập / None',
  DRAFT: 'Đang soạn / Draft',
  SUBMITTED: 'Đã gửi / Submitted',
  RETURNED: 'Bị trả lại / Returned',
  ACCEPTED: 'Đã chấp nhận / Accepted',
};
const AGGREGATION: Readonly<Record<string, string>> = {
  SHARE_OF_UNITS: 'Tỷ lệ đơn vị đạt / Share of units',
  RATIO_OF_SUMS: 'Tổng tử số / tổng mẫu số / Ratio of sums',
  PROVINCE_VALUE: 'Số liệu cấp tỉnh / Province value',
};
const DIRECTION: Readonly<Record<string, string>> = {
  AT_LEAST: '≥',
  AT_MOST: '≤',
  RANK_AT_MOST: 'hạng ≤ / rank ≤',
};

type Cell = ExcelJS.CellValue;

function sheet(workbook: ExcelJS.Workbook, name: string, title: string, note: string, headers: readonly [string, string, number][]): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name);
  ws.getCell('A1').value = title;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A2').value = note;
  ws.getCell('A2').font = { italic: true, color: { argb: 'FF595959' } };
  const row = ws.getRow(CHAIR_HEADER_ROW);
  headers.forEach(([vi, en, width], i) => {
    row.getCell(i + 1).value = `${vi}\n${en}`;
    row.getCell(i + 1).style = HEADER;
    ws.getColumn(i + 1).width = width;
  });
  row.height = 32;
  ws.views = [{ state: 'frozen', ySplit: CHAIR_HEADER_ROW }];
  return ws;
}

function put(ws: ExcelJS.Worksheet, rowNumber: number, values: readonly Cell[], bold = false): ExcelJS.Row {
  const row = ws.getRow(rowNumber);
  values.forEach((value, i) => {
    const cell = row.getCell(i + 1);
    cell.value = value;
    cell.border = THIN;
    if (typeof value === 'number') cell.numFmt = '#,##0';
    if (typeof value === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(value)) cell.alignment = { horizontal: 'right' };
    if (bold) cell.font = { bold: true };
  });
  return row;
}

const money = (amount: bigint): Cell => moneyCellValue(amount);
const percent = (row: ExecutionRow): Cell => row.percent ?? '—';
const halfLabel = (year: number, half: number) => `${year}-${half === 1 ? 'I' : 'II'}`;

function executionSheet(workbook: ExcelJS.Workbook, name: string, what: [string, string], rows: readonly ExecutionGroup[], total: ExecutionRow, view: DashboardView): void {
  const ws = sheet(
    workbook,
    name,
    `THỰC HIỆN DỰ TOÁN THEO ${what[0].toUpperCase()} / EXECUTION BY ${what[1].toUpperCase()} — ${halfLabel(view.year, view.half)}`,
    'Tỷ lệ = tổng đã giải ngân ÷ tổng dự toán được duyệt (đồng) / Rate = Σ disbursed ÷ Σ approved (đồng)',
    [
      ['Mã', 'Code', 12],
      [what[0], what[1], 48],
      ['Dự toán được duyệt', 'Approved', 20],
      ['Đã giải ngân', 'Disbursed', 20],
      ['Tỷ lệ (%)', 'Rate (%)', 12],
    ],
  );
  rows.forEach((row, i) => put(ws, CHAIR_FIRST_DATA_ROW + i, [row.code, `${row.name} / ${row.nameEn}`, money(row.approved), money(row.disbursed), percent(row)]));
  put(ws, CHAIR_FIRST_DATA_ROW + rows.length, [CHAIR_TOTAL_LABEL, null, money(total.approved), money(total.disbursed), percent(total)], true);
}

export function buildChairReport(view: DashboardView): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'itbudget';
  const period = `${view.planPeriod}, ${halfLabel(view.year, view.half)}`;

  const summary = sheet(workbook, CHAIR_SHEETS.summary, `BÁO CÁO TIẾN ĐỘ KẾ HOẠCH ỨNG DỤNG CNTT / IT PLAN PROGRESS REPORT — ${period}`, `Lập lúc / generated ${formatVietnamTime(view.generatedAt)} (giờ Việt Nam / Vietnam time)`, [
    ['Mục', 'Item', 48],
    ['Giá trị', 'Value', 28],
  ]);
  const met = view.targets.filter((t) => t.met === true).length;
  const facts: [string, Cell][] = [
    ['Giai đoạn kế hoạch / Plan period', view.planPeriod],
    ['Năm / Year', String(view.year)],
    ['Kỳ / Half', String(view.half)],
    ['Hạn báo cáo / Reports due', view.reporting.dueDate],
    ['Đơn vị phải báo cáo / Units expected to report', view.reporting.expected],
    ['Báo cáo đã chấp nhận / Reports accepted', view.reporting.accepted],
    ['Báo cáo nộp muộn / Late reports', view.reporting.late.length],
    ['Chỉ tiêu đạt / Targets met', `${met} / ${view.targets.length}`],
    ['Dự toán phê duyệt theo quyết định (đồng) / Approved by the decision (đồng)', money(view.execution.total.decided)],
    ['Dự toán sau điều chỉnh, căn cứ tính tỷ lệ giải ngân (đồng) / After adjustments, the base of the rate (đồng)', money(view.execution.total.approved)],
    ['Đã giải ngân (đồng) / Disbursed (đồng)', money(view.execution.total.disbursed)],
    ['Tỷ lệ giải ngân (%) / Execution rate (%)', percent(view.execution.total)],
  ];
  facts.forEach((values, i) => put(summary, CHAIR_FIRST_DATA_ROW + i, values));

  const trendHeaders = (view.targets[0]?.trend ?? []).map((t): [string, string, number] => [halfLabel(t.year, t.half), halfLabel(t.year, t.half), 10]);
  const targets = sheet(
    workbook,
    CHAIR_SHEETS.targets,
    `CHỈ TIÊU KẾ HOẠCH / PLAN TARGETS — ${period}`,
    'Giá trị tính từ báo cáo đã được Sở TT&TT chấp nhận; tỷ lệ là tổng tử số ÷ tổng mẫu số, không phải trung bình các tỷ lệ / Values from reports DIC accepted; a ratio is Σ numerator ÷ Σ denominator, never an average of percentages',
    [
      ['Mã', 'Code', 24],
      ['Chỉ tiêu', 'Indicator', 50],
      ['Đơn vị tính', 'Unit', 10],
      ['Cách tính', 'Computed as', 22],
      ['Chỉ tiêu', 'Target', 12],
      ['Giá trị', 'Value', 12],
      ['Tử số', 'Numerator', 14],
      ['Mẫu số', 'Denominator', 14],
      ['Còn thiếu', 'Gap', 12],
      ['Đạt', 'Met', 10],
      ['Đơn vị báo cáo', 'Units reporting', 12],
      ['Đơn vị xa chỉ tiêu nhất', 'Units furthest from it', 40],
      ...trendHeaders,
    ],
  );
  view.targets.forEach((t, i) => {
    const row = put(targets, CHAIR_FIRST_DATA_ROW + i, [
      t.code,
      `${t.indicator} / ${t.indicatorEn}`,
      t.measureUnit,
      AGGREGATION[t.aggregation],
      `${DIRECTION[t.direction]} ${t.target}`,
      t.value ?? '—',
      t.numerator === null ? '—' : money(t.numerator),
      t.denominator === null ? '—' : money(t.denominator),
      t.gap ?? '—',
      t.met === null ? '—' : t.met ? 'Đạt / Met' : 'Chưa đạt / Not met',
      t.aggregation === 'PROVINCE_VALUE' ? '—' : `${t.reportingUnits} / ${t.populationUnits}`,
      t.furthest.map((u) => `${u.unitCode}${u.value === null ? ' (chưa báo cáo / no report)' : ` (${u.value})`}`).join('; ') || null,
      ...t.trend.map((p) => p.value ?? '—'),
    ]);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(12).alignment = { wrapText: true, vertical: 'top' };
    if (t.met !== null) row.getCell(10).fill = t.met ? MET : NOT_MET;
  });

  const byUnit = sheet(
    workbook,
    CHAIR_SHEETS.byUnit,
    `THỰC HIỆN DỰ TOÁN THEO ĐƠN VỊ / EXECUTION BY UNIT — ${period}`,
    'Đã giải ngân theo báo cáo được chấp nhận; đơn vị chưa có báo cáo được chấp nhận tính 0 / Disbursed per accepted reports; units without one count 0',
    [
      ['Mã đơn vị', 'Unit code', 18],
      ['Đơn vị', 'Unit', 40],
      ['Báo cáo', 'Report', 22],
      ['Dự toán được duyệt', 'Approved', 20],
      ['Đã giải ngân', 'Disbursed', 20],
      ['Tỷ lệ (%)', 'Rate (%)', 12],
    ],
  );
  view.execution.byUnit.forEach((u, i) =>
    put(byUnit, CHAIR_FIRST_DATA_ROW + i, [u.unitCode, u.unitName, STATUS[u.reportStatus], money(u.approved), money(u.disbursed), percent(u)]),
  );
  put(
    byUnit,
    CHAIR_FIRST_DATA_ROW + view.execution.byUnit.length,
    [CHAIR_TOTAL_LABEL, null, null, money(view.execution.total.approved), money(view.execution.total.disbursed), percent(view.execution.total)],
    true,
  );

  executionSheet(workbook, CHAIR_SHEETS.byPlanArea, ['Lĩnh vực', 'Plan area'], view.execution.byPlanArea, view.execution.total, view);
  executionSheet(workbook, CHAIR_SHEETS.byFundingSource, ['Nguồn vốn', 'Funding source'], view.execution.byFundingSource, view.execution.total, view);
  executionSheet(workbook, CHAIR_SHEETS.byExpenditureType, ['Loại chi', 'Expenditure type'], view.execution.byExpenditureType, view.execution.total, view);

  const reports = sheet(
    workbook,
    CHAIR_SHEETS.reports,
    `BÁO CÁO NỘP MUỘN HOẶC CHƯA ĐƯỢC CHẤP NHẬN / LATE OR MISSING REPORTS — ${period}`,
    `Hạn nộp / due ${view.reporting.dueDate}`,
    [
      ['Loại', 'Kind', 26],
      ['Mã đơn vị', 'Unit code', 18],
      ['Đơn vị', 'Unit', 40],
      ['Tình trạng', 'Status', 22],
      ['Thời điểm gửi (giờ Việt Nam)', 'Submitted (Vietnam time)', 22],
      ['Quá hạn', 'Late', 10],
    ],
  );
  const listed = [
    ...view.reporting.late.map((item) => ({ kind: 'Nộp muộn / Late', item })),
    ...view.reporting.missing.map((item) => ({ kind: 'Chưa được chấp nhận / Not accepted', item })),
  ];
  listed.forEach(({ kind, item }, i) =>
    put(reports, CHAIR_FIRST_DATA_ROW + i, [kind, item.unitCode, item.unitName, STATUS[item.status], item.submittedAt ? formatVietnamTime(item.submittedAt) : null, item.late ? 'Có / Yes' : 'Không / No']),
  );
  return workbook;
}

export async function writeChairReport(view: DashboardView): Promise<Buffer> {
  return Buffer.from(await buildChairReport(view).xlsx.writeBuffer());
}
