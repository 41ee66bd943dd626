// The reader's fixtures (issue 9 section 5): one workbook per form a real tool writes (each must read
// exactly as the original) and per malformed cell (each refused naming the cell), for the estimate
// workbook (test/fixtures/xlsx/{forms,malformed}/, built from ok/exceljs-saved.xlsx) and for the
// progress-report workbook (test/fixtures/xlsx/progress/{forms,malformed}/, built from the workbook
// of PROGRESS_CONTEXT). Hand-built XML, edited the way each writer writes; the openpyxl one is saved
// by openpyxl itself when Debian's python3-openpyxl is installed (else hand-built imitating it).
// Called by generate-xlsx-fixtures.ts; the expected values are in the reader specs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgressWorkbook, disbursementCell, indicatorCell } from '../src/modules/monitoring/progress-workbook.js';
import { PROGRESS_CONTEXT } from '../src/modules/monitoring/testing/progress-context.js';
import { FIRST_DATA_ROW, META_ROWS, column } from '../src/modules/spreadsheets/estimate-layout.js';
import {
  type Parts,
  addDateStyle,
  cellTextOf,
  dropOptionalRefs,
  editPart,
  prefixMainNamespace,
  rawNumberCell,
  richTextCell,
  sheetPart,
  styleCell,
  unzipParts,
  zipParts,
} from '../src/modules/spreadsheets/testing/xml-variants.js';
import { withFixedZipTimes } from './reproducible-zip.js';

type Variant = (parts: Parts, sheet: string) => void | Promise<void>;

async function variant(base: Buffer, sheetName: string, edit: Variant): Promise<Buffer> {
  const parts = await unzipParts(base);
  await edit(parts, sheetPart(parts, sheetName));
  return zipParts(parts);
}

/** Splits a text into `n` runs of about equal length (at least one character each). */
function runs(text: string, n: number): string[] {
  const chars = [...text];
  const size = Math.ceil(chars.length / n);
  return Array.from({ length: n }, (_, i) => chars.slice(i * size, (i + 1) * size).join('')).filter((run) => run !== '');
}

/** A shared string rewritten as rich-text runs with a phonetic run (which is not part of the value). */
function richSharedString(parts: Parts, sheetXml: string, ref: string): void {
  const index = Number(/<v>(\d+)<\/v>/.exec(new RegExp(`<c r="${ref}"[^>]*t="s"[^>]*>(.*?)</c>`).exec(sheetXml)?.[1] ?? '')?.[1]);
  editPart(parts, 'xl/sharedStrings.xml', (xml) => {
    let i = -1;
    return xml.replace(/<si>([\s\S]*?)<\/si>/g, (whole: string, inner: string) => {
      if (++i !== index) return whole;
      const text = /<t[^>]*>([\s\S]*?)<\/t>/.exec(inner)?.[1] ?? '';
      const [a, b] = [text.slice(0, Math.ceil(text.length / 2)), text.slice(Math.ceil(text.length / 2))];
      return `<si><r><t xml:space="preserve">${a}</t></r><r><rPr><i/></rPr><t xml:space="preserve">${b}</t></r><rPh sb="0" eb="1"><t>フリガナ</t></rPh></si>`;
    });
  });
}

const allParts = (parts: Parts, edit: (xml: string) => string) => {
  for (const name of [...parts.keys()]) {
    if (name.endsWith('.xml') && name.startsWith('xl/')) {
      const xml = parts.get(name) ?? '';
      parts.set(name, edit(xml));
    }
  }
};

/** Rows `from` renumbered `to`, cell references with them (a writer that repeats row numbers). */
function renumberRow(xml: string, from: number, to: number): string {
  return xml.replace(new RegExp(`<row r="${from}"([\\s\\S]*?)</row>`), (whole: string) =>
    whole.replace(`<row r="${from}"`, `<row r="${to}"`).replace(new RegExp(`(<c r="[A-Z]+)${from}"`, 'g'), `$1${to}"`),
  );
}

const beyondLastRow = (xml: string) =>
  xml.replace('</sheetData>', '<row r="99999999"><c r="B99999999" t="inlineStr"><is><t>x</t></is></c></row></sheetData>');

function openpyxl(): string | undefined {
  for (const python of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(python, ['-c', 'import openpyxl'], { stdio: 'ignore' });
      return python;
    } catch {
      // not there
    }
  }
  return undefined;
}

