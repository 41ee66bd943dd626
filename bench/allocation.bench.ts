// Allocation engine against a plain bigint pro-rata loop over the same 1,000,000 lines, same run.
// STACK.md's reference on a 2-core machine: pro-rata ≈ 160 ms, tiers + largest remainder ≈ 420 ms.
import { allocate, type AllocationInput, type AllocationLineInput } from '../src/engine/allocation/allocate.js';
import { formatTimes, median, mulberry32, settle } from './measure.js';

const LINE_COUNT = 1_000_000;
const TIER_COUNT = 5;
const RUNS = 3;
const TARGET_RATIO = 3;

export interface AllocationBenchReport {
  lineCount: number;
  partialTier: number | null;
  proRataMs: number;
  engineMs: number;
  /** allocate plus building the per-line objects of `result.lines` (the explanation detail). */
  engineWithLineViewMs: number;
  ratio: number;
  peakRssMb: number;
}

export async function benchAllocation(): Promise<AllocationBenchReport> {
  const memory = new RssSampler();
  const input = buildInput(LINE_COUNT);
  memory.sample();

  const proRataTimes: number[] = [];
  const engineTimes: number[] = [];
  const engineWithViewTimes: number[] = [];
  let engineResult: ReturnType<typeof allocate> | undefined;
  // Alternate the two so that warm-up and GC pressure fall on both alike; each from a collected heap.
  for (let run = 0; run < RUNS; run++) {
    engineResult = undefined;
    await settle(() => memory.sample());
    proRataTimes.push(time(() => proRata(input.lines, input.ceiling)));
    memory.sample();
    await settle(() => memory.sample());
    engineTimes.push(
      time(() => {
        engineResult = allocate(input);
      }),
    );
    memory.sample();
  }
  // Then, apart (a million retained objects would weigh on the runs above), the per-line view.
  for (let run = 0; run < RUNS; run++) {
    engineResult = undefined;
    await settle(() => memory.sample());
    engineWithViewTimes.push(
      time(() => {
        engineResult = allocate(input);
        void engineResult.lines;
      }),
    );
    memory.sample();
  }
  if (engineResult === undefined) throw new Error('the engine did not run');
  checkResult(input, engineResult);

  const proRataMs = median(proRataTimes);
  const engineMs = median(engineTimes);
  const ratio = engineMs / proRataMs;
  const report: AllocationBenchReport = {
    lineCount: LINE_COUNT,
    partialTier: engineResult.partialTier,
    proRataMs,
    engineMs,
    engineWithLineViewMs: median(engineWithViewTimes),
    ratio,
    peakRssMb: memory.peakMb(),
  };
  console.log(
    `allocation: ${LINE_COUNT.toLocaleString('en')} lines, ${TIER_COUNT} tiers, unit ${input.unit}, ` +
      `partial tier ${report.partialTier}`,
  );
  console.log(`  plain bigint pro-rata   median of ${RUNS}: ${proRataMs.toFixed(0)} ms  (${formatTimes(proRataTimes)})`);
  console.log(`  allocate (tiers + LR)   median of ${RUNS}: ${engineMs.toFixed(0)} ms  (${formatTimes(engineTimes)})`);
  console.log(
    `  allocate + result.lines median of ${RUNS}: ${report.engineWithLineViewMs.toFixed(0)} ms  ` +
      `(${formatTimes(engineWithViewTimes)}; the per-line objects are built on first access)`,
  );
  console.log(`  ratio ${ratio.toFixed(2)}× (aim ≤ ${TARGET_RATIO}×)${ratio <= TARGET_RATIO ? '' : '  ABOVE AIM'}`);
  console.log(`  Σ allocated + unallocated = ceiling ${input.ceiling}: ok`);
  console.log(`  peak RSS ${report.peakRssMb.toFixed(0)} MB (sampled between runs and from the kernel's high-water mark)`);
  return report;
}

// Deterministic pseudo-random lines (mulberry32): the same amounts on every machine and run.
function buildInput(lineCount: number): AllocationInput {
  const random = mulberry32(0x1b_2024);
  const lines = new Array<AllocationLineInput>(lineCount);
  let minimumTotal = 0n;
  const needByTier = new Array<bigint>(TIER_COUNT + 1).fill(0n);
  for (let index = 0; index < lineCount; index++) {
    // Requests from 1,000,000 to ≈ 4.3 × 10^12 đồng, not multiples of the unit.
    const requested = 1_000_000n + BigInt(random()) * 1000n + BigInt(random() % 1000);
    // A third of the lines carry a committed minimum of 0–99 % of the request.
    const minimum = random() % 3 === 0 ? (requested * BigInt(random() % 100)) / 100n : 0n;
    const tier = 1 + (random() % TIER_COUNT);
    lines[index] = { id: `L${index}`, requested, minimum, tier };
    minimumTotal += minimum;
    needByTier[tier] += requested - minimum;
  }
  // Tiers 1 and 2 in full and 3 partly, so the partial tier's rounding is part of the timing.
  const ceiling = minimumTotal + needByTier[1] + needByTier[2] + (needByTier[3] * 37n) / 100n;
  return { ceiling, unit: 1000n, lines };
}

/** The floor: each line's share of the ceiling in proportion to its request, one pass, bigint. */
function proRata(lines: readonly AllocationLineInput[], ceiling: bigint): bigint[] {
  let requestedTotal = 0n;
  for (const line of lines) requestedTotal += line.requested;
  const shares = new Array<bigint>(lines.length);
  let allocatedTotal = 0n;
  for (let index = 0; index < lines.length; index++) {
    const share = (ceiling * lines[index].requested) / requestedTotal;
    shares[index] = share;
    allocatedTotal += share;
  }
  if (allocatedTotal > ceiling) throw new Error('pro-rata allocated more than the ceiling');
  return shares;
}

function checkResult(input: AllocationInput, result: ReturnType<typeof allocate>): void {
  if (result.partialTier === null) throw new Error('the benchmark ceiling should leave a tier partial');
  let allocatedTotal = 0n;
  for (let index = 0; index < input.lines.length; index++) {
    const line = result.lines[index];
    if (line.allocated < line.minimum || line.allocated > line.requested) {
      throw new Error(`line ${line.id}: allocated ${line.allocated} is outside [${line.minimum}, ${line.requested}]`);
    }
    allocatedTotal += line.allocated;
  }
  if (allocatedTotal !== result.allocated || allocatedTotal + result.unallocated !== input.ceiling) {
    throw new Error(
      `Σ allocated ${allocatedTotal} + unallocated ${result.unallocated} ≠ ceiling ${input.ceiling} ` +
        `(engine says allocated ${result.allocated})`,
    );
  }
}

function time(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  // Elapsed nanoseconds → milliseconds: a duration, not money.
  return Number(process.hrtime.bigint() - start) / 1e6;
}





// A synchronous run blocks timers, so RSS is sampled at every run boundary and combined with the
// kernel's own high-water mark (ru_maxrss), which does see the peak inside a run.
class RssSampler {
  private peakBytes = 0;

  sample(): void {
    this.peakBytes = Math.max(this.peakBytes, process.memoryUsage().rss);
  }

  peakMb(): number {
    this.sample();
    const kernelPeakBytes = process.resourceUsage().maxRSS * 1024;
    return Math.max(this.peakBytes, kernelPeakBytes) / (1024 * 1024);
  }
}
