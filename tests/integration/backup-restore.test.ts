import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditChainStatus, BackupInspection, BackupItem, BackupState, BackupSummary, RecoveryKeySheet, RestoreResult } from '../../src/contract';
import { appendAudit } from '../../src/store/audit';
import { runCli, type Io } from '../../src/cli/main';
import { openApp } from '../../src/services/app';
import { backupKeyId, openContainer, recoveryKeyGroups } from '../../src/exchange/backup-crypto';
import { exchangeFiles } from '../../src/exchange/durable';
import { maintenanceThread } from '../../src/exchange/maintenance-runner';
import { backupFileName, backupsToRemove, parseBackupName } from '../../src/services/backups';
import { dataCounts } from '../../src/store/filing';
import type { Db } from '../../src/store/db';
import { backupWorld, legacyBackup, tree } from '../helpers/backup-office';
import { clerk } from '../helpers/filing-world';
import { ok, tempApp } from '../helpers/temp-app';

const at = '2026-03-20T08:00:00Z';
const admin = { id: 1, name: '管理员', role: 'admin' as const, villageId: null };
let app: ReturnType<typeof tempApp>;
let tmp: string;

beforeEach(async () => {
  app = tempApp(at);
  await backupWorld(app);
  tmp = mkdtempSync(join(tmpdir(), 'dibao-bk-'));
});
afterEach(() => {
  app.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

const docHashes = (db: Db, dir: string) =>
  (db.prepare('SELECT file_path AS f, sha256 FROM documents ORDER BY id').all() as { f: string; sha256: string }[]).map((d) => ({
    ...d,
    onDisk: existsSync(join(dir, d.f)) ? readFileSync(join(dir, d.f)).length : -1,
  }));

function captureIo(): Io & { out: string[]; err: string[] } {
  const o: string[] = [];
  const e: string[] = [];
  return { stdin: process.stdin, stdout: (s) => o.push(s), stderr: (s) => e.push(s), out: o, err: e };
}

const verified = (r: BackupInspection): BackupSummary => {
  if (r.state !== 'verified') throw new Error(`expected a verified backup, got ${r.state}`);
  return r.summary;
};

/** The office's own recovery key as printed on its sheet, with the spaces a clerk would type. */
async function recoveryKeyOf(a: { backupKeys: { current: () => Promise<{ key: Buffer }> } }): Promise<string> {
  return recoveryKeyGroups((await a.backupKeys.current()).key).join(' ');
}

/** The state a refused restore must leave untouched. */
function snapshot(a: typeof app) {
  return { counts: dataCounts(a.ctx().db), db: readFileSync(join(a.dir, 'dibao.sqlite')), tree: tree(a.dir) };
}

describe('加密备份', () => {
  it('is an encrypted file: no zip, no ID number, bank account or password hash in its bytes; the header tells only time, kind and counts', async () => {
    const item = ok<BackupItem>(await app.call('backup-create', {}, admin));
    const bytes = readFileSync(item.path);
    await expect(JSZip.loadAsync(bytes)).rejects.toThrow();
    const ids = (app.db.prepare('SELECT id_number AS v FROM persons').all() as { v: string }[]).map((r) => r.v);
    const hashes = (app.db.prepare('SELECT password_hash AS v FROM users').all() as { v: string }[]).map((r) => r.v);
    const banks = (app.db.prepare('SELECT account_number AS v FROM bank_accounts').all() as { v: string }[]).map((r) => r.v);
    expect(ids.length).toBeGreaterThan(80);
    expect(banks.length).toBeGreaterThan(10);
    for (const secret of [...ids, ...hashes, ...banks, '东山村']) expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    // What `strings` would print: no run of 17 digits (an ID number) anywhere.
    expect(/\d{17}[\dX]/.test(bytes.toString('latin1'))).toBe(false);
    // `unzip -l` refuses it too (when unzip is installed).
    try {
      execFileSync('unzip', ['-l', item.path], { stdio: 'pipe' });
      throw new Error('unzip read the backup');
    } catch (err) {
      expect((err as { status?: number; code?: string }).status ?? (err as { code?: string }).code).not.toBe(0);
    }
    const opened = await openContainer(item.path);
    expect(Object.keys(opened.header).sort()).toEqual(['appVersion', 'counts', 'createdAt', 'encryption', 'fileCount', 'format', 'kind', 'officeName', 'schemaVersion', 'version']);
    expect(opened.header.counts).toEqual(dataCounts(app.db));
    expect(opened.header.encryption.keyId).toBe((await app.backupKeys.current()).id);
  });

  it('keeps the key owner-only in <dataDir>/keys, outside backups and never in a backup', async () => {
    const item = ok<BackupItem>(await app.call('backup-create', {}, admin));
    const keyFile = join(app.dir, 'keys', 'backup.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(app.dir, 'keys')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(app.dir, 'backups')).some((n) => n.includes('key'))).toBe(false);
    const { key } = await app.backupKeys.current();
    const bytes = readFileSync(item.path);
    for (const form of [key, Buffer.from(key.toString('hex')), Buffer.from(key.toString('base64')), Buffer.from(recoveryKeyGroups(key).join(''))]) {
      expect(bytes.includes(form)).toBe(false);
    }
  });

  it('a backup restored on a fresh data folder asks for the recovery key; with it everything is as it was and the key becomes that PC’s', async () => {
    writeFileSync(join(app.dir, 'attachments-probe'), 'not part of the data');
    const item = ok<BackupItem>(await app.call('backup-create', {}, admin));
    expect(ok<BackupState>(await app.call('backup-list', {}, clerk)).items.map((i) => i.path)).toEqual([item.path]);
    const recovery = await recoveryKeyOf(app);

    const fresh = mkdtempSync(join(tmpdir(), 'dibao-fresh-'));
    try {
      const io = captureIo();
      expect(await runCli(['restore', '--data-dir', fresh, item.path], io)).toBe(1);
      expect(io.err.join('')).toContain('恢复密钥');
      expect(existsSync(join(fresh, 'documents'))).toBe(false);
      // A recovery key of another office is refused by its key id; a mistyped one by its check digits.
      const other = tempApp(at);
      try {
        const io2 = captureIo();
        expect(await runCli(['restore', '--data-dir', fresh, item.path, '--recovery-key', await recoveryKeyOf(other), '--yes'], io2)).toBe(1);
        expect(io2.err.join('')).toContain('不是该备份的密钥');
      } finally {
        other.dispose();
      }
      // One digit wrong in the middle of the key.
      const typo = recovery.replace(/^(.{40})(\d)/, (_m, head: string, d: string) => `${head}${(Number(d) + 1) % 10}`);
      const io3 = captureIo();
      expect(await runCli(['restore', '--data-dir', fresh, item.path, '--recovery-key', typo], io3)).toBe(1);
      expect(io3.err.join('')).toContain('校验位不符');
      expect(existsSync(join(fresh, 'documents'))).toBe(false);

      // Dashes and spaces as a clerk might type them.
      const typed = recovery.replaceAll(' ', '-');
      const io4 = captureIo();
      expect(await runCli(['restore', '--data-dir', fresh, item.path, '--recovery-key', typed], io4)).toBe(0);
      expect(io4.out.join('')).toContain('未做任何改动');
      expect(io4.out.join('')).toContain('用输入的恢复密钥打开');
      const io5 = captureIo();
      expect(await runCli(['restore', '--data-dir', fresh, item.path, '--recovery-key', typed, '--yes'], io5)).toBe(0);
      expect(io5.out.join('')).toContain('已恢复');
      expect(io5.out.join('')).toContain('已设为本机的备份密钥');
      const restored = openApp({ dataDir: fresh });
      try {
        expect(dataCounts(restored.db)).toEqual(dataCounts(app.db));
        expect(docHashes(restored.db, fresh)).toEqual(docHashes(app.db, app.dir));
        for (const d of restored.db.prepare('SELECT id FROM documents').all() as { id: number }[]) {
          expect(await restored.call('document-pdf', { id: d.id })).toMatchObject({ ok: true });
        }
        expect(existsSync(join(fresh, 'attachments-probe'))).toBe(false);
        // The pre-restore backup of the fresh folder was made with that PC's first key, which it keeps.
        const safety = readdirSync(join(fresh, 'backups')).find((n) => n.endsWith('-恢复前.bak'))!;
        expect(verified(ok<BackupInspection>(await restored.call('backup-inspect', { path: join(fresh, 'backups', safety) }, admin))).keySource).toBe('this-pc');
        // The recovered key is now current: the office's own backups open without typing it again.
        expect((await restored.backupKeys.current()).id).toBe((await app.backupKeys.current()).id);
        expect(verified(ok<BackupInspection>(await restored.call('backup-inspect', { path: item.path }, admin))).keySource).toBe('this-pc');
      } finally {
        restored.close();
      }
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('restores in the running app: shows the summary first, keeps the replaced data as a backup, reopens, ends sessions', async () => {
    const item = ok<BackupItem>(await app.call('backup-create', { destination: tmp }, admin));
    const before = dataCounts(app.db);
    app.db.prepare("UPDATE villages SET name = name || '（改）'").run();
    const summary = verified(ok<BackupInspection>(await app.call('backup-inspect', { path: item.path }, admin)));
    expect(summary).toMatchObject({ counts: before, kind: 'manual', createdAt: new Date(at).toISOString(), protection: 'encrypted', keySource: 'this-pc' });
    expect(await app.call('backup-inspect', { path: item.path }, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await app.call('backup-restore', { path: item.path, confirm: '好的' }, admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const token = app.sessions.create(admin);
    const r = ok<RestoreResult>(await app.call('backup-restore', { path: item.path, confirm: '恢复' }, admin));
    expect(r.safetyBackup.kind).toBe('pre-restore');
    const db = app.ctx().db;
    expect((db.prepare("SELECT count(*) AS n FROM villages WHERE name LIKE '%（改）'").get() as { n: number }).n).toBe(0);
    expect(dataCounts(db)).toEqual(before);
    expect(app.sessions.lookup(token, 15)).toEqual({ status: 'invalid' });
    expect(readdirSync(app.dir).filter((n) => n.startsWith('.restore'))).toEqual([]);
    const safety = verified(ok<BackupInspection>(await app.call('backup-inspect', { path: r.safetyBackup.path }, admin)));
    expect(safety.kind).toBe('pre-restore');
    expect(db.prepare("SELECT after_json AS a FROM audit_log WHERE command = 'backup-restore'").all()).toEqual([
      { a: expect.stringContaining('"protection":"encrypted"') },
    ]);
  });

  it('a restored office with a long audit log has its chain walked in the maintenance worker, and the restore records that walk', async () => {
    // 5,000 rows or more are walked off the server's thread (src/services/provenance.ts).
    app.db.transaction(() => {
      for (let i = 0; i < 5_200; i++) {
        appendAudit(app.db, { at, actor: '经办员', actorRole: 'clerk', command: 'household-update', entityType: 'household', entityId: i, before: null, after: { i } });
      }
    })();
    const rows = (app.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const item = ok<BackupItem>(await app.call('backup-create', { destination: tmp }, admin));
    const r = ok<RestoreResult>(await app.call('backup-restore', { path: item.path, confirm: '恢复' }, admin));
    expect(r.notes.join('')).not.toContain('哈希链断裂');
    const db = app.ctx().db;
    const recorded = JSON.parse((db.prepare("SELECT after_json AS a FROM audit_log WHERE command = 'backup-restore'").get() as { a: string }).a) as { auditChain: unknown };
    // The walk saw the restored log as it was before the restore's own row (and the backup's) extended it.
    expect(recorded.auditChain).toEqual({ ok: true, rows: expect.any(Number), brokenAt: null });
    expect((recorded.auditChain as { rows: number }).rows).toBeGreaterThanOrEqual(rows);
    const status = ok<AuditChainStatus>(await app.call('audit-chain-status', { recheck: true }, admin));
    expect(status).toMatchObject({ ok: true, broken: null });
    expect(status.rows).toBe((db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n);
  });

  it('refuses a changed byte anywhere, a cut or extended file, a foreign file; the data stays untouched', async () => {
    const item = ok<BackupItem>(await app.call('backup-create', { destination: tmp }, admin));
    const good = readFileSync(item.path);
    const before = snapshot(app);
    const attempt = async (name: string, bytes: Buffer) => {
      const p = join(tmp, name);
      writeFileSync(p, bytes);
      const inspect = await app.call('backup-inspect', { path: p }, admin);
      expect(inspect.ok).toBe(false);
      const r = await app.call('backup-restore', { path: p, confirm: '恢复' }, admin);
      expect(r.ok).toBe(false);
      return !r.ok ? r.error.message : '';
    };
    const headerLength = good.readUInt32BE(10);
    const countsAt = good.indexOf('"persons":', 14) + '"persons":'.length;
    expect(countsAt).toBeGreaterThan(14);
    // In the plaintext header (a count shown before decryption), the first chunk, the middle and the last byte (a tag).
    for (const [i, pos] of [countsAt, 14 + headerLength + 30, Math.floor(good.length / 2), good.length - 1].entries()) {
      const flipped = Buffer.from(good);
      flipped[pos]! ^= 0x01;
      expect(await attempt(`flipped-${i}.zip`, flipped)).toMatch(/已被改动或已损坏|格式不符/);
    }
    expect(await attempt('truncated.zip', good.subarray(0, Math.floor(good.length / 2)))).toContain('已损坏');
    expect(await attempt('extended.zip', Buffer.concat([good, Buffer.alloc(20)]))).toContain('已损坏');
    expect(await attempt('text.zip', Buffer.from('hello'))).toContain('不是本程序的备份');
    // A changed key id in the header: no key of this PC has that id, so the backup waits for a recovery key that
    // cannot exist; restoring it is refused.
    const keyIdAt = good.indexOf('"keyId":"', 14) + '"keyId":"'.length;
    const otherKey = Buffer.from(good);
    otherKey[keyIdAt] = otherKey[keyIdAt] === 0x41 ? 0x42 : 0x41;
    writeFileSync(join(tmp, 'other-key.zip'), otherKey);
    expect(ok<BackupInspection>(await app.call('backup-inspect', { path: join(tmp, 'other-key.zip') }, admin)).state).toBe('key-required');
    const refused = await app.call('backup-restore', { path: join(tmp, 'other-key.zip'), confirm: '恢复' }, admin);
    expect(!refused.ok && refused.error.message).toContain('恢复密钥');

    expect(snapshot(app)).toEqual(before);
    expect(readdirSync(app.dir).filter((n) => n.startsWith('.restore'))).toEqual([]);
    // No safety backup was made for a refused file.
    expect(existsSync(join(app.dir, 'backups'))).toBe(false);
  });

  it('an unencrypted backup of an older version still restores, marked as such; a newer schema is refused', async () => {
    const before = dataCounts(app.db);
    const legacy = join(tmp, '低保备份-20260301-080000-手动.zip');
    await legacyBackup(app, legacy);
    app.db.prepare("UPDATE villages SET name = name || '（改）'").run();
    const summary = verified(ok<BackupInspection>(await app.call('backup-inspect', { path: legacy }, admin)));
    expect(summary).toMatchObject({ protection: 'legacy-plain', keyId: null, keySource: null, counts: before });
    const io = captureIo();
    expect(await runCli(['restore', '--data-dir', app.dir, legacy], io)).toBe(0);
    expect(io.out.join('')).toContain('未加密备份');
    const r = ok<RestoreResult>(await app.call('backup-restore', { path: legacy, confirm: '恢复' }, admin));
    expect(r.restored.protection).toBe('legacy-plain');
    expect((app.ctx().db.prepare("SELECT count(*) AS n FROM villages WHERE name LIKE '%（改）'").get() as { n: number }).n).toBe(0);

    const newer = join(tmp, 'newer.zip');
    await legacyBackup({ db: app.ctx().db, dataDir: app.dir }, newer, (m) => (m.schemaVersion = 999));
    const n = await app.call('backup-restore', { path: newer, confirm: '恢复' }, admin);
    expect(!n.ok && n.error.message).toContain('更新版本');
  });

  it('a backup to a drive that fills up leaves no file and says why', async () => {
    // The disk seam lives on this thread; the backup runs here for this test (a worker would not see the seam).
    maintenanceThread.inWorker = false;
    const original = exchangeFiles.createWriter;
    exchangeFiles.createWriter = async (path) => {
      const w = await original(path);
      return { ...w, write: async () => Promise.reject(Object.assign(new Error('no space'), { code: 'ENOSPC' })) };
    };
    try {
      const r = await app.call('backup-create', { destination: tmp }, admin);
      expect(!r.ok && r.error.message).toContain('空间不足');
    } finally {
      exchangeFiles.createWriter = original;
      maintenanceThread.inWorker = true;
    }
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(app.dir).filter((n) => n.startsWith('.backup-work'))).toEqual([]);
  });

  it('a file changed between the hashing pass and the writing pass leaves no backup and says which', async () => {
    // The writer is made after the first pass (sizes and hashes for backup.json): the attachment changes then, its
    // size kept, so only the second pass's check of the bytes can notice.
    maintenanceThread.inWorker = false;
    const scanned = readdirSync(join(app.dir, 'attachments'), { recursive: true, withFileTypes: true }).find((e) => e.isFile())!;
    const file = join(scanned.parentPath, scanned.name);
    const original = exchangeFiles.createWriter;
    exchangeFiles.createWriter = async (path) => {
      const bytes = readFileSync(file);
      bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
      writeFileSync(file, bytes);
      return original(path);
    };
    try {
      const r = await app.call('backup-create', { destination: tmp }, admin);
      expect(!r.ok && r.error.message).toMatch(/^「attachments\/.+」在备份过程中被改动，未生成备份，请重试。$/);
    } finally {
      exchangeFiles.createWriter = original;
      maintenanceThread.inWorker = true;
    }
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(app.dir).filter((n) => n.startsWith('.backup-work'))).toEqual([]);
  });

  it('rotation keeps the newest automatic backup of N days and M months, never manual ones', () => {
    const mk = (iso: string, kind: BackupItem['kind'] = 'auto'): BackupItem => ({ ...parseBackupName(`/b/${backupFileName(new Date(iso), kind)}`)!, size: 1 });
    const items = [
      mk('2026-03-20T09:00:00'),
      mk('2026-03-20T08:00:00'),
      mk('2026-03-19T08:00:00'),
      mk('2026-03-18T08:00:00'),
      mk('2026-02-10T08:00:00'),
      mk('2026-02-01T08:00:00'),
      mk('2026-01-05T08:00:00'),
      mk('2025-01-05T08:00:00', 'manual'),
    ];
    const removed = backupsToRemove(items, { keepDaily: 2, keepMonthly: 2 }).map((i) => i.createdAt);
    expect(removed).toEqual([items[1]!.createdAt, items[3]!.createdAt, items[5]!.createdAt, items[6]!.createdAt]);
    // New backups end in .bak (encrypted); those made before encryption (.zip) are still recognised.
    expect(backupFileName(new Date('2026-03-20T09:00:00'), 'auto')).toMatch(/^低保备份-20260320-090000-自动\.bak$/);
    expect(parseBackupName('/b/低保备份-20250105-080000-自动.zip')).toMatchObject({ kind: 'auto' });
    expect(parseBackupName('/b/低保备份-20250105-080000-自动.txt')).toBeNull();
  });

  it('the CLI backs up to a named file and refuses to restore a damaged one', async () => {
    const file = join(tmp, 'usb-backup.bak');
    const io = captureIo();
    expect(await runCli(['backup', '--data-dir', app.dir, '--out', file], io)).toBe(0);
    expect(existsSync(file)).toBe(true);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 100));
    const io2 = captureIo();
    expect(await runCli(['restore', '--data-dir', app.dir, file, '--yes'], io2)).toBe(1);
    expect(io2.err.join('')).toContain('不能恢复');
  });
});

describe('恢复密钥单', () => {
  it('the administrator prints the sheet (PDF with the 80 digits in groups of four); its printing is recorded without the key', async () => {
    const before = ok<BackupState>(await app.call('backup-list', {}, clerk));
    expect(before.key).toMatchObject({ keyId: expect.stringMatching(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/), protection: 'file', sheetPrintedAt: null });
    expect(await app.call('backup-key-sheet', {}, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const sheet = ok<RecoveryKeySheet>(await app.call('backup-key-sheet', {}, admin));
    const pdf = Buffer.from(sheet.base64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { id, key } = await app.backupKeys.current();
    expect(sheet.keyId).toBe(id);
    expect(backupKeyId(key)).toBe(id);
    expect(execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8')).toMatch(/Pages:\s+1\n/);
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
    const groups = recoveryKeyGroups(key);
    expect(groups).toHaveLength(20);
    for (const g of groups) expect(text).toContain(g);
    expect(text).toContain('请妥善保管于保险柜');
    expect(text).toContain('清河镇民政所');
    expect(text).toContain(id);
    const after = ok<BackupState>(await app.call('backup-list', {}, clerk));
    expect(after.key).toMatchObject({ keyId: id, sheetPrintedAt: new Date(at).toISOString(), sheetPrintedBy: '管理员' });
    const audit = app.db.prepare("SELECT before_json AS b, after_json AS a FROM audit_log WHERE command = 'backup-key-sheet'").all() as { a: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.a).toContain(id);
    for (const g of groups.slice(0, 19)) expect(audit[0]!.a).not.toContain(g);
  });
});
