// The measures the estimate ledger keeps (counts and sums of a set of lines) and how they add up:
// plain TypeScript, shared by the ledger's reads and by the modules that sum its buckets.

/** Sums over a set of lines: how many, requested (Σ amount), approved (Σ approved, none = 0), committed minimum. */
export interface KeptMeasures {
  lineCount: number;
  requested: bigint;
  approved: bigint;
  /** Lines that have an approved amount. */
  approvedLines: number;
  committedMinimum: bigint;
}

/**
 * The dimensions totals are kept by: plan area, funding source, expenditure type and the state
 * budget index (Loại-Khoản, Mục-Tiểu mục; '' where a line has none). In an estimate's own row all are ''.
 */
export interface KeptDimensions {
  planAreaCode: string;
  fundingSourceCode: string;
  expenditureTypeCode: string;
  loaiKhoan: string;
  mucTieuMuc: string;
}

export const NO_MEASURES: KeptMeasures = Object.freeze({ lineCount: 0, requested: 0n, approved: 0n, approvedLines: 0, committedMinimum: 0n });

/** Adds measures (sums are exact: bigint). */
export function addMeasures(a: KeptMeasures, b: KeptMeasures): KeptMeasures {
  return {
    lineCount: a.lineCount + b.lineCount,
    requested: a.requested + b.requested,
    approved: a.approved + b.approved,
    approvedLines: a.approvedLines + b.approvedLines,
    committedMinimum: a.committedMinimum + b.committedMinimum,
  };
}

/** Sums buckets by a key (e.g. plan area); keys in ascending order. */
export function sumBy<T extends KeptMeasures>(buckets: Iterable<T>, key: (bucket: T) => string): Map<string, KeptMeasures> {
  const sums = new Map<string, KeptMeasures>();
  for (const bucket of buckets) sums.set(key(bucket), addMeasures(sums.get(key(bucket)) ?? NO_MEASURES, bucket));
  return new Map([...sums.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Sums every bucket. */
export function sumAll(buckets: Iterable<KeptMeasures>): KeptMeasures {
  let total = NO_MEASURES;
  for (const bucket of buckets) total = addMeasures(total, bucket);
  return total;
}
