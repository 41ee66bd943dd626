// The estimate cycle's vocabulary (DESIGN.md section 3), owned by the estimates module's domain so
// that the workflow's rules, the entity and the DTOs share it without importing persistence code.

/** Every status an estimate passes through: DRAFT → SUBMITTED ⇄ RETURNED → BALANCED → APPROVED. */
export const ESTIMATE_STATUSES = ['DRAFT', 'SUBMITTED', 'RETURNED', 'BALANCED', 'APPROVED'] as const;
export type EstimateStatus = (typeof ESTIMATE_STATUSES)[number];
/** Lines may change only while the unit holds the estimate. */
export const EDITABLE_STATUSES: readonly EstimateStatus[] = ['DRAFT', 'RETURNED'];
