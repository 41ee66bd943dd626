// Writes the workbook fixtures of the importer's tests: test/fixtures/xlsx/ok/*.xlsx (must import)
// and test/fixtures/xlsx/bad/*.xlsx (each refused with one error). The files are committed; the
// tests never regenerate them. Run from the repository root:
//   npx tsc -p tsconfig.build.json && node dist/scripts/generate-xlsx-fixtures.js
// ok/libreoffice-saved.xlsx and bad/ods-renamed.xlsx need LibreOffice (`soffice` on the PATH: Debian's
// libreoffice-calc); without it they are left as they are. forms/openpyxl-saved.xlsx needs Debian's
// python3-openpyxl. Everything but those three (which their tools stamp with the time of saving) is
// byte-identical from run to run. `--reader-only` writes only the reader's cases (reader-fixtures.ts).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createDeflateRaw, crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { ESTIMATE_COLUMNS, ESTIMATE_SHEET, FIRST_DATA_ROW, HEADER_ROW, amountFormula, column } from '../src/modules/spreadsheets/estimate-layout.js';
import { buildEstimateWorkbook } from '../src/modules/spreadsheets/estimate-template.js';
import { seedCatalog } from '../src/modules/spreadsheets/seed-catalog.js';
import { BASE_LINES, FIXTURE_META, OK_BLANK_ROWS, OK_BLANK_ROWS_AFTER, OK_LINES } from '../src/modules/spreadsheets/testing/fixture-data.js';
import { writeZip } from '../src/modules/spreadsheets/testing/zip-writer.js';
import { entryText, readZipDirectory } from '../src/modules/spreadsheets/xlsx-package.js';
import { writeReaderFixtures } from './reader-fixtures.js';
import { withFixedZipTimes } from './reproducible-zip.js';

const ROOT = fileURLToPath(new URL('../../test/fixtures/xlsx/', import.meta.url));
const OK = join(ROOT, 'ok');
const BAD = join(ROOT, 'bad');
const catalog = seedCatalog();
/** Bombs inflate to more than the default limit of 256 MiB. */
const BOMB_BYTES = 300 * 1024 * 1024;

type Edit = (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void;

/** Row of the i-th base line (0-based). */
const rowOf = (index: number) => FIRST_DATA_ROW + index;
const cell = (sheet: ExcelJS.Worksheet, key: Parameters<typeof column>[0], row: number) => sheet.getCell(`${column(key).letter}${row}`);

/** Fixed document dates: with the zip times (withFixedZipTimes), the fixtures are the same on every run. */
const FIXED_DATE = new Date(Date.UTC(2012, 0, 1));

async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  workbook.created = workbook.modified = FIXED_DATE;
  return withFixedZipTimes(Buffer.from(await workbook.xlsx.writeBuffer()));
}

/** The template filled with BASE_LINES, then edited. */
async function variant(edit: Edit): Promise<Buffer> {
  const workbook = buildEstimateWorkbook(catalog, { ...FIXTURE_META, lines: BASE_LINES });
  const sheet = workbook.getWorksheet(ESTIMATE_SHEET);
  if (!sheet) throw new Error('no estimate sheet');
  edit(sheet, workbook);
  return workbookBytes(workbook);
}

/** ok/exceljs-saved.xlsx: OK_LINES with two blank rows after the third (one keeps its formula). */
async function okWorkbook(): Promise<Buffer> {
  const placeholders = Array.from({ length: OK_BLANK_ROWS }, () => OK_LINES[0]);
  const lines = [...OK_LINES.slice(0, OK_BLANK_ROWS_AFTER), ...placeholders, ...OK_LINES.slice(OK_BLANK_ROWS_AFTER)];
  const workbook = buildEstimateWorkbook(catalog, { ...FIXTURE_META, lines });
  const sheet = workbook.getWorksheet(ESTIMATE_SHEET);
  if (!sheet) throw new Error('no estimate sheet');
  for (let i = 0; i < OK_BLANK_ROWS; i++) {
    const row = sheet.getRow(rowOf(OK_BLANK_ROWS_AFTER + i));
    for (const spec of ESTIMATE_COLUMNS) row.getCell(spec.index).value = null;
    // The first blank row keeps the amount formula, as an untouched template row does.
    if (i === 0) row.getCell(column('amount').index).value = { formula: amountFormula(row.number), result: '' };
  }
  return workbookBytes(workbook);
}

