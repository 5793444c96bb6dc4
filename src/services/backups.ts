// Backup and restore (issues 7 and 11). Automatic backups go to <dataDir>/backups at start and daily, rotated
// (keep N daily and M monthly); manual ones to any folder or USB drive. A backup's name carries its time and kind
// (`低保备份-YYYYMMDD-HHMMSS-<自动|手动|恢复前>.bak`), so the list needs no table and no reading of big files. Every
// backup is encrypted with the office backup key (src/services/backup-keys.ts), so it ends in `.bak`, not `.zip`:
// a file that Explorer offers to open as a zip and then calls damaged would frighten a clerk. Backups made before
// encryption (`….zip`) are still listed, rotated and restorable.
//
// Restore, in a running app: the backup is read and checked completely (with this PC's key, or the 恢复密钥 typed
// in on a new PC), unpacked into a staging folder in the data directory, the current data is backed up
// ("pre-restore"), then — synchronously, so no other request runs in between — the database is closed, the
// folders are swapped by journaled renames (src/exchange/restore-journal.ts), and the database is reopened
// (migrated if the backup is older). Every login session ends: the accounts may differ in the restored data.
//
// Every backup is also signed with the office key (src/exchange/signing.ts) through createBackup's `meta` hook:
// the signature sits inside the encrypted file, beside backup.json, and readBackup checks it (and the audit chain
// head) before anything is restored. The office key lives in the database, so it travels inside the backup and a
// restore on a new PC keeps it; the restored office's audit chain is walked as soon as it is opened
// (src/services/app.ts), also when a start finishes an interrupted restore.
import { createRequire } from 'node:module';
import { existsSync, promises as fsp, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  AppError,
  OFFICE_MODE_LABELS,
  type OfficeMode,
  type BackupInspection,
  type BackupItem,
  type BackupKeyState,
  type BackupKind,
  type BackupSettings,
  type BackupState,
  type BackupSummary,
  type RecoveryKeySheet,
  type RestoreResult,
} from '../contract';
import { renderPdf } from '../documents';
import { recoveryKeySheet } from '../documents/templates/recovery-key-sheet';
import { BackupError, BackupKeyRequiredError, readBackup, type KeyLookup } from '../exchange/backup';
import { createBackupOffThread, inspectDatabaseOffThread } from '../exchange/maintenance-runner';
import { RecoveryKeyError, backupKeyId, parseRecoveryKey, recoveryKeyGroups } from '../exchange/backup-crypto';
import { crashPoint } from '../exchange/crash-points';
import { diskErrorMessage } from '../exchange/durable';
import { STAGING_PREFIX, beginSwap, type SwapHandle } from '../exchange/restore-journal';
import { groupFingerprint } from '../exchange/signing';
import { getOfficeKey } from '../store/office-key';
import { getOfficeMode } from '../store/office-mode';
import type { Db } from '../store/db';
import { SCHEMA_VERSION } from '../store/migrations';
import { getSetting, putSetting } from '../store/settings';
import { audit } from './audit';
import { BackupKeyError, type BackupKeyring } from './backup-keys';
import { nowIso, today, type Clock, type Ctx } from './context';
import { chainStatusSettled } from './provenance';
import { noProgress, stages, type ProgressReporter } from './progress';
import { getDocumentSettings, renderOptionsOf, requireOffice, townshipShortName } from './document-settings';

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
const NAME = /^低保备份-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(自动|手动|恢复前)\.(?:bak|zip)$/;
/** Backup file endings: `.bak` (encrypted, issue 11) and `.zip` (before). */
export const isBackupFileName = (path: string): boolean => /\.(bak|zip)$/i.test(path);

function localStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export const backupFileName = (at: Date, kind: BackupKind): string => `低保备份-${localStamp(at)}-${KIND_WORDS[kind]}.bak`;

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
  if (err instanceof BackupError || err instanceof BackupKeyError) return err.message;
  return diskErrorMessage(err, '备份') ?? '备份失败，未生成备份文件。请检查目标文件夹和磁盘空间后重试。';
}

