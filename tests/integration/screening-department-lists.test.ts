// Issue 18: department lists as they arrive today — 防止返贫监测对象 categories (a dated office setting), the 20-digit
// 残疾人证号, and the 医保 list's self-paid amount proposed as M. Each list is made by our own generator in the
// shape departments send: a merged title row, headers below it, ID columns stored as text.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Evaluation, FocusList, Household, ImportPreview, ImportResult, MedicalProposal, Page, PovertyCategorySetView, UploadInfo } from '../../src/contract';
import { DEFAULT_POVERTY_CATEGORIES, fullMapping, parseDisabilityCard } from '../../src/domain/screening';
import { ok } from '../helpers/temp-app';
import { ID, cadreOf, cardOf, clerk, departmentListXlsx, leader, rowCount, screeningWorld, type World } from '../helpers/screening-world';

let w: World;
beforeEach(async () => {
  w = await screeningWorld();
});
afterEach(() => w.app.dispose());

const TABLES = ['screening_batches', 'screening_flags', 'households', 'persons', 'audit_log'];
const counts = () => TABLES.map((t) => rowCount(w, t));

/** Upload, then preview and commit with the guessed mapping, exactly as a clerk who accepts every guess. */
async function withGuess(source: 'poverty' | 'medical' | 'disability', fileName: string, base64: string) {
  const up = ok<UploadInfo>(await w.app.call('screening-upload', { source, fileName, base64 }, clerk));
  const input = { source, fileName, base64, mapping: fullMapping(up.mapping) };
  return { up, input, preview: async () => ok<ImportPreview>(await w.app.call('screening-preview', input, clerk)) };
}

// ---------------------------------------------------------------- 乡村振兴: 防止返贫监测对象

const MONITOR_HEADERS = ['序号', '乡镇', '行政村', '户主姓名', '姓名', '与户主关系', '证件号码', '监测对象类别', '风险类型', '风险是否消除', '纳入监测时间'];

const monitorList = (rows: (string | null)[][]) =>
  departmentListXlsx({
    title: '防止返贫监测对象信息表',
    note: '填报单位：清河镇乡村振兴工作站　　填报日期：2026年3月1日',
    headers: MONITOR_HEADERS,
    rows: rows.map((r, i) => [String(i + 1), '清河镇', ...r]),
    textColumns: [6],
  });

