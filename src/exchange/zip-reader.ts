// Reading a zip with node:zlib (issue 13): the 备案包's read-back after writing, `filing-verify` and the county's
// receipt used JSZip, which inflates and computes CRC-32 in JavaScript (pako) — about 0.6 s and much garbage for
// the 58 MB a package of 100,000 persons holds. This reader takes the central directory (so sizes written after
// the data, bit 3, and zip64 are read as any unzip reads them), inflates on the libuv pool and checks every
// entry's size and CRC-32 against the directory. Only what a package can hold is accepted: stored or deflated
// entries, not encrypted, no entry split over disks.
import { promisify } from 'node:util';
import { crc32, inflateRaw } from 'node:zlib';

const inflateRawAsync = promisify(inflateRaw);

const LOCAL_FILE_HEADER = 0x04034b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const CENTRAL_DIRECTORY_END = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const UNICODE_PATH = 0x7075;
const ZIP64_EXTRA = 0x0001;
const MAX_COMMENT = 0xffff;
const OUTPUT_CHUNK = 1024 * 1024;

/** The zip's structure is broken: not a zip, truncated, or using what a package never uses. */
export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

/** An entry is encrypted. */
export class ZipEncryptedError extends ZipFormatError {
  override name = 'ZipEncryptedError';
}

/** An entry is compressed by a method other than stored or deflated. */
export class ZipMethodError extends ZipFormatError {
  override name = 'ZipMethodError';
}

/** The directory lists more entries than the caller accepts (refused before the directory is walked). */
export class ZipTooManyEntriesError extends ZipFormatError {
  override name = 'ZipTooManyEntriesError';
  constructor(readonly count: number) {
    super(`zip lists ${count} entries`);
  }
}

/** An entry's data does not match its directory record (CRC-32 or size), or does not inflate. */
export class ZipEntryError extends Error {
  override name = 'ZipEntryError';
  constructor(readonly entryName: string) {
    super(`zip entry ${entryName} is damaged`);
  }
}

export type ZipDirectoryEntry = {
  /** The name as an unzip program shows it: UTF-8, or the Info-ZIP Unicode Path when the flag is not set. */
  name: string;
  /** Every name the entry may be extracted under (the raw name too when a Unicode Path differs): all are checked. */
  names: string[];
  dir: boolean;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
};

function need(ok: boolean, what: string): void {
  if (!ok) throw new ZipFormatError(what);
}

/** A zip64 or 32-bit size: numbers above 2^53 are refused rather than rounded. */
function readU64(b: Buffer, at: number): number {
  const v = b.readBigUInt64LE(at);
  need(v <= BigInt(Number.MAX_SAFE_INTEGER), 'zip64 value too large');
  return Number(v);
}

function findEnd(b: Buffer, trailingBytes: boolean): number {
  const lowest = Math.max(0, b.length - 22 - MAX_COMMENT);
  for (let at = b.length - 22; at >= lowest; at--) {
    if (b.readUInt32LE(at) !== CENTRAL_DIRECTORY_END) continue;
    const recordEnd = at + 22 + b.readUInt16LE(at + 20);
    if (recordEnd === b.length || (trailingBytes && recordEnd < b.length)) return at;
  }
  throw new ZipFormatError('no end of central directory');
}

