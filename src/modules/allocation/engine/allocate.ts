// The allocation engine (DESIGN.md section 4): minimums first, then tiers in ascending order, one
// partial tier shared pro rata with largest-remainder rounding to a unit. Every amount is a bigint,
// so results are exact for numbers of any size.
import {
  AllocationInputError,
  InfeasibleAllocationError,
  describeLine,
  describeValue,
} from './allocation-errors.js';

export interface AllocationLineInput {
  readonly id: string;
  readonly requested: bigint;
  /** Guaranteed amount, served before any tier. Default 0n. */
  readonly minimum?: bigint;
  /** Positive integer; tier 1 is served first. Default 1. */
  readonly tier?: number;
}

export interface AllocationInput {
  readonly ceiling: bigint;
  /** Rounding unit of the partial tier's shares. Default 1n. */
  readonly unit?: bigint;
  readonly lines: readonly AllocationLineInput[];
}

/** Which rule settled the amount above the line's minimum. */
export type AllocationBasis =
  /** The line's tier fitted in what was left: it gets its whole request. */
  | 'full-request'
  /** The line is in the partial tier: floor of its pro-rata share, maybe one more unit. */
  | 'partial-share'
  /** The line's tier comes after the partial tier: it keeps its minimum only. */
  | 'minimum-only';

/** What largest-remainder rounding did for a line of the partial tier. */
export type RoundingOutcome =
  /** The line is not in the partial tier. */
  | 'not-applicable'
  /** The share was a whole number of units: nothing to round. */
  | 'exact'
  /** The line's remainder ranked high enough: it got one more unit. */
  | 'unit-added'
  /** One more unit would have taken the line above its request. */
  | 'capped-by-request'
  /** Eligible, but the leftover ran out before the line's rank. */
  | 'outranked';

export interface AllocationLineResult {
  readonly id: string;
  readonly tier: number;
  readonly requested: bigint;
  readonly minimum: bigint;
  readonly allocated: bigint;
  readonly basis: AllocationBasis;
  /** Partial tier only: floor(share / unit) × unit; 0n otherwise. */
  readonly shareFloor: bigint;
  /** Partial tier only: the unit added by largest remainder, or 0n. */
  readonly roundingUnit: bigint;
  readonly rounding: RoundingOutcome;
}

export type TierOutcomeKind = 'met' | 'partial' | 'minimum-only';

export interface TierOutcome {
  readonly tier: number;
  readonly lineCount: number;
  /** N = Σ (requested − minimum) over the tier's lines. */
  readonly need: bigint;
  /** What was left of the ceiling when this tier's turn came (0n after the partial tier). */
  readonly restBefore: bigint;
  readonly outcome: TierOutcomeKind;
}

/** The arithmetic of the partial tier, enough to recompute every line's exact share. */
export interface PartialTierDetail {
  readonly tier: number;
  /** The rest shared out: each line's exact share is rest × (requested − minimum) / need. */
  readonly rest: bigint;
  readonly need: bigint;
  /** Σ floor(share / unit) × unit over the tier. */
  readonly floorTotal: bigint;
  /** rest − floorTotal: handed out one unit at a time by largest remainder. */
  readonly leftover: bigint;
  /** How many units the largest-remainder step added (a count, not an amount). */
  readonly unitsAdded: bigint;
}

export interface AllocationResult {
  readonly ceiling: bigint;
  readonly unit: bigint;
  /** Lines in input order. */
  readonly lines: readonly AllocationLineResult[];
  readonly minimumTotal: bigint;
  readonly allocated: bigint;
  readonly unallocated: bigint;
  /** The tier that could not be met in full, or null when every request is met. */
  readonly partialTier: number | null;
  /** Every tier present in the input, ascending. */
  readonly tiers: readonly TierOutcome[];
  readonly partial: PartialTierDetail | null;
}

// Internal: the same shape as AllocationLineResult, writable while rounding adds units.
type MutableLineResult = { -readonly [K in keyof AllocationLineResult]: AllocationLineResult[K] };

interface TierTotals {
  need: bigint;
  lineCount: number;
}

/**
 * Allocates `ceiling` over the lines. Pure: the input is not modified.
 * @throws AllocationInputError when the input breaks rule 1.
 * @throws InfeasibleAllocationError when the minimums exceed the ceiling (rule 2).
 */
