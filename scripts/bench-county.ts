// `npm run bench -- county [TOWNSHIPS]`: a county of 30 townships and about 90,000 covered persons (BENCH_PERSONS).
// Each township is a real office made by the township side of the program: its existing roll (存量花名册, ~1,290
// households, head + spouse, a child in every third) imported through the roll import service, then its filing
// package written by the township's own export (signed, with county.json). Neighbouring townships share one
// person (a duplicate for the cross-check). The packages are cached under /tmp/dibao-bench-county-v1 (delete it to
// make them again). Then a fresh county office receives every package (target < 5 s each), and the summary and all
// cross-checks are timed after the last import (target < 2 s).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { luhnCheckDigit } from '../src/domain/bank-account';
import { computeCheckChar } from '../src/domain/id-number';
import { ROLL_FIELDS, ROLL_FIELD_LABELS, guessRollMapping } from '../src/domain/roll-import';
import { openApp } from '../src/services/app';
import { countyCrossCheck } from '../src/services/county/cross-check';
import { countyPackageReceive } from '../src/services/county/receive';
import { ensureCountyOffice } from '../src/services/county/setup';
import { countySummary } from '../src/services/county/summary';
import { filingExport } from '../src/services/filing';
import { forgetLastRoll, rollCommit } from '../src/services/roll-import';
import { standingCampaign } from '../src/services/roster';
import { updateOfficeSettings } from '../src/services/settings';
import { listVillages } from '../src/store/villages';

const TOWNSHIPS = Number(process.argv[3] ?? process.env.BENCH_TOWNSHIPS ?? 30);
const PERSONS = Number(process.env.BENCH_PERSONS ?? 90_000);
const CACHE = join(tmpdir(), 'dibao-bench-county-v1');
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰';
const VILLAGES = 12;

/** Households per township so that head + spouse + a child in every third come to PERSONS / TOWNSHIPS. */
const householdsFor = (persons: number) => Math.round((persons * 3) / 7);

function idMaker(division: string) {
  let seq = 0;
  return (year: number) => {
    const n = seq++;
    const day = `${String(1 + (Math.floor(n / 1000) % 12)).padStart(2, '0')}${String(1 + (Math.floor(n / 12_000) % 28)).padStart(2, '0')}`;
    const body = `${division}${year}${day}${String(n % 1000).padStart(3, '0')}`;
    return body + computeCheckChar(body);
  };
}

/** The first head's ID number of township k (shared with township k + 1 as the planted duplicate). */
const firstHeadOf = (k: number) => idMaker(`99${String(k).padStart(2, '0')}01`)(1940);

async function rollOf(k: number, households: number): Promise<{ base64: string; persons: number }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(ROLL_FIELDS.map((f) => ROLL_FIELD_LABELS[f]));
  const idOf = idMaker(`99${String(k).padStart(2, '0')}01`);
  let persons = 0;
  for (let h = 0; h < households; h++) {
    const village = `第${(h % VILLAGES) + 1}村`;
    const head = `${SURNAMES[h % 20]}${GIVEN[Math.floor(h / 20) % 20]}${GIVEN[Math.floor(h / 400) % 20]}`;
    const card = `629999${String(k).padStart(2, '0')}${String(h).padStart(10, '0')}`;
    const year = 1940 + (h % 50);
    ws.addRow([village, head, head, idOf(year), '户主', '困难', 'A', '620', '2021-03', '农商银行', card + luhnCheckDigit(card), '', `${village}${h}号`]);
    // The planted duplicate: the previous township's first head is this township's last spouse.
    const spouse = k > 1 && h === households - 1 ? firstHeadOf(k - 1) : idOf(year + 2);
    ws.addRow([village, head, `${SURNAMES[(h + 7) % 20]}${GIVEN[h % 20]}`, spouse, '配偶', '', 'B', '310', '', '', '', '', '']);
    persons += 2;
    if (h % 3 === 0) {
      ws.addRow([village, head, `${head.slice(0, 1)}小${GIVEN[(h + 3) % 20]}`, idOf(2010 + (h % 10)), '子女', '', 'C', '200', '', '', '', '', '']);
      persons++;
    }
  }
  return { base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), persons };
}

