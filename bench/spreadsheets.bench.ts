// Estimate workbook import against a bare exceljs streaming read of the same 50,000-line file, same run.
// STACK.md's reference on a 2-core machine: exceljs streaming read of 50,000 rows ≈ 1.4 s.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { LineFieldsDto } from '../src/modules/estimates/dto/line.dto.js';
import { streamEstimateWorkbook } from '../src/modules/spreadsheets/estimate-template.js';
import { readEstimateWorkbook } from '../src/modules/spreadsheets/estimate-workbook-reader.js';
import { catalogCodes, seedCatalog } from '../src/modules/spreadsheets/seed-catalog.js';
import { elapsedMs, formatTimes, median, mulberry32, settle } from './measure.js';

const LINE_COUNT = 50_000;
const RUNS = 3;
const TARGET_RATIO = 2;

export interface SpreadsheetBenchReport {
  lineCount: number;
  fileBytes: number;
  writeMs: number;
  bareMs: number;
  importMs: number;
  ratio: number;
  /** Peak RSS while each reader ran, sampled every 10 ms. */
  barePeakRssMb: number;
  importPeakRssMb: number;
  /** The process's high-water mark, generation of the workbook included. */
  processPeakRssMb: number;
}

export async function benchSpreadsheetImport(): Promise<SpreadsheetBenchReport> {
  const memory = new RssSampler();
  const folder = await mkdtemp(join(tmpdir(), 'itbudget-bench-'));
  const file = join(folder, 'estimate-50000.xlsx');
  try {
    const catalog = seedCatalog();
    const codes = catalogCodes(catalog);

    const writeStart = process.hrtime.bigint();
    const output = createWriteStream(file);
    const context = { unitName: 'Benchmark', unitCode: 'BENCH', year: 2012, estimateId: 'bench', version: 1, lines: buildLines(LINE_COUNT, catalog) };
    await streamEstimateWorkbook(catalog, context, output);
    await finished(output);
    const writeMs = elapsedMs(writeStart);
    const fileBytes = (await stat(file)).size;
    context.lines = []; // the reads are measured without the generated lines in memory
    await settle(() => memory.sample());

    const bareTimes: number[] = [];
    const importTimes: number[] = [];
    let bareRows = 0;
    let importedLines = 0;
    // Alternate the two so that warm-up and GC pressure fall on both alike.
    for (let run = 0; run < RUNS; run++) {
      await settle(() => memory.sample());
      memory.phase('bare');
      let start = process.hrtime.bigint();
      bareRows = await bareStreamingRead(file);
      bareTimes.push(elapsedMs(start));
      memory.phase(undefined);

      await settle(() => memory.sample());
      memory.phase('import');
      start = process.hrtime.bigint();
      const result = await readEstimateWorkbook(createReadStream(file), codes);
      importTimes.push(elapsedMs(start));
      memory.phase(undefined);
      if (!result.ok) throw new Error(`the benchmark workbook did not import: ${result.problems[0]?.message}`);
      importedLines = result.lines.length;
    }
    if (importedLines !== LINE_COUNT) throw new Error(`imported ${importedLines} lines, expected ${LINE_COUNT}`);

    const bareMs = median(bareTimes);
    const importMs = median(importTimes);
    const ratio = importMs / bareMs;
    const report: SpreadsheetBenchReport = {
      lineCount: LINE_COUNT,
      fileBytes,
      writeMs,
      bareMs,
      importMs,
      ratio,
      barePeakRssMb: memory.peakMb('bare'),
      importPeakRssMb: memory.peakMb('import'),
      processPeakRssMb: process.resourceUsage().maxRSS / 1024,
    };
    console.log(`spreadsheets: ${LINE_COUNT.toLocaleString('en')}-line estimate workbook, ${(fileBytes / 1024 / 1024).toFixed(1)} MB`);
    console.log(`  template, streaming write             : ${writeMs.toFixed(0)} ms`);
    console.log(`  bare exceljs streaming read (${bareRows.toLocaleString('en')} rows) median of ${RUNS}: ${bareMs.toFixed(0)} ms  (${formatTimes(bareTimes)})`);
    console.log(`  readEstimateWorkbook (checks + lines) median of ${RUNS}: ${importMs.toFixed(0)} ms  (${formatTimes(importTimes)})`);
    console.log(`  ratio ${ratio.toFixed(2)}× (aim ≤ ${TARGET_RATIO}×)${ratio <= TARGET_RATIO ? '' : '  ABOVE AIM'}`);
    console.log(
      `  peak RSS (sampled every 10 ms): bare read ${report.barePeakRssMb.toFixed(0)} MB, import ${report.importPeakRssMb.toFixed(0)} MB; ` +
        `process high-water mark ${report.processPeakRssMb.toFixed(0)} MB (generation included)`,
    );
    return report;
  } finally {
    memory.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

/** The floor: exceljs's own streaming reader over every sheet and row, touching every value. */
async function bareStreamingRead(file: string): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit' });
  let rows = 0;
  let cells = 0;
  for await (const worksheet of workbook) {
    for await (const row of worksheet) {
      rows++;
      cells += (row.values as unknown[]).length;
    }
  }
  if (cells === 0) throw new Error('bare read saw no cells');
  return rows;
}

// Deterministic pseudo-random lines (mulberry32): the same workbook on every machine and run.
export function buildLines(count: number, catalog: ReturnType<typeof seedCatalog>): LineFieldsDto[] {
  const random = mulberry32(0x5eed_2012);
  const pick = <T>(items: readonly T[]) => items[random() % items.length];
  const planAreas = catalog.planAreas.filter((area) => area.selectable).map((area) => area.code);
  const lines = new Array<LineFieldsDto>(count);
  for (let i = 0; i < count; i++) {
    const unitPrice = BigInt(1000 + (random() % 50_000_000));
    const quantity = random() % 4 === 0 ? `${1 + (random() % 200)}.${random() % 10}` : String(1 + (random() % 500));
    lines[i] = {
      isContinuing: random() % 3 === 0,
      planAreaCode: pick(planAreas),
      expenditureTypeCode: pick(catalog.expenditureTypes).code,
      fundingSourceCode: pick(catalog.fundingSources).code,
      activityKindCode: pick(catalog.activityKinds).code,
      description: `Nội dung chi số ${i + 1}: mua sắm, thuê dịch vụ và triển khai ứng dụng công nghệ thông tin`,
      measureUnit: pick(['bộ', 'gói', 'tháng', 'người', 'hệ thống']),
      quantity,
      unitPrice: unitPrice.toString(),
      multiYearTotal: random() % 2 === 0 ? (unitPrice * 1000n).toString() : null,
      prevYearEstimate: random() % 2 === 0 ? (unitPrice * 10n).toString() : null,
      projectionNext1: (unitPrice * 3n).toString(),
      priorityTier: 1 + (random() % 5),
      committedMinimum: '0',
      justification: random() % 4 === 0 ? 'Theo kế hoạch ứng dụng CNTT giai đoạn 2011–2015' : undefined,
    };
  }
  return lines;
}






// The reads are asynchronous, so RSS is sampled on a timer (every 10 ms) and at phase boundaries,
// and attributed to the phase that is running.
class RssSampler {
  private readonly peaks = new Map<string, number>();
  private current: string | undefined;
  private readonly timer = setInterval(() => this.sample(), 10);

  sample(): void {
    if (this.current === undefined) return;
    this.peaks.set(this.current, Math.max(this.peaks.get(this.current) ?? 0, process.memoryUsage().rss));
  }

  phase(name: string | undefined): void {
    this.sample();
    this.current = name;
    this.sample();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  peakMb(phase: string): number {
    return (this.peaks.get(phase) ?? 0) / (1024 * 1024);
  }
}
