// Checks on a year's settings that span several fields. Plain TypeScript.
import type { FieldProblem } from '../../common/errors/domain-error.js';
import { message } from '../../common/errors/messages.js';
import { dateNearYearProblem } from '../../common/time/decision-date.js';

export interface YearCalendar {
  submissionDeadline: string | null;
  balancingDeadline: string | null;
  committeeDeadline: string | null;
}

/** Deadlines, where given, come in the order of the cycle: submission, balancing, committee. */
export function calendarProblems(calendar: YearCalendar): FieldProblem[] {
  const ordered: [keyof YearCalendar, string | null][] = [
    ['submissionDeadline', calendar.submissionDeadline],
    ['balancingDeadline', calendar.balancingDeadline],
    ['committeeDeadline', calendar.committeeDeadline],
  ];
  const problems: FieldProblem[] = [];
  let previous: [string, string] | undefined;
  for (const [field, date] of ordered) {
    if (date === null) continue;
    if (previous && date < previous[1]) {
      problems.push({ field, code: 'DEADLINE_ORDER', message: message('DEADLINE_ORDER', { field, date, previous: previous[0], previousDate: previous[1] }) });
    }
    previous = [field, date];
  }
  return problems;
}

/**
 * A year's deadlines lie near the year (1 January of year − 1 .. 31 December of year + 1), the
 * window decision dates have (common/time/decision-date.ts): 1900-01-01 is a typo. Code DATE_OUT_OF_YEAR.
 */
export function deadlineYearProblems(year: number, calendar: YearCalendar): FieldProblem[] {
  return (['submissionDeadline', 'balancingDeadline', 'committeeDeadline'] as const)
    .map((field) => (calendar[field] === null ? null : dateNearYearProblem(field, calendar[field], year)))
    .filter((problem): problem is FieldProblem => problem !== null);
}

/**
 * A plan period is "YYYY-YYYY" (the DTO checks the form) with first year ≤ last year, and it contains
 * the fiscal year: 2012 belongs to "2011-2015", not "2016-2020". Codes PLAN_PERIOD_ORDER, PLAN_PERIOD_OUTSIDE_YEAR.
 */
export function planPeriodProblems(year: number, planPeriod: string): FieldProblem[] {
  const match = /^([0-9]{4})-([0-9]{4})$/.exec(planPeriod);
  if (!match) return [{ field: 'planPeriod', code: 'PLAN_PERIOD_FORMAT', message: message('PLAN_PERIOD_FORMAT') }];
  const [first, last] = [Number(match[1]), Number(match[2])];
  if (first > last) return [{ field: 'planPeriod', code: 'PLAN_PERIOD_ORDER', message: message('PLAN_PERIOD_ORDER', { period: planPeriod }) }];
  if (year < first || year > last) {
    return [{ field: 'planPeriod', code: 'PLAN_PERIOD_OUTSIDE_YEAR', message: message('PLAN_PERIOD_OUTSIDE_YEAR', { period: planPeriod, year }) }];
  }
  return [];
}

/** Every floor source is a funding source of the catalog (code UNKNOWN_CODE). */
export function unknownSourceProblems(floorSources: readonly string[], known: ReadonlySet<string>): FieldProblem[] {
  return floorSources
    .filter((code) => !known.has(code))
    .map((code) => ({ field: 'floorSources', code: 'UNKNOWN_CODE', message: message('UNKNOWN_FLOOR_SOURCE', { code }) }));
}
