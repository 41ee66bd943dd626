// 16 parallel hostile uploads (issue 10 section 3): the estimate workbook whose shared strings are
// ≈ 13 million empty entries (≈ 115 KB zipped, ≈ 63 MiB unzipped), posted at once to an HTTP server
// that does what the import route does with a file — one slot of the heavy-work gate, then the
// reader — while a client asks /health every 50 ms. Prints the peak RSS (aim < 1 GB) and the slowest
// /health answer (aim < 1 s); the baseline, measured in the same run, is the same flood with no gate
// (every upload parsed at once), to show what the gate and the count limits each buy.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BusyError, HeavyWorkGate } from '../src/common/concurrency/heavy-work-gate.js';
import { readEstimateWorkbook } from '../src/modules/spreadsheets/estimate-workbook-reader.js';
import { catalogCodes, seedCatalog } from '../src/modules/spreadsheets/seed-catalog.js';
import { SpreadsheetError } from '../src/modules/spreadsheets/spreadsheet-errors.js';
import { unzipParts } from '../src/modules/spreadsheets/testing/xml-variants.js';
import { writeZip } from '../src/modules/spreadsheets/testing/zip-writer.js';
import { elapsedMs } from './measure.js';

const UPLOADS = 16;
const EMPTY_STRINGS = 13_000_000;
const TARGET_PEAK_RSS_MB = 1024;
const TARGET_HEALTH_MS = 1000;

/** The ok workbook with its shared strings padded by `count` empty items and no declared count. */
async function hostileWorkbook(count: number): Promise<Buffer> {
  const ok = readFileSync(fileURLToPath(new URL('../../test/fixtures/xlsx/ok/exceljs-saved.xlsx', import.meta.url)));
  const parts = await unzipParts(ok);
  const sst = (parts.get('xl/sharedStrings.xml') ?? '').replace(/ count="\d+" uniqueCount="\d+"/, '');
  const shared = Buffer.from(sst.replace('</sst>', `${'<si/>'.repeat(count)}</sst>`), 'utf8');
  return writeZip(
    [...parts].map(([name, text]) =>
      name === 'xl/sharedStrings.xml'
        ? { name, data: { deflated: deflateRawSync(shared, { level: 9 }), size: shared.length, crc: crc32(shared) } }
        : { name, data: Buffer.from(text, 'utf8') },
    ),
  );
}

interface FloodResult {
  statuses: Record<string, number>;
  peakRssMb: number;
  slowestHealthMs: number;
  healthChecks: number;
  floodMs: number;
}

/** A server doing what the import route does with the file, with or without the gate. */
function uploadServer(gate: HeavyWorkGate | undefined): Server {
  const codes = catalogCodes(seedCatalog());
  return createServer((req, res) => {
    if (req.url === '/health') {
      res.end('{"status":"ok"}');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        let release: (() => void) | undefined;
        try {
          release = gate?.enter();
          await readEstimateWorkbook(Buffer.concat(chunks), codes);
          res.statusCode = 200;
        } catch (error) {
          res.statusCode = error instanceof BusyError ? 429 : error instanceof SpreadsheetError ? error.status : 500;
          if (error instanceof BusyError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
          if (error instanceof SpreadsheetError || error instanceof BusyError) res.setHeader('X-Code', error.code);
        } finally {
          release?.();
          res.end();
        }
      })();
    });
  });
}

function call(port: number, path: string, body?: Buffer): Promise<{ status: number; code: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ port, path, method: body ? 'POST' : 'GET', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, code: String(res.headers['x-code'] ?? '') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function flood(file: Buffer, gate: HeavyWorkGate | undefined): Promise<FloodResult> {
  globalThis.gc?.();
  const server = uploadServer(gate);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  let slowestHealthMs = 0;
  let healthChecks = 0;
  let flooding = true;
  const health = (async () => {
    while (flooding) {
      const start = process.hrtime.bigint();
      await call(port, '/health');
      slowestHealthMs = Math.max(slowestHealthMs, elapsedMs(start));
      healthChecks++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const start = process.hrtime.bigint();
  const answers = await Promise.all(Array.from({ length: UPLOADS }, () => call(port, '/upload', file)));
  const floodMs = elapsedMs(start);
  flooding = false;
  await health;
  clearInterval(sampler);
  await new Promise((resolve) => server.close(resolve));
  const statuses: Record<string, number> = {};
  for (const answer of answers) {
    const key = `${answer.status}${answer.code ? ` ${answer.code}` : ''}`;
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  return { statuses, peakRssMb: peakRss / 1024 / 1024, slowestHealthMs, healthChecks, floodMs };
}

export async function benchUploadFlood(): Promise<{ gated: FloodResult; ungated: FloodResult }> {
  const file = await hostileWorkbook(EMPTY_STRINGS);
  const unzipped = (await unzipParts(file)).get('xl/sharedStrings.xml')?.length ?? 0;
  console.log(`hostile workbook: ${(file.length / 1024).toFixed(0)} KB zipped, shared strings ${(unzipped / 1024 / 1024).toFixed(0)} MiB unzipped (${EMPTY_STRINGS.toLocaleString('en')} empty items, no declared count); ${UPLOADS} uploads at once`);
  const show = (label: string, result: FloodResult) => {
    console.log(`  ${label}`);
    console.log(`    answers          : ${Object.entries(result.statuses).map(([k, n]) => `${n} × ${k}`).join(', ')} in ${(result.floodMs / 1000).toFixed(1)} s`);
    console.log(
      `    peak RSS         : ${result.peakRssMb.toFixed(0)} MB (aim < ${TARGET_PEAK_RSS_MB} MB)${result.peakRssMb < TARGET_PEAK_RSS_MB ? '' : '  ABOVE AIM'}`,
    );
    console.log(
      `    slowest /health  : ${result.slowestHealthMs.toFixed(0)} ms over ${result.healthChecks} checks (aim < ${TARGET_HEALTH_MS} ms)${result.slowestHealthMs < TARGET_HEALTH_MS ? '' : '  ABOVE AIM'}`,
    );
  };
  // The gate as the app sets it up on this machine (HEAVY_WORK_SLOTS, else the CPU count, ≥ 2).
  const gate = new HeavyWorkGate();
  const gated = await flood(file, gate);
  show(`with the gate (${gate.slots} slots) and the count limits — the app`, gated);
  const ungated = await flood(file, undefined);
  show('baseline: the count limits alone, no gate (all 16 parsed at once)', ungated);
  console.log(`    ratio peak RSS gated / ungated: ${(gated.peakRssMb / ungated.peakRssMb).toFixed(2)}`);
  return { gated, ungated };
}
