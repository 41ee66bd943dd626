import { canonicalJson } from '../../common/canonical-json.js';
import { auditKeysFrom, checkpointValid, eventMac, signCheckpoint } from './anchor.js';
import { type AnchoredEvent, AnchoredChainVerifier, type ChainedEventContent, eventHash, type StoredEvent, type TrustedCheckpoint } from './hash-chain.js';

function chain(contents: ChainedEventContent[]): StoredEvent[] {
  const events: StoredEvent[] = [];
  let prev: string | null = null;
  contents.forEach((content, i) => {
    const hash = eventHash(prev, content);
    events.push({ ...content, id: String(i + 1), prevHash: prev, hash });
    prev = hash;
  });
  return events;
}

const content = (n: number): ChainedEventContent => ({
  occurredAt: `2026-01-0${n}T00:00:00.000Z`,
  actorId: null,
  actorName: 'dof.officer',
  unitId: null,
  entityType: 'estimate_line',
  entityId: `L${n}`,
  action: 'line.update',
  before: { amount: '100' },
  after: { amount: String(100 + n) },
  reason: null,
});

describe('canonicalJson', () => {
  it('sorts keys at every level and writes bigints as strings', () => {
    expect(canonicalJson({ b: 1, a: { d: [2n, null], c: 'x' } })).toBe('{"a":{"c":"x","d":["2",null]},"b":1}');
  });
});

describe('AnchoredChainVerifier', () => {
  const macKey = Buffer.from('k'.repeat(32));
  const macOk = (seq: string, hash: string, mac: string | null) => mac === eventMac(macKey, seq, hash);
  const anchored = (n: number, withMac: (seq: number) => boolean = () => true): AnchoredEvent[] =>
    chain(Array.from({ length: n }, (_, i) => content((i % 9) + 1))).map((e, i) => ({
      ...e,
      seq: String(i + 1),
      mac: withMac(i + 1) ? eventMac(macKey, String(i + 1), e.hash) : null,
    }));
  const checkpointOf = (e: AnchoredEvent, reason = 'every-10'): TrustedCheckpoint => ({ seq: e.seq, eventId: e.id, hash: e.hash, signedAt: '2026-01-01T00:00:00.000Z', reason });

  it('accepts an intact chain and names its head', () => {
    const events = anchored(5);
    const verifier = new AnchoredChainVerifier(macOk, [checkpointOf(events[4])]);
    expect(verifier.feed(events.slice(0, 2))).toBeNull();
    expect(verifier.feed(events.slice(2))).toBeNull();
    expect(verifier.finish()).toBeNull();
    expect(verifier.head).toEqual({ seq: '5', hash: events[4].hash });
  });

  it('accepts events without a MAC only as far as a seal checkpoint covers them', () => {
    const events = anchored(6, (seq) => seq > 3);
    expect(new AnchoredChainVerifier(macOk, [checkpointOf(events[2], 'seal')]).feed(events)).toBeNull();
    expect(new AnchoredChainVerifier(macOk, [checkpointOf(events[1], 'seal')]).feed(events)).toMatchObject({ seq: '3', problem: 'MAC_MISSING' });
    expect(new AnchoredChainVerifier(macOk, []).feed(events)).toMatchObject({ seq: '1', problem: 'MAC_MISSING' });
  });

  it('finds a gap, a wrong MAC, a checkpoint naming another event and a cut tail', () => {
    const events = anchored(6);
    expect(new AnchoredChainVerifier(macOk, []).feed([...events.slice(0, 2), ...events.slice(3)])).toMatchObject({ seq: '4', problem: 'SEQUENCE_GAP' });
    const forged = events.map((e, i) => (i === 3 ? { ...e, mac: '0'.repeat(64) } : e));
    expect(new AnchoredChainVerifier(macOk, []).feed(forged)).toMatchObject({ eventId: '4', problem: 'MAC_MISMATCH' });
    expect(new AnchoredChainVerifier(macOk, [{ ...checkpointOf(events[2]), hash: 'f'.repeat(64) }]).feed(events)).toMatchObject({ seq: '3', problem: 'CHECKPOINT_MISMATCH' });
    const cut = new AnchoredChainVerifier(macOk, [checkpointOf(events[5])]);
    expect(cut.feed(events.slice(0, 4))).toBeNull();
    expect(cut.finish()).toMatchObject({ eventId: null, seq: '5', problem: 'MISSING_EVENTS', checkpoint: { seq: '6' } });
  });
});

describe('checkpoints', () => {
  it('are signed by the key derived from the audit secret and refused when any field changes', () => {
    const keys = auditKeysFrom('a-secret-of-at-least-thirty-two-characters');
    const checkpoint = signCheckpoint(keys, { seq: '40', eventId: '41', hash: 'a'.repeat(64), signedAt: '2026-01-01T00:00:00.000Z', reason: 'every-10' });
    expect(checkpointValid(checkpoint, keys.publicKey)).toBe(true);
    expect(checkpointValid({ ...checkpoint, seq: '41' }, keys.publicKey)).toBe(false);
    expect(checkpointValid({ ...checkpoint, reason: 'seal' }, keys.publicKey)).toBe(false);
    expect(checkpointValid(checkpoint, auditKeysFrom('another-secret-of-thirty-two-characters').publicKey)).toBe(false);
    expect(checkpointValid(null, keys.publicKey)).toBe(false);
    // The same secret gives the same keys (another instance, the CLI).
    expect(auditKeysFrom('a-secret-of-at-least-thirty-two-characters').keyId).toBe(keys.keyId);
  });
});
