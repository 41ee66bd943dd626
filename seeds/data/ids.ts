// Fixed, deterministic UUIDs for seed rows. Every id is a valid version-4 UUID
// (version nibble 4, variant nibble 8); the first group tells the kind of row and
// the last group carries the row number in decimal digits.
//
//   units            10000000-0000-4000-8000-…
//   estimates        20000000-0000-4000-8000-…
//   estimate lines   21000000-0000-4000-8000-…

const MAX_SEQ = 999_999_999_999;

const fixedUuid = (prefix: string, n: number): string => {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_SEQ) {
    throw new RangeError(`seed id number out of range: ${n.toString()}`);
  }
  return `${prefix}-0000-4000-8000-${n.toString().padStart(12, '0')}`;
};

export const unitId = (n: number): string => fixedUuid('10000000', n);
export const estimateId = (n: number): string => fixedUuid('20000000', n);
export const estimateLineId = (n: number): string => fixedUuid('21000000', n);
export const userId = (n: number): string => fixedUuid('30000000', n);
