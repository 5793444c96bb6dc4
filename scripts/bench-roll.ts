// `npm run bench -- roll [HOUSEHOLDS]`: an existing roll of HOUSEHOLDS households (default 10,000; head + spouse, one
// in three with a child) in a fresh office: preview, then commit, each through the service with its own file read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { luhnCheckDigit } from '../src/domain/bank-account';
import { computeCheckChar } from '../src/domain/id-number';
import { ROLL_FIELDS, ROLL_FIELD_LABELS, guessRollMapping } from '../src/domain/roll-import';
import { openApp } from '../src/services/app';
import { forgetLastRoll, rollCommit, rollPreview } from '../src/services/roll-import';

const HOUSEHOLDS = Number(process.argv[3] ?? process.env.BENCH_HOUSEHOLDS ?? 10_000);
const VILLAGES = 40;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰';

let seq = 0;
const idOf = (year: number) => {
  const n = seq++;
  // Birth day varies with n so that the numbers stay unique across the roll.
  const day = `${String(1 + (Math.floor(n / 1000) % 12)).padStart(2, '0')}${String(1 + (Math.floor(n / 12_000) % 28)).padStart(2, '0')}`;
  const body = `990101${year}${day}${String(n % 1000).padStart(3, '0')}`;
  return body + computeCheckChar(body);
};

export async function benchRoll(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(ROLL_FIELDS.map((f) => ROLL_FIELD_LABELS[f]));
  let rows = 0;
  for (let h = 0; h < HOUSEHOLDS; h++) {
    const village = `第${Math.floor(h / 250) % VILLAGES}村`;
    const head = `${SURNAMES[h % 20]}${GIVEN[Math.floor(h / 20) % 20]}${GIVEN[Math.floor(h / 400) % 20]}`;
    const card = `629999${String(h).padStart(12, '0')}`;
    const year = 1940 + (h % 50);
    ws.addRow([village, head, head, idOf(year), '户主', '困难', 'A', '620', '2021-03', '清河农商银行', card + luhnCheckDigit(card), '', `${village}${h}号`]);
    ws.addRow([village, head, `${SURNAMES[(h + 7) % 20]}${GIVEN[h % 20]}`, idOf(year + 2), '配偶', '', 'B', '310', '', '', '', '', '']);
    rows += 2;
    if (h % 3 === 0) {
      ws.addRow([village, head, `${head.slice(0, 1)}小${GIVEN[(h + 3) % 20]}`, idOf(2010 + (h % 10)), '子女', '', 'C', '200', '', '', '', '', '']);
      rows++;
    }
  }
  const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  const dir = mkdtempSync(join(tmpdir(), 'dibao-bench-roll-'));
  const app = openApp({ dataDir: dir });
  try {
    const ctx = app.ctx();
    const input = { fileName: 'bench.xlsx', base64, sheetName: null, mapping: guessRollMapping(ROLL_FIELDS.map((f) => ROLL_FIELD_LABELS[f])) };
    let t = performance.now();
    const p = await rollPreview(ctx, input);
    const previewMs = performance.now() - t;
    if (p.errorCount) throw new Error(`bench roll has ${p.errorCount} bad rows: ${JSON.stringify(p.rows.find((r) => r.status === 'error'))}`);
    forgetLastRoll();
    t = performance.now();
    const r = await rollCommit(ctx, input);
    const commitMs = performance.now() - t;
    console.log(`存量花名册 ${HOUSEHOLDS} 户 ${rows} 行：预览 ${(previewMs / 1000).toFixed(2)} s，导入 ${(commitMs / 1000).toFixed(2)} s（${r.import.households} 户 ${r.import.persons} 人）`);
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
