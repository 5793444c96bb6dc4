// The restore swap, journaled (issue 11). A restore replaces the database file and the documents/ and
// attachments/ folders by renames inside the data folder. Each rename is atomic, but there are several, and a
// crash or a power cut between two of them used to leave an office with no database — which the next start took
// for a new office and offered first-start setup, while the real data sat unnoticed in `.restore-old-*`.
//
// Now, before the first rename, a journal (`.restore-journal.json`) describing every rename is written and
// fsynced together with its folder. Each rename is followed by an fsync of both folders it touched. When the
// restored database has opened, the journal is marked committed (again durably); only then are the old data and
// the staging folder removed, and the journal last. At start, before anything opens the database,
// `recoverInterruptedRestore` reads a journal left behind: committed → the clean-up is finished (the restored
// office stays); otherwise every rename that happened is undone in reverse (the old office comes back whole).
//
// Whether a rename happened is read from paths that only that rename touches: `<old>/X` exists only once X was
// moved out, `<staging>/Y` is gone only once Y was moved in. So the state is known exactly after any crash.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crashPoint } from './crash-points';

export const JOURNAL_FILE = '.restore-journal.json';
const JOURNAL_TMP = `${JOURNAL_FILE}.tmp`;
export const OLD_DIR_PREFIX = '.restore-old-';
export const STAGING_PREFIX = '.restore-staging-';
/** The folders of the data directory a backup carries besides the database. */
export const FILE_FOLDERS = ['documents', 'attachments'] as const;
/** The database's name inside a backup and in the staging folder. */
export const SNAPSHOT_FILE = 'dibao.sqlite';
/** Files SQLite keeps beside a database; they belong to the database file they lie next to. */
const DB_SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

type Move = { from: string; to: string };

export type RestoreJournal = {
  format: 'dibao-restore-journal';
  version: 1;
  /** The process doing the restore: a journal of a process still running is not a crash. */
  pid: number;
  startedAt: string;
  phase: 'swapping' | 'committed';
  dbFile: string;
  /** Folder names inside the data folder. */
  oldDir: string;
  stagingDir: string;
  /** Data folder → old folder (the current data moves aside), then staging → data folder, in this order. */
  moveOut: Move[];
  moveIn: Move[];
};

export class RestoreRecoveryError extends Error {
  override name = 'RestoreRecoveryError';
}

/** fsync of a folder makes a rename in it durable (POSIX); Windows cannot open a folder and does not need it. */
export function fsyncDirSync(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort (Windows)
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function writeJournal(dataDir: string, journal: RestoreJournal): void {
  const tmp = join(dataDir, JOURNAL_TMP);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    const bytes = Buffer.from(`${JSON.stringify(journal, null, 2)}\n`, 'utf8');
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dataDir, JOURNAL_FILE));
  fsyncDirSync(dataDir);
}

const isPlainName = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && !/[\\/]/.test(s) && s !== '.' && s !== '..';

function readJournal(dataDir: string): RestoreJournal {
  const file = join(dataDir, JOURNAL_FILE);
  let j: RestoreJournal;
  try {
    j = JSON.parse(readFileSync(file, 'utf8')) as RestoreJournal;
  } catch {
    throw new RestoreRecoveryError(unreadable(dataDir));
  }
  const movesOk = (moves: unknown, fromRoot: string, toRoot: string) =>
    Array.isArray(moves) &&
    moves.every((m: Move) => m && typeof m.from === 'string' && typeof m.to === 'string' && m.from.startsWith(fromRoot) && m.to.startsWith(toRoot) && [m.from, m.to].every((p) => p.split('/').every(isPlainName)));
  const valid =
    j?.format === 'dibao-restore-journal' &&
    j.version === 1 &&
    (j.phase === 'swapping' || j.phase === 'committed') &&
    Number.isInteger(j.pid) &&
    isPlainName(j.dbFile) &&
    isPlainName(j.oldDir) &&
    j.oldDir.startsWith(OLD_DIR_PREFIX) &&
    isPlainName(j.stagingDir) &&
    j.stagingDir.startsWith(STAGING_PREFIX) &&
    movesOk(j.moveOut, '', `${j.oldDir}/`) &&
    movesOk(j.moveIn, `${j.stagingDir}/`, '');
  if (!valid) throw new RestoreRecoveryError(unreadable(dataDir));
  return j;
}

