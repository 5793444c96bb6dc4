// `dibao county-import`, `county-report`, `seed-county-demo` (issue 15): the county bureau's desk from the command line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError, type CountyReceiveResult } from '../contract';
import { groupFingerprint } from '../exchange/signing';
import { openApp, resolveDataDir, type App } from '../services/app';
import { countyCrossCheck, CROSS_CHECK_LABELS } from '../services/county/cross-check';
import { seedCountyDemo, DEMO_COUNTY_NAME } from '../services/county/demo';
import { countyPackageInspect, countyPackageReceive } from '../services/county/receive';
import { countyCrossCheckExport, countySummaryExport } from '../services/county/reports';
import { ensureCountyOffice } from '../services/county/setup';
import { countySummary } from '../services/county/summary';
import { DEMO_PASSWORD } from '../services/demo';
import { effectiveMode, getOfficeMode } from '../store/office-mode';
import type { Io } from './io';

const fail = (io: Io, message: string, code = 2): number => {
  io.stderr(`${message}\n`);
  return code;
};

function requireCounty(app: App, io: Io): boolean {
  if (getOfficeMode(app.db)?.mode === 'county') return true;
  io.stderr(effectiveMode(app.db) === 'township' && getOfficeMode(app.db) ? '该数据目录是乡镇民政所的数据，不是县民政局\n' : '该数据目录还不是县民政局：请先用 county-import --county-name 名称 建立，或在程序首次启动时选择「县民政局」\n');
  return false;
}

/**
 * county-import --data-dir D [--key FINGERPRINT] [--county-name NAME] PACKAGE…: receives each package. A township's
 * first package needs --key (its fingerprint, read from the stamped cover sheet); without it the fingerprint is
 * printed in groups for comparison and the package is not received. Exit 0 when every package was received or
 * changed nothing (identical, older), 1 when any was refused.
 */
export async function runCountyImport(args: string[], io: Io): Promise<number> {
  const usage = '用法：county-import --data-dir D [--key 指纹] [--county-name 县民政局名称] 备案包…（文件夹或 .zip）';
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { 'data-dir': { type: 'string' }, key: { type: 'string', multiple: true }, 'county-name': { type: 'string' } } });
  } catch {
    return fail(io, usage);
  }
  if (parsed.positionals.length === 0) return fail(io, usage);
  const app = openApp({ dataDir: resolveDataDir(parsed.values['data-dir']) });
  try {
    const ctx = app.ctx();
    if (!getOfficeMode(app.db) && parsed.values['county-name']) {
      try {
        ensureCountyOffice(ctx, parsed.values['county-name']);
        io.stdout(`已将数据目录建立为县民政局：${parsed.values['county-name']}\n`);
      } catch (err) {
        if (err instanceof AppError) return fail(io, err.message, 1);
        throw err;
      }
    }
    if (!requireCounty(app, io)) return 1;
    const keys = (parsed.values.key ?? []).map((k) => k.replace(/[\s:-]/g, '').toUpperCase());
    let refused = 0;
    for (const p of parsed.positionals) {
      const path = resolve(p);
      const inspection = await countyPackageInspect(ctx, { path });
      io.stdout(`【${path}】\n`);
      if (inspection.township) io.stdout(`  报送乡镇：${inspection.township}　备案包：${inspection.packageName}\n`);
      if (inspection.fingerprint) io.stdout(`  签名密钥指纹：${groupFingerprint(inspection.fingerprint)}\n`);
      if (!inspection.ok) {
        refused++;
        for (const problem of inspection.problems) io.stdout(`  未接收：${problem}\n`);
        continue;
      }
      const confirm = inspection.keyStatus === 'new-township' ? (keys.find((k) => k === inspection.fingerprint) ?? keys[0] ?? null) : null;
      if (inspection.keyStatus === 'new-township' && !confirm) {
        refused++;
        io.stdout(`  未接收：「${inspection.township}」首次报送，请对照盖章备案报送单核对上面的指纹，再用 --key "指纹" 接收\n`);
        continue;
      }
      let r: CountyReceiveResult;
      try {
        r = await countyPackageReceive(ctx, { path, confirmFingerprint: confirm });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        refused++;
        io.stdout(`  未接收：${err.message}\n`);
        continue;
      }
      io.stdout(`  ${r.message}${r.counts ? `：在保 ${r.counts.households} 户 ${r.counts.persons} 人，决定 ${r.counts.outcomes} 项，案件 ${r.counts.cases} 件` : ''}\n`);
    }
    return refused ? 1 : 0;
  } finally {
    app.close();
  }
}