/** 100,001 non-blank rows (a description each) under a valid header: over the 100,000-line limit. */
async function tooManyRows(): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: false, useSharedStrings: true });
  workbook.created = workbook.modified = FIXED_DATE;
  const sheet = workbook.addWorksheet(ESTIMATE_SHEET);
  const header = sheet.getRow(HEADER_ROW);
  for (const spec of ESTIMATE_COLUMNS) header.getCell(spec.index).value = `${spec.vi}\n${spec.en}`;
  header.commit();
  for (let i = 0; i < 100_001; i++) {
    const row = sheet.getRow(FIRST_DATA_ROW + i);
    row.getCell(column('description').index).value = 'x';
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
  return withFixedZipTimes(Buffer.concat(chunks));
}

/** Deflates `prefix` followed by `padding` bytes of spaces without holding them in memory. */
async function deflatedWithPadding(prefix: Buffer, padding: number): Promise<{ deflated: Buffer; size: number; crc: number }> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflater.on('end', resolve));
  let crc = crc32(prefix);
  deflater.write(prefix);
  const block = Buffer.alloc(1024 * 1024, 0x20);
  for (let written = 0; written < padding; written += block.length) {
    const piece = block.subarray(0, Math.min(block.length, padding - written));
    crc = crc32(piece, crc);
    if (!deflater.write(piece)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  deflater.end();
  await done;
  return { deflated: Buffer.concat(out), size: prefix.length + padding, crc };
}

/** The ok workbook with its sheet padded by BOMB_BYTES of trailing spaces; `lie` declares the original size. */
async function zipBomb(ok: Buffer, lie: boolean): Promise<Buffer> {
  const entries = readZipDirectory(ok, { maxUnzippedBytes: Number.MAX_SAFE_INTEGER, maxEntries: 1000 });
  const parts = [];
  for (const entry of entries.values()) {
    const data = Buffer.from(await entryText(ok, entry, Number.MAX_SAFE_INTEGER), 'utf8');
    if (entry.name === 'xl/worksheets/sheet1.xml') {
      parts.push({ name: entry.name, data: await deflatedWithPadding(data, BOMB_BYTES), declaredSize: lie ? data.length : undefined });
    } else {
      parts.push({ name: entry.name, data });
    }
  }
  return writeZip(parts);
}

/** Sheet XML that is not well-formed, in a zip that is. */
async function corruptXml(ok: Buffer): Promise<Buffer> {
  const entries = readZipDirectory(ok, { maxUnzippedBytes: Number.MAX_SAFE_INTEGER, maxEntries: 1000 });
  const parts = [];
  for (const entry of entries.values()) {
    let text = await entryText(ok, entry, Number.MAX_SAFE_INTEGER);
    if (entry.name === 'xl/worksheets/sheet1.xml') text = text.replace(`<row r="${FIRST_DATA_ROW + 1}"`, `<row r="${FIRST_DATA_ROW + 1}" <<<`);
    parts.push({ name: entry.name, data: Buffer.from(text, 'utf8') });
  }
  return writeZip(parts);
}

/** Deterministic bytes (mulberry32), so the fixture does not change between runs. */
function pseudoRandomBytes(length: number): Buffer {
  let state = 0x1bad_5eed;
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    bytes[i] = (mixed ^ (mixed >>> 14)) & 0xff;
  }
  return bytes;
}

function soffice(): string | undefined {
  for (const candidate of ['soffice', 'libreoffice']) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // not installed under this name
    }
  }
  return undefined;
}

/** Converts with LibreOffice (headless) and returns the converted file's path. */
function convert(binary: string, input: string, format: string, outDir: string): string {
  execFileSync(binary, ['--headless', '--norestore', '--convert-to', format, '--outdir', outDir, input], { stdio: 'ignore', timeout: 120_000 });
  const base = input.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
  return join(outDir, `${base}.${format.split(':')[0]}`);
}

