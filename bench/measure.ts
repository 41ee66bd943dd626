// What every benchmark uses: durations, medians, a deterministic random source, settling memory.

/** Milliseconds since `start` (a duration, not money). */
export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export function formatTimes(values: readonly number[]): string {
  return values.map((value) => value.toFixed(0)).join(', ') + ' ms';
}

/** A small seeded generator (mulberry32): the same inputs in every run. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return (mixed ^ (mixed >>> 14)) >>> 0;
  };
}

/** Collects garbage (under `node --expose-gc`, as `npm run bench` runs) and lets pending work end. */
export async function settle(sample: () => void): Promise<void> {
  sample();
  globalThis.gc?.();
  await new Promise((resolve) => setImmediate(resolve));
  sample();
}
