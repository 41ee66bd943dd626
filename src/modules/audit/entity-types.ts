// What the audit trail's events are about: the closed list of `entity_type`s. Every module records
// with one of these (AuditRecord's type says so), and the auditor's filter accepts only these.

/** Entity types of audit events, in the order the auditor's screen offers them. */
export const AUDIT_ENTITY_TYPES = [
  'estimate',
  'estimate_line',
  'budget',
  'fiscal_year',
  'balancing_run',
  'support_round',
  'progress_report',
  'progress_deadline',
  'plan_target',
  'user',
] as const;

export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];