/** One township office: roll imported, package exported into the cache. */
async function makeTownship(k: number, households: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dibao-bench-township-'));
  const app = openApp({ dataDir: dir });
  try {
    const ctx = app.ctx();
    updateOfficeSettings(ctx, {
      townshipName: `第${k}镇人民政府`,
      divisionCode: `99${String(k).padStart(2, '0')}01100`,
      officeName: `第${k}镇民政所`,
      officePhone: '0550-1234567',
      countyCentrePhone: '0550-7654321',
      townshipPhone: '0550-1234500',
      countyGovernmentName: '规模县人民政府',
      countyGovernmentPhone: '0550-7650000',
      countyBureauName: '规模县民政局',
      countyBureauPhone: '0550-7654000',
      idleLockMinutes: 15,
    });
    const roll = await rollOf(k, households);
    const t0 = performance.now();
    forgetLastRoll();
    await rollCommit(ctx, { fileName: `第${k}镇花名册.xlsx`, base64: roll.base64, sheetName: null, mapping: guessRollMapping(ROLL_FIELDS.map((f) => ROLL_FIELD_LABELS[f])) });
    const t1 = performance.now();
    const campaignId = standingCampaign(ctx, listVillages(ctx.db)[0]!.id);
    const out = join(CACHE, String(k).padStart(2, '0'));
    mkdirSync(out, { recursive: true });
    await filingExport(ctx, { campaignId, villageIds: null, from: null, to: null, destination: out });
    console.log(`  第${k}镇：${households} 户 ${roll.persons} 人，花名册导入 ${((t1 - t0) / 1000).toFixed(1)} s，备案包 ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const zipOf = (k: number): string | null => {
  const dir = join(CACHE, String(k).padStart(2, '0'));
  if (!existsSync(dir)) return null;
  const zip = readdirSync(dir).find((f) => f.endsWith('.zip'));
  return zip ? join(dir, zip) : null;
};

export async function benchCounty(): Promise<void> {
  const households = householdsFor(PERSONS / TOWNSHIPS);
  const missing = Array.from({ length: TOWNSHIPS }, (_, i) => i + 1).filter((k) => !zipOf(k));
  if (missing.length) {
    console.log(`生成 ${missing.length} 个乡镇的备案包（缓存于 ${CACHE}）：`);
    for (const k of missing) await makeTownship(k, households);
  } else console.log(`使用缓存的备案包：${CACHE}`);

  const dir = mkdtempSync(join(tmpdir(), 'dibao-bench-county-'));
  const app = openApp({ dataDir: dir });
  try {
    const ctx = app.ctx();
    ensureCountyOffice(ctx, '基准测试县民政局');
    const times: number[] = [];
    let persons = 0;
    for (let k = 1; k <= TOWNSHIPS; k++) {
      const path = zipOf(k)!;
      const t = performance.now();
      const { verifyPackage } = await import('../src/exchange/package-verify');
      const fingerprint = (await verifyPackage(path)).signature.fingerprint!;
      const r = await countyPackageReceive(ctx, { path, confirmFingerprint: fingerprint });
      times.push(performance.now() - t);
      persons += r.counts?.persons ?? 0;
    }
    const worst = Math.max(...times);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    console.log(`接收 ${TOWNSHIPS} 个备案包（共 ${persons} 人）：每包平均 ${(mean / 1000).toFixed(2)} s，最慢 ${(worst / 1000).toFixed(2)} s（目标 < 5 s）`);
    let t = performance.now();
    const s = countySummary(ctx);
    const summaryMs = performance.now() - t;
    t = performance.now();
    const c = countyCrossCheck(ctx);
    const checkMs = performance.now() - t;
    console.log(`县级汇总 ${(summaryMs / 1000).toFixed(2)} s（${s.rows.length} 个乡镇，在保 ${s.total.households} 户 ${s.total.persons} 人，月保障金 ${s.total.monthlyTotal.toFixed(2)} 元）`);
    console.log(`交叉比对 ${(checkMs / 1000).toFixed(2)} s：${JSON.stringify(c.counts)}；合计 ${((summaryMs + checkMs) / 1000).toFixed(2)} s（目标 < 2 s）`);
    if (worst > 5000 || summaryMs + checkMs > 2000) process.exitCode = 1;
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
