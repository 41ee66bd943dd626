// The zip layer of the importer: everything that is checked before one byte of XML is parsed.
//
// 1. The zip's central directory is read from the buffer: entry count, compression methods,
//    encryption, overlapping or out-of-bounds entries, and the DECLARED uncompressed sizes, whose sum
//    must stay under the limit.
// 2. The parts the importer needs (workbook, relationships, styles, shared strings, the one sheet)
//    are inflated once while COUNTING bytes: a part that inflates to more than it declares is refused
//    at the first byte over (so the actual total never exceeds the declared total, itself under the
//    limit); a part that inflates to less is damaged. The estimate sheet's merged ranges are picked up
//    in the same pass (exceljs's streaming reader does not report them).
// 3. exceljs then reads a zip stream rebuilt from the vetted parts only, each with a fresh local
//    header carrying the sizes from the central directory: no data descriptors to guess at, no entry
//    the checks did not see, the shared strings before the sheet (so exceljs streams the sheet rather
//    than spooling it to a temporary file), and no other sheet.
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { NotAWorkbookError, SpreadsheetError, UnzippedTooLargeError, formatBytes } from './spreadsheet-errors.js';
import { message } from '../../common/errors/messages.js';

export interface ZipLimits {
  /** Largest sum of the declared uncompressed sizes of all entries. */
  maxUnzippedBytes: number;
  /** Most entries in the zip (an .xlsx has a few dozen). */
  maxEntries: number;
}

export interface ZipEntry {
  name: string;
  method: 0 | 8;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Offset of the compressed bytes. */
  dataOffset: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const MAX_32 = 0xffffffff;
const MAX_16 = 0xffff;

/** Reads and checks the central directory; throws NotAWorkbookError or UnzippedTooLargeError. */
export function readZipDirectory(buffer: Buffer, limits: ZipLimits): Map<string, ZipEntry> {
  if (buffer.length === 0) throw new NotAWorkbookError('empty', message('FILE_EMPTY'));
  if (buffer.length >= 8 && buffer.readUInt32BE(0) === 0xd0cf11e0 && buffer.readUInt32BE(4) === 0xa1b11ae1) {
    throw new NotAWorkbookError(
      'legacy-xls',
      'đây là tệp Excel 97–2003 (.xls) hoặc tệp có mật khẩu; hãy lưu lại dạng .xlsx, không đặt mật khẩu / ' +
        'this is an Excel 97–2003 (.xls) file or a password-protected workbook; save it as .xlsx without a password',
    );
  }
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== SIG_LOCAL) {
    throw new NotAWorkbookError('not-zip', 'nội dung không phải tệp nén zip của Excel / the content is not the zip container of an .xlsx file');
  }

  const eocd = findEndOfCentralDirectory(buffer);
  if (eocd < 0) throw corrupt('no end of central directory');
  if (buffer.readUInt16LE(eocd + 4) !== 0 || buffer.readUInt16LE(eocd + 6) !== 0) {
    throw new NotAWorkbookError('unsupported-zip', message('MULTI_PART_ZIP'));
  }
  let entryCount = buffer.readUInt16LE(eocd + 10);
  let directorySize = buffer.readUInt32LE(eocd + 12);
  let directoryOffset = buffer.readUInt32LE(eocd + 16);
  let directoryEnd = eocd;
  if (entryCount === MAX_16 || directorySize === MAX_32 || directoryOffset === MAX_32) {
    const locator = eocd - 20;
    if (locator < 0 || buffer.readUInt32LE(locator) !== SIG_ZIP64_LOCATOR) throw corrupt('zip64 locator missing');
    const record = safeNumber(buffer.readBigUInt64LE(locator + 8));
    if (!(record + 56 <= locator) || buffer.readUInt32LE(record) !== SIG_ZIP64_EOCD) throw corrupt('zip64 end record missing');
    entryCount = safeNumber(buffer.readBigUInt64LE(record + 32));
    directorySize = safeNumber(buffer.readBigUInt64LE(record + 40));
    directoryOffset = safeNumber(buffer.readBigUInt64LE(record + 48));
    directoryEnd = record;
  }
  if (entryCount > limits.maxEntries) {
    throw new UnzippedTooLargeError(limits.maxUnzippedBytes, message('TOO_MANY_ZIP_ENTRIES', { count: entryCount, limit: limits.maxEntries }));
  }
  if (directoryOffset + directorySize > directoryEnd) throw corrupt('central directory out of bounds');

