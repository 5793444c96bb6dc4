// The county view (issue 15): two township offices run a round and export their filing packages with the
// township's own code; a county office receives them. The summary equals the sums of the townships' own lists, a
// duplicate planted across the two townships is found with both sources, and a package from an unpinned key, a
// re-hashed package and a superseded package behave as the issue says. County mode refuses township commands.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, CountyReceiveResult, CountySummary, CountyTownshipView, CrossCheckResult, FilingResult, PackageManifest, RosterPage, SessionInfo } from '../../src/contract';
import { sha256Hex } from '../../src/exchange/durable';
import { recoveryKeyGroups } from '../../src/exchange/backup-crypto';
import { openApp, type App } from '../../src/services/app';
import { plantDuplicate } from '../../src/services/county/demo';
import { computeCheckChar } from '../../src/domain/id-number';
import { ensureCountyOffice } from '../../src/services/county/setup';
import { DEMO_TOWNSHIPS } from '../../src/services/demo';
import { clerk, filingWorld } from '../helpers/filing-world';
import { ok } from '../helpers/temp-app';
import { runCli, type Io } from '../../src/cli/main';
import { existsSync } from 'node:fs';

type Office = { app: App; dir: string; setNow: (iso: string) => void };

const roots: string[] = [];
function office(now: string): Office {
  const dir = mkdtempSync(join(tmpdir(), 'dibao-county-'));
  roots.push(dir);
  let current = new Date(now);
  const app = openApp({ dataDir: dir, clock: () => current });
  return { app, dir, setNow: (iso) => (current = new Date(iso)) };
}

const admin: Actor = { id: null, name: '县局管理员', role: 'admin', villageId: null };
const countyClerk: Actor = { id: null, name: '县局经办员', role: 'clerk', villageId: null };

async function exportPackage(t: Office, campaignId: number): Promise<FilingResult> {
  return ok<FilingResult>(await t.app.call('filing-export', { campaignId, destination: join(t.dir, 'out') }, clerk));
}

const countRows = (app: App, table: string) => (app.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

let a: Office; // 清河镇
let b: Office; // 柳溪镇, with the planted duplicate
let county: Office;
let pkgA: FilingResult;
let pkgB: FilingResult;
let campaignA = 0;
let duplicate: { name: string; idNumber: string };
let listsOf: (p: FilingResult) => { approved: unknown[]; ineligible: unknown[] };

beforeAll(async () => {
  a = office('2026-03-21T08:00:00Z');
  b = office('2026-03-21T09:00:00Z');
  const wa = await filingWorld(a.app, { approve: 4, deny: 2 });
  campaignA = wa.campaign.id;
  const rosterA = ok<RosterPage>(await a.app.call('roster-list', { page: 1, pageSize: 5 }, clerk));
  duplicate = { name: rosterA.items[0]!.members[0]!.name, idNumber: rosterA.items[0]!.members[0]!.idNumber };
  const wb = await filingWorld(b.app, { approve: 3, deny: 1, township: DEMO_TOWNSHIPS[1]! });
  plantDuplicate(b.app.ctx(), duplicate);
  pkgA = await exportPackage(a, wa.campaign.id);
  pkgB = await exportPackage(b, wb.campaign.id);
  listsOf = (p) => JSON.parse(readFileSync(join(p.folder, 'lists.json'), 'utf8')) as { approved: unknown[]; ineligible: unknown[] };
  county = office('2026-03-25T08:00:00Z');
  ensureCountyOffice(county.app.ctx(admin), '测试县民政局');
}, 240_000);

afterAll(() => {
  for (const o of [a, b, county]) o?.app.close();
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

describe('county mode', () => {
  it('refuses township commands in a county office and county commands in a township office', async () => {
    const r = await county.app.call('household-list', { page: 1, pageSize: 10 }, countyClerk);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'FORBIDDEN', message: '本单位为县民政局，不办理乡镇民政所的业务' });
    const t = await a.app.call('county-summary', {}, clerk);
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.error.code).toBe('FORBIDDEN');
    const status = ok<SessionInfo>(await county.app.call('session-status', {}));
    expect(status.mode).toBe('county');
    expect(status.countyName).toBe('测试县民政局');
    expect(() => ensureCountyOffice(a.app.ctx(admin), 'x')).toThrow('乡镇民政所');
  });
});

