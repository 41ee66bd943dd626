// The layout of the estimate workbook (Phụ lục 04 — Dự toán chi ứng dụng CNTT), shared by the template
// writer and the importer: sheet names, the title block, and the columns of sheet "DuToan" in order.
// Change it here and both sides follow; a template written before the change no longer imports.
import type { LineFieldsDto } from '../estimates/dto/line.dto.js';

/** Sheet with the estimate lines. */
export const ESTIMATE_SHEET = 'DuToan';
/** Sheet that explains every column and lists every code. */
export const GUIDE_SHEET = 'HuongDan';
/** Hidden sheet that feeds the drop-down lists. */
export const LISTS_SHEET = 'DanhMuc';

export const TITLE_ROW = 1;
export const SUBTITLE_ROW = 2;
/** Column of the title-block labels and of their values. */
export const META_LABEL_COLUMN = 2; // B
export const META_VALUE_COLUMN = 3; // C

export type MetaKey = 'unitName' | 'unitCode' | 'year' | 'estimateId' | 'version';

/** Title block, read back by the importer by label (column B), value in column C. */
export const META_ROWS: readonly { key: MetaKey; row: number; vi: string; en: string }[] = [
  { key: 'unitName', row: 3, vi: 'Đơn vị', en: 'Unit' },
  { key: 'unitCode', row: 4, vi: 'Mã đơn vị', en: 'Unit code' },
  { key: 'year', row: 5, vi: 'Năm dự toán (N)', en: 'Budget year (N)' },
  { key: 'estimateId', row: 6, vi: 'Mã dự toán', en: 'Estimate id' },
  { key: 'version', row: 7, vi: 'Phiên bản', en: 'Version' },
];
export const NOTE_ROW = 8;
/** Header row as written; the importer finds it by "STT" in column A within the first rows. */
export const HEADER_ROW = 9;
export const FIRST_DATA_ROW = HEADER_ROW + 1;
/** The importer looks for the header row among this many first rows. */
export const HEADER_SEARCH_ROWS = 30;

/** A line as the importer returns it: every field of LineFieldsDto, normalised and present. */
export interface WorkbookLine {
  isContinuing: boolean;
  planAreaCode: string;
  expenditureTypeCode: string;
  fundingSourceCode: string;
  activityKindCode: string;
  description: string;
  measureUnit: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  multiYearTotal: string | null;
  fundedToPrev2: string | null;
  prevYearEstimate: string | null;
  prevYearExpected: string | null;
  projectionNext1: string | null;
  projectionNext2: string | null;
  priorityTier: number;
  contingency: string | null;
  committedMinimum: string;
  justification: string;
  loaiKhoan: string | null;
  mucTieuMuc: string | null;
}

// Compile-time checks: an imported line is a LineFieldsDto and has no field the DTO lacks.
type Exact<A, B> = [A] extends [B] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false;
const workbookLineIsDto: Exact<WorkbookLine, LineFieldsDto> = true;
void workbookLineIsDto;

export type MoneyField = 'unitPrice' | 'contingency' | 'multiYearTotal' | 'fundedToPrev2' | 'prevYearEstimate' | 'prevYearExpected' | 'projectionNext1' | 'projectionNext2' | 'committedMinimum';
export type CodeField = 'planAreaCode' | 'expenditureTypeCode' | 'fundingSourceCode' | 'activityKindCode';
export type ListName = 'planAreas' | 'expenditureTypes' | 'fundingSources' | 'activityKinds' | 'parts';

export type ColumnSpec =
  | { kind: 'lineNo'; key: 'lineNo' }
  | { kind: 'text'; key: 'description' | 'measureUnit' | 'justification'; required: boolean; maxLength: number }
  | { kind: 'code'; key: CodeField; list: Exclude<ListName, 'parts'> }
  | { kind: 'part'; key: 'isContinuing'; list: 'parts' }
  | { kind: 'quantity'; key: 'quantity' }
  | { kind: 'money'; key: MoneyField; required: boolean }
  | { kind: 'amount'; key: 'amount' }
  | { kind: 'tier'; key: 'priorityTier' }
  | { kind: 'classification'; key: 'loaiKhoan' | 'mucTieuMuc' }
  /** Written for the reader's information (DIC's appraisal round), never read back on import. */
  | { kind: 'appraisal'; key: 'appraisedAmount' | 'appraisalVariance' };