describe('乡村振兴 lists of 防止返贫监测对象', () => {
  it('guesses the columns, takes the three categories as targets, and an eliminated risk as a warning', async () => {
    const base64 = await monitorList([
      ['东山村', '张建国', '张建国', '户主', ID.zhang, '脱贫不稳定户', '因病', '否', '2025-06-01'],
      ['东山村', '李秀英', '李秀英', '户主', ID.li, '边缘易致贫户', '因残', '否', '2025-07-01'],
      ['东山村', '王德明', '王德明', '户主', ID.wang, '突发严重困难户', '因灾', '是', '2024-08-01'],
      ['东山村', '赵春花', '赵春花', '户主', ID.zhao, '突发严重困难户', '因意外', '', '2026-01-10'],
    ]);
    const { up, preview, input } = await withGuess('poverty', '防返贫监测对象.xlsx', base64);
    expect(up).toMatchObject({ headerRowNumber: 3, rowCount: 4 });
    expect(up.mapping).toEqual({ idNumber: 6, name: 4, village: 2, flag: 7, riskType: 8, riskEliminated: 9 });

    const p = await preview();
    expect(p).toMatchObject({ errorCount: 0, matched: 3, skipped: 1, categorySet: { effectiveFrom: '2020-01-01', inForce: true } });
    expect(p.rows.map((r) => [r.name, r.status, r.outcome, r.value])).toEqual([
      ['张建国', 'ok', 'matched', '防返贫监测对象：脱贫不稳定户（因病）'],
      ['李秀英', 'ok', 'matched', '防返贫监测对象：边缘易致贫户（因残）'],
      ['王德明', 'warning', 'skipped', '突发严重困难户'],
      ['赵春花', 'ok', 'matched', '防返贫监测对象：突发严重困难户（因意外）'],
    ]);
    expect(p.rows[2]!.problems).toEqual([{ level: 'warning', field: 'riskEliminated', column: 'J', message: '突发严重困难户：风险已消除，不列入重点排查对象，本行不计入' }]);

    const r = ok<ImportResult>(await w.app.call('screening-commit', input, clerk));
    expect(r.batch).toMatchObject({ rowCount: 4, flaggedCount: 3, skippedCount: 1 });
    const focus = ok<FocusList>(await w.app.call('screening-focus-list', { villageId: w.east.id }, clerk));
    expect(focus.households.filter((h) => h.flags.length).map((h) => [h.headName, h.flags.map((f) => `${f.label}：${f.detail}`)])).toEqual([
      ['张建国', ['防返贫监测对象：脱贫不稳定户（因病）']],
      ['李秀英', ['防返贫监测对象：边缘易致贫户（因残）']],
      ['赵春花', ['防返贫监测对象：突发严重困难户（因意外）']],
    ]);
  });

  it('an unreadable 风险是否消除 or an unknown category is a row problem, and nothing is written', async () => {
    const base64 = await monitorList([
      ['东山村', '张建国', '张建国', '户主', ID.zhang, '脱贫不稳定户', '因病', '不清楚', ''],
      ['东山村', '李秀英', '李秀英', '户主', ID.li, '低收入户', '', '', ''],
    ]);
    const { preview, input } = await withGuess('poverty', '监测.xlsx', base64);
    const p = await preview();
    expect(p.errorCount).toBe(2);
    expect(p.rows[0]!.problems).toEqual([{ level: 'error', field: 'riskEliminated', column: 'J', message: '风险是否消除「不清楚」无法识别（应为“是”或“否”）' }]);
    expect(p.rows[1]!.problems[0]).toMatchObject({ field: 'flag', column: 'H', message: expect.stringContaining('类别「低收入户」无法识别（2020-01-01起本镇设置的类别为：未脱贫户、') });
    const before = counts();
    expect(await w.app.call('screening-commit', input, clerk)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(counts()).toEqual(before);
  });

  it("the plan's 2020 values keep working in the same list shape", async () => {
    const base64 = await departmentListXlsx({
      title: '建档立卡贫困户名单',
      headers: ['序号', '户主姓名', '姓名', '公民身份号码', '村委会', '户类型'],
      rows: [
        ['1', '张建国', '张建国', ID.zhang, '东山村', '未脱贫户'],
        ['2', '李秀英', '李秀英', ID.li, '东山村', '已脱贫户（A类）'],
        ['3', '王德明', '王德明', ID.wang, '东山村', '非建档立卡重点关注户'],
        ['4', '赵春花', '赵春花', ID.zhao, '东山村', '已脱贫B类户'],
      ],
      textColumns: [3],
    });
    const { preview, input } = await withGuess('poverty', '2020名单.xlsx', base64);
    const p = await preview();
    expect(p.rows.map((r) => [r.outcome, r.value])).toEqual([
      ['matched', '未脱贫户'],
      ['matched', '已脱贫A类户'],
      ['matched', '重点关注户'],
      ['skipped', '已脱贫B类户'],
    ]);
    expect(ok<ImportResult>(await w.app.call('screening-commit', input, clerk)).batch).toMatchObject({ flaggedCount: 3, skippedCount: 1 });
  });
});

describe('the accepted categories: a dated, editable office setting', () => {
  it('starts with the defaults; a newer set takes effect on its date; earlier dates keep the older set', async () => {
    const start = ok<PovertyCategorySetView[]>(await w.app.call('screening-category-list', {}, clerk));
    expect(start).toEqual([{ ...DEFAULT_POVERTY_CATEGORIES, createdAt: expect.any(String), createdBy: '系统默认', inForce: true }]);

    // A county that drops the 2020 values and names a new category; from a date after today it is not in force yet.
    const county = {
      categories: [
        { name: '脱贫不稳定户', kind: 'monitored', aliases: [] },
        { name: '边缘易致贫户', kind: 'monitored', aliases: [] },
        { name: '突发严重困难户', kind: 'monitored', aliases: [] },
        { name: '易返贫致贫户', kind: 'monitored', aliases: ['易返贫致贫人口'] },
        { name: '已脱贫户', kind: 'not-target', aliases: [] },
      ],
    };
    const later = ok<PovertyCategorySetView[]>(await w.app.call('screening-category-save', { ...county, effectiveFrom: '2026-04-01' }, clerk));
    expect(later.map((s) => [s.effectiveFrom, s.inForce, s.createdBy])).toEqual([
      ['2026-04-01', false, '民政所经办员'],
      ['2020-01-01', true, '系统默认'],
    ]);
    const rows = [
      ['东山村', '张建国', '张建国', '户主', ID.zhang, '未脱贫户', '', '', ''],
      ['东山村', '李秀英', '李秀英', '户主', ID.li, '易返贫致贫人口', '因病', '否', ''],
    ];
    const before = await (await withGuess('poverty', 'a.xlsx', await monitorList(rows))).preview();
    expect(before.rows.map((r) => r.status)).toEqual(['ok', 'error']);

    // The same effective date again corrects that set; moved to today's date it is in force.
    ok(await w.app.call('screening-category-save', { ...county, effectiveFrom: '2026-03-01' }, clerk));
    const sets = ok<PovertyCategorySetView[]>(await w.app.call('screening-category-list', {}, leader));
    expect(sets.map((s) => [s.effectiveFrom, s.inForce])).toEqual([
      ['2026-04-01', false],
      ['2026-03-01', true],
      ['2020-01-01', false],
    ]);
    const after = await (await withGuess('poverty', 'b.xlsx', await monitorList(rows))).preview();
    expect(after.categorySet?.effectiveFrom).toBe('2026-03-01');
    expect(after.rows.map((r) => [r.status, r.value])).toEqual([
      ['error', '未脱贫户'],
      ['ok', '防返贫监测对象：易返贫致贫户（因病）'],
    ]);
    expect(after.rows[0]!.problems[0]!.message).toContain('请在「本镇设置 → 名单类别」中增加');

    const trail = ok<Page<AuditEntry>>(await w.app.call('audit-list', { entityType: 'settings' }, clerk));
    expect(trail.items.filter((e) => e.command === 'screening-category-save')).toHaveLength(2);
  });

  it('refuses a set with a repeated name and changes nothing; cadres and leaders cannot edit it', async () => {
    const before = counts();
    const bad = await w.app.call(
      'screening-category-save',
      { effectiveFrom: '2026-03-01', categories: [{ name: '边缘易致贫户', kind: 'monitored', aliases: [] }, { name: '边缘户', kind: 'monitored', aliases: ['边缘易致贫户'] }] },
      clerk,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'categories[1].name', message: '「边缘易致贫户」与第1个类别重复' }] } });
    expect(await w.app.call('screening-category-save', { effectiveFrom: '2026-03-01', categories: [] }, clerk)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    for (const actor of [cadreOf(w.east.id), leader]) {
      const r = await w.app.call('screening-category-save', { effectiveFrom: '2026-03-01', categories: [{ name: '边缘户', kind: 'monitored' }] }, actor);
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(counts()).toEqual(before);
    expect(ok<PovertyCategorySetView[]>(await w.app.call('screening-category-list', {}, clerk))).toHaveLength(1);
  });
});

