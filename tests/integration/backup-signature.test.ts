// Backups signed with the office key (issue 11), inside the encrypted container: backup.sig.json follows
// backup.json and is checked on inspect and restore. Whoever holds the backup key (a 恢复密钥 sheet) can open and
// reseal a backup, so the encryption alone cannot tell a doctored one: a database swapped (hashes recomputed), a
// signature stripped or forged, a signed backup passed off as an old one, another key's signature, a chain head
// that is not the database's — each is refused and the data stays as it was. Old unsigned backups (made before
// the office key) still restore, with a warning. The office key travels inside the encrypted backup.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditChainStatus, BackupInspection, BackupItem, BackupSummary, OfficeKeyInfo, RestoreResult } from '../../src/contract';
import { runCli, type Io } from '../../src/cli/main';
import { recoveryKeyGroups } from '../../src/exchange/backup-crypto';
import { sha256Hex } from '../../src/exchange/durable';
import { makeSignatureDoc, signerOf } from '../../src/exchange/signing';
import { openApp } from '../../src/services/app';
import { auditChainHead } from '../../src/store/audit-chain';
import { dataCounts } from '../../src/store/filing';
import { migrations } from '../../src/store/migrations';
import { migration013 } from '../../src/store/migrations/013-office-key-audit-chain';
import { generateOfficeKey, getOfficeKey } from '../../src/store/office-key';
import { asBeforeOfficeKey, backupMembers, craftedBackup, legacyBackup, sealBackup, tree, type BackupMember } from '../helpers/backup-office';
import { filingWorld } from '../helpers/filing-world';
import { oldFormatBackup } from '../helpers/old-backup';
import { ok, tempApp } from '../helpers/temp-app';

const at = '2026-03-20T08:00:00Z';
const admin = { id: 1, name: '管理员', role: 'admin' as const, villageId: null };
let app: ReturnType<typeof tempApp>;
let tmp: string;

