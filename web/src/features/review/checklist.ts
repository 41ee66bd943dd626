// The rules an estimate meets before the head submits it, each with its state, computed from what
// the estimate answer carries. The server checks the same rules at submission (DISTRICT_IT_LINE_MISSING,
// SUPPORT_NOT_AWARDED, SUBMISSION_CLOSED; PROJECT_CONTINGENCY in the budget rules); this list only
// tells the officer beforehand.
import type { Estimate, FiscalYear } from '../../api/types';

export type RuleState = 'ok' | 'fail' | 'warn' | 'na';

export interface RuleCheck {
  code: 'HAS_LINES' | 'DISTRICT_IT_LINE' | 'SUPPORT_CAPS' | 'CONTINGENCY' | 'DEADLINE';
  state: RuleState;
  /** Values for the message (amounts as digit strings, line numbers). */
  values: Record<string, string | number>;
}

const SUPPORT_SOURCES = ['CENTRAL_SUPPORT', 'PROVINCIAL_SUPPORT'] as const;

/** Today's date in Vietnam's calendar (the calendar deadlines are written in), `YYYY-MM-DD`. */
export function vietnamToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
}

/** Whole days from `today` to `deadline` (both `YYYY-MM-DD`); negative once past. */
export function daysUntil(deadline: string, today: string): number {
  const day = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((day(deadline) - day(today)) / 86_400_000);
}

export function checkEstimate(estimate: Estimate, year: FiscalYear | undefined, today = vietnamToday()): RuleCheck[] {
  const lines = estimate.lines;
  const checks: RuleCheck[] = [];
  checks.push({ code: 'HAS_LINES', state: lines.length > 0 ? 'ok' : 'fail', values: { count: lines.length } });

  const isDistrict = estimate.unit.kind === 'DISTRICT_COMMITTEE';
  const districtTotal = lines.filter((l) => l.fundingSourceCode === 'DISTRICT').reduce((sum, l) => sum + BigInt(l.amount), 0n);
  checks.push({
    code: 'DISTRICT_IT_LINE',
    state: !isDistrict ? 'na' : districtTotal > 0n ? 'ok' : 'fail',
    values: { amount: districtTotal.toString() },
  });

  const overruns = SUPPORT_SOURCES.flatMap((source) => {
    const requested = lines.filter((l) => l.fundingSourceCode === source).reduce((sum, l) => sum + BigInt(l.amount), 0n);
    const awarded = BigInt(estimate.supportAwarded.find((a) => a.fundingSourceCode === source)?.amount ?? '0');
    return requested > awarded ? [{ source, requested, awarded }] : [];
  });
  const asksSupport = lines.some((l) => (SUPPORT_SOURCES as readonly string[]).includes(l.fundingSourceCode));
  checks.push({
    code: 'SUPPORT_CAPS',
    state: overruns.length > 0 ? 'fail' : asksSupport ? 'ok' : 'na',
    values: overruns[0]
      ? { source: overruns[0].source, requested: overruns[0].requested.toString(), awarded: overruns[0].awarded.toString() }
      : {},
  });

  // DESIGN.md section 9 / budget rule PROJECT_CONTINGENCY: within 10% of the cost.
  const over = lines.filter((l) => {
    if (l.activityKindCode !== 'PROJECT' || l.contingency === null) return false;
    const cost = BigInt(l.multiYearTotal ?? l.amount);
    return BigInt(l.contingency) * 100n > cost * 10n;
  });
  const hasProjects = lines.some((l) => l.activityKindCode === 'PROJECT' && l.contingency !== null);
  checks.push({
    code: 'CONTINGENCY',
    state: over.length > 0 ? 'warn' : hasProjects ? 'ok' : 'na',
    values: { lines: over.map((l) => l.lineNo).join(', ') },
  });

  const deadline = year?.submissionDeadline ?? null;
  if (deadline === null) {
    checks.push({ code: 'DEADLINE', state: 'na', values: {} });
  } else {
    const days = daysUntil(deadline, today);
    const state: RuleState = days >= 0 ? 'ok' : year?.lateSubmissionPolicy === 'REFUSE' ? 'fail' : 'warn';
    checks.push({ code: 'DEADLINE', state, values: { deadline, days: Math.abs(days) } });
  }
  return checks;
}
