// Crash-safe restore and clean starts (issue 11): a journal left at any point of the swap is rolled back (or, once
// committed, finished) at the next start, before the database opens; first-start setup is never offered next to
// a restore's leftovers; killed writes' leftovers go; the data folder is private.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditChainStatus, BackupItem, SessionInfo } from '../../src/contract';
import { readBackup } from '../../src/exchange/backup';
import { JOURNAL_FILE, planSwap, type RestoreJournal } from '../../src/exchange/restore-journal';
import { openApp } from '../../src/services/app';
import { SCHEMA_VERSION } from '../../src/store/migrations';
import { addAttachment, backupWorld, leftovers, officeFingerprint } from '../helpers/backup-office';
import { ok, tempApp } from '../helpers/temp-app';

const at = '2026-03-20T08:00:00Z';
/** A process id that has just exited: the owner of a crashed restore. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;

let app: ReturnType<typeof tempApp>;
beforeEach(() => {
  app = tempApp(at);
});
afterEach(() => app.dispose());

/**
 * The old office in the data folder (closed), the new one unpacked in a staging folder, and the journal's plan —
 * the situation of a restore just before its first rename. Returns both fingerprints.
 */
async function stagedRestore() {
  const caseId = await backupWorld(app);
  const item = ok<BackupItem>(await app.call('backup-create', {}));
  const newPrint = officeFingerprint(app.dir).fingerprint;
  // The office moves on after the backup: another scan, another village.
  await addAttachment(app, caseId, '补充材料.png', 2);
  app.db.prepare("UPDATE villages SET name = name || '（新）'").run();
  const oldPrint = officeFingerprint(app.dir).fingerprint;
  expect(oldPrint).not.toBe(newPrint);
  const pid = deadPid();
  const staging = join(app.dir, `.restore-staging-${pid}-1`);
  await readBackup(item.path, staging, SCHEMA_VERSION, async (id) => ((await app.backupKeys.current()).id === id ? (await app.backupKeys.current()).key : null));
  app.close();
  const journal: RestoreJournal = { ...planSwap(app.dir, staging, 'dibao.sqlite', at, `${pid}-1`), pid };
  return { journal, oldPrint, newPrint };
}

function applyMoves(j: RestoreJournal, count: number): void {
  mkdirSync(join(app.dir, j.oldDir));
  for (const m of [...j.moveOut, ...j.moveIn].slice(0, count)) renameSync(join(app.dir, ...m.from.split('/')), join(app.dir, ...m.to.split('/')));
}

const writeJournal = (j: RestoreJournal) => writeFileSync(join(app.dir, JOURNAL_FILE), JSON.stringify(j));

function reopen() {
  const again = openApp({ dataDir: app.dir, clock: () => new Date(at) });
  try {
    const audit = again.db.prepare("SELECT after_json AS a FROM audit_log WHERE command = 'restore-recover'").all() as { a: string }[];
    return { print: officeFingerprint(app.dir), left: leftovers(app.dir), startup: again.startup, audit, integrity: again.db.pragma('integrity_check', { simple: true }) };
  } finally {
    again.close();
  }
}