const unreadable = (dataDir: string) =>
  `数据目录「${dataDir}」中有一次中断的恢复留下的记录（${JOURNAL_FILE}），但记录已损坏，程序无法判断数据状态。为保护数据，程序不会启动，也不会新建数据。请联系技术人员检查该文件和 ${OLD_DIR_PREFIX}… 文件夹。`;

const inconsistent = (dataDir: string, what: string) =>
  `数据目录「${dataDir}」中有一次中断的恢复，但文件状态与恢复记录不符（${what}），程序无法自动处理。为保护数据，程序不会启动，也不会新建数据。请联系技术人员检查 ${JOURNAL_FILE} 和 ${OLD_DIR_PREFIX}… 文件夹。`;

/** Whether a process with this id still runs (EPERM: it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const abs = (dataDir: string, rel: string) => join(dataDir, ...rel.split('/'));

function move(dataDir: string, from: string, to: string): void {
  renameSync(abs(dataDir, from), abs(dataDir, to));
  // Both folders: the entry left one and arrived in the other.
  const parent = (rel: string) => abs(dataDir, rel.split('/').slice(0, -1).join('/'));
  fsyncDirSync(parent(from));
  fsyncDirSync(parent(to));
}

/** Undoes whatever part of the swap happened; safe to run again if it is itself interrupted. */
function rollback(dataDir: string, j: RestoreJournal): void {
  for (const m of [...j.moveIn].reverse()) {
    if (existsSync(abs(dataDir, m.from))) continue; // never moved in
    if (!existsSync(abs(dataDir, m.to))) throw new RestoreRecoveryError(inconsistent(dataDir, `找不到「${m.to}」`));
    move(dataDir, m.to, m.from);
  }
  // SQLite files beside the database now belong to the restored one (made when it was opened), unless the old
  // database's own are still waiting to move back. A stray WAL must never meet the old database.
  for (const suffix of DB_SIDE_FILES) {
    const name = `${j.dbFile}${suffix}`;
    if (!existsSync(join(dataDir, name))) continue;
    const planned = j.moveOut.find((m) => m.from === name);
    if (!planned || existsSync(abs(dataDir, planned.to))) rmSync(join(dataDir, name), { force: true });
  }
  for (const m of [...j.moveOut].reverse()) {
    if (!existsSync(abs(dataDir, m.to))) continue; // never moved out
    if (existsSync(abs(dataDir, m.from))) throw new RestoreRecoveryError(inconsistent(dataDir, `「${m.from}」已存在`));
    move(dataDir, m.to, m.from);
  }
  try {
    rmdirSync(join(dataDir, j.oldDir)); // empty now; refuses (and keeps it) if anything unexpected is inside
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new RestoreRecoveryError(inconsistent(dataDir, `「${j.oldDir}」中还有文件`));
  }
  rmSync(join(dataDir, j.stagingDir), { recursive: true, force: true });
  unlinkSync(join(dataDir, JOURNAL_FILE));
  fsyncDirSync(dataDir);
}

/** After the commit: the old data and the staging folder go, the journal last. */
export function finishSwap(dataDir: string, j: RestoreJournal): void {
  rmSync(join(dataDir, j.oldDir), { recursive: true, force: true });
  rmSync(join(dataDir, j.stagingDir), { recursive: true, force: true });
  fsyncDirSync(dataDir);
  crashPoint('cleanup');
  rmSync(join(dataDir, JOURNAL_FILE), { force: true });
  fsyncDirSync(dataDir);
}

export type SwapHandle = {
  journal: RestoreJournal;
  /** The restored database has opened: from now on a crash keeps the restored office. */
  commit: () => void;
  /** Puts the old data back (before the commit). */
  undo: () => void;
  /** Removes the old data, the staging folder and the journal (after the commit). */
  finish: () => void;
};