/**
 * Makes one encrypted backup. The work runs in a worker thread with its own connection to the database
 * (src/exchange/maintenance-runner.ts): the server keeps answering meanwhile, and `progress` hears how far it is.
 */
export async function makeBackup(
  db: Db,
  dataDir: string,
  keys: BackupKeyring,
  clock: Clock,
  kind: BackupKind,
  destination: string | null,
  /** An exact file name (the CLI's `--out FILE.bak`) instead of the standard name in `destination`. */
  exactFile: string | null = null,
  progress: (fraction: number, stage: string) => void = () => undefined,
): Promise<BackupItem> {
  const dir = resolve(destination ?? join(dataDir, BACKUPS_DIR));
  const at = clock();
  try {
    await fsp.mkdir(exactFile ? dirname(resolve(exactFile)) : dir, { recursive: true, mode: 0o700 });
    const out = exactFile ? resolve(exactFile) : uniquePath(dir, at, kind);
    const key = await keys.current();
    const made = await createBackupOffThread(
      {
        dbPath: db.name,
        dataDir,
        outFile: out,
        kind,
        createdAt: at.toISOString(),
        appVersion: APP_VERSION,
        currentSchemaVersion: SCHEMA_VERSION,
        key,
      },
      progress,
    );
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
export async function autoBackup(db: Db, dataDir: string, keys: BackupKeyring, clock: Clock): Promise<BackupItem> {
  const item = await makeBackup(db, dataDir, keys, clock, 'auto', null);
  await rotateBackups(db, dataDir);
  return item;
}

/**
 * Starts the automatic backups: one now, then a check every hour that makes the day's backup if there is none
 * yet (a PC left on over night, or woken from sleep, still gets one a day). Returns the stop function.
 */
export function startBackupSchedule(
  getDb: () => Db,
  dataDir: string,
  keys: BackupKeyring,
  clock: Clock,
  log: (message: string) => void = console.error,
): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await autoBackup(getDb(), dataDir, keys, clock);
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

// ---------------------------------------------------------------- the office backup key

const SHEET_KEY = 'backup-key-sheet';
type SheetRecord = { keyId: string; printedAt: string; printedBy: string };

function sheetRecord(db: Db): SheetRecord | null {
  const raw = getSetting(db, SHEET_KEY);
  return raw ? (JSON.parse(raw) as SheetRecord) : null;
}

/** The key's id and how it is kept; made on first use, so the administrator can print the sheet at once. */
async function keyState(ctx: Ctx): Promise<BackupKeyState> {
  try {
    await ctx.backupKeys.current();
  } catch {
    // Unreadable here (e.g. protected by the desktop program): the page shows what the file says.
  }
  let info;
  try {
    info = ctx.backupKeys.info();
  } catch {
    info = null;
  }
  const sheet = sheetRecord(ctx.db);
  const printed = info && sheet?.keyId === info.keyId ? sheet : null;
  return {
    keyId: info?.keyId ?? null,
    createdAt: info?.createdAt ?? null,
    protection: info?.method ?? null,
    sheetPrintedAt: printed?.printedAt ?? null,
    sheetPrintedBy: printed?.printedBy ?? null,
  };
}

/** The 恢复密钥 sheet of the current key, as a PDF made now and not kept; who printed it is recorded. */
export async function backupKeySheet(ctx: Ctx): Promise<RecoveryKeySheet> {
  const office = requireOffice(ctx);
  let key: { id: string; key: Buffer };
  try {
    key = await ctx.backupKeys.current();
  } catch (err) {
    throw new AppError('INTERNAL', err instanceof BackupKeyError ? err.message : '无法读取本机的备份密钥，请联系技术人员');
  }
  const printedOn = today(ctx.clock);
  const bytes = await renderPdf(
    recoveryKeySheet({ township: townshipShortName(office), officeName: office.officeName, keyId: key.id, groups: recoveryKeyGroups(key.key), printedOn, printedBy: ctx.actor.name }),
    renderOptionsOf(getDocumentSettings(ctx)),
  );
  ctx.db.transaction(() => {
    const record: SheetRecord = { keyId: key.id, printedAt: nowIso(ctx.clock), printedBy: ctx.actor.name };
    putSetting(ctx.db, SHEET_KEY, JSON.stringify(record));
    // The key id only: the key itself is never written anywhere but the key file and the sheet.
    audit(ctx, 'backup-key-sheet', 'backup-key', null, null, { keyId: key.id });
  })();
  return { fileName: `恢复密钥单-${key.id}.pdf`, base64: bytes.toString('base64'), keyId: key.id };
}

// ---------------------------------------------------------------- commands

export async function backupList(ctx: Ctx): Promise<BackupState> {
  const dir = join(ctx.dataDir, BACKUPS_DIR);
  return { dir, settings: backupSettings(ctx.db), items: listBackupFiles(dir), key: await keyState(ctx) };
}

export async function backupCreate(ctx: Ctx, input: { destination: string | null }): Promise<BackupItem> {
  const item = await makeBackup(ctx.db, ctx.dataDir, ctx.backupKeys, ctx.clock, 'manual', input.destination, null, ctx.progress);
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

/** Named after this process, so a later start can tell a crash's leftover from a restore in progress. */
const stagingDir = (dataDir: string) => join(dataDir, `${STAGING_PREFIX}${process.pid}-${Date.now()}`);

/** The typed 恢复密钥 as a key; a mistyped one is refused here, before any file is read. */
function recoveryKeyOf(text: string | null): Buffer | null {
  if (!text) return null;
  try {
    return parseRecoveryKey(text);
  } catch (err) {
    if (err instanceof RecoveryKeyError) throw new AppError('VALIDATION', err.message, [{ path: 'recoveryKey', message: err.message }]);
    throw err;
  }
}

/** This PC's keys, and the typed recovery key for the backup whose key id it has. */
const keyLookup =
  (keys: BackupKeyring, recovery: Buffer | null): KeyLookup =>
  async (id) => {
    if (recovery && backupKeyId(recovery) === id) return recovery;
    return keys.find(id);
  };

const keyMismatch = (recovery: Buffer, needed: string) => {
  const message = `输入的恢复密钥（密钥编号 ${backupKeyId(recovery)}）不是该备份的密钥（密钥编号 ${needed}），请核对恢复密钥单。未做任何改动。`;
  return new AppError('VALIDATION', message, [{ path: 'recoveryKey', message }]);
};

/**
 * `ownFingerprint`: the office key of the data a restore would replace, to say whether the backup is this office's
 * (null when there is none to compare with).
 */
async function summarize(
  file: string,
  staging: string,
  keys: BackupKeyring,
  recovery: Buffer | null,
  ownFingerprint: string | null,
  progress: (fraction: number) => void = () => undefined,
): Promise<BackupSummary> {
  const u = await readBackup(file, staging, SCHEMA_VERSION, keyLookup(keys, recovery), progress, inspectDatabaseOffThread);
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
    mode: u.facts.mode,
    schemaVersion: u.facts.schemaVersion,
    currentSchemaVersion: SCHEMA_VERSION,
    officeName: u.facts.officeName,
    counts: u.facts.counts,
    fileCount: u.manifest.files.length,
    size: u.size,
    protection: u.protection,
    keyId: u.keyId,
    keySource: u.keyId === null ? null : recovery && backupKeyId(recovery) === u.keyId ? 'recovery-key' : 'this-pc',
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

/** Reads and checks the whole backup into `staging`; turns every failure into the clerk's message. */
async function checkedSummary(
  path: string,
  staging: string,
  keys: BackupKeyring,
  recovery: Buffer | null,
  ownFingerprint: string | null,
  progress: (fraction: number) => void = () => undefined,
): Promise<BackupSummary | BackupKeyRequiredError> {
  try {
    return await summarize(path, staging, keys, recovery, ownFingerprint, progress);
  } catch (err) {
    if (err instanceof BackupKeyRequiredError) {
      if (recovery) throw keyMismatch(recovery, err.keyId);
      return err;
    }
    throw new AppError('INTEGRITY', backupMessage(err));
  }
}

/**
 * What a backup holds, after checking all of it; nothing in the data folder changes. `ownFingerprint`: the office
 * key of the data that a restore would replace, to say whether the backup is its own.
 */
export async function inspectBackup(
  dataDir: string,
  keys: BackupKeyring,
  path: string,
  recoveryKey: string | null = null,
  ownFingerprint: string | null = null,
): Promise<BackupInspection> {
  const recovery = recoveryKeyOf(recoveryKey);
  const staging = stagingDir(dataDir);
  const file = resolve(path);
  try {
    const r = await checkedSummary(file, staging, keys, recovery, ownFingerprint);
    if (r instanceof BackupKeyRequiredError) {
      return { state: 'key-required', message: r.message, header: { path: file, ...r.header, size: r.size, keyId: r.keyId } };
    }
    return { state: 'verified', summary: r };
  } finally {
    await fsp.rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

export function backupInspect(ctx: Ctx, input: { path: string; recoveryKey: string | null }): Promise<BackupInspection> {
  return inspectBackup(ctx.dataDir, ctx.backupKeys, input.path, input.recoveryKey, getOfficeKey(ctx.db)?.fingerprint ?? null);
}

/**
 * Restores `path` into `dataDir`. `current` is the open database (backed up first as "pre-restore");
 * `replace` closes it, runs the journaled swap, reopens and commits (the running app, src/services/app.ts).
 */
export async function restoreBackup(opts: {
  dataDir: string;
  path: string;
  dbFile: string;
  current: Db | null;
  clock: Clock;
  keys: BackupKeyring;
  recoveryKey: string | null;
  replace: (swap: () => SwapHandle) => void;
  progress?: ProgressReporter;
}): Promise<RestoreResult> {
  const recovery = recoveryKeyOf(opts.recoveryKey);
  const staging = stagingDir(opts.dataDir);
  const part = stages(opts.progress ?? noProgress, { check: 5, safety: 4, swap: 1 });
  try {
    const own = opts.current ? (getOfficeKey(opts.current)?.fingerprint ?? null) : null;
    const checked = await checkedSummary(resolve(opts.path), staging, opts.keys, recovery, own, part('check', '核验并解开备份'));
    if (checked instanceof BackupKeyRequiredError) throw new AppError('VALIDATION', checked.message, [{ path: 'recoveryKey', message: checked.message }]);
    const restored = checked;
    if (opts.current) refuseOtherMode(opts.current, restored.mode);
    crashPoint('staging');
    if (!opts.current) throw new AppError('WORKFLOW', '数据目录中没有数据库，无法先备份现有数据');
    const safety = part('safety', '先备份现有数据');
    const safetyBackup = await makeBackup(opts.current, opts.dataDir, opts.keys, opts.clock, 'pre-restore', null, null, (f) => safety(f));
    part('swap', '替换数据并重新打开')(0);
    let handle: SwapHandle | null = null;
    opts.replace(() => {
      handle = beginSwap(opts.dataDir, staging, opts.dbFile, nowIso(opts.clock), `${process.pid}-${Date.now()}`);
      return handle;
    });
    const notes: string[] = [];
    try {
      (handle as SwapHandle | null)?.finish();
    } catch {
      // The journal says committed: the next start finishes the clean-up.
      notes.push('原有数据的临时副本未能全部删除，程序下次启动时会自动清理。');
    }
    if (restored.keySource === 'recovery-key' && recovery) {
      try {
        await opts.keys.adopt(recovery);
        notes.push(`输入的恢复密钥（密钥编号 ${restored.keyId}）已设为本机的备份密钥，今后的备份仍可用同一张恢复密钥单恢复。`);
      } catch (err) {
        notes.push(`恢复已完成，但恢复密钥未能保存为本机的备份密钥（${err instanceof Error ? err.message : String(err)}），今后的备份将使用本机原有的密钥，请重新打印恢复密钥单。`);
      }
    }
    return { restored, safetyBackup, notes };
  } finally {
    await fsp.rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * A county's backup never replaces a township's data, nor the reverse: the kind of office is fixed at its first start
 * (migration 017), and the restored database would silently turn this PC into the other kind. An empty office that
 * has not chosen yet (a new PC restoring its office's backup) takes the backup's kind.
 */
function refuseOtherMode(current: Db, backupMode: OfficeMode): void {
  // As migration 017 decides for data made before the choice existed: accounts or villages make a township's office.
  const hasData = current.prepare('SELECT EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM villages) AS x').pluck().get() === 1;
  const chosen = getOfficeMode(current)?.mode ?? (hasData ? 'township' : null);
  if (chosen && chosen !== backupMode) {
    throw new AppError(
      'VALIDATION',
      `该备份是${OFFICE_MODE_LABELS[backupMode]}的数据，本机是${OFFICE_MODE_LABELS[chosen]}，不能恢复到这里；未做任何改动。请在${OFFICE_MODE_LABELS[backupMode]}的电脑上恢复。`,
    );
  }
}

export async function backupRestore(ctx: Ctx, input: { path: string; confirm: '恢复'; recoveryKey: string | null }): Promise<RestoreResult> {
  const maintenance = ctx.maintenance;
  if (!maintenance) throw new AppError('WORKFLOW', '当前运行方式不支持在线恢复，请关闭程序后用命令行 dibao restore 恢复');
  // No checkpoint connection of the worker may be open on the files the restore swaps (src/services/app.ts).
  const release = await maintenance.holdCheckpoints();
  let result: Awaited<ReturnType<typeof restoreBackup>>;
  try {
    result = await restoreBackup({
      dataDir: ctx.dataDir,
      path: input.path,
      dbFile: maintenance.dbFile,
      current: ctx.db,
      clock: ctx.clock,
      keys: ctx.backupKeys,
      recoveryKey: input.recoveryKey,
      replace: (swap) => maintenance.replaceData(swap),
      ...(ctx.progress ? { progress: ctx.progress } : {}),
    });
  } finally {
    release();
  }
  const restoredCtx = { ...ctx, db: maintenance.currentDb() };
  // The walk started when the restored database opened (src/services/app.ts, in the maintenance worker: the server
  // answers meanwhile), awaited before this row extends the chain.
  const chain = await chainStatusSettled(restoredCtx.db, restoredCtx.clock);
  // Recorded in the restored database: from now on its history says where it came from.
  audit(restoredCtx, 'backup-restore', 'backup', null, null, {
    restoredFrom: result.restored.path,
    backupCreatedAt: result.restored.createdAt,
    protection: result.restored.protection,
    keyId: result.restored.keyId,
    keySource: result.restored.keySource,
    signature: result.restored.signature.status,
    signer: result.restored.signature.fingerprint,
    auditChain: { ok: chain.ok, rows: chain.rows, brokenAt: chain.broken?.id ?? null },
    safetyBackup: result.safetyBackup.path,
  });
  if (!chain.ok && chain.broken) result.notes.push(`恢复后的审计日志哈希链断裂：${chain.broken.message}。管理员的页面顶部会显示此提示，请用 dibao verify-audit 核对并联系县民政局。`);
  return result;
}
