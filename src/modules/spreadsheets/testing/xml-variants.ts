// Hand-built workbook variants for the reader's fixtures: a real workbook's parts as text, edited the
// way another writer (the OpenXML SDK, openpyxl, a broken exporter) would have written them, and
// zipped again. Used by scripts/generate-xlsx-fixtures.ts; not used by the application.
import { entryText, readZipDirectory } from '../xlsx-package.js';
import { WORKBOOK_PATH, WORKBOOK_RELS_PATH, parseWorkbookParts } from '../workbook-parts.js';
import { writeZip } from './zip-writer.js';

/** The parts of a workbook as text, in zip order. */
export type Parts = Map<string, string>;

export async function unzipParts(workbook: Buffer): Promise<Parts> {
  const parts: Parts = new Map();
  for (const entry of readZipDirectory(workbook, { maxUnzippedBytes: Number.MAX_SAFE_INTEGER, maxEntries: 1000 }).values()) {
    parts.set(entry.name, await entryText(workbook, entry, Number.MAX_SAFE_INTEGER));
  }
  return parts;
}

export function zipParts(parts: Parts): Buffer {
  return writeZip([...parts].map(([name, text]) => ({ name, data: Buffer.from(text, 'utf8') })));
}

/** The part name of a sheet. */
export function sheetPart(parts: Parts, sheet: string): string {
  const found = parseWorkbookParts(parts.get(WORKBOOK_PATH) ?? '', parts.get(WORKBOOK_RELS_PATH) ?? '').sheets.find((s) => s.name === sheet);
  if (!found?.path) throw new Error(`no sheet ${sheet}`);
  return found.path;
}

export function editPart(parts: Parts, name: string, edit: (xml: string) => string): void {
  const xml = parts.get(name);
  if (xml === undefined) throw new Error(`no part ${name}`);
  const changed = edit(xml);
  if (changed === xml) throw new Error(`the edit left ${name} unchanged`);
  parts.set(name, changed);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** The main namespace bound to prefix `x` instead of the default namespace, as the OpenXML SDK writes. */
export function prefixMainNamespace(xml: string): string {
  if (!xml.includes(`xmlns="${MAIN}"`)) return xml;
  return xml
    .replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`)
    .replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, (_whole, slash: string, name: string) => `<${slash}x:${name}`);
}

const colNumber = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);

/**
 * Cells and rows without the optional `r` wherever it can be left out without changing the meaning:
 * a cell right after the previous one in its row (or in column A), a row right after the previous.
 */
export function dropOptionalRefs(xml: string): string {
  let row = 0;
  let column = 0;
  return xml.replace(/<(row|c)\b([^>]*?)(\/?)>/g, (whole, tag: string, attributes: string, selfClosing: string) => {
    if (tag === 'row') {
      const n = Number(/\sr="(\d+)"/.exec(attributes)?.[1] ?? row + 1);
      const keep = n !== row + 1;
      row = n;
      column = 0;
      return keep ? whole : `<row${attributes.replace(/\sr="\d+"/, '')}${selfClosing}>`;
    }
    const match = /\sr="([A-Z]+)(\d+)"/.exec(attributes);
    const c = match ? colNumber(match[1]) : column + 1;
    const keep = c !== column + 1;
    column = c;
    return keep ? whole : `<c${attributes.replace(/\sr="[A-Z]+\d+"/, '')}${selfClosing}>`;
  });
}

/** The XML of a cell by reference, its attributes and its inner XML. */
export function findCell(xml: string, ref: string): { whole: string; attributes: string; inner: string } {
  const match = new RegExp(`<c r="${ref}"([^>]*?)(?:/>|>([\\s\\S]*?)</c>)`).exec(xml);
  if (!match) throw new Error(`no cell ${ref}`);
  return { whole: match[0], attributes: match[1], inner: match[2] ?? '' };
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The shared strings as an array (plain `<si><t>` items as exceljs writes them). */
export function sharedStrings(parts: Parts): string[] {
  const xml = parts.get('xl/sharedStrings.xml') ?? '';
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')).join(''),
  );
}

/** A cell's text as written (shared string, inline string or number). */
export function cellTextOf(parts: Parts, sheetXml: string, ref: string): string {
  const cell = findCell(sheetXml, ref);
  const v = /<v>(.*?)<\/v>/.exec(cell.inner)?.[1] ?? '';
  return /\bt="s"/.test(cell.attributes) ? sharedStrings(parts)[Number(v)] : v;
}

/** Replaces a cell by an inline string made of rich-text runs (the second run bold, as a user would format it). */
export function richTextCell(xml: string, ref: string, runs: readonly string[]): string {
  const cell = findCell(xml, ref);
  const style = /\ss="\d+"/.exec(cell.attributes)?.[0] ?? '';
  const body = runs.map((run, i) => `<r>${i % 2 === 1 ? '<rPr><b/></rPr>' : ''}<t xml:space="preserve">${escapeXml(run)}</t></r>`).join('');
  return xml.replace(cell.whole, `<c r="${ref}"${style} t="inlineStr"><is>${body}</is></c>`);
}

/** Sets the raw `<v>` of a cell (keeping its style, dropping its type): what a broken writer puts there. */
export function rawNumberCell(xml: string, ref: string, raw: string, type = ''): string {
  const cell = findCell(xml, ref);
  const style = /\ss="\d+"/.exec(cell.attributes)?.[0] ?? '';
  const formula = /<f[^>]*>.*?<\/f>/.exec(cell.inner)?.[0] ?? '';
  return xml.replace(cell.whole, `<c r="${ref}"${style}${type ? ` t="${type}"` : ''}>${formula}<v>${raw}</v></c>`);
}

/** Sets the style index of a cell. */
export function styleCell(xml: string, ref: string, style: number): string {
  const cell = findCell(xml, ref);
  const attributes = /\ss="\d+"/.test(cell.attributes) ? cell.attributes.replace(/\ss="\d+"/, ` s="${style}"`) : `${cell.attributes} s="${style}"`;
  return xml.replace(cell.whole, cell.whole.replace(`<c r="${ref}"${cell.attributes}`, `<c r="${ref}"${attributes}`));
}

/** Appends a cell format with a date number format (14, d/m/yyyy) to cellXfs; returns its index. */
export function addDateStyle(parts: Parts): number {
  let index = -1;
  editPart(parts, 'xl/styles.xml', (xml) =>
    xml.replace(/<cellXfs count="(\d+)">(.*?)<\/cellXfs>/s, (_whole, count: string, inner: string) => {
      index = Number(count);
      return `<cellXfs count="${index + 1}">${inner}<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>`;
    }),
  );
  return index;
}