  const entries = new Map<string, ZipEntry>();
  let declaredTotal = 0;
  let at = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > directoryEnd || buffer.readUInt32LE(at) !== SIG_CENTRAL) throw corrupt('central directory entry damaged');
    const flags = buffer.readUInt16LE(at + 8);
    const method = buffer.readUInt16LE(at + 10);
    const crc32 = buffer.readUInt32LE(at + 16);
    let compressedSize = buffer.readUInt32LE(at + 20);
    let uncompressedSize = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    let localHeaderOffset = buffer.readUInt32LE(at + 42);
    const nameStart = at + 46;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > directoryEnd) throw corrupt('central directory entry damaged');
    const name = buffer.toString(flags & 0x800 ? 'utf8' : 'latin1', nameStart, extraStart);

    if (uncompressedSize === MAX_32 || compressedSize === MAX_32 || localHeaderOffset === MAX_32) {
      // Zip64 extended information: the 64-bit values, in this order, for the fields set to 0xFFFFFFFF.
      const zip64 = findExtraField(buffer, extraStart, extraLength, 0x0001);
      if (!zip64) throw corrupt(`zip64 sizes of ${name} missing`);
      let p = zip64.start;
      const take = (): number => {
        if (p + 8 > zip64.end) throw corrupt(`zip64 sizes of ${name} damaged`);
        const value = safeNumber(buffer.readBigUInt64LE(p));
        p += 8;
        return value;
      };
      if (uncompressedSize === MAX_32) uncompressedSize = take();
      if (compressedSize === MAX_32) compressedSize = take();
      if (localHeaderOffset === MAX_32) localHeaderOffset = take();
    }
    if (flags & 0x1) {
      throw new NotAWorkbookError('encrypted', `tệp bị mã hoá / the zip is encrypted (${name})`);
    }
    if (method !== 0 && method !== 8) {
      throw new NotAWorkbookError('unsupported-zip', message('UNSUPPORTED_COMPRESSION', { name, method }));
    }
    if (method === 0 && compressedSize !== uncompressedSize) throw corrupt(`stored entry ${name} has two sizes`);
    if (entries.has(name)) throw corrupt(`the zip holds ${name} twice`);

    declaredTotal += uncompressedSize;
    if (declaredTotal > limits.maxUnzippedBytes) {
      throw new UnzippedTooLargeError(limits.maxUnzippedBytes, message('PARTS_TOO_LARGE', { limit: formatBytes(limits.maxUnzippedBytes) }));
    }

    if (localHeaderOffset + 30 > directoryOffset || buffer.readUInt32LE(localHeaderOffset) !== SIG_LOCAL) {
      throw corrupt(`local header of ${name} missing`);
    }
    const localNameLength = buffer.readUInt16LE(localHeaderOffset + 26);
    const localExtraLength = buffer.readUInt16LE(localHeaderOffset + 28);
    const localName = buffer.toString(flags & 0x800 ? 'utf8' : 'latin1', localHeaderOffset + 30, localHeaderOffset + 30 + localNameLength);
    if (localName !== name) throw corrupt(`local header of ${name} names ${localName}`);
    const dataOffset = localHeaderOffset + 30 + localNameLength + localExtraLength;
    if (dataOffset + compressedSize > directoryOffset) throw corrupt(`${name} runs past the central directory`);

    entries.set(name, { name, method, crc32, compressedSize, uncompressedSize, localHeaderOffset, dataOffset });
    at = next;
  }

  // Entries must not share bytes: overlapping entries are how the densest zip bombs are built.
  const ordered = [...entries.values()].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 1; i < ordered.length; i++) {
    const previous = ordered[i - 1];
    if (previous.dataOffset + previous.compressedSize > ordered[i].localHeaderOffset) {
      throw new UnzippedTooLargeError(limits.maxUnzippedBytes, message('ENTRIES_OVERLAP', { first: previous.name, second: ordered[i].name }));
    }
  }
  return entries;
}

/**
 * Inflates one entry, handing every chunk to `onChunk`, and checks its size as it goes: refused at
 * the first byte past the declared size (UnzippedTooLargeError), damaged if it ends short or the
 * deflate stream is broken (NotAWorkbookError).
 */
export async function inflateEntry(buffer: Buffer, entry: ZipEntry, maxUnzippedBytes: number, onChunk: (chunk: Buffer) => void): Promise<void> {
  const data = buffer.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) {
    onChunk(data);
    return;
  }
  const inflater = createInflateRaw();
  inflater.end(data);
  let total = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > entry.uncompressedSize) {
        inflater.destroy();
        throw new UnzippedTooLargeError(
          maxUnzippedBytes,
          message('ENTRY_INFLATES_BEYOND', { name: entry.name, declared: entry.uncompressedSize }),
        );
      }
      onChunk(chunk);
    }
  } catch (error) {
    // The reader's own refusals (a count limit, a malformed cell) pass through; a broken deflate
    // stream is a damaged file, said without quoting zlib's message.
    if (error instanceof SpreadsheetError) throw error;
    throw corrupt(`${entry.name} cannot be inflated (damaged deflate data)`);
  }
  if (total !== entry.uncompressedSize) throw corrupt(`${entry.name} inflates to ${total} bytes, not the ${entry.uncompressedSize} it declares`);
}

