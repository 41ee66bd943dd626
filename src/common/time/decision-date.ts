// A decision (quyết định) of a fiscal year is dated near that year: the estimate cycle runs in
// the year before, adjustments into the year after. 9999-12-31 is a typo an official must see.
import { type FieldProblem, InvalidInputError } from '../errors/domain-error.js';
import { message } from '../errors/messages.js';

/** The dates that belong near fiscal year `year`: 1 January of `year − 1` .. 31 December of `year + 1` (YYYY-MM-DD). */
export function yearWindow(year: number): { from: string; to: string } {
  return { from: `${year - 1}-01-01`, to: `${year + 1}-12-31` };
}

/**
 * The one rule for every date of a fiscal year (decision dates, deadlines): a date (YYYY-MM-DD,
 * already checked to be a real date) outside yearWindow(year) is a typo (2099-12-31, 1900-01-01).
 * Returns the problem naming `field` (code DATE_OUT_OF_YEAR; DECISION_DATE_OUT_OF_YEAR for decision
 * dates, see assertDecisionDateNearYear), or null when the date is near the year.
 */
export function dateNearYearProblem(field: string, date: string, year: number, code: 'DATE_OUT_OF_YEAR' | 'DECISION_DATE_OUT_OF_YEAR' = 'DATE_OUT_OF_YEAR'): FieldProblem | null {
  const { from, to } = yearWindow(year);
  // Same fixed-width format, so string order is date order.
  if (date >= from && date <= to) return null;
  return { field, code, message: `${field}: ${message(code, { date, from, to, year: String(year) })}` };
}

/**
 * Refuses a decision date (YYYY-MM-DD, already checked to be a real date) outside
 * 1 January of `year − 1` .. 31 December of `year + 1`.
 * @throws InvalidInputError naming `field`, code DECISION_DATE_OUT_OF_YEAR.
 */
export function assertDecisionDateNearYear(field: string, date: string, year: number): void {
  const problem = dateNearYearProblem(field, date, year, 'DECISION_DATE_OUT_OF_YEAR');
  if (problem) throw new InvalidInputError([problem]);
}
