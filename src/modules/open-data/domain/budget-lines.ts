// The published budget lines: one CSV record per line and phase. The list of fields below is the
// one source of the CSV header and of the resource's Table Schema, so the two cannot drift apart.
// Plain TypeScript: no framework, no database.

/** Budget phases of the Fiscal Data Package, in the order a line goes through them. */
export const PHASES = ['proposed', 'approved', 'adjusted', 'executed'] as const;
export type Phase = (typeof PHASES)[number];

/** Every phase is published; `executed` once DIC has accepted a semi-annual progress report. */
export const PUBLISHED_PHASES: readonly Phase[] = PHASES;

export type FieldType = 'string' | 'integer' | 'number' | 'date';

export interface FieldSpec {
  name: string;
  type: FieldType;
  title: string;
  description: string;
  /** Fiscal Data Package 1.0-rc.1 ColumnType (budget taxonomy, or a custom type deduced by prefix). */
  columnType: string;
  required?: boolean;
  enum?: readonly string[];
}

/** One published line as the database gives it (no user, comment, note or justification: never selected). */
export interface PublishedLine {
  lineId: string;
  unitCode: string;
  unitName: string;
  unitNameEn: string;
  unitKind: string;
  unitBudgetLevel: string;
  planAreaCode: string;
  planAreaName: string;
  planAreaNameEn: string;
  expenditureTypeCode: string;
  expenditureTypeName: string;
  expenditureTypeNameEn: string;
  fundingSourceCode: string;
  fundingSourceName: string;
  fundingSourceNameEn: string;
  activityKindCode: string;
  activityKindName: string;
  activityKindNameEn: string;
  /** The state budget index: the unit's budget-relationship code and chapter, the line's Loại-Khoản and Mục-Tiểu mục ('' when not set). */
  unitBudgetRelationCode: string;
  chapterCode: string;
  loaiKhoan: string;
  mucTieuMuc: string;
  description: string;
  /** The amount the unit asked for. */
  requested: bigint;
  /** The approved amount now (after any adjustment); null only if a line was never balanced. */
  approvedNow: bigint | null;
  /** The approved amount as the chair decided it, kept on the line at the decision (`decided_amount`). */
  decided: bigint | null;
  /** How many adjustments the line had after the chair's decision. */
  adjustmentCount: number;
  /** Σ (after − before) over those adjustments. */
  adjustmentNet: bigint;
  /** Disbursed so far this year, from the unit's latest semi-annual report DIC accepted; null before one. */
  executed: bigint | null;
}

const field = (name: string, type: FieldType, vi: string, en: string, columnType: string, more: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  type,
  title: `${vi} / ${en}`,
  description: more.description ?? en,
  columnType,
  required: true,
  ...more,
});

