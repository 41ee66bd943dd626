import { type AllocationInput, type AllocationLineInput, type AllocationResult, allocate } from './allocate.js';
import { AllocationInputError, InfeasibleAllocationError } from './allocation-errors.js';

function line(id: string, requested: bigint, minimum = 0n, tier = 1): AllocationLineInput {
  return { id, requested, minimum, tier };
}

/** id → allocated, for compact expectations. */
function allocatedById(result: AllocationResult): Record<string, bigint> {
  return Object.fromEntries(result.lines.map((entry) => [entry.id, entry.allocated]));
}

function sum(values: readonly bigint[]): bigint {
  return values.reduce((total, value) => total + value, 0n);
}

function expectInvariants(input: AllocationInput, result: AllocationResult): void {
  result.lines.forEach((entry, index) => {
    expect(entry.id).toBe(input.lines[index].id);
    expect(entry.allocated).toBeGreaterThanOrEqual(entry.minimum);
    expect(entry.allocated).toBeLessThanOrEqual(entry.requested);
  });
  expect(sum(result.allocations)).toBe(result.allocated);
  expect(result.allocated + result.unallocated).toBe(input.ceiling);
}

function run(input: AllocationInput): AllocationResult {
  const result = allocate(input);
  expectInvariants(input, result);
  return result;
}

