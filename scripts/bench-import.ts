// Benchmark of the 摸排 import: `npm run bench -- import` (BENCH_ROWS, default 50,000).
// A 残联 list (.xlsx made with exceljs) of BENCH_ROWS rows against an office of as many persons: 96% of the
// rows name registered persons (their disability is recorded: one update and one audit row each), the rest are
// not registered. Times the preview and the commit through the service functions (targets: each under 10 s).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { computeCheckChar } from '../src/domain/id-number';
import { nameKeys } from '../src/domain/name-keys';
import { openApp } from '../src/services/app';
import { forgetLastSheet, screeningCommit, screeningPreview, screeningUpload } from '../src/services/screening';
import { insertHousehold, setHead } from '../src/store/households';
import { insertPerson, type PersonWrite } from '../src/store/persons';
import { insertVillage } from '../src/store/villages';

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const VILLAGES = 20;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰';
const TYPES = ['肢体', '视力', '听力', '言语', '智力', '精神', '多重'];
const LEVELS = ['一级', '二级', '三级', '四级'];

const idOf = (i: number) => {
  const first17 = `9901${String(10 + (i % 80)).padStart(2, '0')}19${String(30 + (i % 70)).padStart(2, '0')}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(Math.floor(i / 80) % 1000).padStart(3, '0')}`;
  return first17 + computeCheckChar(first17);
};

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function benchImport(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dibao-bench-import-'));
  const app = openApp({ dataDir: dir });
  try {
    const at = new Date().toISOString();
    const t0 = performance.now();
    const ids: string[] = [];
    const names: string[] = [];
    const villageNames = Array.from({ length: VILLAGES }, (_, i) => `第${i + 1}村`);
    app.db.transaction(() => {
      const villages = villageNames.map((name, i) => insertVillage(app.db, { name, code: String(100 + i), kind: 'village', groups: [] }, at));
      const seen = new Set<string>();
      for (let i = 0, p = 0; p < ROWS; i++) {
        const id = idOf(i);
        if (seen.has(id)) continue;
        seen.add(id);
        const name = SURNAMES[p % SURNAMES.length]! + GIVEN[Math.floor(p / 20) % GIVEN.length]! + GIVEN[p % 7]!;
        const keys = nameKeys(name);
        const hh = insertHousehold(app.db, { villageId: villages[p % VILLAGES]!, groupName: null, address: `${p}号`, phone: null, note: null }, at);
        const w: PersonWrite = {
          name, idNumber: id, sex: Number(id[16]) % 2 ? 'male' : 'female', birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
          relation: '户主', monthlyIncome: 0, disabilityType: null, disabilityLevel: null, seriousIllness: false, severeDisabilityNoSelfCare: false,
          mentalHospitalized: false, laborCapacity: 'full', threeNo: false, hiv: false, collegeStudent: false, priorityCare: false,
          note: null, initials: keys.initials, pinyin: keys.pinyin,
        };
        setHead(app.db, hh, insertPerson(app.db, hh, w, at), at);
        ids.push(id);
        names.push(name);
        p++;
      }
    })();
    app.db.exec('ANALYZE');
    console.log(`登记 ${ROWS.toLocaleString()} 人用时 ${secs(performance.now() - t0)}`);

    // The list: most rows name registered persons; every 25th row is someone not registered.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('残疾人名单');
    ws.addRow(['2026年持证残疾人名单']);
    ws.addRow(['序号', '姓名', '身份证号', '所在村', '残疾类别', '残疾等级']);
    const seen = new Set(ids);
    let extra = ROWS * 10;
    for (let r = 0; r < ROWS; r++) {
      let id = ids[r]!;
      if (r % 25 === 24) {
        do id = idOf(extra++);
        while (seen.has(id));
        seen.add(id);
      }
      ws.addRow([r + 1, names[r], id, villageNames[r % VILLAGES], TYPES[r % TYPES.length], LEVELS[r % LEVELS.length]]);
    }
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    console.log(`名单文件 ${ROWS.toLocaleString()} 行，${(bytes.length / 1024 / 1024).toFixed(1)} MB`);

    const ctx = app.ctx({ id: null, name: '基准测试', role: 'clerk', villageId: null });
    const file = { source: 'disability' as const, fileName: '残联名单.xlsx', base64: bytes.toString('base64') };
    const t1 = performance.now();
    const up = await screeningUpload(ctx, file);
    const tUpload = performance.now() - t1;
    const mapping = { idNumber: null, name: null, village: null, flag: null, diagnosis: null, diagnosisDate: null, disabilityType: null, disabilityLevel: null, ...up.mapping };

    // Preview and commit each read the file themselves (the one-file cache is cleared first), as after a restart.
    forgetLastSheet();
    const t2 = performance.now();
    const preview = await screeningPreview(ctx, { ...file, mapping, addUnknown: false });
    const tPreview = performance.now() - t2;
    forgetLastSheet();
    const t3 = performance.now();
    const result = await screeningCommit(ctx, { ...file, mapping, addUnknown: false });
    const tCommit = performance.now() - t3;
    console.log(`上传并识别表头（读取文件）  ${secs(tUpload)}`);
    console.log(`预览检查  ${secs(tPreview)}  （${preview.rowCount} 行：匹配 ${preview.matched}，未登记 ${preview.unregistered}，错误 ${preview.errorCount}；目标 < 10 s）`);
    console.log(`导入提交  ${secs(tCommit)}  （批次 ${result.batch.id}：记录 ${result.batch.flaggedCount} 人，更新残疾信息 ${result.batch.updatedPersons} 人；目标 < 10 s）`);
    if (preview.errorCount > 0 || result.alreadyImported) throw new Error('基准数据不应有错误');
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
