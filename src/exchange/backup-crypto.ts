// The encrypted backup container (issue 11), AES-256-GCM with node:crypto only.
//
//   "DIBAOBAK"  u16 version (2)  u32 header length  header (UTF-8 JSON, plaintext)
//   then chunks, each:  u32 sealed length  ciphertext  16-byte GCM tag
//
// The header carries only what identifies a backup without revealing anyone in it (time, kind, program and
// schema version, office name, counts, file count) and the encryption parameters (random salt, key id, chunk
// size). Everything else — backup.json with its file list and hashes, the database, the documents and
// attachments — is in the chunks. Each chunk is at most `chunkBytes` of plaintext, deflated, then sealed with
// a key derived for this file (HKDF-SHA256 over the office backup key and the file's random salt), a nonce made
// of the chunk's index, and as additional data the SHA-256 of the header, the index and a "last chunk" flag
// (the STREAM construction). So a reader checks every chunk before using a byte of it, cannot be fed chunks
// out of order, from another file, or a file cut at a chunk boundary or extended, and any change to the
// plaintext header is caught by the first chunk.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { promises as fsp } from 'node:fs';
import { promisify } from 'node:util';
import { deflateRaw, inflateRawSync } from 'node:zlib';
import { RECOVERY_KEY_DIGITS, normalizeRecoveryKey } from '../contract/commands/filing';

export const ENCRYPTED_MAGIC = Buffer.from('DIBAOBAK', 'ascii');
export const CONTAINER_VERSION = 2;
export const BACKUP_KEY_BYTES = 32;
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
const PREFIX_BYTES = ENCRYPTED_MAGIC.length + 2 + 4;
const TAG_BYTES = 16;
const MAX_HEADER_BYTES = 64 * 1024;
/** Deflate can grow incompressible data a little; anything beyond this is not a chunk this program wrote. */
const chunkLimit = (chunkBytes: number) => chunkBytes + Math.ceil(chunkBytes / 1000) + 1024 + TAG_BYTES;
const HKDF_INFO = Buffer.from('dibao-backup v2 payload key', 'ascii');
const deflateRawAsync = promisify(deflateRaw);
/**
 * Chunks deflated ahead of the one being sealed. Each is a thread-pool thread busy at once beside the worker, on
 * an office PC with 2 cores: at 100,000 persons 3 ahead was no faster (3.3 s against 2.7 s, on a noisy machine)
 * and let the server's thread wait up to 225 ms for a core; 2 kept the longest request at 166 ms
 * (scripts/bench-scale.ts, the 自动备份 rows).
 */
const DEFLATE_AHEAD = 2;

export type EncryptionParams = {
  cipher: 'AES-256-GCM';
  kdf: 'HKDF-SHA256';
  compression: 'deflate-raw';
  /** Base64 of 32 random bytes, new for every backup. */
  salt: string;
  /** Which office backup key encrypted this file (see backupKeyId); never the key itself. */
  keyId: string;
  chunkBytes: number;
};

/** The plaintext header: what the caller shows before decryption, plus the encryption parameters. */
export type ContainerHeader<P extends object> = P & { encryption: EncryptionParams };

export class BackupCryptoError extends Error {
  override name = 'BackupCryptoError';
}

/**
 * The key's public name: 16 hex digits of an HMAC under the key, in groups of four. It tells which key a backup
 * needs and whether a typed recovery key is the right one, and reveals nothing of the key.
 */
export function backupKeyId(key: Buffer): string {
  const hex = createHmac('sha256', key).update('dibao backup key id').digest('hex').slice(0, 16).toUpperCase();
  return hex.match(/.{4}/g)!.join('-');
}

const fileKey = (key: Buffer, salt: Buffer): Buffer => Buffer.from(hkdfSync('sha256', key, salt, HKDF_INFO, 32));

function nonce(index: number): Buffer {
  const n = Buffer.alloc(12);
  n.writeBigUInt64BE(BigInt(index), 4);
  return n;
}

function aad(headerHash: Buffer, index: number, final: boolean): Buffer {
  const b = Buffer.alloc(headerHash.length + 9);
  headerHash.copy(b, 0);
  b.writeBigUInt64BE(BigInt(index), headerHash.length);
  b[headerHash.length + 8] = final ? 1 : 0;
  return b;
}