async function main(): Promise<void> {
  mkdirSync(OK, { recursive: true });
  mkdirSync(BAD, { recursive: true });
  const write = (folder: string, name: string, bytes: Buffer | string) => {
    writeFileSync(join(folder, name), bytes);
    console.log(`${join(folder, name)}  ${Buffer.byteLength(bytes)} bytes`);
  };
  if (process.argv.includes('--reader-only')) {
    // Only the reader's forms and malformed cells, from the committed ok workbook.
    await writeReaderFixtures(ROOT, write);
    return;
  }

  const ok = await okWorkbook();
  write(OK, 'exceljs-saved.xlsx', ok);

  const office = soffice();
  if (office) {
    // Saved by LibreOffice: the exceljs workbook opened, saved as .ods, opened again and saved as .xlsx.
    const work = mkdtempSync(join(tmpdir(), 'itbudget-fixtures-'));
    try {
      const source = join(work, 'estimate.xlsx');
      writeFileSync(source, ok);
      const ods = convert(office, source, 'ods', join(work, 'ods'));
      const saved = convert(office, ods, 'xlsx:Calc MS Excel 2007 XML', join(work, 'xlsx'));
      write(OK, 'libreoffice-saved.xlsx', readFileSync(saved));
      copyFileSync(ods, join(BAD, 'ods-renamed.xlsx'));
      console.log(`${join(BAD, 'ods-renamed.xlsx')}  (an .ods saved by LibreOffice)`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  } else {
    console.warn('LibreOffice (soffice) not found: ok/libreoffice-saved.xlsx and bad/ods-renamed.xlsx left as they are');
  }

  // Not a workbook.
  write(BAD, 'random-bytes.xlsx', pseudoRandomBytes(4096));
  write(BAD, 'text-renamed.xlsx', 'Dự toán chi ứng dụng CNTT năm 2012\nĐây là tệp văn bản, không phải sổ tính.\n');
  write(BAD, 'zip-not-xlsx.xlsx', writeZip([{ name: 'readme.txt', data: Buffer.from('Một tệp zip, không phải sổ tính Excel.\n') }]));
  write(BAD, 'legacy-xls.xlsx', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4088)]));
  write(BAD, 'truncated.xlsx', ok.subarray(0, Math.floor(ok.length / 2)));
  write(BAD, 'corrupt-xml.xlsx', await corruptXml(ok));

  // Too large once unzipped, or too many lines.
  write(BAD, 'zip-bomb-declared.xlsx', await zipBomb(ok, false));
  write(BAD, 'zip-bomb-lying.xlsx', await zipBomb(ok, true));
  write(BAD, 'too-many-rows.xlsx', await tooManyRows());

  // Not the template.
  write(
    BAD,
    'sheet-missing.xlsx',
    await variant((sheet) => {
      sheet.name = 'Sheet1';
    }),
  );
  write(
    BAD,
    'columns-reordered.xlsx',
    await variant((sheet) => {
      // Columns D (expenditure type) and E (funding source) swapped, header and data.
      for (let r = HEADER_ROW; r < FIRST_DATA_ROW + BASE_LINES.length; r++) {
        const d = sheet.getCell(`D${r}`);
        const e = sheet.getCell(`E${r}`);
        [d.value, e.value] = [e.value, d.value];
      }
    }),
  );
  write(
    BAD,
    'column-missing.xlsx',
    await variant((sheet) => {
      sheet.spliceColumns(column('measureUnit').index, 1); // Đơn vị tính removed, the rest move left
    }),
  );
  write(
    BAD,
    'header-missing.xlsx',
    await variant((sheet) => {
      sheet.spliceRows(HEADER_ROW, 1); // the header row deleted
    }),
  );

  // Row problems (rows 10–13 hold BASE_LINES).
  write(
    BAD,
    'text-in-number.xlsx',
    await variant((sheet) => {
      cell(sheet, 'quantity', rowOf(1)).value = 'nhiều';
      cell(sheet, 'unitPrice', rowOf(2)).value = '1.250.000';
      cell(sheet, 'priorityTier', rowOf(3)).value = 'cao';
    }),
  );
  write(
    BAD,
    'number-in-code.xlsx',
    await variant((sheet) => {
      cell(sheet, 'planAreaCode', rowOf(1)).value = 1.5;
      cell(sheet, 'fundingSourceCode', rowOf(2)).value = 2;
    }),
  );
  write(
    BAD,
    'unknown-codes.xlsx',
    await variant((sheet) => {
      cell(sheet, 'planAreaCode', rowOf(0)).value = '9.z';
      cell(sheet, 'planAreaCode', rowOf(1)).value = '1'; // a group of the tree, not selectable
      cell(sheet, 'fundingSourceCode', rowOf(2)).value = 'MOON';
      cell(sheet, 'activityKindCode', rowOf(2)).value = 'project'; // codes are case-sensitive
      cell(sheet, 'expenditureTypeCode', rowOf(3)).value = 'CAPEX';
    }),
  );
  write(
    BAD,
    'bad-amounts.xlsx',
    await variant((sheet) => {
      cell(sheet, 'unitPrice', rowOf(0)).value = -5;
      cell(sheet, 'unitPrice', rowOf(1)).value = 1000.5;
      cell(sheet, 'multiYearTotal', rowOf(2)).value = '1000000000000000000'; // 10^18 as text
      cell(sheet, 'fundedToPrev2', rowOf(2)).value = 9007199254740992; // 2^53 as a number: not exact
      cell(sheet, 'prevYearExpected', rowOf(2)).value = 1000000000000000; // 10^15 as a number: 16 digits, may be rounded
      cell(sheet, 'prevYearEstimate', rowOf(2)).value = 1e18; // 10^18 as a number
      cell(sheet, 'quantity', rowOf(2)).value = 1.23456; // five decimals
      cell(sheet, 'committedMinimum', rowOf(3)).value = 120000001; // amount is 4 × 30,000,000
      cell(sheet, 'contingency', rowOf(3)).value = 120000001;
    }),
  );
  write(
    BAD,
    'formula-no-cached-value.xlsx',
    await variant((sheet) => {
      cell(sheet, 'amount', rowOf(1)).value = { formula: amountFormula(rowOf(1)), date1904: false };
    }),
  );
  write(
    BAD,
    'amount-mismatch.xlsx',
    await variant((sheet) => {
      cell(sheet, 'amount', rowOf(0)).value = 149999999; // typed over the formula; 10 × 15,000,000 = 150,000,000
      cell(sheet, 'amount', rowOf(1)).value = { formula: amountFormula(rowOf(1)), result: 500000100 }; // cached 500,000,000 + 100
    }),
  );
  write(
    BAD,
    'merged-cells.xlsx',
    await variant((sheet) => {
      sheet.mergeCells(`B${rowOf(1)}:C${rowOf(1)}`);
    }),
  );
  write(
    BAD,
    'date-in-number.xlsx',
    await variant((sheet) => {
      // As Excel does when a date is typed into a number cell: the value and a date format.
      for (const [key, row, date] of [
        ['quantity', rowOf(0), new Date(Date.UTC(2012, 0, 15))],
        ['unitPrice', rowOf(2), new Date(Date.UTC(2012, 5, 30))],
      ] as const) {
        const target = cell(sheet, key, row);
        target.value = date;
        target.numFmt = 'dd/mm/yyyy';
      }
    }),
  );
  write(
    BAD,
    'missing-required.xlsx',
    await variant((sheet) => {
      cell(sheet, 'description', rowOf(0)).value = null;
      cell(sheet, 'measureUnit', rowOf(1)).value = '   ';
      cell(sheet, 'unitPrice', rowOf(2)).value = null;
      cell(sheet, 'expenditureTypeCode', rowOf(3)).value = null;
    }),
  );
  write(
    BAD,
    'invalid-values.xlsx',
    await variant((sheet) => {
      cell(sheet, 'isContinuing', rowOf(0)).value = 'C';
      cell(sheet, 'priorityTier', rowOf(1)).value = 150;
      cell(sheet, 'description', rowOf(2)).value = 'x'.repeat(2001);
      cell(sheet, 'unitPrice', rowOf(3)).value = { error: '#DIV/0!' };
    }),
  );

  await writeReaderFixtures(ROOT, write);
}

await main();
