// A zip file written with node:zlib (issue 13): JSZip deflates and computes CRC-32 in JavaScript, about 1.4 s of the
// 备案包's 6.4 s CPU at 100,000 persons. The layout is JSZip's own with `platform: 'UNIX'` (the packages made before
// read the same): a folder entry before the first file in it, UTF-8 names flagged (bit 11) with the Info-ZIP Unicode
// Path extra field, version 3.0 UNIX, permissions 0100664 / 040775, DOS time in UTC. Unlike JSZip, folders carry the
// package's date too, not the time of writing, so the same package gives the same bytes. No zip64: a package is
// far below 4 GB and 65,535 entries, and a larger one is refused.
import { promisify } from 'node:util';
import { constants, crc32, deflateRaw, deflateRawSync } from 'node:zlib';

const deflateRawAsync = promisify(deflateRaw);

export type ZipEntry = { path: string; bytes: Buffer; deflate: boolean };
/** An entry deflated while it was written (DeflatingEntry): its compressed bytes, and the CRC-32 and size of the original. */
export type DeflatedEntry = { path: string; body: Buffer; crc: number; size: number };

/** Text is deflated in pieces of about this many characters. */
const PIECE = 1 << 20;

/**
 * A text file deflated as it is written (issue 13: the 低保花名册's sheet is ~12 MB of XML at county scale; built
 * whole, then encoded, then deflated, it was held three times and compressed only after its last row). Every
 * piece of about 1 MB is deflated on libuv's thread pool as soon as it is complete, while the caller builds the
 * next: each piece ends with a sync flush (an empty stored block, byte-aligned, not final) and only the last one
 * finishes the stream, so the pieces joined are one valid deflate stream — the way pigz compresses in parallel.
 * Each piece starts with an empty dictionary: the file is a little larger (well under 1%), not different.
 */
export class DeflatingEntry {
  private readonly pieces: Promise<Buffer>[] = [];
  private pending: string[] = [];
  private pendingLength = 0;
  private crc = 0;
  private size = 0;

  constructor(readonly path: string) {}

