// Runs createBackup in a worker thread (backup-worker.ts), so that the server keeps answering while a backup of a
// county-sized office is copied, checked, encrypted and read back. The worker reports progress as it goes.
import { Worker } from 'node:worker_threads';
import type { BackupWorkerMessage } from './backup-worker';
import { BackupError } from './backup';
import { runBackupJob, type BackupJob, type BackupJobResult } from './backup-job';
import { workerEntry } from './worker-entry';

export type { BackupJob };

/**
 * `inWorker: false` runs the same code on the caller's thread: for tests that replace a seam of this thread
 * (e.g. a disk that fills up, src/exchange/durable.ts `exchangeFiles`), which a worker would not see.
 */
export const backupThread = { inWorker: true };

const entry = () => workerEntry('backup-worker.mjs', new URL('./backup-worker.ts', import.meta.url));

/** Reconstructs the worker's failure: the clerk's message for a refusal, an errno-coded Error for the disk. */
function failure(m: Extract<BackupWorkerMessage, { type: 'failed' }>): Error {
  if (m.refused) return new BackupError(m.message);
  return Object.assign(new Error(`backup worker: ${m.message}`), m.code ? { code: m.code } : {});
}

export async function createBackupOffThread(
  job: BackupJob,
  progress: (fraction: number, stage: string) => void = () => undefined,
): Promise<BackupJobResult> {
  if (!backupThread.inWorker) return runBackupJob(job, progress);
  const { script, eval: isEval } = entry();
  return new Promise((resolve, reject) => {
    // workerData is copied: the key's bytes are not shared with this thread's buffer.
    const worker = new Worker(script, { eval: isEval, workerData: job });
    let settled = false;
    worker.on('message', (m: BackupWorkerMessage) => {
      if (m.type === 'progress') {
        progress(m.fraction, m.stage);
        return;
      }
      settled = true;
      if (m.type === 'done') resolve({ path: m.path, size: m.size, keyId: m.keyId });
      else reject(failure(m));
    });
    worker.once('error', (err) => {
      if (settled) return;
      settled = true;
      reject(new Error(`backup worker failed: ${err.name}`));
    });
    worker.once('exit', (code) => {
      if (settled) return;
      settled = true;
      reject(new Error(`backup worker exited with code ${code}`));
    });
  });
}