/** The workbook opened and saved by openpyxl (which keeps formulas and drops their cached values). */
function savedByOpenpyxl(python: string, workbook: Buffer): Buffer {
  const work = mkdtempSync(join(tmpdir(), 'itbudget-openpyxl-'));
  try {
    writeFileSync(join(work, 'in.xlsx'), workbook);
    execFileSync(python, ['-c', 'import sys, openpyxl; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])', join(work, 'in.xlsx'), join(work, 'out.xlsx')]);
    return readFileSync(join(work, 'out.xlsx'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Writes every reader fixture under `root` (test/fixtures/xlsx). */
export async function writeReaderFixtures(root: string, write: (folder: string, name: string, bytes: Buffer) => void): Promise<void> {
  const dirs = ['forms', 'malformed', 'progress/forms', 'progress/malformed'].map((dir) => join(root, dir));
  for (const dir of dirs) mkdirSync(dir, { recursive: true });
  const [forms, malformed, progressForms, progressMalformed] = dirs;

  // ── The estimate workbook ──
  const ok = readFileSync(join(root, 'ok', 'exceljs-saved.xlsx'));
  const sheet = 'DuToan';
  const r0 = FIRST_DATA_ROW;
  const at = (key: Parameters<typeof column>[0], row: number) => `${column(key).letter}${row}`;
  write(forms, 'rich-text.xlsx', await variant(ok, sheet, (parts, name) => {
    editPart(parts, name, (xml) => {
      const description = cellTextOf(parts, xml, at('description', r0));
      const code = cellTextOf(parts, xml, at('planAreaCode', r0));
      let edited = richTextCell(xml, at('description', r0), runs(description, 3));
      edited = richTextCell(edited, at('planAreaCode', r0), [code.slice(0, -1), code.slice(-1)]);
      return edited;
    });
    richSharedString(parts, parts.get(name) ?? '', at('description', r0 + 1));
  }));
  write(forms, 'prefixed-namespace.xlsx', await variant(ok, sheet, (parts) => allParts(parts, prefixMainNamespace)));
  write(forms, 'prefixed-sheet-only.xlsx', await variant(ok, sheet, (parts, name) => editPart(parts, name, prefixMainNamespace)));
  write(forms, 'no-optional-refs.xlsx', await variant(ok, sheet, (parts, name) => editPart(parts, name, dropOptionalRefs)));
  write(forms, '15-significant-digits.xlsx', await variant(ok, sheet, (parts, name) => editPart(parts, name, (xml) => {
    // 1,250,000,000 and 1,001 as a writer's binary noise leaves them; Excel reads them at 15 digits.
    let edited = rawNumberCell(xml, at('unitPrice', r0), '1249999999.9999998');
    edited = rawNumberCell(edited, at('amount', r0), '1250000000.0000002');
    edited = rawNumberCell(edited, at('unitPrice', r0 + 1), '1000.9999999999999');
    return edited;
  })));
  write(forms, 'no-cached-values.xlsx', await variant(ok, sheet, (parts, name) =>
    // As openpyxl writes a formula: <f>…</f><v></v>, no cached value.
    editPart(parts, name, (xml) => xml.replace(/(<f>[^<]*<\/f>)<v>[^<]*<\/v>/g, '$1<v></v>')),
  ));
  const python = openpyxl();
  // openpyxl stamps the time of saving: written only when missing or asked for (--openpyxl).
  if (python && (process.argv.includes('--openpyxl') || !existsSync(join(forms, 'openpyxl-saved.xlsx')))) {
    write(forms, 'openpyxl-saved.xlsx', savedByOpenpyxl(python, ok));
  }
  else if (!python) console.warn('python3-openpyxl not found (apt-get install python3-openpyxl): forms/openpyxl-saved.xlsx left as it is');

  // A shared-strings part that declares 13 million items (as the hostile upload of issue 10 holds):
  // refused from its declaration, before the first item is parsed.
  write(join(root, 'bad'), 'shared-strings-13-million.xlsx', await variant(ok, sheet, (parts) =>
    editPart(parts, 'xl/sharedStrings.xml', (xml) => xml.replace(/uniqueCount="\d+"/, 'uniqueCount="13000000"')),
  ));

  const yearRow = META_ROWS.find((meta) => meta.key === 'year')?.row ?? 5;
  const numberCase = (raw: string) => variant(ok, sheet, (parts, name) => editPart(parts, name, (xml) => rawNumberCell(xml, at('unitPrice', r0), raw)));
  write(malformed, 'number-12abc.xlsx', await numberCase('12abc'));
  write(malformed, 'number-hex.xlsx', await numberCase('0x10'));
  write(malformed, 'number-negative-zero.xlsx', await numberCase('-0'));
  write(malformed, 'number-infinite.xlsx', await numberCase('1e999'));
  write(malformed, 'date-in-year.xlsx', await variant(ok, sheet, (parts, name) => {
    const style = addDateStyle(parts);
    editPart(parts, name, (xml) => styleCell(xml, `C${yearRow}`, style));
  }));
  write(malformed, 'shared-string-out-of-range.xlsx', await variant(ok, sheet, (parts, name) =>
    editPart(parts, name, (xml) => rawNumberCell(xml, at('justification', r0), '99999', 's')),
  ));
  write(malformed, 'style-out-of-range.xlsx', await variant(ok, sheet, (parts, name) => editPart(parts, name, (xml) => styleCell(xml, at('unitPrice', r0), 999))));
  write(malformed, 'boolean-not-0-1.xlsx', await variant(ok, sheet, (parts, name) => editPart(parts, name, (xml) => rawNumberCell(xml, at('priorityTier', r0), '2', 'b'))));
  write(malformed, 'unknown-cell-type.xlsx', await variant(ok, sheet, (parts, name) => editPart(parts, name, (xml) => rawNumberCell(xml, at('unitPrice', r0), '5', 'q'))));
  write(malformed, 'row-beyond-last.xlsx', await variant(ok, sheet, (parts, name) => editPart(parts, name, beyondLastRow)));
  write(malformed, 'rows-repeated.xlsx', await variant(ok, sheet, (parts, name) =>
    editPart(parts, name, (xml) => renumberRow(renumberRow(xml, r0 + 1, r0), r0 + 2, r0)),
  ));
  write(malformed, 'cell-outside-its-row.xlsx', await variant(ok, sheet, (parts, name) =>
    editPart(parts, name, (xml) => xml.replace(`<c r="${at('planAreaCode', r0)}"`, `<c r="${column('planAreaCode').letter}${r0 + 1}"`)),
  ));

  // ── The progress-report workbook ──
  // Fixed document dates and zip times, so that the fixtures are the same on every run.
  const progressWorkbook = buildProgressWorkbook(PROGRESS_CONTEXT);
  progressWorkbook.created = progressWorkbook.modified = new Date(Date.UTC(PROGRESS_CONTEXT.year, 0, 1));
  const progress = withFixedZipTimes(Buffer.from(await progressWorkbook.xlsx.writeBuffer()));
  write(join(root, 'progress'), 'base.xlsx', progress);
  const [indicators, disbursements] = ['ChiTieu', 'GiaiNgan'];
  // Rows as buildProgressWorkbook lays them out: targets from row 11 (title block 3–8, note 9,
  // header 10), lines from row 4 (header 3); checked against the cells' contents.
  const firstTarget = 11;
  const firstLine = 4;
  const note = `${indicatorCell('note')}${firstTarget + 1}`;
  {
    const parts = await unzipParts(progress);
    const seen = cellTextOf(parts, parts.get(sheetPart(parts, indicators)) ?? '', note);
    if (seen !== 'cáp quang') throw new Error(`the progress workbook's layout moved: ${note} holds "${seen}"`);
  }
  write(progressForms, 'rich-text.xlsx', await variant(progress, indicators, (parts, name) =>
    editPart(parts, name, (xml) => richTextCell(xml, note, runs(cellTextOf(parts, xml, note), 2))),
  ));
  write(progressForms, 'prefixed-namespace.xlsx', await variant(progress, indicators, (parts) => allParts(parts, prefixMainNamespace)));
  write(progressForms, 'no-optional-refs.xlsx', await variant(progress, disbursements, (parts, name) => {
    editPart(parts, name, dropOptionalRefs);
    editPart(parts, sheetPart(parts, indicators), dropOptionalRefs);
  }));
  write(progressForms, '15-significant-digits.xlsx', await variant(progress, disbursements, (parts, name) =>
    editPart(parts, name, (xml) => rawNumberCell(xml, `${disbursementCell('disbursed')}${firstLine + 2}`, '124599.99999999999')),
  ));
  const disbursed = `${disbursementCell('disbursed')}${firstLine}`;
  const progressNumber = (raw: string) => variant(progress, disbursements, (parts, name) => editPart(parts, name, (xml) => rawNumberCell(xml, disbursed, raw)));
  write(progressMalformed, 'number-12abc.xlsx', await progressNumber('12abc'));
  write(progressMalformed, 'number-hex.xlsx', await progressNumber('0x10'));
  write(progressMalformed, 'number-negative-zero.xlsx', await progressNumber('-0'));
  write(progressMalformed, 'date-in-year.xlsx', await variant(progress, indicators, (parts, name) => {
    const style = addDateStyle(parts);
    editPart(parts, name, (xml) => styleCell(xml, 'C5', style));
  }));
  write(progressMalformed, 'shared-string-out-of-range.xlsx', await variant(progress, indicators, (parts, name) =>
    editPart(parts, name, (xml) => rawNumberCell(xml, note, '99999', 's')),
  ));
  write(progressMalformed, 'row-beyond-last.xlsx', await variant(progress, disbursements, (parts, name) => editPart(parts, name, beyondLastRow)));
  write(progressMalformed, 'rows-repeated.xlsx', await variant(progress, disbursements, (parts, name) =>
    editPart(parts, name, (xml) => renumberRow(renumberRow(xml, firstLine + 1, firstLine), firstLine + 2, firstLine)),
  ));
}
