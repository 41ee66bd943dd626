// The allocation engine (DESIGN.md section 4): minimums first, then tiers in ascending order, one
// partial tier shared pro rata with largest-remainder rounding to a unit. Every amount is a bigint,
// so results are exact for numbers of any size.
import {
  AllocationInputError,
  InfeasibleAllocationError,
  describeLine,
  describeValue,
  duplicateIdProblem,
} from './allocation-errors.js';
import { findDuplicateId } from './unique-ids.js';

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
  /** The allocated amount of each line, in input order (the columnar form, cheap at any size). */
  readonly allocations: readonly bigint[];
  /**
   * Each line with the rule that settled it, in input order. Built from `allocations` and the
   * input on first access, then kept: the input lines must not be mutated meanwhile.
   */
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

// Rounding outcomes as bytes, one per line, so the hot loop allocates no per-line objects;
// 0 is 'not-applicable', the value a fresh Uint8Array holds.
const ROUNDING_OUTCOMES: readonly RoundingOutcome[] = [
  'not-applicable',
  'exact',
  'unit-added',
  'capped-by-request',
  'outranked',
];
const EXACT = 1;
const UNIT_ADDED = 2;
const CAPPED_BY_REQUEST = 3;
const OUTRANKED = 4;

// Tiers are small integers in practice: totals live in an array indexed by tier up to this bound,
// in a Map beyond it.
const DENSE_TIER_LIMIT = 64;

interface TierTotal {
  need: bigint;
  lineCount: number;
}

class TierTotals {
  private readonly denseNeed = new Array<bigint>(DENSE_TIER_LIMIT + 1).fill(0n);
  private readonly denseCount = new Float64Array(DENSE_TIER_LIMIT + 1);
  private readonly sparse = new Map<number, TierTotal>();

  add(tier: number, need: bigint): void {
    if (tier <= DENSE_TIER_LIMIT) {
      this.denseNeed[tier] += need;
      this.denseCount[tier]++;
      return;
    }
    const totals = this.sparse.get(tier);
    if (totals === undefined) this.sparse.set(tier, { need, lineCount: 1 });
    else {
      totals.need += need;
      totals.lineCount++;
    }
  }

  /** Tiers that have lines, ascending. */
  ascending(): (TierTotal & { tier: number })[] {
    const tiers: (TierTotal & { tier: number })[] = [];
    for (let tier = 1; tier <= DENSE_TIER_LIMIT; tier++) {
      const lineCount = this.denseCount[tier];
      if (lineCount > 0) tiers.push({ tier, need: this.denseNeed[tier], lineCount });
    }
    const sparseTiers = [...this.sparse.keys()].sort((a, b) => a - b);
    for (const tier of sparseTiers) tiers.push({ tier, ...(this.sparse.get(tier) as TierTotal) });
    return tiers;
  }
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
  const tierTotals = new TierTotals();
  let minimumTotal = 0n;
  for (let index = 0; index < lineCount; index++) {
    const line = lines[index];
    validateLine(line, index);
    const minimum = line.minimum ?? 0n;
    // Most lines carry no minimum: skipping the no-op arithmetic saves a bigint allocation each.
    if (minimum === 0n) {
      tierTotals.add(line.tier ?? 1, line.requested);
    } else {
      minimumTotal += minimum;
      tierTotals.add(line.tier ?? 1, line.requested - minimum);
    }
  }
  const duplicate = findDuplicateId(lines);
  if (duplicate !== null) {
    const { index, firstIndex } = duplicate;
    throw lineError(lines[index].id, index, 'id', duplicateIdProblem(firstIndex, index));
  }

  // Rule 2.
  if (minimumTotal > ceiling) throw new InfeasibleAllocationError(ceiling, minimumTotal);