describe('receiving', () => {
  it('asks for the cover sheet’s fingerprint before pinning a township’s first key, and refuses a wrong one', async () => {
    const before = countRows(county.app, 'county_packages');
    const none = await county.app.call('county-package-receive', { path: pkgA.zip }, countyClerk);
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error.message).toContain('首次报送');
    const wrong = await county.app.call('county-package-receive', { path: pkgA.zip, confirmFingerprint: pkgB.fingerprint }, countyClerk);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.message).toContain('不符');
    expect(countRows(county.app, 'county_packages')).toBe(before);
    expect(countRows(county.app, 'county_key_pins')).toBe(0);
  });

  it('receives both townships, the key typed with spaces in groups of four', async () => {
    const grouped = (pkgA.fingerprint.match(/.{4}/g) ?? []).join(' ').toLowerCase();
    const ra = ok<CountyReceiveResult>(await county.app.call('county-package-receive', { path: pkgA.zip, confirmFingerprint: grouped }, countyClerk));
    expect(ra.outcome).toBe('received');
    const rb = ok<CountyReceiveResult>(await county.app.call('county-package-receive', { path: pkgB.folder, confirmFingerprint: pkgB.fingerprint }, countyClerk));
    expect(rb.outcome).toBe('received');
    const townships = ok<CountyTownshipView[]>(await county.app.call('county-township-list', {}, countyClerk));
    expect(townships.map((t) => [t.name, t.pinnedFingerprint])).toEqual([
      ['柳溪镇人民政府', pkgB.fingerprint],
      ['清河镇人民政府', pkgA.fingerprint],
    ]);
    // The audit log says who received what, never an ID number.
    const auditJson = JSON.stringify(county.app.db.prepare('SELECT before_json, after_json FROM audit_log').all());
    expect(auditJson).toContain(pkgA.manifestSha256);
    expect(auditJson).not.toContain(duplicate.idNumber);
  });

  it('sums the townships’ own lists in the summary', async () => {
    const s = ok<CountySummary>(await county.app.call('county-summary', {}, countyClerk));
    for (const [t, pkg] of [
      [a, pkgA],
      [b, pkgB],
    ] as const) {
      const roster = ok<RosterPage>(await t.app.call('roster-list', { page: 1, pageSize: 1 }, clerk));
      const manifest = JSON.parse(readFileSync(join(pkg.folder, 'manifest.json'), 'utf8')) as PackageManifest;
      const row = s.rows.find((r) => r.township === manifest.office.townshipName)!;
      expect(row.households).toBe(roster.summary.households);
      expect(row.persons).toBe(roster.summary.persons);
      expect(row.monthlyTotal).toBeCloseTo(roster.summary.monthlyTotal, 2);
      const lists = listsOf(pkg);
      expect(row.approvals).toBe(lists.approved.length);
      expect(row.refusals).toBe(lists.ineligible.length);
      expect(row.packages).toBe(1);
    }
    expect(s.total.households).toBe(s.rows.reduce((n, r) => n + r.households, 0));
    expect(s.total.persons).toBe(s.rows.reduce((n, r) => n + r.persons, 0));
    expect(s.total.approvals).toBe(7);
    expect(s.total.refusals).toBe(3);
    const classes = Object.values(s.total.byClass).reduce((n, v) => n + v, 0);
    expect(classes).toBe(s.total.persons);
  });

  it('finds the planted duplicate across the two townships, with both sources', async () => {
    const r = ok<CrossCheckResult>(await county.app.call('county-cross-check', {}, countyClerk));
    const found = r.findings.filter((f) => f.kind === 'two-townships');
    expect(found).toHaveLength(1);
    expect(found[0]!.idNumber).toBe(duplicate.idNumber);
    expect(found[0]!.sources.map((s) => s.township).sort()).toEqual(['柳溪镇人民政府', '清河镇人民政府']);
    expect(found[0]!.sources.every((s) => s.packageName.startsWith('备案包_') && s.householdRef !== null)).toBe(true);
    // The summary shows it too: one person covered twice, in each township's row.
    const s = ok<CountySummary>(await county.app.call('county-summary', {}, countyClerk));
    expect(s.rows.map((r) => r.duplicates)).toEqual([1, 1]);
    const file = ok<{ fileName: string; base64: string }>(await county.app.call('county-cross-check-export', {}, countyClerk));
    expect(file.fileName).toMatch(/^交叉比对_.*\.xlsx$/);
    expect(Buffer.from(file.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses a re-hashed package (hashes recomputed, signature not)', async () => {
    const copy = join(county.dir, 'rehashed');
    cpSync(pkgA.folder, copy, { recursive: true });
    const dataFile = join(copy, 'county.json');
    const data = JSON.parse(readFileSync(dataFile, 'utf8')) as { roster: { monthlyTotal: number }[] };
    data.roster[0]!.monthlyTotal += 1000;
    const bytes = Buffer.from(`${JSON.stringify(data, null, 2)}\n`);
    writeFileSync(dataFile, bytes);
    const manifestFile = join(copy, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as PackageManifest;
    const entry = manifest.files.find((f) => f.path === 'county.json')!;
    entry.sha256 = sha256Hex(bytes);
    entry.size = bytes.length;
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(manifestFile, manifestBytes);
    const sums = readFileSync(join(copy, 'SHA256SUMS'), 'utf8')
      .split('\n')
      .map((l) => (l.endsWith('  county.json') ? `${entry.sha256}  county.json` : l.endsWith('  manifest.json') ? `${sha256Hex(manifestBytes)}  manifest.json` : l))
      .join('\n');
    writeFileSync(join(copy, 'SHA256SUMS'), sums);
    const before = countRows(county.app, 'county_persons');
    const r = await county.app.call('county-package-receive', { path: copy }, countyClerk);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('签名');
    expect(countRows(county.app, 'county_persons')).toBe(before);
  });

  it('supersedes with a newer package of the same scope; an older or identical one changes nothing', async () => {
    a.setNow('2026-03-22T08:00:00Z');
    const newer = await exportPackage(a, campaignA);
    a.setNow('2026-03-21T12:00:00Z');
    const between = await exportPackage(a, campaignA);
    const r = ok<CountyReceiveResult>(await county.app.call('county-package-receive', { path: newer.zip }, countyClerk));
    expect(r.outcome).toBe('supersedes');
    const packages = countRows(county.app, 'county_packages');
    const persons = countRows(county.app, 'county_persons');
    const older = ok<CountyReceiveResult>(await county.app.call('county-package-receive', { path: between.folder }, countyClerk));
    expect(older.outcome).toBe('older');
    const same = ok<CountyReceiveResult>(await county.app.call('county-package-receive', { path: pkgA.folder }, countyClerk));
    expect(same.outcome).toBe('identical');
    expect([countRows(county.app, 'county_packages'), countRows(county.app, 'county_persons')]).toEqual([packages, persons]);
    const townships = ok<CountyTownshipView[]>(await county.app.call('county-township-list', {}, countyClerk));
    const qinghe = townships.find((t) => t.name === '清河镇人民政府')!;
    expect(qinghe.packages.map((p) => p.superseded)).toEqual([false, true]);
    // Counted once: the summary is the newer package's, not the sum of both.
    const s = ok<CountySummary>(await county.app.call('county-summary', {}, countyClerk));
    const roster = ok<RosterPage>(await a.app.call('roster-list', { page: 1, pageSize: 1 }, clerk));
    const row = s.rows.find((x) => x.township === '清河镇人民政府')!;
    expect([row.households, row.packages]).toEqual([roster.summary.households, 1]);
    // Received data is read-only, whatever goes around the program.
    expect(() => county.app.db.prepare('UPDATE county_persons SET amount = 0').run()).toThrow('只读');
    expect(() => county.app.db.prepare('DELETE FROM county_packages').run()).toThrow();
  });

  it('refuses a package signed by another key until an administrator re-pins, audited', async () => {
    // Another office calling itself 清河镇 (a reinstalled PC without its backup, or a forgery): another key.
    const impostor = office('2026-03-23T08:00:00Z');
    const w = await filingWorld(impostor.app, { approve: 1, deny: 0 });
    const pkg = await exportPackage(impostor, w.campaign.id);
    const before = countRows(county.app, 'county_packages');
    const r = await county.app.call('county-package-receive', { path: pkg.zip }, countyClerk);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'FORBIDDEN' });
    if (!r.ok) expect(r.error.message).toContain('重新登记密钥');
    expect(countRows(county.app, 'county_packages')).toBe(before);
    const qinghe = ok<CountyTownshipView[]>(await county.app.call('county-township-list', {}, countyClerk)).find((t) => t.name === '清河镇人民政府')!;
    const byClerk = await county.app.call('county-township-repin', { townshipId: qinghe.id, fingerprint: pkg.fingerprint, reason: '乡镇重装系统，已核对新的盖章报送单' }, countyClerk);
    expect(byClerk.ok).toBe(false);
    const repinned = ok<CountyTownshipView>(
      await county.app.call('county-township-repin', { townshipId: qinghe.id, fingerprint: pkg.fingerprint, reason: '乡镇重装系统，已核对新的盖章报送单' }, admin),
    );
    expect(repinned.pins.map((p) => p.how)).toEqual(['first', 'repin']);
    const audit = county.app.db.prepare("SELECT after_json FROM audit_log WHERE command = 'county-township-repin'").all() as { after_json: string }[];
    expect(audit).toHaveLength(1);
    const again = ok<CountyReceiveResult>(await county.app.call('county-package-receive', { path: pkg.zip }, countyClerk));
    expect(again.outcome).toBe('supersedes');
    // The old key is now the foreign one.
    a.setNow('2026-03-24T08:00:00Z');
    const fromOld = await exportPackage(a, campaignA);
    const refused = await county.app.call('county-package-receive', { path: fromOld.zip }, countyClerk);
    expect(refused.ok).toBe(false);
    impostor.app.close();
  }, 120_000);

  it('finds covered persons older than 110 and impossible birth dates, from the ID number', async () => {
    // Rows as a township's roll could carry them (an old register entry): appended to the current 柳溪镇 package.
    const h = county.app.db
      .prepare(
        `SELECT h.id, h.package_id FROM county_households h JOIN county_packages p ON p.id = h.package_id JOIN county_townships t ON t.id = p.township_id
         WHERE t.name = '柳溪镇人民政府' ORDER BY h.id LIMIT 1`,
      )
      .get() as { id: number; package_id: number };
    const id = (first17: string) => first17 + computeCheckChar(first17);
    const insert = county.app.db.prepare("INSERT INTO county_persons (package_id, household_id, name, id_number, class, amount) VALUES (?, ?, ?, ?, 'A', 0)");
    insert.run(h.package_id, h.id, '老人甲', id('99010219100101001'));
    insert.run(h.package_id, h.id, '错号乙', id('99010219900230002'));
    insert.run(h.package_id, h.id, '正常丙', id('99010219500101003'));
    const r = ok<CrossCheckResult>(await county.app.call('county-cross-check', {}, countyClerk));
    expect(r.findings.filter((f) => f.kind === 'too-old').map((f) => f.name)).toEqual(['老人甲']);
    expect(r.findings.filter((f) => f.kind === 'impossible-birth-date').map((f) => [f.name, f.detail])).toEqual([['错号乙', '出生日期 1990-02-30 不存在，请核实身份证号码']]);
    expect(r.findings.find((f) => f.kind === 'too-old')!.sources[0]!.township).toBe('柳溪镇人民政府');
  });

  it('finds a person approved in one township and exited in another in the same round, and one covered in two households', async () => {
    const current = (township: string) =>
      county.app.db
        .prepare(
          `SELECT p.id FROM county_packages p JOIN county_townships t ON t.id = p.township_id WHERE t.name = ?
           ORDER BY p.created_at DESC, p.id DESC LIMIT 1`,
        )
        .get(township) as { id: number };
    const qinghe = current('清河镇人民政府').id;
    const liuxi = current('柳溪镇人民政府').id;
    const mover = `99010219700101${'005'}`;
    const moverId = mover + computeCheckChar(mover);
    const outcome = county.app.db.prepare(
      "INSERT INTO county_outcomes (package_id, kind, case_ref, village, head_name, name, id_number, decided_on, monthly_total) VALUES (?, ?, ?, '某村', '某某', '迁移人', ?, '2026-03-20', 0)",
    );
    outcome.run(qinghe, 'exit', 9001, moverId);
    outcome.run(liuxi, 'approve', 9002, moverId);
    // The same person on two household lines of one township's roll.
    const households = county.app.db.prepare('SELECT id FROM county_households WHERE package_id = ? ORDER BY id LIMIT 2').all(liuxi) as { id: number }[];
    const twice = `99010219800101${'007'}`;
    const twiceId = twice + computeCheckChar(twice);
    const person = county.app.db.prepare("INSERT INTO county_persons (package_id, household_id, name, id_number, class, amount) VALUES (?, ?, '两户人', ?, 'B', 100)");
    for (const h of households) person.run(liuxi, h.id, twiceId);
    const r = ok<CrossCheckResult>(await county.app.call('county-cross-check', {}, countyClerk));
    const moved = r.findings.filter((f) => f.kind === 'approved-and-exited');
    expect(moved.map((f) => f.idNumber)).toEqual([moverId]);
    expect(moved[0]!.sources.map((x) => [x.township, x.caseRef, x.role])).toEqual([
      ['柳溪镇人民政府', 9002, '批准纳入（2026-03-20）'],
      ['清河镇人民政府', 9001, '退出（2026-03-20）'],
    ]);
    const doubled = r.findings.filter((f) => f.kind === 'two-households');
    expect(doubled.map((f) => [f.idNumber, f.sources.length])).toEqual([[twiceId, 2]]);
  });

  it('writes the summary as Excel and as a landscape PDF marked 内部资料', async () => {
    const xlsx = ok<{ fileName: string; base64: string }>(await county.app.call('county-summary-export', { format: 'xlsx' }, countyClerk));
    expect(xlsx.fileName).toMatch(/\.xlsx$/);
    const pdf = ok<{ fileName: string; base64: string }>(await county.app.call('county-summary-export', { format: 'pdf' }, countyClerk));
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
  });
});

