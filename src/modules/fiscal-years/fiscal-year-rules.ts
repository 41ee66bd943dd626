// Checks on a year's settings that span several fields. Plain TypeScript.
import type { FieldProblem } from '../../common/errors/domain-error.js';
import { message } from '../../common/errors/messages.js';

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

export function unknownSourceProblems(floorSources: readonly string[], known: ReadonlySet<string>): FieldProblem[] {
  return floorSources
    .filter((code) => !known.has(code))
    .map((code) => ({ field: 'floorSources', code: 'UNKNOWN_CODE', message: message('UNKNOWN_FLOOR_SOURCE', { code }) }));
}