/** Inflates a small entry to text (workbook.xml, relationships). */
export async function entryText(buffer: Buffer, entry: ZipEntry, maxUnzippedBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  await inflateEntry(buffer, entry, maxUnzippedBytes, (chunk) => chunks.push(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A zip stream of the given entries, in the given order, each under the given name: a fresh local
 * header (sizes and CRC from the central directory, no data descriptor) followed by the original
 * compressed bytes, then an empty end-of-central-directory record.
 */
export function rebuiltZipStream(buffer: Buffer, parts: readonly { entry: ZipEntry; name: string }[]): Readable {
  function* pieces(): Generator<Buffer> {
    for (const { entry, name } of parts) {
      const nameBytes = Buffer.from(name, 'utf8');
      const header = Buffer.alloc(30);
      header.writeUInt32LE(SIG_LOCAL, 0);
      header.writeUInt16LE(20, 4); // version needed: 2.0
      header.writeUInt16LE(0x800, 6); // names in UTF-8, sizes known
      header.writeUInt16LE(entry.method, 8);
      header.writeUInt16LE(0, 10); // time
      header.writeUInt16LE(0x21, 12); // date: 1980-01-01
      header.writeUInt32LE(entry.crc32, 14);
      header.writeUInt32LE(entry.compressedSize, 18);
      header.writeUInt32LE(entry.uncompressedSize, 22);
      header.writeUInt16LE(nameBytes.length, 26);
      header.writeUInt16LE(0, 28);
      yield header;
      yield nameBytes;
      // Slices of at most 64 KiB keep the zip parser's buffers small.
      const end = entry.dataOffset + entry.compressedSize;
      for (let at = entry.dataOffset; at < end; at += 65536) yield buffer.subarray(at, Math.min(end, at + 65536));
    }
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(SIG_EOCD, 0);
    yield eocd;
  }
  return Readable.from(pieces(), { objectMode: false });
}

/** Collects the `ref` of every <mergeCell> of a worksheet while it streams past, in bounded memory. */
export class MergeScanner {
  private static readonly NEEDLE = Buffer.from('mergeCell');
  private static readonly MAX_CAPTURE = 1024 * 1024;
  private tail: Buffer = Buffer.alloc(0);
  private capture: string | null = null;
  private done = false;

  push(chunk: Buffer): void {
    if (this.done) return;
    if (this.capture === null) {
      const joined = this.tail.length > 0 ? Buffer.concat([this.tail, chunk]) : chunk;
      const at = joined.indexOf(MergeScanner.NEEDLE);
      if (at < 0) {
        this.tail = Buffer.from(joined.subarray(Math.max(0, joined.length - 32)));
        return;
      }
      this.capture = joined.subarray(Math.max(0, at - 16)).toString('utf8');
    } else {
      this.capture += chunk.toString('utf8');
    }
    const close = this.capture.search(/<\/(?:[\w.-]+:)?mergeCells\s*>/);
    if (close >= 0) {
      this.capture = this.capture.slice(0, close);
      this.done = true;
    } else if (this.capture.length > MergeScanner.MAX_CAPTURE) {
      this.done = true;
    }
  }

  /** The merged ranges, e.g. "B12:C12". */
  refs(): string[] {
    if (this.capture === null) return [];
    const refs: string[] = [];
    for (const match of this.capture.matchAll(/<(?:[\w.-]+:)?mergeCell\s[^>]*?\bref\s*=\s*(["'])([^"']*)\1/g)) refs.push(match[2]);
    return refs;
  }
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  const lowest = Math.max(0, buffer.length - 22 - 65535);
  for (let at = buffer.length - 22; at >= lowest; at--) {
    if (buffer.readUInt32LE(at) === SIG_EOCD && at + 22 + buffer.readUInt16LE(at + 20) <= buffer.length) return at;
  }
  return -1;
}

function findExtraField(buffer: Buffer, start: number, length: number, id: number): { start: number; end: number } | undefined {
  for (let at = start; at + 4 <= start + length; ) {
    const fieldId = buffer.readUInt16LE(at);
    const size = buffer.readUInt16LE(at + 2);
    if (fieldId === id) return { start: at + 4, end: Math.min(at + 4 + size, start + length) };
    at += 4 + size;
  }
  return undefined;
}

function safeNumber(value: bigint): number {
  // Offsets, counts and sizes, not money: past 2^53 they become Infinity, which every bound refuses.
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(value);
}

function corrupt(detail: string): NotAWorkbookError {
  return new NotAWorkbookError('corrupt', `tệp nén bị hỏng / the zip is damaged: ${detail}`);
}