describe('the command line', () => {
  it('county-import asks for the key of a first package, then receives; county-report writes the three files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dibao-county-cli-'));
    roots.push(dir);
    let out = '';
    const io: Io = { stdin: process.stdin, stdout: (s) => void (out += s), stderr: (s) => void (out += s) };
    expect(await runCli(['county-import', '--data-dir', dir, '--county-name', '命令行县民政局', pkgB.zip], io)).toBe(1);
    expect(out).toContain('首次报送');
    expect(out).toContain((pkgB.fingerprint.match(/.{4}/g) ?? []).join(' '));
    out = '';
    expect(await runCli(['county-import', '--data-dir', dir, '--key', pkgB.fingerprint, pkgB.zip], io)).toBe(0);
    expect(out).toContain('已接收「柳溪镇人民政府」的备案包');
    out = '';
    const reports = join(dir, 'reports');
    expect(await runCli(['county-report', '--data-dir', dir, '--out', reports], io)).toBe(0);
    expect(out).toContain('命令行县民政局：1 个乡镇');
    for (const f of out.split('\n').filter((l) => l.startsWith('已写入：'))) expect(existsSync(f.slice('已写入：'.length))).toBe(true);
    // A township's data folder is never made a county's.
    out = '';
    expect(await runCli(['county-import', '--data-dir', a.dir, '--county-name', 'x', pkgB.zip], io)).toBe(1);
    expect(out).toContain('乡镇民政所');
  });
});

