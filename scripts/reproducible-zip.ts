// Makes a generated .xlsx byte-identical from run to run: exceljs stamps every zip entry with the
// time of writing (the DOS time and date fields of the local and central headers). They are set to
// 1980-01-01 00:00, the zip epoch; nothing else changes (sizes, CRCs and data stay as written).
const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const DOS_EPOCH_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01

/** Returns a copy of `zip` with every entry's modification time set to the zip epoch. */
export function withFixedZipTimes(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  let eocd = -1;
  for (let at = out.length - 22; at >= Math.max(0, out.length - 22 - 0xffff); at--) {
    if (out.readUInt32LE(at) === SIG_EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const count = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (out.readUInt32LE(at) !== SIG_CENTRAL) throw new Error(`central directory entry ${i} is damaged`);
    out.writeUInt16LE(0, at + 12);
    out.writeUInt16LE(DOS_EPOCH_DATE, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== SIG_LOCAL) throw new Error(`local header of entry ${i} is damaged`);
    out.writeUInt16LE(0, local + 10);
    out.writeUInt16LE(DOS_EPOCH_DATE, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
