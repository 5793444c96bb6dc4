import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FilingResult, PackageManifest, PackageReport } from '../../src/contract';
import { runCli, type Io } from '../../src/cli/main';
import { exchangeFiles } from '../../src/exchange/durable';
import { clerk, filingWorld } from '../helpers/filing-world';
import { ok, tempApp } from '../helpers/temp-app';

const at = '2026-03-20T08:00:00Z';
let app: ReturnType<typeof tempApp>;
let world: Awaited<ReturnType<typeof filingWorld>>;
let out: string;

beforeEach(async () => {
  app = tempApp(at);
  world = await filingWorld(app);
  out = mkdtempSync(join(tmpdir(), 'dibao-pkg-'));
});
afterEach(() => {
  app.dispose();
  rmSync(out, { recursive: true, force: true });
});

const exportPackage = async (extra: Record<string, unknown> = {}) =>
  ok<FilingResult>(await app.call('filing-export', { campaignId: world.campaign.id, destination: out, ...extra }, clerk));
const verify = async (path: string) => ok<PackageReport>(await app.call('filing-verify', { path }, clerk));

function captureIo(): Io & { out: string[]; err: string[] } {
  const o: string[] = [];
  const e: string[] = [];
  return { stdin: process.stdin, stdout: (s) => o.push(s), stderr: (s) => e.push(s), out: o, err: e };
}

