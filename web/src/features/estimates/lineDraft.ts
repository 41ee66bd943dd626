// What an officer types for a line, kept as strings (money as digit strings), and how it differs
// from a line the server holds: the body of a create or update, and the list of changed fields.
import type { Estimate, Line } from '../../api/types';

export interface LineDraft {
  isContinuing: boolean;
  planAreaCode: string;
  expenditureTypeCode: string;
  fundingSourceCode: string;
  activityKindCode: string;
  description: string;
  measureUnit: string;
  quantity: string;
  unitPrice: string;
  multiYearTotal: string;
  contingency: string;
  committedMinimum: string;
  priorityTier: string;
  justification: string;
}

/** The fields a person compares in the conflict dialog, in the order of the form. */
export const DRAFT_FIELDS = [
  'isContinuing',
  'planAreaCode',
  'expenditureTypeCode',
  'fundingSourceCode',
  'activityKindCode',
  'description',
  'measureUnit',
  'quantity',
  'unitPrice',
  'multiYearTotal',
  'contingency',
  'committedMinimum',
  'priorityTier',
  'justification',
] as const satisfies readonly (keyof LineDraft)[];

export const MONEY_FIELDS: ReadonlySet<keyof LineDraft> = new Set(['unitPrice', 'multiYearTotal', 'contingency', 'committedMinimum']);

export function emptyDraft(): LineDraft {
  return {
    isContinuing: false,
    planAreaCode: '',
    expenditureTypeCode: 'RECURRENT',
    fundingSourceCode: '',
    activityKindCode: '',
    description: '',
    measureUnit: '',
    quantity: '',
    unitPrice: '',
    multiYearTotal: '',
    contingency: '',
    committedMinimum: '',
    priorityTier: '1',
    justification: '',
  };
}

/** A quantity as the server writes it (`12.5000`) shown without trailing zeros (`12.5`). */
function trimQuantity(quantity: string): string {
  return quantity.includes('.') ? quantity.replace(/0+$/, '').replace(/\.$/, '') : quantity;
}

export function draftOf(line: Line): LineDraft {
  return {
    isContinuing: line.isContinuing,
    planAreaCode: line.planAreaCode,
    expenditureTypeCode: line.expenditureTypeCode,
    fundingSourceCode: line.fundingSourceCode,
    activityKindCode: line.activityKindCode,
    description: line.description,
    measureUnit: line.measureUnit,
    quantity: trimQuantity(line.quantity),
    unitPrice: line.unitPrice,
    multiYearTotal: line.multiYearTotal ?? '',
    contingency: line.contingency ?? '',
    committedMinimum: line.committedMinimum === '0' ? '' : line.committedMinimum,
    priorityTier: String(line.priorityTier),
    justification: line.justification,
  };
}

/** The request body's line fields: optional money left empty is null (or absent for a new line). */
export function bodyOf(draft: LineDraft) {
  return {
    isContinuing: draft.isContinuing,
    planAreaCode: draft.planAreaCode,
    expenditureTypeCode: draft.expenditureTypeCode,
    fundingSourceCode: draft.fundingSourceCode,
    activityKindCode: draft.activityKindCode,
    description: draft.description.trim(),
    measureUnit: draft.measureUnit.trim(),
    quantity: draft.quantity,
    unitPrice: draft.unitPrice,
    multiYearTotal: draft.multiYearTotal === '' ? null : draft.multiYearTotal,
    contingency: draft.contingency === '' ? null : draft.contingency,
    committedMinimum: draft.committedMinimum === '' ? '0' : draft.committedMinimum,
    priorityTier: Number(draft.priorityTier || '1'),
    justification: draft.justification,
  };
}

/** Fields whose values differ between two drafts. */
export function changedFields(a: LineDraft, b: LineDraft): (keyof LineDraft)[] {
  return DRAFT_FIELDS.filter((field) => a[field] !== b[field]);
}

/**
 * After a conflict: what the officer typed over the line as it is now. A field the officer changed
 * (typed ≠ base) keeps the typing; a field they left alone takes the current value.
 */
export function mergeTyped(base: LineDraft | null, typed: LineDraft, current: LineDraft | null): LineDraft {
  if (!base || !current) return typed;
  const merged = { ...current };
  for (const field of DRAFT_FIELDS) {
    if (typed[field] !== base[field]) (merged as Record<string, unknown>)[field] = typed[field];
  }
  return merged;
}

/** Lines other than `lineId` that differ between two versions of an estimate (added, changed or removed). */
export function otherChanges(before: Estimate, after: Estimate, lineId: string | null): number {
  const key = (l: Line) => JSON.stringify(draftOf(l));
  const was = new Map(before.lines.filter((l) => l.id !== lineId).map((l) => [l.id, key(l)]));
  const now = new Map(after.lines.filter((l) => l.id !== lineId).map((l) => [l.id, key(l)]));
  let count = 0;
  for (const [id, value] of now) if (was.get(id) !== value) count += 1;
  for (const id of was.keys()) if (!now.has(id)) count += 1;
  return count;
}