export type EstimateColumn = ColumnSpec & {
  /** 1-based column number and its letter. */
  index: number;
  letter: string;
  vi: string;
  en: string;
  width: number;
  /** Guidance for sheet HuongDan, Vietnamese then English. */
  helpVi: string;
  helpEn: string;
};

const SPECS: readonly (ColumnSpec & Pick<EstimateColumn, 'vi' | 'en' | 'width' | 'helpVi' | 'helpEn'>)[] = [
  {
    kind: 'lineNo',
    key: 'lineNo',
    vi: 'STT',
    en: 'No.',
    width: 6,
    helpVi: 'Số thứ tự, chỉ để tham khảo; hệ thống tự đánh số lại.',
    helpEn: 'Line number, for reference only; the system renumbers lines.',
  },
  {
    kind: 'text',
    key: 'description',
    required: true,
    maxLength: 2000,
    vi: 'Nội dung',
    en: 'Description',
    width: 48,
    helpVi: 'Tên dự án, nhiệm vụ hoặc nội dung chi (bắt buộc, tối đa 2.000 ký tự).',
    helpEn: 'Name of the project, task or item (required, at most 2,000 characters).',
  },
  {
    kind: 'code',
    key: 'planAreaCode',
    list: 'planAreas',
    vi: 'Lĩnh vực',
    en: 'Plan area',
    width: 11,
    helpVi: 'Mã lĩnh vực của kế hoạch (chỉ chọn mục chi tiết, ví dụ 1.f), chọn từ danh sách.',
    helpEn: "Plan area code (a leaf of the plan's tree, e.g. 1.f), from the drop-down.",
  },
  {
    kind: 'code',
    key: 'expenditureTypeCode',
    list: 'expenditureTypes',
    vi: 'Loại chi',
    en: 'Expenditure type',
    width: 14,
    helpVi: 'Chi thường xuyên (RECURRENT) hoặc chi đầu tư phát triển (INVESTMENT).',
    helpEn: 'RECURRENT (balanced by Finance) or INVESTMENT (balanced by Planning and Investment).',
  },
  {
    kind: 'code',
    key: 'fundingSourceCode',
    list: 'fundingSources',
    vi: 'Nguồn vốn',
    en: 'Funding source',
    width: 16,
    helpVi: 'Mã nguồn vốn, chọn từ danh sách.',
    helpEn: 'Funding source code, from the drop-down.',
  },
  {
    kind: 'code',
    key: 'activityKindCode',
    list: 'activityKinds',
    vi: 'Loại hoạt động',
    en: 'Activity kind',
    width: 16,
    helpVi: 'Dự án, thuê dịch vụ, nhiệm vụ có / không có đề cương và dự toán chi tiết.',
    helpEn: 'Project, service rental, task with / without an outline and detailed estimate.',
  },
  {
    kind: 'part',
    key: 'isContinuing',
    list: 'parts',
    vi: 'Chuyển tiếp (A/B)',
    en: 'Part A continuing / B new',
    width: 12,
    helpVi: 'A: đã được phê duyệt, chuyển tiếp; B: mở mới. Để trống là B.',
    helpEn: 'A: approved earlier and continuing; B: new. Blank means B.',
  },
  {
    kind: 'text',
    key: 'measureUnit',
    required: true,
    maxLength: 50,
    vi: 'Đơn vị tính',
    en: 'Measure unit',
    width: 10,
    helpVi: 'Ví dụ: bộ, gói, người, tháng (bắt buộc, tối đa 50 ký tự).',
    helpEn: 'E.g. set, package, person, month (required, at most 50 characters).',
  },
  {
    kind: 'quantity',
    key: 'quantity',
    vi: 'Số lượng',
    en: 'Quantity',
    width: 10,
    helpVi: 'Số không âm, tối đa 4 chữ số thập phân (bắt buộc).',
    helpEn: 'Non-negative number with at most 4 decimals (required).',
  },
  {
    kind: 'money',
    key: 'unitPrice',
    required: true,
    vi: 'Đơn giá',
    en: 'Unit price (đồng)',
    width: 16,
    helpVi: 'Số tiền nguyên (đồng), không âm, nhỏ hơn 10^18 (bắt buộc).',
    helpEn: 'Whole đồng, non-negative, below 10^18 (required).',
  },
  {
    kind: 'amount',
    key: 'amount',
    vi: 'Thành tiền (dự toán năm N)',
    en: 'Amount, year N = quantity × unit price',
    width: 18,
    helpVi: 'Công thức = Số lượng × Đơn giá, làm tròn đến đồng (không sửa). Nếu ghi số, phải đúng bằng số lượng × đơn giá.',
    helpEn: 'Formula = quantity × unit price rounded half-up to the đồng (do not edit). A typed amount must equal it exactly.',
  },
  {
    kind: 'money',
    key: 'contingency',
    required: false,
    vi: 'Trong đó: dự phòng',
    en: 'Of which contingency (đồng)',
    width: 16,
    helpVi: 'Phần dự phòng nằm trong Thành tiền (dự án), không lớn hơn Thành tiền (nếu có).',
    helpEn: "A project's contingency, part of the amount and at most the amount, if any.",
  },
  {
    kind: 'money',
    key: 'multiYearTotal',
    required: false,
    vi: 'Tổng mức dự toán',
    en: 'Multi-year total (đồng)',
    width: 16,
    helpVi: 'Tổng mức dự toán được duyệt của dự án, nhiệm vụ (nếu có).',
    helpEn: 'Approved multi-year total of the item, if any.',
  },
  {
    kind: 'money',
    key: 'fundedToPrev2',
    required: false,
    vi: 'Lũy kế đến N-2',
    en: 'Funded up to N-2 (đồng)',
    width: 16,
    helpVi: 'Lũy kế vốn đã bố trí đến hết năm N-2 (nếu có).',
    helpEn: 'Funds allocated up to the end of year N-2, if any.',
  },
  {
    kind: 'money',
    key: 'prevYearEstimate',
    required: false,
    vi: 'Dự toán N-1',
    en: 'Estimate N-1 (đồng)',
    width: 16,
    helpVi: 'Dự toán được giao năm N-1 (nếu có).',
    helpEn: "Last year's (N-1) assigned estimate, if any.",
  },
  {
    kind: 'money',
    key: 'prevYearExpected',
    required: false,
    vi: 'Ước thực hiện N-1',
    en: 'Expected execution N-1 (đồng)',
    width: 16,
    helpVi: 'Ước thực hiện năm N-1 (nếu có).',
    helpEn: "Last year's (N-1) expected execution, if any.",
  },
  {
    kind: 'money',
    key: 'projectionNext1',
    required: false,
    vi: 'Dự kiến N+1',
    en: 'Projection N+1 (đồng)',
    width: 16,
    helpVi: 'Dự kiến nhu cầu năm N+1 (nếu có).',
    helpEn: 'Projected need for year N+1, if any.',
  },
  {
    kind: 'money',
    key: 'projectionNext2',
    required: false,
    vi: 'Dự kiến N+2',
    en: 'Projection N+2 (đồng)',
    width: 16,
    helpVi: 'Dự kiến nhu cầu năm N+2 (nếu có).',
    helpEn: 'Projected need for year N+2, if any.',
  },
  {
    kind: 'tier',
    key: 'priorityTier',
    vi: 'Mức ưu tiên',
    en: 'Priority tier (1–99)',
    width: 10,
    helpVi: 'Số nguyên 1–99; 1 được bố trí trước. Để trống là 1.',
    helpEn: 'Whole number 1–99; 1 is funded first. Blank means 1.',
  },
  {
    kind: 'money',
    key: 'committedMinimum',
    required: false,
    vi: 'Mức tối thiểu cam kết',
    en: 'Committed minimum (đồng)',
    width: 16,
    helpVi: 'Phần phải bố trí dù trần thấp (hợp đồng đã ký...), không lớn hơn Thành tiền. Để trống là 0.',
    helpEn: 'What must be funded whatever the ceiling (signed contracts...), at most the amount. Blank means 0.',
  },
  {
    kind: 'text',
    key: 'justification',
    required: false,
    maxLength: 4000,
    vi: 'Thuyết minh',
    en: 'Justification',
    width: 40,
    helpVi: 'Thuyết minh, căn cứ (tối đa 4.000 ký tự).',
    helpEn: 'Justification and references (at most 4,000 characters).',
  },
  {
    kind: 'classification',
    key: 'loaiKhoan',
    vi: 'Loại-Khoản',
    en: 'Type-item (Loại-Khoản)',
    width: 12,
    helpVi: 'Mã Loại-Khoản của mục lục ngân sách áp dụng cho năm dự toán, dạng LLL-KKK (ví dụ 460-463 đến năm 2017, 280-314 từ năm 2018). Để trống nếu chưa phân loại.',
    helpEn: "Loại-Khoản of the state budget index in force for the estimate's year, LLL-KKK (e.g. 460-463 up to 2017, 280-314 from 2018). Blank if not yet classified.",
  },
  {
    kind: 'classification',
    key: 'mucTieuMuc',
    vi: 'Mục-Tiểu mục',
    en: 'Group-subitem (Mục-Tiểu mục)',
    width: 12,
    helpVi: 'Mã Mục-Tiểu mục, dạng MMMM-TTTT (ví dụ 9050-9062 mua thiết bị tin học, 6900-6917 bảo trì phần mềm). Để trống nếu chưa phân loại.',
    helpEn: 'Mục-Tiểu mục, MMMM-TTTT (e.g. 9050-9062 IT equipment, 6900-6917 software maintenance). Blank if not yet classified.',
  },
  {
    kind: 'appraisal',
    key: 'appraisedAmount',
    vi: 'Thẩm định năm N',
    en: 'Appraised, year N (đồng)',
    width: 16,
    helpVi: 'Số Sở TT&TT thẩm định (vòng thẩm định); chỉ để xem, không nhập lại.',
    helpEn: "DIC's appraised amount (the appraisal round); shown only, not imported.",
  },
  {
    kind: 'appraisal',
    key: 'appraisalVariance',
    vi: 'Chênh lệch thẩm định',
    en: 'Variance (appraised − requested)',
    width: 16,
    helpVi: 'Số thẩm định trừ số đề nghị năm N; chỉ để xem.',
    helpEn: 'Appraised minus the year-N request; shown only.',
  },
];

