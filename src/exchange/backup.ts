// Backups (issue 7). A backup is ONE zip file:
//
//   backup.json            format "dibao-backup" v1: createdAt, kind, appVersion, schemaVersion, office name,
//                          counts, and every other entry with its size and SHA-256
//   dibao.sqlite           a consistent snapshot made with SQLite's online backup API (db.backup)
//   documents/…            the issued PDFs, as under <dataDir>/documents
//   attachments/…          the scanned attachments, as under <dataDir>/attachments
//
// Since issue 11, backup.json (format 2) also records the audit chain head and the signing key, and is signed
// with the office key (backup.sig.json, src/exchange/signing.ts); a format-2 backup, or any whose database has
// an office key, is refused without a valid signature by the key inside it. Old unsigned backups restore with a
// warning.
//
// It is written under a temporary name, fsynced, read back and checked (zip CRCs, every SHA-256,
// PRAGMA integrity_check on the database inside), and only then renamed to its final name. Reading a backup
// for a restore runs the same checks before anything in the data folder is touched.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, promises as fsp, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import type { BackupCounts, BackupKind } from '../contract/commands/filing';
import type { Db } from '../store/db';
import { verifyAuditChain, type ChainReport } from '../store/audit-chain';
import { dataCounts, registeredFiles } from '../store/filing';
import { getOfficeKey } from '../store/office-key';
import { getSetting } from '../store/settings';
import { exchangeFiles, sha256Hex, syncDir, writeDurable } from './durable';
import { BACKUP_SIGNATURE_FILE, signBackupManifest, verifyBackupManifest, type BackupProvenance } from './signing';

export const BACKUP_MANIFEST = 'backup.json';
export const SNAPSHOT_FILE = 'dibao.sqlite';
/** The folders of the data directory a backup carries besides the database. */
export const FILE_FOLDERS = ['documents', 'attachments'] as const;

export type BackupManifest = {
  format: 'dibao-backup';
  version: 1 | 2;
  createdAt: string;
  kind: BackupKind;
  appVersion: string;
  schemaVersion: number;
  officeName: string | null;
  counts: BackupCounts;
  /** Format 2: the office key that signs backup.json, and the audit chain of the database inside. */
  signer?: { algorithm: 'Ed25519'; fingerprint: string };
  auditChain?: { rows: number; head: { id: number; hash: string } };
  files: { path: string; size: number; sha256: string }[];
};

export class BackupError extends Error {
  override name = 'BackupError';
}

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
    // Unfinished writes of the documents registry (`*.tmp`) are not part of the data.
    else if (e.isFile() && !e.name.endsWith('.tmp')) out.push(relative(root, abs).split(sep).join('/'));
  }
}

type SnapshotFacts = {
  schemaVersion: number;
  officeName: string | null;
  counts: BackupCounts;
  registered: { relPath: string; sha256: string }[];
  /** The office key's fingerprint in the database (null: a database older than the key). */
  officeFingerprint: string | null;
  /** The audit chain as walked in the database (null: no chain yet). */
  auditChain: ChainReport | null;
};

const hasChain = (db: Db): boolean =>
  (db.prepare("SELECT count(*) AS n FROM pragma_table_info('audit_log') WHERE name = 'hash'").get() as { n: number }).n > 0;

/** Opens a database file read-only and checks it: integrity_check must say ok. */
export function inspectDatabaseFile(file: string): SnapshotFacts {
  let db: Db | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check', { simple: true }) as string;
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
      auditChain: hasChain(db) ? verifyAuditChain(db) : null,
    };
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError('备份中的数据库无法打开（文件已损坏或不是数据库），该备份不能使用。');
  } finally {
    db?.close();
  }
}

export type CreatedBackup = { path: string; size: number; manifest: BackupManifest };

/**
 * Writes a backup of the open database and the data folder's files to `outFile` (which must not exist).
 * `workDir` holds the snapshot while zipping (same disk as the data, so a USB target needs room for the zip only).
 */
