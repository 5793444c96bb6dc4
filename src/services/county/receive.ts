// 接收备案包 (issue 15): a township's package from a USB drive is checked whole (every hash, the Ed25519 signature,
// the cover sheet's signature), its signer compared with the key pinned for that township, and its county.json read
// into the county's read-only tables in one transaction. The first package of a township pins its key only after
// the clerk confirmed the fingerprint against the stamped cover sheet; another key is refused until an
// administrator re-pins (audited). A newer package of the same township and scope supersedes the older one (both
// kept, the newer counted); an older or identical one changes nothing.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError, type CountyInspection, type CountyReceiveResult, type CountySource, type CountyTownshipView, type PackageManifest } from '../../contract';
import { COUNTY_DATA_FILE, parseCountyData, type CountyData } from '../../exchange/county-data';
import { sha256Hex } from '../../exchange/durable';
import { checkPackage, MANIFEST_FILE, PackageReadError, readPackage, SIGNATURE_FILE } from '../../exchange/package-verify';
import { groupFingerprint } from '../../exchange/signing';
import {
  currentPin,
  getPackageBySha,
  getTownship,
  getTownshipByName,
  insertPackage,
  insertPin,
  insertTownship,
  latestInScope,
  listPackages,
  listPins,
  listTownships,
  type CountyPackageRow,
} from '../../store/county';
import { audit } from '../audit';
import { nowIso, type Ctx } from '../context';
import { filingDestinations } from '../filing';

/** The same township and scope: the township's campaign, the villages and the date range of the package. */
export function scopeKeyOf(m: PackageManifest): string {
  return JSON.stringify({ campaignId: m.scope.campaignId, campaign: m.scope.campaignName, villages: [...m.scope.villages].sort(), from: m.scope.from, to: m.scope.to });
}

const PACKAGE_NAME = /^备案包_/;

/** Where packages come from: the data folder's inbox and exports, then USB drives (as the township's destinations). */
export function countySources(ctx: Ctx, platform = process.platform): CountySource[] {
  const roots = filingDestinations(ctx, platform).map((d) => (d.kind === 'default' ? { ...d, label: '数据目录下的 exports 文件夹' } : d));
  roots.splice(1, 0, { path: join(ctx.dataDir, 'inbox'), label: '数据目录下的 inbox 文件夹', kind: 'default' });
  return roots.map((r) => {
    const packages: CountySource['packages'] = [];
    try {
      for (const e of readdirSync(r.path, { withFileTypes: true })) {
        if (!PACKAGE_NAME.test(e.name)) continue;
        if (e.isDirectory() && existsSync(join(r.path, e.name, MANIFEST_FILE))) packages.push({ path: join(r.path, e.name), name: e.name, isZip: false });
        else if (e.isFile() && e.name.endsWith('.zip')) packages.push({ path: join(r.path, e.name), name: e.name, isZip: true });
      }
    } catch {
      // A folder that is not there (no inbox yet, a drive pulled out) offers nothing.
    }
    packages.sort((a, b) => b.name.localeCompare(a.name));
    return { ...r, packages };
  });
}

type Checked = {
  inspection: CountyInspection;
  manifest: PackageManifest | null;
  files: Map<string, Buffer> | null;
  data: CountyData | null;
};

async function check(ctx: Ctx, rawPath: string): Promise<Checked> {
  const path = resolve(rawPath);
  const blank: CountyInspection = {
    path,
    ok: false,
    problems: [],
    township: null,
    packageName: null,
    createdAt: null,
    campaignName: null,
    villages: [],
    counts: null,
    manifestSha256: null,
    fingerprint: null,
    fingerprintGroups: [],
    keyStatus: 'invalid',
    pinnedFingerprint: null,
    effect: null,
  };
  if (!existsSync(path)) return { inspection: { ...blank, problems: [`找不到「${path}」，请检查路径或 U 盘是否插好`] }, manifest: null, files: null, data: null };
  if (!statSync(path).isDirectory() && !statSync(path).isFile()) return { inspection: { ...blank, problems: ['请选择备案包文件夹或 .zip 文件'] }, manifest: null, files: null, data: null };
  let contents;
  try {
    contents = await readPackage(path);
  } catch (err) {
    if (err instanceof PackageReadError) return { inspection: { ...blank, problems: [err.message] }, manifest: null, files: null, data: null };
    throw err;
  }
  const report = checkPackage(path, contents);
  const m = report.manifest;
  const fingerprint = report.signature.status === 'valid' ? report.signature.fingerprint : null;
  const inspection: CountyInspection = {
    ...blank,
    problems: [...report.problems],
    township: m?.office.townshipName ?? null,
    packageName: m?.name ?? null,
    createdAt: m?.createdAt ?? null,
    campaignName: m?.scope.campaignName ?? null,
    villages: m?.scope.villages ?? [],
    counts: m ? { ...m.counts } : null,
    manifestSha256: report.manifestSha256,
    fingerprint,
    fingerprintGroups: fingerprint ? groupFingerprint(fingerprint).split(' ') : [],
  };
  let data: CountyData | null = null;
  if (report.ok && m) {
    const parsed = parseCountyData(contents.files.get(COUNTY_DATA_FILE));
    if (!parsed.ok) inspection.problems.push(parsed.message);
    else if (parsed.data.township !== m.office.townshipName) inspection.problems.push(`${COUNTY_DATA_FILE} 中的乡镇（${parsed.data.township}）与清单（${m.office.townshipName}）不一致`);
    else data = parsed.data;
  }
  if (inspection.problems.length || !m || !fingerprint || !data) return { inspection: { ...inspection, ok: false, keyStatus: 'invalid' }, manifest: m, files: contents.files, data: null };

  const township = getTownshipByName(ctx.db, m.office.townshipName);
  const pin = township ? currentPin(ctx.db, township.id) : null;
  inspection.pinnedFingerprint = pin?.fingerprint ?? null;
  if (!pin) inspection.keyStatus = 'new-township';
  else if (pin.fingerprint === fingerprint) inspection.keyStatus = 'pinned';
  else {
    inspection.keyStatus = 'key-mismatch';
    inspection.problems.push(keyMismatchMessage(m.office.townshipName, fingerprint, pin.fingerprint));
  }
  inspection.effect = effectOf(ctx, township?.id ?? null, m, report.manifestSha256!);
  inspection.ok = inspection.problems.length === 0;
  return { inspection, manifest: m, files: contents.files, data };
}

