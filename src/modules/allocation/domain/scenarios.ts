// Balancing scenarios as plain functions: what a run asks the allocator for each line, and how
// two or more runs compare (per unit, per plan area, per line), exactly.
import { sumVnd } from '../../../common/money/vnd.js';

export interface CandidateLine {
  lineId: string;
  amount: bigint;
  approvedAmount: bigint | null;
  committedMinimum: bigint;
  priorityTier: number;
  fundingSourceCode: string;
  /** An IT investment project whose preliminary design DIC has not agreed to. */
  awaitingDesign: boolean;
  /** DIC's appraised amount (the appraisal round): when set, balancing starts from it. */
  appraisedAmount?: bigint | null;
}

export type RunKind = 'BALANCE' | 'TOP_UP';

export interface AllocationRequest {
  requested: bigint;
  minimum: bigint;
  tier: number;
  note: string | null;
}

export const AWAITING_DESIGN_NOTE = 'Chờ ý kiến Sở TT&TT về thiết kế cơ sở / awaiting DIC’s opinion on the preliminary design: 0';

/**
 * BALANCE asks for the line's request with its committed minimum; TOP_UP asks for what the line
 * still lacks, with no minimum. A project DIC has not agreed to asks for nothing.
 */
export function allocationRequest(kind: RunKind, line: CandidateLine): AllocationRequest {
  if (line.awaitingDesign) return { requested: 0n, minimum: 0n, tier: line.priorityTier, note: AWAITING_DESIGN_NOTE };
  // Balancing starts from the appraised figure once DIC has appraised the line.
  const base = line.appraisedAmount ?? line.amount;
  if (kind === 'BALANCE') {
    const minimum = line.committedMinimum < base ? line.committedMinimum : base;
    return { requested: base, minimum, tier: line.priorityTier, note: null };
  }
  const lacking = base - (line.approvedAmount ?? 0n);
  return { requested: lacking > 0n ? lacking : 0n, minimum: 0n, tier: line.priorityTier, note: null };
}

/** The approved amount a run's allocation stands for once adopted. */
export function adoptedAmount(kind: RunKind, approvedBefore: bigint | null, allocated: bigint): bigint {
  return kind === 'BALANCE' ? allocated : (approvedBefore ?? 0n) + allocated;
}

export interface RunLine {
  lineId: string;
  unitId: string;
  unitCode: string;
  /** The line's number and description, to name it ("YP — dòng 3 — Mua máy chủ"); null when it is gone. */
  lineNo?: number | null;
  description?: string | null;
  planAreaCode: string;
  requested: bigint;
  allocated: bigint;
}

/** A line as a person reads it: unit code, line number and description, never a bare id. */
export function lineLabel(line: Pick<RunLine, 'unitCode' | 'lineNo' | 'description' | 'lineId'>): string {
  if (line.lineNo === null || line.lineNo === undefined) return `${line.unitCode} — dòng đã xoá / deleted line`;
  return `${line.unitCode} — dòng ${line.lineNo}${line.description ? ` — ${line.description}` : ''}`;
}

export interface ComparedRow {
  key: string;
  label: string;
  /** One amount per run, in the order given; 0 where a run did not include it. */
  amounts: bigint[];
  /** Each run's amount minus the first run's. */
  differences: bigint[];
}

function compareBy(runs: readonly (readonly RunLine[])[], key: (line: RunLine) => string, label: (line: RunLine) => string): ComparedRow[] {
  const rows = new Map<string, { label: string; amounts: bigint[] }>();
  runs.forEach((lines, runIndex) => {
    for (const line of lines) {
      const k = key(line);
      let row = rows.get(k);
      if (!row) {
        row = { label: label(line), amounts: runs.map(() => 0n) };
        rows.set(k, row);
      }
      row.amounts[runIndex] = (row.amounts[runIndex] ?? 0n) + line.allocated;
    }
  });
  return [...rows.entries()]
    .sort(([, a], [, b]) => a.label.localeCompare(b.label))
    .map(([k, row]) => ({ key: k, label: row.label, amounts: row.amounts, differences: row.amounts.map((amount) => amount - (row.amounts[0] ?? 0n)) }));
}

export function compareRuns(runs: readonly (readonly RunLine[])[]) {
  const totals = runs.map((lines) => sumVnd(lines.map((line) => line.allocated)));
  return {
    totals,
    totalDifferences: totals.map((total) => total - (totals[0] ?? 0n)),
    byUnit: compareBy(runs, (l) => l.unitId, (l) => l.unitCode),
    byPlanArea: compareBy(runs, (l) => l.planAreaCode, (l) => l.planAreaCode),
    byLine: compareBy(runs, (l) => l.lineId, lineLabel),
  };
}