describe('backups keep the kind of office', () => {
  it('refuses to restore a county backup over a township office and the reverse, changing nothing', async () => {
    const countyBackup = ok<{ path: string }>(await county.app.call('backup-create', {}, admin));
    const townshipBackup = ok<{ path: string }>(await a.app.call('backup-create', {}, { ...admin, name: '镇管理员' }));
    const villagesBefore = countRows(a.app, 'villages');
    // Another office's backup: opened with its recovery key, as on a new PC; the kind of office still refuses it.
    const keyOf = async (o: Office) => recoveryKeyGroups((await o.app.backupKeys.current()).key).join(' ');
    const intoTownship = await a.app.call('backup-restore', { path: countyBackup.path, confirm: '恢复', recoveryKey: await keyOf(county) }, { ...admin, name: '镇管理员' });
    expect(intoTownship).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('该备份是县民政局的数据，本机是乡镇民政所') } });
    expect(countRows(a.app, 'villages')).toBe(villagesBefore);
    const packagesBefore = countRows(county.app, 'county_packages');
    const intoCounty = await county.app.call('backup-restore', { path: townshipBackup.path, confirm: '恢复', recoveryKey: await keyOf(a) }, admin);
    expect(intoCounty).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('该备份是乡镇民政所的数据，本机是县民政局') } });
    expect(countRows(county.app, 'county_packages')).toBe(packagesBefore);
    expect(ok<SessionInfo>(await county.app.call('session-status', {})).mode).toBe('county');
  }, 120_000);
});