const keyMismatchMessage = (township: string, signer: string, pinned: string) =>
  `该备案包的签名密钥（指纹 ${groupFingerprint(signer)}）不是本局为「${township}」登记的密钥（${groupFingerprint(pinned)}），已拒绝接收。` +
  '请与该乡镇核实：如其确已更换密钥，须由管理员对照新的盖章备案报送单，在「乡镇」页重新登记密钥后再接收。';

function effectOf(ctx: Ctx, townshipId: number | null, m: PackageManifest, manifestSha256: string): CountyInspection['effect'] {
  if (getPackageBySha(ctx.db, manifestSha256)) return 'identical';
  if (townshipId === null) return 'new';
  const latest = latestInScope(ctx.db, townshipId, scopeKeyOf(m));
  if (!latest) return 'new';
  return m.createdAt > latest.createdAt ? 'supersedes' : 'older';
}

export async function countyPackageInspect(ctx: Ctx, input: { path: string }): Promise<CountyInspection> {
  return (await check(ctx, input.path)).inspection;
}

export async function countyPackageReceive(ctx: Ctx, input: { path: string; confirmFingerprint: string | null }): Promise<CountyReceiveResult> {
  const { inspection: i, manifest: m, files, data } = await check(ctx, input.path);
  if (!i.ok || !m || !files || !data || !i.fingerprint || !i.manifestSha256) {
    throw new AppError(i.keyStatus === 'key-mismatch' ? 'FORBIDDEN' : 'VALIDATION', `备案包未接收：${i.problems.join('；') || '无法核验'}`);
  }
  if (i.keyStatus === 'new-township') {
    if (!input.confirmFingerprint) {
      throw new AppError('VALIDATION', `「${m.office.townshipName}」首次报送：请对照盖章的备案报送单逐组核对签名密钥指纹后再接收`, [
        { path: 'confirmFingerprint', message: '请核对密钥指纹' },
      ]);
    }
    if (input.confirmFingerprint !== i.fingerprint) {
      throw new AppError('VALIDATION', '输入的密钥指纹与备案包的签名密钥不符：请逐组对照盖章的备案报送单；如报送单上的指纹确与此不同，备案包不是该乡镇签发的，请勿接收', [
        { path: 'confirmFingerprint', message: '与备案包的签名密钥不符' },
      ]);
    }
  }
  const at = nowIso(ctx.clock);
  const sha = i.manifestSha256;
  const outcome = ctx.db.transaction((): CountyReceiveResult => {
    // Looked at again inside the transaction: the inspection above ran before an await.
    let township = getTownshipByName(ctx.db, m.office.townshipName);
    const pin = township ? currentPin(ctx.db, township.id) : null;
    if (pin && pin.fingerprint !== i.fingerprint) throw new AppError('FORBIDDEN', keyMismatchMessage(m.office.townshipName, i.fingerprint!, pin.fingerprint));
    if (getPackageBySha(ctx.db, sha)) {
      return { outcome: 'identical', message: '该备案包此前已接收，未作任何改动', packageId: null, township: m.office.townshipName, counts: null };
    }
    const scopeKey = scopeKeyOf(m);
    const latest = township ? latestInScope(ctx.db, township.id, scopeKey) : null;
    if (latest && m.createdAt <= latest.createdAt) {
      return {
        outcome: 'older',
        message: `已有该乡镇同一范围更新的备案包（${latest.name}，生成于 ${latest.createdAt.slice(0, 10)}），本包较旧，未作任何改动`,
        packageId: null,
        township: m.office.townshipName,
        counts: null,
      };
    }
    if (!township) {
      const id = insertTownship(ctx.db, m.office.townshipName, at);
      township = getTownship(ctx.db, id)!;
    }
    if (!pin) {
      insertPin(ctx.db, { townshipId: township.id, fingerprint: i.fingerprint!, pinnedAt: at, pinnedBy: ctx.actor.name, how: 'first', reason: '首次报送，已对照盖章备案报送单核对' });
      audit(ctx, 'county-key-pin', 'county-township', township.id, null, { township: township.name, fingerprint: i.fingerprint, how: 'first' });
    }
    const packageId = insertPackage(
      ctx.db,
      {
        townshipId: township.id,
        name: m.name,
        manifestSha256: sha,
        fingerprint: i.fingerprint!,
        createdAt: m.createdAt,
        receivedAt: at,
        receivedBy: ctx.actor.name,
        scopeKey,
        campaignName: m.scope.campaignName,
        roundYear: data.round.year,
        villages: m.scope.villages,
        dateFrom: m.scope.from,
        dateTo: m.scope.to,
        counts: { ...m.counts },
        sourcePath: i.path,
        manifestJson: files.get(MANIFEST_FILE)!.toString('utf8'),
        signatureJson: files.get(SIGNATURE_FILE)!.toString('utf8'),
        dataSha256: sha256Hex(files.get(COUNTY_DATA_FILE)!),
      },
      data,
    );
    const counts = {
      households: data.roster.length,
      persons: data.roster.reduce((n, h) => n + h.members.length, 0),
      outcomes: data.outcomes.length,
      cases: data.cases.length,
    };
    // Counts and hashes only: the audit log never carries an ID number.
    audit(ctx, 'county-package-receive', 'county-package', packageId, latest ? { supersededPackage: latest.id, name: latest.name } : null, {
      township: township.name,
      name: m.name,
      manifestSha256: sha,
      fingerprint: i.fingerprint,
      ...counts,
    });
    return {
      outcome: latest ? 'supersedes' : 'received',
      message: latest
        ? `已接收「${township.name}」的备案包，取代同一范围较早的备案包（${latest.name}）：两者均保留，汇总按新包计算`
        : `已接收「${township.name}」的备案包`,
      packageId,
      township: township.name,
      counts,
    };
  })();
  return outcome;
}

