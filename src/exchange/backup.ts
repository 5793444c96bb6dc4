// Backups (issues 7 and 11). Since issue 11 a backup is ONE encrypted file (src/exchange/backup-crypto.ts):
//
//   plaintext header       format "dibao-backup" v2: createdAt, kind, appVersion, schemaVersion, office name,
//                          counts, file count — nothing about any person — and the encryption parameters
//   encrypted content      a sequence of members (u16 name length, name, u64 size, bytes):
//     backup.json            createdAt, kind, versions, office, counts, the signing key's fingerprint, the audit
//                            chain head of the database inside, and every file with its size and SHA-256
//     backup.sig.json        the office key's Ed25519 signature over backup.json's bytes (src/exchange/signing.ts),
//                            made by the caller through `meta` (BACKUP_META_NAMES)
//     dibao.sqlite           a consistent snapshot made with SQLite's online backup API (db.backup)
//     documents/…            the issued PDFs, as under <dataDir>/documents
//     attachments/…          the scanned attachments, as under <dataDir>/attachments
//
// backup.json comes first, so every name is checked (both platforms' path rules, src/exchange/archive-paths.ts)
// before any file is written; the files follow in its order. The file is written under a temporary name,
// fsynced, read back and checked completely (every chunk's tag, every SHA-256, PRAGMA integrity_check, every
// registered document present with its hash), and only then renamed to its final name. Reading a backup for a
// restore runs the same checks before anything in the data folder is touched.
//
// Provenance: the encryption proves the file was made with a key of this office's backup keyring (or its recovery
// key), which a printed sheet shares; the signature proves which office made it. A backup is refused when its
// signature is missing or invalid, when the signer is not the office key inside its own database, or when the
// audit chain head in backup.json is not the database's. Only a backup whose database predates the office key
// (migration 13) may be unsigned, with a warning.
//
// Backups made before issue 11 are plain zips (format v1, the same members, never signed); they can still be
// read, with a warning, and their entry names get the same path check. A zip with backup.json of format 2 (signed
// but unencrypted) was only ever written by a development build of issue 11 and is refused as not this program's:
// accepting it would keep a second, unencrypted way in for data the encrypted format exists to protect.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, promises as fsp } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { crc32 } from 'node:zlib';
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import type { BackupCounts, BackupKind } from '../contract/commands/filing';
import { auditChainHead, verifyAuditChain, type ChainReport } from '../store/audit-chain';
import type { Db } from '../store/db';
import { dataCounts, registeredFiles } from '../store/filing';
import { getOfficeKey } from '../store/office-key';
import { effectiveMode } from '../store/office-mode';
import type { OfficeMode } from '../contract/command';
import { getSetting } from '../store/settings';
import { archivePathProblem, caseClash, shownName } from './archive-paths';
import { BackupCryptoError, ChunkReader, EncryptedWriter, decryptChunks, hasEncryptedMagic, openContainer } from './backup-crypto';
import { crashPoint } from './crash-points';
import { exchangeFiles, sha256Hex, syncDir } from './durable';
import { FILE_FOLDERS, SNAPSHOT_FILE } from './restore-journal';
import { BACKUP_SIGNATURE_FILE, verifyBackupManifest, type BackupProvenance } from './signing';

export { FILE_FOLDERS, SNAPSHOT_FILE };
export const BACKUP_MANIFEST = 'backup.json';
/** Where the database snapshot lies while a backup is made: `<dataDir>/.backup-work/<pid>-<id>/`. */
export const BACKUP_WORK_DIR = '.backup-work';
/** A backup being written: `<folder>/.<pid>-<id>.backup.partial`, renamed when checked. */
export const BACKUP_PARTIAL_SUFFIX = '.backup.partial';
/**
 * Members that may follow backup.json without being listed in it, because they are made from its bytes (a
 * signature over backup.json). Anything else not listed is refused.
 */
export const BACKUP_META_NAMES: ReadonlySet<string> = new Set([BACKUP_SIGNATURE_FILE]);
const BACKUP_KINDS: readonly BackupKind[] = ['auto', 'manual', 'pre-restore'];
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const MAX_META_BYTES = 1024 * 1024;

export type BackupFileEntry = { path: string; size: number; sha256: string };