describe('备案包', () => {
  it('holds the lists, the issued PDFs byte for byte, snapshots, audit, manifest; verifies as folder and zip; sha256sum -c accepts it', async () => {
    const r = await exportPackage();
    expect(r.counts).toMatchObject({ approved: 4, ineligible: 2 });
    // 2 denial notices + the 审批结果公示 of each village whose round has a 新增 or 退出 (issue 12: recipients kept on
    // the roll are not on it, so a village with only those has none).
    expect(r.counts.documents).toBeGreaterThanOrEqual(3);
    expect(existsSync(r.folder) && existsSync(r.zip)).toBe(true);
    expect(readdirSync(out).filter((n) => n.includes('partial'))).toEqual([]);

    const manifest = JSON.parse(readFileSync(join(r.folder, 'manifest.json'), 'utf8')) as PackageManifest;
    expect(manifest).toMatchObject({ format: 'dibao-filing-package', creator: { name: clerk.name }, scope: { campaignId: world.campaign.id } });
    const paths = manifest.files.map((f) => f.path);
    for (const p of ['审批通过名单.xlsx', '审批通过名单.pdf', '附件4_不符合低保对象登记表.xlsx', 'cases.json', 'audit.json', 'lists.json']) expect(paths).toContain(p);
    // One 附件4 sheet per village that has entries; none for a village without (issue 16).
    const lists = JSON.parse(readFileSync(join(r.folder, 'lists.json'), 'utf8')) as { ineligible: { village: string }[] };
    const withEntries = new Set(lists.ineligible.map((x) => x.village));
    expect(withEntries.size).toBeGreaterThan(0);
    expect(withEntries.size).toBeLessThan(world.villages.length);
    expect(paths.filter((p) => p.startsWith('附件4_') && p.endsWith('.pdf')).sort()).toEqual([...withEntries].map((v) => `附件4_不符合低保对象登记表_${v}.pdf`).sort());

    // Issued PDFs are the registry's bytes.
    const docs = app.db.prepare("SELECT file_path AS f, sha256 FROM documents WHERE kind IN ('denial-notice', 'public-notice')").all() as { f: string; sha256: string }[];
    for (const d of docs) {
      const entry = manifest.files.find((f) => f.path.endsWith(d.f.split('/').pop()!));
      expect(entry?.sha256).toBe(d.sha256);
      expect(readFileSync(join(r.folder, entry!.path)).equals(readFileSync(join(app.dir, d.f)))).toBe(true);
    }
    const cases = JSON.parse(readFileSync(join(r.folder, 'cases.json'), 'utf8')) as { cases: { approval: { decision: string } | null; events: unknown[] }[] };
    expect(cases.cases.filter((c) => c.approval?.decision === 'approve')).toHaveLength(4);
    expect(cases.cases.every((c) => c.events.length > 0)).toBe(true);
    const auditLog = JSON.parse(readFileSync(join(r.folder, 'audit.json'), 'utf8')) as { entries: { command: string }[] };
    expect(auditLog.entries.map((e) => e.command)).toEqual(expect.arrayContaining(['case-approve', 'case-deny', 'document-issue']));

    expect(await verify(r.folder)).toMatchObject({ ok: true, problems: [], container: 'folder' });
    const z = await verify(r.zip);
    expect(z).toMatchObject({ ok: true, container: 'zip' });
    expect(z.lists!.approved).toHaveLength(4);

    // The real sha256sum accepts SHA256SUMS (two spaces, relative paths, manifest.json included).
    const sums = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: r.folder, encoding: 'utf8' });
    expect(sums.status, sums.stderr).toBe(0);
    expect(sums.stdout).toContain('manifest.json: OK');

    // The unzipped zip is the same package.
    const unz = mkdtempSync(join(tmpdir(), 'dibao-unz-'));
    execFileSync('python3', ['-c', 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', r.zip, unz]);
    expect(spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: join(unz, r.name) }).status).toBe(0);
    rmSync(unz, { recursive: true, force: true });

    // And the command line agrees.
    const io = captureIo();
    expect(await runCli(['verify-package', r.zip], io)).toBe(0);
    expect(io.out.join('')).toContain('备案包完好');
  });

  it('names an altered byte, a missing file and an extra file; the CLI exits non-zero with one line each', async () => {
    const r = await exportPackage();
    const copy = join(out, 'copy');
    cpSync(r.folder, copy, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as PackageManifest;
    const pdf = manifest.files.find((f) => f.path.startsWith('文书/'))!.path;
    const bytes = readFileSync(join(copy, pdf));
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(join(copy, pdf), bytes);
    unlinkSync(join(copy, 'audit.json'));
    writeFileSync(join(copy, '说明.txt'), '后来加进去的文件');

    const report = await verify(copy);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([`文件已被改动：${pdf}（大小或 SHA-256 与清单不符）`, '缺少文件：audit.json', '多出文件：说明.txt（不在清单中）']),
    );
    expect(report.files.find((f) => f.path === pdf)?.status).toBe('altered');
    expect(spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: copy }).status).not.toBe(0);

    const io = captureIo();
    expect(await runCli(['verify-package', copy], io)).toBe(1);
    const lines = io.out.join('').trim().split('\n');
    expect(lines).toHaveLength(3);

    // An edited manifest is caught by SHA256SUMS.
    const m2 = join(out, 'm2');
    cpSync(r.folder, m2, { recursive: true });
    appendFileSync(join(m2, 'manifest.json'), ' ');
    expect((await verify(m2)).problems).toContain('清单文件 manifest.json 已被改动（与 SHA256SUMS 不符）');

    // A flipped byte inside the zip is caught too.
    const zbytes = readFileSync(r.zip);
    zbytes[Math.floor(zbytes.length / 3)]! ^= 0xff;
    const badZip = join(out, 'bad.zip');
    writeFileSync(badZip, zbytes);
    expect((await verify(badZip)).ok).toBe(false);
  });

  it('keeps to the chosen villages and date range', async () => {
    const v = world.villages[0]!.id;
    const r = await exportPackage({ villageIds: [v] });
    const m = JSON.parse(readFileSync(join(r.folder, 'manifest.json'), 'utf8')) as PackageManifest;
    expect(m.scope.villages).toHaveLength(1);
    const none = await exportPackage({ from: '2025-01-01', to: '2025-12-31' });
    expect(none.counts).toMatchObject({ cases: 0, approved: 0, documents: 0 });
    const other = await app.call('filing-export', { campaignId: world.campaign.id, villageIds: [9999], destination: out }, clerk);
    expect(other).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('a drive that fills up half-way leaves nothing that looks complete, with a clear message', async () => {
    const original = exchangeFiles.writeFile;
    let n = 0;
    exchangeFiles.writeFile = async (path, bytes) => {
      if (++n === 5) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      return original(path, bytes);
    };
    try {
      const r = await app.call('filing-export', { campaignId: world.campaign.id, destination: out }, clerk);
      expect(r).toMatchObject({ ok: false });
      expect(!r.ok && r.error.message).toContain('空间不足');
    } finally {
      exchangeFiles.writeFile = original;
    }
    expect(readdirSync(out)).toEqual([]);

    // The zip failing after the folder was renamed: the folder goes too.
    const rename = exchangeFiles.rename;
    exchangeFiles.rename = async (from, to) => {
      if (to.endsWith('.zip')) throw Object.assign(new Error('removed'), { code: 'EIO' });
      return rename(from, to);
    };
    try {
      const r = await app.call('filing-export', { campaignId: world.campaign.id, destination: out }, clerk);
      expect(!r.ok && r.error.message).toContain('U 盘');
    } finally {
      exchangeFiles.rename = rename;
    }
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses when an issued PDF no longer matches the registry', async () => {
    const d = app.db.prepare("SELECT file_path AS f FROM documents LIMIT 1").get() as { f: string };
    appendFileSync(join(app.dir, d.f), 'x');
    const r = await app.call('filing-export', { campaignId: world.campaign.id, destination: out }, clerk);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTEGRITY' } });
    expect(readdirSync(out)).toEqual([]);
  });

  it('lists the default destination first; cadres may not export', async () => {
    const d = ok<{ path: string; kind: string }[]>(await app.call('filing-destinations', {}, clerk));
    expect(d[0]).toMatchObject({ path: join(app.dir, 'exports'), kind: 'default' });
    const cadre = { id: 5, name: '村干部', role: 'cadre' as const, villageId: world.villages[0]!.id };
    expect(await app.call('filing-export', { campaignId: world.campaign.id }, cadre)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