  // Rules 3 and 4: walk the tiers on their totals alone; at most one tier is partial.
  let rest = ceiling - minimumTotal;
  let partialTier: number | null = null;
  let partialRest = 0n;
  let partialNeed = 0n;
  const tiers: TierOutcome[] = [];
  for (const { tier, need, lineCount: tierLineCount } of tierTotals.ascending()) {
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
  const allocations = new Array<bigint>(lineCount);
  const roundingCodes = new Uint8Array(lineCount);
  const candidateLines: number[] = [];
  const candidateRemainders: bigint[] = [];
  let floorTotal = 0n;
  for (let index = 0; index < lineCount; index++) {
    const line = lines[index];
    const tier = line.tier ?? 1;
    if (tier < cutoffTier) {
      allocations[index] = line.requested;
    } else if (tier > cutoffTier) {
      allocations[index] = line.minimum ?? 0n;
    } else {
      const minimum = line.minimum ?? 0n;
      const need = minimum === 0n ? line.requested : line.requested - minimum;
      const scaledShare = partialRest * need;
      const wholeUnits = scaledShare / shareDenominator;
      const remainder = scaledShare - wholeUnits * shareDenominator;
      const shareFloor = unit === 1n ? wholeUnits : wholeUnits * unit;
      floorTotal += shareFloor;
      allocations[index] = minimum === 0n ? shareFloor : minimum + shareFloor;
      if (remainder === 0n) {
        roundingCodes[index] = EXACT;
      } else if (shareFloor + unit <= need) {
        roundingCodes[index] = OUTRANKED; // until the ranking below says otherwise
        candidateLines.push(index);
        candidateRemainders.push(remainder);
      } else {
        roundingCodes[index] = CAPPED_BY_REQUEST;
      }
    }
  }

  // Rule 5: hand the leftover out one unit per candidate, best-ranked first.
  let unallocated = rest;
  let partial: PartialTierDetail | null = null;
  if (partialTier !== null) {
    const leftover = partialRest - floorTotal;
    const unitsAvailable = leftover / unit;
    const candidateCount = candidateLines.length;
    // Fewer units than candidates: a count that fits a number. Otherwise every candidate gets one.
    const unitsToAdd = unitsAvailable < BigInt(candidateCount) ? Number(unitsAvailable) : candidateCount;
    const ranked = selectBestRanked(candidateLines, candidateRemainders, lines, unitsToAdd);
    for (let rank = 0; rank < unitsToAdd; rank++) {
      const index = candidateLines[ranked[rank]];
      allocations[index] += unit;
      roundingCodes[index] = UNIT_ADDED;
    }
    const unitsAdded = BigInt(unitsToAdd);
    unallocated = leftover - unitsAdded * unit;
    partial = { tier: partialTier, rest: partialRest, need: partialNeed, floorTotal, leftover, unitsAdded };
  }

  let lineView: AllocationLineResult[] | undefined;
  return {
    ceiling,
    unit,
    allocations,
    get lines(): readonly AllocationLineResult[] {
      lineView ??= buildLineView(lines, allocations, roundingCodes, cutoffTier, unit);
      return lineView;
    },
    minimumTotal,
    allocated: ceiling - unallocated,
    unallocated,
    partialTier,
    tiers,
    partial,
  };
}

function buildLineView(
  lines: readonly AllocationLineInput[],
  allocations: readonly bigint[],
  roundingCodes: Uint8Array,
  cutoffTier: number,
  unit: bigint,
): AllocationLineResult[] {
  const view = new Array<AllocationLineResult>(lines.length);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const tier = line.tier ?? 1;
    const minimum = line.minimum ?? 0n;
    const allocated = allocations[index];
    const roundingCode = roundingCodes[index];
    const isPartial = tier === cutoffTier;
    const roundingUnit = roundingCode === UNIT_ADDED ? unit : 0n;
    view[index] = {
      id: line.id,
      tier,
      requested: line.requested,
      minimum,
      allocated,
      basis: isPartial ? 'partial-share' : tier < cutoffTier ? 'full-request' : 'minimum-only',
      shareFloor: isPartial ? allocated - minimum - roundingUnit : 0n,
      roundingUnit,
      rounding: ROUNDING_OUTCOMES[roundingCode],
    };
  }
  return view;
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
    throw new AllocationInputError(`ceiling ${NOT_AN_AMOUNT} (got ${describeValue(ceiling)})`, { field: 'ceiling' });
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
function validateLine(line: AllocationLineInput, index: number): void {
  const id: unknown = line.id;
  if (typeof id !== 'string' || isBlank(id)) {
    throw new AllocationInputError(`line #${index + 1}: id must be a non-empty string (got ${describeValue(id)})`, {
      field: 'id',
      lineIndex: index,
    });
  }
  const requested: unknown = line.requested;
  if (typeof requested !== 'bigint' || requested < 0n) {
    throw lineError(id, index, 'requested', `requested ${NOT_AN_AMOUNT} (got ${describeValue(requested)})`);
  }
  const minimum: unknown = line.minimum ?? 0n;
  if (typeof minimum !== 'bigint' || minimum < 0n) {
    throw lineError(id, index, 'minimum', `minimum ${NOT_AN_AMOUNT} (got ${describeValue(minimum)})`);
  }
  if (minimum > requested) {
    throw lineError(id, index, 'minimum', `minimum ${minimum} exceeds requested ${requested}`);
  }
  const tier: unknown = line.tier ?? 1;
  if (!isTier(tier)) {
    throw lineError(id, index, 'tier', `tier must be a positive integer (got ${describeValue(tier)})`);
  }
}

const NOT_AN_AMOUNT = 'must be a non-negative whole amount (a bigint)';

function lineError(lineId: string, lineIndex: number, field: string, problem: string): AllocationInputError {
  return new AllocationInputError(`${describeLine(lineId, lineIndex)}: ${problem}`, { field, lineId, lineIndex });
}

// Only a string that starts with white space can be blank: skips trim() on every ordinary id.
function isBlank(text: string): boolean {
  return text === '' || (/^\s/.test(text) && text.trim() === '');
}

export function isTier(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}
