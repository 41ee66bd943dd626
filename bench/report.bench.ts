// The consolidated workbook of a province-wide year: 650,000 lines streamed to a file, the lines made
// lazily by a generator (as a database cursor would give them). Prints time, file size and peak RSS
// (sampled every 100 ms); the aim is a peak below 500 MB.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConsolidatedReportData, type ReportLine, writeConsolidatedReport } from '../src/modules/spreadsheets/consolidated-report.js';
import { mulberry32 } from './measure.js';

const LINE_COUNT = 650_000;
const UNIT_COUNT = 700;
const TARGET_PEAK_RSS_MB = 500;

export interface ReportBenchReport {
  lineCount: number;
  fileBytes: number;
  writeMs: number;
  linesPerSecond: number;
  startRssMb: number;
  /** Peak RSS while the workbook was written, sampled every 100 ms. */
  peakRssMb: number;
  /** The process's high-water mark (includes anything run before in the same process). */
  processPeakRssMb: number;
  progressCalls: number;
}

export async function benchReportExport(): Promise<ReportBenchReport> {
  const folder = await mkdtemp(join(tmpdir(), 'itbudget-report-bench-'));
  const file = join(folder, `consolidated-${LINE_COUNT}.xlsx`);
  globalThis.gc?.(); // present under `node --expose-gc`, as `npm run bench` runs
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  try {
    let progressCalls = 0;
    let lastProgress = 0;
    const start = process.hrtime.bigint();
    const output = createWriteStream(file);
    await writeConsolidatedReport(reportData(generateLines(LINE_COUNT)), output, (written) => {
      progressCalls++;
      lastProgress = written;
    });
    const writeMs = elapsedMs(start);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (lastProgress !== LINE_COUNT) throw new Error(`progress ended at ${lastProgress}, expected ${LINE_COUNT}`);
    const fileBytes = (await stat(file)).size;

    const report: ReportBenchReport = {
      lineCount: LINE_COUNT,
      fileBytes,
      writeMs,
      linesPerSecond: LINE_COUNT / (writeMs / 1000),
      startRssMb: toMb(startRss),
      peakRssMb: toMb(peakRss),
      processPeakRssMb: process.resourceUsage().maxRSS / 1024,
      progressCalls,
    };
    console.log(`consolidated report: ${LINE_COUNT.toLocaleString('en')} lines, ${UNIT_COUNT} units, streamed to a file`);
    console.log(`  write (generation of the lines included): ${(writeMs / 1000).toFixed(1)} s  (${Math.round(report.linesPerSecond).toLocaleString('en')} lines/s)`);
    console.log(`  file size                                : ${(fileBytes / 1024 / 1024).toFixed(1)} MB`);
    console.log(
      `  peak RSS (sampled every 100 ms)          : ${report.peakRssMb.toFixed(0)} MB (${report.startRssMb.toFixed(0)} MB at start; aim < ${TARGET_PEAK_RSS_MB} MB)` +
        (report.peakRssMb < TARGET_PEAK_RSS_MB ? '' : '  ABOVE AIM'),
    );
    console.log(`  process high-water mark                  : ${report.processPeakRssMb.toFixed(0)} MB; onProgress called ${progressCalls} times`);
    return report;
  } finally {
    clearInterval(sampler);
    await rm(folder, { recursive: true, force: true });
  }
}

/** Deterministic lines (mulberry32), made one at a time: nothing but the current line is held. */
function* generateLines(count: number): Generator<ReportLine> {
  const random = mulberry32(0x2e90_2025);
  const planAreas = ['HT-01', 'HT-02', 'UD-01', 'UD-02', 'UD-03', 'ATTT', 'NL', 'CQS'];
  const types = ['DTPT', 'TX'];
  const sources = ['NSDP', 'NSTW', 'ODA', 'KHAC'];
  const kinds = ['DA', 'THUE', 'NV-DT', 'NV-KDT'];
  const units = ['bộ', 'gói', 'tháng', 'người', 'hệ thống'];
  const statuses = ['APPROVED', 'BALANCED', 'SUBMITTED'];
  for (let i = 0; i < count; i++) {
    const unit = i % UNIT_COUNT;
    const unitPrice = BigInt(1000 + (random() % 50_000_000));
    const whole = 1n + BigInt(random() % 500);
    // One line in 100,000 has an amount past 10^15 (written as text digits).
    const amount = i % 100_000 === 99_999 ? 1_234_567_890_123_456n : unitPrice * whole;
    yield {
      unitCode: `DV${String(unit).padStart(4, '0')}`,
      unitName: `Đơn vị dự toán số ${unit + 1}`,
      lineNo: 1 + Math.floor(i / UNIT_COUNT),
      description: `Nội dung chi số ${i + 1}: mua sắm, thuê dịch vụ và triển khai ứng dụng công nghệ thông tin`,
      planAreaCode: planAreas[random() % planAreas.length],
      expenditureTypeCode: types[random() % types.length],
      fundingSourceCode: sources[random() % sources.length],
      activityKindCode: kinds[random() % kinds.length],
      measureUnit: units[random() % units.length],
      quantity: whole.toString(),
      unitPrice,
      amount,
      approvedAmount: random() % 4 === 0 ? null : amount - amount / 10n,
      status: statuses[random() % statuses.length],
    };
  }
}

function reportData(lines: Iterable<ReportLine>): ConsolidatedReportData {
  const amounts = (i: number) => ({ requested: BigInt(1_000_000_000 + i * 7_919), approved: BigInt(900_000_000 + i * 7_907) });
  return {
    year: 2025,
    generatedAt: new Date().toISOString(),
    budget: { status: 'SUBMITTED', decisionNumber: null, decisionDate: null, warnings: ['Chi CNTT thấp hơn mức sàn / IT below the floor'] },
    floor: {
      totalLocalExpenditure: 30_000_000_000_000n,
      floorRatio: '0.01',
      floorAmount: 300_000_000_000n,
      itTotal: 290_000_000_000n,
      requestedTotal: 350_000_000_000n,
      compliant: false,
      shortfall: 10_000_000_000n,
      floorPolicy: 'WARN',
    },
    byUnit: Array.from({ length: UNIT_COUNT }, (_, i) => ({
      unitCode: `DV${String(i).padStart(4, '0')}`,
      unitName: `Đơn vị dự toán số ${i + 1}`,
      status: 'BALANCED',
      excluded: i % 97 === 0,
      ...amounts(i),
    })),
    byPlanArea: ['HT-01', 'HT-02', 'UD-01', 'UD-02', 'UD-03', 'ATTT', 'NL', 'CQS'].map((code, i) => ({ code, name: `Lĩnh vực ${code}`, ...amounts(i) })),
    byFundingSource: ['NSDP', 'NSTW', 'ODA', 'KHAC'].map((code, i) => ({ code, name: `Nguồn ${code}`, ...amounts(i) })),
    byExpenditureType: ['DTPT', 'TX'].map((code, i) => ({ code, name: `Loại chi ${code}`, ...amounts(i) })),
    support: Array.from({ length: 40 }, (_, i) => ({
      unitCode: `DV${String(i * 13).padStart(4, '0')}`,
      unitName: `Đơn vị dự toán số ${i * 13 + 1}`,
      fundingSourceCode: 'NSDP',
      amount: BigInt(50_000_000 + i * 1_000_000),
      decisionNumber: `${i + 1}/QĐ-UBND`,
      decisionDate: '2025-01-15',
    })),
    lines,
  };
}

function elapsedMs(start: bigint): number {
  // Elapsed nanoseconds → milliseconds: a duration, not money.
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const toMb = (bytes: number) => bytes / 1024 / 1024;