export type BackupManifest = {
  format: 'dibao-backup';
  /** 1: plain zip (before issue 11); 2: encrypted container. */
  version: 1 | 2;
  createdAt: string;
  kind: BackupKind;
  appVersion: string;
  schemaVersion: number;
  officeName: string | null;
  counts: BackupCounts;
  /** The office key that signs backup.json (absent only in backups older than the key). */
  signer?: { algorithm: 'Ed25519'; fingerprint: string };
  /** The audit chain of the database inside when the backup was made: a restore checks the database against it. */
  auditChain?: { rows: number; head: { id: number; hash: string } };
  files: BackupFileEntry[];
};

/** What an encrypted backup shows before decryption. No names, ID numbers, paths or hashes: see README. */
export type BackupPublicHeader = {
  format: 'dibao-backup';
  version: 2;
  createdAt: string;
  kind: BackupKind;
  appVersion: string;
  schemaVersion: number;
  officeName: string | null;
  counts: BackupCounts;
  fileCount: number;
};

export class BackupError extends Error {
  override name = 'BackupError';
}

/** The backup is encrypted with a key this PC does not have: the caller asks for the recovery key. */
export class BackupKeyRequiredError extends BackupError {
  constructor(
    readonly header: BackupPublicHeader,
    readonly keyId: string,
    readonly size: number,
  ) {
    super(`该备份由其他电脑（或更换密钥前）制作，本机没有它的密钥（密钥编号 ${keyId}）。请输入该单位恢复密钥单上的恢复密钥。`);
  }
}

/** Finds an office backup key by its id (src/services/backup-keys.ts, or a typed recovery key). */
export type KeyLookup = (keyId: string) => Promise<Buffer | null>;

async function walk(root: string, dir: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const abs = join(dir, e.name);
    if (e.isDirectory()) await walk(root, abs, out);
    // Unfinished writes of the documents registry (`*.tmp`) are not part of the data, and a name no restore
    // would accept (a file put there by hand) is left out rather than making every backup unreadable; a
    // registered file left out this way fails the check after writing, with its name.
    else if (e.isFile() && !e.name.endsWith('.tmp')) {
      const rel = relative(root, abs).split(sep).join('/');
      if (archivePathProblem(rel) === null) out.push(rel);
    }
  }
}

/** The chain as recorded in backup.json: its length and head, without walking it (see inspectDatabaseFile). */
function chainHeadReport(db: Db): ChainReport {
  const rows = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  return { ok: true, rows, head: auditChainHead(db), broken: null };
}

/** integrity_check and the facts of an unpacked database file, wherever it runs (see readBackup). */
export type DatabaseInspector = (file: string) => Promise<SnapshotFacts>;

export type SnapshotFacts = {
  schemaVersion: number;
  officeName: string | null;
  counts: BackupCounts;
  registered: { relPath: string; sha256: string }[];
  /** The office key's fingerprint in the database (null: a database older than the key). */
  officeFingerprint: string | null;
  /** The audit chain as walked in the database (null: no chain yet, a database older than migration 13). */
  auditChain: ChainReport | null;
  /** 乡镇民政所 or 县民政局 (a database older than migration 17 is a township's). */
  mode: OfficeMode;
};

const hasModeTable = (db: Db): boolean => (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'office_mode'").get() as { n: number }).n > 0;

const hasChain = (db: Db): boolean =>
  (db.prepare("SELECT count(*) AS n FROM pragma_table_info('audit_log') WHERE name = 'hash'").get() as { n: number }).n > 0;

/**
 * Opens a database file read-only and checks it. `restore`: integrity_check must say ok, and the audit chain is
 * walked. `backup` (a snapshot SQLite just copied page by page from the live database): quick_check — every page,
 * b-tree and record, in linear time (2.7 s → 0.34 s at 100,000 persons) — and the chain's head is read, not
 * walked: the app walks the chain at every start, and every restore walks it again before it may replace data.
 */
export function inspectDatabaseFile(file: string, purpose: 'restore' | 'backup' = 'restore'): SnapshotFacts {
  let db: Db | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = db.pragma(purpose === 'restore' ? 'integrity_check' : 'quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new BackupError(`备份中的数据库未通过完整性检查（${String(check).slice(0, 60)}），该备份已损坏，不能使用。`);
    const office = (() => {
      try {
        const raw = getSetting(db, 'office');
        return raw ? ((JSON.parse(raw) as { officeName?: string; townshipName?: string }).townshipName ?? null) : null;
      } catch {
        return null;
      }
    })();
    return {
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      officeName: office,
      counts: dataCounts(db),
      registered: registeredFiles(db),
      officeFingerprint: getOfficeKey(db)?.fingerprint ?? null,
      auditChain: !hasChain(db) ? null : purpose === 'restore' ? verifyAuditChain(db) : chainHeadReport(db),
      mode: hasModeTable(db) ? effectiveMode(db) : 'township',
    };
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError('备份中的数据库无法打开（文件已损坏或不是数据库），该备份不能使用。');
  } finally {
    db?.close();
  }
}

/** The file's size and SHA-256 (and its CRC-32 when asked: the backup's second pass compares it). */
async function hashFile(path: string, onBytes: (n: number) => void = () => undefined, withCrc = false): Promise<{ size: number; sha256: string; crc: number }> {
  const h = createHash('sha256');
  let size = 0;
  let crc = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    h.update(chunk as Buffer);
    if (withCrc) crc = crc32(chunk as Buffer, crc);
    size += (chunk as Buffer).length;
    onBytes((chunk as Buffer).length);
  }
  return { size, sha256: h.digest('hex'), crc };
}

