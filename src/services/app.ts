import { closeSync, existsSync, openSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { commands, isCommandName, PROGRESS_COMMANDS, progressIdSchema, type Actor, type Result } from '../contract';
import { idleLockMinutes } from './accounts';
import { SessionStore } from './sessions';
import { openDatabase, type Db } from '../store/db';
import { crashPoint } from '../exchange/crash-points';
import { checkpointOffThread } from '../exchange/maintenance-runner';
import { RestoreRecoveryError } from '../exchange/restore-journal';
import { audit } from './audit';
import { BackupKeyring, fileKeyProtector, type KeyProtector } from './backup-keys';
import { startBackupSchedule } from './backups';
import type { Clock, Ctx, Maintenance } from './context';
import { missingDatabaseReason, prepareDataDir, tightenPermissions, type DataDirStart } from './data-dir';
import { dispatch } from './dispatch';
import { checkAuditChain, walkAuditChainInBackground } from './provenance';
import { ProgressBoard } from './progress';

export const APP_DIR_NAME = 'dibao-desk';

/** The OS application-data folder, the same place Electron's `userData` points to for this app. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

/** `--data-dir` beats `DIBAO_DATA_DIR` beats the OS default. */
export function resolveDataDir(argDir: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(argDir ?? env.DIBAO_DATA_DIR ?? defaultDataDir(env));
}

export const DB_FILE = 'dibao.sqlite';

/** The command line runs as the office's local administrator: whoever can run it owns the data folder. */
export const LOCAL_ACTOR: Actor = { id: null, name: '本机管理员', role: 'admin', villageId: null };

export type App = {
  db: Db;
  dataDir: string;
  sessions: SessionStore;
  ctx: (actor?: Actor, token?: string | null) => Ctx;
  /**
   * Runs a command as a given actor (CLI, tests): no session involved. `progressId`: follow it with
   * `progress-get` (src/contract/commands/progress.ts).
   */
  call: (command: string, input: unknown, actor?: Actor, progressId?: string | null) => Promise<Result<unknown>>;
  /** Runs a command for a shell's request carrying a session token (browser host, Electron IPC). */
  handle: (command: string, input: unknown, token: string | null, progressId?: string | null) => Promise<Result<unknown>>;
  backupKeys: BackupKeyring;
  /** What the start did to the data folder: an interrupted restore finished or rolled back, leftovers removed. */
  startup: DataDirStart;
  close: () => void;
};

/** Stands in for the caller of a public command (login, first-run setup) before anyone is logged in. */
const ANONYMOUS: Actor = { id: null, name: '未登录用户', role: 'cadre', villageId: -1 };

/** Who the start-up check is in the audit log. */
const STARTUP_ACTOR: Actor = { id: null, name: '程序启动检查', role: 'admin', villageId: null };

export type OpenAppOptions = {
  dataDir: string;
  clock?: Clock;
  /** Back up at start and daily into <dataDir>/backups (both shells; not the CLI or tests). */
  autoBackup?: boolean;
  /**
   * Checkpoint the WAL in the maintenance worker rather than in the commit that fills it (both shells; issue 13).
   * The CLI and tests keep SQLite's automatic checkpoint: their processes are short, and closing checkpoints.
   */
  backgroundCheckpoints?: boolean;
  /** How this PC keeps the backup key: a private file (default), or Electron's safeStorage (electron/). */
  keyProtector?: KeyProtector;
};

/**
 * Opens the office. Before the database is touched: the data folder is made private, an interrupted restore is
 * finished or rolled back, and leftovers of killed writes are removed. Throws (with a Chinese message, and
 * without creating anything) when an interrupted restore cannot be resolved.
 */
export function openApp(options: OpenAppOptions): App {
  const clock = options.clock ?? (() => new Date());
  const startup = prepareDataDir(options.dataDir);
  const refusal = missingDatabaseReason(options.dataDir, DB_FILE);
  if (refusal) throw new RestoreRecoveryError(refusal);
  const dbPath = join(options.dataDir, DB_FILE);
  // Created owner-only before SQLite sees it: its -wal and -shm files take the database file's permissions.
  if (!existsSync(dbPath)) closeSync(openSync(dbPath, 'a', 0o600));
  const openServerDb = () => {
    const opened = openDatabase(dbPath);
    // No checkpoint inside a commit of this connection: the schedule below asks the worker for them.
    if (options.backgroundCheckpoints) opened.pragma('wal_autocheckpoint = 0');
    return opened;
  };
  // `let`: a restore swaps the data folder under a closed database and reopens it (src/services/backups.ts).
  let db = openServerDb();
  tightenPermissions(options.dataDir);
  const backupKeys = new BackupKeyring(options.dataDir, options.keyProtector ?? fileKeyProtector, clock);
  const sessions = new SessionStore(() => clock().getTime());
  const progressBoard = new ProgressBoard();
  const maintenance: Maintenance = {
    dbFile: DB_FILE,
    replaceData: (swap) => {
      db.close();
      let handle: ReturnType<typeof swap> | null = null;
      try {
        handle = swap();
        db = openServerDb();
        crashPoint('reopen');
        handle.commit();
      } catch (err) {
        if (db.open) db.close();
        handle?.undo();
        db = openServerDb();
        checkAuditChain(db, clock);
        throw err;
      }
      // The restored office's chain, walked at once — in the maintenance worker (1.6 s at 100,000 persons; issue 13):
      // the administrator's banner must speak of the data now open, and audit-chain-status waits for this walk.
      void walkAuditChainInBackground(db, clock);
      // The accounts may differ in the restored data: everyone logs in again.
      sessions.clear();
    },
    currentDb: () => db,
    holdCheckpoints: async () => (checkpoints ? checkpoints.hold() : () => undefined),
  };
  const ctx = (actor: Actor = LOCAL_ACTOR, token: string | null = null): Ctx => ({
    // A getter: a handler that awaits (password hashing, rendering) must write to the database open now, which a
    // restore may have replaced meanwhile.
    get db() {
      return db;
    },
    actor,
    clock,
    dataDir: options.dataDir,
    session: { token, store: sessions },
    backupKeys,
    maintenance,
    progressBoard,
  });
  // The chain is walked before anyone works — also right after a start finished an interrupted restore, so a
  // restored office proves its log at once: the administrator's banner reads this result (audit-chain-status).
  if (startup.recovery) {
    const chain = checkAuditChain(db, clock);
    // The office's own history says that a restore was interrupted, what the start made of it, and the state of the
    // log it found.
    const r = startup.recovery;
    const auditChain = { ok: chain.ok, rows: chain.rows, brokenAt: chain.broken?.id ?? null };
    db.transaction(() => audit(ctx(STARTUP_ACTOR), 'restore-recover', 'backup', null, null, { outcome: r.outcome, restoreStartedAt: r.startedAt, auditChain }))();
  } else {
    // Off the server's thread: the first request is answered meanwhile (issue 13), audit-chain-status waits for it.
    void walkAuditChainInBackground(db, clock);
  }
  const stopBackups = options.autoBackup ? startBackupSchedule(() => db, options.dataDir, backupKeys, clock) : () => undefined;
  const checkpoints = options.backgroundCheckpoints ? startCheckpointSchedule(() => db, dbPath) : null;
  /** Dispatches with a progress entry when the caller follows a command that reports progress. */
  const followed = async (command: string, input: unknown, c: Ctx, progressId: string | null | undefined): Promise<Result<unknown>> => {
    const follows = progressId != null && (PROGRESS_COMMANDS as readonly string[]).includes(command) && progressIdSchema.safeParse(progressId).success;
    if (!follows) return dispatch(command, input, c);
    const entry = progressBoard.begin(ProgressBoard.owner(c), progressId);
    try {
      // `c` is this call's own object (its `db` a getter that a restore must keep live): set, not spread.
      c.progress = entry.report;
      return await dispatch(command, input, c);
    } finally {
      entry.end();
    }
  };
  const handle = async (command: string, input: unknown, token: string | null, progressId?: string | null): Promise<Result<unknown>> => {
    if (isCommandName(command) && commands[command].isPublic) return dispatch(command, input, ctx(ANONYMOUS, token));
    const probe = ctx(ANONYMOUS, token);
    const found = sessions.lookup(token, idleLockMinutes(probe));
    if (found.status === 'invalid') return { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } };
    if (found.status === 'locked') return { ok: false, error: { code: 'LOCKED', message: '长时间未操作，屏幕已锁定，请输入密码解锁' } };
    return followed(command, input, ctx(found.actor, token), progressId);
  };
  return {
    get db() {
      return db;
    },
    dataDir: options.dataDir,
    sessions,
    ctx,
    call: (command, input, actor, progressId) => followed(command, input, ctx(actor), progressId),
    handle,
    backupKeys,
    startup,
    close: () => {
      stopBackups();
      checkpoints?.stop();
      db.close();
    },
  };
}

