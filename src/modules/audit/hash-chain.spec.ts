import { canonicalJson, type ChainedEventContent, eventHash, findChainBreak, type StoredEvent } from './hash-chain.js';

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

describe('findChainBreak', () => {
  it('accepts an intact chain', () => {
    const events = chain([content(1), content(2), content(3)]);
    expect(findChainBreak(events, null)).toEqual({ break: null, lastHash: events[2]?.hash });
  });

  it('finds an altered row', () => {
    const events = chain([content(1), content(2), content(3)]);
    events[1] = { ...events[1], after: { amount: '999' } };
    expect(findChainBreak(events, null).break).toMatchObject({ eventId: '2', problem: 'CONTENT_HASH_MISMATCH' });
  });

  it('finds a removed row', () => {
    const events = chain([content(1), content(2), content(3)]);
    events.splice(1, 1);
    expect(findChainBreak(events, null).break).toMatchObject({ eventId: '3', problem: 'PREVIOUS_HASH_MISMATCH' });
  });

  it('finds a row re-hashed after alteration by its broken successor', () => {
    const events = chain([content(1), content(2), content(3)]);
    const altered = { ...events[1], after: { amount: '999' } };
    events[1] = { ...altered, hash: eventHash(altered.prevHash, altered) };
    expect(findChainBreak(events, null).break).toMatchObject({ eventId: '3', problem: 'PREVIOUS_HASH_MISMATCH' });
  });
});
