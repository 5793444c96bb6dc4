// The zip container of an uploaded .xlsx, read through its central directory only. The limits are checked on
// what the directory declares, before a single byte is inflated: a 0.4 MB "zip bomb" once took the server from
// 525 MB to 2.6 GB (issue 11). An entry is then inflated with its declared size as a hard ceiling, so a
// directory that lies about a size is caught too, and its CRC-32 is checked.
import { inflateRawSync } from 'node:zlib';
import { SheetError, DAMAGED } from './sheet-error';

export const ZIP_LIMITS = {
  /** An .xlsx has a dozen parts; hundreds with many sheets and pictures. */
  entries: 2_000,
  /** One part, inflated: a 50,000-row sheet is about 6 MB; this allows some 800,000 rows. */
  entryBytes: 100 * 1024 * 1024,
  /** All parts together, inflated. */
  totalBytes: 200 * 1024 * 1024,
  /** Inflated / compressed, for parts over `ratioFloorBytes`: sheet XML compresses ~10:1, a bomb ~1000:1. */
  ratio: 200,
  ratioFloorBytes: 1024 * 1024,
} as const;

export type ZipEntry = {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
};

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;
const MB = (n: number) => `${Math.round(n / 1024 / 1024)}MB`;

/** A size from a zip64 record: exact up to 2^53, which is far beyond any limit here. */
const u64 = (b: Buffer, at: number) => Number(b.readBigUInt64LE(at));

function findEndOfDirectory(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - 22 - MAX_COMMENT);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (bytes.readUInt32LE(at) === SIG_EOCD && at + 22 + bytes.readUInt16LE(at + 20) <= bytes.length) return at;
  }
  throw new SheetError(DAMAGED);
}

/** Entry count, directory offset and size: from the classic record, or the zip64 one it points to. */
function directoryBounds(bytes: Buffer, eocd: number): { count: number; offset: number; size: number } {
  let count = bytes.readUInt16LE(eocd + 10);
  let size = bytes.readUInt32LE(eocd + 12);
  let offset = bytes.readUInt32LE(eocd + 16);
  if (bytes.readUInt16LE(eocd + 4) !== 0 || bytes.readUInt16LE(eocd + 6) !== 0) throw new SheetError(DAMAGED);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || bytes.readUInt32LE(locator) !== SIG_EOCD64_LOCATOR) throw new SheetError(DAMAGED);
    const at = u64(bytes, locator + 8);
    if (at + 56 > bytes.length || bytes.readUInt32LE(at) !== SIG_EOCD64) throw new SheetError(DAMAGED);
    count = u64(bytes, at + 32);
    size = u64(bytes, at + 40);
    offset = u64(bytes, at + 48);
  }
  return { count, offset, size };
}

/**
 * The entries as the central directory lists them, after the limits: too many entries, a part or all parts too
 * large when inflated, or a compression ratio only a bomb has, are refused with a Chinese message.
 */
export function readZipDirectory(bytes: Buffer): ZipEntry[] {
  if (bytes.length < 22) throw new SheetError(DAMAGED);
  const { count, offset, size } = directoryBounds(bytes, findEndOfDirectory(bytes));
  // Checked before the directory is walked: a forged count must not make us loop over millions of records.
  if (count > ZIP_LIMITS.entries) {
    throw new SheetError(`文件内部包含 ${count.toLocaleString()} 个部件，超过上限 ${ZIP_LIMITS.entries.toLocaleString()} 个，不像正常的 Excel 工作簿，未导入`);
  }
  if (offset + size > bytes.length) throw new SheetError(DAMAGED);
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > offset + size || bytes.readUInt32LE(at) !== SIG_CENTRAL) throw new SheetError(DAMAGED);
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const crc32 = bytes.readUInt32LE(at + 16);
    let compressedSize = bytes.readUInt32LE(at + 20);
    let uncompressedSize = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    let localHeaderOffset = bytes.readUInt32LE(at + 42);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > offset + size) throw new SheetError(DAMAGED);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    // Zip64 extended information: the 64-bit values, in this order, for the fields that hold 0xFFFFFFFF.
    for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = bytes.readUInt16LE(x);
      const len = bytes.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let p = x + 4;
        const take = () => {
          if (p + 8 > x + 4 + len) throw new SheetError(DAMAGED);
          const v = u64(bytes, p);
          p += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      }
      x += 4 + len;
    }
    if (flags & 0x1) throw new SheetError('文件设置了密码（已加密），请先在 Excel 或 WPS 中取消密码、另存为 .xlsx 后再导入');
    if (uncompressedSize > ZIP_LIMITS.entryBytes) {
      throw new SheetError(`文件中的「${name}」解压后有 ${MB(uncompressedSize)}，超过单个部件 ${MB(ZIP_LIMITS.entryBytes)} 的上限，未导入。请把名单拆成几个较小的文件`);
    }
    if (uncompressedSize > ZIP_LIMITS.ratioFloorBytes && uncompressedSize / Math.max(1, compressedSize) > ZIP_LIMITS.ratio) {
      throw new SheetError(`文件中的「${name}」压缩比异常（${Math.round(uncompressedSize / Math.max(1, compressedSize))}:1），可能是恶意构造的“压缩炸弹”，未导入`);
    }
    total += uncompressedSize;
    if (total > ZIP_LIMITS.totalBytes) {
      throw new SheetError(`文件解压后超过 ${MB(ZIP_LIMITS.totalBytes)} 的上限，未导入。请把名单拆成几个较小的文件`);
    }
    entries.push({ name, method, flags, crc32, compressedSize, uncompressedSize, localHeaderOffset });
    at = end;
  }
  return entries;
}

let crcTable: Uint32Array | null = null;

function crc32(data: Buffer): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The inflated bytes of one entry; never more than the directory declared, and only with a matching CRC-32. */
export function extractEntry(bytes: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== SIG_LOCAL) throw new SheetError(DAMAGED);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new SheetError(DAMAGED);
  const raw = bytes.subarray(start, end);
  let out: Buffer;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw new SheetError(DAMAGED);
    out = raw;
  } else if (entry.method === 8) {
    if (entry.uncompressedSize === 0) out = Buffer.alloc(0);
    else {
      try {
        // The ceiling is what the directory promised: more output than that is a lie, not a bigger buffer.
        out = inflateRawSync(raw, { maxOutputLength: entry.uncompressedSize });
      } catch {
        throw new SheetError(DAMAGED);
      }
    }
  } else {
    throw new SheetError('文件使用了不支持的压缩方式，请在 Excel 或 WPS 中另存为 .xlsx 后再导入');
  }
  if (out.length !== entry.uncompressedSize || crc32(out) !== entry.crc32) throw new SheetError(DAMAGED);
  return out;
}
