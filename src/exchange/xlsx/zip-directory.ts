// The zip container of an uploaded .xlsx, read through its central directory only (the one directory parser is
// src/exchange/zip-reader.ts). The limits are checked on what the directory declares, before a single byte is
// inflated: a 0.4 MB "zip bomb" once took the server from 525 MB to 2.6 GB (issue 11). An entry is then inflated
// with its declared size as a hard ceiling, so a directory that lies about a size is caught too, and its CRC-32 is
// checked.
import { crc32, inflateRawSync } from 'node:zlib';
import { readZipDirectory as readDirectory, ZipEncryptedError, ZipFormatError, ZipMethodError, ZipTooManyEntriesError, type ZipDirectoryEntry } from '../zip-reader';
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

export type ZipEntry = ZipDirectoryEntry;

const MB = (n: number) => `${Math.round(n / 1024 / 1024)}MB`;

/** The directory, its problems in the clerk's words. */
function directoryOf(bytes: Buffer): ZipEntry[] {
  try {
    // A forged count is refused before the directory is walked; bytes after the directory are tolerated, as
    // Excel and WPS tolerate them.
    return readDirectory(bytes, { maxEntries: ZIP_LIMITS.entries, trailingBytes: true });
  } catch (err) {
    if (err instanceof ZipTooManyEntriesError) {
      throw new SheetError(`文件内部包含 ${err.count.toLocaleString()} 个部件，超过上限 ${ZIP_LIMITS.entries.toLocaleString()} 个，不像正常的 Excel 工作簿，未导入`);
    }
    if (err instanceof ZipEncryptedError) throw new SheetError('文件设置了密码（已加密），请先在 Excel 或 WPS 中取消密码、另存为 .xlsx 后再导入');
    if (err instanceof ZipMethodError) throw new SheetError('文件使用了不支持的压缩方式，请在 Excel 或 WPS 中另存为 .xlsx 后再导入');
    if (err instanceof ZipFormatError) throw new SheetError(DAMAGED);
    throw err;
  }
}

/**
 * The entries as the central directory lists them, after the limits: too many entries, a part or all parts too
 * large when inflated, or a compression ratio only a bomb has, are refused with a Chinese message.
 */
export function readZipDirectory(bytes: Buffer): ZipEntry[] {
  const entries = directoryOf(bytes);
  let total = 0;
  for (const { name, size, compressedSize } of entries) {
    if (size > ZIP_LIMITS.entryBytes) {
      throw new SheetError(`文件中的「${name}」解压后有 ${MB(size)}，超过单个部件 ${MB(ZIP_LIMITS.entryBytes)} 的上限，未导入。请把名单拆成几个较小的文件`);
    }
    if (size > ZIP_LIMITS.ratioFloorBytes && size / Math.max(1, compressedSize) > ZIP_LIMITS.ratio) {
      throw new SheetError(`文件中的「${name}」压缩比异常（${Math.round(size / Math.max(1, compressedSize))}:1），可能是恶意构造的“压缩炸弹”，未导入`);
    }
    total += size;
    if (total > ZIP_LIMITS.totalBytes) {
      throw new SheetError(`文件解压后超过 ${MB(ZIP_LIMITS.totalBytes)} 的上限，未导入。请把名单拆成几个较小的文件`);
    }
  }
  return entries;
}

/** The inflated bytes of one entry; never more than the directory declared, and only with a matching CRC-32. */
export function extractEntry(bytes: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_FILE_HEADER) throw new SheetError(DAMAGED);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new SheetError(DAMAGED);
  const raw = bytes.subarray(start, end);
  let out: Buffer;
  // The directory holds stored (0) and deflated (8) entries only: zip-reader refuses any other method.
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new SheetError(DAMAGED);
    out = raw;
  } else if (entry.size === 0) {
    out = Buffer.alloc(0);
  } else {
    try {
      // The ceiling is what the directory promised: more output than that is a lie, not a bigger buffer.
      out = inflateRawSync(raw, { maxOutputLength: entry.size });
    } catch {
      throw new SheetError(DAMAGED);
    }
  }
  if (out.length !== entry.size || crc32(out) >>> 0 !== entry.crc) throw new SheetError(DAMAGED);
  return out;
}

const LOCAL_FILE_HEADER = 0x04034b50;
