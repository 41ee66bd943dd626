// JSON shapes of a result: the contract's output, and an explanation of how each amount was
// reached for Finance officers (Vietnamese first, from the catalog). Amounts leave the engine as
// digit strings only.
import type {
  AllocationBasis,
  AllocationLineResult,
  AllocationResult,
  RoundingOutcome,
  TierOutcomeKind,
} from './allocate.js';
import { bilingual, type Message, message, texts } from '../../common/errors/messages.js';

/** The contract's output (DESIGN.md section 4), lines in input order. */
export interface AllocationOutput {
  allocations: { id: string; allocated: string }[];
  allocated: string;
  unallocated: string;
  partialTier: number | null;
}

export function formatAllocationResult(result: AllocationResult): AllocationOutput {
  const lines = result.lines;
  const allocations = new Array<{ id: string; allocated: string }>(lines.length);
  for (let index = 0; index < lines.length; index++) {
    allocations[index] = { id: lines[index].id, allocated: lines[index].allocated.toString() };
  }
  return {
    allocations,
    allocated: result.allocated.toString(),
    unallocated: result.unallocated.toString(),
    partialTier: result.partialTier,
  };
}

export type AllocationRule = 'minimum' | 'full-request' | 'partial-share-floor' | 'largest-remainder-unit';

export interface AllocationStep {
  rule: AllocationRule;
  amount: string;
}

export interface AllocationLineExplanation {
  id: string;
  tier: number;
  requested: string;
  minimum: string;
  allocated: string;
  basis: AllocationBasis;
  /** What each rule gave; the amounts add up to `allocated`. */
  steps: AllocationStep[];
  /** Partial tier only: rest × (requested − minimum) / need, as a reduced fraction `p/q` or a whole number. */
  exactShare?: string;
  /** Partial tier only: the fraction of a unit the floor left behind, which ranks the line. */
  remainderOfUnit?: string;
  rounding?: RoundingOutcome;
  /** One sentence for people. */
  summary: string;
}

export interface AllocationExplanation {
  ceiling: string;
  unit: string;
  minimumTotal: string;
  allocated: string;
  unallocated: string;
  partialTier: number | null;
  tiers: { tier: number; lineCount: number; need: string; restBefore: string; outcome: TierOutcomeKind }[];
  partial: {
    tier: number;
    rest: string;
    need: string;
    floorTotal: string;
    leftover: string;
    unitsAdded: string;
    rule: string;
  } | null;
  lines: AllocationLineExplanation[];
}

/** Explains every line: which rule gave it what, with the exact share as a fraction. */
export function explainAllocation(result: AllocationResult): AllocationExplanation {
  const partial = result.partial;
  return {
    ceiling: result.ceiling.toString(),
    unit: result.unit.toString(),
    minimumTotal: result.minimumTotal.toString(),
    allocated: result.allocated.toString(),
    unallocated: result.unallocated.toString(),
    partialTier: result.partialTier,
    tiers: result.tiers.map((tier) => ({
      tier: tier.tier,
      lineCount: tier.lineCount,
      need: tier.need.toString(),
      restBefore: tier.restBefore.toString(),
      outcome: tier.outcome,
    })),
    partial:
      partial === null
        ? null
        : {
            tier: partial.tier,
            rest: partial.rest.toString(),
            need: partial.need.toString(),
            floorTotal: partial.floorTotal.toString(),
            leftover: partial.leftover.toString(),
            unitsAdded: partial.unitsAdded.toString(),
            rule: message('EXPLAIN_PARTIAL_RULE', { rest: partial.rest, need: partial.need, unit: result.unit, leftover: partial.leftover }),
          },
    lines: result.lines.map((line) => explainLine(line, result)),
  };
}

function explainLine(line: AllocationLineResult, result: AllocationResult): AllocationLineExplanation {
  const steps: AllocationStep[] = [{ rule: 'minimum', amount: line.minimum.toString() }];
  const base = {
    id: line.id,
    tier: line.tier,
    requested: line.requested.toString(),
    minimum: line.minimum.toString(),
    allocated: line.allocated.toString(),
    basis: line.basis,
    steps,
  };
  switch (line.basis) {
    case 'full-request': {
      const topUp = line.requested - line.minimum;
      steps.push({ rule: 'full-request', amount: topUp.toString() });
      return {
        ...base,
        summary: message('EXPLAIN_FULL_REQUEST', { minimum: line.minimum, topUp, tier: line.tier, allocated: line.allocated }),
      };
    }
    case 'minimum-only':
      return {
        ...base,
        summary: message('EXPLAIN_MINIMUM_ONLY', { minimum: line.minimum, tier: line.tier, partialTier: String(result.partialTier) }),
      };
    case 'partial-share': {
      const partial = result.partial;
      if (partial === null) throw new Error('a partial-share line needs the partial tier detail');
      const need = line.requested - line.minimum;
      const scaledShare = partial.rest * need;
      const exactShare = formatFraction(scaledShare, partial.need);
      const remainderOfUnit = formatFraction(scaledShare % (partial.need * result.unit), partial.need * result.unit);
      steps.push({ rule: 'partial-share-floor', amount: line.shareFloor.toString() });
      if (line.roundingUnit !== 0n) steps.push({ rule: 'largest-remainder-unit', amount: line.roundingUnit.toString() });
      return {
        ...base,
        exactShare,
        remainderOfUnit,
        rounding: line.rounding,
        summary: partialShareSummary(line, result, need, formatMixed(scaledShare, partial.need), remainderOfUnit),
      };
    }
  }
}

/** "minimum + share … floored … (rounding) = allocated", each language with its own rounding words. */
function partialShareSummary(line: AllocationLineResult, result: AllocationResult, need: bigint, share: string, remainderOfUnit: string): string {
  const rounding = describeRounding(line, remainderOfUnit);
  const params = { minimum: line.minimum, rest: result.partial?.rest ?? 0n, need, tierNeed: result.partial?.need ?? 0n, share, unit: result.unit, floor: line.shareFloor, allocated: line.allocated };
  const vi = texts('EXPLAIN_PARTIAL_SHARE', { ...params, rounding: rounding.vi }).vi;
  const en = texts('EXPLAIN_PARTIAL_SHARE', { ...params, rounding: rounding.en }).en;
  return bilingual({ vi, en });
}

function describeRounding(line: AllocationLineResult, remainderOfUnit: string): Message {
  switch (line.rounding) {
    case 'unit-added':
      return texts('EXPLAIN_UNIT_ADDED', { unit: line.roundingUnit, remainder: remainderOfUnit });
    case 'capped-by-request':
      return texts('EXPLAIN_CAPPED');
    case 'outranked':
      return texts('EXPLAIN_OUTRANKED', { remainder: remainderOfUnit });
    case 'exact':
    case 'not-applicable':
      return { vi: '', en: '' };
  }
}

/** `p/q` reduced, or a whole number when q divides p. */
export function formatFraction(numerator: bigint, denominator: bigint): string {
  const divisor = greatestCommonDivisor(numerator, denominator);
  const reducedDenominator = denominator / divisor;
  const reducedNumerator = numerator / divisor;
  return reducedDenominator === 1n ? reducedNumerator.toString() : `${reducedNumerator}/${reducedDenominator}`;
}

/** `whole + p/q` for people (`194 + 4/9`), or a whole number. */
function formatMixed(numerator: bigint, denominator: bigint): string {
  const whole = numerator / denominator;
  const fraction = numerator % denominator;
  return fraction === 0n ? whole.toString() : `${whole} + ${formatFraction(fraction, denominator)}`;
}

function greatestCommonDivisor(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}