export function allocate(input: AllocationInput): AllocationResult {
  const ceiling = input.ceiling;
  const unit = input.unit ?? 1n;
  const lines = input.lines;
  validateTopLevel(ceiling, unit, lines);

  // Pass 1: validate each line, total the minimums and each tier's need.
  const lineCount = lines.length;
  const seenIds = new Map<string, number>();
  const totalsByTier = new Map<number, TierTotals>();
  let minimumTotal = 0n;
  for (let index = 0; index < lineCount; index++) {
    const line = lines[index];
    validateLine(line, index, seenIds);
    const minimum = line.minimum ?? 0n;
    const tier = line.tier ?? 1;
    minimumTotal += minimum;
    const totals = totalsByTier.get(tier);
    if (totals === undefined) {
      totalsByTier.set(tier, { need: line.requested - minimum, lineCount: 1 });
    } else {
      totals.need += line.requested - minimum;
      totals.lineCount++;
    }
  }

  // Rule 2.
  if (minimumTotal > ceiling) throw new InfeasibleAllocationError(ceiling, minimumTotal);

  // Rules 3 and 4: walk the tiers on their totals alone; at most one tier is partial.
  let rest = ceiling - minimumTotal;
  let partialTier: number | null = null;
  let partialRest = 0n;
  let partialNeed = 0n;
  const tiers: TierOutcome[] = [];
  for (const tier of [...totalsByTier.keys()].sort((a, b) => a - b)) {
    const { need, lineCount: tierLineCount } = totalsByTier.get(tier) as TierTotals;
    if (partialTier !== null) {
      tiers.push({ tier, lineCount: tierLineCount, need, restBefore: 0n, outcome: 'minimum-only' });
    } else if (need <= rest) {
      tiers.push({ tier, lineCount: tierLineCount, need, restBefore: rest, outcome: 'met' });
      rest -= need;
    } else {
      tiers.push({ tier, lineCount: tierLineCount, need, restBefore: rest, outcome: 'partial' });
      partialTier = tier;
      partialRest = rest;
      partialNeed = need;
      rest = 0n;
    }
  }

  // Pass 2: settle every line. Only the partial tier needs arithmetic; its lines whose share has
  // a fraction of a unit and room below their request become rounding candidates.
  const cutoffTier = partialTier ?? Number.POSITIVE_INFINITY;
  // share / unit = partialRest × need_i / (N × unit): one exact division per line.
  const shareDenominator = partialNeed * unit;
  const results = new Array<MutableLineResult>(lineCount);
  const candidateLines: number[] = [];
  const candidateRemainders: bigint[] = [];
  let floorTotal = 0n;
  for (let index = 0; index < lineCount; index++) {
    const line = lines[index];
    const requested = line.requested;
    const minimum = line.minimum ?? 0n;
    const tier = line.tier ?? 1;
    if (tier < cutoffTier) {
      results[index] = {
        id: line.id,
        tier,
        requested,
        minimum,
        allocated: requested,
        basis: 'full-request',
        shareFloor: 0n,
        roundingUnit: 0n,
        rounding: 'not-applicable',
      };
    } else if (tier > cutoffTier) {
      results[index] = {
        id: line.id,
        tier,
        requested,
        minimum,
        allocated: minimum,
        basis: 'minimum-only',
        shareFloor: 0n,
        roundingUnit: 0n,
        rounding: 'not-applicable',
      };
    } else {
      const need = requested - minimum;
      const scaledShare = partialRest * need;
      const wholeUnits = scaledShare / shareDenominator;
      const remainder = scaledShare - wholeUnits * shareDenominator;
      const shareFloor = unit === 1n ? wholeUnits : wholeUnits * unit;
      floorTotal += shareFloor;
      let rounding: RoundingOutcome = 'exact';
      if (remainder !== 0n) {
        if (shareFloor + unit <= need) {
          rounding = 'outranked'; // until the ranking below says otherwise
          candidateLines.push(index);
          candidateRemainders.push(remainder);
        } else {
          rounding = 'capped-by-request';
        }
      }
      results[index] = {
        id: line.id,
        tier,
        requested,
        minimum,
        allocated: minimum + shareFloor,
        basis: 'partial-share',
        shareFloor,
        roundingUnit: 0n,
        rounding,
      };
    }
  }

  // Rule 5: hand the leftover out one unit per candidate, best-ranked first.
  let unallocated = rest;
  let partial: PartialTierDetail | null = null;
  if (partialTier !== null) {
    const leftover = partialRest - floorTotal;
    const unitsAvailable = leftover / unit;
    const candidateCount = candidateLines.length;
    // unitsAvailable < the number of lines with a fraction, so it fits a number when smaller than
    // the candidate count; when not, every candidate gets its unit.
    const unitsToAdd = unitsAvailable < BigInt(candidateCount) ? Number(unitsAvailable) : candidateCount;
    const winners = selectBestRanked(candidateLines, candidateRemainders, lines, unitsToAdd);
    for (let rank = 0; rank < unitsToAdd; rank++) {
      const result = results[candidateLines[winners[rank]]];
      result.allocated += unit;
      result.roundingUnit = unit;
      result.rounding = 'unit-added';
    }
    const unitsAdded = BigInt(unitsToAdd);
    unallocated = leftover - unitsAdded * unit;
    partial = { tier: partialTier, rest: partialRest, need: partialNeed, floorTotal, leftover, unitsAdded };
  }

  return {
    ceiling,
    unit,
    lines: results,
    minimumTotal,
    allocated: ceiling - unallocated,
    unallocated,
    partialTier,
    tiers,
    partial,
  };
}

