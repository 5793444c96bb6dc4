import { resolve } from 'node:path';

/** `--data-dir <dir>` or `--data-dir=<dir>` from a process argv; the last one wins. */
export function readDataDirArg(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data-dir') {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) found = next;
      i++;
    } else if (arg?.startsWith('--data-dir=')) {
      const value = arg.slice('--data-dir='.length);
      if (value !== '') found = value;
    }
  }
  return found;
}

/** `--data-dir` beats `DIBAO_DATA_DIR` beats Electron's `userData` (architecture.md, "Data that must never be lost"). */
export function chooseDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, userData: string): string {
  const fromEnv = env.DIBAO_DATA_DIR === '' ? undefined : env.DIBAO_DATA_DIR;
  return resolve(readDataDirArg(argv) ?? fromEnv ?? userData);
}
