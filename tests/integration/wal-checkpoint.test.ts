// Issue 13: the shells checkpoint the WAL in the maintenance worker, not inside the commit that fills it (a batch of
// 8,000 payment rows paid SQLite's automatic checkpoint — an fsync of the database file — on the server's thread).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openApp, type App } from '../../src/services/app';
import { seedDemo } from '../../src/services/demo';
import { hashPasswordBlocking } from '../../src/services/passwords';

const dirs: string[] = [];
const apps: App[] = [];
afterEach(() => {
  for (const a of apps.splice(0)) a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function office(backgroundCheckpoints: boolean): App {
  const dir = mkdtempSync(join(tmpdir(), 'dibao-wal-'));
  dirs.push(dir);
  const app = openApp({ dataDir: dir, clock: () => new Date('2026-11-30T08:00:00Z'), backgroundCheckpoints });
  apps.push(app);
  return app;
}

/** Households in the database FILE alone (a copy without its -wal): what has been checkpointed into it. */
function householdsInFile(app: App): number {
  const copy = join(mkdtempSync(join(tmpdir(), 'dibao-wal-file-')), 'file-only.sqlite');
  dirs.push(join(copy, '..'));
  copyFileSync(join(app.dataDir, 'dibao.sqlite'), copy);
  const db = new Database(copy, { readonly: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'households'").get();
    return table ? (db.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n : 0;
  } finally {
    db.close();
  }
}

describe('WAL checkpoints', () => {
  it('the shells: no checkpoint inside a commit; the worker copies the commits into the database file soon after', async () => {
    const app = office(true);
    expect(app.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = householdsInFile(app);
    seedDemo(app.ctx(), { cycle: false, passwordHash: hashPasswordBlocking('demo1234') });
    const written = (app.db.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n;
    expect(written).toBeGreaterThan(before);
    // Synchronously after the commits (no timer can have run): nothing of them is in the file yet.
    expect(householdsInFile(app)).toBe(before);
    // The schedule looks every 2 s; the worker's checkpoint then brings the households into the file.
    await vi.waitFor(() => expect(householdsInFile(app)).toBe(written), { timeout: 30_000, interval: 250 });
  });

  it('a restore holds the checkpoints back: none runs while held, the next one after the release', async () => {
    const app = office(true);
    const release = await app.ctx().maintenance!.holdCheckpoints();
    const before = householdsInFile(app);
    seedDemo(app.ctx(), { cycle: false, passwordHash: hashPasswordBlocking('demo1234') });
    // Over two of the schedule's rounds: a checkpoint would have run by now, were it not held.
    await new Promise((r) => setTimeout(r, 4_500));
    expect(householdsInFile(app)).toBe(before);
    release();
    const written = (app.db.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n;
    await vi.waitFor(() => expect(householdsInFile(app)).toBe(written), { timeout: 30_000, interval: 250 });
  });

  it('the CLI and tests keep SQLite’s automatic checkpoint', () => {
    const app = office(false);
    expect(app.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
