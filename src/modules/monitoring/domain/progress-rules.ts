// The semi-annual progress report's rules: its cycle, its deadline, and the checks on the figures a
// unit gives. Plain TypeScript: the service, the workbook import and the tests share them.
import type { Aggregation } from './targets.js';
import { isBlankText } from '../../../common/text/visible-text.js';

export const PROGRESS_STATUSES = ['DRAFT', 'SUBMITTED', 'ACCEPTED', 'RETURNED'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];
export const HALVES = [1, 2] as const;
export type Half = (typeof HALVES)[number];

/** Figures change only while the unit holds the report. */
export const EDITABLE_PROGRESS: readonly ProgressStatus[] = ['DRAFT', 'RETURNED'];

export type ProgressAction = 'submit' | 'accept' | 'return';

/** DRAFT → SUBMITTED → ACCEPTED | RETURNED → SUBMITTED. ACCEPTED is final. */
export const PROGRESS_CYCLE: Record<ProgressAction, { from: readonly ProgressStatus[]; to: ProgressStatus }> = {
  submit: { from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED' },
  accept: { from: ['SUBMITTED'], to: 'ACCEPTED' },
  return: { from: ['SUBMITTED'], to: 'RETURNED' },
};

/** Days after the end of the half-year by which the report is due. */
export const DAYS_AFTER_HALF = 30;

/**
 * The default deadline: 30 days after the half-year ends, i.e. 30 July for the first half and
 * 30 January of the next year for the second. A year may set its own (progress_deadlines).
 */
export function defaultDueDate(year: number, half: Half): string {
  return half === 1 ? `${year}-07-30` : `${year + 1}-01-30`;
}

/** Dates are 'YYYY-MM-DD' in Vietnam's calendar: late when today is after the due date. */
export function isPastDue(today: string, dueDate: string): boolean {
  return today > dueDate;
}

/** The cells of a figure, as a unit gives them (JSON or workbook). */
export interface FigureInput {
  numerator?: bigint | null;
  denominator?: bigint | null;
  achieved?: boolean | null;
}

export interface FigureRule {
  aggregation: Aggregation;
  numeratorCapped: boolean;
}

/** A problem with one cell of a figure or disbursement; the caller names the field or the cell. */
export interface CellProblem {
  column: 'targetCode' | 'numerator' | 'denominator' | 'achieved' | 'lineId' | 'disbursed' | 'overrunReason';
  code: string;
  message: string;
}

/** What a target needs from a unit: numerator and denominator for a ratio, yes / no for a share. */
export function figureProblems(rule: FigureRule, figure: FigureInput): CellProblem[] {
  const problems: CellProblem[] = [];
  if (rule.aggregation === 'PROVINCE_VALUE') {
    return [{ column: 'targetCode', code: 'PROVINCE_TARGET', message: 'chỉ tiêu cấp tỉnh do Sở TT&TT ghi nhận, không báo cáo theo đơn vị / a province-level target is recorded by DIC, not reported by units' }];
  }
  if (rule.aggregation === 'SHARE_OF_UNITS') {
    if (figure.achieved === undefined || figure.achieved === null) {
      problems.push({ column: 'achieved', code: 'REQUIRED', message: 'cần trả lời đạt hay không (true/false) / say whether the unit meets it (true or false)' });
    }
    for (const column of ['numerator', 'denominator'] as const) {
      if (figure[column] !== undefined && figure[column] !== null) {
        problems.push({ column, code: 'NOT_APPLICABLE', message: 'chỉ tiêu này chỉ cần đạt / không đạt / this target takes only a yes or no' });
      }
    }
    return problems;
  }
  for (const column of ['numerator', 'denominator'] as const) {
    if (figure[column] === undefined || figure[column] === null) {
      problems.push({ column, code: 'REQUIRED', message: `cần ${column === 'numerator' ? 'tử số' : 'mẫu số'} / the ${column} is required` });
    }
  }
  if (figure.achieved !== undefined && figure.achieved !== null) {
    problems.push({ column: 'achieved', code: 'NOT_APPLICABLE', message: 'chỉ tiêu này cần tử số và mẫu số / this target takes a numerator and a denominator' });
  }
  const { numerator, denominator } = figure;
  if (typeof numerator === 'bigint' && typeof denominator === 'bigint') {
    if (rule.numeratorCapped && numerator > denominator) {
      problems.push({
        column: 'numerator',
        code: 'NUMERATOR_ABOVE_DENOMINATOR',
        message: `tử số ${numerator} lớn hơn mẫu số ${denominator} / the numerator ${numerator} exceeds the denominator ${denominator}`,
      });
    }
    if (denominator === 0n && numerator > 0n) {
      problems.push({ column: 'denominator', code: 'ZERO_DENOMINATOR', message: 'mẫu số bằng 0 mà tử số lớn hơn 0 / the denominator is 0 while the numerator is not' });
    }
  }
  return problems;
}

/** Disbursed may exceed the approved amount only with a reason, which then flags the line. */
export function disbursementProblems(approved: bigint, disbursed: bigint, overrunReason: string | null | undefined): CellProblem[] {
  if (disbursed > approved && isBlankText(overrunReason)) {
    return [
      {
        column: 'disbursed',
        code: 'DISBURSED_ABOVE_APPROVED',
        message:
          `đã giải ngân ${disbursed} vượt dự toán được duyệt ${approved}; cần nêu lý do (overrunReason) / ` +
          `disbursed ${disbursed} exceeds the approved ${approved}: give the reason (overrunReason)`,
      },
    ];
  }
  return [];
}
