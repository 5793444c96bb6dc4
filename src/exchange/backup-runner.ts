// Runs createBackup in a worker thread (backup-worker.ts), so that the server keeps answering while a backup of a
// county-sized office is copied, checked, encrypted and read back. The worker reports progress as it goes.
import { Worker } from 'node:worker_threads';
import type { BackupWorkerMessage, BackupWorkerRequest } from './backup-worker';
import { BackupError } from './backup';
import { runBackupJob, type BackupJob, type BackupJobResult } from './backup-job';
import { workerEntry } from './worker-entry';

export type { BackupJob };

/**
 * `inWorker: false` runs the same code on the caller's thread: for tests that replace a seam of this thread
 * (e.g. a disk that fills up, src/exchange/durable.ts `exchangeFiles`), which a worker would not see.
 */
export const backupThread = { inWorker: true };

type Pending = { resolve: (r: BackupJobResult) => void; reject: (e: Error) => void; progress: (fraction: number, stage: string) => void };

let worker: Worker | null = null;
let nextJob = 1;
const pending = new Map<number, Pending>();

/** Reconstructs the worker's failure: the clerk's message for a refusal, an errno-coded Error for the disk. */
function failure(m: Extract<BackupWorkerMessage, { type: 'failed' }>): Error {
  if (m.refused) return new BackupError(m.message);
  return Object.assign(new Error(`backup worker: ${m.message}`), m.code ? { code: m.code } : {});
}

/**
 * The process's backup worker, started on first use and kept: idle, it does not keep the process alive (unref);
 * if it dies, every job it held fails and the next backup starts a new one.
 */
function backupWorker(): Worker {
  if (worker) return worker;
  const { script, eval: isEval } = workerEntry('backup-worker.mjs', new URL('./backup-worker.ts', import.meta.url));
  const w = new Worker(script, { eval: isEval });
  w.unref();
  w.on('message', (m: BackupWorkerMessage) => {
    const p = pending.get(m.job);
    if (!p) return;
    if (m.type === 'progress') return p.progress(m.fraction, m.stage);
    pending.delete(m.job);
    if (pending.size === 0) w.unref();
    if (m.type === 'done') p.resolve({ path: m.path, size: m.size, keyId: m.keyId });
    else p.reject(failure(m));
  });
  const fail = (why: string) => {
    if (worker === w) worker = null;
    for (const [id, p] of pending) {
      pending.delete(id);
      p.reject(new Error(why));
    }
  };
  w.on('error', (err) => fail(`backup worker failed: ${err.name}`));
  w.on('exit', (code) => fail(`backup worker exited with code ${code}`));
  worker = w;
  return w;
}

/** Starts the worker ahead of the first backup (the app does at start when it will back up at once). */
export function warmBackupWorker(): void {
  if (backupThread.inWorker) backupWorker();
}

export async function createBackupOffThread(
  spec: BackupJob,
  progress: (fraction: number, stage: string) => void = () => undefined,
): Promise<BackupJobResult> {
  if (!backupThread.inWorker) return runBackupJob(spec, progress);
  const w = backupWorker();
  const job = nextJob++;
  return new Promise((resolve, reject) => {
    pending.set(job, { resolve, reject, progress });
    // Held while it works (a CLI backup must not end with the process), let go when idle.
    w.ref();
    // The key's bytes are copied into the message, not shared with this thread's buffer.
    w.postMessage({ job, spec } satisfies BackupWorkerRequest);
  });
}
