// The office backup key (issue 11): 32 random bytes that encrypt every backup (src/exchange/backup-crypto.ts).
//
// It lives in `<dataDir>/keys/backup.key`, outside backups/ and never inside a backup, a file readable by the
// user only (0600 in a 0700 folder). What the file holds for each key is what a KeyProtector made of it: the
// browser host and the command line use the plain-file protector (the file's permissions are the protection),
// Electron wraps the key with the operating system's safeStorage (DPAPI, Keychain, libsecret;
// electron/key-protector.ts). The file is a small keyring: the current key encrypts new backups; earlier keys
// (the one this PC made before a restore with a recovery key, for example) stay so that older backups, among
// them the pre-restore ones, can still be opened. Each key is named by its key id, which backups carry in the
// clear; the key itself is shown only on the 恢复密钥 sheet.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BACKUP_KEY_BYTES, backupKeyId } from '../exchange/backup-crypto';
import { fsyncDirSync } from '../exchange/restore-journal';
import type { Clock } from './context';

export type KeyProtectionMethod = 'file' | 'safe-storage';

/** Wraps the key for storage on this PC. Implementations: `fileKeyProtector` here, safeStorage in electron/. */
export type KeyProtector = {
  readonly method: KeyProtectionMethod;
  protect: (secret: Buffer) => Promise<Buffer>;
  unprotect: (stored: Buffer) => Promise<Buffer>;
};

/** The file's permissions (0600, in a 0700 folder) are the protection: for the browser host and the CLI. */
export const fileKeyProtector: KeyProtector = {
  method: 'file',
  protect: async (secret) => Buffer.from(secret),
  unprotect: async (stored) => Buffer.from(stored),
};

export const KEYS_DIR = 'keys';
export const BACKUP_KEY_FILE = 'backup.key';

type KeyEntry = {
  id: string;
  method: KeyProtectionMethod;
  /** Base64 of what the protector made of the key. */
  data: string;
  createdAt: string;
  origin: 'generated' | 'recovery-key';
};

type KeyringFile = { format: 'dibao-backup-keys'; version: 1; current: string; keys: KeyEntry[] };

export type BackupKeyInfo = { keyId: string; createdAt: string; method: KeyProtectionMethod; origin: KeyEntry['origin']; keyCount: number };

export class BackupKeyError extends Error {
  override name = 'BackupKeyError';
}

export class BackupKeyring {
  readonly file: string;

  constructor(
    readonly dataDir: string,
    private readonly protector: KeyProtector,
    private readonly clock: Clock,
  ) {
    this.file = join(dataDir, KEYS_DIR, BACKUP_KEY_FILE);
  }

  private read(): KeyringFile | null {
    if (!existsSync(this.file)) return null;
    let k: KeyringFile;
    try {
      k = JSON.parse(readFileSync(this.file, 'utf8')) as KeyringFile;
    } catch {
      throw new BackupKeyError(`本机备份密钥文件「${this.file}」已损坏，无法读取。请联系技术人员；可用恢复密钥单在其他电脑上恢复备份。`);
    }
    const ok =
      k?.format === 'dibao-backup-keys' &&
      k.version === 1 &&
      Array.isArray(k.keys) &&
      k.keys.every((e) => e && typeof e.id === 'string' && typeof e.data === 'string' && (e.method === 'file' || e.method === 'safe-storage')) &&
      k.keys.some((e) => e.id === k.current);
    if (!ok) throw new BackupKeyError(`本机备份密钥文件「${this.file}」格式不符，无法读取。请联系技术人员。`);
    return k;
  }

