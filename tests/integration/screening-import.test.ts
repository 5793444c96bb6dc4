import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, BatchDiff, Household, ImportPreview, ImportResult, Page, UploadInfo } from '../../src/contract';
import { guessMapping } from '../../src/domain/screening';
import { ok } from '../helpers/temp-app';
import { ID, cadreOf, clerk, leader, listXlsx, rowCount, screeningWorld, type World } from '../helpers/screening-world';

let w: World;
beforeEach(async () => {
  w = await screeningWorld();
});
afterEach(() => w.app.dispose());

const POVERTY_HEADERS = ['序号', '户主姓名', '姓名', '公民身份号码', '村委会', '村民小组', '户类型'];
const povertyMapping = { idNumber: 3, name: 2, village: 4, flag: 6, riskType: null, riskEliminated: null };
const file = (base64: string, fileName = '扶贫名单.xlsx') => ({ source: 'poverty' as const, fileName, base64 });

describe('column mapping', () => {
  it('guesses columns from the header texts of each department', async () => {
    expect(guessMapping(POVERTY_HEADERS, 'poverty')).toEqual(povertyMapping);
    expect(guessMapping(['姓名', '身份证号', '所在村', '残疾类别', '残疾等级'], 'disability')).toEqual({
      idNumber: 1,
      disabilityCard: null,
      name: 0,
      village: 2,
      disabilityType: 3,
      disabilityLevel: 4,
    });
    expect(guessMapping(['患者姓名', '证件号码', '村（社区）', '病种', '认定日期'], 'medical')).toEqual({
      idNumber: 1,
      name: 0,
      village: 2,
      diagnosis: 3,
      diagnosisDate: 4,
      totalCost: null,
      selfPaid: null,
    });
    // The upload finds the header row under a title row and proposes the same mapping.
    const base64 = await listXlsx(POVERTY_HEADERS, [[1, '张建国', '张建国', ID.zhang, '东山村', '第一村民小组', '未脱贫户']]);
    const up = ok<UploadInfo>(await w.app.call('screening-upload', file(base64), clerk));
    expect(up).toMatchObject({ headerRowNumber: 2, rowCount: 1, mapping: povertyMapping, existingBatch: null });
    expect(up.sampleRows[0]).toContain(ID.zhang);
  });

  it('refuses a mapping without the columns the source needs', async () => {
    const base64 = await listXlsx(POVERTY_HEADERS, [[1, '张建国', '张建国', ID.zhang, '东山村', '', '未脱贫户']]);
    const r = await w.app.call('screening-preview', { ...file(base64), mapping: { idNumber: 3 } }, clerk);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'mapping.flag', message: '请指定「类别」列' }] } });
  });
});

