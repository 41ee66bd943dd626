// Duplicate-id detection that stays cheap at a million lines. On the reference machine a
// `Map<string, number>` over every id costs ≈ 0.5 s per million (more than the allocation
// itself), and any hash table of that size misses the cache on every insert. A filter of 16 bits
// per id fits the L2 cache: an id whose filter bit was never set is certainly new, and only the
// few ids whose bit repeats (≈ 6 %) go through an exact, cache-sized hash table.

export interface DuplicateId {
  /** The line that repeats an earlier id (the first such line in input order). */
  readonly index: number;
  /** The earlier line with the same id. */
  readonly firstIndex: number;
}

const MIN_FILTER_BITS = 1 << 12;
const MAX_FILTER_BITS = 1 << 27;

/** The first line (in input order) whose id was already used by an earlier line, or null. */
export function findDuplicateId(lines: readonly { readonly id: string }[]): DuplicateId | null {
  const lineCount = lines.length;
  let filterBits = MIN_FILTER_BITS;
  while (filterBits < lineCount * 16 && filterBits < MAX_FILTER_BITS) filterBits *= 2;
  const bitMask = filterBits - 1;

  // Pass 1: set each id's filter bit; a bit met twice becomes suspect.
  const hashes = new Int32Array(lineCount);
  const seen = new Int32Array(filterBits >>> 5);
  const suspect = new Int32Array(filterBits >>> 5);
  let suspectCount = 0;
  for (let index = 0; index < lineCount; index++) {
    const hash = hashString(lines[index].id);
    hashes[index] = hash;
    const bit = hash & bitMask;
    const word = bit >>> 5;
    const mask = 1 << (bit & 31);
    if ((seen[word] & mask) === 0) {
      seen[word] |= mask;
    } else {
      suspect[word] |= mask;
      suspectCount++;
    }
  }
  if (suspectCount === 0) return null;

  // Pass 2: in input order, only the lines whose bit is suspect, compared exactly. Equal ids have
  // equal hashes, so every pair of equal ids is among them.
  const table = new IdTable(suspectCount * 2);
  for (let index = 0; index < lineCount; index++) {
    const hash = hashes[index];
    const bit = hash & bitMask;
    if ((suspect[bit >>> 5] & (1 << (bit & 31))) === 0) continue;
    const firstIndex = table.addOrFind(hash, index, lines);
    if (firstIndex !== -1) return { index, firstIndex };
  }
  return null;
}

// Open addressing over one typed array: slot s holds [hash, line index + 1] (0 = empty).
class IdTable {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(expectedCount: number) {
    let capacity = 16;
    while (capacity < expectedCount * 2) capacity *= 2; // load ≤ ½ keeps probe runs short
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  /** Adds line `index`, or returns the earlier line with the same id (then adds nothing). */
  addOrFind(hash: number, index: number, lines: readonly { readonly id: string }[]): number {
    const slots = this.slots;
    let slot = hash & this.mask;
    for (;;) {
      const occupant = slots[2 * slot + 1] - 1;
      if (occupant === -1) {
        slots[2 * slot] = hash;
        slots[2 * slot + 1] = index + 1;
        return -1;
      }
      if (slots[2 * slot] === hash && lines[occupant].id === lines[index].id) return occupant;
      slot = (slot + 1) & this.mask;
    }
  }
}

// FNV-1a with a final avalanche, so ids that differ only at the end ("L1", "L2", …) spread over
// the low bits that pick the filter bit.
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let position = 0; position < text.length; position++) {
    hash = Math.imul(hash ^ text.charCodeAt(position), 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash & 0x3fffffff; // 30 bits: stays a small integer, never a boxed heap number
}