describe('allocate', () => {
  describe('rule 3: minimums first', () => {
    it('gives every line its minimum, even in tiers that get nothing more', () => {
      // Σ minimum = 100 + 50 + 30 = 180; rest = 200 − 180 = 20, which tier 1 (need 80) cannot meet.
      const result = run({
        ceiling: 200n,
        lines: [line('A', 180n, 100n, 1), line('B', 90n, 50n, 2), line('C', 30n, 30n, 3)],
      });
      // Tier 1 is partial: A gets 100 + the whole rest 20 (its share 20 × 80 / 80).
      expect(allocatedById(result)).toEqual({ A: 120n, B: 50n, C: 30n });
      expect(result.partialTier).toBe(1);
      expect(result.minimumTotal).toBe(180n);
      expect(result.lines.map((entry) => entry.basis)).toEqual(['partial-share', 'minimum-only', 'minimum-only']);
    });

    it('gives exactly the minimums when they use the whole ceiling', () => {
      const result = run({ ceiling: 150n, lines: [line('A', 500n, 100n), line('B', 400n, 50n)] });
      expect(allocatedById(result)).toEqual({ A: 100n, B: 50n });
      expect(result.unallocated).toBe(0n);
      // Requests are not met, so the first tier with a need is the partial one (shares of 0).
      expect(result.partialTier).toBe(1);
    });
  });

  describe('rule 2: infeasible input', () => {
    it('names the excess when the minimums exceed the ceiling', () => {
      const input = { ceiling: 1000n, lines: [line('A', 900n, 700n), line('B', 900n, 800n)] };
      expect(() => allocate(input)).toThrow(InfeasibleAllocationError);
      try {
        allocate(input);
      } catch (error) {
        const infeasible = error as InfeasibleAllocationError;
        expect(infeasible.excess).toBe(500n);
        expect(infeasible.minimumTotal).toBe(1500n);
        expect(infeasible.code).toBe('ALLOCATION_INFEASIBLE');
        expect(infeasible.message).toBe(
          'infeasible: minimums total 1500, which exceeds the ceiling 1000 by 500',
        );
      }
    });

    it('accepts minimums that add up to exactly the ceiling', () => {
      expect(() => allocate({ ceiling: 1500n, lines: [line('A', 900n, 700n), line('B', 900n, 800n)] })).not.toThrow();
    });
  });

  describe('rule 4: tiers in ascending order', () => {
    it('meets earlier tiers in full, shares the partial tier, leaves later tiers at their minimum', () => {
      // Input order is not tier order, and tier numbers need not be contiguous.
      const result = run({
        ceiling: 1000n,
        lines: [line('late', 300n, 50n, 9), line('first', 600n, 100n, 1), line('mid1', 500n, 0n, 4), line('mid2', 400n, 0n, 4)],
      });
      // Σ minimum 150, rest 850. Tier 1 needs 500: met, rest 350. Tier 4 needs 900 > 350: partial,
      // shares 350 × 500 / 900 = 194 4/9 and 350 × 400 / 900 = 155 5/9; floors 194 + 155 = 349,
      // leftover 1 → mid2 (fraction 5/9 > 4/9). Tier 9 keeps its minimum.
      expect(allocatedById(result)).toEqual({ late: 50n, first: 600n, mid1: 194n, mid2: 156n });
      expect(result.partialTier).toBe(4);
      expect(result.unallocated).toBe(0n);
      expect(result.tiers.map((tier) => [tier.tier, tier.outcome, tier.need, tier.restBefore])).toEqual([
        [1, 'met', 500n, 850n],
        [4, 'partial', 900n, 350n],
        [9, 'minimum-only', 250n, 0n],
      ]);
    });

    it('meets a tier whose need is exactly the rest (no partial tier)', () => {
      const result = run({ ceiling: 700n, lines: [line('A', 300n, 0n, 1), line('B', 400n, 0n, 2)] });
      expect(allocatedById(result)).toEqual({ A: 300n, B: 400n });
      expect(result.partialTier).toBeNull();
      expect(result.unallocated).toBe(0n);
    });

    it('meets a tier with no need at all even when nothing is left', () => {
      // Tier 1 takes everything; tier 2 asks only for its minimums, so it "fits" a rest of 0.
      const result = run({ ceiling: 150n, lines: [line('A', 100n, 0n, 1), line('B', 50n, 50n, 2)] });
      expect(result.partialTier).toBeNull();
      expect(result.tiers.map((tier) => tier.outcome)).toEqual(['met', 'met']);
    });

    it('treats absent minimum and tier as 0 and 1', () => {
      const result = run({ ceiling: 10n, lines: [{ id: 'A', requested: 4n }, { id: 'B', requested: 6n, tier: 2 }] });
      expect(allocatedById(result)).toEqual({ A: 4n, B: 6n });
      expect(result.lines[0].tier).toBe(1);
      expect(result.lines[0].minimum).toBe(0n);
    });
  });

  describe('rule 4: the partial tier', () => {
    it('shares the rest in proportion to each need (requested − minimum), exactly', () => {
      // Σ minimum 300, rest 150 < N = 300: shares 150 × 100 / 300 = 50 and 150 × 200 / 300 = 100.
      const partial = run({ ceiling: 450n, lines: [line('A', 200n, 100n), line('B', 400n, 200n)] });
      expect(allocatedById(partial)).toEqual({ A: 150n, B: 300n });
      expect(partial.lines.map((entry) => entry.rounding)).toEqual(['exact', 'exact']);
      expect(partial.partial).toEqual({ tier: 1, rest: 150n, need: 300n, floorTotal: 150n, leftover: 0n, unitsAdded: 0n });
    });
  });

  describe('rule 5: rounding by largest remainder', () => {
    it('gives leftover units to the largest fractions first, whatever the requests', () => {
      // rest 10, N = 21: shares 40/21 = 1.905, 80/21 = 3.810, 90/21 = 4.286; floors 1 + 3 + 4 = 8,
      // leftover 2 → small (0.905) and mid (0.810) before big (0.286), though big asked most.
      const result = run({ ceiling: 10n, lines: [line('big', 9n), line('small', 4n), line('mid', 8n)] });
      expect(allocatedById(result)).toEqual({ big: 4n, small: 2n, mid: 4n });
      expect(result.lines.map((entry) => entry.rounding)).toEqual(['outranked', 'unit-added', 'unit-added']);
    });

    it('breaks a tie in fraction by the larger requested amount', () => {
      // Minimums 5 and 15, rest 5, needs 5 and 5 → shares 2.5 and 2.5; floors 2 + 2, leftover 1.
      // Equal fractions: B asked 20 > 10, so B gets the unit although A comes first.
      const result = run({ ceiling: 25n, lines: [line('A', 10n, 5n), line('B', 20n, 15n)] });
      expect(allocatedById(result)).toEqual({ A: 7n, B: 18n });
    });

    it('breaks a tie in fraction and request by input order (not by id)', () => {
      // Three equal lines, ceiling 20: shares 6 2/3 each, floors 18, leftover 2 → the first two.
      const result = run({ ceiling: 20n, lines: [line('Z', 10n), line('Y', 10n), line('X', 10n)] });
      expect(allocatedById(result)).toEqual({ Z: 7n, Y: 7n, X: 6n });
    });

    it('skips a line whose extra unit would exceed its request and gives the unit to the next', () => {
      // unit 10, rest 100, needs 19 and 100 (N = 119): shares 15.97 → 10 (fraction 0.597) and
      // 84.03 → 80 (fraction 0.403); leftover 10 = one unit. A ranks first but 10 + 10 > 19.
      const result = run({ ceiling: 100n, unit: 10n, lines: [line('A', 19n), line('B', 100n)] });
      expect(allocatedById(result)).toEqual({ A: 10n, B: 90n });
      expect(result.lines.map((entry) => entry.rounding)).toEqual(['capped-by-request', 'unit-added']);
    });

    it('leaves a unit unallocated when no line can take it without exceeding its request', () => {
      // unit 10, rest 30, needs 19 and 19: shares 15 → 10 each, leftover 10, but 20 > 19 for both.
      const result = run({ ceiling: 30n, unit: 10n, lines: [line('A', 19n), line('B', 19n)] });
      expect(allocatedById(result)).toEqual({ A: 10n, B: 10n });
      expect(result.unallocated).toBe(10n);
      expect(result.partialTier).toBe(1);
    });

    it('leaves less than one unit unallocated when the unit is larger than 1', () => {
      // unit 300, rest 1000, two equal requests: shares 500 → 300 each (fraction 2/3 each),
      // leftover 400 = one unit (to the first line, by input order) + 100 unallocated.
      const result = run({ ceiling: 1000n, unit: 300n, lines: [line('A', 1000n), line('B', 1000n)] });
      expect(allocatedById(result)).toEqual({ A: 600n, B: 300n });
      expect(result.unallocated).toBe(100n);
      expect(result.partial?.leftover).toBe(400n);
      expect(result.partial?.unitsAdded).toBe(1n);
    });

    it('applies the unit only to the partial tier: full requests and minimums stay exact', () => {
      // Tier 1 (need 1234) is met to the đồng; tier 2 shares 5000 − 7 − 1234 = 3759 in units of 1000.
      const result = run({
        ceiling: 5000n,
        unit: 1000n,
        lines: [line('A', 1241n, 7n, 1), line('B', 10000n, 0n, 2), line('C', 10000n, 0n, 2)],
      });
      // B and C: 1879.5 each → 1000 each, leftover 1759 → one unit to B (tie, earlier) → 759 unallocated.
      expect(allocatedById(result)).toEqual({ A: 1241n, B: 2000n, C: 1000n });
      expect(result.unallocated).toBe(759n);
    });
  });

  describe('edge cases', () => {
    it('leaves the extra unallocated when the ceiling exceeds all requests', () => {
      const result = run({ ceiling: 1000n, lines: [line('A', 300n, 100n, 1), line('B', 200n, 0n, 2)] });
      expect(allocatedById(result)).toEqual({ A: 300n, B: 200n });
      expect(result.unallocated).toBe(500n);
      expect(result.partialTier).toBeNull();
      expect(result.partial).toBeNull();
    });

    it('allocates nothing from a zero ceiling', () => {
      const result = run({ ceiling: 0n, lines: [line('A', 300n), line('B', 200n, 0n, 2)] });
      expect(allocatedById(result)).toEqual({ A: 0n, B: 0n });
      expect(result.partialTier).toBe(1);
      expect(run({ ceiling: 0n, lines: [line('A', 0n)] }).partialTier).toBeNull();
    });

    it('allocates to a single line', () => {
      expect(allocatedById(run({ ceiling: 999n, unit: 100n, lines: [line('A', 1000n, 1n)] }))).toEqual({ A: 901n });
      // rest 998, share 998 → floor to 900, leftover 98 < one unit: unallocated.
      expect(run({ ceiling: 999n, unit: 100n, lines: [line('A', 1000n, 1n)] }).unallocated).toBe(98n);
    });

    it('splits evenly between equal lines, the remainder going to the earliest', () => {
      const result = run({ ceiling: 100n, lines: [line('A', 100n), line('B', 100n), line('C', 100n)] });
      expect(allocatedById(result)).toEqual({ A: 34n, B: 33n, C: 33n });
    });

    it('leaves everything unallocated when there are no lines', () => {
      const result = run({ ceiling: 1000n, lines: [] });
      expect(result.allocations).toEqual([]);
      expect(result.unallocated).toBe(1000n);
      expect(result.partialTier).toBeNull();
    });

    it('is exact for numbers in the 10^30 range', () => {
      const ceiling = 10n ** 30n + 1n;
      // N = 9 × 10^30; shares (10^30 + 1) / 3 = 333…333 + 2/3 and 2 (10^30 + 1) / 3 = 666…667 + 1/3.
      // Floors add to 10^30, leftover 1 → A (fraction 2/3).
      const result = run({ ceiling, lines: [line('A', 3n * 10n ** 30n), line('B', 6n * 10n ** 30n)] });
      expect(allocatedById(result)).toEqual({
        A: BigInt('333333333333333333333333333334'),
        B: BigInt('666666666666666666666666666667'),
      });
      expect(result.unallocated).toBe(0n);
    });

    it('is exact with a 10^27 unit and minimums in the 10^30 range', () => {
      const unit = 10n ** 27n;
      const result = run({
        ceiling: 5n * 10n ** 30n + 12345n,
        unit,
        lines: [line('A', 4n * 10n ** 30n, 10n ** 30n), line('B', 4n * 10n ** 30n, 10n ** 30n)],
      });
      // rest = 3 × 10^30 + 12345 shared equally: 1.5 × 10^30 + 6172.5 each → floors 1500 units each,
      // leftover 12345 < one unit.
      expect(result.allocations).toEqual([2500n * unit, 2500n * unit]);
      expect(result.unallocated).toBe(12345n);
    });

    it('does not modify its input', () => {
      const input = { ceiling: 10n, lines: Object.freeze([Object.freeze(line('A', 7n)), Object.freeze(line('B', 7n))]) };
      expect(() => allocate(Object.freeze(input))).not.toThrow();
    });
  });

  describe('rule 1: validation of the bigint input', () => {
    const cases: [string, AllocationInput, string, string | undefined][] = [
      ['a negative ceiling', { ceiling: -1n, lines: [] }, 'ceiling', undefined],
      ['a zero unit', { ceiling: 1n, unit: 0n, lines: [] }, 'unit', undefined],
      ['an empty id', { ceiling: 1n, lines: [line('', 1n)] }, 'id', undefined],
      ['a blank id', { ceiling: 1n, lines: [line(' \t', 1n)] }, 'id', undefined],
      ['a duplicate id', { ceiling: 1n, lines: [line('A', 1n), line('B', 1n), line('A', 1n)] }, 'id', 'A'],
      ['a negative request', { ceiling: 1n, lines: [line('A', -1n)] }, 'requested', 'A'],
      ['a negative minimum', { ceiling: 1n, lines: [line('A', 1n, -1n)] }, 'minimum', 'A'],
      ['a minimum above the request', { ceiling: 1000n, lines: [line('L3', 400n, 500n)] }, 'minimum', 'L3'],
      ['a zero tier', { ceiling: 1n, lines: [line('A', 1n, 0n, 0)] }, 'tier', 'A'],
      ['a fractional tier', { ceiling: 1n, lines: [line('A', 1n, 0n, 1.5)] }, 'tier', 'A'],
    ];

    it.each(cases)('rejects %s', (_name, input, field, lineId) => {
      let caught: unknown;
      try {
        allocate(input);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AllocationInputError);
      const inputError = caught as AllocationInputError;
      expect(inputError.field).toBe(field);
      expect(inputError.lineId).toBe(lineId);
      expect(inputError.message).not.toContain('\n');
    });

    it('names line, field and both amounts when a minimum exceeds its request', () => {
      expect(() => allocate({ ceiling: 1000n, lines: [line('L3', 400n, 500n)] })).toThrow(
        'line "L3": minimum 500 exceeds requested 400',
      );
    });

    it('names the first repeated id and both positions', () => {
      expect(() => allocate({ ceiling: 1n, lines: [line('A', 1n), line('B', 1n), line('B', 1n), line('A', 1n)] })).toThrow(
        'line "B": id is a duplicate of line #2 (this is line #3)',
      );
    });
  });

  describe('the in-memory explanation of each line', () => {
    it('records the rule, the share floor and the unit added', () => {
      const result = run({ ceiling: 1000n, unit: 10n, lines: [line('A', 600n, 100n, 1), line('B', 500n, 0n, 2), line('C', 400n, 0n, 2), line('D', 300n, 50n, 3)] });
      // rest 850 − 500 = 350 for tier 2 (N = 900): B 194.4 → 190 (4/9 of a unit), C 155.6 → 150 (5/9),
      // leftover 10 = one unit → C.
      expect(result.lines.map(({ id, basis, shareFloor, roundingUnit, rounding, allocated }) => ({ id, basis, shareFloor, roundingUnit, rounding, allocated }))).toEqual([
        { id: 'A', basis: 'full-request', shareFloor: 0n, roundingUnit: 0n, rounding: 'not-applicable', allocated: 600n },
        { id: 'B', basis: 'partial-share', shareFloor: 190n, roundingUnit: 0n, rounding: 'outranked', allocated: 190n },
        { id: 'C', basis: 'partial-share', shareFloor: 150n, roundingUnit: 10n, rounding: 'unit-added', allocated: 160n },
        { id: 'D', basis: 'minimum-only', shareFloor: 0n, roundingUnit: 0n, rounding: 'not-applicable', allocated: 50n },
      ]);
      expect(result.lines).toBe(result.lines); // built once
    });
  });
});
