// The data folder at start (issue 11): private to the user, an interrupted restore resolved, and the leftovers of
// killed writes removed — before anything opens the database (src/services/app.ts `openApp`).
//
// Leftovers are named after the process that made them (`<pid>-…`): a name whose process is gone is a crash's
// remainder and is removed; one whose process still runs (another program on the same folder writing a backup
// right now) is left alone. Names from before this rule carry no pid and are removed.
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BACKUP_PARTIAL_SUFFIX, BACKUP_WORK_DIR } from '../exchange/backup';
import { PARTIAL_PREFIX } from '../exchange/filing-package';
import { isProcessAlive, OLD_DIR_PREFIX, STAGING_PREFIX, recoverInterruptedRestore, restoreLeftovers, type RestoreRecovery } from '../exchange/restore-journal';
import { BACKUP_KEY_FILE, KEYS_DIR } from './backup-keys';
import { BACKUPS_DIR } from './backups';
import { EXPORTS_DIR } from './filing';
const isPosix = process.platform !== 'win32';


/** A leftover's owner is gone (or unknown: an old name without a pid). Our own pid is never stale. */
function ownerGone(pidText: string | undefined): boolean {
  if (!pidText || !/^\d+$/.test(pidText)) return true;
  const pid = Number(pidText);
  return pid !== process.pid && !isProcessAlive(pid);
}

const list = (dir: string): string[] => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

/** Removes what killed backups, restores and package writes left behind; returns the paths removed. */
export function removeStaleFiles(dataDir: string): string[] {
  const removed: string[] = [];
  const drop = (path: string) => {
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  };
  // `.backup-work/<pid>-<id>/`: a plain copy of the database while a backup is made.
  const work = join(dataDir, BACKUP_WORK_DIR);
  for (const n of list(work)) if (ownerGone(/^(\d+)-/.exec(n)?.[1])) drop(join(work, n));
  try {
    rmdirSync(work);
  } catch {
    // absent, or a live backup's folder is in it
  }
  // `.restore-staging-<pid>-<time>/`: an unpacked backup waiting to be swapped in (the journal, if any, has been
  // resolved before this runs).
  for (const n of list(dataDir)) if (n.startsWith(STAGING_PREFIX) && ownerGone(/^(\d+)-/.exec(n.slice(STAGING_PREFIX.length))?.[1])) drop(join(dataDir, n));
  // `backups/.<pid>-<id>.backup.partial`: a backup file not yet checked and named.
  const backups = join(dataDir, BACKUPS_DIR);
  for (const n of list(backups)) if (n.startsWith('.') && n.endsWith(BACKUP_PARTIAL_SUFFIX) && ownerGone(/^\.(\d+)-/.exec(n)?.[1])) drop(join(backups, n));
  // `exports/.备案包-<pid>-<id>.partial/` and `.zip.partial`: a filing package not yet checked and named.
  const exports = join(dataDir, EXPORTS_DIR);
  for (const n of list(exports)) {
    if (n.startsWith(PARTIAL_PREFIX) && n.endsWith('.partial') && ownerGone(/^(\d+)-/.exec(n.slice(PARTIAL_PREFIX.length))?.[1])) drop(join(exports, n));
  }
  // `keys/.backup.key.<pid>.<id>.tmp`: a keyring write that did not finish.
  const keys = join(dataDir, KEYS_DIR);
  for (const n of list(keys)) {
    const m = new RegExp(`^\\.${BACKUP_KEY_FILE.replace('.', '\\.')}\\.(\\d+)\\.[0-9a-f]+\\.tmp$`).exec(n);
    if (m && ownerGone(m[1])) drop(join(keys, n));
  }
  return removed;
}

/** POSIX: the folder 0700, every folder in it 0700 and every file 0600. Windows keeps the profile's ACLs. */
export function tightenPermissions(dataDir: string): void {
  if (!isPosix) return;
  const visit = (path: string, depth: number) => {
    let st;
    try {
      st = lstatSync(path);
    } catch {
      return;
    }
    if (st.isSymbolicLink()) return;
    if (st.isDirectory()) {
      if ((st.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
      if (depth < 32) for (const n of list(path)) visit(join(path, n), depth + 1);
    } else if (st.isFile() && (st.mode & 0o777) !== 0o600) chmodSync(path, 0o600);
  };
  visit(dataDir, 0);
}

export type DataDirStart = { recovery: RestoreRecovery | null; removed: string[] };

/**
 * Everything that must happen before the database opens: the folder exists and is private, an interrupted
 * restore is finished or undone (throws RestoreRecoveryError when that is impossible), stale leftovers go.
 */
export function prepareDataDir(dataDir: string): DataDirStart {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (isPosix) chmodSync(dataDir, 0o700);
  const recovery = recoverInterruptedRestore(dataDir);
  const removed = removeStaleFiles(dataDir);
  return { recovery, removed };
}

/**
 * Why first-start setup must not be offered, or null. An empty database next to a restore's leftovers is not a
 * new office: it is an office whose data is in `.restore-old-*`, and whoever created an administrator now would
 * own it.
 */
export function setupBlockedReason(dataDir: string): string | null {
  const left = restoreLeftovers(dataDir);
  if (!left.length) return null;
  return (
    `数据目录中有一次未完成的恢复留下的文件（${left.join('、')}），原有数据可能在其中。为防止在空数据上新建管理员，程序暂不提供初始设置。` +
    `请联系技术人员：检查 ${OLD_DIR_PREFIX}… 文件夹中的 dibao.sqlite、documents、attachments，确认后移回数据目录「${dataDir}」或删除，再重新启动程序。`
  );
}

/**
 * Leftovers without a journal (made by a version before issue 11) next to a missing database: opening would create
 * an empty office. Returns the message to refuse the start with, or null.
 */
export function missingDatabaseReason(dataDir: string, dbFile: string): string | null {
  if (existsSync(join(dataDir, dbFile))) return null;
  const left = restoreLeftovers(dataDir);
  if (!left.length) return null;
  return `数据目录「${dataDir}」中没有数据库，却有一次未完成的恢复留下的文件（${left.join('、')}），原有数据可能在其中。为保护数据，程序不会新建空的数据库，也不会启动。请联系技术人员把其中的文件移回数据目录后再启动。`;
}
