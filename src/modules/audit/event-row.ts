// An audit event as PostgreSQL returns it, and as the chain and the API read it: shared by the
// chain's verification (audit.service.ts) and the auditor's trail (audit-trail.ts).
import type { AnchoredEvent } from './hash-chain.js';

/** One row of audit_events, with `seq` as text. */
export interface EventRow {
  id: string;
  seq: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_name: string | null;
  unit_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  prev_hash: string | null;
  hash: string;
  mac: string | null;
}

/** An event row as the chain and the API read it (the instant as an ISO string). */
export function eventOfRow(row: EventRow): AnchoredEvent {
  return {
    id: row.id,
    seq: row.seq,
    occurredAt: row.occurred_at.toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    unitId: row.unit_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    before: row.before,
    after: row.after,
    reason: row.reason,
    prevHash: row.prev_hash,
    hash: row.hash,
    mac: row.mac,
  };
}
