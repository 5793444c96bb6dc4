// Reads a worksheet in a worker thread, so that the server keeps answering other users while a large file is
// parsed. The worker entry is found the same way everywhere:
// the packaged app's bundle or the TypeScript entry through tsx (src/exchange/worker-entry.ts).
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-entry';
import { SheetError } from './sheet-error';
import type { WorkbookSheet } from './sheet-reader';
import type { SheetAnswer, SheetJob } from './sheet-worker';

/** Heap of one worker: a hostile file that gets past the zip limits kills its worker, not the office's server. */
const WORKER_HEAP_MB = 1024;
/** Parses at the same time; more wait their turn (the office PC has few cores, and the server needs one). */
const PARALLEL = 2;
/** A safety net only: a sound 50,000-row list takes a few seconds. */
const TIMEOUT_MS = 180_000;

const TOO_LARGE = '文件内容过多，读取时超出内存上限，未导入。请把名单拆成几个较小的文件';

const entry = () => workerEntry('sheet-worker.mjs', new URL('./sheet-worker.ts', import.meta.url));

let running = 0;
const queue: (() => void)[] = [];

async function turn(): Promise<() => void> {
  if (running >= PARALLEL) await new Promise<void>((go) => queue.push(go));
  running++;
  return () => {
    running--;
    queue.shift()?.();
  };
}

function runWorker(job: SheetJob): Promise<WorkbookSheet> {
  const { script, eval: isEval } = entry();
  return new Promise((resolve, reject) => {
    // workerData is copied into the worker: the caller's buffer is never shared or transferred.
    const worker = new Worker(script, { eval: isEval, workerData: job, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      settle(() => reject(new SheetError('读取文件用时过长，已停止，未导入。请把名单拆成几个较小的文件')));
      void worker.terminate();
    }, TIMEOUT_MS);
    timer.unref();
    worker.once('message', (a: SheetAnswer) =>
      settle(() => (a.ok ? resolve(a.value) : reject(a.refused ? new SheetError(a.message) : new Error(`sheet worker failed: ${a.message}`)))),
    );
    worker.once('error', (err: Error & { code?: string }) =>
      settle(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new SheetError(TOO_LARGE) : new Error(`sheet worker failed: ${err.name}`))),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`sheet worker exited with code ${code}`))));
  });
}

/**
 * One worksheet of an .xlsx as text cells: `sheetName`, or the first visible worksheet when null. Refusals
 * (damaged, hidden-only, zip limits, …) are SheetErrors with the clerk's message.
 */
export async function readSheet(bytes: Buffer, sheetName: string | null): Promise<WorkbookSheet> {
  const done = await turn();
  try {
    return await runWorker({ bytes, sheetName });
  } finally {
    done();
  }
}
