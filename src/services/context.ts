import type { Db } from '../store/db';
import type { Actor } from '../contract';
import type { SwapHandle } from '../exchange/restore-journal';
import type { BackupKeyring } from './backup-keys';
import type { SessionStore } from './sessions';
import type { ProgressBoard, ProgressReporter } from './progress';

export type Clock = () => Date;

/** What every handler gets: the open database, who is acting, the time source and the data directory. */
export type Ctx = {
  db: Db;
  actor: Actor;
  clock: Clock;
  dataDir: string;
  /** The caller's login session (null for the CLI and tests that act as a given actor). */
  session: { token: string | null; store: SessionStore };
  /** The office backup key(s) of this PC (src/services/backup-keys.ts). */
  backupKeys: BackupKeyring;
  /** Given by a running app (src/services/app.ts): replaces the data folder under a closed database (restore). */
  maintenance?: Maintenance;
  /** How far a long command is (src/services/progress.ts); absent unless the caller asked to follow it. */
  progress?: ProgressReporter;
  /** The running app's progress entries, read by `progress-get`. */
  progressBoard?: ProgressBoard;
};

export type Maintenance = {
  dbFile: string;
  /**
   * Closes the database, runs `swap` (journaled renames), reopens and then commits the journal; if reopening
   * fails, `undo` puts the old data back and it reopens.
   */
  replaceData: (swap: () => Pick<SwapHandle, 'commit' | 'undo'>) => void;
  currentDb: () => Db;
  /** Waits for a background WAL checkpoint in flight and holds the next ones back until the returned release. */
  holdCheckpoints: () => Promise<() => void>;
};

/** YYYY-MM-DD of the clock in local (office) time. */
export function today(clock: Clock): string {
  const d = clock();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function nowIso(clock: Clock): string {
  return clock().toISOString();
}