describe('中断的恢复', () => {
  it('is rolled back at start after the journal and after each rename: the old office, whole, nothing left over', async () => {
    const { journal, oldPrint } = await stagedRestore();
    const total = journal.moveOut.length + journal.moveIn.length;
    expect(total).toBe(6);
    const base = join(app.dir, '..', `${app.dir.split('/').pop()}-base`);
    renameSync(app.dir, base);
    try {
      for (let k = 0; k <= total; k++) {
        rmSync(app.dir, { recursive: true, force: true });
        spawnSync('cp', ['-a', base, app.dir]);
        writeJournal(journal);
        applyMoves(journal, k);
        const r = reopen();
        expect(r.startup.recovery?.outcome, `after ${k} renames`).toBe('rolled-back');
        expect(r.print, `after ${k} renames`).toEqual({ fingerprint: oldPrint, problems: [] });
        expect(r.left, `after ${k} renames`).toEqual([]);
        expect(r.integrity).toBe('ok');
        expect(r.audit).toEqual([{ a: expect.stringContaining('"outcome":"rolled-back"') }]);
      }
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('is finished at start once committed: the new office, whole', async () => {
    const { journal, newPrint } = await stagedRestore();
    writeJournal({ ...journal, phase: 'committed' });
    applyMoves(journal, journal.moveOut.length + journal.moveIn.length);
    const r = reopen();
    expect(r.startup.recovery?.outcome).toBe('finished');
    expect(r.print).toEqual({ fingerprint: newPrint, problems: [] });
    expect(r.left).toEqual([]);
  });

  it('the office finished at start has its audit chain walked at once: a broken chain in the restored data is reported and recorded', async () => {
    const { journal } = await stagedRestore();
    // The staged (restored) database had an audit row edited around the program.
    const staged = new Database(join(app.dir, journal.stagingDir, 'dibao.sqlite'));
    staged.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = '他人' WHERE id = 3; CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '审计日志不可修改'); END;");
    staged.close();
    writeJournal({ ...journal, phase: 'committed' });
    applyMoves(journal, journal.moveOut.length + journal.moveIn.length);
    const again = openApp({ dataDir: app.dir, clock: () => new Date(at) });
    try {
      expect(again.startup.recovery?.outcome).toBe('finished');
      const row = again.db.prepare("SELECT after_json AS a FROM audit_log WHERE command = 'restore-recover'").get() as { a: string };
      expect(JSON.parse(row.a)).toMatchObject({ outcome: 'finished', auditChain: { ok: false, brokenAt: 3 } });
      const status = ok<AuditChainStatus>(await again.call('audit-chain-status', {}));
      expect(status).toMatchObject({ ok: false, broken: { id: 3, kind: 'altered' } });
    } finally {
      again.close();
    }
  });

  it('a WAL made when the restored database was opened never meets the old database', async () => {
    const { journal, oldPrint } = await stagedRestore();
    writeJournal(journal);
    applyMoves(journal, journal.moveOut.length + journal.moveIn.length);
    // The restored database opened and wrote before the crash: its WAL (valid, frames not yet checkpointed) lies
    // beside it. SQLite would apply it to whatever database file it finds there.
    const restored = new Database(join(app.dir, 'dibao.sqlite'));
    restored.pragma('journal_mode = WAL');
    restored.pragma('wal_autocheckpoint = 0');
    restored.prepare("UPDATE villages SET name = name || '（被覆盖）'").run();
    const wal = readFileSync(join(app.dir, 'dibao.sqlite-wal'));
    expect(wal.length).toBeGreaterThan(32);
    restored.close();
    writeFileSync(join(app.dir, 'dibao.sqlite-wal'), wal);
    const r = reopen();
    expect(r.print).toEqual({ fingerprint: oldPrint, problems: [] });
    expect(r.integrity).toBe('ok');
  });

  it('a restore still running in another process, or a damaged journal, stops the start without creating anything', async () => {
    const { journal } = await stagedRestore();
    applyMoves(journal, 2);
    writeJournal({ ...journal, pid: process.ppid });
    expect(() => openApp({ dataDir: app.dir })).toThrow(/正在用备份恢复/);
    expect(existsSync(join(app.dir, 'dibao.sqlite'))).toBe(false);
    writeFileSync(join(app.dir, JOURNAL_FILE), '{"format":"dibao-restore-journal","ver');
    expect(() => openApp({ dataDir: app.dir })).toThrow(/记录已损坏/);
    expect(existsSync(join(app.dir, 'dibao.sqlite'))).toBe(false);
  });
});

describe('首次设置', () => {
  it('is not offered while a journal or a .restore-old-* folder lies in the data folder; an empty database is not made beside them', async () => {
    // No accounts yet, and a journal appears (another process is restoring).
    expect(ok<SessionInfo>(await app.handle('session-status', {}, null))).toMatchObject({ needsSetup: true, setupBlocked: null });
    writeFileSync(join(app.dir, JOURNAL_FILE), '{}');
    const blocked = ok<SessionInfo>(await app.handle('session-status', {}, null));
    expect(blocked).toMatchObject({ needsSetup: false, setupBlocked: expect.stringContaining('未完成的恢复') });
    const setup = await app.handle('account-setup', { username: 'mallory', displayName: '某人', password: 'abcd1234' }, null);
    expect(setup).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('不提供初始设置') } });
    expect(app.db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
    rmSync(join(app.dir, JOURNAL_FILE));

    // Leftovers of a version without the journal, next to an empty database.
    mkdirSync(join(app.dir, '.restore-old-1234abcd'));
    expect(ok<SessionInfo>(await app.handle('session-status', {}, null)).needsSetup).toBe(false);
    app.close();
    // …and without a database: the start is refused rather than creating an empty office.
    rmSync(join(app.dir, 'dibao.sqlite'));
    rmSync(join(app.dir, 'dibao.sqlite-wal'), { force: true });
    rmSync(join(app.dir, 'dibao.sqlite-shm'), { force: true });
    expect(() => openApp({ dataDir: app.dir })).toThrow(/不会新建空的数据库/);
    expect(existsSync(join(app.dir, 'dibao.sqlite'))).toBe(false);
  });
});

