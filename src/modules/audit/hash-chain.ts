// The audit trail's hash chain, as plain functions: each event's hash covers its content and the
// previous event's hash, so altering, removing or reordering any row breaks every link after it.
import { createHash } from 'node:crypto';

export interface ChainedEventContent {
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  unitId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface StoredEvent extends ChainedEventContent {
  id: string;
  prevHash: string | null;
  hash: string;
}

/** JSON with object keys sorted at every level, so that equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function eventHash(prevHash: string | null, content: ChainedEventContent): string {
  return createHash('sha256')
    .update(prevHash ?? '')
    .update('\n')
    .update(
      canonicalJson({
        occurredAt: content.occurredAt,
        actorId: content.actorId,
        actorName: content.actorName,
        unitId: content.unitId,
        entityType: content.entityType,
        entityId: content.entityId,
        action: content.action,
        before: content.before,
        after: content.after,
        reason: content.reason,
      }),
    )
    .digest('hex');
}

export type ChainBreak = { eventId: string; problem: 'PREVIOUS_HASH_MISMATCH' | 'CONTENT_HASH_MISMATCH'; expected: string | null; found: string | null };

/**
 * Checks events in chain order, continuing from `previousHash` (the hash of the event before
 * the first one given, null at the start of the chain). Returns the first broken link, if any.
 */
export function findChainBreak(events: Iterable<StoredEvent>, previousHash: string | null): { break: ChainBreak | null; lastHash: string | null } {
  let prev = previousHash;
  for (const event of events) {
    if (event.prevHash !== prev) {
      return { break: { eventId: event.id, problem: 'PREVIOUS_HASH_MISMATCH', expected: prev, found: event.prevHash }, lastHash: prev };
    }
    const expected = eventHash(prev, event);
    if (expected !== event.hash) {
      return { break: { eventId: event.id, problem: 'CONTENT_HASH_MISMATCH', expected, found: event.hash }, lastHash: prev };
    }
    prev = event.hash;
  }
  return { break: null, lastHash: prev };
}