/** county-report --data-dir D --out DIR: 县级汇总 (.xlsx and .pdf) and 交叉比对 (.xlsx), with a summary on stdout. */
export async function runCountyReport(args: string[], io: Io): Promise<number> {
  const usage = '用法：county-report --data-dir D --out DIR';
  let parsed;
  try {
    parsed = parseArgs({ args, options: { 'data-dir': { type: 'string' }, out: { type: 'string' } } });
  } catch {
    return fail(io, usage);
  }
  if (!parsed.values.out) return fail(io, usage);
  const app = openApp({ dataDir: resolveDataDir(parsed.values['data-dir']) });
  try {
    if (!requireCounty(app, io)) return 1;
    const ctx = app.ctx();
    const out = resolve(parsed.values.out);
    mkdirSync(out, { recursive: true });
    const s = countySummary(ctx);
    const checks = countyCrossCheck(ctx);
    for (const f of [await countySummaryExport(ctx, { format: 'xlsx' }), await countySummaryExport(ctx, { format: 'pdf' }), await countyCrossCheckExport(ctx)]) {
      writeFileSync(join(out, f.fileName), Buffer.from(f.base64, 'base64'), { mode: 0o600 });
      io.stdout(`已写入：${join(out, f.fileName)}\n`);
    }
    io.stdout(`${s.countyName}：${s.rows.length} 个乡镇，在保 ${s.total.households} 户 ${s.total.persons} 人，月保障金 ${s.total.monthlyTotal.toFixed(2)} 元；本轮批准 ${s.total.approvals} 户，不予批准 ${s.total.refusals} 户，退出 ${s.total.exits} 户，超时限 ${s.total.overdue} 件\n`);
    io.stdout(`交叉比对：${Object.entries(checks.counts).map(([k, n]) => `${CROSS_CHECK_LABELS[k as keyof typeof CROSS_CHECK_LABELS]} ${n} 条`).join('，')}\n`);
    return 0;
  } finally {
    app.close();
  }
}

/** seed-county-demo --data-dir D [--no-receive]: two demo townships, a round and a package each, received by the county. */
export async function runSeedCountyDemo(args: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { 'data-dir': { type: 'string' }, 'no-receive': { type: 'boolean' } } });
  } catch {
    return fail(io, '用法：seed-county-demo --data-dir D [--no-receive]');
  }
  const dir = resolveDataDir(parsed.values['data-dir']);
  try {
    const r = await seedCountyDemo(dir, { receive: !parsed.values['no-receive'] });
    io.stdout(`已建立演示县：${DEMO_COUNTY_NAME}，数据目录：${dir}\n`);
    for (const t of r.townships) io.stdout(`  ${t.name}：在保 ${t.households} 户 ${t.persons} 人，备案包 ${t.package}\n    签名密钥指纹 ${groupFingerprint(t.fingerprint)}\n`);
    io.stdout(`  预置的重复享受：${r.duplicate.name}（两乡镇同时在保）\n`);
    io.stdout(r.received ? '  两个备案包均已接收：请看「县级汇总」和「交叉比对」\n' : '  备案包在数据目录的 inbox 文件夹中，请在「接收备案包」页接收\n');
    io.stdout(`演示账户（密码均为 ${DEMO_PASSWORD}）：admin 管理员，clerk 县局经办，leader 分管领导\n`);
    return 0;
  } catch (err) {
    if (err instanceof AppError) return fail(io, err.message, 1);
    throw err;
  }
}