  write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= PIECE) this.hand(false);
  }

  async end(): Promise<DeflatedEntry> {
    this.hand(true);
    return { path: this.path, body: Buffer.concat(await Promise.all(this.pieces)), crc: this.crc, size: this.size };
  }

  private hand(last: boolean): void {
    const bytes = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingLength = 0;
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    const piece = deflateRawAsync(bytes, { finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
    // Awaited in end(); until then a failure must not count as unhandled.
    piece.catch(() => undefined);
    this.pieces.push(piece);
  }
}

const LOCAL_FILE_HEADER = 0x04034b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const CENTRAL_DIRECTORY_END = 0x06054b50;
const VERSION_MADE_BY_UNIX = 0x031e;
const FILE_ATTR = 0x81b4 << 16; // -rw-rw-r--
const DIR_ATTR = (0x41fd << 16) | 0x10; // drwxrwxr-x, and the DOS directory flag
const LIMIT = 0xffffffff;

function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** The Info-ZIP Unicode Path extra field (0x7075) JSZip writes for a name that is not plain ASCII. */
function unicodePathField(name: Buffer, isAscii: boolean): Buffer {
  if (isAscii) return Buffer.alloc(0);
  const field = Buffer.alloc(4 + 1 + 4 + name.length);
  field.writeUInt16LE(0x7075, 0);
  field.writeUInt16LE(1 + 4 + name.length, 2);
  field.writeUInt8(1, 4);
  field.writeUInt32LE(crc32(name), 5);
  name.copy(field, 9);
  return field;
}

type Written = { name: Buffer; extra: Buffer; flags: number; method: number; crc: number; compressed: number; size: number; offset: number; dir: boolean };

/** One member of the archive as it is written: `body` is the file deflated (method 8) or itself (stored); `dir` a folder. */
type Member = { path: string; body: Buffer; method: 0 | 8; crc: number; size: number; dir: boolean };

const fileMember = (path: string, bytes: Buffer, body: Buffer | null): Member => ({
  path,
  body: body ?? bytes,
  method: body === null ? 0 : 8,
  crc: crc32(bytes),
  size: bytes.length,
  dir: false,
});

/** The members of the zip of `entries` under the folder `rootName`, each folder listed before its first file. */
function folderMembers(rootName: string, entries: readonly ZipEntry[], bodies: readonly (Buffer | null)[]): Member[] {
  const members: Member[] = [];
  const seenDirs = new Set<string>();
  const addDirs = (path: string) => {
    const segments = path.split('/').slice(0, -1);
    for (let i = 1; i <= segments.length; i++) {
      const dir = `${segments.slice(0, i).join('/')}/`;
      if (seenDirs.has(dir)) continue;
      seenDirs.add(dir);
      members.push({ path: dir, body: Buffer.alloc(0), method: 0, crc: 0, size: 0, dir: true });
    }
  };
  addDirs(`${rootName}/`);
  entries.forEach((e, i) => {
    const path = `${rootName}/${e.path}`;
    addDirs(path);
    members.push(fileMember(path, e.bytes, bodies[i] ?? null));
  });
  return members;
}

/**
 * The zip of `entries` under the folder `rootName`, each folder listed before its first file, in the order given.
 * `deflate` compresses an entry (text); the rest are stored (PDF and xlsx are compressed already). `level`: zlib's
 * compression level, its default unless given.
 */
export function zipFolder(rootName: string, entries: readonly ZipEntry[], date: Date, level: number = constants.Z_DEFAULT_COMPRESSION): Buffer {
  return writeZip(folderMembers(rootName, entries, entries.map((e) => (e.deflate ? deflateRawSync(e.bytes, { level }) : null))), date);
}

/** Deflates on the libuv pool: the same bytes as deflateRawSync (same zlib, same settings), off the caller's thread. */
// Output in 1 MB pieces (each is a callback on the caller's thread); the compressed bytes do not depend on it.
export const deflateEntry = (bytes: Buffer, level: number = constants.Z_DEFAULT_COMPRESSION): Promise<Buffer> =>
  deflateRawAsync(bytes, { chunkSize: 1024 * 1024, level });

/**
 * zipFolder, byte for byte, with the entries deflated on the libuv pool side by side (issue 13: 58 MB of JSON in a
 * 备案包 at county scale). `deflated` may hand in a body already being made (deflateEntry), so that it is
 * compressed while the caller does other work.
 */
export async function zipFolderAsync(
  rootName: string,
  entries: readonly (ZipEntry & { deflated?: Promise<Buffer> })[],
  date: Date,
  level: number = constants.Z_DEFAULT_COMPRESSION,
): Promise<Buffer> {
  const bodies = await Promise.all(entries.map((e) => (e.deflate ? (e.deflated ?? deflateEntry(e.bytes, level)) : null)));
  return writeZip(folderMembers(rootName, entries, bodies), date);
}

/**
 * The zip of `entries` at the archive's root, with no folder entries: the layout of an Office Open XML package
 * (an .xlsx), which readers find by path. The entries are deflated at once on libuv's thread pool rather than one
 * after another on the calling thread (issue 13: the 低保花名册's sheet is ~12 MB of XML at county scale).
 */
export async function zipFiles(entries: readonly (ZipEntry | DeflatedEntry)[], date: Date): Promise<Buffer> {
  const members = await Promise.all(
    entries.map(async (e): Promise<Member> => {
      if ('body' in e) return { path: e.path, body: e.body, method: 8, crc: e.crc, size: e.size, dir: false };
      return { path: e.path, body: e.deflate ? await deflateRawAsync(e.bytes) : e.bytes, method: e.deflate ? 8 : 0, crc: crc32(e.bytes), size: e.bytes.length, dir: false };
    }),
  );
  return writeZip(members, date);
}

function writeZip(members: readonly Member[], date: Date): Buffer {
  const stamp = dosDateTime(date);
  const parts: Buffer[] = [];
  const written: Written[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.path, 'utf8');
    const isAscii = name.length === m.path.length;
    const w: Written = {
      name,
      extra: unicodePathField(name, isAscii),
      flags: isAscii ? 0 : 0x0800,
      method: m.method,
      crc: m.crc,
      compressed: m.body.length,
      size: m.size,
      offset,
      dir: m.dir,
    };
    if (w.size > LIMIT || w.compressed > LIMIT || offset > LIMIT) throw new Error('压缩包超过 4 GB，无法写入');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_FILE_HEADER, 0);
    writeCommon(header, 4, w, stamp);
    parts.push(header, name, w.extra, m.body);
    offset += header.length + name.length + w.extra.length + m.body.length;
    written.push(w);
  }
  const centralStart = offset;
  for (const w of written) {
    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_FILE_HEADER, 0);
    header.writeUInt16LE(VERSION_MADE_BY_UNIX, 4);
    writeCommon(header, 6, w, stamp);
    // comment length, disk number, internal attributes: 0
    header.writeUInt32LE(w.dir ? DIR_ATTR >>> 0 : FILE_ATTR >>> 0, 38);
    header.writeUInt32LE(w.offset, 42);
    parts.push(header, w.name, w.extra);
    offset += header.length + w.name.length + w.extra.length;
  }
  if (written.length > 0xffff) throw new Error('压缩包文件数超过 65535，无法写入');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(CENTRAL_DIRECTORY_END, 0);
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(offset - centralStart, 12);
  end.writeUInt32LE(centralStart, 16);
  parts.push(end);
  return Buffer.concat(parts);
}

/** The fields a local header and a central directory entry share, from "version needed" to "extra field length". */
function writeCommon(b: Buffer, at: number, w: Written, stamp: { time: number; date: number }): void {
  b.writeUInt16LE(10, at); // version needed to extract, as JSZip writes it
  b.writeUInt16LE(w.flags, at + 2);
  b.writeUInt16LE(w.method, at + 4);
  b.writeUInt16LE(stamp.time, at + 6);
  b.writeUInt16LE(stamp.date, at + 8);
  b.writeUInt32LE(w.crc >>> 0, at + 10);
  b.writeUInt32LE(w.compressed, at + 14);
  b.writeUInt32LE(w.size, at + 18);
  b.writeUInt16LE(w.name.length, at + 22);
  b.writeUInt16LE(w.extra.length, at + 24);
}
