// Hostile entry names in a backup (old zip format and encrypted) and in a filing package zip: refused with a
// Chinese message before anything is written — not in the data folder, not next to it (issue 11).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageReport } from '../../src/contract';
import { runCli, type Io } from '../../src/cli/main';
import { SCHEMA_VERSION } from '../../src/store/migrations';
import { dataCounts } from '../../src/store/filing';
import { craftedBackup, legacyBackup, tree } from '../helpers/backup-office';
import { clerk } from '../helpers/filing-world';
import { ok, tempApp } from '../helpers/temp-app';

const admin = { id: 1, name: '管理员', role: 'admin' as const, villageId: null };
const HOSTILE = [
  'documents/..\\..\\..\\evil.txt',
  'documents/..\\..\\..\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\x.bat',
  'documents/C:evil.txt',
  'C:/evil.txt',
  '\\\\server\\share\\evil.txt',
  '//server/share/evil.txt',
  'documents/../../evil.txt',
  '/tmp/evil.txt',
  'documents/CON',
  'documents/evil.txt.',
];

let app: ReturnType<typeof tempApp>;
let root: string;
let snapshot: Buffer;

beforeAll(async () => {
  app = tempApp('2026-03-20T08:00:00Z');
  // A small office is enough: the database snapshot is what the hostile backups carry besides the evil entry.
  ok(await app.call('village-create', { name: '东山村', code: '001', kind: 'village', groups: [] }, admin));
  root = mkdtempSync(join(tmpdir(), 'dibao-hostile-'));
  await app.db.backup(join(root, 'snapshot.sqlite'));
  snapshot = readFileSync(join(root, 'snapshot.sqlite'));
  rmSync(join(root, 'snapshot.sqlite'));
});
afterAll(() => {
  app.dispose();
  rmSync(root, { recursive: true, force: true });
});

/** Inspect and restore must both refuse; afterwards neither the data folder nor the folder around it changed. */
async function expectRefused(file: string): Promise<string> {
  const beforeData = tree(app.dir);
  const beforeRoot = tree(root);
  const counts = dataCounts(app.ctx().db);
  const inspect = await app.call('backup-inspect', { path: file }, admin);
  const restore = await app.call('backup-restore', { path: file, confirm: '恢复' }, admin);
  expect(inspect.ok).toBe(false);
  expect(restore.ok).toBe(false);
  expect(tree(app.dir)).toEqual(beforeData);
  expect(tree(root)).toEqual(beforeRoot);
  expect(dataCounts(app.ctx().db)).toEqual(counts);
  return !restore.ok ? restore.error.message : '';
}

describe('备份中的危险路径', () => {
  it.each(HOSTILE)('an old-format zip backup with the entry %j is refused and writes nothing', async (name) => {
    const file = join(root, 'hostile-legacy.zip');
    await legacyBackup({ db: app.ctx().db, dataDir: app.dir }, file, () => undefined, { [name]: Buffer.from('evil') });
    try {
      expect(await expectRefused(file)).toMatch(/不安全的路径|不应有的文件/);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it.each(HOSTILE)('an encrypted backup (valid key) listing %j is refused and writes nothing', async (name) => {
    const file = join(root, 'hostile.zip');
    const { key } = await app.backupKeys.current();
    await craftedBackup(file, key, [{ path: 'dibao.sqlite', bytes: snapshot }, { path: name, bytes: Buffer.from('evil') }], SCHEMA_VERSION);
    try {
      expect(await expectRefused(file)).toMatch(/不安全的路径|不应有的文件/);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('the same crafted backup without the evil entry restores (the refusals are the names, not the crafting)', async () => {
    const file = join(root, 'fine.zip');
    const { key } = await app.backupKeys.current();
    await craftedBackup(file, key, [{ path: 'dibao.sqlite', bytes: snapshot }], SCHEMA_VERSION);
    try {
      const r = await app.call('backup-inspect', { path: file }, admin);
      expect(r).toMatchObject({ ok: true, value: { state: 'verified' } });
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('a backup whose names differ only by case is refused (one file on Windows)', async () => {
    const file = join(root, 'case.zip');
    const { key } = await app.backupKeys.current();
    await craftedBackup(file, key, [{ path: 'dibao.sqlite', bytes: snapshot }, { path: 'documents/a.pdf', bytes: Buffer.from('a') }, { path: 'documents/A.pdf', bytes: Buffer.from('b') }], SCHEMA_VERSION);
    try {
      expect(await expectRefused(file)).toContain('仅大小写不同');
    } finally {
      rmSync(file, { force: true });
    }
  });
});

describe('备案包 zip 中的危险路径', () => {
  it.each(HOSTILE.slice(0, 6))('a package zip with %j fails verification without reading on', async (name) => {
    const zip = new JSZip();
    zip.file('备案包_测试/manifest.json', '{}');
    zip.file(`备案包_测试/${name}`, 'evil');
    const file = join(root, 'pkg.zip');
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    try {
      const before = tree(root);
      const r = ok<PackageReport>(await app.call('filing-verify', { path: file }, clerk));
      expect(r.ok).toBe(false);
      expect(r.problems.join('')).toContain('不安全的路径');
      const out: string[] = [];
      const io: Io = { stdin: process.stdin, stdout: (s) => out.push(s), stderr: (s) => out.push(s) };
      expect(await runCli(['verify-package', file], io)).toBe(1);
      expect(out.join('')).toContain('不安全的路径');
      expect(tree(root)).toEqual(before);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
