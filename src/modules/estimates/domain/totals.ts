// Totals of an estimate's lines: exact, and every total equals the sum of its lines.
import { sumVnd, totalsBy } from '../../../common/money/vnd.js';

export interface TotalledLine {
  amount: bigint;
  planAreaCode: string;
  fundingSourceCode: string;
  expenditureTypeCode: string;
}

export interface AmountByCode {
  code: string;
  amount: bigint;
}

export interface EstimateTotals {
  total: bigint;
  lineCount: number;
  byPlanArea: AmountByCode[];
  byFundingSource: AmountByCode[];
  byExpenditureType: AmountByCode[];
}

const sortedByCode = (totals: Map<string, bigint>): AmountByCode[] =>
  [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, amount]) => ({ code, amount }));

export function estimateTotals(lines: readonly TotalledLine[]): EstimateTotals {
  const amount = (line: TotalledLine) => line.amount;
  return {
    total: sumVnd(lines.map(amount)),
    lineCount: lines.length,
    byPlanArea: sortedByCode(totalsBy(lines, (line) => line.planAreaCode, amount)),
    byFundingSource: sortedByCode(totalsBy(lines, (line) => line.fundingSourceCode, amount)),
    byExpenditureType: sortedByCode(totalsBy(lines, (line) => line.expenditureTypeCode, amount)),
  };
}