export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export function columnIndex(letters: string): number {
  let index = 0;
  for (const char of letters.toUpperCase()) index = index * 26 + (char.charCodeAt(0) - 64);
  return index;
}

/** The columns of sheet DuToan, A to X. */
export const ESTIMATE_COLUMNS: readonly EstimateColumn[] = SPECS.map((spec, i) => ({ ...spec, index: i + 1, letter: columnLetter(i + 1) }));

export const LAST_COLUMN = ESTIMATE_COLUMNS.length;

export function column(key: EstimateColumn['key']): EstimateColumn {
  const found = ESTIMATE_COLUMNS.find((c) => c.key === key);
  if (!found) throw new Error(`no column ${key}`);
  return found;
}

/** The amount formula of one row: quantity × unit price, rounded half-up to the đồng; blank while either is blank. */
export function amountFormula(row: number): string {
  const q = `${column('quantity').letter}${row}`;
  const p = `${column('unitPrice').letter}${row}`;
  // The inner ROUND(…,4) removes binary noise from the product (a quantity has at most 4 decimals)
  // before rounding half-up to the đồng, so 1.0005 × 1000 shows 1001, as the engine computes it.
  return `IF(OR(${q}="",${p}=""),"",ROUND(ROUND(${q}*${p},4),0))`;
}

/** Header text as compared by the importer: first line, Unicode NFC, spaces collapsed, lower case. */
export function normaliseHeader(text: string): string {
  return text.normalize('NFC').split(/\r?\n/)[0].replace(/\s+/g, ' ').trim().toLowerCase();
}
