// The year's lock: the one row every write and every year-wide check of a fiscal year takes first.
import type { EntityManager } from 'typeorm';

/** Statuses of a year's consolidated budget (the row that doubles as the year's lock). */
export type YearBudgetStatus = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'RETURNED';

/**
 * How a transaction holds the year:
 * - `SHARE`: a write that changes figures of the year but checks no rule over other rows (a line
 *   edit, a balance, a review, an estimate's creation, a settings change). Such writes go on side by
 *   side; a holder of `UPDATE` waits for them and they for it.
 * - `UPDATE`: a write or transition that checks a rule over many rows and must see every other
 *   write of the year either committed or not yet started (the budget's submission, approval and
 *   exclusions, an adjustment after approval, which is held to the floor).
 */
export type YearLockMode = 'SHARE' | 'UPDATE';

/**
 * **The rule** (DESIGN.md §3, "A rule that reads many rows …"): a rule checked over more than one
 * row is checked only after taking the year's budget row `FOR UPDATE`, and every write able to
 * change that rule's outcome takes the same row (`FOR SHARE` at least) before it reads or writes
 * anything else of the year. Two writes that would each pass alone can then never break the rule
 * together: the second one's check runs after the first has committed and sees it. The lock is
 * taken first and in one mode for the whole transaction (never `SHARE` then `UPDATE`: two such
 * upgrades deadlock), then the estimate rows in id order.
 *
 * The rules this covers, and who takes which mode:
 * | rule (code of its 409) | checked by (`UPDATE`) | writes that can change it (`SHARE` unless said) |
 * |---|---|---|
 * | 1% floor at submission (`IT_FLOOR`) | budget submit | balance, run adoption, return, review, line edits, exclusions (`UPDATE`), floor settings |
 * | 1% floor after approval (`FLOOR_BREACH`) | every adjustment (`UPDATE`) | other adjustments (`UPDATE`) |
 * | every estimate balanced or excluded (`BUDGET_NOT_READY`) | budget submit, approve | balance, return, estimate creation, exclusions (`UPDATE`) |
 * | district IT line, 10% contingency (warnings kept with the submission) | budget submit | line edits, workbook imports |
 * | floor settings frozen once submitted (`BUDGET_LOCKED`) | settings change | budget submit / approve (`UPDATE`) |
 *
 * Rules over rows of one record are held by that record's row instead: a district's own IT line at
 * its estimate's submission (the estimate row), support totals within their pools (the round row),
 * a run adopted once over unchanged lines (the run row, then its estimates), one estimate per unit
 * and year (a unique index).
 *
 * Creates the year's budget row when missing (so that the lock exists before the first write) and
 * answers its status. The caller must already have checked the fiscal year exists.
 */
export async function lockYear(manager: EntityManager, year: number, mode: YearLockMode): Promise<YearBudgetStatus> {
  await manager.query('INSERT INTO consolidated_budgets (year) VALUES ($1) ON CONFLICT DO NOTHING', [year]);
  const [row] = await manager.query<{ status: YearBudgetStatus }[]>(
    `SELECT status FROM consolidated_budgets WHERE year = $1 ${mode === 'UPDATE' ? 'FOR UPDATE' : 'FOR SHARE'}`,
    [year],
  );
  // The row was inserted just above or by a concurrent transaction that committed.
  return row?.status ?? 'DRAFT';
}

/** Budget statuses in which the year's figures are with the chair or decided: DOF and DPI no longer change them. */
export const YEAR_CLOSED: readonly YearBudgetStatus[] = ['SUBMITTED', 'APPROVED'];
