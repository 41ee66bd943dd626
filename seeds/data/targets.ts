// The 2011–2015 plan's targets for 2015 (Decision 14/2011/QĐ-UBND, section I.2), as data: how each
// province-wide value is computed from the units' semi-annual figures is part of the row. Not demo
// data: seeded in production too. Fixed ids (prefix 61000000) and codes, so seeding is idempotent.
//
//   SHARE_OF_UNITS  share of the units of `unitKinds` whose indicator is true (scale 100)
//   RATIO_OF_SUMS   scale × Σ numerator / Σ denominator over the reporting units of `unitKinds`
//   PROVINCE_VALUE  a province-level count or rank recorded by DIC each half-year

export type TargetDirection = 'AT_LEAST' | 'AT_MOST' | 'RANK_AT_MOST';
export type TargetAggregation = 'SHARE_OF_UNITS' | 'RATIO_OF_SUMS' | 'PROVINCE_VALUE';
type Kind = 'DEPARTMENT' | 'DISTRICT_COMMITTEE' | 'COMMUNE_COMMITTEE';

export interface TargetSeed {
  id: string;
  planPeriod: string;
  code: string;
  position: number;
  indicator: string;
  indicatorEn: string;
  measureUnit: string;
  targetValue: string;
  direction: TargetDirection;
  aggregation: TargetAggregation;
  unitKinds: readonly Kind[];
  scale: number;
  numeratorLabel: string | null;
  numeratorLabelEn: string | null;
  denominatorLabel: string | null;
  denominatorLabelEn: string | null;
  numeratorCapped: boolean;
  /** The largest province value there can be (decimal string), null when open. */
  valueMax: string | null;
  /** A count or a rank: whole numbers only. */
  wholeValues: boolean;
  source: string;
}

export const TARGET_PLAN_PERIOD = '2011-2015';
const SOURCE = 'Quyết định 14/2011/QĐ-UBND, mục I.2 (mục tiêu đến năm 2015)';
const ALL_UNITS: readonly Kind[] = ['DEPARTMENT', 'DISTRICT_COMMITTEE', 'COMMUNE_COMMITTEE'];
const ISSUING_UNITS: readonly Kind[] = ['DEPARTMENT', 'DISTRICT_COMMITTEE'];

