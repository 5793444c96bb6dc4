// 备案包 signatures (issue 11): recomputed hashes no longer pass, a package is tied to the office key that signed
// it, and the cover sheet carries what the county compares (manifest hash, key fingerprint, chain head).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FilingResult, OfficeKeyInfo, PackageManifest, PackageReport } from '../../src/contract';
import { runCli, type Io } from '../../src/cli/main';
import { sha256Hex } from '../../src/exchange/durable';
import { sha256sums } from '../../src/exchange/filing-package';
import { makeSignatureDoc, signerOf } from '../../src/exchange/signing';
import { auditChainHead } from '../../src/store/audit-chain';
import { generateOfficeKey } from '../../src/store/office-key';
import { clerk, filingWorld } from '../helpers/filing-world';
import { ok, tempApp } from '../helpers/temp-app';

const at = '2026-03-20T08:00:00Z';
let app: ReturnType<typeof tempApp>;
let world: Awaited<ReturnType<typeof filingWorld>>;
let out: string;

beforeEach(async () => {
  app = tempApp(at);
  world = await filingWorld(app, { approve: 2, deny: 1 });
  out = mkdtempSync(join(tmpdir(), 'dibao-sig-'));
});
afterEach(() => {
  app.dispose();
  rmSync(out, { recursive: true, force: true });
});

function captureIo(): Io & { out: string[]; err: string[] } {
  const o: string[] = [];
  const e: string[] = [];
  return { stdin: process.stdin, stdout: (s) => o.push(s), stderr: (s) => e.push(s), out: o, err: e };
}

const exportPackage = async () => ok<FilingResult>(await app.call('filing-export', { campaignId: world.campaign.id, destination: out }, clerk));
const grouped = (hex: string) => hex.match(/.{4}/g)!.join(' ');

/** What a forger does after editing a file: fix its entry in the manifest and rewrite SHA256SUMS to match. */
function rehash(folder: string, edited: string, extraOutside: string[] = ['signature.json', '备案报送单.pdf']) {
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as PackageManifest;
  const bytes = readFileSync(join(folder, edited));
  const entry = manifest.files.find((f) => f.path === edited)!;
  entry.size = bytes.length;
  entry.sha256 = sha256Hex(bytes);
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(folder, 'manifest.json'), manifestBytes);
  const outside = ['manifest.json', ...extraOutside].map((p) => {
    const b = readFileSync(join(folder, p));
    return { path: p, size: b.length, sha256: sha256Hex(b) };
  });
  writeFileSync(join(folder, 'SHA256SUMS'), sha256sums([...manifest.files, ...outside]));
  return { manifest, manifestBytes };
}