describe('preview and commit', () => {
  it('reports bad rows with row and column, and a commit with errors writes nothing', async () => {
    const badChecksum = `${ID.li.slice(0, 17)}${ID.li[17] === '0' ? '1' : '0'}`;
    const base64 = await listXlsx(POVERTY_HEADERS, [
      [1, '张建国', '张建国', ID.zhang, '东山村', '', '未脱贫户'],
      [2, '李秀英', '李秀英', badChecksum, '东山村', '', '已脱贫A类户'],
      [3, '孙小龙', '孙小龙', ID.stranger, '北坡村', '', '重点关注户'],
      [4, '张建国', '张建国', ID.zhang, '东山村', '', '未脱贫户'],
      [5, '王德明', '王德明', ID.wang, '东山村', '', '贫困户'],
      [6, '赵春花', '赵春花', ID.zhao.slice(0, 6) + ID.zhao.slice(8, 17), '东山村', '', '已脱贫A类户'],
    ]);
    const p = ok<ImportPreview>(await w.app.call('screening-preview', { ...file(base64), mapping: povertyMapping, addUnknown: true }, clerk));
    expect(p).toMatchObject({ rowCount: 6, errorCount: 4, warningCount: 1, okCount: 1, matched: 2 });
    const row = (n: number) => p.rows.find((r) => r.rowNumber === n)!;
    expect(row(3)).toMatchObject({ status: 'ok', outcome: 'matched', household: '东山村 张建国户', value: '未脱贫户' });
    expect(row(4).problems).toEqual([{ level: 'error', field: 'idNumber', column: 'D', message: `身份证号码「${badChecksum}」校验码错误` }]);
    expect(row(5).problems).toContainEqual({ level: 'error', field: 'village', column: 'E', message: '村（社区）「北坡村」不存在，不能新建家庭；请先登记该村（社区）或改正名单' });
    expect(row(6).problems).toEqual([{ level: 'error', field: 'idNumber', column: 'D', message: '与第3行的身份证号码重复' }]);
    expect(row(7).problems[0]).toMatchObject({ level: 'error', field: 'flag', column: 'G', message: expect.stringContaining('类别「贫困户」无法识别') });
    // 15 digits: converted, with a warning; not an error.
    expect(row(8)).toMatchObject({ status: 'warning', outcome: 'matched', idNumber: ID.zhao });
    expect(row(8).problems[0]!.message).toContain('15位旧身份证号码已转换为18位');

    const before = ['screening_batches', 'screening_flags', 'households', 'persons', 'audit_log'].map((t) => rowCount(w, t));
    const commit = await w.app.call('screening-commit', { ...file(base64), mapping: povertyMapping, addUnknown: true }, clerk);
    expect(commit).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('名单中有 4 行错误（如第4行 D列') } });
    expect(!commit.ok && commit.error.message).toContain('未导入任何数据');
    expect(['screening_batches', 'screening_flags', 'households', 'persons', 'audit_log'].map((t) => rowCount(w, t))).toEqual(before);
  });

  it('commits a clean list as one batch; the same file again changes nothing', async () => {
    const base64 = await listXlsx(POVERTY_HEADERS, [
      [1, '张建国', '张建国', ID.zhang, '东山村', '', '未脱贫户'],
      [2, '李秀英', '李秀英', ID.li, '东山村', '', '已脱贫A类户'],
      [3, '王德明', '王德明', ID.wang, '东山村村委会', '', '非建档立卡重点关注户'],
      [4, '陈志强', '陈志强', ID.west, '西岭村', '', '已脱贫B类户'],
    ]);
    const r = ok<ImportResult>(await w.app.call('screening-commit', { ...file(base64), mapping: povertyMapping }, clerk));
    expect(r.alreadyImported).toBe(false);
    expect(r.batch).toMatchObject({ source: 'poverty', fileName: '扶贫名单.xlsx', importedBy: '民政所经办员', rowCount: 4, flaggedCount: 3, skippedCount: 1, matchedCount: 3 });
    expect(r.batch.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.batch.mapping).toEqual(povertyMapping);
    expect(rowCount(w, 'screening_flags')).toBe(3);

    const counts = ['screening_batches', 'screening_flags', 'households', 'persons', 'audit_log'].map((t) => rowCount(w, t));
    const up = ok<UploadInfo>(await w.app.call('screening-upload', file(base64, '改了名字.xlsx'), clerk));
    expect(up.existingBatch?.id).toBe(r.batch.id);
    const again = ok<ImportResult>(await w.app.call('screening-commit', { ...file(base64, '改了名字.xlsx'), mapping: povertyMapping }, clerk));
    expect(again).toEqual({ batch: r.batch, alreadyImported: true });
    expect(['screening_batches', 'screening_flags', 'households', 'persons', 'audit_log'].map((t) => rowCount(w, t))).toEqual(counts);
  });

  it('a newer list of the same source shows who is new, changed or gone', async () => {
    const first = await listXlsx(POVERTY_HEADERS, [
      [1, '张建国', '张建国', ID.zhang, '东山村', '', '未脱贫户'],
      [2, '李秀英', '李秀英', ID.li, '东山村', '', '已脱贫A类户'],
      [3, '王德明', '王德明', ID.wang, '东山村', '', '重点关注户'],
    ]);
    ok(await w.app.call('screening-commit', { ...file(first, '3月名单.xlsx'), mapping: povertyMapping }, clerk));
    const second = await listXlsx(POVERTY_HEADERS, [
      [1, '张建国', '张建国', ID.zhang, '东山村', '', '已脱贫A类户'],
      [2, '李秀英', '李秀英', ID.li, '东山村', '', '已脱贫A类户'],
      [3, '赵春花', '赵春花', ID.zhao, '东山村', '', '未脱贫户'],
    ]);
    const p = ok<ImportPreview>(await w.app.call('screening-preview', { ...file(second, '4月名单.xlsx'), mapping: povertyMapping }, clerk));
    expect(p.diff).toMatchObject({ new: 1, changed: 1, gone: 1, previousBatch: { fileName: '3月名单.xlsx' } });
    const r = ok<ImportResult>(await w.app.call('screening-commit', { ...file(second, '4月名单.xlsx'), mapping: povertyMapping }, clerk));
    expect(r.batch.diff).toMatchObject({ new: 1, changed: 1, gone: 1 });
    const d = ok<BatchDiff>(await w.app.call('screening-batch-diff', { batchId: r.batch.id }, clerk));
    expect(d.previous?.fileName).toBe('3月名单.xlsx');
    expect(d.rows).toEqual([
      { change: 'new', idNumber: `${ID.zhao.slice(0, 3)}${'*'.repeat(11)}${ID.zhao.slice(-4)}`, name: '赵春花', village: '东山村', before: null, after: '未脱贫户' },
      { change: 'changed', idNumber: expect.stringMatching(/^990\*+/), name: '张建国', village: '东山村', before: '未脱贫户', after: '已脱贫A类户' },
      { change: 'gone', idNumber: expect.stringMatching(/^990\*+/), name: '王德明', village: '东山村', before: '重点关注户', after: null },
    ]);
    // Current flags are the latest batch's: 王德明 is no longer a focus household.
    const focus = ok<{ households: { headName: string; flags: { label: string }[] }[] }>(await w.app.call('screening-focus-list', { villageId: w.east.id }, clerk));
    expect(focus.households.filter((h) => h.flags.length).map((h) => [h.headName, h.flags.map((f) => f.label)])).toEqual([
      ['张建国', ['已脱贫A类户']],
      ['李秀英', ['已脱贫A类户']],
      ['赵春花', ['未脱贫户']],
    ]);
  });

  it('adds unknown persons as new households when asked (village, name and a valid ID needed)', async () => {
    const base64 = await listXlsx(POVERTY_HEADERS, [
      [1, '孙小龙', '孙小龙', ID.stranger, '西岭', '', '未脱贫户'],
      [2, '周丽娟', '周丽娟', ID.stranger2, '东山村', '', '重点关注户'],
    ]);
    const without = ok<ImportPreview>(await w.app.call('screening-preview', { ...file(base64), mapping: povertyMapping }, clerk));
    expect(without).toMatchObject({ errorCount: 0, warningCount: 2, unregistered: 2, newHouseholds: 0 });
    expect(without.rows[0]!.problems[0]!.message).toContain('未在家庭档案中登记');

    const households = rowCount(w, 'households');
    const p = ok<ImportPreview>(await w.app.call('screening-preview', { ...file(base64), mapping: povertyMapping, addUnknown: true }, clerk));
    expect(p).toMatchObject({ errorCount: 0, newHouseholds: 2 });
    expect(p.rows[0]!.household).toBe('新建：西岭村 孙小龙户');
    const r = ok<ImportResult>(await w.app.call('screening-commit', { ...file(base64), mapping: povertyMapping, addUnknown: true }, clerk));
    expect(r.batch.newHouseholds).toBe(2);
    expect(rowCount(w, 'households')).toBe(households + 2);
    const found = w.app.db.prepare('SELECT household_id AS id FROM persons WHERE id_number = ?').get(ID.stranger) as { id: number };
    const h = ok<Household>(await w.app.call('household-get', { id: found.id }, clerk));
    expect(h).toMatchObject({ villageName: '西岭村', address: '西岭村', headName: '孙小龙', size: 1 });
    expect(h.members[0]).toMatchObject({ relation: '户主', sex: 'male', birthDate: '1990-07-07' });
    expect(h.note).toContain('扶贫部门名单');
  });

  it('a disability list updates the person (audited with before and after) and flags severe disability only', async () => {
    const headers = ['姓名', '身份证号', '所在村', '残疾类别', '残疾等级'];
    const base64 = await listXlsx(headers, [
      ['张建国', ID.zhang, '东山村', '肢体', '二级'],
      ['李秀英', ID.li, '东山村', '精神残疾', '3'],
      ['王德明', ID.wang, '东山村', '听力', '四级'],
      ['赵春花', ID.zhao, '东山村', '视力', '五级'],
    ]);
    const input = { source: 'disability' as const, fileName: '残联名单.xlsx', base64, mapping: { idNumber: 1, name: 0, village: 2, disabilityType: 3, disabilityLevel: 4 } };
    const p = ok<ImportPreview>(await w.app.call('screening-preview', input, clerk));
    expect(p.rows[3]!.problems).toEqual([{ level: 'error', field: 'disabilityLevel', column: 'E', message: '残疾等级「五级」无效（应为一级至四级）' }]);
    const fixed = await listXlsx(headers, [
      ['张建国', ID.zhang, '东山村', '肢体', '二级'],
      ['李秀英', ID.li, '东山村', '精神残疾', '3'],
      ['王德明', ID.wang, '东山村', '听力', '四级'],
    ]);
    const r = ok<ImportResult>(await w.app.call('screening-commit', { ...input, base64: fixed }, clerk));
    expect(r.batch).toMatchObject({ updatedPersons: 3, flaggedCount: 3 });
    const zhang = ok<Household>(await w.app.call('household-get', { id: w.households.zhang.id }, clerk));
    expect(zhang.members[0]).toMatchObject({ disabilityType: 'physical', disabilityLevel: 2 });
    const trail = ok<Page<AuditEntry>>(await w.app.call('audit-list', { entityType: 'household', entityId: w.households.zhang.id }, clerk));
    expect(trail.items[0]).toMatchObject({
      command: 'screening-commit',
      before: { name: '张建国', disabilityType: null, disabilityLevel: null },
      after: { name: '张建国', disabilityType: 'physical', disabilityLevel: 2, source: '残联' },
    });
    // 肢体二级 and 精神三级 are 重残 (spec §8); 听力四级 is recorded but is not a focus.
    const focus = ok<{ households: { headName: string; flags: { label: string; detail: string | null }[] }[] }>(
      await w.app.call('screening-focus-list', { villageId: w.east.id }, clerk),
    );
    expect(focus.households.filter((h) => h.flags.length).map((h) => [h.headName, h.flags[0]!.detail])).toEqual([
      ['张建国', '肢体残疾二级'],
      ['李秀英', '精神残疾三级'],
    ]);
  });

  it('reads medical lists with dates, and warns about illness before 2019', async () => {
    const base64 = await listXlsx(
      ['患者姓名', '证件号码', '村（社区）', '病种', '认定日期'],
      [
        ['张建国', ID.zhang, '东山村', '尿毒症', new Date(Date.UTC(2020, 2, 1))],
        ['李秀英', ID.li, '东山村', '恶性肿瘤', '2018/6/1'],
        ['王德明', ID.wang, '东山村', '白血病', '2020年13月1日'],
      ],
    );
    const input = { source: 'medical' as const, fileName: '医保重病.xlsx', base64, mapping: { idNumber: 1, name: 0, village: 2, diagnosis: 3, diagnosisDate: 4 } };
    const p = ok<ImportPreview>(await w.app.call('screening-preview', input, clerk));
    expect(p.rows.map((r) => [r.status, r.outcome, r.value])).toEqual([
      ['ok', 'matched', '尿毒症（2020-03-01认定）'],
      ['warning', 'skipped', '恶性肿瘤（2018-06-01认定）'],
      ['error', 'error', '白血病'],
    ]);
    expect(p.rows[2]!.problems[0]).toMatchObject({ column: 'E', message: '日期「2020年13月1日」无法识别（如 2020-03-05）' });
  });

  it('refuses an ID number Excel stored as a number, and a file that is not a workbook', async () => {
    const base64 = await listXlsx(POVERTY_HEADERS, [[1, '张建国', '张建国', Number(ID.zhang), '东山村', '', '未脱贫户']]);
    const p = ok<ImportPreview>(await w.app.call('screening-preview', { ...file(base64), mapping: povertyMapping }, clerk));
    expect(p.rows[0]!.problems[0]!.message).toContain('被 Excel 存成了数字');
    const bad = await w.app.call('screening-upload', file(Buffer.from('姓名,身份证号\n').toString('base64'), 'x.csv'), clerk);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('不是 Excel 工作簿') } });
  });
});

describe('roles', () => {
  it('imports are for the township office (经办, 管理员) only', async () => {
    const base64 = await listXlsx(POVERTY_HEADERS, [[1, '张建国', '张建国', ID.zhang, '东山村', '', '未脱贫户']]);
    for (const actor of [cadreOf(w.east.id), leader]) {
      expect(await w.app.call('screening-upload', file(base64), actor)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await w.app.call('screening-commit', { ...file(base64), mapping: povertyMapping }, actor)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(rowCount(w, 'screening_batches')).toBe(0);
  });
});
