// Backups signed with the office key (issue 11): a doctored backup (database swapped, hashes recomputed), a
// stripped or forged signature, a signed backup passed off as an old unsigned one — each is refused and the data
// stays as it was. Old unsigned backups still restore, with a warning. The key travels with the backup.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupItem, BackupSummary, OfficeKeyInfo, RestoreResult } from '../../src/contract';
import { runCli, type Io } from '../../src/cli/main';
import { sha256Hex } from '../../src/exchange/durable';
import { makeSignatureDoc, signerOf } from '../../src/exchange/signing';
import { openApp } from '../../src/services/app';
import { auditChainHead } from '../../src/store/audit-chain';
import { dataCounts } from '../../src/store/filing';
import { generateOfficeKey, getOfficeKey } from '../../src/store/office-key';
import { filingWorld } from '../helpers/filing-world';
import { oldFormatBackup } from '../helpers/old-backup';
import { ok, tempApp } from '../helpers/temp-app';

const at = '2026-03-20T08:00:00Z';
const admin = { id: 1, name: '管理员', role: 'admin' as const, villageId: null };
let app: ReturnType<typeof tempApp>;
let tmp: string;

beforeEach(async () => {
  app = tempApp(at);
  await filingWorld(app, { approve: 1, deny: 0 });
  tmp = mkdtempSync(join(tmpdir(), 'dibao-bks-'));
});
afterEach(() => {
  app.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

function captureIo(): Io & { out: string[]; err: string[] } {
  const o: string[] = [];
  const e: string[] = [];
  return { stdin: process.stdin, stdout: (s) => o.push(s), stderr: (s) => e.push(s), out: o, err: e };
}

type Manifest = { version: number; files: { path: string; size: number; sha256: string }[]; signer?: { fingerprint: string }; auditChain?: unknown };

const snapshotOf = () => ({
  counts: dataCounts(app.db),
  head: auditChainHead(app.db),
  adminHash: (app.db.prepare("SELECT password_hash AS h FROM users WHERE username = 'admin'").get() as { h: string }).h,
  key: getOfficeKey(app.db)!.fingerprint,
});

describe('备份签名', () => {
  it('a new backup is signed and names the key and the chain head; restored on a new PC, the office keeps its key', async () => {
    const key = ok<OfficeKeyInfo>(await app.call('office-key-get', {}, admin));
    const head = auditChainHead(app.db);
    const item = ok<BackupItem>(await app.call('backup-create', { destination: tmp }, admin));
    const zip = await JSZip.loadAsync(readFileSync(item.path));
    const manifest = JSON.parse(await zip.file('backup.json')!.async('string')) as Manifest;
    expect(manifest).toMatchObject({ version: 2, signer: { algorithm: 'Ed25519', fingerprint: key.fingerprint } });
    expect(manifest.auditChain).toEqual({ rows: head.id, head });
    expect(zip.file('backup.sig.json')).not.toBeNull();

    const summary = ok<BackupSummary>(await app.call('backup-inspect', { path: item.path }, admin));
    expect(summary.signature).toMatchObject({ status: 'valid', fingerprint: key.fingerprint, isThisOffice: true });
    expect(summary.auditChain).toMatchObject({ ok: true, brokenAt: null });
    expect(summary.warnings).toEqual([]);

    // A new PC: a fresh office (its own new key) restores the backup and takes the office's key with it.
    const fresh = mkdtempSync(join(tmpdir(), 'dibao-newpc-'));
    const other = openApp({ dataDir: fresh, clock: () => new Date(at) });
    try {
      const own = ok<OfficeKeyInfo>(await other.call('office-key-get', {}, admin));
      expect(own.fingerprint).not.toBe(key.fingerprint);
      const seen = ok<BackupSummary>(await other.call('backup-inspect', { path: item.path }, admin));
      expect(seen.signature.isThisOffice).toBe(false);
      expect(seen.warnings.join('')).toContain('另一把密钥');
      ok<RestoreResult>(await other.call('backup-restore', { path: item.path, confirm: '恢复' }, admin));
      expect(ok<OfficeKeyInfo>(await other.call('office-key-get', {}, admin)).fingerprint).toBe(key.fingerprint);
    } finally {
      other.close();
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('refuses a doctored database with recomputed hashes, a stripped signature, a forged one, and a signed backup relabelled as old; the data is unchanged', async () => {
    const item = ok<BackupItem>(await app.call('backup-create', { destination: tmp }, admin));
    const good = readFileSync(item.path);
    const before = snapshotOf();
    const dbBytes = readFileSync(join(app.dir, 'dibao.sqlite'));
    const attempt = async (name: string, zip: JSZip) => {
      const p = join(tmp, name);
      writeFileSync(p, await zip.generateAsync({ type: 'nodebuffer' }));
      const inspect = await app.call('backup-inspect', { path: p }, admin);
      expect(inspect.ok).toBe(false);
      const r = await app.call('backup-restore', { path: p, confirm: '恢复' }, admin);
      expect(r.ok).toBe(false);
      return !r.ok ? r.error.message : '';
    };

    // The attacker's password hash and a cut audit log in the snapshot; backup.json's hash made to match.
    const doctored = await JSZip.loadAsync(good);
    const snapFile = join(tmp, 'snap.sqlite');
    writeFileSync(snapFile, await doctored.file('dibao.sqlite')!.async('nodebuffer'));
    const raw = new Database(snapFile);
    raw.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; UPDATE users SET password_hash = 'attacker' WHERE username = 'admin'; DELETE FROM audit_log WHERE id > 6;");
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const snap = readFileSync(snapFile);
    const manifest = JSON.parse(await doctored.file('backup.json')!.async('string')) as Manifest;
    const entry = manifest.files.find((f) => f.path === 'dibao.sqlite')!;
    entry.size = snap.length;
    entry.sha256 = sha256Hex(snap);
    doctored.file('dibao.sqlite', snap);
    doctored.file('backup.json', `${JSON.stringify(manifest, null, 2)}\n`);
    expect(await attempt('doctored.zip', doctored)).toContain('签名无效');

    // ...and the signature simply removed.
    doctored.remove('backup.sig.json');
    expect(await attempt('stripped.zip', doctored)).toContain('缺少签名');

    // ...or relabelled as an old, unsigned (format 1) backup: its database has an office key, so it cannot be old.
    const relabelled = { ...manifest, version: 1 } as Manifest;
    delete relabelled.signer;
    delete relabelled.auditChain;
    doctored.file('backup.json', `${JSON.stringify(relabelled, null, 2)}\n`);
    expect(await attempt('relabelled.zip', doctored)).toContain('缺少签名');

    // ...or signed again with the attacker's own key: not the key in the backup's database.
    const attacker = signerOf(generateOfficeKey(at));
    const forgedManifest = Buffer.from(`${JSON.stringify({ ...manifest, signer: { algorithm: 'Ed25519', fingerprint: attacker.fingerprint } }, null, 2)}\n`);
    doctored.file('backup.json', forgedManifest);
    doctored.file('backup.sig.json', JSON.stringify(makeSignatureDoc(attacker, 'backup.json', forgedManifest, '清河镇')));
    expect(await attempt('resigned.zip', doctored)).toContain('不是备份中数据库的本所密钥');

    // A flipped byte in the signature itself.
    const flipped = await JSZip.loadAsync(good);
    const sig = JSON.parse(await flipped.file('backup.sig.json')!.async('string')) as { signature: string };
    const bytes = Buffer.from(sig.signature, 'base64');
    bytes[10]! ^= 0x01;
    flipped.file('backup.sig.json', JSON.stringify({ ...sig, signature: bytes.toString('base64') }));
    expect(await attempt('flipped-sig.zip', flipped)).toContain('签名无效');

    // The CLI refuses the same way.
    const io = captureIo();
    expect(await runCli(['restore', '--data-dir', app.dir, join(tmp, 'doctored.zip')], io)).toBe(1);
    expect(io.err.join('')).toContain('不能恢复');

    expect(snapshotOf()).toEqual(before);
    expect(readFileSync(join(app.dir, 'dibao.sqlite')).length).toBe(dbBytes.length);
    expect(existsSync(join(app.dir, 'backups'))).toBe(false);
  });

  it('a backup of an office whose audit chain is broken says so before a restore', async () => {
    app.db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = '他人' WHERE id = 7; CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '审计日志不可修改'); END;");
    const item = ok<BackupItem>(await app.call('backup-create', { destination: tmp }, admin));
    const s = ok<BackupSummary>(await app.call('backup-inspect', { path: item.path }, admin));
    expect(s.signature.status).toBe('valid');
    expect(s.auditChain).toMatchObject({ ok: false, brokenAt: 7 });
    expect(s.warnings).toEqual([expect.stringContaining('备份中的审计日志哈希链断裂：第 7 条审计记录已被改动')]);
  });

  it('an old unsigned backup (made before the office key) still restores, with a warning', async () => {
    const p = join(tmp, '低保备份-20250101-000000-手动.zip');
    writeFileSync(p, await oldFormatBackup());
    const s = ok<BackupSummary>(await app.call('backup-inspect', { path: p }, admin));
    expect(s.signature).toMatchObject({ status: 'unsigned', fingerprint: null });
    expect(s.warnings.join('')).toContain('没有签名');
    const io = captureIo();
    expect(await runCli(['restore', '--data-dir', app.dir, p], io)).toBe(0);
    expect(io.out.join('')).toContain('注意：该备份由旧版程序制作，没有签名');

    ok<RestoreResult>(await app.call('backup-restore', { path: p, confirm: '恢复' }, admin));
    // Opened and migrated: the restored office now has a key and a chain of its own, intact.
    const key = ok<OfficeKeyInfo>(await app.call('office-key-get', {}, admin));
    expect(key.fingerprint).toMatch(/^[0-9A-F]{64}$/);
    expect(ok<{ ok: boolean; rows: number }>(await app.call('audit-chain-status', { recheck: true }, admin))).toMatchObject({ ok: true, rows: 2 });
  });
});