/** How often the schedule looks for new commits to checkpoint. */
export const CHECKPOINT_INTERVAL_MS = 2_000;

/**
 * Every CHECKPOINT_INTERVAL_MS, when this connection committed since the last checkpoint, one PASSIVE checkpoint in
 * the maintenance worker (its own connection: readers and the writer go on). A checkpoint that fails (the worker
 * died) is done here instead, so the WAL never grows without end. `hold` waits for a checkpoint in flight and keeps
 * new ones back until released: a restore swaps the database files, and a worker's connection still open on the
 * old ones would, closing last, remove the WAL file by its name — by then the restored database's.
 */
export function startCheckpointSchedule(
  getDb: () => Db,
  dbPath: string,
  log: (message: string) => void = console.error,
): { stop: () => void; hold: () => Promise<() => void> } {
  let seen = -1;
  let held = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const changes = () => (getDb().prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const checkpoint = async (now: number) => {
    try {
      await checkpointOffThread(dbPath);
    } catch (err) {
      log(`[checkpoint] 后台检查点失败，改在本线程执行：${err instanceof Error ? err.name : 'error'}`);
      if (getDb().open) getDb().pragma('wal_checkpoint(PASSIVE)');
    }
    seen = now;
  };
  let running = false;
  const tick = () => {
    if (running || held > 0 || !getDb().open) return;
    const now = changes();
    if (now === seen) return;
    running = true;
    inFlight = checkpoint(now).finally(() => {
      running = false;
    });
  };
  const timer = setInterval(tick, CHECKPOINT_INTERVAL_MS);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    hold: async () => {
      held++;
      await inFlight;
      let released = false;
      return () => {
        if (!released) held--;
        released = true;
      };
    },
  };
}
