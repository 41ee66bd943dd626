// Rules for one estimate line, as plain functions: the amount from quantity × unit price, the
// catalog codes, and the bounds the allocator relies on (committed minimum ≤ request).
import type { FieldProblem } from '../../../common/errors/domain-error.js';
import { formatVnd, groupDigits, isWithinLimit, lineAmount } from '../../../common/money/vnd.js';
import type { CatalogCodes } from '../../catalog/catalog-codes.js';

export interface LineCodes {
  planAreaCode: string;
  expenditureTypeCode: string;
  fundingSourceCode: string;
  activityKindCode: string;
}

export interface LineFigures {
  quantity: string;
  unitPrice: bigint;
  committedMinimum: bigint;
  /** A project's contingency, part of the amount. */
  contingency?: bigint | null;
  /** The amount the client stated, if any; it must agree with quantity × unit price. */
  statedAmount?: bigint;
}

const CODE_FIELDS: { field: keyof LineCodes; set: Exclude<keyof CatalogCodes, 'classification'>; label: string }[] = [
  { field: 'planAreaCode', set: 'planAreas', label: 'lĩnh vực kế hoạch / plan area' },
  { field: 'expenditureTypeCode', set: 'expenditureTypes', label: 'loại chi / expenditure type' },
  { field: 'fundingSourceCode', set: 'fundingSources', label: 'nguồn vốn / funding source' },
  { field: 'activityKindCode', set: 'activityKinds', label: 'loại hoạt động / activity kind' },
];

export function codeProblems(line: LineCodes, codes: CatalogCodes): FieldProblem[] {
  return CODE_FIELDS.filter(({ field, set }) => !codes[set].has(line[field])).map(({ field, label }) => ({
    field,
    code: 'UNKNOWN_CODE',
    message: `${field}: mã ${label} không tồn tại hoặc không được chọn / unknown ${label.split(' / ')[1]} code "${line[field]}"`,
  }));
}

export type AmountResult = { ok: true; amount: bigint } | { ok: false; problems: FieldProblem[] };

/** Computes the line's amount and checks it against the limits and the committed minimum. */
export function computeAmount(figures: LineFigures): AmountResult {
  const amount = lineAmount(figures.quantity, figures.unitPrice);
  const problems: FieldProblem[] = [];
  if (!isWithinLimit(amount)) {
    problems.push({
      field: 'amount',
      code: 'AMOUNT_TOO_LARGE',
      // Officials read this in the grid: the field by its Vietnamese name, the figure grouped, the
      // limit (10^18, what the amount column holds) in words and figures rather than as a power.
      message:
        `thành tiền = số lượng × đơn giá = ${groupDigits(amount)} đồng, vượt giới hạn: phải nhỏ hơn một tỷ tỷ đồng (1.000.000.000.000.000.000 đồng)` +
        ` / amount = quantity × unit price = ${groupDigits(amount, ',')} đồng, over the limit: it must be below 1,000,000,000,000,000,000 đồng`,
    });
  }
  if (figures.statedAmount !== undefined && figures.statedAmount !== amount) {
    problems.push({
      field: 'amount',
      code: 'AMOUNT_MISMATCH',
      message: `amount: ${formatVnd(figures.statedAmount)} khác số lượng × đơn giá = ${formatVnd(amount)} / disagrees with quantity × unitPrice`,
    });
  }
  if (figures.committedMinimum > amount) {
    problems.push({
      field: 'committedMinimum',
      code: 'MINIMUM_ABOVE_AMOUNT',
      message: `committedMinimum: ${formatVnd(figures.committedMinimum)} lớn hơn thành tiền ${formatVnd(amount)} / exceeds the line's amount`,
    });
  }
  if (figures.contingency != null && figures.contingency > amount) {
    problems.push({
      field: 'contingency',
      code: 'CONTINGENCY_ABOVE_AMOUNT',
      message: `contingency: dự phòng ${formatVnd(figures.contingency)} lớn hơn thành tiền ${formatVnd(amount)} / exceeds the line's amount`,
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, amount };
}

/** The multi-year columns of a line (the annex's tổng mức dự toán and what earlier years funded). */
export interface MultiYearFigures {
  multiYearTotal: bigint | null;
  /** Funded up to year N-2 (lũy kế bố trí đến năm N-2). */
  fundedToPrev2: bigint | null;
  /** Year N-1: the assigned estimate (dự toán được giao). */
  prevYearEstimate: bigint | null;
  /** Year N-1: the expected execution (ước thực hiện), which the annex sums into the total. */
  prevYearExpected: bigint | null;
}

/**
 * What earlier years funded, as the line itself records it: funded up to N-2 plus year N-1's
 * expected execution (its assigned estimate when no execution is expected yet). The ledger keeps
 * no link between a line and the same project's lines of earlier years, so the line's own columns
 * are what is known; the annex sums these columns into the multi-year total.
 */
export function fundedBefore(line: MultiYearFigures): bigint {
  return (line.fundedToPrev2 ?? 0n) + (line.prevYearExpected ?? line.prevYearEstimate ?? 0n);
}

/**
 * A multi-year total (tổng mức dự toán) below what earlier years already funded cannot be: 400
 * `MULTI_YEAR_TOTAL_BELOW_FUNDED` naming `multiYearTotal` and both amounts, grouped. Lines without
 * a multi-year total are not checked.
 */
export function multiYearProblems(line: MultiYearFigures): FieldProblem[] {
  if (line.multiYearTotal === null) return [];
  const funded = fundedBefore(line);
  if (line.multiYearTotal >= funded) return [];
  return [
    {
      field: 'multiYearTotal',
      code: 'MULTI_YEAR_TOTAL_BELOW_FUNDED',
      message:
        `multiYearTotal: tổng mức dự toán ${groupDigits(line.multiYearTotal)} đồng nhỏ hơn số các năm trước đã bố trí ${groupDigits(funded)} đồng` +
        ` (lũy kế đến năm N-2 cộng năm N-1) / the multi-year total ${groupDigits(line.multiYearTotal, ',')} đồng is below what earlier years funded,` +
        ` ${groupDigits(funded, ',')} đồng (up to N-2 plus N-1)`,
    },
  ];
}
