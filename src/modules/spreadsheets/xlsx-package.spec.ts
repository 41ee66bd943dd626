import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { UnzippedTooLargeError } from './spreadsheet-errors.js';
import { writeZip } from './testing/zip-writer.js';
import { parseWorkbookParts, resolvePartPath } from './workbook-parts.js';
import { MergeScanner, entryText, inflateEntry, readZipDirectory, rebuiltZipStream } from './xlsx-package.js';

const LIMITS = { maxUnzippedBytes: 1024 * 1024, maxEntries: 10 };
const ok = readFileSync(fileURLToPath(new URL('../../../test/fixtures/xlsx/ok/exceljs-saved.xlsx', import.meta.url)));

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

describe('readZipDirectory', () => {
  it('lists the entries of a workbook with their declared sizes', () => {
    const entries = readZipDirectory(ok, { maxUnzippedBytes: 10 * 1024 * 1024, maxEntries: 100 });
    expect(entries.get('xl/workbook.xml')).toMatchObject({ method: 8, uncompressedSize: expect.any(Number) });
    expect(entries.has('xl/worksheets/sheet1.xml')).toBe(true);
  });

  it('refuses more entries than the limit', () => {
    const zip = writeZip(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x') })));
    expect(thrown(() => readZipDirectory(zip, LIMITS))).toBeInstanceOf(UnzippedTooLargeError);
  });

  it('refuses declared sizes over the limit, before inflating anything', () => {
    const zip = writeZip([{ name: 'a.xml', data: Buffer.from('<a/>'), declaredSize: 2 * 1024 * 1024 }]);
    expect(thrown(() => readZipDirectory(zip, LIMITS))).toMatchObject({ code: 'UNZIPPED_TOO_LARGE' });
  });

  it('refuses entries that share bytes (overlapping-entry bombs)', () => {
    const zip = writeZip([
      { name: 'a.xml', data: Buffer.from('<a/>') },
      { name: 'b.xml', data: Buffer.from('<b/>') },
    ]);
    expect(readZipDirectory(zip, LIMITS).size).toBe(2);
    // Stretch a.xml's compressed size over b.xml's local header.
    const directory = zip.readUInt32LE(zip.length - 22 + 16);
    zip.writeUInt32LE(zip.readUInt32LE(directory + 20) + 10, directory + 20);
    expect(thrown(() => readZipDirectory(zip, LIMITS))).toMatchObject({ code: 'UNZIPPED_TOO_LARGE', message: expect.stringContaining('overlap') });
  });

  it('refuses a name twice and a central directory that points at another entry', () => {
    const twice = writeZip([
      { name: 'a.xml', data: Buffer.from('<a/>') },
      { name: 'a.xml', data: Buffer.from('<b/>') },
    ]);
    expect(thrown(() => readZipDirectory(twice, LIMITS))).toMatchObject({ code: 'NOT_A_WORKBOOK', reason: 'corrupt' });
    const pointing = writeZip([
      { name: 'a.xml', data: Buffer.from('<a/>') },
      { name: 'b.xml', data: Buffer.from('<b/>') },
    ]);
    const second = pointing.readUInt32LE(pointing.length - 22 + 16) + 46 + 'a.xml'.length;
    pointing.writeUInt32LE(0, second + 42); // b.xml's entry points at a.xml's local header
    expect(thrown(() => readZipDirectory(pointing, LIMITS))).toMatchObject({ code: 'NOT_A_WORKBOOK', reason: 'corrupt' });
  });

  it('refuses encrypted entries and unknown compression methods', () => {
    const encrypted = writeZip([{ name: 'a.xml', data: Buffer.from('<a/>') }]);
    const directory = encrypted.readUInt32LE(encrypted.length - 22 + 16);
    encrypted.writeUInt16LE(0x801, directory + 8);
    expect(thrown(() => readZipDirectory(encrypted, LIMITS))).toMatchObject({ code: 'NOT_A_WORKBOOK', reason: 'encrypted' });
    const bzip2 = writeZip([{ name: 'a.xml', data: Buffer.from('<a/>') }]);
    bzip2.writeUInt16LE(12, bzip2.readUInt32LE(bzip2.length - 22 + 16) + 10);
    expect(thrown(() => readZipDirectory(bzip2, LIMITS))).toMatchObject({ code: 'NOT_A_WORKBOOK', reason: 'unsupported-zip' });
  });
});

describe('inflateEntry counts what it inflates', () => {
  it('refuses a part that inflates past its declared size, at the first byte over', async () => {
    const big = Buffer.alloc(512 * 1024, 0x20);
    const zip = writeZip([{ name: 'a.xml', data: big, declaredSize: 100 }]);
    const entry = readZipDirectory(zip, LIMITS).get('a.xml');
    if (!entry) throw new Error('no entry');
    let seen = 0;
    await expect(inflateEntry(zip, entry, LIMITS.maxUnzippedBytes, (chunk) => (seen += chunk.length))).rejects.toBeInstanceOf(UnzippedTooLargeError);
    expect(seen).toBe(0); // the first chunk is already past 100 bytes: nothing handed on
  });

  it('refuses a part that inflates to less than it declares, or does not inflate', async () => {
    const short = writeZip([{ name: 'a.xml', data: Buffer.from('<a/>'), declaredSize: 10 }]);
    const entry = readZipDirectory(short, LIMITS).get('a.xml');
    if (!entry) throw new Error('no entry');
    await expect(entryText(short, entry, LIMITS.maxUnzippedBytes)).rejects.toMatchObject({ code: 'NOT_A_WORKBOOK', reason: 'corrupt' });

    const garbage = writeZip([{ name: 'a.xml', data: { deflated: Buffer.from('not deflate data'), size: 4, crc: 0 } }]);
    const broken = readZipDirectory(garbage, LIMITS).get('a.xml');
    if (!broken) throw new Error('no entry');
    await expect(entryText(garbage, broken, LIMITS.maxUnzippedBytes)).rejects.toMatchObject({ code: 'NOT_A_WORKBOOK', reason: 'corrupt' });
  });

  it('hands on the exact content', async () => {
    const zip = writeZip([{ name: 'a.xml', data: { deflated: deflateRawSync('<a>đồng</a>'), size: Buffer.byteLength('<a>đồng</a>'), crc: 0 } }]);
    const entry = readZipDirectory(zip, LIMITS).get('a.xml');
    if (!entry) throw new Error('no entry');
    await expect(entryText(zip, entry, LIMITS.maxUnzippedBytes)).resolves.toBe('<a>đồng</a>');
  });
});

describe('rebuiltZipStream', () => {
  it('is a zip of the chosen parts only, under the chosen names, readable again', async () => {
    const entries = readZipDirectory(ok, { maxUnzippedBytes: 10 * 1024 * 1024, maxEntries: 100 });
    const workbook = entries.get('xl/workbook.xml');
    if (!workbook) throw new Error('no workbook');
    const chunks: Buffer[] = [];
    for await (const chunk of rebuiltZipStream(ok, [{ entry: workbook, name: 'renamed.xml' }])) chunks.push(chunk as Buffer);
    const rebuilt = Buffer.concat(chunks);
    // The rebuilt stream ends with an empty directory: list its one local entry by hand.
    expect(rebuilt.readUInt32LE(0)).toBe(0x04034b50);
    expect(rebuilt.toString('utf8', 30, 30 + 'renamed.xml'.length)).toBe('renamed.xml');
    expect(rebuilt.readUInt32LE(rebuilt.length - 22)).toBe(0x06054b50);
    expect(rebuilt.length).toBe(30 + 'renamed.xml'.length + workbook.compressedSize + 22);
  });
});

describe('MergeScanner', () => {
  it('finds merged ranges whatever the chunk boundaries, and nothing in cell text', () => {
    const xml = Buffer.from(
      '<worksheet><sheetData><row r="10"><c r="B10" t="inlineStr"><is><t>mergeCell ref="Z1:Z2"</t></is></c></row></sheetData>' +
        '<mergeCells count="2"><mergeCell ref="A1:T1"/><x:mergeCell ref=\'B11:C11\'/></mergeCells><pageMargins/></worksheet>',
    );
    for (const size of [1, 3, 7, 64, xml.length]) {
      const scanner = new MergeScanner();
      for (let at = 0; at < xml.length; at += size) scanner.push(xml.subarray(at, at + size));
      expect(scanner.refs()).toEqual(['A1:T1', 'B11:C11']);
    }
  });
});

describe('parseWorkbookParts', () => {
  it('maps sheet names to parts, relative or absolute targets, any prefix, entities decoded', () => {
    const workbook = `<x:workbook xmlns:x="s" xmlns:r="r"><x:sheets><x:sheet name="B&amp;C" sheetId="1" r:id="rId2"/>
      <x:sheet sheetId="2" name='DuToan' state="hidden" r:id="rId1"/></x:sheets></x:workbook>`;
    const rels = `<Relationships><Relationship Id="rId1" Type="http://x/worksheet" Target="/xl/worksheets/data.xml"/>
      <Relationship Id="rId2" Type="http://x/worksheet" Target="worksheets/sheet2.xml"/>
      <Relationship Id="rId3" Type="http://x/sharedStrings" Target="./sharedStrings.xml"/>
      <Relationship Id="rId4" Type="http://x/styles" Target="../xl/styles.xml"/></Relationships>`;
    expect(parseWorkbookParts(workbook, rels)).toEqual({
      sheets: [
        { name: 'B&C', state: 'visible', path: 'xl/worksheets/sheet2.xml' },
        { name: 'DuToan', state: 'hidden', path: 'xl/worksheets/data.xml' },
      ],
      sharedStrings: 'xl/sharedStrings.xml',
      styles: 'xl/styles.xml',
    });
    expect(resolvePartPath('xl/', '../docProps/app.xml')).toBe('docProps/app.xml');
  });
});
