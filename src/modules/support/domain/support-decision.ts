// The chair's decision on a support round (DESIGN.md section 6): a level per unit and source, a
// written reason wherever it differs from the proposal, decided totals within each pool. Units the
// decision does not list get exactly the proposal. Plain TypeScript.
import { ConflictError, type FieldProblem, InvalidInputError } from '../../../common/errors/domain-error.js';
import { hasVisibleText } from '../../../common/text/visible-text.js';
import { SUPPORT_SOURCES, type SupportSource } from './support-proposal.js';

export type SourceAmounts = Partial<Record<SupportSource, bigint>>;

export interface ProposedUnit {
  unitId: string;
  /** One entry per pool of the round. */
  proposed: SourceAmounts;
}

export interface UnitDecisionInput {
  unitId: string;
  /** Sources left out keep their proposal. */
  amounts: SourceAmounts;
  reason?: string | null;
}

export interface SettledUnit {
  unitId: string;
  proposed: SourceAmounts;
  decided: SourceAmounts;
  /** The decision differs from the proposal for at least one source. */
  changed: boolean;
  reason: string | null;
}

export interface SettledDecision {
  /** Every candidate, in the order of the round. */
  units: SettledUnit[];
  /** Decided total per pool. */
  totals: SourceAmounts;
}

const hasText = (value: string | null | undefined): value is string => hasVisibleText(value);

/**
 * Settles the decision over every candidate of the round.
 * @throws InvalidInputError naming `decisions[i].…` (unknown or repeated unit, a source the round
 *   has no pool for, a changed figure without a reason).
 * @throws ConflictError SUPPORT_POOL_EXCEEDED when a source's decided total exceeds its pool.
 */
export function settleDecision(pools: SourceAmounts, candidates: readonly ProposedUnit[], decisions: readonly UnitDecisionInput[]): SettledDecision {
  const sources = SUPPORT_SOURCES.filter((source) => pools[source] !== undefined);
  const problems: FieldProblem[] = [];
  const byUnit = new Map<string, UnitDecisionInput>();
  const candidateIds = new Set(candidates.map((c) => c.unitId));

  decisions.forEach((decision, i) => {
    const field = `decisions[${i}]`;
    if (!candidateIds.has(decision.unitId)) {
      problems.push({
        field: `${field}.unitId`,
        code: 'NOT_A_CANDIDATE',
        message: `${field}.unitId: đơn vị không có trong đợt hỗ trợ / the unit is not a candidate of this round`,
      });
      return;
    }
    if (byUnit.has(decision.unitId)) {
      problems.push({ field: `${field}.unitId`, code: 'DUPLICATE_UNIT', message: `${field}.unitId: đơn vị được quyết định hai lần / the unit is decided twice` });
      return;
    }
    byUnit.set(decision.unitId, decision);
    for (const source of SUPPORT_SOURCES) {
      if (decision.amounts[source] !== undefined && pools[source] === undefined) {
        problems.push({
          field: `${field}.amounts.${source}`,
          code: 'NO_SUCH_POOL',
          message: `${field}.amounts.${source}: đợt hỗ trợ không có quỹ này / the round has no ${source} pool`,
        });
      }
    }
    const proposal = candidates.find((c) => c.unitId === decision.unitId)?.proposed ?? {};
    const changed = sources.some((source) => decision.amounts[source] !== undefined && decision.amounts[source] !== proposal[source]);
    if (changed && !hasText(decision.reason)) {
      problems.push({
        field: `${field}.reason`,
        code: 'REASON_REQUIRED',
        message: `${field}.reason: mức quyết định khác đề xuất phải nêu lý do / a decision that differs from the proposal needs a written reason`,
      });
    }
  });
  if (problems.length > 0) throw new InvalidInputError(problems);

  const totals: SourceAmounts = {};
  for (const source of sources) totals[source] = 0n;
  const units = candidates.map((candidate): SettledUnit => {
    const decision = byUnit.get(candidate.unitId);
    const decided: SourceAmounts = {};
    let changed = false;
    for (const source of sources) {
      const proposed = candidate.proposed[source] ?? 0n;
      const amount = decision?.amounts[source] ?? proposed;
      decided[source] = amount;
      totals[source] = (totals[source] ?? 0n) + amount;
      if (amount !== proposed) changed = true;
    }
    return { unitId: candidate.unitId, proposed: candidate.proposed, decided, changed, reason: hasText(decision?.reason) ? decision.reason.trim() : null };
  });

  const exceeded = sources.filter((source) => (totals[source] ?? 0n) > (pools[source] ?? 0n));
  if (exceeded.length > 0) {
    throw new ConflictError(
      'SUPPORT_POOL_EXCEEDED',
      exceeded
        .map((source) => {
          const excess = (totals[source] ?? 0n) - (pools[source] ?? 0n);
          return `Tổng mức quyết định ${source} ${totals[source]} vượt quỹ ${pools[source]} là ${excess} / decided ${source} total ${totals[source]} exceeds the pool of ${pools[source]} by ${excess}`;
        })
        .join('; '),
    );
  }
  return { units, totals };
}