function packageView(p: CountyPackageRow) {
  return {
    id: p.id,
    name: p.name,
    createdAt: p.createdAt,
    receivedAt: p.receivedAt,
    receivedBy: p.receivedBy,
    campaignName: p.campaignName,
    villages: p.villages,
    dateFrom: p.dateFrom,
    dateTo: p.dateTo,
    manifestSha256: p.manifestSha256,
    fingerprint: p.fingerprint,
    counts: p.counts,
    superseded: p.superseded,
  };
}

function townshipView(ctx: Ctx, id: number, packages: CountyPackageRow[]): CountyTownshipView {
  const t = getTownship(ctx.db, id)!;
  const pins = listPins(ctx.db, id);
  return {
    id: t.id,
    name: t.name,
    firstReceivedAt: t.firstReceivedAt,
    pinnedFingerprint: pins.at(-1)?.fingerprint ?? null,
    pins: pins.map((p) => ({ fingerprint: p.fingerprint, pinnedAt: p.pinnedAt, pinnedBy: p.pinnedBy, how: p.how, reason: p.reason })),
    packages: packages.filter((p) => p.townshipId === id).map(packageView),
  };
}

export function countyTownshipList(ctx: Ctx): CountyTownshipView[] {
  const packages = listPackages(ctx.db, null);
  return listTownships(ctx.db).map((t) => townshipView(ctx, t.id, packages));
}

/** An administrator pins a township's new key, read from its new stamped cover sheet. */
export function countyTownshipRepin(ctx: Ctx, input: { townshipId: number; fingerprint: string; reason: string }): CountyTownshipView {
  return ctx.db.transaction(() => {
    const t = getTownship(ctx.db, input.townshipId);
    if (!t) throw new AppError('NOT_FOUND', '找不到该乡镇');
    const before = currentPin(ctx.db, t.id);
    if (before?.fingerprint === input.fingerprint) throw new AppError('CONFLICT', '该密钥已是本乡镇登记的密钥，无需重新登记', [{ path: 'fingerprint', message: '与现登记的密钥相同' }]);
    insertPin(ctx.db, { townshipId: t.id, fingerprint: input.fingerprint, pinnedAt: nowIso(ctx.clock), pinnedBy: ctx.actor.name, how: 'repin', reason: input.reason });
    audit(ctx, 'county-township-repin', 'county-township', t.id, before ? { fingerprint: before.fingerprint } : null, {
      township: t.name,
      fingerprint: input.fingerprint,
      reason: input.reason,
    });
    return townshipView(ctx, t.id, listPackages(ctx.db, t.id));
  })();
}
