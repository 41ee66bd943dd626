import { summariseTopUp } from './top-up.js';

const line = (unitCode: string, unfunded: bigint, id: string) => ({ id, unitId: `u-${unitCode}`, unitCode, unfunded });

describe('the floor top-up proposal as answered: summed per unit, largest lines listed', () => {
  const candidates = [line('B', 500n, 'b1'), line('A', 300n, 'a1'), line('B', 200n, 'b2'), line('A', 100n, 'a2'), line('C', 900n, 'c1')];
  const proposed = [400n, 300n, 0n, 100n, 400n];

  it('sums every raised line per unit, by unit code, and the units add up to the allocation', () => {
    const summary = summariseTopUp(candidates, proposed);
    expect(summary.byUnit).toEqual([
      { unitId: 'u-A', unitCode: 'A', lineCount: 2, unfunded: 400n, proposed: 400n },
      { unitId: 'u-B', unitCode: 'B', lineCount: 1, unfunded: 500n, proposed: 400n },
      { unitId: 'u-C', unitCode: 'C', lineCount: 1, unfunded: 900n, proposed: 400n },
    ]);
    expect(summary.byUnit.reduce((sum, unit) => sum + unit.proposed, 0n)).toBe(proposed.reduce((sum, amount) => sum + amount, 0n));
    expect(summary.lineCount).toBe(4);
  });

  it('lists the largest proposals first (ties by unit code, then input order), at most as many as asked', () => {
    expect(summariseTopUp(candidates, proposed).lines.map((l) => [l.id, l.proposed])).toEqual([
      ['b1', 400n],
      ['c1', 400n],
      ['a1', 300n],
      ['a2', 100n],
    ]);
    const capped = summariseTopUp(candidates, proposed, 2);
    expect(capped.lines.map((l) => l.id)).toEqual(['b1', 'c1']);
    expect(capped.lineCount).toBe(4);
    expect(capped.byUnit).toHaveLength(3);
  });

  it('refuses allocations that do not match the candidates', () => {
    expect(() => summariseTopUp(candidates, proposed.slice(1))).toThrow(RangeError);
  });
});
