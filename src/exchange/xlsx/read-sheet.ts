// Reads a worksheet in a worker thread, so that the server keeps answering other users while a large file is
// parsed. The same code runs in three places, and the worker entry is found accordingly:
// - the packaged Electron app: dist-electron/sheet-worker.mjs, bundled next to main.js by
//   scripts/build-electron.mjs (unpacked from app.asar, see electron-builder.yml);
// - `npm run serve` (tsx) and vitest: the TypeScript entry, through a bootstrap that registers tsx in the worker.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
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

/** How to start the worker: a file (the bundle), or a bootstrap script (TypeScript through tsx). */
type Entry = { script: string | URL; eval: boolean };

let entry: Entry | null = null;

/**
 * tsx's ESM API, from its package exports. Node 20 does not apply `--import` loader hooks to a worker's own
 * entry module (a .ts entry fails with ERR_UNKNOWN_FILE_EXTENSION even with tsx in execArgv), so the
 * bootstrap registers tsx inside the worker and then imports the entry.
 */
function tsxApi(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(pkgPath), pkg.exports['./esm/api']!.import.default)).href;
}

function workerEntry(): Entry {
  if (entry) return entry;
  const built = fileURLToPath(new URL('./sheet-worker.mjs', import.meta.url));
  if (existsSync(built)) {
    // Inside app.asar a worker cannot be started; the bundle is unpacked beside it.
    const unpacked = built.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    entry = { script: pathToFileURL(existsSync(unpacked) ? unpacked : built), eval: false };
  } else {
    const source = new URL('./sheet-worker.ts', import.meta.url).href;
    entry = {
      script: `import(${JSON.stringify(tsxApi())}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`,
      eval: true,
    };
  }
  return entry;
}

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
  const { script, eval: isEval } = workerEntry();
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
