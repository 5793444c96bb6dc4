import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Actor, Result } from '../contract';
import { openDatabase, type Db } from '../store/db';
import type { Clock, Ctx } from './context';
import { dispatch } from './dispatch';

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

/** Until accounts exist (Campaign workflow I) the desk runs as the office's local administrator. */
export const LOCAL_ACTOR: Actor = { id: null, name: '本机管理员', role: 'admin' };

export type App = {
  db: Db;
  dataDir: string;
  ctx: (actor?: Actor) => Ctx;
  call: (command: string, input: unknown, actor?: Actor) => Promise<Result<unknown>>;
  close: () => void;
};

export function openApp(options: { dataDir: string; clock?: Clock }): App {
  mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(join(options.dataDir, DB_FILE));
  const clock = options.clock ?? (() => new Date());
  const ctx = (actor: Actor = LOCAL_ACTOR): Ctx => ({ db, actor, clock, dataDir: options.dataDir });
  return {
    db,
    dataDir: options.dataDir,
    ctx,
    call: (command, input, actor) => dispatch(command, input, ctx(actor)),
    close: () => db.close(),
  };
}