function memberHead(name: string, size: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const head = Buffer.alloc(2 + nameBytes.length + 8);
  head.writeUInt16BE(nameBytes.length, 0);
  nameBytes.copy(head, 2);
  head.writeBigUInt64BE(BigInt(size), 2 + nameBytes.length);
  return head;
}

export type CreatedBackup = { path: string; size: number; manifest: BackupManifest; keyId: string };

/**
 * SQLite's online backup in one step. The job reads through a connection of its own in the maintenance worker: in
 * WAL mode the copy holds a read snapshot that never blocks the office's writer, and one step cannot be restarted
 * by a write made meanwhile (stepwise, a commit of the office between two steps started the copy over).
 * better-sqlite3 takes the callback's number as the next step's pages and clamps a negative to 0 (a copy that never
 * ends), so "all" is the largest number it accepts.
 */
const BACKUP_ALL_PAGES = 0x7fff_ffff;

/** The parts of making a backup, weighted by what they cost at county scale (scripts/bench-scale.ts). */
const BACKUP_STAGES = [
  ['snapshot', 2, '复制数据库'],
  ['check', 1, '检查数据库完整性'],
  ['hash', 1, '计算校验值'],
  ['write', 4, '加密写入备份文件'],
  ['verify', 1, '读回核验备份文件'],
] as const;
type BackupStage = (typeof BACKUP_STAGES)[number][0];

function backupProgress(report: ((fraction: number, stage: string) => void) | undefined): (stage: BackupStage, fraction: number) => void {
  if (!report) return () => undefined;
  const total = BACKUP_STAGES.reduce((s, [, w]) => s + w, 0);
  return (stage, fraction) => {
    let start = 0;
    for (const [name, weight, label] of BACKUP_STAGES) {
      if (name === stage) return report((start + weight * Math.max(0, Math.min(1, fraction))) / total, label);
      start += weight;
    }
  };
}

/**
 * Writes an encrypted backup of the open database and the data folder's files to `outFile` (which must not
 * exist). `<dataDir>/.backup-work` holds the snapshot while writing (same disk as the data, so a USB target
 * needs room for the backup only).
 */
