// The floor's top-up proposal as the API answers it (DESIGN.md section 5): at national scale the
// allocator raises hundreds of thousands of lines, far more than an answer should carry or anyone
// reads. The proposal is therefore summed per unit (every unit that would receive something) and
// lists its largest lines only; the whole line-by-line allocation is what a TOP_UP balancing run
// computes and keeps. Plain TypeScript; amounts are đồng as bigint.

/** Lines listed in the answer at most (the largest proposals). */
export const TOP_UP_LINES_LISTED = 1_000;

/** What the summary needs of a candidate line. */
export interface TopUpCandidate {
  unitId: string;
  unitCode: string;
  /** What the line still lacks of its request. */
  unfunded: bigint;
}

export interface TopUpUnit {
  unitId: string;
  unitCode: string;
  /** Lines of the unit the proposal raises. */
  lineCount: number;
  /** What those lines still lack of their requests. */
  unfunded: bigint;
  proposed: bigint;
}

export interface TopUpSummary<T> {
  /** Lines the proposal raises (proposed > 0), all of them. */
  lineCount: number;
  /** The largest of them, at most `listed`: proposed descending, then unit code, then input order. */
  lines: (T & { proposed: bigint })[];
  /** Per unit, every unit with a line raised, by unit code; their `proposed` adds up to the allocation. */
  byUnit: TopUpUnit[];
}

/**
 * Sums the allocator's answer per unit and keeps its largest lines. `proposed[i]` is the amount for
 * `candidates[i]` (the allocator's output, in input order). Throws RangeError when the two differ
 * in length.
 */
export function summariseTopUp<T extends TopUpCandidate>(candidates: readonly T[], proposed: readonly bigint[], listed = TOP_UP_LINES_LISTED): TopUpSummary<T> {
  if (candidates.length !== proposed.length) throw new RangeError(`${candidates.length} candidates, ${proposed.length} allocations`);
  const raised: number[] = [];
  const units = new Map<string, TopUpUnit>();
  candidates.forEach((candidate, i) => {
    const amount = proposed[i];
    if (amount <= 0n) return;
    raised.push(i);
    const unit = units.get(candidate.unitId) ?? { unitId: candidate.unitId, unitCode: candidate.unitCode, lineCount: 0, unfunded: 0n, proposed: 0n };
    unit.lineCount += 1;
    unit.unfunded += candidate.unfunded;
    unit.proposed += amount;
    units.set(candidate.unitId, unit);
  });
  const largest = [...raised].sort((a, b) => {
    if (proposed[a] !== proposed[b]) return proposed[a] > proposed[b] ? -1 : 1;
    if (candidates[a].unitCode !== candidates[b].unitCode) return candidates[a].unitCode < candidates[b].unitCode ? -1 : 1;
    return a - b;
  });
  return {
    lineCount: raised.length,
    lines: largest.slice(0, listed).map((i) => ({ ...candidates[i], proposed: proposed[i] })),
    byUnit: [...units.values()].sort((a, b) => (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0)),
  };
}