/** The renames a swap will do, as its journal records them (nothing is changed). */
export function planSwap(dataDir: string, stagingDir: string, dbFile: string, startedAt: string, token: string): RestoreJournal {
  const stagingName = stagingDir.split(/[\\/]/).pop()!;
  if (join(dataDir, stagingName) !== stagingDir || !stagingName.startsWith(STAGING_PREFIX)) throw new Error('staging folder must be in the data folder');
  const oldDir = `${OLD_DIR_PREFIX}${token}`;
  const moveOut: Move[] = [dbFile, ...DB_SIDE_FILES.map((s) => `${dbFile}${s}`), ...FILE_FOLDERS]
    .filter((name) => existsSync(join(dataDir, name)))
    .map((name) => ({ from: name, to: `${oldDir}/${name}` }));
  const moveIn: Move[] = [
    { from: `${stagingName}/${SNAPSHOT_FILE}`, to: dbFile },
    ...FILE_FOLDERS.map((name) => ({ from: `${stagingName}/${name}`, to: name })),
  ].filter((m) => existsSync(abs(dataDir, m.from)));
  return { format: 'dibao-restore-journal', version: 1, pid: process.pid, startedAt, phase: 'swapping', dbFile, oldDir, stagingDir: stagingName, moveOut, moveIn };
}

/**
 * Swaps a staged (checked, unpacked) backup into the data folder. Synchronous, so no request of this process runs
 * in between; the database must be closed. On a failure part-way the renames are undone and the error rethrown.
 */
export function beginSwap(dataDir: string, stagingDir: string, dbFile: string, startedAt: string, token: string): SwapHandle {
  const journal = planSwap(dataDir, stagingDir, dbFile, startedAt, token);
  const { oldDir, moveOut, moveIn } = journal;
  writeJournal(dataDir, journal);
  crashPoint('journal');
  try {
    mkdirSync(join(dataDir, oldDir), { mode: 0o700 });
    fsyncDirSync(dataDir);
    let n = 0;
    for (const m of [...moveOut, ...moveIn]) {
      move(dataDir, m.from, m.to);
      crashPoint(`rename-${++n}`);
    }
  } catch (err) {
    rollback(dataDir, journal);
    throw err;
  }
  return {
    journal,
    commit: () => {
      journal.phase = 'committed';
      writeJournal(dataDir, journal);
      crashPoint('commit');
    },
    undo: () => rollback(dataDir, journal),
    finish: () => finishSwap(dataDir, journal),
  };
}

export type RestoreRecovery = { outcome: 'finished' | 'rolled-back'; startedAt: string };

/**
 * Run at start, before anything opens the database: finishes a committed restore or rolls back an interrupted
 * one. Throws RestoreRecoveryError (Chinese) when another running process is restoring or when the state cannot
 * be read — then the program must not start, and above all must not create an empty office.
 */
export function recoverInterruptedRestore(dataDir: string): RestoreRecovery | null {
  // A journal still being written when the process died: no rename had started.
  rmSync(join(dataDir, JOURNAL_TMP), { force: true });
  if (!existsSync(join(dataDir, JOURNAL_FILE))) return null;
  const j = readJournal(dataDir);
  if (j.pid !== process.pid && isProcessAlive(j.pid)) {
    throw new RestoreRecoveryError(`另一个程序（进程 ${j.pid}）正在用备份恢复数据目录「${dataDir}」，请等它完成后再启动本程序。`);
  }
  if (j.phase === 'committed') {
    finishSwap(dataDir, j);
    return { outcome: 'finished', startedAt: j.startedAt };
  }
  rollback(dataDir, j);
  return { outcome: 'rolled-back', startedAt: j.startedAt };
}

/** What an interrupted restore left in the data folder (the journal, `.restore-old-*` folders). */
export function restoreLeftovers(dataDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch {
    return [];
  }
  return names.filter((n) => n === JOURNAL_FILE || n.startsWith(OLD_DIR_PREFIX)).sort();
}
