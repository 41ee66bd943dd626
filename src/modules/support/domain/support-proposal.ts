// The proposal of a support round (DESIGN.md section 6): the allocator spends the pools in a fixed
// order, central support first, then provincial support over what is still asked. Plain
// TypeScript: the service stores what this computes.
import { DomainError, type FieldProblem } from '../../../common/errors/domain-error.js';
import {
  allocate,
  type AllocationExplanation,
  explainAllocation,
  InfeasibleAllocationError,
} from '../../../engine/allocation/index.js';
import { message } from '../../../common/errors/messages.js';

/** The funding sources a round's pools may come from, in the order they are spent. */
export const SUPPORT_SOURCES = ['CENTRAL_SUPPORT', 'PROVINCIAL_SUPPORT'] as const;
export type SupportSource = (typeof SUPPORT_SOURCES)[number];

export const DEFAULT_ROUNDING_UNIT = 1_000_000n;
export const MAX_HARDSHIP_TIER = 9;

export function isSupportSource(code: string): code is SupportSource {
  return (SUPPORT_SOURCES as readonly string[]).includes(code);
}

export interface SupportPool {
  source: SupportSource;
  amount: bigint;
}

export interface SupportCandidate {
  unitId: string;
  /** 1 is the hardest hit, served first. */
  hardshipTier: number;
  asked: bigint;
  /** Served before any tier, from the first pool only. */
  minimum: bigint;
}

export interface PoolProposal {
  source: SupportSource;
  amount: bigint;
  /** What each candidate gets from this pool, in candidate order. */
  proposed: bigint[];
  unallocated: bigint;
  /** The allocator's account of how each amount was reached (line ids are unit ids). */
  explanation: AllocationExplanation;
}

export interface SupportProposal {
  /** The pools in spending order. */
  pools: PoolProposal[];
}

/** The pools in spending order, whatever order they were given in. */
export function orderPools(pools: readonly SupportPool[]): SupportPool[] {
  return [...pools].sort((a, b) => SUPPORT_SOURCES.indexOf(a.source) - SUPPORT_SOURCES.indexOf(b.source));
}

/** Problems with a set of candidates that field formats cannot catch: duplicates, minimum above asked. */
export function candidateProblems(candidates: readonly SupportCandidate[], field = 'candidates'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  candidates.forEach((candidate, i) => {
    const first = seen.get(candidate.unitId);
    if (first !== undefined) {
      problems.push({
        field: `${field}[${i}].unitId`,
        code: 'DUPLICATE_UNIT',
        message: `${field}[${i}].unitId: đơn vị đã có ở ${field}[${first}] / the unit is already a candidate at ${field}[${first}]`,
      });
    } else {
      seen.set(candidate.unitId, i);
    }
    if (candidate.minimum > candidate.asked) {
      problems.push({
        field: `${field}[${i}].minimum`,
        code: 'MINIMUM_ABOVE_ASKED',
        message: `${field}[${i}].minimum: mức tối thiểu ${candidate.minimum} vượt số đề nghị ${candidate.asked} / the minimum exceeds the amount asked`,
      });
    }
    if (!Number.isSafeInteger(candidate.hardshipTier) || candidate.hardshipTier < 1 || candidate.hardshipTier > MAX_HARDSHIP_TIER) {
      problems.push({
        field: `${field}[${i}].hardshipTier`,
        code: 'INVALID_TIER',
        message: `${field}[${i}].hardshipTier: phải là số nguyên từ 1 đến ${MAX_HARDSHIP_TIER} / must be a whole number from 1 to ${MAX_HARDSHIP_TIER}`,
      });
    }
  });
  return problems;
}

/** The minimums do not fit in the first pool: 409 naming the excess. */
export class SupportInfeasibleError extends DomainError {
  constructor(
    readonly source: SupportSource,
    readonly pool: bigint,
    readonly minimumTotal: bigint,
  ) {
    super(
      'CONFLICT',
      'SUPPORT_INFEASIBLE',
      message('SUPPORT_INFEASIBLE', { minimumTotal, source, pool, excess: minimumTotal - pool }),
      [{ field: 'candidates', code: 'SUPPORT_INFEASIBLE', message: message('SUPPORT_INFEASIBLE_DETAIL', { source, excess: minimumTotal - pool }) }],
    );
  }

  get excess(): bigint {
    return this.minimumTotal - this.pool;
  }
}

/**
 * Spends the pools in order. In each pool a candidate requests what it asked less what earlier
 * pools already proposed; its minimum counts in the first pool only; its tier is its hardship tier.
 * @throws SupportInfeasibleError when the minimums exceed the first pool.
 */
export function proposeSupport(pools: readonly SupportPool[], candidates: readonly SupportCandidate[], unit: bigint): SupportProposal {
  const proposedSoFar = candidates.map(() => 0n);
  const proposals: PoolProposal[] = [];
  orderPools(pools).forEach((pool, poolIndex) => {
    const lines = candidates.map((candidate, i) => ({
      id: candidate.unitId,
      requested: candidate.asked - proposedSoFar[i],
      minimum: poolIndex === 0 ? candidate.minimum : 0n,
      tier: candidate.hardshipTier,
    }));
    let result;
    try {
      result = allocate({ ceiling: pool.amount, unit, lines });
    } catch (error) {
      if (error instanceof InfeasibleAllocationError) throw new SupportInfeasibleError(pool.source, error.ceiling, error.minimumTotal);
      throw error;
    }
    const proposed = [...result.allocations];
    proposed.forEach((amount, i) => (proposedSoFar[i] += amount));
    proposals.push({ source: pool.source, amount: pool.amount, proposed, unallocated: result.unallocated, explanation: explainAllocation(result) });
  });
  return { pools: proposals };
}