describe('备案包签名', () => {
  it('an intact package passes, names the office and prints the key fingerprint; --key with the right key passes', async () => {
    const r = await exportPackage();
    const key = ok<OfficeKeyInfo>(await app.call('office-key-get', {}, clerk));
    expect(r.fingerprint).toBe(key.fingerprint);
    expect(key.fingerprintGrouped).toBe(grouped(key.fingerprint));

    const report = ok<PackageReport>(await app.call('filing-verify', { path: r.zip }, clerk));
    expect(report).toMatchObject({ ok: true, manifestSha256: r.manifestSha256 });
    expect(report.signature).toMatchObject({ status: 'valid', fingerprint: key.fingerprint, office: '清河镇民政所', isThisOffice: true });
    expect(report.manifest).toMatchObject({ version: 2, signer: { algorithm: 'Ed25519', fingerprint: key.fingerprint } });
    // The manifest carries the audit chain head as it was when the package was made.
    expect(report.manifest!.auditChain!.head.id).toBeGreaterThan(0);
    expect(report.manifest!.auditChain!.head.id).toBeLessThanOrEqual(auditChainHead(app.db).id);

    // sha256sum -c still covers every file, the signature and the cover sheet included.
    const sums = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: r.folder, encoding: 'utf8' });
    expect(sums.status, sums.stderr).toBe(0);
    expect(sums.stdout).toContain('signature.json: OK');
    expect(sums.stdout).toContain('备案报送单.pdf: OK');

    const io = captureIo();
    expect(await runCli(['verify-package', r.folder], io)).toBe(0);
    const text = io.out.join('');
    expect(text).toContain('备案包完好');
    expect(text).toContain('清河镇民政所');
    expect(text).toContain(`签名密钥指纹：${grouped(key.fingerprint)}`);
    expect(text).toContain(grouped(r.manifestSha256.toUpperCase()));

    // The fingerprint as printed on paper (spaces, lower case) is accepted.
    const keyed = captureIo();
    expect(await runCli(['verify-package', r.zip, '--key', grouped(key.fingerprint).toLowerCase()], keyed)).toBe(0);
    expect(ok<PackageReport>(await app.call('filing-verify', { path: r.zip, expectedFingerprint: key.fingerprint }, clerk)).ok).toBe(true);
    // The package's chain head is still in the office's log (verify-audit --package).
    const audit = captureIo();
    expect(await runCli(['verify-audit', '--data-dir', app.dir, '--package', r.zip], audit)).toBe(0);
    expect(audit.out.join('')).toContain('在链中');
    // A malformed --key is a usage error, not a verdict.
    expect(await runCli(['verify-package', r.zip, '--key', 'AB12'], captureIo())).toBe(2);
  });

  it('a package whose cases.json was edited and whose manifest and SHA256SUMS were recomputed fails; sha256sum -c alone would pass it', async () => {
    const r = await exportPackage();
    const forged = join(out, 'forged');
    cpSync(r.folder, forged, { recursive: true });
    const cases = JSON.parse(readFileSync(join(forged, 'cases.json'), 'utf8')) as { cases: { headName: string | null }[] };
    cases.cases[0]!.headName = '冒名顶替';
    writeFileSync(join(forged, 'cases.json'), `${JSON.stringify(cases, null, 2)}\n`);
    rehash(forged, 'cases.json');
    expect(spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: forged }).status).toBe(0);

    const report = ok<PackageReport>(await app.call('filing-verify', { path: forged }, clerk));
    expect(report.ok).toBe(false);
    expect(report.signature.status).toBe('invalid');
    expect(report.problems).toEqual([expect.stringMatching(/^签名无效：签名与 manifest\.json 不符/)]);
    const io = captureIo();
    expect(await runCli(['verify-package', forged], io)).toBe(1);
    expect(io.out.join('')).toContain('签名无效');

    // Removing the signature (and its line in SHA256SUMS) does not help either.
    const stripped = join(out, 'stripped');
    cpSync(forged, stripped, { recursive: true });
    unlinkSync(join(stripped, 'signature.json'));
    rehash(stripped, 'cases.json', ['备案报送单.pdf']);
    const s = ok<PackageReport>(await app.call('filing-verify', { path: stripped }, clerk));
    expect(s.ok).toBe(false);
    expect(s.signature.status).toBe('missing');
    expect(s.problems.join('\n')).toContain('缺少签名文件 signature.json');

    // A swapped cover sheet is caught by its own signature.
    const cover = join(out, 'cover');
    cpSync(r.folder, cover, { recursive: true });
    writeFileSync(join(cover, '备案报送单.pdf'), Buffer.concat([readFileSync(join(cover, '备案报送单.pdf')), Buffer.from('\n%forged\n')]));
    expect(ok<PackageReport>(await app.call('filing-verify', { path: cover }, clerk)).problems).toContain('报送单 备案报送单.pdf 已被改动（与签名不符）');
  });

  it('a package re-signed by another office verifies only without --key, and shows that other key; with --key it fails', async () => {
    const r = await exportPackage();
    const ours = ok<OfficeKeyInfo>(await app.call('office-key-get', {}, clerk)).fingerprint;
    // Another office (its own key pair) edits and re-signs the package completely.
    const other = signerOf(generateOfficeKey(at));
    const forged = join(out, 'other');
    cpSync(r.folder, forged, { recursive: true });
    writeFileSync(join(forged, 'lists.json'), '{"approved":[],"ineligible":[]}\n');
    const manifest = JSON.parse(readFileSync(join(forged, 'manifest.json'), 'utf8')) as PackageManifest;
    manifest.signer = { algorithm: 'Ed25519', fingerprint: other.fingerprint };
    writeFileSync(join(forged, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const { manifestBytes } = rehash(forged, 'lists.json', []);
    const coverBytes = readFileSync(join(forged, '备案报送单.pdf'));
    const doc = { ...makeSignatureDoc(other, 'manifest.json', manifestBytes, '清河镇民政所'), coverSheet: { file: '备案报送单.pdf', signature: other.sign(coverBytes).toString('base64') } };
    writeFileSync(join(forged, 'signature.json'), JSON.stringify(doc));
    rehash(forged, 'lists.json');

    const loose = ok<PackageReport>(await app.call('filing-verify', { path: forged }, clerk));
    expect(loose.ok).toBe(true);
    expect(loose.signature).toMatchObject({ status: 'valid', fingerprint: other.fingerprint, isThisOffice: false });

    const strict = ok<PackageReport>(await app.call('filing-verify', { path: forged, expectedFingerprint: ours }, clerk));
    expect(strict.ok).toBe(false);
    expect(strict.problems).toEqual([`签名密钥与指定的不符：本包由指纹 ${grouped(other.fingerprint)} 的密钥签名，指定的是 ${grouped(ours)}`]);

    const io = captureIo();
    expect(await runCli(['verify-package', forged, '--key', ours], io)).toBe(1);
    expect(io.out.join('')).toContain('签名密钥与指定的不符');
    expect(io.err.join('')).toContain(grouped(other.fingerprint));

    // And a package of a genuinely different office fails against our key the same way.
    const elsewhere = tempApp(at);
    try {
      const w2 = await filingWorld(elsewhere, { approve: 1, deny: 0 });
      const dest = join(out, 'elsewhere');
      const r2 = ok<FilingResult>(await elsewhere.call('filing-export', { campaignId: w2.campaign.id, destination: dest }, clerk));
      expect(r2.fingerprint).not.toBe(ours);
      expect(await runCli(['verify-package', r2.zip, '--key', ours], captureIo())).toBe(1);
      expect(await runCli(['verify-package', r2.zip, '--key', r2.fingerprint], captureIo())).toBe(0);
    } finally {
      elsewhere.dispose();
    }
  });

  it('the cover sheet 备案报送单.pdf shows the office, counts, the manifest hash, the key fingerprint and the chain head', async () => {
    const r = await exportPackage();
    const m = JSON.parse(readFileSync(join(r.folder, 'manifest.json'), 'utf8')) as PackageManifest;
    const text = execFileSync('pdftotext', ['-layout', join(r.folder, '备案报送单.pdf'), '-'], { encoding: 'utf8' });
    expect(execFileSync('pdfinfo', [join(r.folder, '备案报送单.pdf')], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
    for (const s of ['最低生活保障备案报送单', '清河镇民政所', '2026年低保专项治理', r.name, '（盖章）', `${r.counts.approved}户`, `${m.auditChain!.rows} 条`]) {
      expect(text).toContain(s);
    }
    // Each code in groups of four, on two lines of eight groups.
    for (const hex of [r.manifestSha256.toUpperCase(), r.fingerprint, m.auditChain!.head.hash.toUpperCase()]) {
      expect(text).toContain(grouped(hex.slice(0, 32)));
      expect(text).toContain(grouped(hex.slice(32)));
    }
  });
});
