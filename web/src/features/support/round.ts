// The year's support round as the screens read it (the API's SupportRoundDto), and the arithmetic the
// chair's decision screen does live: pool totals and what differs from the proposal, all in BigInt
// over digit strings (DESIGN.md sections 2 and 6).
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useYearQuery } from '../province/queries';

export type SupportRound = components['schemas']['SupportRoundDto'];
export type SupportCandidate = components['schemas']['SupportCandidateViewDto'];
export type SupportPool = components['schemas']['SupportPoolDto'];
export type PoolCode = 'CENTRAL_SUPPORT' | 'PROVINCIAL_SUPPORT';

/** The order pools are spent in (and shown in): central support first. */
export const POOL_CODES: readonly PoolCode[] = ['CENTRAL_SUPPORT', 'PROVINCIAL_SUPPORT'];

/** The year's support rounds (one a year); `round` is it, or null before DOF opens one. */
export function useSupportRounds() {
  return useYearQuery<components['schemas']['SupportRoundListDto']>('support-rounds', (year) =>
    ok(api.GET('/fiscal-years/{year}/support-rounds', { params: { path: { year } } })),
  );
}

/** How the allocator decided one candidate's share of one pool (`prov.runs.basis.*`), if it says. */
export function basisOf(pool: SupportPool, unitId: string): string | null {
  const explanation = pool.explanation as { lines?: { id: string; basis?: string }[] };
  return explanation.lines?.find((l) => l.id === unitId)?.basis ?? null;
}

/** Levels the chair is deciding: unit id → pool code → digit string ('' while being typed). */
export type Levels = Record<string, Partial<Record<PoolCode, string>>>;

/** The proposal as the starting levels of the decision. */
export function proposalLevels(round: SupportRound): Levels {
  return Object.fromEntries(
    round.candidates.map((c) => [c.unitId, Object.fromEntries(round.pools.map((p) => [p.fundingSourceCode, c.proposed[p.fundingSourceCode] ?? '0']))]),
  );
}

/** True when any pool's level of this candidate differs from its proposal (blank counts as differing). */
export function differsFromProposal(candidate: SupportCandidate, levels: Levels, pools: readonly SupportPool[]): boolean {
  return pools.some((p) => {
    const level = levels[candidate.unitId]?.[p.fundingSourceCode as PoolCode] ?? '';
    return level === '' || BigInt(level) !== BigInt(candidate.proposed[p.fundingSourceCode] ?? '0');
  });
}

export interface PoolTotal {
  code: string;
  amount: bigint;
  proposed: bigint;
  decided: bigint;
  /** amount − decided; negative when the levels exceed the pool. */
  remaining: bigint;
}

/** Σ of the levels per pool against the pool's amount, exactly. */
export function poolTotals(round: SupportRound, levels: Levels): PoolTotal[] {
  return round.pools.map((p) => {
    let decided = 0n;
    for (const c of round.candidates) decided += BigInt(levels[c.unitId]?.[p.fundingSourceCode as PoolCode] || '0');
    const amount = BigInt(p.amount);
    return { code: p.fundingSourceCode, amount, proposed: BigInt(p.proposed), decided, remaining: amount - decided };
  });
}

/** Σ of one candidate's levels over the pools. */
export function candidateTotal(unitId: string, levels: Levels, pools: readonly SupportPool[]): bigint {
  return pools.reduce((sum, p) => sum + BigInt(levels[unitId]?.[p.fundingSourceCode as PoolCode] || '0'), 0n);
}
