// The rules an estimate meets before its head submits it, each with its state and in words
// (Vietnamese first, " / " English): the one source of the checklist that My work and Review and
// submit show. The refusals of submit (EstimateWorkflowService.submit) rest on the same predicates
// (hasOwnItLine, supportOverruns, isLate); a rule in state `fail` is one that submit refuses.
// Plain TypeScript: no framework imports.
import { DISTRICT_OWN_SOURCE, hasOwnItLine, isLate, SUPPORT_SOURCES, supportOverruns } from './estimate-cycle.js';
import { groupDigits } from '../../../common/money/vnd.js';

export const CHECKLIST_RULES = ['HAS_LINES', 'DISTRICT_IT_LINE', 'SUPPORT_CAPS', 'CONTINGENCY', 'DEADLINE'] as const;
export type ChecklistRule = (typeof CHECKLIST_RULES)[number];
export const CHECKLIST_STATES = ['ok', 'fail', 'warn', 'na'] as const;
/** ok: met; fail: submit refuses; warn: submit goes through, flagged; na: does not apply. */
export type ChecklistState = (typeof CHECKLIST_STATES)[number];

export interface ChecklistLine {
  lineNo: number;
  amount: bigint;
  fundingSourceCode: string;
  activityKindCode: string;
  contingency: bigint | null;
  multiYearTotal: bigint | null;
}

export interface ChecklistInput {
  lines: readonly ChecklistLine[];
  /** District committees must carry their own IT line (DESIGN.md section 3). */
  isDistrict: boolean;
  /** Support the chair decided for the unit and year, per funding source. */
  awarded: readonly { fundingSourceCode: string; amount: bigint }[];
  /** Today in Vietnam's calendar and the year's deadline, both YYYY-MM-DD. */
  today: string;
  deadline: string | null;
  /** REFUSE: late submissions are refused; any other policy flags them. */
  lateSubmissionPolicy: string;
}

export interface ChecklistItem {
  code: ChecklistRule;
  state: ChecklistState;
  /** "vi / en" */
  title: string;
  /** "vi / en", naming the figures, lines and dates behind the state. */
  message: string;
}

/** A project's contingency stays within this share of its cost (the budget rule PROJECT_CONTINGENCY). */
export const CONTINGENCY_PERCENT = 10n;

const SUPPORT_NAMES: Record<string, { vi: string; en: string }> = {
  CENTRAL_SUPPORT: { vi: 'Hỗ trợ của Trung ương', en: 'Central support' },
  PROVINCIAL_SUPPORT: { vi: 'Hỗ trợ của tỉnh', en: 'Provincial support' },
};

/** 1250000000n → "1.250.000.000 đồng", as officials write amounts. */
function dong(amount: bigint): string {
  return `${groupDigits(amount)} đồng`;
}