export const targetId = (n: number): string => `61000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

type Optional = 'numeratorLabel' | 'numeratorLabelEn' | 'denominatorLabel' | 'denominatorLabelEn' | 'numeratorCapped' | 'scale' | 'valueMax' | 'wholeValues';
type Row = Omit<TargetSeed, 'id' | 'planPeriod' | 'position' | 'source' | Optional> & Partial<Pick<TargetSeed, Optional>>;

const ROWS: readonly Row[] = [
  {
    code: 'LAN-WAN',
    indicator: 'Cơ quan (sở, ngành, UBND cấp huyện, cấp xã) có mạng LAN kết nối cáp quang với mạng WAN của tỉnh',
    indicatorEn: 'Units (departments, district and commune committees) with a LAN linked by fibre to the provincial WAN',
    measureUnit: '%',
    targetValue: '100',
    direction: 'AT_LEAST',
    aggregation: 'SHARE_OF_UNITS',
    unitKinds: ALL_UNITS,
    scale: 100,
  },
  {
    code: 'COMPUTERS-PER-OFFICIAL',
    indicator: 'Tỷ lệ máy tính trên cán bộ, công chức',
    indicatorEn: 'Computers per official',
    measureUnit: 'máy/người',
    targetValue: '1',
    direction: 'AT_LEAST',
    aggregation: 'RATIO_OF_SUMS',
    unitKinds: ALL_UNITS,
    scale: 1,
    numeratorLabel: 'Số máy tính đang sử dụng',
    numeratorLabelEn: 'Computers in use',
    denominatorLabel: 'Số cán bộ, công chức',
    denominatorLabelEn: 'Officials',
  },
  {
    code: 'KEY-DATABASES',
    indicator: 'Số cơ sở dữ liệu trọng điểm được xây dựng (Phụ lục 1)',
    indicatorEn: 'Key databases built (Appendix 1)',
    measureUnit: 'CSDL',
    targetValue: '13',
    direction: 'AT_LEAST',
    aggregation: 'PROVINCE_VALUE',
    unitKinds: [],
    // Appendix 1 lists 13 key databases: no more can be built.
    valueMax: '13',
    wholeValues: true,
  },
  {
    code: 'DOCS-PUBLISHED',
    indicator: 'Văn bản quy phạm pháp luật, văn bản chỉ đạo điều hành được đăng tải trên mạng',
    indicatorEn: 'Legal and steering documents published online',
    measureUnit: '%',
    targetValue: '100',
    direction: 'AT_LEAST',
    aggregation: 'RATIO_OF_SUMS',
    unitKinds: ISSUING_UNITS,
    numeratorLabel: 'Số văn bản đã đăng tải trên mạng',
    numeratorLabelEn: 'Documents published online',
    denominatorLabel: 'Số văn bản QPPL, chỉ đạo điều hành đã ban hành',
    denominatorLabelEn: 'Legal and steering documents issued',
    numeratorCapped: true,
  },
  {
    code: 'EMAIL-DAILY',
    indicator: 'Cán bộ, công chức có hộp thư điện tử và sử dụng thường xuyên',
    indicatorEn: 'Officials with an e-mail account used daily',
    measureUnit: '%',
    targetValue: '100',
    direction: 'AT_LEAST',
    aggregation: 'RATIO_OF_SUMS',
    unitKinds: ALL_UNITS,
    numeratorLabel: 'Số cán bộ, công chức sử dụng thư điện tử hằng ngày',
    numeratorLabelEn: 'Officials using e-mail daily',
    denominatorLabel: 'Số cán bộ, công chức',
    denominatorLabelEn: 'Officials',
    numeratorCapped: true,
  },
  {
    code: 'ONE-STOP-DISTRICTS',
    indicator: 'UBND cấp huyện có bộ phận một cửa hiện đại',
    indicatorEn: 'District committees with a modern one-stop shop',
    measureUnit: '%',
    targetValue: '100',
    direction: 'AT_LEAST',
    aggregation: 'SHARE_OF_UNITS',
    unitKinds: ['DISTRICT_COMMITTEE'],
    scale: 100,
  },
  {
    code: 'ONE-STOP-DEPARTMENTS',
    indicator: 'Sở, ngành có bộ phận một cửa hiện đại',
    indicatorEn: 'Departments with a modern one-stop shop',
    measureUnit: '%',
    targetValue: '60',
    direction: 'AT_LEAST',
    aggregation: 'SHARE_OF_UNITS',
    unitKinds: ['DEPARTMENT'],
    scale: 100,
  },
  {
    code: 'EDOCS-EXCHANGED',
    indicator: 'Văn bản, tài liệu chính thức trao đổi giữa các cơ quan dưới dạng điện tử',
    indicatorEn: 'Official documents exchanged electronically over the network',
    measureUnit: '%',
    targetValue: '80',
    direction: 'AT_LEAST',
    aggregation: 'RATIO_OF_SUMS',
    unitKinds: ALL_UNITS,
    numeratorLabel: 'Số văn bản gửi, nhận dạng điện tử',
    numeratorLabelEn: 'Documents sent or received electronically',
    denominatorLabel: 'Tổng số văn bản gửi, nhận',
    denominatorLabelEn: 'Documents sent or received',
    numeratorCapped: true,
  },
  {
    code: 'LEADERS-TRAINED',
    indicator: 'Lãnh đạo được đào tạo kiến thức quản lý ứng dụng CNTT',
    indicatorEn: 'Leaders trained in IT for management',
    measureUnit: '%',
    targetValue: '100',
    direction: 'AT_LEAST',
    aggregation: 'RATIO_OF_SUMS',
    unitKinds: ALL_UNITS,
    numeratorLabel: 'Số lãnh đạo đã được đào tạo',
    numeratorLabelEn: 'Leaders trained',
    denominatorLabel: 'Số lãnh đạo',
    denominatorLabelEn: 'Leaders',
    numeratorCapped: true,
  },
  {
    code: 'OFFICIALS-PROFICIENT',
    indicator: 'Cán bộ, công chức sử dụng thành thạo máy tính',
    indicatorEn: 'Officials proficient with computers',
    measureUnit: '%',
    targetValue: '100',
    direction: 'AT_LEAST',
    aggregation: 'RATIO_OF_SUMS',
    unitKinds: ALL_UNITS,
    numeratorLabel: 'Số cán bộ, công chức sử dụng thành thạo máy tính',
    numeratorLabelEn: 'Officials proficient with computers',
    denominatorLabel: 'Số cán bộ, công chức',
    denominatorLabelEn: 'Officials',
    numeratorCapped: true,
  },
  {
    code: 'ICT-INDEX-RANK',
    indicator: 'Xếp hạng chỉ số sẵn sàng ứng dụng CNTT (ICT-Index) của tỉnh',
    indicatorEn: "Province's ICT-Index rank",
    measureUnit: 'hạng',
    targetValue: '10',
    direction: 'RANK_AT_MOST',
    aggregation: 'PROVINCE_VALUE',
    unitKinds: [],
    wholeValues: true,
  },
];

export const TARGETS: readonly TargetSeed[] = ROWS.map((row, i) => ({
  id: targetId(i + 1),
  planPeriod: TARGET_PLAN_PERIOD,
  position: i + 1,
  source: SOURCE,
  numeratorLabel: null,
  numeratorLabelEn: null,
  denominatorLabel: null,
  denominatorLabelEn: null,
  numeratorCapped: false,
  valueMax: null,
  wholeValues: false,
  // A percentage is scale 100, a plain ratio or a province value scale 1.
  scale: row.measureUnit === '%' ? 100 : 1,
  ...row,
}));
