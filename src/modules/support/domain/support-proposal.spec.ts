import { candidateProblems, orderPools, proposeSupport, type SupportCandidate, SupportInfeasibleError } from './support-proposal.js';

const candidate = (unitId: string, hardshipTier: number, asked: bigint, minimum = 0n): SupportCandidate => ({ unitId, hardshipTier, asked, minimum });

describe('the proposal of a support round', () => {
  const candidates = [candidate('A', 1, 500n, 100n), candidate('B', 1, 300n), candidate('C', 2, 700n, 50n), candidate('D', 3, 200n)];

  it('spends central support first, then provincial support over what is still asked', () => {
    const proposal = proposeSupport(
      [
        { source: 'PROVINCIAL_SUPPORT', amount: 600n },
        { source: 'CENTRAL_SUPPORT', amount: 1000n },
      ],
      candidates,
      10n,
    );
    // Central 1000: minimums 150, rest 850; tier 1 needs 400 + 300 = 700 and is met (rest 150);
    // tier 2 needs 650: C is the partial tier and gets 50 + 150; D (tier 3) keeps its minimum 0.
    expect(proposal.pools.map((p) => p.source)).toEqual(['CENTRAL_SUPPORT', 'PROVINCIAL_SUPPORT']);
    expect(proposal.pools[0]).toMatchObject({ amount: 1000n, proposed: [500n, 300n, 200n, 0n], unallocated: 0n });
    // Provincial 600 over what is still asked (0, 0, 500, 200), no minimums: tier 2 met (rest 100),
    // D gets the 100 left.
    expect(proposal.pools[1]).toMatchObject({ amount: 600n, proposed: [0n, 0n, 500n, 100n], unallocated: 0n });
    expect(proposal.pools[1].explanation.lines.map((l) => [l.id, l.requested, l.minimum])).toEqual([
      ['A', '0', '0'],
      ['B', '0', '0'],
      ['C', '500', '0'],
      ['D', '200', '0'],
    ]);
    expect(proposal.pools[0].explanation).toMatchObject({ ceiling: '1000', unit: '10', minimumTotal: '150', partialTier: 2 });
  });

  it('rounds the partial tier to the unit, largest remainder first, and leaves the rest unallocated', () => {
    const proposal = proposeSupport(
      [
        { source: 'CENTRAL_SUPPORT', amount: 1000n },
        { source: 'PROVINCIAL_SUPPORT', amount: 500n },
      ],
      [candidate('X', 1, 700n), candidate('Y', 1, 500n)],
      100n,
    );
    // Shares 1000 × 700/1200 = 583⅓ and 416⅔: floors 500 and 400, the unit left goes to X (83⅓ > 16⅔).
    expect(proposal.pools[0].proposed).toEqual([600n, 400n]);
    expect(proposal.pools[0].explanation.lines[0].rounding).toBe('unit-added');
    // Provincial: 100 still asked by each; both met, 300 unallocated.
    expect(proposal.pools[1]).toMatchObject({ proposed: [100n, 100n], unallocated: 300n });
  });

  it('counts minimums in the first pool only, whichever pool that is', () => {
    const onlyProvincial = proposeSupport([{ source: 'PROVINCIAL_SUPPORT', amount: 150n }], [candidate('A', 2, 500n, 100n), candidate('B', 1, 300n)], 1n);
    // Minimum 100 to A, rest 50 to tier 1 (B).
    expect(onlyProvincial.pools[0].proposed).toEqual([100n, 50n]);

    const both = proposeSupport(
      [
        { source: 'CENTRAL_SUPPORT', amount: 100n },
        { source: 'PROVINCIAL_SUPPORT', amount: 1000n },
      ],
      [candidate('A', 2, 500n, 100n), candidate('B', 1, 300n)],
      1n,
    );
    // Central: A's minimum uses the whole pool. Provincial: no minimum, B (tier 1) first, then A.
    expect(both.pools[0].proposed).toEqual([100n, 0n]);
    expect(both.pools[1].proposed).toEqual([400n, 300n]);
    expect(both.pools[1].explanation.lines[0]).toMatchObject({ requested: '400', minimum: '0' });
  });

  it('is infeasible when the minimums exceed the first pool, naming the excess', () => {
    const attempt = () => proposeSupport([{ source: 'CENTRAL_SUPPORT', amount: 100n }], [candidate('A', 1, 500n, 90n), candidate('B', 1, 300n, 60n)], 1n);
    expect(attempt).toThrow(SupportInfeasibleError);
    expect(attempt).toThrow(/exceeds the CENTRAL_SUPPORT pool of 100 by 50/);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ kind: 'CONFLICT', code: 'SUPPORT_INFEASIBLE', excess: 50n });
    }
  });

  it('never proposes more than asked, and each pool adds up', () => {
    const many = [candidate('A', 1, 123_456_789n, 1_000_000n), candidate('B', 2, 987_654_321n), candidate('C', 2, 55_555_555n, 5_000_000n), candidate('D', 9, 1n)];
    const proposal = proposeSupport(
      [
        { source: 'CENTRAL_SUPPORT', amount: 300_000_000n },
        { source: 'PROVINCIAL_SUPPORT', amount: 500_000_000n },
      ],
      many,
      1_000_000n,
    );
    many.forEach((c, i) => {
      const total = proposal.pools.reduce((sum, p) => sum + p.proposed[i], 0n);
      expect(total <= c.asked).toBe(true);
      expect(total >= c.minimum).toBe(true);
    });
    for (const pool of proposal.pools) expect(pool.proposed.reduce((a, b) => a + b, 0n) + pool.unallocated).toBe(pool.amount);
  });

  it('orders pools central first', () => {
    expect(orderPools([{ source: 'PROVINCIAL_SUPPORT', amount: 1n }, { source: 'CENTRAL_SUPPORT', amount: 2n }]).map((p) => p.source)).toEqual([
      'CENTRAL_SUPPORT',
      'PROVINCIAL_SUPPORT',
    ]);
  });
});

describe('candidate rules', () => {
  it('names duplicate units, minimums above the amount asked and tiers out of range', () => {
    const problems = candidateProblems([candidate('A', 1, 100n), candidate('B', 1, 100n, 101n), candidate('A', 10, 5n)]);
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['candidates[1].minimum', 'MINIMUM_ABOVE_ASKED'],
      ['candidates[2].unitId', 'DUPLICATE_UNIT'],
      ['candidates[2].hardshipTier', 'INVALID_TIER'],
    ]);
    expect(candidateProblems([candidate('A', 1, 100n, 100n)])).toEqual([]);
  });
});