/** 2015-03-31 → 31/03/2015. */
function date(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** Whole days from one YYYY-MM-DD to another; negative once past. */
export function daysBetween(from: string, to: string): number {
  const day = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((day(to) - day(from)) / 86_400_000);
}

const both = (vi: string, en: string) => `${vi} / ${en}`;

/** The checklist in a fixed order (CHECKLIST_RULES). */
export function submissionChecklist(input: ChecklistInput): ChecklistItem[] {
  const { lines } = input;
  const items: ChecklistItem[] = [];

  items.push({
    code: 'HAS_LINES',
    state: lines.length > 0 ? 'ok' : 'fail',
    title: both('Có ít nhất một dòng dự toán', 'At least one line'),
    message:
      lines.length > 0
        ? both(`Dự toán có ${lines.length} dòng.`, `The estimate has ${lines.length} line(s).`)
        : both('Dự toán chưa có dòng nào.', 'The estimate has no lines.'),
  });

  const own = lines.filter((l) => l.fundingSourceCode === DISTRICT_OWN_SOURCE).reduce((sum, l) => sum + l.amount, 0n);
  items.push({
    code: 'DISTRICT_IT_LINE',
    state: !input.isDistrict ? 'na' : hasOwnItLine(lines) ? 'ok' : 'fail',
    title: both('Dòng chi CNTT riêng từ ngân sách huyện', "The district's own IT line"),
    message: !input.isDistrict
      ? both('Chỉ áp dụng cho UBND cấp huyện.', 'Applies to district committees only.')
      : hasOwnItLine(lines)
        ? both(`Ngân sách huyện: ${dong(own)}.`, `District budget: ${dong(own)}.`)
        : both(
            'UBND cấp huyện phải có ít nhất một dòng từ ngân sách huyện lớn hơn 0.',
            "A district committee needs at least one line from the district's own budget above 0.",
          ),
  });

  const overruns = supportOverruns(lines, input.awarded);
  const asksSupport = lines.some((l) => SUPPORT_SOURCES.includes(l.fundingSourceCode));
  items.push({
    code: 'SUPPORT_CAPS',
    state: overruns.length > 0 ? 'fail' : asksSupport ? 'ok' : 'na',
    title: both('Không vượt mức hỗ trợ được quyết định', 'Within the support decided'),
    message:
      overruns.length > 0
        ? both(
            overruns.map((o) => `${SUPPORT_NAMES[o.fundingSourceCode]?.vi ?? o.fundingSourceCode}: đề nghị ${dong(o.requested)}, vượt mức được quyết định ${dong(o.awarded)}.`).join(' '),
            overruns.map((o) => `${SUPPORT_NAMES[o.fundingSourceCode]?.en ?? o.fundingSourceCode}: ${dong(o.requested)} asked, above the ${dong(o.awarded)} decided.`).join(' '),
          )
        : asksSupport
          ? both('Các dòng từ nguồn hỗ trợ nằm trong mức được quyết định.', 'Lines funded from support stay within what was decided.')
          : both('Không có dòng nào từ nguồn hỗ trợ.', 'No line is funded from support.'),
  });

  // A project's cost is its multi-year total when it has one, else its amount for the year.
  const projects = lines.filter((l) => l.activityKindCode === 'PROJECT' && l.contingency !== null);
  const over = projects.filter((l) => l.contingency! * 100n > (l.multiYearTotal ?? l.amount) * CONTINGENCY_PERCENT);
  const overNos = over.map((l) => l.lineNo).join(', ');
  items.push({
    code: 'CONTINGENCY',
    state: over.length > 0 ? 'warn' : projects.length > 0 ? 'ok' : 'na',
    title: both(`Dự phòng của dự án không quá ${CONTINGENCY_PERCENT}% chi phí`, `A project's contingency within ${CONTINGENCY_PERCENT}% of its cost`),
    message:
      over.length > 0
        ? both(`Dòng ${overNos}: dự phòng vượt ${CONTINGENCY_PERCENT}% chi phí.`, `Line(s) ${overNos}: contingency above ${CONTINGENCY_PERCENT}% of the cost.`)
        : projects.length > 0
          ? both(`Dự phòng của các dự án nằm trong ${CONTINGENCY_PERCENT}%.`, `Projects' contingencies stay within ${CONTINGENCY_PERCENT}%.`)
          : both('Không có dự án nào ghi dự phòng.', 'No project records a contingency.'),
  });

  const title = both('Hạn trình dự toán', 'Submission deadline');
  if (input.deadline === null) {
    items.push({ code: 'DEADLINE', state: 'na', title, message: both('Năm này chưa đặt hạn trình.', 'No deadline is set for this year.') });
  } else {
    const deadline = date(input.deadline);
    const days = Math.abs(daysBetween(input.today, input.deadline));
    if (!isLate(input.today, input.deadline)) {
      items.push({ code: 'DEADLINE', state: 'ok', title, message: both(`Hạn trình ${deadline}, còn ${days} ngày.`, `Due ${deadline}, ${days} day(s) left.`) });
    } else if (input.lateSubmissionPolicy === 'REFUSE') {
      items.push({
        code: 'DEADLINE',
        state: 'fail',
        title,
        message: both(`Đã quá hạn trình ${deadline}; năm này không nhận dự toán trình muộn.`, `The deadline ${deadline} has passed; this year refuses late submissions.`),
      });
    } else {
      items.push({
        code: 'DEADLINE',
        state: 'warn',
        title,
        message: both(
          `Đã quá hạn trình ${deadline} (${days} ngày); dự toán trình bây giờ được ghi là trình muộn.`,
          `The deadline ${deadline} passed ${days} day(s) ago; a submission now is recorded as late.`,
        ),
      });
    }
  }
  return items;
}