// ---------------------------------------------------------------- 残联: the 20-digit 残疾人证号

describe('残联 lists with only the 残疾人证号', () => {
  it('parses the card: embedded ID checked, category and level digits in range', () => {
    expect(parseDisabilityCard(cardOf(ID.zhang, 4, 2), '2026-03-06')).toEqual({ ok: true, value: { idNumber: ID.zhang, type: 'physical', level: 2 } });
    const wrongCheck = `${ID.zhang.slice(0, 17)}${ID.zhang[17] === '0' ? '1' : '0'}42`;
    expect(parseDisabilityCard(wrongCheck, '2026-03-06')).toEqual({ ok: false, error: `残疾人证号「${wrongCheck}」中的身份证号码校验码错误` });
    expect(parseDisabilityCard(cardOf(ID.zhang, 8, 2), '2026-03-06')).toMatchObject({ ok: false, error: expect.stringContaining('第19位残疾类别代码「8」无效（应为1至7）') });
    expect(parseDisabilityCard(cardOf(ID.zhang, 4, 0), '2026-03-06')).toMatchObject({ ok: false, error: expect.stringContaining('第20位残疾等级代码「0」无效（应为1至4）') });
    expect(parseDisabilityCard(`${ID.zhang}4`, '2026-03-06')).toMatchObject({ ok: false, error: expect.stringContaining('应为20位') });
  });

  it('derives ID, type and level from the card, writes them with their source, and flags 重残', async () => {
    const base64 = await departmentListXlsx({
      title: '清河镇持证残疾人名单',
      headers: ['序号', '姓名', '性别', '残疾人证号', '所在村', '联系电话'],
      rows: [
        ['1', '张建国', '男', cardOf(ID.zhang, 4, 2), '东山村', '13800000001'],
        ['2', '李秀英', '女', cardOf(ID.li, 6, 3), '东山村', ''],
        ['3', '王德明', '男', cardOf(ID.wang, 2, 4), '东山村', ''],
      ],
      textColumns: [3],
    });
    const { up, preview, input } = await withGuess('disability', '残联持证名单.xlsx', base64);
    expect(up.mapping).toEqual({ idNumber: null, disabilityCard: 3, name: 1, village: 4, disabilityType: null, disabilityLevel: null });
    const p = await preview();
    expect(p).toMatchObject({ errorCount: 0, matched: 3, updatedPersons: 3 });
    expect(p.rows.map((r) => [r.idNumber, r.value])).toEqual([
      [ID.zhang, '肢体残疾二级（据残疾人证号）'],
      [ID.li, '精神残疾三级（据残疾人证号）'],
      [ID.wang, '听力残疾四级（据残疾人证号）'],
    ]);
    const r = ok<ImportResult>(await w.app.call('screening-commit', input, clerk));
    expect(r.batch).toMatchObject({ updatedPersons: 3, flaggedCount: 3 });
    const li = ok<Household>(await w.app.call('household-get', { id: w.households.li.id }, clerk));
    expect(li.members[0]).toMatchObject({ disabilityType: 'mental', disabilityLevel: 3 });
    const trail = ok<Page<AuditEntry>>(await w.app.call('audit-list', { entityType: 'household', entityId: w.households.li.id }, clerk));
    expect(trail.items[0]).toMatchObject({
      command: 'screening-commit',
      before: { disabilityType: null, disabilityLevel: null },
      after: { disabilityType: 'mental', disabilityLevel: 3, source: '残联', fileName: '残联持证名单.xlsx', rowNumber: 4, basis: '残疾人证号' },
    });
    const focus = ok<FocusList>(await w.app.call('screening-focus-list', { villageId: w.east.id }, clerk));
    expect(focus.households.filter((h) => h.flags.length).map((h) => [h.headName, h.flags[0]!.label, h.flags[0]!.detail])).toEqual([
      ['张建国', '重残对象', '肢体残疾二级'],
      ['李秀英', '重残对象', '精神残疾三级'],
    ]);
  });

  it('a wrong checksum, impossible digits, or a card that disagrees with the other columns is a row problem', async () => {
    const wrongCheck = `${ID.zhao.slice(0, 17)}${ID.zhao[17] === '0' ? '1' : '0'}41`;
    const base64 = await departmentListXlsx({
      title: '残疾人名单',
      headers: ['姓名', '身份证号码', '残疾人证号', '残疾类别', '残疾等级'],
      rows: [
        ['张建国', ID.zhang, cardOf(ID.zhang, 4, 2), '肢体', '二级'],
        ['李秀英', ID.li, cardOf(ID.li, 9, 1), '', ''],
        ['王德明', ID.wang, cardOf(ID.wang, 2, 5), '', ''],
        ['赵春花', ID.zhao, wrongCheck, '', ''],
        ['刘永福', ID.recipient, cardOf(ID.recipient, 1, 1), '肢体', '一级'],
        ['陈志强', ID.west, cardOf(ID.zhang, 1, 1), '', ''],
      ],
      textColumns: [1, 2],
    });
    const { up, preview, input } = await withGuess('disability', '残联.xlsx', base64);
    expect(up.mapping).toMatchObject({ idNumber: 1, disabilityCard: 2, disabilityType: 3, disabilityLevel: 4 });
    const p = await preview();
    expect(p.rows.map((r) => r.status)).toEqual(['ok', 'error', 'error', 'error', 'error', 'error']);
    const msg = (i: number) => p.rows[i]!.problems.map((x) => `${x.column}:${x.message}`);
    expect(p.rows[0]!.value).toBe('肢体残疾二级');
    expect(msg(1)).toEqual([expect.stringMatching(/^C:残疾人证号「\d{20}」第19位残疾类别代码「9」无效/)]);
    expect(msg(2)).toEqual([expect.stringMatching(/^C:.*第20位残疾等级代码「5」无效/)]);
    expect(msg(3)).toEqual([`C:残疾人证号「${wrongCheck}」中的身份证号码校验码错误`]);
    expect(msg(4)).toEqual(['D:残疾类别「肢体」与残疾人证号中的类别（视力残疾）不一致']);
    expect(msg(5)).toEqual([`C:残疾人证号中的身份证号码（${ID.zhang}）与「身份证号码」列（${ID.west}）不一致`]);
    const before = counts();
    expect(await w.app.call('screening-commit', input, clerk)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(counts()).toEqual(before);
  });
});

// ---------------------------------------------------------------- 医保: self-paid amounts proposed as M

describe('医保 lists with yearly amounts', () => {
  const medicalList = (rows: (string | null)[][]) =>
    departmentListXlsx({
      title: '2025年度城乡居民大病保险患者费用统计表',
      headers: ['序号', '参保人姓名', '身份证号码', '所属村', '疾病名称', '认定日期', '年度医疗总费用', '个人负担金额'],
      rows: rows.map((r, i) => [String(i + 1), ...r]),
      textColumns: [2],
    });

  it('shows the self-paid amount in the preview, keeps it with the list, and proposes it as M until the clerk confirms', async () => {
    const base64 = await medicalList([
      ['张建国', ID.zhang, '东山村', '尿毒症', '2020-03-01', '86,500.00', '31250.5'],
      ['李秀英', ID.li, '东山村', '恶性肿瘤', '2025-01-15', '120000', ''],
    ]);
    const { up, preview, input } = await withGuess('medical', '大病患者费用.xlsx', base64);
    expect(up.mapping).toEqual({ idNumber: 2, name: 1, village: 3, diagnosis: 4, diagnosisDate: 5, totalCost: 6, selfPaid: 7 });
    const p = await preview();
    expect(p).toMatchObject({ errorCount: 0, matched: 2, proposedM: 1 });
    expect(p.rows.map((r) => [r.value, r.selfPaid])).toEqual([
      ['尿毒症（2020-03-01认定）；个人自付 31250.50 元（总费用 86500.00 元）', 31250.5],
      ['恶性肿瘤（2025-01-15认定）', null],
    ]);
    const r = ok<ImportResult>(await w.app.call('screening-commit', input, clerk));
    const kept = w.app.db.prepare('SELECT self_paid, total_cost, row_number FROM screening_flags WHERE batch_id = ? AND id_number = ?').get(r.batch.id, ID.zhang);
    expect(kept).toEqual({ self_paid: 31250.5, total_cost: 86500, row_number: 3 });

    // Proposed, not silently written.
    const hid = w.households.zhang.id;
    const evalBefore = ok<Evaluation>(await w.app.call('household-evaluate', { householdId: hid }, clerk));
    expect(evalBefore.facts.medicalSelfPaid).toBeNull();
    const proposals = ok<MedicalProposal[]>(await w.app.call('screening-medical-proposals', { householdId: hid }, cadreOf(w.east.id)));
    expect(proposals).toEqual([
      {
        batchId: r.batch.id,
        fileName: '大病患者费用.xlsx',
        importedAt: r.batch.importedAt,
        rowNumber: 3,
        personId: w.households.zhang.members[0]!.id,
        personName: '张建国',
        diagnosis: '尿毒症（2020-03-01认定）',
        selfPaid: 31250.5,
        totalCost: 86500,
        sourceText: '医保部门名单「大病患者费用.xlsx」第3行（个人自付金额）',
        isConfirmed: false,
      },
    ]);
    expect(ok<MedicalProposal[]>(await w.app.call('screening-medical-proposals', { householdId: w.households.li.id }, clerk))).toEqual([]);

    // A cadre cannot confirm; the clerk does, and the audit names the source.
    const acceptInput = { householdId: hid, batchId: r.batch.id, personId: w.households.zhang.members[0]!.id };
    expect(await w.app.call('screening-medical-accept', acceptInput, cadreOf(w.east.id))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const facts = ok<Evaluation['facts']>(await w.app.call('screening-medical-accept', acceptInput, clerk));
    expect(facts).toMatchObject({ medicalSelfPaid: 31250.5, medicalPatientPersonId: acceptInput.personId, medicalDisposable: null });
    const evalAfter = ok<Evaluation>(await w.app.call('household-evaluate', { householdId: hid }, clerk));
    expect(evalAfter.facts.medicalSelfPaid).toBe(31250.5);
    const trail = ok<Page<AuditEntry>>(await w.app.call('audit-list', { entityType: 'household', entityId: hid }, clerk));
    expect(trail.items[0]).toMatchObject({
      command: 'screening-medical-accept',
      before: { medicalSelfPaid: null },
      after: { medicalSelfPaid: 31250.5, source: '医保部门名单「大病患者费用.xlsx」第3行（个人自付金额）' },
    });
    expect(ok<MedicalProposal[]>(await w.app.call('screening-medical-proposals', { householdId: hid }, clerk))[0]!.isConfirmed).toBe(true);

    // Another household's member is refused.
    const wrong = await w.app.call('screening-medical-accept', { ...acceptInput, householdId: w.households.li.id }, clerk);
    expect(wrong).toMatchObject({ ok: false });
  });

  it('a self-paid amount above the total, or not a number, is a row problem', async () => {
    const base64 = await medicalList([
      ['张建国', ID.zhang, '东山村', '尿毒症', '2020-03-01', '10000', '12000'],
      ['李秀英', ID.li, '东山村', '恶性肿瘤', '2025-01-15', '', '约五千'],
    ]);
    const p = await (await withGuess('medical', 'm.xlsx', base64)).preview();
    expect(p.rows.map((r) => r.problems.map((x) => `${x.column}:${x.message}`))).toEqual([
      ['H:个人自付金额 12000 元大于年度医疗总费用 10000 元'],
      ['H:个人自付金额：金额「约五千」不是有效的数字'],
    ]);
  });
});
