// Worker-thread entry: makes one backup off the server's event loop (issue 13: the automatic backup at start held
// the server 11–20 s at county scale, single requests stalled up to 2 s). Started by backup-runner.ts with a
// BackupJob; reports progress, answers once and exits.
import { parentPort, workerData } from 'node:worker_threads';
import { BackupError } from './backup';
import { runBackupJob, type BackupJob } from './backup-job';

export type BackupWorkerMessage =
  | { type: 'progress'; fraction: number; stage: string }
  | { type: 'done'; path: string; size: number; keyId: string }
  /** `refused`: a BackupError with the clerk's message; otherwise the error's name and errno code only (no data). */
  | { type: 'failed'; refused: boolean; message: string; code: string | null };

const post = (m: BackupWorkerMessage) => parentPort?.postMessage(m);

async function run(job: BackupJob): Promise<BackupWorkerMessage> {
  try {
    const made = await runBackupJob(job, (fraction, stage) => post({ type: 'progress', fraction, stage }));
    return { type: 'done', ...made };
  } catch (err) {
    if (err instanceof BackupError) return { type: 'failed', refused: true, message: err.message, code: null };
    const code = (err as { code?: unknown }).code;
    return { type: 'failed', refused: false, message: err instanceof Error ? err.name : 'Error', code: typeof code === 'string' ? code : null };
  }
}

void run(workerData as BackupJob).then(post);
