// Duplicate-id detection that stays cheap at a million lines. A `Map<string, number>` over every
// id costs ≈ 0.5 s per million on the reference machine (more than the allocation itself), and a
// hash table of that size misses the cache on every insert. A filter of 16 bits per id fits the
// L2 cache: an id whose hash bit was never set is certainly new; only the few ids whose bit repeats
// are compared exactly, in a second pass.

export interface DuplicateId {
  /** The line that repeats an earlier id (the first such line in input order). */
  readonly index: number;
  /** The earliest line with the same id. */
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

  // Pass 1: mark each id's hash; a hash met twice marks its bit as suspect.
  const hashes = new Int32Array(lineCount);
  const seen = new Int32Array(filterBits >>> 5);
  const suspect = new Int32Array(filterBits >>> 5);
  let anySuspect = false;
  for (let index = 0; index < lineCount; index++) {
    const bit = hashString(lines[index].id) & bitMask;
    hashes[index] = bit;
    const word = bit >>> 5;
    const mask = 1 << (bit & 31);
    if ((seen[word] & mask) === 0) {
      seen[word] |= mask;
    } else {
      suspect[word] |= mask;
      anySuspect = true;
    }
  }
  if (!anySuspect) return null;

  // Pass 2: compare exactly, in input order, only the lines whose hash is suspect. Every line
  // sharing an id shares its hash, so each pair of equal ids is among them.
  const firstIndexById = new Map<string, number>();
  for (let index = 0; index < lineCount; index++) {
    const bit = hashes[index];
    if ((suspect[bit >>> 5] & (1 << (bit & 31))) === 0) continue;
    const id = lines[index].id;
    const firstIndex = firstIndexById.get(id);
    if (firstIndex !== undefined) return { index, firstIndex };
    firstIndexById.set(id, index);
  }
  return null;
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
