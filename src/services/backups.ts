// Backup and restore (issue 7). Automatic backups go to <dataDir>/backups at start and daily, rotated (keep N
// daily and M monthly); manual ones to any folder or USB drive. A backup's name carries its time and kind
// (`低保备份-YYYYMMDD-HHMMSS-<自动|手动|恢复前>.zip`), so the list needs no table and no reading of big files.
//
// Restore, in a running app: the backup is read and checked completely, unpacked into a staging folder in the
// data directory, the current data is backed up ("pre-restore"), then — synchronously, so no other request runs
// in between — the database is closed, the folders are swapped by renames, and the database is reopened
// (migrated if the backup is older). Every login session ends: the accounts may differ in the restored data.
import { createRequire } from 'node:module';
import { existsSync, promises as fsp, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  AppError,
  type BackupItem,
  type BackupKind,
  type BackupSettings,
  type BackupState,
  type BackupSummary,
  type RestoreResult,
} from '../contract';
import { BackupError, createBackup, readBackup, swapIntoDataDir } from '../exchange/backup';
import { diskErrorMessage } from '../exchange/durable';
import { groupFingerprint } from '../exchange/signing';
import { getOfficeKey } from '../store/office-key';
import type { Db } from '../store/db';
import { SCHEMA_VERSION } from '../store/migrations';
import { getSetting, putSetting } from '../store/settings';
import { audit } from './audit';
import type { Clock, Ctx } from './context';

export const BACKUPS_DIR = 'backups';
const SETTINGS_KEY = 'backup-settings';
export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { keepDaily: 7, keepMonthly: 12 };

export const APP_VERSION: string = (() => {
  try {
    return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
})();

/** The kind in a file name, in the clerk's words (the name is what she sees on the USB drive). */
const KIND_WORDS: Record<BackupKind, string> = { auto: '自动', manual: '手动', 'pre-restore': '恢复前' };
const KIND_OF_WORD = new Map(Object.entries(KIND_WORDS).map(([k, w]) => [w, k as BackupKind]));
const NAME = /^低保备份-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(自动|手动|恢复前)\.zip$/;

function localStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export const backupFileName = (at: Date, kind: BackupKind): string => `低保备份-${localStamp(at)}-${KIND_WORDS[kind]}.zip`;

function uniquePath(dir: string, at: Date, kind: BackupKind): string {
  let t = at.getTime();
  for (;;) {
    const p = join(dir, backupFileName(new Date(t), kind));
    if (!existsSync(p)) return p;
    t += 1000;
  }
}

export function parseBackupName(path: string): Omit<BackupItem, 'size'> | null {
  const m = NAME.exec(basename(path));
  if (!m) return null;
  const [, y, mo, d, h, mi, s, kind] = m;
  return {
    path,
    fileName: basename(path),
    kind: KIND_OF_WORD.get(kind!)!,
    createdAt: new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)).toISOString(),
  };
}