/**
 * Returns candidate slots whose first `count` entries are the best-ranked candidates (in no
 * particular order). Rank: larger remainder, then larger `requested`, then earlier in the input.
 * Quickselect rather than a sort: only the partial tier's candidates are ranked, in linear time.
 */
function selectBestRanked(
  candidateLines: readonly number[],
  remainders: readonly bigint[],
  lines: readonly AllocationLineInput[],
  count: number,
): Int32Array {
  const candidateCount = candidateLines.length;
  const slots = new Int32Array(candidateCount);
  for (let slot = 0; slot < candidateCount; slot++) slots[slot] = slot;
  if (count <= 0 || count >= candidateCount) return slots;

  const ranksBefore = (a: number, b: number): boolean => {
    const remainderA = remainders[a];
    const remainderB = remainders[b];
    if (remainderA !== remainderB) return remainderA > remainderB;
    const requestedA = lines[candidateLines[a]].requested;
    const requestedB = lines[candidateLines[b]].requested;
    if (requestedA !== requestedB) return requestedA > requestedB;
    return a < b; // slots follow input order
  };

  // Hoare-partition quickselect for position count − 1. Ranks are a total order (the input
  // position breaks every tie), so the pivot's choice changes the speed, never the result.
  const target = count - 1;
  let low = 0;
  let high = candidateCount - 1;
  while (low < high) {
    const pivot = slots[low + Math.floor(Math.random() * (high - low + 1))];
    let left = low;
    let right = high;
    while (left <= right) {
      while (ranksBefore(slots[left], pivot)) left++;
      while (ranksBefore(pivot, slots[right])) right--;
      if (left <= right) {
        const swapped = slots[left];
        slots[left] = slots[right];
        slots[right] = swapped;
        left++;
        right--;
      }
    }
    if (target <= right) high = right;
    else if (target >= left) low = left;
    else break;
  }
  return slots;
}

function validateTopLevel(ceiling: unknown, unit: unknown, lines: unknown): void {
  if (typeof ceiling !== 'bigint' || ceiling < 0n) {
    throw new AllocationInputError(`ceiling must be a non-negative whole amount (got ${describeValue(ceiling)})`, {
      field: 'ceiling',
    });
  }
  if (typeof unit !== 'bigint' || unit < 1n) {
    throw new AllocationInputError(`unit must be at least 1 (got ${describeValue(unit)})`, { field: 'unit' });
  }
  if (!Array.isArray(lines)) {
    throw new AllocationInputError(`lines must be an array (got ${describeValue(lines)})`, { field: 'lines' });
  }
}

// Checks what the types promise, for callers outside TypeScript's reach. Messages are built only
// on failure: this runs once per line in the hot path.
function validateLine(line: AllocationLineInput, index: number, seenIds: Map<string, number>): void {
  const id: unknown = line.id;
  if (typeof id !== 'string' || id.trim() === '') {
    throw new AllocationInputError(`line #${index + 1}: id must be a non-empty string (got ${describeValue(id)})`, {
      field: 'id',
      lineIndex: index,
    });
  }
  const firstIndex = seenIds.get(id);
  if (firstIndex !== undefined) {
    throw lineError(id, index, 'id', `id is a duplicate of line #${firstIndex + 1} (this is line #${index + 1})`);
  }
  seenIds.set(id, index);
  const requested: unknown = line.requested;
  if (typeof requested !== 'bigint' || requested < 0n) {
    throw lineError(id, index, 'requested', `requested must be a non-negative whole amount (got ${describeValue(requested)})`);
  }
  const minimum: unknown = line.minimum ?? 0n;
  if (typeof minimum !== 'bigint' || minimum < 0n) {
    throw lineError(id, index, 'minimum', `minimum must be a non-negative whole amount (got ${describeValue(minimum)})`);
  }
  if (minimum > requested) {
    throw lineError(id, index, 'minimum', `minimum ${minimum} exceeds requested ${requested}`);
  }
  const tier: unknown = line.tier ?? 1;
  if (!isTier(tier)) {
    throw lineError(id, index, 'tier', `tier must be a positive integer (got ${describeValue(tier)})`);
  }
}

function lineError(lineId: string, lineIndex: number, field: string, problem: string): AllocationInputError {
  return new AllocationInputError(`${describeLine(lineId, lineIndex)}: ${problem}`, { field, lineId, lineIndex });
}

export function isTier(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}
