// Plain Error subclasses so the engine stays framework-free; the service layer maps `code` to an
// HTTP status (invalid input → 400, infeasible → 422) without the engine knowing about HTTP.

/** Where in the input a problem sits, so messages can name the line and the field. */
export interface AllocationProblemLocation {
  /** Name of the offending field: `ceiling`, `unit`, `lines`, `id`, `requested`, `minimum`, `tier`, … */
  readonly field: string;
  /** The line's id when it has a usable one. */
  readonly lineId?: string;
  /** 0-based position of the line in `lines`, when the problem is on a line. */
  readonly lineIndex?: number;
}

export abstract class AllocationError extends Error {
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input breaks rule 1 (shape, digit strings, unique ids, minimum ≤ requested, unit ≥ 1, tiers). */
export class AllocationInputError extends AllocationError {
  readonly code = 'ALLOCATION_INVALID_INPUT';
  readonly field: string;
  readonly lineId?: string;
  readonly lineIndex?: number;

  constructor(message: string, location: AllocationProblemLocation) {
    super(message);
    this.field = location.field;
    if (location.lineId !== undefined) this.lineId = location.lineId;
    if (location.lineIndex !== undefined) this.lineIndex = location.lineIndex;
  }
}

/** Rule 2: the minimums alone do not fit under the ceiling. */
export class InfeasibleAllocationError extends AllocationError {
  readonly code = 'ALLOCATION_INFEASIBLE';
  readonly field = 'minimum';

  constructor(
    readonly ceiling: bigint,
    readonly minimumTotal: bigint,
  ) {
    super(
      `infeasible: minimums total ${minimumTotal}, which exceeds the ceiling ${ceiling} by ${minimumTotal - ceiling}`,
    );
  }

  /** How much the minimums would have to shrink (or the ceiling grow) to become feasible. */
  get excess(): bigint {
    return this.minimumTotal - this.ceiling;
  }
}

/** Renders a received value for a one-line message: JSON escapes newlines, long values are cut. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'bigint') return `${value}n`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? typeof value;
  } catch {
    text = typeof value;
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** `line "L3"` when the id is usable, otherwise the 1-based position (`line #3`). */
export function describeLine(lineId: string | undefined, lineIndex: number): string {
  return lineId === undefined ? `line #${lineIndex + 1}` : `line ${describeValue(lineId)}`;
}

export function duplicateIdProblem(firstIndex: number, index: number): string {
  return `id is a duplicate of line #${firstIndex + 1} (this is line #${index + 1})`;
}