beforeEach(async () => {
  app = tempApp(at);
  // One refusal, so that the office has an issued notice to back up (a recipient kept on the roll is on no 公示).
  await filingWorld(app, { approve: 1, deny: 1 });
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

const verified = (r: BackupInspection): BackupSummary => {
  if (r.state !== 'verified') throw new Error(`expected a verified backup, got ${r.state}`);
  return r.summary;
};

type Manifest = {
  version: number;
  files: { path: string; size: number; sha256: string }[];
  signer?: { algorithm: string; fingerprint: string };
  auditChain?: { rows: number; head: { id: number; hash: string } };
};

const member = (members: BackupMember[], name: string) => members.find((m) => m.name === name)!;
const manifestOf = (members: BackupMember[]) => JSON.parse(member(members, 'backup.json').bytes.toString('utf8')) as Manifest;
const withManifest = (members: BackupMember[], m: Manifest): BackupMember[] =>
  members.map((x) => (x.name === 'backup.json' ? { name: x.name, bytes: Buffer.from(`${JSON.stringify(m, null, 2)}\n`) } : x));

const stateOf = () => ({
  counts: dataCounts(app.ctx().db),
  head: auditChainHead(app.ctx().db),
  adminHash: (app.ctx().db.prepare("SELECT password_hash AS h FROM users WHERE username = 'admin'").get() as { h: string }).h,
  key: getOfficeKey(app.ctx().db)!.fingerprint,
  db: readFileSync(join(app.dir, 'dibao.sqlite')),
  tree: tree(app.dir),
});

describe('备份签名（加密备份内）', () => {
  it('a new backup is signed inside the encryption, names the key and the chain head; restored on a new PC with the recovery key, the office keeps its key', async () => {
    const key = ok<OfficeKeyInfo>(await app.call('office-key-get', {}, admin));
    const head = auditChainHead(app.db);
    const item = ok<BackupItem>(await app.call('backup-create', { destination: tmp }, admin));
    const bytes = readFileSync(item.path);
    const { key: backupKey } = await app.backupKeys.current();
    const { members } = await backupMembers(item.path, backupKey);
    expect(members.slice(0, 3).map((m) => m.name)).toEqual(['backup.json', 'backup.sig.json', 'dibao.sqlite']);
    const manifest = manifestOf(members);
    expect(manifest).toMatchObject({ version: 2, signer: { algorithm: 'Ed25519', fingerprint: key.fingerprint } });
    expect(manifest.auditChain).toEqual({ rows: head.id, head });
    // Neither the office's private key nor its signature shows outside the encryption.
    const privateKey = getOfficeKey(app.db)!.privateKey.toString('base64');
    for (const secret of [privateKey, key.publicKey, JSON.parse(member(members, 'backup.sig.json').bytes.toString('utf8')).signature as string]) {
      expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    }

    const summary = verified(ok<BackupInspection>(await app.call('backup-inspect', { path: item.path }, admin)));
    expect(summary.signature).toMatchObject({ status: 'valid', fingerprint: key.fingerprint, isThisOffice: true });
    expect(summary.auditChain).toMatchObject({ ok: true, brokenAt: null, rows: head.id });
    expect(summary.warnings).toEqual([]);

    // A new PC: a fresh office (its own new office key and backup key) restores the backup with the recovery key
    // and takes the office's key with it, in the database.
    const fresh = mkdtempSync(join(tmpdir(), 'dibao-newpc-'));
    const other = openApp({ dataDir: fresh, clock: () => new Date(at) });
    try {
      const own = ok<OfficeKeyInfo>(await other.call('office-key-get', {}, admin));
      expect(own.fingerprint).not.toBe(key.fingerprint);
      expect(ok<BackupInspection>(await other.call('backup-inspect', { path: item.path }, admin)).state).toBe('key-required');
      const recoveryKey = recoveryKeyGroups(backupKey).join(' ');
      const seen = verified(ok<BackupInspection>(await other.call('backup-inspect', { path: item.path, recoveryKey }, admin)));
      expect(seen.signature.isThisOffice).toBe(false);
      expect(seen.warnings.join('')).toContain('另一把密钥');
      ok<RestoreResult>(await other.call('backup-restore', { path: item.path, confirm: '恢复', recoveryKey }, admin));
      expect(ok<OfficeKeyInfo>(await other.call('office-key-get', {}, admin)).fingerprint).toBe(key.fingerprint);
      // The restored office's chain was walked when it opened; the restore's own row extends it.
      const chain = ok<AuditChainStatus>(await other.call('audit-chain-status', { recheck: true }, admin));
      expect(chain).toMatchObject({ ok: true, rows: head.id + 1 });
      const row = other.db.prepare("SELECT after_json FROM audit_log WHERE command = 'backup-restore'").get() as { after_json: string };
      expect(JSON.parse(row.after_json)).toMatchObject({ signature: 'valid', signer: key.fingerprint, auditChain: { ok: true, rows: head.id } });
    } finally {
      other.close();
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('refuses, with the backup key in hand, a doctored database, a stripped, relabelled, foreign or flipped signature, and a chain head not the database’s; nothing is written', async () => {
    const item = ok<BackupItem>(await app.call('backup-create', { destination: tmp }, admin));
    const { key: backupKey } = await app.backupKeys.current();
    const { header, members } = await backupMembers(item.path, backupKey);
    const manifest = manifestOf(members);
    const before = stateOf();
    const attempt = async (name: string, doctored: BackupMember[]) => {
      const p = join(tmp, name);
      await sealBackup(p, backupKey, header, doctored);
      const inspect = await app.call('backup-inspect', { path: p }, admin);
      expect(inspect.ok).toBe(false);
      const r = await app.call('backup-restore', { path: p, confirm: '恢复' }, admin);
      expect(r.ok).toBe(false);
      return !r.ok ? r.error.message : '';
    };
    // The sealing itself is sound: resealed unchanged, the backup is accepted.
    await sealBackup(join(tmp, 'resealed.bak'), backupKey, header, members);
    expect(verified(ok<BackupInspection>(await app.call('backup-inspect', { path: join(tmp, 'resealed.bak') }, admin))).signature.status).toBe('valid');

    // The attacker's password hash and a cut audit log in the snapshot; backup.json's entry made to match.
    const snapFile = join(tmp, 'snap.sqlite');
    writeFileSync(snapFile, member(members, 'dibao.sqlite').bytes);
    const raw = new Database(snapFile);
    raw.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; UPDATE users SET password_hash = 'attacker' WHERE username = 'admin'; DELETE FROM audit_log WHERE id > 6;");
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const snap = readFileSync(snapFile);
    const doctoredManifest: Manifest = { ...manifest, files: manifest.files.map((f) => (f.path === 'dibao.sqlite' ? { ...f, size: snap.length, sha256: sha256Hex(snap) } : f)) };
    const doctored = withManifest(
      members.map((m) => (m.name === 'dibao.sqlite' ? { name: m.name, bytes: snap } : m)),
      doctoredManifest,
    );
    expect(await attempt('doctored.bak', doctored)).toContain('签名无效');

    // ...and the signature simply removed.
    const stripped = doctored.filter((m) => m.name !== 'backup.sig.json');
    expect(await attempt('stripped.bak', stripped)).toContain('缺少签名');

    // ...or made to look older than the office key: no signer, no chain head, no signature — but its database has
    // an office key, so it cannot be old.
    const { signer: _s, auditChain: _c, ...unsigned } = doctoredManifest;
    expect(await attempt('relabelled.bak', withManifest(stripped, unsigned as Manifest))).toContain('缺少签名');

    // ...or signed again with the attacker's own key: not the key in the backup's database.
    const attacker = signerOf(generateOfficeKey(at));
    const forged = Buffer.from(`${JSON.stringify({ ...doctoredManifest, signer: { algorithm: 'Ed25519', fingerprint: attacker.fingerprint } }, null, 2)}\n`);
    const resigned = doctored.map((m) =>
      m.name === 'backup.json' ? { name: m.name, bytes: forged } : m.name === 'backup.sig.json' ? { name: m.name, bytes: Buffer.from(JSON.stringify(makeSignatureDoc(attacker, 'backup.json', forged, '清河镇'))) } : m,
    );
    expect(await attempt('resigned.bak', resigned)).toContain('不是备份中数据库的本所密钥');

    // A flipped byte in the signature itself.
    const sig = JSON.parse(member(members, 'backup.sig.json').bytes.toString('utf8')) as { signature: string };
    const sigBytes = Buffer.from(sig.signature, 'base64');
    sigBytes[10]! ^= 0x01;
    const flipped = members.map((m) => (m.name === 'backup.sig.json' ? { name: m.name, bytes: Buffer.from(JSON.stringify({ ...sig, signature: sigBytes.toString('base64') })) } : m));
    expect(await attempt('flipped-sig.bak', flipped)).toContain('签名无效');

    // The office key is in the database file: whoever has that file can sign as the office. A chain cut back to row
    // 6 and the manifest's head moved to match, signed with the office's own key — the head is not the database's.
    const officeSigner = signerOf(getOfficeKey(app.db)!);
    const headMoved = Buffer.from(`${JSON.stringify({ ...manifest, auditChain: { rows: 6, head: { id: 6, hash: manifest.auditChain!.head.hash } } }, null, 2)}\n`);
    const moved = members.map((m) =>
      m.name === 'backup.json' ? { name: m.name, bytes: headMoved } : m.name === 'backup.sig.json' ? { name: m.name, bytes: Buffer.from(JSON.stringify(makeSignatureDoc(officeSigner, 'backup.json', headMoved, null))) } : m,
    );
    expect(await attempt('head-moved.bak', moved)).toContain('审计日志链头与备份中的数据库不符');

    // An old-format zip (unencrypted, unsigned) of today's database: it has an office key, so it cannot be old.
    const relabelledZip = join(tmp, '低保备份-20250101-080000-手动.zip');
    await legacyBackup(app, relabelledZip, () => undefined, {}, { asOld: false });
    const z = await app.call('backup-restore', { path: relabelledZip, confirm: '恢复' }, admin);
    expect(!z.ok && z.error.message).toContain('缺少签名');

    // The CLI refuses the same way.
    const io = captureIo();
    expect(await runCli(['restore', '--data-dir', app.dir, join(tmp, 'doctored.bak')], io)).toBe(1);
    expect(io.err.join('')).toContain('不能恢复');

    expect(stateOf()).toEqual(before);
    expect(existsSync(join(app.dir, 'backups'))).toBe(false);
    expect(readdirSync(app.dir).filter((n) => n.startsWith('.restore'))).toEqual([]);
  });

  it('a backup of an office whose audit chain is broken says so before a restore', async () => {
    app.db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = '他人' WHERE id = 7; CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '审计日志不可修改'); END;");
    const item = ok<BackupItem>(await app.call('backup-create', { destination: tmp }, admin));
    const s = verified(ok<BackupInspection>(await app.call('backup-inspect', { path: item.path }, admin)));
    expect(s.signature.status).toBe('valid');
    expect(s.auditChain).toMatchObject({ ok: false, brokenAt: 7 });
    expect(s.warnings).toEqual([expect.stringContaining('备份中的审计日志哈希链断裂：第 7 条审计记录已被改动')]);
    // Restored, the office's chain is walked at once and the administrator is told.
    const r = ok<RestoreResult>(await app.call('backup-restore', { path: item.path, confirm: '恢复' }, admin));
    expect(r.notes.join('')).toContain('恢复后的审计日志哈希链断裂');
    expect(ok<AuditChainStatus>(await app.call('audit-chain-status', {}, admin))).toMatchObject({ ok: false, broken: { id: 7 } });
  });

  it('an old unsigned zip backup (made before the office key) still restores, with both warnings; a new office key is made', async () => {
    const p = join(tmp, '低保备份-20250101-000000-手动.zip');
    writeFileSync(p, await oldFormatBackup());
    const s = verified(ok<BackupInspection>(await app.call('backup-inspect', { path: p }, admin)));
    expect(s).toMatchObject({ protection: 'legacy-plain', signature: { status: 'unsigned', fingerprint: null }, auditChain: null });
    expect(s.warnings.join('')).toContain('没有签名');
    expect(s.warnings.join('')).toContain('新的签名密钥');
    const io = captureIo();
    expect(await runCli(['restore', '--data-dir', app.dir, p], io)).toBe(0);
    expect(io.out.join('')).toContain('注意：该备份由旧版程序制作，没有签名');
    expect(io.out.join('')).toContain('未加密备份');

    const oldKey = getOfficeKey(app.db)!.fingerprint;
    ok<RestoreResult>(await app.call('backup-restore', { path: p, confirm: '恢复' }, admin));
    // Opened and migrated: the restored office now has a key and a chain of its own, intact.
    const key = ok<OfficeKeyInfo>(await app.call('office-key-get', {}, admin));
    expect(key.fingerprint).toMatch(/^[0-9A-F]{64}$/);
    expect(key.fingerprint).not.toBe(oldKey);
    expect(ok<AuditChainStatus>(await app.call('audit-chain-status', { recheck: true }, admin))).toMatchObject({ ok: true, rows: 2 });
  });

  it('an encrypted backup made before signing (its database has no office key) restores with the warning; the same signed by a stranger does not', async () => {
    const snapFile = join(tmp, 'snap.sqlite');
    await app.db.backup(snapFile);
    asBeforeOfficeKey(snapFile);
    const snap = readFileSync(snapFile);
    const { key: backupKey } = await app.backupKeys.current();
    const before = migrations.indexOf(migration013);
    const p = join(tmp, 'before-signing.bak');
    // The database and every file it registers, as that version wrote them.
    const files = tree(app.dir)
      .filter((f) => /^(documents|attachments)\//.test(f.split('\\').join('/')) && statSync(join(app.dir, f)).isFile())
      .map((f) => ({ path: f.split('\\').join('/'), bytes: readFileSync(join(app.dir, f)) }));
    expect(files.length).toBeGreaterThan(0);
    const members = [{ path: 'dibao.sqlite', bytes: snap }, ...files];
    await craftedBackup(p, backupKey, members, before);
    const s = verified(ok<BackupInspection>(await app.call('backup-inspect', { path: p }, admin)));
    expect(s).toMatchObject({ protection: 'encrypted', schemaVersion: before, signature: { status: 'unsigned' }, auditChain: null });
    expect(s.warnings.join('')).toContain('没有签名');

    const foreign = join(tmp, 'foreign.bak');
    await craftedBackup(foreign, backupKey, members, before, { sign: signerOf(generateOfficeKey(at)) });
    const r = await app.call('backup-inspect', { path: foreign }, admin);
    expect(!r.ok && r.error.message).toContain('不是备份中数据库的本所密钥');

    ok<RestoreResult>(await app.call('backup-restore', { path: p, confirm: '恢复' }, admin));
    expect(ok<AuditChainStatus>(await app.call('audit-chain-status', {}, admin)).ok).toBe(true);
  });

  it('a signed but unencrypted zip (a development format never released) is refused', async () => {
    const snapFile = join(tmp, 'snap.sqlite');
    await app.db.backup(snapFile);
    const db = readFileSync(snapFile);
    const key = getOfficeKey(app.db)!;
    const head = auditChainHead(app.db);
    const manifest = Buffer.from(
      JSON.stringify({
        format: 'dibao-backup',
        version: 2,
        createdAt: at,
        kind: 'manual',
        appVersion: '0.1.0',
        schemaVersion: migrations.length,
        officeName: null,
        counts: dataCounts(app.db),
        signer: { algorithm: 'Ed25519', fingerprint: key.fingerprint },
        auditChain: { rows: head.id, head },
        files: [{ path: 'dibao.sqlite', size: db.length, sha256: sha256Hex(db) }],
      }),
    );
    const zip = new JSZip();
    zip.file('backup.json', manifest);
    zip.file('backup.sig.json', JSON.stringify(makeSignatureDoc(signerOf(key), 'backup.json', manifest, null)));
    zip.file('dibao.sqlite', db);
    const p = join(tmp, 'signed-plain.zip');
    writeFileSync(p, await zip.generateAsync({ type: 'nodebuffer' }));
    const r = await app.call('backup-inspect', { path: p }, admin);
    expect(!r.ok && r.error.message).toContain('格式不符');
  });
});