function extraFields(extra: Buffer): Map<number, Buffer> {
  const out = new Map<number, Buffer>();
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const len = extra.readUInt16LE(at + 2);
    need(at + 4 + len <= extra.length, 'extra field overruns');
    out.set(id, extra.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  return out;
}

/**
 * The central directory of a zip held in memory, in the order written. Nothing is inflated. `maxEntries`: more
 * listed entries are refused before the walk; `trailingBytes`: bytes after the end record are tolerated (an
 * uploaded workbook; a package must end with its directory).
 */
export function readZipDirectory(b: Buffer, options: { maxEntries?: number; trailingBytes?: boolean } = {}): ZipDirectoryEntry[] {
  need(b.length >= 22, 'too short');
  const end = findEnd(b, options.trailingBytes ?? false);
  let count = b.readUInt16LE(end + 10);
  let size = b.readUInt32LE(end + 12);
  let offset = b.readUInt32LE(end + 16);
  need(b.readUInt16LE(end + 4) === 0 && b.readUInt16LE(end + 6) === 0, 'multi-disk zip');
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = end - 20;
    need(locator >= 0 && b.readUInt32LE(locator) === ZIP64_END_LOCATOR, 'zip64 locator missing');
    const at = readU64(b, locator + 8);
    need(at + 56 <= locator && b.readUInt32LE(at) === ZIP64_END, 'zip64 end record missing');
    count = readU64(b, at + 32);
    size = readU64(b, at + 40);
    offset = readU64(b, at + 48);
  }
  if (options.maxEntries !== undefined && count > options.maxEntries) throw new ZipTooManyEntriesError(count);
  need(offset + size <= b.length, 'central directory out of range');
  const entries: ZipDirectoryEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    need(at + 46 <= offset + size && b.readUInt32LE(at) === CENTRAL_FILE_HEADER, 'central directory entry broken');
    const madeBy = b.readUInt16LE(at + 4);
    const flags = b.readUInt16LE(at + 8);
    const method = b.readUInt16LE(at + 10);
    const crc = b.readUInt32LE(at + 16);
    let compressedSize = b.readUInt32LE(at + 20);
    let uncompressedSize = b.readUInt32LE(at + 24);
    const nameLen = b.readUInt16LE(at + 28);
    const extraLen = b.readUInt16LE(at + 30);
    const commentLen = b.readUInt16LE(at + 32);
    const disk = b.readUInt16LE(at + 34);
    const external = b.readUInt32LE(at + 38);
    let localHeaderOffset = b.readUInt32LE(at + 42);
    const next = at + 46 + nameLen + extraLen + commentLen;
    need(next <= offset + size, 'central directory entry overruns');
    const rawName = b.subarray(at + 46, at + 46 + nameLen);
    const extras = extraFields(b.subarray(at + 46 + nameLen, at + 46 + nameLen + extraLen));
    const z64 = extras.get(ZIP64_EXTRA);
    if (z64) {
      // Only the fields whose 32-bit value is saturated are present, in this order (APPNOTE 4.5.3).
      let p = 0;
      const take = () => {
        need(p + 8 <= z64.length, 'zip64 extra field short');
        const v = readU64(z64, p);
        p += 8;
        return v;
      };
      if (uncompressedSize === 0xffffffff) uncompressedSize = take();
      if (compressedSize === 0xffffffff) compressedSize = take();
      if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
    }
    if ((flags & 0x0001) !== 0) throw new ZipEncryptedError('encrypted entry');
    if (method !== 0 && method !== 8) throw new ZipMethodError('unsupported compression method');
    need(disk === 0 || disk === 0xffff, 'entry on another disk');
    const utf8Name = rawName.toString('utf8');
    let name = utf8Name;
    const unicode = extras.get(UNICODE_PATH);
    // As JSZip and Info-ZIP read it: the Unicode Path counts only while its CRC matches the raw name.
    if ((flags & 0x0800) === 0 && unicode && unicode.length >= 5 && unicode.readUInt8(0) === 1 && unicode.readUInt32LE(1) === crc32(rawName)) {
      name = unicode.subarray(5).toString('utf8');
    }
    const isUnix = madeBy >> 8 === 3;
    const dir = name.endsWith('/') || (external & 0x10) !== 0 || (isUnix && ((external >>> 16) & 0o170000) === 0o040000);
    entries.push({ name, names: name === utf8Name ? [name] : [name, utf8Name], dir, method, crc, compressedSize, size: uncompressedSize, localHeaderOffset });
    at = next;
  }
  return entries;
}

/**
 * An entry's bytes, inflated on the libuv pool (several entries may be read at once), checked against the
 * directory's size and CRC-32; a stored entry is a view of `b`, not a copy.
 */
export async function readZipEntry(b: Buffer, e: ZipDirectoryEntry): Promise<Buffer> {
  const at = e.localHeaderOffset;
  need(at + 30 <= b.length && b.readUInt32LE(at) === LOCAL_FILE_HEADER, `local header of ${e.name} missing`);
  const start = at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28);
  need(start + e.compressedSize <= b.length, `data of ${e.name} out of range`);
  const body = b.subarray(start, start + e.compressedSize);
  let data: Buffer;
  if (e.method === 0) data = body;
  else {
    try {
      // The directory's size bounds the output: a crafted entry cannot inflate into gigabytes.
      // Output in 1 MB pieces, not zlib's 16 kB: each piece is a callback on this thread (2,700 for audit.json).
      data = await inflateRawAsync(body, { maxOutputLength: Math.max(1, e.size), chunkSize: OUTPUT_CHUNK });
    } catch {
      throw new ZipEntryError(e.name);
    }
  }
  if (data.length !== e.size || (crc32(data) >>> 0) !== e.crc) throw new ZipEntryError(e.name);
  return data;
}