export function listBackupFiles(dir: string): BackupItem[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((n) => {
      const item = parseBackupName(join(dir, n));
      return item ? { ...item, size: statSync(join(dir, n)).size } : null;
    })
    .filter((x): x is BackupItem => x !== null)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function backupSettings(db: Db): BackupSettings {
  const raw = getSetting(db, SETTINGS_KEY);
  return raw ? { ...DEFAULT_BACKUP_SETTINGS, ...(JSON.parse(raw) as Partial<BackupSettings>) } : DEFAULT_BACKUP_SETTINGS;
}

/**
 * Rotation of automatic backups: the newest of each of the last `keepDaily` days that have one, and the newest of
 * each of the last `keepMonthly` months, stay; other automatic backups go. Manual and pre-restore backups are the
 * clerk's, never removed here.
 */
export function backupsToRemove(items: readonly BackupItem[], settings: BackupSettings): BackupItem[] {
  const autos = items.filter((i) => i.kind === 'auto').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const keep = new Set<string>();
  const day = (i: BackupItem) => localStamp(new Date(i.createdAt)).slice(0, 8);
  const month = (i: BackupItem) => day(i).slice(0, 6);
  const pick = (key: (i: BackupItem) => string, n: number) => {
    const seen = new Set<string>();
    for (const i of autos) {
      const k = key(i);
      if (seen.has(k)) continue;
      if (seen.size >= n) break;
      seen.add(k);
      keep.add(i.path);
    }
  };
  pick(day, settings.keepDaily);
  pick(month, settings.keepMonthly);
  return autos.filter((i) => !keep.has(i.path));
}

function backupMessage(err: unknown): string {
  if (err instanceof BackupError) return err.message;
  return diskErrorMessage(err, '备份') ?? '备份失败，未生成备份文件。请检查目标文件夹和磁盘空间后重试。';
}

/** Makes one backup; the caller's database is read through SQLite's online backup, the app keeps running. */
export async function makeBackup(
  db: Db,
  dataDir: string,
  clock: Clock,
  kind: BackupKind,
  destination: string | null,
  /** An exact file name (the CLI's `--out FILE.zip`) instead of the standard name in `destination`. */
  exactFile: string | null = null,
): Promise<BackupItem> {
  const dir = resolve(destination ?? join(dataDir, BACKUPS_DIR));
  const at = clock();
  try {
    await fsp.mkdir(exactFile ? dirname(resolve(exactFile)) : dir, { recursive: true });
    const out = exactFile ? resolve(exactFile) : uniquePath(dir, at, kind);
    const made = await createBackup({ db, dataDir, outFile: out, kind, createdAt: at.toISOString(), appVersion: APP_VERSION, currentSchemaVersion: SCHEMA_VERSION });
    return { ...(parseBackupName(out) ?? { path: out, fileName: basename(out), kind, createdAt: at.toISOString() }), size: made.size };
  } catch (err) {
    throw new AppError('INTERNAL', backupMessage(err));
  }
}

export async function rotateBackups(db: Db, dataDir: string): Promise<BackupItem[]> {
  const removed = backupsToRemove(listBackupFiles(join(dataDir, BACKUPS_DIR)), backupSettings(db));
  for (const r of removed) await fsp.rm(r.path, { force: true });
  return removed;
}

/** The automatic backup: at start, and once a day while the app runs (src/services/app.ts). */
export async function autoBackup(db: Db, dataDir: string, clock: Clock): Promise<BackupItem> {
  const item = await makeBackup(db, dataDir, clock, 'auto', null);
  await rotateBackups(db, dataDir);
  return item;
}

/**
 * Starts the automatic backups: one now, then a check every hour that makes the day's backup if there is none
 * yet (a PC left on over night, or woken from sleep, still gets one a day). Returns the stop function.
 */
export function startBackupSchedule(getDb: () => Db, dataDir: string, clock: Clock, log: (message: string) => void = console.error): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await autoBackup(getDb(), dataDir, clock);
    } catch (err) {
      log(`[backup] 自动备份失败：${err instanceof Error ? err.message : String(err)}`);
    } finally {
      running = false;
    }
  };
  const hasToday = () => {
    const today = localStamp(clock()).slice(0, 8);
    return listBackupFiles(join(dataDir, BACKUPS_DIR)).some((i) => i.kind === 'auto' && localStamp(new Date(i.createdAt)).slice(0, 8) === today);
  };
  void run();
  const timer = setInterval(() => {
    if (!hasToday()) void run();
  }, 60 * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}

// ---------------------------------------------------------------- commands

export function backupList(ctx: Ctx): BackupState {
  const dir = join(ctx.dataDir, BACKUPS_DIR);
  return { dir, settings: backupSettings(ctx.db), items: listBackupFiles(dir) };
}

export async function backupCreate(ctx: Ctx, input: { destination: string | null }): Promise<BackupItem> {
  const item = await makeBackup(ctx.db, ctx.dataDir, ctx.clock, 'manual', input.destination);
  audit(ctx, 'backup-create', 'backup', null, null, { path: item.path, size: item.size });
  return item;
}

export function backupSettingsUpdate(ctx: Ctx, input: BackupSettings): BackupSettings {
  return ctx.db.transaction(() => {
    const before = backupSettings(ctx.db);
    putSetting(ctx.db, SETTINGS_KEY, JSON.stringify(input));
    audit(ctx, 'backup-settings-update', 'settings', null, before, input);
    return input;
  })();
}

const stagingDir = (dataDir: string) => join(dataDir, `.restore-staging-${process.pid}-${Date.now()}`);

