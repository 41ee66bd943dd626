// The 1% floor (DESIGN.md section 5), as plain functions on bigint. The province keeps at least
// floorRatio × total local budget expenditure for IT, counted over the floor's funding sources.
import { Decimal } from 'decimal.js';

export interface FloorLine {
  amount: bigint;
  approvedAmount: bigint | null;
  fundingSourceCode: string;
}

export interface FloorSettings {
  totalLocalExpenditure: bigint | null;
  /** Decimal string with at most 6 decimals, e.g. "0.01". */
  floorRatio: string;
  floorSources: readonly string[];
}

export interface FloorFigures {
  floorAmount: bigint | null;
  /** Σ approved amounts of the lines funded from the floor's sources. */
  itTotal: bigint;
  /** Σ requested amounts of the same lines. */
  requestedTotal: bigint;
  compliant: boolean | null;
  shortfall: bigint | null;
}

const RATIO_SCALE = 10n ** 6n;

/** ceil(total × ratio) to the đồng, exactly: the ratio has at most 6 decimals. */
export function floorAmount(totalLocalExpenditure: bigint, floorRatio: string): bigint {
  const scaledRatio = BigInt(new Decimal(floorRatio).times(RATIO_SCALE.toString()).toFixed(0));
  const product = totalLocalExpenditure * scaledRatio;
  return product / RATIO_SCALE + (product % RATIO_SCALE === 0n ? 0n : 1n);
}

export function floorFigures(settings: FloorSettings, lines: Iterable<FloorLine>): FloorFigures {
  const sources = new Set(settings.floorSources);
  let itTotal = 0n;
  let requestedTotal = 0n;
  for (const line of lines) {
    if (!sources.has(line.fundingSourceCode)) continue;
    itTotal += line.approvedAmount ?? 0n;
    requestedTotal += line.amount;
  }
  if (settings.totalLocalExpenditure === null) {
    return { floorAmount: null, itTotal, requestedTotal, compliant: null, shortfall: null };
  }
  const floor = floorAmount(settings.totalLocalExpenditure, settings.floorRatio);
  const shortfall = floor > itTotal ? floor - itTotal : 0n;
  return { floorAmount: floor, itTotal, requestedTotal, compliant: shortfall === 0n, shortfall };
}