export async function createBackup(opts: {
  db: Db;
  dataDir: string;
  outFile: string;
  kind: BackupKind;
  createdAt: string;
  appVersion: string;
  currentSchemaVersion: number;
  key: { id: string; key: Buffer };
  /** Members made from backup.json's bytes (a signature), written right after it; see BACKUP_META_NAMES. */
  meta?: (manifestBytes: Buffer, manifest: BackupManifest) => { name: string; bytes: Buffer }[];
  /** How far it is, 0…1, with the stage in the clerk's words (the page's progress bar). */
  progress?: (fraction: number, stage: string) => void;
}): Promise<CreatedBackup> {
  const progress = backupProgress(opts.progress);
  const id = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const work = join(opts.dataDir, BACKUP_WORK_DIR, id);
  const partial = join(dirname(opts.outFile), `.${id}${BACKUP_PARTIAL_SUFFIX}`);
  mkdirSync(work, { recursive: true, mode: 0o700 });
  let sink: Awaited<ReturnType<typeof exchangeFiles.createWriter>> | null = null;
  try {
    const snapshot = join(work, SNAPSHOT_FILE);
    progress('snapshot', 0);
    await opts.db.backup(snapshot, { progress: () => BACKUP_ALL_PAGES });
    progress('check', 0);
    // The one integrity check of this backup: the read-back below proves by hashes that the file carries exactly
    // these bytes, so the database need not be unpacked and checked a second time.
    const facts = inspectDatabaseFile(snapshot, 'backup');
    const sources: { path: string; abs: string }[] = [{ path: SNAPSHOT_FILE, abs: snapshot }];
    for (const folder of FILE_FOLDERS) {
      const rels: string[] = [];
      await walk(opts.dataDir, join(opts.dataDir, folder), rels);
      for (const rel of rels.sort()) sources.push({ path: rel, abs: join(opts.dataDir, ...rel.split('/')) });
    }
    // First pass: sizes and hashes for backup.json, which must come first in the file.
    const files: BackupFileEntry[] = [];
    const crcs: number[] = [];
    const sizes = await Promise.all(sources.map(async (s) => (await fsp.stat(s.abs)).size));
    const totalBytes = Math.max(1, sizes.reduce((a, b) => a + b, 0));
    let hashed = 0;
    for (const s of sources) {
      const { crc, ...hashed1 } = await hashFile(s.abs, (n) => progress('hash', (hashed += n) / totalBytes), true);
      files.push({ path: s.path, ...hashed1 });
      crcs.push(crc);
    }
    const manifest: BackupManifest = {
      format: 'dibao-backup',
      version: 2,
      createdAt: opts.createdAt,
      kind: opts.kind,
      appVersion: opts.appVersion,
      schemaVersion: facts.schemaVersion,
      officeName: facts.officeName,
      counts: facts.counts,
      ...(facts.officeFingerprint ? { signer: { algorithm: 'Ed25519' as const, fingerprint: facts.officeFingerprint } } : {}),
      ...(facts.auditChain ? { auditChain: { rows: facts.auditChain.rows, head: facts.auditChain.head } } : {}),
      files,
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    const header: BackupPublicHeader = {
      format: 'dibao-backup',
      version: 2,
      createdAt: manifest.createdAt,
      kind: manifest.kind,
      appVersion: manifest.appVersion,
      schemaVersion: manifest.schemaVersion,
      officeName: manifest.officeName,
      counts: manifest.counts,
      fileCount: files.length,
    };
    await fsp.mkdir(dirname(opts.outFile), { recursive: true });
    sink = await exchangeFiles.createWriter(partial);
    const writer = await EncryptedWriter.start(sink, opts.key.key, header);
    await writer.write(memberHead(BACKUP_MANIFEST, manifestBytes.length));
    await writer.write(manifestBytes);
    for (const m of opts.meta?.(manifestBytes, manifest) ?? []) {
      if (!BACKUP_META_NAMES.has(m.name)) throw new Error(`unknown backup meta member ${m.name}`);
      await writer.write(memberHead(m.name, m.bytes.length));
      await writer.write(m.bytes);
    }
    // Second pass: the bytes, checked again on the way against the first pass's CRC-32, so a file changed in
    // between cannot slip in unlisted (the CRC detects a change as surely here and costs a third of a SHA-256).
    let written = 0;
    for (const [i, s] of sources.entries()) {
      const entry = files[i]!;
      await writer.write(memberHead(entry.path, entry.size));
      let crc = 0;
      let size = 0;
      for await (const chunk of createReadStream(s.abs, { highWaterMark: 1024 * 1024 })) {
        const piece = (chunk as Buffer).subarray(0, Math.max(0, entry.size - size));
        crc = crc32(piece, crc);
        size += piece.length;
        await writer.write(piece);
        progress('write', (written += piece.length) / totalBytes);
      }
      if (size !== entry.size || crc !== crcs[i]) throw new BackupError(`「${entry.path}」在备份过程中被改动，未生成备份，请重试。`);
    }
    const size = await writer.finish();
    const writtenSha = writer.sha256();
    await sink.finish();
    sink = null;
    crashPoint('backup-partial');
    // Read back what the disk holds and compare it with the hash of the bytes written, computed while writing.
    // Every chunk's tag, every file's SHA-256 and the database's integrity are checked again by every restore.
    const back = await hashFile(partial, (n) => progress('verify', n / size));
    if (back.size !== size || back.sha256 !== writtenSha) {
      throw new BackupError('备份文件写入后读回核验失败（磁盘上的内容与写入的不符），未生成备份。请检查目标磁盘后重试。');
    }
    if (existsSync(opts.outFile)) throw new BackupError(`「${opts.outFile}」已存在，不会覆盖`);
    await exchangeFiles.rename(partial, opts.outFile);
    await syncDir(dirname(opts.outFile));
    return { path: opts.outFile, size, manifest, keyId: opts.key.id };
  } catch (err) {
    await sink?.abort().catch(() => undefined);
    await fsp.rm(partial, { force: true }).catch(() => undefined);
    throw err;
  } finally {
    await fsp.rm(work, { recursive: true, force: true }).catch(() => undefined);
    // The parent goes when no other backup is running (rmdir refuses a non-empty folder).
    await fsp.rmdir(dirname(work)).catch(() => undefined);
  }
}

const isHex64 = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
const COUNT_KEYS = ['households', 'persons', 'cases', 'documents', 'attachments'] as const;
const isCounts = (c: unknown): c is BackupCounts => !!c && typeof c === 'object' && COUNT_KEYS.every((k) => isCount((c as Record<string, unknown>)[k]));

export type BackupProtection = 'encrypted' | 'legacy-plain';

export type UnpackedBackup = {
  manifest: BackupManifest;
  /** The exact bytes of backup.json, for a signature check beside this one. */
  manifestBytes: Buffer;
  /** Members named in BACKUP_META_NAMES found after backup.json. */
  meta: Map<string, Buffer>;
  facts: SnapshotFacts;
  size: number;
  dir: string;
  protection: BackupProtection;
  /** The key that opened it (null for an old unencrypted backup). */
  keyId: string | null;
  /** Who signed it, and what the administrator must read before restoring it. */
  provenance: BackupProvenance;
};

const newerMessage = (found: number, current: number) =>
  `该备份由更新版本的程序制作（数据库版本 ${found}，本程序支持到 ${current}），请升级程序后再恢复。`;

/** Every path is checked before anything is written: safe on both platforms, under the expected folders, unique. */
function checkManifest(m: BackupManifest | null, version: 1 | 2, currentSchemaVersion: number): BackupManifest {
  if (
    m?.format !== 'dibao-backup' ||
    m.version !== version ||
    !Array.isArray(m.files) ||
    !m.files.every((f) => f && typeof f.path === 'string' && isCount(f.size) && isHex64(f.sha256)) ||
    !isCount(m.schemaVersion)
  ) {
    throw new BackupError('备份文件的说明文件格式不符，不是本程序的备份，不能恢复。');
  }
  if (m.schemaVersion > currentSchemaVersion) throw new BackupError(newerMessage(m.schemaVersion, currentSchemaVersion));
  for (const f of m.files) {
    const problem = archivePathProblem(f.path);
    if (problem) throw new BackupError(`备份文件包含不安全的路径「${shownName(f.path)}」（${problem}），不能恢复。`);
    const underFolder = f.path === SNAPSHOT_FILE || FILE_FOLDERS.some((folder) => f.path.startsWith(`${folder}/`) && !f.path.endsWith('/'));
    if (!underFolder) throw new BackupError(`备份文件包含不应有的文件「${shownName(f.path)}」，不能恢复。`);
  }
  const clash = caseClash(m.files.map((f) => f.path));
  if (clash) throw new BackupError(`备份文件中「${shownName(clash)}」重复出现（或仅大小写不同），可能被改动过，不能恢复。`);
  if (!m.files.some((f) => f.path === SNAPSHOT_FILE)) throw new BackupError('备份文件中没有数据库，不能恢复。');
  return m;
}

function parsePublicHeader(raw: Record<string, unknown>, currentSchemaVersion: number): BackupPublicHeader {
  const h = raw as Partial<BackupPublicHeader>;
  const ok =
    h.format === 'dibao-backup' &&
    h.version === 2 &&
    typeof h.createdAt === 'string' &&
    BACKUP_KINDS.includes(h.kind as BackupKind) &&
    typeof h.appVersion === 'string' &&
    isCount(h.schemaVersion) &&
    (h.officeName === null || typeof h.officeName === 'string') &&
    isCounts(h.counts) &&
    isCount(h.fileCount);
  if (!ok) throw new BackupError('备份文件的外部标注格式不符，不是本程序的备份或已被改动，不能恢复。');
  if (h.schemaVersion! > currentSchemaVersion) throw new BackupError(newerMessage(h.schemaVersion!, currentSchemaVersion));
  return {
    format: 'dibao-backup',
    version: 2,
    createdAt: h.createdAt!,
    kind: h.kind!,
    appVersion: h.appVersion!,
    schemaVersion: h.schemaVersion!,
    officeName: h.officeName ?? null,
    counts: h.counts!,
    fileCount: h.fileCount!,
  };
}

const signatureInput = (manifest: BackupManifest, manifestBytes: Buffer, meta: Map<string, Buffer>) => ({
  manifestBytes,
  signatureBytes: meta.get(BACKUP_SIGNATURE_FILE),
  manifestSigner: typeof manifest.signer?.fingerprint === 'string' ? manifest.signer.fingerprint : null,
});

/** The signature alone, before anything is unpacked: a forged or stripped one is refused before a byte is written. */
function checkSignatureFirst(manifest: BackupManifest, manifestBytes: Buffer, meta: Map<string, Buffer>): void {
  const early = verifyBackupManifest({ ...signatureInput(manifest, manifestBytes, meta), snapshotFingerprint: undefined });
  if (early.refusal) throw new BackupError(early.refusal);
}

/**
 * Once the database is unpacked: signed by the office key inside it (or unsigned only when it has none), and the
 * audit chain head that backup.json recorded is the database's own (a re-hashed or cut chain does not end there).
 */
function checkProvenance(manifest: BackupManifest, manifestBytes: Buffer, meta: Map<string, Buffer>, facts: SnapshotFacts): BackupProvenance {
  const provenance = verifyBackupManifest({ ...signatureInput(manifest, manifestBytes, meta), snapshotFingerprint: facts.officeFingerprint });
  if (provenance.refusal) throw new BackupError(provenance.refusal);
  const recorded = manifest.auditChain?.head;
  const chain = facts.auditChain;
  if (recorded && (!chain || recorded.id !== chain.head.id || recorded.hash !== chain.head.hash)) {
    throw new BackupError('备份说明文件记录的审计日志链头与备份中的数据库不符，备份可能被改动过，不能恢复。');
  }
  // Every signing program records the head; a signed backup.json without one was not written by this program.
  if (!recorded && chain && provenance.signature.status === 'valid') {
    throw new BackupError('备份说明文件没有记录审计日志链头，不是本程序制作的备份或已被改动，不能恢复。');
  }
  if (chain?.broken) {
    provenance.warnings.push(`备份中的审计日志哈希链断裂：${chain.broken.message}。该备份制作前数据库可能已被人绕过本程序改动过。`);
  }
  return provenance;
}

/** Writes one unpacked file into the staging folder, owner-only, fsynced. */
async function stagingWriter(stagingDir: string, path: string): Promise<{ write: (b: Buffer) => Promise<void>; close: () => Promise<void> }> {
  const abs = join(stagingDir, ...path.split('/'));
  await fsp.mkdir(dirname(abs), { recursive: true, mode: 0o700 });
  const handle = await fsp.open(abs, 'wx', 0o600);
  return {
    write: async (b) => {
      let done = 0;
      while (done < b.length) done += (await handle.write(b, done, b.length - done)).bytesWritten;
    },
    close: async () => {
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
  };
}

async function prepareStaging(stagingDir: string): Promise<void> {
  await fsp.rm(stagingDir, { recursive: true, force: true });
  await fsp.mkdir(stagingDir, { recursive: true, mode: 0o700 });
}

async function readMember(reader: ChunkReader): Promise<{ name: string; size: number }> {
  const nameLength = (await reader.read(2)).readUInt16BE(0);
  if (nameLength === 0) throw new BackupError('备份文件内部结构不符，不能恢复。');
  const name = (await reader.read(nameLength)).toString('utf8');
  const size = (await reader.read(8)).readBigUInt64BE(0);
  if (size > BigInt(Number.MAX_SAFE_INTEGER)) throw new BackupError('备份文件内部结构不符，不能恢复。');
  return { name, size: Number(size) };
}

async function readEncrypted(
  file: string,
  stagingDir: string,
  currentSchemaVersion: number,
  keys: KeyLookup,
  progress: (fraction: number) => void,
  inspect: DatabaseInspector,
): Promise<UnpackedBackup> {
  const opened = await openContainer(file);
  const header = parsePublicHeader(opened.header, currentSchemaVersion);
  const keyId = opened.header.encryption.keyId;
  const key = await keys(keyId);
  if (!key) throw new BackupKeyRequiredError(header, keyId, opened.size);
  const source = decryptChunks(file, opened, key);
  const reader = new ChunkReader(source);
  try {
    const first = await readMember(reader);
    if (first.name !== BACKUP_MANIFEST || first.size > MAX_MANIFEST_BYTES) throw new BackupError('备份文件缺少说明文件 backup.json，不是本程序的备份或已损坏，不能恢复。');
    const manifestBytes = await reader.read(first.size);
    let parsed: BackupManifest | null;
    try {
      parsed = JSON.parse(manifestBytes.toString('utf8')) as BackupManifest;
    } catch {
      throw new BackupError('备份文件的说明文件 backup.json 已损坏，不能恢复。');
    }
    const manifest = checkManifest(parsed, 2, currentSchemaVersion);
    const agrees =
      manifest.createdAt === header.createdAt &&
      manifest.kind === header.kind &&
      manifest.schemaVersion === header.schemaVersion &&
      manifest.officeName === header.officeName &&
      manifest.files.length === header.fileCount &&
      COUNT_KEYS.every((k) => manifest.counts[k] === header.counts[k]);
    if (!agrees) throw new BackupError('备份文件的外部标注与内部说明不一致，可能被改动过，不能恢复。');
    const meta = new Map<string, Buffer>();
    let next = manifest.files.length ? await readMember(reader) : null;
    while (next && BACKUP_META_NAMES.has(next.name) && !meta.has(next.name)) {
      if (next.size > MAX_META_BYTES) throw new BackupError('备份文件内部结构不符，不能恢复。');
      meta.set(next.name, await reader.read(next.size));
      next = await readMember(reader);
    }
    checkSignatureFirst(manifest, manifestBytes, meta);
    await prepareStaging(stagingDir);
    const actual = new Map<string, string>();
    const totalBytes = Math.max(1, manifest.files.reduce((n, f) => n + f.size, 0));
    let unpacked = 0;
    for (const [i, entry] of manifest.files.entries()) {
      const m = i === 0 ? next! : await readMember(reader);
      if (m.name !== entry.path || m.size !== entry.size) throw new BackupError(`备份文件内部结构与说明文件不符（「${shownName(m.name)}」），可能被改动过，不能恢复。`);
      const out = await stagingWriter(stagingDir, entry.path);
      const h = createHash('sha256');
      try {
        await reader.pipe(entry.size, async (piece) => {
          h.update(piece);
          await out.write(piece);
          progress((unpacked += piece.length) / totalBytes);
        });
      } finally {
        await out.close();
      }
      const sha = h.digest('hex');
      if (sha !== entry.sha256) throw new BackupError(`备份文件已损坏：「${shownName(entry.path)}」的 SHA-256 与记录不符，不能恢复。`);
      actual.set(entry.path, sha);
    }
    // Runs the decryption to the last chunk: only then is the whole file proven complete and unchanged.
    if (!(await reader.atEnd())) throw new BackupError('备份文件末尾有多余的数据，可能被改动过，不能恢复。');
    const facts = await checkStaged(stagingDir, actual, currentSchemaVersion, inspect);
    const provenance = checkProvenance(manifest, manifestBytes, meta, facts);
    return { manifest, manifestBytes, meta, facts, size: opened.size, dir: stagingDir, protection: 'encrypted', keyId, provenance };
  } catch (err) {
    if (err instanceof BackupCryptoError) throw new BackupError(err.message);
    throw err;
  } finally {
    await source.return(undefined).catch(() => undefined);
  }
}

/** The unpacked database must be sound and every registered file present with its recorded hash. */
async function checkStaged(stagingDir: string, actual: Map<string, string>, currentSchemaVersion: number, inspect: DatabaseInspector): Promise<SnapshotFacts> {
  const facts = await inspect(join(stagingDir, SNAPSHOT_FILE));
  if (facts.schemaVersion > currentSchemaVersion) throw new BackupError(newerMessage(facts.schemaVersion, currentSchemaVersion));
  const missing = facts.registered.filter((r) => actual.get(r.relPath) !== r.sha256);
  if (missing.length) {
    throw new BackupError(`备份不完整：${missing.length} 个已登记的文件缺失或与登记的 SHA-256 不符（如「${missing[0]!.relPath}」），不能恢复。`);
  }
  return facts;
}

/** A backup made before issue 11: a plain zip. Same checks, names first. */
async function readLegacyZip(bytes: Buffer, stagingDir: string, currentSchemaVersion: number, inspect: DatabaseInspector): Promise<UnpackedBackup> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch {
    throw new BackupError('备份文件已损坏（可能未复制完整或 U 盘出错），无法读取，不能恢复。');
  }
  // Every name in the zip's directory, before anything is read or written. JSZip keeps the raw name of an entry
  // it would otherwise "fix" in unsafeOriginalName.
  for (const f of Object.values(zip.files)) {
    for (const name of new Set([f.name, (f as JSZip.JSZipObject & { unsafeOriginalName?: string }).unsafeOriginalName ?? f.name])) {
      const problem = archivePathProblem(name);
      if (problem) throw new BackupError(`备份文件包含不安全的路径「${shownName(name)}」（${problem}），不能恢复。`);
    }
  }
  const manifestEntry = zip.file(BACKUP_MANIFEST);
  if (!manifestEntry) throw new BackupError('备份文件缺少说明文件 backup.json，不是本程序的备份或已损坏，不能恢复。');
  let manifestBytes: Buffer;
  let parsed: BackupManifest | null;
  try {
    manifestBytes = await manifestEntry.async('nodebuffer');
    parsed = JSON.parse(manifestBytes.toString('utf8')) as BackupManifest;
  } catch {
    throw new BackupError('备份文件的说明文件 backup.json 已损坏，不能恢复。');
  }
  const manifest = checkManifest(parsed, 1, currentSchemaVersion);
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of Object.values(zip.files)) {
    if (f.dir || f.name === BACKUP_MANIFEST) continue;
    if (!listed.has(f.name)) throw new BackupError(`备份文件包含未登记的文件「${shownName(f.name)}」，可能被改动过，不能恢复。`);
  }
  // Never signed (a signature member is unlisted, refused above), so only a backup older than the key gets past.
  const meta = new Map<string, Buffer>();
  checkSignatureFirst(manifest, manifestBytes, meta);
  await prepareStaging(stagingDir);
  const actual = new Map<string, string>();
  for (const entry of manifest.files) {
    const z = zip.file(entry.path);
    if (!z) throw new BackupError(`备份文件不完整：缺少「${shownName(entry.path)}」，不能恢复。`);
    let data: Buffer;
    try {
      data = await z.async('nodebuffer');
    } catch {
      throw new BackupError(`备份文件已损坏：「${shownName(entry.path)}」的压缩数据校验失败，不能恢复。`);
    }
    const sha = sha256Hex(data);
    if (data.length !== entry.size || sha !== entry.sha256) throw new BackupError(`备份文件已损坏：「${shownName(entry.path)}」的 SHA-256 与记录不符，不能恢复。`);
    actual.set(entry.path, sha);
    const out = await stagingWriter(stagingDir, entry.path);
    try {
      await out.write(data);
    } finally {
      await out.close();
    }
  }
  const facts = await checkStaged(stagingDir, actual, currentSchemaVersion, inspect);
  const provenance = checkProvenance(manifest, manifestBytes, meta, facts);
  return { manifest, manifestBytes, meta, facts, size: bytes.length, dir: stagingDir, protection: 'legacy-plain', keyId: null, provenance };
}

