// Balancing scenarios as plain functions: what a run asks the allocator for each line, and how
// two or more runs compare (per unit, per plan area, per line), exactly.
import { sumVnd } from '../../common/money/vnd.js';

export interface CandidateLine {
  lineId: string;
  amount: bigint;
  approvedAmount: bigint | null;
  committedMinimum: bigint;
  priorityTier: number;
  fundingSourceCode: string;
  /** An IT investment project: it takes more than 0 only once DIC agreed to its preliminary design. */
  isProject: boolean;
  /** DIC's verdict on the project's preliminary design: true agreed, false refused, null not yet given. */
  designAgreed: boolean | null;
  dicOpinion: 'AGREE' | 'AGREE_WITH_CHANGES' | 'DISAGREE' | null;
  dicNote: string | null;
  /** DOF's or DPI's written reason for including a line DIC disagreed with; absent: it gets 0. */
  includeReason?: string | null;
  /** DIC's appraised amount (the appraisal round): when set, balancing starts from it. */
  appraisedAmount?: bigint | null;
}

export type RunKind = 'BALANCE' | 'TOP_UP';

/** Why a run gives a line nothing whatever its request (DIC's opinion), or null. */
export type HeldBack = 'DESIGN_REFUSED' | 'DESIGN_AWAITED' | 'DIC_DISAGREED';

export interface AllocationRequest {
  requested: bigint;
  minimum: bigint;
  tier: number;
  /** For the balancer, Vietnamese then English: why the line asks for what it asks (DIC's opinion). */
  note: string | null;
  heldBack: HeldBack | null;
}

export const AWAITING_DESIGN_NOTE = 'Chờ ý kiến Sở TT&TT về thiết kế cơ sở: 0 / awaiting DIC’s opinion on the preliminary design: 0';
export const REFUSED_DESIGN_NOTE = 'Sở TT&TT không thống nhất thiết kế cơ sở của dự án: 0 / DIC refused the project’s preliminary design: 0';

const quoted = (note: string | null) => (note ? ` («${note}»)` : '');

/**
 * What a run asks the allocator for one line, and why (README "DIC's opinion in balancing"):
 * - an IT investment project whose preliminary design DIC refused, or has not yet judged, asks for
 *   0 (the two told apart in the note); no reason can include it (DESIGN.md §3);
 * - a line DIC disagreed with asks for 0 unless DOF or DPI gave a written reason to include it;
 * - otherwise BALANCE asks for the line's request with its committed minimum, TOP_UP for what the
 *   line still lacks, with no minimum; DIC's note on an AGREE_WITH_CHANGES line goes with it.
 */
export function allocationRequest(kind: RunKind, line: CandidateLine): AllocationRequest {
  const nothing = (heldBack: HeldBack, note: string): AllocationRequest => ({ requested: 0n, minimum: 0n, tier: line.priorityTier, note, heldBack });
  if (line.isProject && line.designAgreed === false) return nothing('DESIGN_REFUSED', REFUSED_DESIGN_NOTE);
  if (line.isProject && line.designAgreed !== true) return nothing('DESIGN_AWAITED', AWAITING_DESIGN_NOTE);
  let note: string | null = null;
  if (line.dicOpinion === 'DISAGREE') {
    const reason = line.includeReason?.trim();
    if (!reason) {
      return nothing(
        'DIC_DISAGREED',
        `Sở TT&TT không đồng ý${quoted(line.dicNote)}: 0, chỉ đưa vào khi có lý do / DIC disagreed${quoted(line.dicNote)}: 0 unless included with a written reason`,
      );
    }
    note = `Sở TT&TT không đồng ý${quoted(line.dicNote)}; đưa vào vì: ${reason} / included despite DIC’s disagreement because: ${reason}`;
  } else if (line.dicOpinion === 'AGREE_WITH_CHANGES') {
    note = `Sở TT&TT đồng ý có điều chỉnh${quoted(line.dicNote)} / DIC agreed with changes${quoted(line.dicNote)}`;
  }
  // Balancing starts from the appraised figure once DIC has appraised the line.
  const base = line.appraisedAmount ?? line.amount;
  if (kind === 'BALANCE') {
    const minimum = line.committedMinimum < base ? line.committedMinimum : base;
    return { requested: base, minimum, tier: line.priorityTier, note, heldBack: null };
  }
  const lacking = base - (line.approvedAmount ?? 0n);
  return { requested: lacking > 0n ? lacking : 0n, minimum: 0n, tier: line.priorityTier, note, heldBack: null };
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
