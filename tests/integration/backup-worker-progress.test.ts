// Issue 13: backups are made in the maintenance worker (its own connection, one integrity check, hashes computed
// while writing) and long commands report progress through `progress-get`. These tests check that a backup made
// this way restores to exactly the data it was made from — while the office kept writing during it — and that
// progress is told only to the caller, only while the command runs.
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupItem, ProgressView, RestoreResult } from '../../src/contract';
import type { Db } from '../../src/store/db';
import { walkAuditChainOffThread } from '../../src/exchange/maintenance-runner';
import { verifyAuditChain } from '../../src/store/audit-chain';
import { backupWorld, tree } from '../helpers/backup-office';
import { ok, tempApp } from '../helpers/temp-app';

const admin = { id: 1, name: '管理员', role: 'admin' as const, villageId: null };
const otherAdmin = { id: 2, name: '另一位管理员', role: 'admin' as const, villageId: null };
let app: ReturnType<typeof tempApp>;

beforeEach(async () => {
  app = tempApp('2026-03-20T08:00:00Z');
  await backupWorld(app);
});
afterEach(() => app.dispose());

/** Every row of every table but the audit log (which the restore itself extends), in a stable order. */
function dump(db: Db): Record<string, unknown[]> {
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_log' ORDER BY name").all() as { name: string }[]).map(
    (t) => t.name,
  );
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()]));
}

const files = (dir: string) =>
  tree(dir)
    .filter((p) => /^(documents|attachments)\//.test(p) && statSync(join(dir, p)).isFile())
    .map((p) => [p, readFileSync(join(dir, p)).toString('base64')]);

describe('备份在后台线程中制作', () => {
  it('restores identically to the data at its snapshot, though the office kept writing while it was made', async () => {
    const before = dump(app.db);
    const beforeFiles = files(app.dir);
    const beforeAudit = (app.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const making = app.call('backup-create', { destination: null }, admin);
    // The worker has its own connection: the office goes on writing meanwhile; the backup holds what it copied.
    const villages = ok<{ id: number }[]>(await app.call('village-list', {}, admin));
    const during = await app.call('village-create', { name: '备份期间新建村', code: '990103100299', kind: 'village', groups: [] }, admin);
    const item = ok<BackupItem>(await making);
    expect(item.size).toBeGreaterThan(0);
    const restored = ok<RestoreResult>(await app.call('backup-restore', { path: item.path, confirm: '恢复', recoveryKey: null }, admin));
    expect(restored.restored.signature.status).toBe('valid');
    const after = dump(app.ctx().db);
    if (during.ok) {
      // Written after the snapshot or before it: either way the restore matches one consistent moment.
      const inBackup = (after.villages as { name: string }[]).some((v) => v.name === '备份期间新建村');
      if (inBackup) {
        const { villages: v1, ...rest1 } = after;
        const { villages: v0, ...rest0 } = before;
        expect(rest1).toEqual(rest0);
        expect(v1).toHaveLength(villages.length + 1);
        expect(v1!.slice(0, v0!.length)).toEqual(v0);
      } else {
        expect(after).toEqual(before);
      }
    } else {
      expect(after).toEqual(before);
    }
    expect(files(app.dir)).toEqual(beforeFiles);
    // The restored audit log is the snapshot's, plus the restore's own row.
    const auditRows = (app.ctx().db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    expect(auditRows).toBeGreaterThanOrEqual(beforeAudit + 1);
  });

  it('a byte changed on the disk after the backup was made is refused when it is read', async () => {
    // The read-back at writing compares the disk with the hash computed while writing; later, every chunk's tag.
    const item = ok<BackupItem>(await app.call('backup-create', { destination: null }, admin));
    const bytes = readFileSync(item.path);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 5) ^ 0xff, bytes.length - 5);
    const bad = join(app.dir, 'backups', 'tampered.bak');
    rmSync(bad, { force: true });
    writeFileSync(bad, bytes);
    const r = await app.call('backup-inspect', { path: bad, recoveryKey: null }, admin);
    expect(r.ok).toBe(false);
  });
});

describe('审计日志哈希链在后台线程中核对', () => {
  it('gives the same report as a walk on this thread, also for a broken chain', async () => {
    const file = join(app.dir, 'dibao.sqlite');
    expect(await walkAuditChainOffThread(file)).toEqual(verifyAuditChain(app.db));
    // A row changed around the program: the worker finds the same break.
    const triggers = (app.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string }[]).map((t) => t.name);
    for (const t of triggers) app.db.exec(`DROP TRIGGER "${t}"`);
    app.db.prepare("UPDATE audit_log SET actor = '某人' WHERE id = 3").run();
    const here = verifyAuditChain(app.db);
    expect(here.ok).toBe(false);
    expect(await walkAuditChainOffThread(file)).toEqual(here);
  });
});

describe('进度', () => {
  it('tells the caller how far a backup is while it runs, in growing percentages with the stage, and forgets it after', async () => {
    const id = 'test-progress-0001';
    const unknown = ok<ProgressView>(await app.call('progress-get', { progressId: id }, admin));
    expect(unknown).toEqual({ state: 'unknown', percent: 0, stage: null });
    const making = app.call('backup-create', { destination: null }, admin, id);
    let settled = false;
    void making.then(() => (settled = true));
    const seen: ProgressView[] = [];
    while (!settled) {
      seen.push(ok<ProgressView>(await app.call('progress-get', { progressId: id }, admin)));
      // Another user never sees it, even with the same id.
      expect(ok<ProgressView>(await app.call('progress-get', { progressId: id }, otherAdmin)).state).toBe('unknown');
      await new Promise((r) => setTimeout(r, 2));
    }
    ok<BackupItem>(await making);
    const running = seen.filter((v) => v.state === 'running');
    expect(running.length).toBeGreaterThan(0);
    const percents = running.map((v) => v.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(Math.max(...percents)).toBeLessThan(100);
    const stages = new Set(running.map((v) => v.stage).filter((s) => s !== null));
    for (const s of stages) expect(['复制数据库', '检查数据库完整性', '计算校验值', '加密写入备份文件', '读回核验备份文件']).toContain(s);
    expect(ok<ProgressView>(await app.call('progress-get', { progressId: id }, admin)).state).toBe('unknown');
  });

  it('refuses a malformed progress id, and follows only commands that report progress', async () => {
    expect(await app.call('progress-get', { progressId: 'x' }, admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // A quick command sent with a progress id is simply run; nothing is recorded for it.
    const id = 'test-progress-0002';
    const listing = app.call('village-list', {}, admin, id);
    expect(ok<ProgressView>(await app.call('progress-get', { progressId: id }, admin)).state).toBe('unknown');
    ok(await listing);
  });
});
