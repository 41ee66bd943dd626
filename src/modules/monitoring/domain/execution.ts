// Execution of the approved budget: Σ disbursed ÷ Σ approved, from exact sums (bigint), never an
// average of the units' rates. Plain TypeScript.
import { Fraction } from './fraction.js';

/** Decimal places of an execution percentage. */
export const PERCENT_PLACES = 2;

export interface ExecutionFigures {
  approved: bigint;
  disbursed: bigint;
}

export interface ExecutionRow extends ExecutionFigures {
  /** 100 × disbursed / approved, rounded half-up to 2 decimals; null when nothing was approved. */
  percent: string | null;
}

export function executionPercent(disbursed: bigint, approved: bigint): string | null {
  return Fraction.ratio(disbursed, approved, 100n)?.toDecimal(PERCENT_PLACES) ?? null;
}

export function executionRow(figures: ExecutionFigures): ExecutionRow {
  return { approved: figures.approved, disbursed: figures.disbursed, percent: executionPercent(figures.disbursed, figures.approved) };
}

/** Σ of the rows' approved and disbursed amounts, and the rate of those sums. */
export function executionTotal(rows: Iterable<ExecutionFigures>): ExecutionRow {
  let approved = 0n;
  let disbursed = 0n;
  for (const row of rows) {
    approved += row.approved;
    disbursed += row.disbursed;
  }
  return executionRow({ approved, disbursed });
}
