// The audit trail's hash chain, as plain functions: each event's hash covers its content and the
// previous event's hash, so altering, removing or reordering any row breaks every link after it.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../common/canonical-json.js';

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

/** An event as the anchored chain stores it: numbered without gaps, with its MAC (anchor.ts). */
export interface AnchoredEvent extends StoredEvent {
  /** 1, 2, 3 … in chain order (a digit string). */
  seq: string;
  /** Null only for events written before MACs existed, which a `seal` checkpoint must cover. */
  mac: string | null;
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

export type AnchorProblem =
  | 'SEQUENCE_GAP'
  | 'PREVIOUS_HASH_MISMATCH'
  | 'CONTENT_HASH_MISMATCH'
  | 'MAC_MISSING'
  | 'MAC_MISMATCH'
  | 'CHECKPOINT_MISMATCH'
  | 'CHECKPOINT_SIGNATURE_INVALID'
  | 'MISSING_EVENTS';

/** The first broken event: its id (null when it is missing altogether) and number in the chain. */
export interface AnchoredBreak {
  eventId: string | null;
  seq: string;
  problem: AnchorProblem;
  expected: string | null;
  found: string | null;
  /** The checkpoint that exposed it (checkpoint problems and missing events). */
  checkpoint?: { seq: string; eventId: string; signedAt: string };
}

/** What the verifier needs of a checkpoint whose signature was already checked. */
export interface TrustedCheckpoint {
  seq: string;
  eventId: string;
  hash: string;
  signedAt: string;
  reason: string;
}

/**
 * Verifies the anchored chain fed to it in order, batch by batch: numbering without gaps, each
 * link, each content hash, each MAC (`macMatches`, which holds the key), and every trusted
 * checkpoint against the event it names. `finish()` then reports events missing before the last
 * checkpoint (a cut tail). Events without a MAC pass only up to `sealedUpTo` (a `seal` checkpoint).
 */
export class AnchoredChainVerifier {
  private prevHash: string | null = null;
  private prevSeq = 0n;
  checked = 0;
  private readonly bySeq = new Map<string, TrustedCheckpoint>();
  private readonly sealedUpTo: bigint;

  constructor(
    private readonly macMatches: (seq: string, hash: string, mac: string | null) => boolean,
    checkpoints: readonly TrustedCheckpoint[],
  ) {
    let sealed = 0n;
    for (const checkpoint of checkpoints) {
      this.bySeq.set(checkpoint.seq, checkpoint);
      if (checkpoint.reason === 'seal' && BigInt(checkpoint.seq) > sealed) sealed = BigInt(checkpoint.seq);
    }
    this.sealedUpTo = sealed;
  }

  /** The last event checked (number and hash), null before the first. */
  get head(): { seq: string; hash: string } | null {
    return this.prevHash === null ? null : { seq: this.prevSeq.toString(), hash: this.prevHash };
  }

  /** Checks the next events in chain order; returns the first break, or null. */
  feed(events: readonly AnchoredEvent[]): AnchoredBreak | null {
    for (const event of events) {
      const at = (problem: AnchorProblem, expected: string | null, found: string | null): AnchoredBreak => ({ eventId: event.id, seq: event.seq, problem, expected, found });
      const expectedSeq = this.prevSeq + 1n;
      if (event.seq !== expectedSeq.toString()) return at('SEQUENCE_GAP', expectedSeq.toString(), event.seq);
      if (event.prevHash !== this.prevHash) return at('PREVIOUS_HASH_MISMATCH', this.prevHash, event.prevHash);
      const expectedHash = eventHash(this.prevHash, event);
      if (expectedHash !== event.hash) return at('CONTENT_HASH_MISMATCH', expectedHash, event.hash);
      if (event.mac === null) {
        if (expectedSeq > this.sealedUpTo) return at('MAC_MISSING', null, null);
      } else if (!this.macMatches(event.seq, event.hash, event.mac)) {
        return at('MAC_MISMATCH', null, event.mac);
      }
      const checkpoint = this.bySeq.get(event.seq);
      if (checkpoint && (checkpoint.eventId !== event.id || checkpoint.hash !== event.hash)) {
        return { ...at('CHECKPOINT_MISMATCH', checkpoint.hash, event.hash), checkpoint: { seq: checkpoint.seq, eventId: checkpoint.eventId, signedAt: checkpoint.signedAt } };
      }
      this.prevSeq = expectedSeq;
      this.prevHash = event.hash;
      this.checked++;
    }
    return null;
  }

  /** After the last event: a checkpoint beyond it means events were removed from the tail. */
  finish(): AnchoredBreak | null {
    let last: TrustedCheckpoint | undefined;
    for (const checkpoint of this.bySeq.values()) if (BigInt(checkpoint.seq) > this.prevSeq && (!last || BigInt(checkpoint.seq) > BigInt(last.seq))) last = checkpoint;
    if (!last) return null;
    return {
      eventId: null,
      seq: (this.prevSeq + 1n).toString(),
      problem: 'MISSING_EVENTS',
      expected: last.hash,
      found: this.prevHash,
      checkpoint: { seq: last.seq, eventId: last.eventId, signedAt: last.signedAt },
    };
  }
}