/** Where the encrypted bytes go: the durable-write seam's writer (src/exchange/durable.ts). */
export type ByteSink = { write: (bytes: Uint8Array) => Promise<void> };

/**
 * Streams plaintext into a sink as an encrypted container. `write` buffers up to one chunk; `finish` seals the
 * last one. The caller owns the sink (fsync, close, rename).
 */
export class EncryptedWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;
  private written = 0;
  private readonly key: Buffer;
  private readonly headerHash: Buffer;
  private readonly hash = createHash('sha256');

  private constructor(
    private readonly sink: ByteSink,
    masterKey: Buffer,
    salt: Buffer,
    headerBytes: Buffer,
    private readonly chunkBytes: number,
  ) {
    this.key = fileKey(masterKey, salt);
    this.headerHash = createHash('sha256').update(headerBytes).digest();
  }

  static async start<P extends object>(
    sink: ByteSink,
    masterKey: Buffer,
    publicFields: P,
    chunkBytes = DEFAULT_CHUNK_BYTES,
  ): Promise<EncryptedWriter> {
    if (masterKey.length !== BACKUP_KEY_BYTES) throw new BackupCryptoError('备份密钥长度不对');
    const salt = randomBytes(32);
    const header: ContainerHeader<P> = {
      ...publicFields,
      encryption: { cipher: 'AES-256-GCM', kdf: 'HKDF-SHA256', compression: 'deflate-raw', salt: salt.toString('base64'), keyId: backupKeyId(masterKey), chunkBytes },
    };
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const prefix = Buffer.alloc(PREFIX_BYTES);
    ENCRYPTED_MAGIC.copy(prefix, 0);
    prefix.writeUInt16BE(CONTAINER_VERSION, ENCRYPTED_MAGIC.length);
    prefix.writeUInt32BE(headerBytes.length, ENCRYPTED_MAGIC.length + 2);
    const w = new EncryptedWriter(sink, masterKey, salt, headerBytes, chunkBytes);
    await w.emit(Buffer.concat([prefix, headerBytes]));
    return w;
  }

  private async emit(bytes: Buffer): Promise<void> {
    await this.sink.write(bytes);
    this.written += bytes.length;
    this.hash.update(bytes);
  }

  /**
   * Chunks being deflated, in order. Deflate runs on libuv's thread pool while this thread reads, hashes and
   * encrypts the next ones (issue 13: deflating 175 MB on one thread was most of a county backup's time); the
   * chunks are still sealed one after another, each with its index.
   */
  private queue: { deflated: Promise<Buffer>; final: boolean }[] = [];

  private enqueue(plain: Buffer, final: boolean): void {
    const deflated = deflateRawAsync(plain, { level: 1 });
    // Awaited in drain(); a writer abandoned by an error elsewhere must not leave an unhandled rejection.
    deflated.catch(() => undefined);
    this.queue.push({ deflated, final });
  }

  private async drain(keep: number): Promise<void> {
    while (this.queue.length > keep) {
      const next = this.queue.shift()!;
      await this.seal(await next.deflated, next.final);
    }
  }

  private async seal(deflated: Buffer, final: boolean): Promise<void> {
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce(this.index), { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(this.headerHash, this.index, final));
    const body = Buffer.concat([cipher.update(deflated), cipher.final(), cipher.getAuthTag()]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    this.index++;
    await this.emit(Buffer.concat([len, body]));
  }

  async write(data: Uint8Array): Promise<void> {
    if (data.length === 0) return;
    this.pending.push(Buffer.from(data));
    this.pendingBytes += data.length;
    // Keep at least one byte back: the last chunk must be sealed as the last, and only `finish` knows which.
    while (this.pendingBytes > this.chunkBytes) {
      const all = Buffer.concat(this.pending);
      this.enqueue(all.subarray(0, this.chunkBytes), false);
      const rest = Buffer.from(all.subarray(this.chunkBytes));
      this.pending = [rest];
      this.pendingBytes = rest.length;
      await this.drain(DEFLATE_AHEAD);
    }
  }

  /** Seals the last chunk; returns the container's size in bytes. */
  async finish(): Promise<number> {
    this.enqueue(Buffer.concat(this.pending), true);
    await this.drain(0);
    this.pending = [];
    this.pendingBytes = 0;
    return this.written;
  }

  /** SHA-256 of every byte written, computed on the way (after `finish`): the read-back compares the disk's bytes. */
  sha256(): string {
    return this.hash.copy().digest('hex');
  }
}