export async function createBackup(opts: {
  db: Db;
  dataDir: string;
  outFile: string;
  kind: BackupKind;
  createdAt: string;
  appVersion: string;
  currentSchemaVersion: number;
}): Promise<CreatedBackup> {
  const work = join(opts.dataDir, '.backup-work', randomUUID().slice(0, 8));
  const partial = join(dirname(opts.outFile), `.${randomUUID().slice(0, 8)}.backup.partial`);
  mkdirSync(work, { recursive: true });
  try {
    const snapshot = join(work, SNAPSHOT_FILE);
    await opts.db.backup(snapshot);
    const facts = inspectDatabaseFile(snapshot);
    const zip = new JSZip();
    const entries: BackupManifest['files'] = [];
    const dbBytes = await fsp.readFile(snapshot);
    entries.push({ path: SNAPSHOT_FILE, size: dbBytes.length, sha256: sha256Hex(dbBytes) });
    zip.file(SNAPSHOT_FILE, dbBytes, { compression: 'DEFLATE', compressionOptions: { level: 1 } });
    for (const folder of FILE_FOLDERS) {
      const rels: string[] = [];
      await walk(opts.dataDir, join(opts.dataDir, folder), rels);
      for (const rel of rels.sort()) {
        const bytes = await fsp.readFile(join(opts.dataDir, ...rel.split('/')));
        entries.push({ path: rel, size: bytes.length, sha256: sha256Hex(bytes) });
        zip.file(rel, bytes, { compression: 'STORE' });
      }
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
      files: entries,
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    zip.file(BACKUP_MANIFEST, manifestBytes, { compression: 'DEFLATE' });
    // Signed with the key in the snapshot, the one a restore will check the signature against.
    zip.file(BACKUP_SIGNATURE_FILE, signBackupManifest(opts.db, manifestBytes, facts.officeName), { compression: 'DEFLATE' });
    const bytes = await zip.generateAsync({ type: 'nodebuffer', platform: 'UNIX' });
    await fsp.mkdir(dirname(opts.outFile), { recursive: true });
    await writeDurable(partial, bytes);
    // Read back what the disk holds and check it as a restore would.
    await readBackup(partial, join(work, 'check'), opts.currentSchemaVersion);
    if (existsSync(opts.outFile)) throw new BackupError(`「${opts.outFile}」已存在，不会覆盖`);
    await exchangeFiles.rename(partial, opts.outFile);
    await syncDir(dirname(opts.outFile));
    return { path: opts.outFile, size: bytes.length, manifest };
  } catch (err) {
    await fsp.rm(partial, { force: true }).catch(() => undefined);
    throw err;
  } finally {
    await fsp.rm(work, { recursive: true, force: true }).catch(() => undefined);
    // The parent goes when no other backup is running (rmdir refuses a non-empty folder).
    await fsp.rmdir(dirname(work)).catch(() => undefined);
  }
}

const isHex64 = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);

export type UnpackedBackup = { manifest: BackupManifest; facts: SnapshotFacts; size: number; dir: string; provenance: BackupProvenance };

/**
 * Reads and checks a backup, unpacking it into `stagingDir` (database and files, as they would lie in a data
 * folder). Throws BackupError with the clerk's message on anything damaged, foreign or newer than this program.
 */