/**
 * Reads and checks a backup, unpacking it into `stagingDir` (database and files, as they would lie in a data
 * folder). Throws BackupKeyRequiredError when no key in `keys` opens it, and BackupError with the clerk's
 * message on anything damaged, changed, foreign or newer than this program. On a throw, `stagingDir` may hold
 * part of the backup: the caller removes it.
 */
export async function readBackup(
  file: string,
  stagingDir: string,
  currentSchemaVersion: number,
  keys: KeyLookup,
  /** How much of the content is unpacked, 0…1 (the checks after it are quick but for the database's). */
  progress: (fraction: number) => void = () => undefined,
  /** Checks the unpacked database (the services run it in the maintenance worker: seconds at county scale). */
  inspect: DatabaseInspector = async (f) => inspectDatabaseFile(f),
): Promise<UnpackedBackup> {
  let head: Buffer;
  try {
    const handle = await fsp.open(file, 'r');
    try {
      head = Buffer.alloc(8);
      const { bytesRead } = await handle.read(head, 0, 8, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    throw new BackupError(`找不到或无法读取备份文件「${file}」`);
  }
  try {
    if (hasEncryptedMagic(head)) return await readEncrypted(file, stagingDir, currentSchemaVersion, keys, progress, inspect);
    if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) return await readLegacyZip(await fsp.readFile(file), stagingDir, currentSchemaVersion, inspect);
  } catch (err) {
    if (err instanceof BackupCryptoError) throw new BackupError(err.message);
    throw err;
  }
  throw new BackupError('该文件不是本程序的备份文件，不能恢复。');
}