export type OpenedContainer = {
  header: ContainerHeader<Record<string, unknown>>;
  headerBytes: Buffer;
  bodyOffset: number;
  size: number;
};

export const hasEncryptedMagic = (head: Buffer): boolean => head.length >= ENCRYPTED_MAGIC.length && head.subarray(0, ENCRYPTED_MAGIC.length).equals(ENCRYPTED_MAGIC);

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buf, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buf : buf.subarray(0, done);
}

const TAMPERED = '备份文件已被改动或已损坏（加密校验未通过），不能使用。';

/** Reads and checks the plaintext header (nothing is decrypted). */
export async function openContainer(path: string): Promise<OpenedContainer> {
  const handle = await fsp.open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const prefix = await readAt(handle, 0, PREFIX_BYTES);
    if (prefix.length < PREFIX_BYTES || !hasEncryptedMagic(prefix)) throw new BackupCryptoError('该文件不是本程序的加密备份文件。');
    const version = prefix.readUInt16BE(ENCRYPTED_MAGIC.length);
    if (version !== CONTAINER_VERSION) throw new BackupCryptoError(`该备份文件的格式版本（${version}）本程序不认识，可能由更新版本的程序制作，请升级程序后再恢复。`);
    const headerLength = prefix.readUInt32BE(ENCRYPTED_MAGIC.length + 2);
    if (headerLength === 0 || headerLength > MAX_HEADER_BYTES || PREFIX_BYTES + headerLength > size) throw new BackupCryptoError(TAMPERED);
    const headerBytes = await readAt(handle, PREFIX_BYTES, headerLength);
    let header: ContainerHeader<Record<string, unknown>>;
    try {
      header = JSON.parse(headerBytes.toString('utf8')) as ContainerHeader<Record<string, unknown>>;
    } catch {
      throw new BackupCryptoError(TAMPERED);
    }
    const e = header?.encryption;
    const validParams =
      e &&
      e.cipher === 'AES-256-GCM' &&
      e.kdf === 'HKDF-SHA256' &&
      e.compression === 'deflate-raw' &&
      typeof e.salt === 'string' &&
      Buffer.from(e.salt, 'base64').length === 32 &&
      typeof e.keyId === 'string' &&
      /^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/.test(e.keyId) &&
      Number.isInteger(e.chunkBytes) &&
      e.chunkBytes >= 1024 &&
      e.chunkBytes <= 16 * 1024 * 1024;
    if (!validParams) throw new BackupCryptoError(TAMPERED);
    return { header, headerBytes, bodyOffset: PREFIX_BYTES + headerLength, size };
  } finally {
    await handle.close();
  }
}

/**
 * Decrypts the chunks one by one, yielding each chunk's plaintext only after its tag has been checked. Throws
 * BackupCryptoError on a wrong key, a changed byte, a cut or an extended file. The whole file is proven intact
 * only when the generator has run to its end.
 */
