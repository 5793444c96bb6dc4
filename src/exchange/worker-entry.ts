// Where a worker thread's entry module is, in the three ways the core runs:
// - the packaged Electron app: dist-electron/<name>.mjs, bundled next to main.js by scripts/build-electron.mjs
//   (unpacked from app.asar, where a worker cannot be started: electron-builder.yml);
// - `npm run serve` (tsx), the benchmark and vitest: the TypeScript entry, through a bootstrap that registers
//   tsx in the worker. Node 20 does not apply `--import` loader hooks to a worker's own entry module (a .ts entry
//   fails with ERR_UNKNOWN_FILE_EXTENSION even with tsx in execArgv).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** How to start a worker: a file (the bundle), or a bootstrap script to evaluate (TypeScript through tsx). */
export type WorkerEntry = { script: string | URL; eval: boolean };

/** tsx's ESM API, from its package exports. */
function tsxApi(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(pkgPath), pkg.exports['./esm/api']!.import.default)).href;
}

const cache = new Map<string, WorkerEntry>();

/**
 * `builtName`: the bundle's file name beside main.js (e.g. `backup-worker.mjs`); `source`: the TypeScript entry
 * (`new URL('./backup-worker.ts', import.meta.url)` at the caller).
 */
export function workerEntry(builtName: string, source: URL): WorkerEntry {
  const known = cache.get(builtName);
  if (known) return known;
  let entry: WorkerEntry;
  // In the bundle this module's URL is main.js's, so the built worker is its neighbour.
  const built = fileURLToPath(new URL(`./${builtName}`, import.meta.url));
  if (existsSync(built)) {
    const unpacked = built.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    entry = { script: pathToFileURL(existsSync(unpacked) ? unpacked : built), eval: false };
  } else {
    entry = {
      script: `import(${JSON.stringify(tsxApi())}).then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); });`,
      eval: true,
    };
  }
  cache.set(builtName, entry);
  return entry;
}
