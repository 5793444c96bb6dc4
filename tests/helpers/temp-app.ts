import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type App } from '../../src/services/app';
import { computeCheckChar } from '../../src/domain/id-number';
import type { PersonInput } from '../../src/contract';

/** A real app on a real SQLite file in a fresh temp folder, with a frozen clock. */
export function tempApp(now = '2026-11-28T08:00:00Z'): App & { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'dibao-it-'));
  const app = openApp({ dataDir: dir, clock: () => new Date(now) });
  return {
    ...app,
    dir,
    dispose: () => {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const validId = (first17: string): string => first17 + computeCheckChar(first17);

export function person(name: string, first17: string, extra: Partial<PersonInput> = {}): PersonInput {
  return { name, idNumber: validId(first17), relation: '子女', ...extra };
}

/** Unwraps a result envelope, failing the test with the Chinese message otherwise. */
export function ok<T>(r: { ok: true; value: unknown } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(`expected ok, got error: ${r.error.message}`);
  return r.value as T;
}
