// Properties over random inputs, and line-by-line agreement with a second implementation written
// differently on purpose: per-tier filtering, each line's share as its own reduced fraction,
// fractions compared by cross-multiplication, a full sort, and units handed out in a plain loop.
import fc from 'fast-check';
import { type AllocationInput, type AllocationLineInput, allocate } from './allocate.js';
import { InfeasibleAllocationError } from './allocation-errors.js';
import { explainAllocation, formatAllocationResult } from './format-allocation-result.js';

interface ReferenceResult {
  allocations: bigint[];
  unallocated: bigint;
  partialTier: number | null;
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

/** The contract read literally, with no thought for speed. */
function referenceAllocate(ceiling: bigint, unit: bigint, lines: readonly Required<AllocationLineInput>[]): ReferenceResult {
  const allocations = lines.map((entry) => entry.minimum);
  let rest = ceiling - allocations.reduce((total, value) => total + value, 0n);
  if (rest < 0n) throw new Error('infeasible');
  const tierNumbers = [...new Set(lines.map((entry) => entry.tier))].sort((a, b) => a - b);
  let partialTier: number | null = null;
  for (const tier of tierNumbers) {
    if (partialTier !== null) break; // later tiers keep their minimum
    const members = lines.map((_, index) => index).filter((index) => lines[index].tier === tier);
    const need = (index: number): bigint => lines[index].requested - lines[index].minimum;
    const tierNeed = members.reduce((total, index) => total + need(index), 0n);
    if (tierNeed <= rest) {
      for (const index of members) allocations[index] = lines[index].requested;
      rest -= tierNeed;
      continue;
    }
    partialTier = tier;
    let leftover = rest;
    const fractions: { index: number; numerator: bigint; denominator: bigint }[] = [];
    for (const index of members) {
      // s / unit as a reduced fraction p / q, then its whole part and fractional part.
      let numerator = rest * need(index);
      let denominator = tierNeed * unit;
      const divisor = gcd(numerator, denominator);
      numerator /= divisor;
      denominator /= divisor;
      const wholeUnits = numerator / denominator;
      allocations[index] += wholeUnits * unit;
      leftover -= wholeUnits * unit;
      const fractionNumerator = numerator - wholeUnits * denominator;
      if (fractionNumerator > 0n) fractions.push({ index, numerator: fractionNumerator, denominator });
    }
    fractions.sort((a, b) => {
      const left = a.numerator * b.denominator;
      const right = b.numerator * a.denominator;
      if (left !== right) return left > right ? -1 : 1;
      const requestedA = lines[a.index].requested;
      const requestedB = lines[b.index].requested;
      if (requestedA !== requestedB) return requestedA > requestedB ? -1 : 1;
      return a.index - b.index;
    });
    for (const { index } of fractions) {
      if (leftover < unit) break;
      if (allocations[index] + unit <= lines[index].requested) {
        allocations[index] += unit;
        leftover -= unit;
      }
    }
    rest = leftover;
  }
  return { allocations, unallocated: rest, partialTier };
}

interface Scenario {
  input: AllocationInput;
  lines: Required<AllocationLineInput>[];
  unit: bigint;
}

/** Random lines with unique ids, then a ceiling anywhere from Σ minimum to a little above Σ requested. */
function scenario(maxAmount: bigint, maxUnit: bigint, maxTier: number): fc.Arbitrary<Scenario> {
  const lineArbitrary = fc.record({
    first: fc.bigInt({ min: 0n, max: maxAmount }),
    second: fc.bigInt({ min: 0n, max: maxAmount }),
    hasMinimum: fc.boolean(),
    tier: fc.integer({ min: 1, max: maxTier }),
  });
  return fc
    .record({
      rawLines: fc.array(lineArbitrary, { maxLength: 40 }),
      unit: fc.oneof(fc.constant(1n), fc.bigInt({ min: 1n, max: maxUnit })),
    })
    .chain(({ rawLines, unit }) => {
      const lines = rawLines.map(({ first, second, hasMinimum, tier }, index) => ({
        id: `L${index}`,
        requested: first > second ? first : second,
        minimum: hasMinimum ? (first > second ? second : first) : 0n,
        tier,
      }));
      const minimumTotal = lines.reduce((total, entry) => total + entry.minimum, 0n);
      const requestedTotal = lines.reduce((total, entry) => total + entry.requested, 0n);
      return fc
        .oneof(
          fc.bigInt({ min: minimumTotal, max: requestedTotal }),
          fc.bigInt({ min: minimumTotal, max: requestedTotal + maxUnit * 3n }),
          fc.constant(minimumTotal),
          fc.constant(requestedTotal),
        )
        .map((ceiling) => ({ input: { ceiling, unit, lines }, lines, unit }));
    });
}

function checkAgainstReference({ input, lines, unit }: Scenario): void {
  const result = allocate(input);
  const reference = referenceAllocate(input.ceiling, unit, lines);

  // Agreement, line by line.
  expect(result.allocations).toEqual(reference.allocations);
  expect(result.unallocated).toBe(reference.unallocated);
  expect(result.partialTier).toBe(reference.partialTier);

  // Invariants.
  let allocatedTotal = 0n;
  result.lines.forEach((entry, index) => {
    expect(entry.minimum).toBe(lines[index].minimum);
    expect(entry.allocated >= entry.minimum && entry.allocated <= entry.requested).toBe(true);
    allocatedTotal += entry.allocated;
  });
  expect(allocatedTotal).toBe(result.allocated);
  expect(allocatedTotal + result.unallocated).toBe(input.ceiling);

  // Tiers served in order: before the partial tier every request is met, after it only minimums.
  const partialTier = result.partialTier;
  for (const entry of result.lines) {
    if (partialTier === null || entry.tier < partialTier) expect(entry.allocated).toBe(entry.requested);
    else if (entry.tier > partialTier) expect(entry.allocated).toBe(entry.minimum);
  }
  if (partialTier === null) {
    expect(result.unallocated).toBe(input.ceiling - lines.reduce((total, entry) => total + entry.requested, 0n));
  } else {
    // Rounding never strands a whole unit that some line could still take.
    const couldTakeUnit = result.lines.some(
      (entry) => entry.tier === partialTier && entry.rounding === 'outranked',
    );
    if (couldTakeUnit) expect(result.unallocated < unit).toBe(true);
  }

  // The contract output and the explanation tell the same story.
  const output = formatAllocationResult(result);
  expect(output.allocations.map((entry) => BigInt(entry.allocated))).toEqual(reference.allocations);
  for (const explained of explainAllocation(result).lines) {
    const stepsTotal = explained.steps.reduce((total, step) => total + BigInt(step.amount), 0n);
    expect(stepsTotal).toBe(BigInt(explained.allocated));
  }
}

describe('allocate (properties)', () => {
  it('agrees with the reference and keeps the invariants, amounts up to 10^15', () => {
    fc.assert(fc.property(scenario(10n ** 15n, 10n ** 9n, 4), checkAgainstReference), { numRuns: 400 });
  });

  it('agrees with the reference on small amounts, where ties and caps are frequent', () => {
    fc.assert(fc.property(scenario(20n, 7n, 3), checkAgainstReference), { numRuns: 1500 });
  });

  it('rejects, naming the excess, every ceiling below the minimums', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 15n }), { minLength: 1, maxLength: 20 }),
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        (minimums, shortBy) => {
          const lines = minimums.map((minimum, index) => ({ id: `L${index}`, requested: minimum, minimum }));
          const minimumTotal = minimums.reduce((total, value) => total + value, 0n);
          const ceiling = minimumTotal - (shortBy > minimumTotal ? minimumTotal : shortBy);
          if (ceiling === minimumTotal) return;
          let caught: unknown;
          try {
            allocate({ ceiling, lines });
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(InfeasibleAllocationError);
          expect((caught as InfeasibleAllocationError).excess).toBe(minimumTotal - ceiling);
        },
      ),
      { numRuns: 200 },
    );
  });
});
