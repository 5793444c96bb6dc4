// Bundles the Electron shell: main (ESM, Electron 28+ loads it natively), the sandboxed preload (CommonJS:
// a sandboxed preload cannot be an ES module), and the worker that reads uploaded Excel files off the main
// thread (src/exchange/xlsx/read-sheet.ts looks for sheet-worker.mjs next to main.js; electron-builder.yml
// unpacks it from app.asar, where a worker cannot be started), and the maintenance worker that makes backups and
// walks the audit chain (src/exchange/maintenance-runner.ts, maintenance-worker.mjs, likewise). Type-checking is `tsc -p electron/tsconfig.json`, not this.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist-electron`;

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

await rm(outdir, { recursive: true, force: true });
await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: `${outdir}/main.js`,
    format: 'esm',
    // Native module and the runtime itself stay outside the bundle.
    external: ['electron', 'better-sqlite3'],
    // Bundled CommonJS dependencies may call require(); give them a real one in the ESM output.
    banner: {
      js: "import { createRequire as __dibaoCreateRequire } from 'node:module'; const require = __dibaoCreateRequire(import.meta.url);",
    },
  }),
  build({
    ...common,
    entryPoints: ['src/exchange/xlsx/sheet-worker.ts'],
    outfile: `${outdir}/sheet-worker.mjs`,
    format: 'esm',
    banner: {
      js: "import { createRequire as __dibaoCreateRequire } from 'node:module'; const require = __dibaoCreateRequire(import.meta.url);",
    },
  }),
  build({
    ...common,
    entryPoints: ['src/exchange/maintenance-worker.ts'],
    outfile: `${outdir}/maintenance-worker.mjs`,
    format: 'esm',
    // The worker opens its own connection: the native module stays outside the bundle, as for main.js.
    external: ['better-sqlite3'],
    banner: {
      js: "import { createRequire as __dibaoCreateRequire } from 'node:module'; const require = __dibaoCreateRequire(import.meta.url);",
    },
  }),
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: `${outdir}/preload.cjs`,
    format: 'cjs',
    external: ['electron'],
  }),
]);
console.log('dist-electron: main.js, preload.cjs, sheet-worker.mjs, maintenance-worker.mjs');
