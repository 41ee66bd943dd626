// The estimate's state machine and the rules checked on its transitions (DESIGN.md section 3).
// Plain TypeScript: the service turns each transition into one conditional update.
import type { FieldProblem } from '../../../common/errors/domain-error.js';
import type { EstimateStatus } from './estimate-status.js';

export type EstimateAction = 'submit' | 'return' | 'review' | 'appraise' | 'balance' | 'approve' | 'adjust';

/** From which statuses each action may start, and where a transition leads. */
export const ESTIMATE_CYCLE: Record<EstimateAction, { from: readonly EstimateStatus[]; to?: EstimateStatus }> = {
  submit: { from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED' },
  // A balanced estimate can still go back while the consolidated budget is not submitted.
  return: { from: ['SUBMITTED', 'BALANCED'], to: 'RETURNED' },
  review: { from: ['SUBMITTED', 'BALANCED'] },
  // The appraisal round sits between review and balancing: while the estimate is submitted.
  appraise: { from: ['SUBMITTED'] },
  balance: { from: ['SUBMITTED', 'BALANCED'] },
  approve: { from: ['BALANCED'], to: 'APPROVED' },
  adjust: { from: ['APPROVED'] },
};

export interface CycleLine {
  id: string;
  amount: bigint;
  fundingSourceCode: string;
  expenditureTypeCode: string;
  activityKindCode: string;
  approvedAmount: bigint | null;
  designAgreed: boolean | null;
  /** DIC's appraised amount: once set, balancing starts from it instead of the request. */
  appraisedAmount?: bigint | null;
}

/** The plan's "mục chi riêng": a district carries its own IT line, funded from its own budget. */
export const DISTRICT_OWN_SOURCE = 'DISTRICT';

export function hasOwnItLine(lines: readonly Pick<CycleLine, 'amount' | 'fundingSourceCode'>[]): boolean {
  return lines.some((line) => line.fundingSourceCode === DISTRICT_OWN_SOURCE && line.amount > 0n);
}

export const DISTRICT_RULE_MESSAGE =
  'Dự toán của UBND cấp huyện phải có ít nhất một mục chi CNTT từ ngân sách huyện lớn hơn 0 / ' +
  "A district committee's estimate needs at least one IT line funded from the district's own budget with an amount above 0";

/** Support from the province or the centre, decided by the chair in a support round. */
export const SUPPORT_SOURCES: readonly string[] = ['CENTRAL_SUPPORT', 'PROVINCIAL_SUPPORT'];

/** Lines funded from support may not ask for more than the chair decided for the unit. */
export function supportOverruns(
  lines: readonly Pick<CycleLine, 'amount' | 'fundingSourceCode'>[],
  awarded: readonly { fundingSourceCode: string; amount: bigint }[],
): { fundingSourceCode: string; requested: bigint; awarded: bigint }[] {
  return SUPPORT_SOURCES.flatMap((source) => {
    const requested = lines.filter((l) => l.fundingSourceCode === source).reduce((sum, l) => sum + l.amount, 0n);
    const granted = awarded.find((a) => a.fundingSourceCode === source)?.amount ?? 0n;
    return requested > granted ? [{ fundingSourceCode: source, requested, awarded: granted }] : [];
  });
}

/** An IT investment project: DPI may fund it only once DIC agreed to its preliminary design. */
export function isInvestmentProject(line: Pick<CycleLine, 'expenditureTypeCode' | 'activityKindCode'>): boolean {
  return line.expenditureTypeCode === 'INVESTMENT' && line.activityKindCode === 'PROJECT';
}

/**
 * Why an IT project can take only 0, in words that tell DIC's refusal (`designAgreed: false`) apart
 * from an opinion not yet given (`null`). Vietnamese first, English beside.
 */
export function designNotAgreedMessage(designAgreed: boolean | null, field: string): string {
  const where = field ? `${field}: ` : '';
  return designAgreed === false
    ? `${where}Sở TT&TT đã không thống nhất thiết kế cơ sở của dự án; chỉ cân đối được 0 / DIC refused this IT project's preliminary design; only 0 can be approved`
    : `${where}dự án đầu tư CNTT đang chờ ý kiến của Sở TT&TT về thiết kế cơ sở; chỉ cân đối được 0 / ` +
        "this IT project is awaiting DIC's opinion on its preliminary design; only 0 can be approved";
}

/** Who balances which lines: DOF the recurrent ones, DPI the investment ones. */
export const BALANCER_OF: Record<string, 'DOF_OFFICER' | 'DPI_OFFICER'> = {
  RECURRENT: 'DOF_OFFICER',
  INVESTMENT: 'DPI_OFFICER',
};

/** Problems with one approved amount; `field` names the position in the request. */
export function approvedAmountProblems(line: CycleLine, approved: bigint, field: string): FieldProblem[] {
  if (line.appraisedAmount != null && approved > line.appraisedAmount) {
    return [
      {
        field,
        code: 'APPROVED_ABOVE_APPRAISAL',
        message: `${field}: mức duyệt ${approved} vượt số thẩm định ${line.appraisedAmount} / approved amount exceeds the appraised amount`,
      },
    ];
  }
  if (approved > line.amount) {
    return [
      {
        field,
        code: 'APPROVED_ABOVE_REQUEST',
        message: `${field}: mức duyệt ${approved} vượt số đề nghị ${line.amount} / approved amount exceeds the request`,
      },
    ];
  }
  return [];
}

/**
 * Problems with an appraised amount (the annex's appraisal round): 0 ≤ appraised ≤ requested, and
 * not below an amount already approved on the line (balancing would then exceed the appraisal).
 */
export function appraisalProblems(line: CycleLine, appraised: bigint, field: string): FieldProblem[] {
  if (appraised > line.amount) {
    return [{ field, code: 'APPRAISED_ABOVE_REQUEST', message: `${field}: số thẩm định ${appraised} vượt số đề nghị ${line.amount} / the appraised amount exceeds the request` }];
  }
  if (line.approvedAmount !== null && line.approvedAmount > appraised) {
    return [
      {
        field,
        code: 'APPRAISED_BELOW_APPROVED',
        message: `${field}: số thẩm định ${appraised} thấp hơn mức đã cân đối ${line.approvedAmount} / below the amount already approved`,
      },
    ];
  }
  return [];
}

export function isFullyBalanced(lines: readonly Pick<CycleLine, 'approvedAmount'>[]): boolean {
  return lines.length > 0 && lines.every((line) => line.approvedAmount !== null);
}

/** Submission after the deadline (dates as YYYY-MM-DD, compared in the province's calendar). */
export function isLate(today: string, deadline: string | null): boolean {
  return deadline !== null && today > deadline;
}
