// Worker-thread entry: makes backups off the server's event loop (issue 13: the automatic backup at start held
// the server 11–20 s at county scale, single requests stalled up to 2 s). One worker lives as long as the process
// (backup-runner.ts starts it once: loading the code is most of a small backup's cost) and runs the jobs it is
// sent one after another, reporting progress and one answer per job.
import { parentPort } from 'node:worker_threads';
import { BackupError } from './backup';
import { runBackupJob, type BackupJob } from './backup-job';

export type BackupWorkerMessage =
  | { job: number; type: 'progress'; fraction: number; stage: string }
  | { job: number; type: 'done'; path: string; size: number; keyId: string }
  /** `refused`: a BackupError with the clerk's message; otherwise the error's name and errno code only (no data). */
  | { job: number; type: 'failed'; refused: boolean; message: string; code: string | null };

export type BackupWorkerRequest = { job: number; spec: BackupJob };

const post = (m: BackupWorkerMessage) => parentPort?.postMessage(m);

async function run({ job, spec }: BackupWorkerRequest): Promise<BackupWorkerMessage> {
  try {
    const made = await runBackupJob(spec, (fraction, stage) => post({ job, type: 'progress', fraction, stage }));
    return { job, type: 'done', ...made };
  } catch (err) {
    if (err instanceof BackupError) return { job, type: 'failed', refused: true, message: err.message, code: null };
    const code = (err as { code?: unknown }).code;
    return { job, type: 'failed', refused: false, message: err instanceof Error ? err.name : 'Error', code: typeof code === 'string' ? code : null };
  }
}

let queue = Promise.resolve();
parentPort?.on('message', (request: BackupWorkerRequest) => {
  queue = queue.then(async () => post(await run(request)));
});