export async function readBackup(file: string, stagingDir: string, currentSchemaVersion: number): Promise<UnpackedBackup> {
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(file);
  } catch {
    throw new BackupError(`找不到或无法读取备份文件「${file}」`);
  }
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw new BackupError('该文件不是本程序的备份文件（不是 zip 格式），不能恢复。');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch {
    throw new BackupError('备份文件已损坏（可能未复制完整或 U 盘出错），无法读取，不能恢复。');
  }
  const manifestEntry = zip.file(BACKUP_MANIFEST);
  if (!manifestEntry) throw new BackupError('备份文件缺少说明文件 backup.json，不是本程序的备份或已损坏，不能恢复。');
  let manifest: BackupManifest;
  let manifestBytes: Buffer;
  let signatureBytes: Buffer | undefined;
  try {
    manifestBytes = await manifestEntry.async('nodebuffer');
    signatureBytes = await zip.file(BACKUP_SIGNATURE_FILE)?.async('nodebuffer');
    manifest = JSON.parse(manifestBytes.toString('utf8')) as BackupManifest;
  } catch {
    throw new BackupError('备份文件的说明文件 backup.json 已损坏，不能恢复。');
  }
  if (
    manifest?.format !== 'dibao-backup' ||
    (manifest.version !== 1 && manifest.version !== 2) ||
    !Array.isArray(manifest.files) ||
    !manifest.files.every((f) => f && typeof f.path === 'string' && typeof f.size === 'number' && isHex64(f.sha256))
  ) {
    throw new BackupError('备份文件的说明文件格式不符，不是本程序的备份，不能恢复。');
  }
  if (manifest.schemaVersion > currentSchemaVersion) {
    throw new BackupError(`该备份由更新版本的程序制作（数据库版本 ${manifest.schemaVersion}，本程序支持到 ${currentSchemaVersion}），请升级程序后再恢复。`);
  }
  const provenanceOf = (snapshotFingerprint: string | null | undefined) =>
    verifyBackupManifest({
      manifestVersion: manifest.version,
      manifestBytes,
      signatureBytes,
      manifestSigner: manifest.signer?.fingerprint ?? null,
      snapshotFingerprint,
    });
  // The signature first: a forged or stripped one is refused before anything is unpacked.
  const early = provenanceOf(undefined);
  if (early.refusal) throw new BackupError(early.refusal);
  const listed = new Set(manifest.files.map((f) => f.path));
  if (!listed.has(SNAPSHOT_FILE)) throw new BackupError('备份文件中没有数据库，不能恢复。');
  for (const f of Object.values(zip.files)) {
    if (f.dir || f.name === BACKUP_MANIFEST || f.name === BACKUP_SIGNATURE_FILE) continue;
    if (!listed.has(f.name)) throw new BackupError(`备份文件包含未登记的文件「${f.name}」，可能被改动过，不能恢复。`);
  }
  await fsp.rm(stagingDir, { recursive: true, force: true });
  await fsp.mkdir(stagingDir, { recursive: true });
  const actual = new Map<string, string>();
  for (const entry of manifest.files) {
    const okPath = entry.path === SNAPSHOT_FILE || FILE_FOLDERS.some((folder) => entry.path.startsWith(`${folder}/`));
    if (!okPath || entry.path.split('/').includes('..')) throw new BackupError(`备份文件包含不安全的路径「${entry.path}」，不能恢复。`);
    const z = zip.file(entry.path);
    if (!z) throw new BackupError(`备份文件不完整：缺少「${entry.path}」，不能恢复。`);
    let data: Buffer;
    try {
      data = await z.async('nodebuffer');
    } catch {
      throw new BackupError(`备份文件已损坏：「${entry.path}」的压缩数据校验失败，不能恢复。`);
    }
    const sha = sha256Hex(data);
    if (data.length !== entry.size || sha !== entry.sha256) throw new BackupError(`备份文件已损坏：「${entry.path}」的 SHA-256 与记录不符，不能恢复。`);
    actual.set(entry.path, sha);
    await writeDurable(join(stagingDir, ...entry.path.split('/')), data);
  }
  const facts = inspectDatabaseFile(join(stagingDir, SNAPSHOT_FILE));
  if (facts.schemaVersion > currentSchemaVersion) {
    throw new BackupError(`该备份由更新版本的程序制作（数据库版本 ${facts.schemaVersion}，本程序支持到 ${currentSchemaVersion}），请升级程序后再恢复。`);
  }
  // Every registered document and attachment must be in the backup with the hash its row records.
  const missing = facts.registered.filter((r) => actual.get(r.relPath) !== r.sha256);
  if (missing.length) {
    throw new BackupError(`备份不完整：${missing.length} 个已登记的文件缺失或与登记的 SHA-256 不符（如「${missing[0]!.relPath}」），不能恢复。`);
  }
  // Now that the database is known: signed by the key inside it, and the chain head it recorded is its own.
  const provenance = provenanceOf(facts.officeFingerprint);
  if (provenance.refusal) throw new BackupError(provenance.refusal);
  const head = manifest.auditChain?.head;
  if (head && facts.auditChain && (head.id !== facts.auditChain.head.id || head.hash !== facts.auditChain.head.hash)) {
    throw new BackupError('备份说明文件记录的审计日志链头与备份中的数据库不符，备份可能被改动过，不能恢复。');
  }
  if (facts.auditChain?.broken) {
    provenance.warnings.push(`备份中的审计日志哈希链断裂：${facts.auditChain.broken.message}。该备份制作前数据库可能已被人绕过本程序改动过。`);
  }
  return { manifest, facts, size: bytes.length, dir: stagingDir, provenance };
}

const MOVED = (dbFile: string) => [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, ...FILE_FOLDERS];

/**
 * Swaps an unpacked backup into the data folder by renames only (same disk, so each is atomic): the current
 * database and folders move aside into `<dataDir>/.restore-old-*`, the staged ones move in. Synchronous, so no
 * request of this process runs in between; on any failure the moves are undone. Returns the folder holding
 * the replaced data (the caller removes it once the restored database has opened).
 */
export function swapIntoDataDir(dataDir: string, stagingDir: string, dbFile: string): { oldDir: string; undo: () => void } {
  const oldDir = join(dataDir, `.restore-old-${randomUUID().slice(0, 8)}`);
  mkdirSync(oldDir);
  const movedOut: string[] = [];
  const movedIn: string[] = [];
  const undo = () => {
    for (const name of movedIn.splice(0)) if (existsSync(join(dataDir, name))) renameSync(join(dataDir, name), join(stagingDir, name));
    // A journal left by a failed open of the restored database must not meet the old one.
    for (const suffix of ['-wal', '-shm']) rmSync(join(dataDir, `${dbFile}${suffix}`), { force: true });
    for (const name of movedOut.splice(0)) renameSync(join(oldDir, name), join(dataDir, name));
  };
  try {
    for (const name of MOVED(dbFile)) {
      if (!existsSync(join(dataDir, name))) continue;
      renameSync(join(dataDir, name), join(oldDir, name));
      movedOut.push(name);
    }
    const staged = [dbFile === SNAPSHOT_FILE ? SNAPSHOT_FILE : dbFile, ...FILE_FOLDERS];
    if (dbFile !== SNAPSHOT_FILE) renameSync(join(stagingDir, SNAPSHOT_FILE), join(stagingDir, dbFile));
    for (const name of staged) {
      if (!existsSync(join(stagingDir, name))) continue;
      renameSync(join(stagingDir, name), join(dataDir, name));
      movedIn.push(name);
    }
  } catch (err) {
    undo();
    rmSync(oldDir, { recursive: true, force: true });
    throw err;
  }
  return { oldDir, undo };
}
