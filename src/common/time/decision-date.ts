// A decision (quyết định) of a fiscal year is dated near that year: the estimate cycle runs in
// the year before, adjustments into the year after. 9999-12-31 is a typo an official must see.
import { InvalidInputError } from '../errors/domain-error.js';
import { message } from '../errors/messages.js';

/**
 * Refuses a decision date (YYYY-MM-DD, already checked to be a real date) outside
 * 1 January of `year − 1` .. 31 December of `year + 1`.
 * @throws InvalidInputError naming `field`, code DECISION_DATE_OUT_OF_YEAR.
 */
export function assertDecisionDateNearYear(field: string, date: string, year: number): void {
  const from = `${year - 1}-01-01`;
  const to = `${year + 1}-12-31`;
  // Same fixed-width format, so string order is date order.
  if (date >= from && date <= to) return;
  throw InvalidInputError.of(field, message('DECISION_DATE_OUT_OF_YEAR', { date, from, to, year: String(year) }), 'DECISION_DATE_OUT_OF_YEAR');
}