export const BUDGET_LINE_FIELDS: readonly FieldSpec[] = [
  field('fiscal_year', 'integer', 'Năm ngân sách', 'Fiscal year', 'date:fiscal-year', {
    description: 'The fiscal year (1 January to 31 December) the amount belongs to',
  }),
  field('phase', 'string', 'Giai đoạn', 'Budget phase', 'phase:id', {
    description:
      'proposed: requested by the unit; approved: decided by the chair of the provincial People’s Committee; ' +
      'adjusted: after a recorded adjustment of the approved figure; executed: disbursed so far this year, from the latest semi-annual progress report DIC accepted',
    enum: PHASES,
  }),
  field('line_id', 'string', 'Mã dòng dự toán', 'Budget line id', 'budget-line-id', {
    description: 'Identifier of the budget line, the same in every phase of the line',
  }),
  field('unit_code', 'string', 'Mã đơn vị', 'Unit code', 'administrative-classification:generic:code'),
  field('unit_name', 'string', 'Đơn vị', 'Unit', 'administrative-classification:generic:label'),
  field('unit_name_en', 'string', 'Tên đơn vị (tiếng Anh)', 'Unit (English)', 'administrative-classification:generic:label:en'),
  field('unit_kind', 'string', 'Loại đơn vị', 'Unit kind', 'administrative-classification:generic:kind:code', {
    description: 'PROVINCIAL_COMMITTEE, DEPARTMENT, DISTRICT_COMMITTEE or COMMUNE_COMMITTEE',
  }),
  field('unit_budget_level', 'string', 'Cấp ngân sách', 'Budget level', 'administrative-classification:generic:budget-level:code', {
    description: 'PROVINCIAL, DISTRICT or COMMUNE',
  }),
  field('plan_area_code', 'string', 'Mã nội dung kế hoạch', 'Plan area code', 'functional-classification:generic:code', {
    description: 'The area of the IT plan the line serves (functional classification)',
  }),
  field('plan_area_name', 'string', 'Nội dung kế hoạch', 'Plan area', 'functional-classification:generic:label'),
  field('plan_area_name_en', 'string', 'Nội dung kế hoạch (tiếng Anh)', 'Plan area (English)', 'functional-classification:generic:label:en'),
  field('expenditure_type_code', 'string', 'Mã loại chi', 'Expenditure type code', 'economic-classification:generic:code', {
    description: 'RECURRENT or INVESTMENT (economic classification)',
  }),
  field('expenditure_type_name', 'string', 'Loại chi', 'Expenditure type', 'economic-classification:generic:label'),
  field('expenditure_type_name_en', 'string', 'Loại chi (tiếng Anh)', 'Expenditure type (English)', 'economic-classification:generic:label:en'),
  field('funding_source_code', 'string', 'Mã nguồn vốn', 'Funding source code', 'fin-source:generic:code'),
  field('funding_source_name', 'string', 'Nguồn vốn', 'Funding source', 'fin-source:generic:label'),
  field('funding_source_name_en', 'string', 'Nguồn vốn (tiếng Anh)', 'Funding source (English)', 'fin-source:generic:label:en'),
  field('activity_kind_code', 'string', 'Mã loại hoạt động', 'Activity kind code', 'activity:generic:kind:code', {
    description: 'IT project, IT service rental, task with or without a detailed estimate',
  }),
  field('activity_kind_name', 'string', 'Loại hoạt động', 'Activity kind', 'activity:generic:kind:label'),
  field('activity_kind_name_en', 'string', 'Loại hoạt động (tiếng Anh)', 'Activity kind (English)', 'activity:generic:kind:label:en'),
  field('unit_budget_relation_code', 'string', 'Mã ĐVQHNS', 'Budget-relationship code', 'administrative-classification:generic:budget-relation:code', {
    description: 'The unit’s budget-relationship code (mã số ĐVQHNS, 7 digits, Thông tư 185/2015/TT-BTC); empty when not registered',
    required: false,
  }),
  field('chapter_code', 'string', 'Chương', 'Chapter', 'administrative-classification:generic:chapter:code', {
    description: 'Chapter (Chương) of the state budget index the unit’s spending is recorded under; empty when not set',
    required: false,
  }),
  field('loai_khoan', 'string', 'Loại-Khoản', 'Type-item (Loại-Khoản)', 'functional-classification:vn-mlns:code', {
    description: 'Loại-Khoản of the state budget index in force for the year (LLL-KKK); empty when the line is not classified',
    required: false,
  }),
  field('muc_tieu_muc', 'string', 'Mục-Tiểu mục', 'Group-subitem (Mục-Tiểu mục)', 'economic-classification:vn-mlns:code', {
    description: 'Mục-Tiểu mục of the state budget index in force for the year (MMMM-TTTT); empty when the line is not classified',
    required: false,
  }),
  field('description', 'string', 'Nội dung', 'Line description', 'activity:generic:description', {
    description: 'What the line pays for, as the unit described it',
  }),
  field('amount', 'number', 'Số tiền (đồng)', 'Amount (VND)', 'value', {
    description: 'Whole Vietnamese đồng, written as plain digits (no group separator, no decimals)',
  }),
];

export const BUDGET_LINE_HEADER: readonly string[] = BUDGET_LINE_FIELDS.map((f) => f.name);

/**
 * The approved amount as the chair decided it: the figure kept on the line at the decision, the one
 * source the budget API, the workbook and the dashboard read too. The recorded adjustments must
 * lead from it to the amount now; a line where they do not is refused (an Error), never published.
 */
export function decidedAmount(line: Pick<PublishedLine, 'lineId' | 'approvedNow' | 'decided' | 'adjustmentNet'>): bigint | null {
  if (line.decided === null) return null;
  if (line.approvedNow === null || line.decided + line.adjustmentNet !== line.approvedNow) {
    throw new Error(`Line ${line.lineId}: its adjustments do not lead from the decided amount to the approved amount now`);
  }
  return line.decided;
}

/** The amount of each published phase of a line, in phase order. */
export function phaseAmounts(line: PublishedLine): { phase: Phase; amount: bigint }[] {
  const amounts: { phase: Phase; amount: bigint }[] = [{ phase: 'proposed', amount: line.requested }];
  const decided = decidedAmount(line);
  if (decided !== null) amounts.push({ phase: 'approved', amount: decided });
  if (line.approvedNow !== null && line.adjustmentCount > 0) amounts.push({ phase: 'adjusted', amount: line.approvedNow });
  if (line.executed !== null) amounts.push({ phase: 'executed', amount: line.executed });
  return amounts;
}

/** The CSV records of a line (values in BUDGET_LINE_FIELDS order), one per published phase. */
export function lineRecords(year: number, line: PublishedLine): string[][] {
  return phaseAmounts(line).map(({ phase, amount }) => [
    String(year),
    phase,
    line.lineId,
    line.unitCode,
    line.unitName,
    line.unitNameEn,
    line.unitKind,
    line.unitBudgetLevel,
    line.planAreaCode,
    line.planAreaName,
    line.planAreaNameEn,
    line.expenditureTypeCode,
    line.expenditureTypeName,
    line.expenditureTypeNameEn,
    line.fundingSourceCode,
    line.fundingSourceName,
    line.fundingSourceNameEn,
    line.activityKindCode,
    line.activityKindName,
    line.activityKindNameEn,
    line.unitBudgetRelationCode,
    line.chapterCode,
    line.loaiKhoan,
    line.mucTieuMuc,
    line.description,
    amount.toString(),
  ]);
}
