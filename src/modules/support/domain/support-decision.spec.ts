import { ConflictError, InvalidInputError } from '../../../common/errors/domain-error.js';
import { type ProposedUnit, settleDecision } from './support-decision.js';

const pools = { CENTRAL_SUPPORT: 1000n, PROVINCIAL_SUPPORT: 600n };
const candidates: ProposedUnit[] = [
  { unitId: 'A', proposed: { CENTRAL_SUPPORT: 500n, PROVINCIAL_SUPPORT: 0n } },
  { unitId: 'B', proposed: { CENTRAL_SUPPORT: 300n, PROVINCIAL_SUPPORT: 0n } },
  { unitId: 'C', proposed: { CENTRAL_SUPPORT: 200n, PROVINCIAL_SUPPORT: 500n } },
];

const problemsOf = (attempt: () => unknown) => {
  try {
    attempt();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.details?.map((d) => [d.field, d.code]);
    throw error;
  }
  throw new Error('expected an InvalidInputError');
};

describe("the chair's decision on a support round", () => {
  it('gives units not listed exactly the proposal', () => {
    const settled = settleDecision(pools, candidates, []);
    expect(settled.units.map((u) => [u.unitId, u.decided, u.changed, u.reason])).toEqual([
      ['A', { CENTRAL_SUPPORT: 500n, PROVINCIAL_SUPPORT: 0n }, false, null],
      ['B', { CENTRAL_SUPPORT: 300n, PROVINCIAL_SUPPORT: 0n }, false, null],
      ['C', { CENTRAL_SUPPORT: 200n, PROVINCIAL_SUPPORT: 500n }, false, null],
    ]);
    expect(settled.totals).toEqual({ CENTRAL_SUPPORT: 1000n, PROVINCIAL_SUPPORT: 500n });
  });

  it('takes a changed figure with a reason; sources left out keep the proposal', () => {
    const settled = settleDecision(pools, candidates, [{ unitId: 'B', amounts: { PROVINCIAL_SUPPORT: 100n }, reason: ' Lũ lụt năm 2011 ' }]);
    expect(settled.units[1]).toEqual({
      unitId: 'B',
      proposed: { CENTRAL_SUPPORT: 300n, PROVINCIAL_SUPPORT: 0n },
      decided: { CENTRAL_SUPPORT: 300n, PROVINCIAL_SUPPORT: 100n },
      changed: true,
      reason: 'Lũ lụt năm 2011',
    });
    expect(settled.totals).toEqual({ CENTRAL_SUPPORT: 1000n, PROVINCIAL_SUPPORT: 600n });
  });

  it('needs a written reason wherever the decision differs from the proposal', () => {
    expect(problemsOf(() => settleDecision(pools, candidates, [{ unitId: 'A', amounts: { CENTRAL_SUPPORT: 400n } }]))).toEqual([
      ['decisions[0].reason', 'REASON_REQUIRED'],
    ]);
    expect(problemsOf(() => settleDecision(pools, candidates, [{ unitId: 'A', amounts: { CENTRAL_SUPPORT: 400n }, reason: '   ' }]))).toEqual([
      ['decisions[0].reason', 'REASON_REQUIRED'],
    ]);
    // Repeating the proposal needs no reason.
    expect(settleDecision(pools, candidates, [{ unitId: 'A', amounts: { CENTRAL_SUPPORT: 500n, PROVINCIAL_SUPPORT: 0n } }]).units[0].changed).toBe(false);
  });

  it('names units that are not candidates, repeated units and sources without a pool', () => {
    const onlyCentral = { CENTRAL_SUPPORT: 1000n };
    const central = candidates.map((c) => ({ unitId: c.unitId, proposed: { CENTRAL_SUPPORT: c.proposed.CENTRAL_SUPPORT } }));
    expect(
      problemsOf(() =>
        settleDecision(onlyCentral, central, [
          { unitId: 'Z', amounts: {} },
          { unitId: 'A', amounts: { PROVINCIAL_SUPPORT: 1n }, reason: 'x' },
          { unitId: 'A', amounts: {} },
        ]),
      ),
    ).toEqual([
      ['decisions[0].unitId', 'NOT_A_CANDIDATE'],
      ['decisions[1].amounts.PROVINCIAL_SUPPORT', 'NO_SUCH_POOL'],
      ['decisions[2].unitId', 'DUPLICATE_UNIT'],
    ]);
  });

  it('keeps decided totals within each pool (409 naming the excess)', () => {
    const attempt = () => settleDecision(pools, candidates, [{ unitId: 'A', amounts: { CENTRAL_SUPPORT: 501n, PROVINCIAL_SUPPORT: 101n }, reason: 'Ưu tiên' }]);
    expect(attempt).toThrow(ConflictError);
    expect(attempt).toThrow(/CENTRAL_SUPPORT total 1001 exceeds the pool of 1000 by 1; .*PROVINCIAL_SUPPORT total 601 exceeds the pool of 600 by 1/);
    // Exactly the pool is fine, and lowering one unit frees room for another.
    const settled = settleDecision(pools, candidates, [
      { unitId: 'A', amounts: { CENTRAL_SUPPORT: 450n }, reason: 'Giảm' },
      { unitId: 'B', amounts: { CENTRAL_SUPPORT: 350n, PROVINCIAL_SUPPORT: 100n }, reason: 'Tăng' },
    ]);
    expect(settled.totals).toEqual({ CENTRAL_SUPPORT: 1000n, PROVINCIAL_SUPPORT: 600n });
  });

  it('reports every field problem before checking the pools', () => {
    expect(
      problemsOf(() =>
        settleDecision(pools, candidates, [
          { unitId: 'A', amounts: { CENTRAL_SUPPORT: 9999n } },
          { unitId: 'B', amounts: { CENTRAL_SUPPORT: 1n } },
        ]),
      ),
    ).toEqual([
      ['decisions[0].reason', 'REASON_REQUIRED'],
      ['decisions[1].reason', 'REASON_REQUIRED'],
    ]);
  });
});