export async function* decryptChunks(path: string, opened: OpenedContainer, masterKey: Buffer): AsyncGenerator<Buffer> {
  const { encryption } = opened.header;
  const key = fileKey(masterKey, Buffer.from(encryption.salt, 'base64'));
  const headerHash = createHash('sha256').update(opened.headerBytes).digest();
  const limit = chunkLimit(encryption.chunkBytes);
  const handle = await fsp.open(path, 'r');
  try {
    // Measured again here: the file may have changed since the header was read.
    const size = (await handle.stat()).size;
    let position = opened.bodyOffset;
    let index = 0;
    if (position >= size) throw new BackupCryptoError(TAMPERED);
    while (position < size) {
      const lenBytes = await readAt(handle, position, 4);
      if (lenBytes.length < 4) throw new BackupCryptoError(TAMPERED);
      const sealedLength = lenBytes.readUInt32BE(0);
      if (sealedLength < TAG_BYTES || sealedLength > limit || position + 4 + sealedLength > size) throw new BackupCryptoError(TAMPERED);
      const sealed = await readAt(handle, position + 4, sealedLength);
      position += 4 + sealedLength;
      const final = position === size;
      const decipher = createDecipheriv('aes-256-gcm', key, nonce(index), { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(headerHash, index, final));
      decipher.setAuthTag(sealed.subarray(sealedLength - TAG_BYTES));
      let plain: Buffer;
      try {
        const deflated = Buffer.concat([decipher.update(sealed.subarray(0, sealedLength - TAG_BYTES)), decipher.final()]);
        plain = inflateRawSync(deflated, { maxOutputLength: encryption.chunkBytes });
      } catch {
        throw new BackupCryptoError(TAMPERED);
      }
      index++;
      yield plain;
    }
  } finally {
    await handle.close();
  }
}

/** Pulls exact byte counts out of a chunk stream (the member records inside a container cross chunk borders). */
export class ChunkReader {
  private buffer: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async fill(min: number): Promise<boolean> {
    while (this.buffer.length < min && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else this.buffer = this.buffer.length ? Buffer.concat([this.buffer, next.value]) : next.value;
    }
    return this.buffer.length >= min;
  }

  /** Exactly `n` bytes (small records); throws when the stream ends first. */
  async read(n: number): Promise<Buffer> {
    if (!(await this.fill(n))) throw new BackupCryptoError(TAMPERED);
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return out;
  }

  /** Passes exactly `n` bytes to `sink` in pieces as they are decrypted (large files). */
  async pipe(n: number, sink: (piece: Buffer) => Promise<void>): Promise<void> {
    let left = n;
    while (left > 0) {
      if (!(await this.fill(1))) throw new BackupCryptoError(TAMPERED);
      const piece = this.buffer.subarray(0, Math.min(left, this.buffer.length));
      this.buffer = this.buffer.subarray(piece.length);
      left -= piece.length;
      await sink(piece);
    }
  }

  /** True when the stream has ended with nothing left over; runs the source to its end (the last tag). */
  async atEnd(): Promise<boolean> {
    return !(await this.fill(1));
  }
}

// ---------------------------------------------------------------- recovery key (恢复密钥)

/** 2^256 has 78 decimal digits; two check digits make 80 (RECOVERY_KEY_DIGITS), printed as 20 groups of 4. */
const KEY_DIGITS = 78;
const LIMIT = 1n << 256n;

function checkDigits(key: Buffer): string {
  return String(createHash('sha256').update(key).digest().readUInt16BE(0) % 100).padStart(2, '0');
}

/** The key as 80 digits in groups of four, for the 恢复密钥 sheet. */
export function recoveryKeyGroups(key: Buffer): string[] {
  if (key.length !== BACKUP_KEY_BYTES) throw new BackupCryptoError('备份密钥长度不对');
  const digits = BigInt(`0x${key.toString('hex')}`).toString(10).padStart(KEY_DIGITS, '0') + checkDigits(key);
  return digits.match(/.{4}/g)!;
}

export class RecoveryKeyError extends Error {
  override name = 'RecoveryKeyError';
}

/** Reads a typed recovery key; spaces, dashes and full-width digits are tolerated. Throws with a Chinese message. */
export function parseRecoveryKey(text: string): Buffer {
  const digits = normalizeRecoveryKey(text);
  if (!/^\d+$/.test(digits)) throw new RecoveryKeyError('恢复密钥只含数字，请对照恢复密钥单重新输入。');
  if (digits.length !== RECOVERY_KEY_DIGITS) throw new RecoveryKeyError(`恢复密钥应为 ${RECOVERY_KEY_DIGITS} 位数字，现在是 ${digits.length} 位，请对照恢复密钥单检查。`);
  const value = BigInt(digits.slice(0, KEY_DIGITS));
  if (value >= LIMIT) throw new RecoveryKeyError('恢复密钥有误（数值超出范围），请对照恢复密钥单检查。');
  const key = Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
  if (checkDigits(key) !== digits.slice(KEY_DIGITS)) throw new RecoveryKeyError('恢复密钥有误（校验位不符），可能有数字输错，请对照恢复密钥单逐组检查。');
  return key;
}