async function summarize(file: string, staging: string, ownFingerprint: string | null): Promise<BackupSummary> {
  const u = await readBackup(file, staging, SCHEMA_VERSION);
  const fingerprint = u.provenance.signature.fingerprint;
  const isThisOffice = ownFingerprint && fingerprint ? ownFingerprint === fingerprint : null;
  const warnings = [...u.provenance.warnings];
  if (isThisOffice === false) {
    warnings.push(`该备份由另一把密钥签名（指纹 ${groupFingerprint(fingerprint!)}），不是本机当前数据的本所密钥。恢复后本所密钥将随之更换为备份中的密钥；请确认这是本所的备份（例如换用新电脑时）。`);
  }
  const chain = u.facts.auditChain;
  return {
    path: file,
    createdAt: u.manifest.createdAt,
    kind: u.manifest.kind,
    appVersion: u.manifest.appVersion,
    schemaVersion: u.facts.schemaVersion,
    currentSchemaVersion: SCHEMA_VERSION,
    officeName: u.facts.officeName,
    counts: u.facts.counts,
    fileCount: u.manifest.files.length,
    size: u.size,
    signature: {
      status: u.provenance.signature.status,
      fingerprint,
      fingerprintGrouped: fingerprint ? groupFingerprint(fingerprint) : null,
      isThisOffice,
    },
    auditChain: chain ? { ok: chain.ok, rows: chain.rows, headId: chain.head.id, brokenAt: chain.broken?.id ?? null } : null,
    warnings,
  };
}

/**
 * What a backup holds, after checking all of it; nothing in the data folder changes. `ownFingerprint`: the key of
 * the office that would be replaced, to say whether the backup is its own.
 */
export async function inspectBackup(dataDir: string, path: string, ownFingerprint: string | null = null): Promise<BackupSummary> {
  const staging = stagingDir(dataDir);
  try {
    return await summarize(resolve(path), staging, ownFingerprint);
  } catch (err) {
    throw new AppError('INTEGRITY', backupMessage(err));
  } finally {
    await fsp.rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

export function backupInspect(ctx: Ctx, input: { path: string }): Promise<BackupSummary> {
  return inspectBackup(ctx.dataDir, input.path, getOfficeKey(ctx.db)?.fingerprint ?? null);
}

/**
 * Restores `path` into `dataDir`. `current` is the open database (backed up first as "pre-restore");
 * `replace` closes it, runs the swap, and reopens (the running app), or just runs the swap (the CLI).
 */
export async function restoreBackup(opts: {
  dataDir: string;
  path: string;
  dbFile: string;
  current: Db | null;
  clock: Clock;
  replace: (swap: () => { undo: () => void }) => void;
}): Promise<RestoreResult> {
  const staging = stagingDir(opts.dataDir);
  try {
    let restored: BackupSummary;
    try {
      restored = await summarize(resolve(opts.path), staging, opts.current ? (getOfficeKey(opts.current)?.fingerprint ?? null) : null);
    } catch (err) {
      throw new AppError('INTEGRITY', backupMessage(err));
    }
    if (!opts.current) throw new AppError('WORKFLOW', '数据目录中没有数据库，无法先备份现有数据');
    const safetyBackup = await makeBackup(opts.current, opts.dataDir, opts.clock, 'pre-restore', null);
    let oldDir: string | null = null;
    opts.replace(() => {
      const s = swapIntoDataDir(opts.dataDir, staging, opts.dbFile);
      oldDir = s.oldDir;
      return s;
    });
    if (oldDir) await fsp.rm(oldDir, { recursive: true, force: true }).catch(() => undefined);
    return { restored, safetyBackup };
  } finally {
    await fsp.rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

export async function backupRestore(ctx: Ctx, input: { path: string; confirm: '恢复' }): Promise<RestoreResult> {
  const maintenance = ctx.maintenance;
  if (!maintenance) throw new AppError('WORKFLOW', '当前运行方式不支持在线恢复，请关闭程序后用命令行 dibao restore 恢复');
  const result = await restoreBackup({
    dataDir: ctx.dataDir,
    path: input.path,
    dbFile: maintenance.dbFile,
    current: ctx.db,
    clock: ctx.clock,
    replace: (swap) => maintenance.replaceData(swap),
  });
  // Recorded in the restored database: from now on its history says where it came from.
  audit({ ...ctx, db: maintenance.currentDb() }, 'backup-restore', 'backup', null, null, {
    restoredFrom: result.restored.path,
    backupCreatedAt: result.restored.createdAt,
    safetyBackup: result.safetyBackup.path,
  });
  return result;
}
