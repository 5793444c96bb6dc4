import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { commands, isCommandName, type Actor, type Result } from '../contract';
import { idleLockMinutes } from './accounts';
import { SessionStore } from './sessions';
import { openDatabase, type Db } from '../store/db';
import { startBackupSchedule } from './backups';
import type { Clock, Ctx, Maintenance } from './context';
import { dispatch } from './dispatch';
import { checkAuditChain } from './provenance';

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
  /** Runs a command as a given actor (CLI, tests): no session involved. */
  call: (command: string, input: unknown, actor?: Actor) => Promise<Result<unknown>>;
  /** Runs a command for a shell's request carrying a session token (browser host, Electron IPC). */
  handle: (command: string, input: unknown, token: string | null) => Promise<Result<unknown>>;
  close: () => void;
};

/** Stands in for the caller of a public command (login, first-run setup) before anyone is logged in. */
const ANONYMOUS: Actor = { id: null, name: '未登录用户', role: 'cadre', villageId: -1 };

/** `autoBackup`: back up at start and daily into <dataDir>/backups (both shells; not the CLI or tests). */
export function openApp(options: { dataDir: string; clock?: Clock; autoBackup?: boolean }): App {
  mkdirSync(options.dataDir, { recursive: true });
  const dbPath = join(options.dataDir, DB_FILE);
  // `let`: a restore swaps the data folder under a closed database and reopens it (src/services/backups.ts).
  let db = openDatabase(dbPath);
  const clock = options.clock ?? (() => new Date());
  // The chain is walked before anyone works: the administrator's banner reads this result (audit-chain-status).
  checkAuditChain(db, clock);
  const sessions = new SessionStore(() => clock().getTime());
  const maintenance: Maintenance = {
    dbFile: DB_FILE,
    replaceData: (swap) => {
      db.close();
      let undo: (() => void) | null = null;
      try {
        undo = swap().undo;
        db = openDatabase(dbPath);
        checkAuditChain(db, clock);
      } catch (err) {
        undo?.();
        db = openDatabase(dbPath);
        throw err;
      }
      // The accounts may differ in the restored data: everyone logs in again.
      sessions.clear();
    },
    currentDb: () => db,
  };
  const ctx = (actor: Actor = LOCAL_ACTOR, token: string | null = null): Ctx => ({
    db,
    actor,
    clock,
    dataDir: options.dataDir,
    session: { token, store: sessions },
    maintenance,
  });
  const stopBackups = options.autoBackup ? startBackupSchedule(() => db, options.dataDir, clock) : () => undefined;
  const handle = async (command: string, input: unknown, token: string | null): Promise<Result<unknown>> => {
    if (isCommandName(command) && commands[command].isPublic) return dispatch(command, input, ctx(ANONYMOUS, token));
    const probe = ctx(ANONYMOUS, token);
    const found = sessions.lookup(token, idleLockMinutes(probe));
    if (found.status === 'invalid') return { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } };
    if (found.status === 'locked') return { ok: false, error: { code: 'LOCKED', message: '长时间未操作，屏幕已锁定，请输入密码解锁' } };
    return dispatch(command, input, ctx(found.actor, token));
  };
  return {
    get db() {
      return db;
    },
    dataDir: options.dataDir,
    sessions,
    ctx,
    call: (command, input, actor) => dispatch(command, input, ctx(actor)),
    handle,
    close: () => {
      stopBackups();
      db.close();
    },
  };
}