describe('启动时的清理与权限', () => {
  it('removes what killed backups, restores and package writes left behind, and keeps what a running process is writing', () => {
    app.close();
    const dead = deadPid();
    const live = process.ppid;
    const put = (rel: string, dir = false) => {
      const p = join(app.dir, ...rel.split('/'));
      mkdirSync(dir ? p : join(p, '..'), { recursive: true });
      if (!dir) writeFileSync(p, 'x');
    };
    const stale = [
      `.backup-work/${dead}-abcd1234/dibao.sqlite`,
      '.backup-work/abcd1234/dibao.sqlite',
      `backups/.${dead}-abcd1234.backup.partial`,
      'backups/.abcd1234.backup.partial',
      `exports/.备案包-${dead}-abcd1234.partial/manifest.json`,
      `exports/.备案包-${dead}-abcd1234.zip.partial`,
      'exports/.备案包-abcd1234.zip.partial',
      `.restore-staging-${dead}-1700000000000/dibao.sqlite`,
      `keys/.backup.key.${dead}.abcd.tmp`,
    ];
    const kept = [`.backup-work/${live}-abcd1234/dibao.sqlite`, `backups/.${live}-abcd1234.backup.partial`, `.restore-staging-${live}-1/dibao.sqlite`, 'backups/低保备份-20260101-080000-手动.zip'];
    for (const rel of [...stale, ...kept]) put(rel);
    const again = openApp({ dataDir: app.dir });
    again.close();
    for (const rel of stale) expect(existsSync(join(app.dir, ...rel.split('/'))), rel).toBe(false);
    for (const rel of kept) expect(existsSync(join(app.dir, ...rel.split('/'))), rel).toBe(true);
    expect(readdirSync(join(app.dir, 'exports'))).toEqual([]);
    expect(again.startup.removed).toHaveLength(stale.length);
  });

  it.skipIf(process.platform === 'win32')('makes the data folder 0700 and every file in it 0600, also those made before', async () => {
    await backupWorld(app);
    ok(await app.call('backup-create', {}));
    const doc = (app.db.prepare('SELECT file_path AS f FROM documents LIMIT 1').get() as { f: string }).f;
    app.close();
    chmodSync(app.dir, 0o755);
    chmodSync(join(app.dir, ...doc.split('/')), 0o644);
    chmodSync(join(app.dir, 'documents'), 0o755);
    const again = openApp({ dataDir: app.dir });
    try {
      again.db.prepare("UPDATE villages SET name = name WHERE id = 1").run(); // makes the WAL exist
      const mode = (rel: string) => statSync(join(app.dir, ...rel.split('/'))).mode & 0o777;
      expect(mode('')).toBe(0o700);
      expect(mode('documents')).toBe(0o700);
      expect(mode(doc)).toBe(0o600);
      expect(mode('dibao.sqlite')).toBe(0o600);
      expect(mode('dibao.sqlite-wal')).toBe(0o600);
      for (const n of readdirSync(join(app.dir, 'backups'))) expect(mode(`backups/${n}`)).toBe(0o600);
    } finally {
      again.close();
    }
    // A new data folder is private from the first moment.
    const fresh = join(app.dir, 'fresh');
    const f = openApp({ dataDir: fresh });
    f.close();
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    expect(statSync(join(fresh, 'dibao.sqlite')).mode & 0o777).toBe(0o600);
  });
});