  /** Writes the keyring durably, owner-only. `create`: fails if another process made one meanwhile. */
  private write(k: KeyringFile, create: boolean): void {
    const dir = join(this.dataDir, KEYS_DIR);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = join(dir, `.${BACKUP_KEY_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      const bytes = Buffer.from(`${JSON.stringify(k, null, 2)}\n`, 'utf8');
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      // A new keyring must not replace one another process created a moment ago (a link fails if the name
      // exists); later changes replace it whole with a rename.
      if (create) linkSync(tmp, this.file);
      else renameSync(tmp, this.file);
    } finally {
      rmSync(tmp, { force: true });
    }
    fsyncDirSync(dir);
  }

  private async unwrap(e: KeyEntry): Promise<Buffer> {
    const stored = Buffer.from(e.data, 'base64');
    let key: Buffer;
    if (e.method === 'file') key = stored;
    else if (this.protector.method === e.method) {
      try {
        key = await this.protector.unprotect(stored);
      } catch {
        throw new BackupKeyError('系统无法解开本机保存的备份密钥（系统钥匙串不可用或当前用户不同）。请用原来的 Windows 用户登录，或在恢复时输入恢复密钥。');
      }
    } else throw new BackupKeyError('本机备份密钥由桌面版程序通过系统钥匙串保护，命令行和浏览器版无法读取。请在桌面版中备份和恢复，或恢复时输入恢复密钥。');
    if (key.length !== BACKUP_KEY_BYTES || backupKeyId(key) !== e.id) throw new BackupKeyError(`本机备份密钥文件「${this.file}」已损坏（密钥与编号不符）。请联系技术人员。`);
    return key;
  }

  private async entry(key: Buffer, origin: KeyEntry['origin']): Promise<KeyEntry> {
    return { id: backupKeyId(key), method: this.protector.method, data: (await this.protector.protect(key)).toString('base64'), createdAt: this.clock().toISOString(), origin };
  }

  /** The key new backups are encrypted with; made (random) on first use. */
  async current(): Promise<{ id: string; key: Buffer }> {
    let ring = this.read();
    if (!ring) {
      const key = randomBytes(BACKUP_KEY_BYTES);
      const e = await this.entry(key, 'generated');
      try {
        this.write({ format: 'dibao-backup-keys', version: 1, current: e.id, keys: [e] }, true);
        return { id: e.id, key };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        ring = this.read()!;
      }
    }
    const e = ring.keys.find((k) => k.id === ring.current)!;
    const key = await this.unwrap(e);
    // A key kept as a plain file on a PC where the desktop program can protect it gets protected now.
    if (e.method !== this.protector.method && e.method === 'file') {
      const upgraded = await this.entry(key, e.origin);
      this.write({ ...ring, keys: ring.keys.map((k) => (k.id === e.id ? { ...upgraded, createdAt: e.createdAt } : k)) }, false);
    }
    return { id: e.id, key };
  }

  /** The key with this id, or null when this PC does not have it. */
  async find(id: string): Promise<Buffer | null> {
    const e = this.read()?.keys.find((k) => k.id === id);
    return e ? this.unwrap(e) : null;
  }

  /**
   * Makes a key typed from a 恢复密钥 sheet this PC's current key (after a restore with it), keeping the
   * others: the restored office's own backups and sheet go on matching.
   */
  async adopt(key: Buffer): Promise<string> {
    const ring = this.read();
    const id = backupKeyId(key);
    if (!ring) {
      const e = await this.entry(key, 'recovery-key');
      this.write({ format: 'dibao-backup-keys', version: 1, current: id, keys: [e] }, true);
      return id;
    }
    const keys = ring.keys.some((k) => k.id === id) ? ring.keys : [...ring.keys, await this.entry(key, 'recovery-key')];
    this.write({ ...ring, current: id, keys }, false);
    return id;
  }

  /** The current key's public facts (no secret is read). Null before the first backup. */
  info(): BackupKeyInfo | null {
    const ring = this.read();
    if (!ring) return null;
    const e = ring.keys.find((k) => k.id === ring.current)!;
    return { keyId: e.id, createdAt: e.createdAt, method: e.method, origin: e.origin, keyCount: ring.keys.length };
  }
}
