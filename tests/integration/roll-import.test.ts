import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaymentBatchView, PaymentPreview, RollImportResult, RollPreview, RollUploadInfo, RosterPage } from '../../src/contract';
import { ROLL_FIELDS, ROLL_FIELD_LABELS, guessRollMapping, type RollMapping } from '../../src/domain/roll-import';
import { luhnCheckDigit } from '../../src/domain/bank-account';
import { rollTemplate } from '../../src/services/roll-import';
import { runCli } from '../../src/cli/main';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { rosterBasisLabel } from '../../src/domain/roster';
import { ok, validId } from '../helpers/temp-app';
import { ID, clerk, rowCount, screeningWorld, type World } from '../helpers/screening-world';

let w: World;
beforeEach(async () => {
  w = await screeningWorld();
});
afterEach(() => w.app.dispose());

const HEADERS = ROLL_FIELDS.map((f) => ROLL_FIELD_LABELS[f]);
const MAPPING = Object.fromEntries(ROLL_FIELDS.map((f, i) => [f, i])) as RollMapping;
const card = (seq: number) => {
  const body = `629999000000${String(seq).padStart(6, '0')}`;
  return body + luhnCheckDigit(body);
};
const NEW = {
  sun: validId('99010119480101011'),
  sunWife: validId('99010119500202022'),
  sunSon: validId('99010119800303033'),
  qian: validId('99010119600404044'),
  hu: validId('99010119700505055'),
};

type Row = Partial<Record<(typeof ROLL_FIELDS)[number], string>>;
const line = (r: Row) => ROLL_FIELDS.map((f) => r[f] ?? '');

/** Text cells throughout (as the template asks), under a title row. */
async function rollXlsx(rows: Row[], headers = HEADERS): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['清河镇低保对象花名册']);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(line(r));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const GOOD: Row[] = [
  { village: '东山村', headName: '孙永福', name: '孙永福', idNumber: NEW.sun, relation: '户主', category: '困难', personClass: 'A', amount: '620', startMonth: '2021-03', bankName: '清河农商银行', accountNumber: card(1), phone: '13900001111', address: '东山村一组3号' },
  { village: '东山村', headName: '孙永福', name: '周桂兰', idNumber: NEW.sunWife, relation: '妻', personClass: 'B', amount: '310.5' },
  { village: '东山村', headName: '孙永福', name: '孙小龙', idNumber: NEW.sunSon, relation: '儿子' },
  { village: '北坡村', headName: '钱德明', name: '钱德明', idNumber: NEW.qian, relation: '户主', category: '因病支出型', personClass: 'C', amount: '200', startMonth: '2024年7月' },
];

const file = (base64: string, fileName = '存量花名册.xlsx') => ({ fileName, base64, sheetName: null });

describe('roll import', () => {
  it('guesses the mapping of the template and of a provincial export', async () => {
    expect(guessRollMapping(HEADERS)).toEqual(MAPPING);
    const m = guessRollMapping(['序号', '村（社区）', '户主', '成员姓名', '公民身份号码', '与户主的关系', '低保类别', '人员分类', '保障金额（元）', '开始享受时间', '开户银行', '银行卡号']);
    expect(m).toMatchObject({ village: 1, headName: 2, name: 3, idNumber: 4, relation: 5, category: 6, personClass: 7, amount: 8, startMonth: 9, bankName: 10, accountNumber: 11, phone: null });
    const up = ok<RollUploadInfo>(await w.app.call('roll-upload', file(await rollXlsx(GOOD)), clerk));
    expect(up).toMatchObject({ headerRowNumber: 2, rowCount: 4, mapping: MAPPING, existingImport: null });
    const missing = await w.app.call('roll-preview', { ...file(await rollXlsx(GOOD)), mapping: { ...MAPPING, amount: null } }, clerk);
    expect(missing).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'mapping.amount', message: '请指定「月保障金」列' }] } });
  });

  it('the template workbook reads back with its own mapping and an example row', async () => {
    const t = await rollTemplate();
    expect(t.fileName).toBe('存量花名册导入模板.xlsx');
    const up = ok<RollUploadInfo>(await w.app.call('roll-upload', file(t.base64, t.fileName), clerk));
    expect(up.mapping).toEqual(MAPPING);
    expect(up.rowCount).toBe(1);
    const p = ok<RollPreview>(await w.app.call('roll-preview', { ...file(t.base64, t.fileName), mapping: up.mapping }, clerk));
    expect(p).toMatchObject({ errorCount: 0, households: 1, covered: 1, monthlyTotal: 620 });
  });

  it('reports every row problem with row and column, and a refused roll writes nothing', async () => {
    const bad = `${NEW.hu.slice(0, 17)}${NEW.hu[17] === '0' ? '1' : '0'}`;
    const rows: Row[] = [
      ...GOOD,
      { village: '东山村', name: '胡海军', idNumber: bad, relation: '户主', category: '困难', personClass: 'A', amount: '500', startMonth: '2022-01' },
      { village: '东山村', name: '张建国', idNumber: ID.zhang, relation: '户主', category: '困难', personClass: 'A', amount: '500', startMonth: '2022-01' },
      { village: '东山村', headName: '孙永福', name: '孙重复', idNumber: NEW.sunSon, relation: '子女' },
      { village: '东山村', headName: '无此人', name: '某某', idNumber: NEW.hu, relation: '配偶', personClass: 'A', amount: '100' },
      { village: '西岭村', name: '吴静怡', idNumber: validId('99010119850606066'), relation: '户主', category: '特困', personClass: 'D', amount: '12.345', startMonth: '明年' },
      { village: '西岭村', name: '郑小红', idNumber: validId('99010119860707077'), relation: '户主', category: '低收入', personClass: 'A', startMonth: '2023-02', accountNumber: '123' },
      { village: '西岭村', name: '冯丽娟', idNumber: validId('99010119870808088'), relation: '表亲', category: '低收入', startMonth: '2023-02' },
    ];
    const base64 = await rollXlsx(rows);
    const p = ok<RollPreview>(await w.app.call('roll-preview', { ...file(base64), mapping: MAPPING }, clerk));
    const at = (n: number) => p.rows.find((r) => r.rowNumber === n)!.problems.map((x) => `${x.column ?? ''}:${x.message}`).join('|');
    expect(at(7)).toMatch(/^D:身份证号码「\d{17}[\dX]」.*校验/);
    expect(at(8)).toContain('已登记在「东山村 张建国户」');
    expect(at(9)).toContain('与第5行的身份证号码重复');
    expect(at(10)).toContain('找不到户主「无此人」的一行');
    expect(at(11)).toContain('F:保障类别「特困」无法识别');
    expect(at(11)).toContain('G:人员类别「D」无法识别');
    expect(at(11)).toContain('H:月保障金「12.345」最多保留两位小数');
    expect(at(11)).toContain('I:享受起始年月「明年」无法识别');
    expect(at(12)).toContain('H:填写了人员类别，缺少月保障金');
    expect(at(12)).toContain('J:填写了银行账号，缺少开户行');
    expect(at(13)).toContain('E:与户主关系「表亲」无法识别');
    // The new village is proposed, not an error.
    expect(p.newVillages).toEqual([{ name: '北坡村', code: '990101100900', kind: 'village', households: 1 }]);
    expect(at(6)).toContain('村（社区）「北坡村」尚未登记，导入时将新建');
    expect(p.errorCount).toBe(7);

    const households = rowCount(w, 'households');
    const villages = rowCount(w, 'villages');
    const r = await w.app.call('roll-commit', { ...file(base64), mapping: MAPPING }, clerk);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('花名册中有 7 行错误（如第7行 D列') } });
    expect(rowCount(w, 'households')).toBe(households);
    expect(rowCount(w, 'villages')).toBe(villages);
    expect(rowCount(w, 'approvals')).toBe(0);
    expect(rowCount(w, 'roll_imports')).toBe(0);
  });

  it('commits households, members, accounts and frozen decisions with the roll’s amounts and start months; the same file again changes nothing', async () => {
    const base64 = await rollXlsx(GOOD);
    const p = ok<RollPreview>(await w.app.call('roll-preview', { ...file(base64), mapping: MAPPING }, clerk));
    expect(p).toMatchObject({ errorCount: 0, households: 2, persons: 4, covered: 3, monthlyTotal: 1130.5, bankAccounts: 1 });
    const r = ok<RollImportResult>(await w.app.call('roll-commit', { ...file(base64), mapping: MAPPING }, clerk));
    expect(r).toMatchObject({ alreadyImported: false, import: { households: 2, persons: 4, villagesCreated: 1, monthlyTotal: 1130.5, importedBy: clerk.name } });

    const snap = w.app.db.prepare("SELECT a.reason, a.payment_start, a.monthly_total, a.snapshot_json FROM approvals a JOIN persons p ON p.household_id = a.household_id WHERE p.id_number = ?").get(NEW.sun) as {
      reason: string;
      payment_start: string;
      monthly_total: number;
      snapshot_json: string;
    };
    expect(snap).toMatchObject({ reason: '存量导入', payment_start: '2021-03', monthly_total: 930.5 });
    expect(JSON.parse(snap.snapshot_json)).toMatchObject({ source: '存量导入', lines: [{ class: 'A', decided: 620 }, { class: 'B', decided: 310.5 }] });
    expect(rowCount(w, 'documents')).toBe(0);

    // The roster shows them with the roll's figures.
    const roster = ok<RosterPage>(await w.app.call('roster-list', { villageId: null, personClass: null, view: 'all', page: 1, pageSize: 50 }, clerk));
    const sun = roster.items.find((l) => l.headName === '孙永福')!;
    expect(sun).toMatchObject({ villageName: '东山村', category: 'poor', monthlyTotal: 930.5, paymentStart: '2021-03' });
    // Its basis (依据) is the import, with the import's day, not a review meeting's 审批决定.
    expect(sun).toMatchObject({ source: 'roll-import', basisDate: r.import.importedAt.slice(0, 10) });
    expect(rosterBasisLabel(sun.source, sun.basisDate)).toBe(`存量导入（${r.import.importedAt.slice(0, 10)}）`);
    expect(sun.members.map((m) => `${m.name}${m.class}${m.amount}`)).toEqual(['孙永福A620', '周桂兰B310.5']);
    const qian = roster.items.find((l) => l.headName === '钱德明')!;
    expect(qian).toMatchObject({ villageName: '北坡村', category: 'medical-expense', monthlyTotal: 200, paymentStart: '2024-07' });
    // Next review due from the import date (C: yearly by default).
    expect(qian.nextDue > '2026-03-06').toBe(true);

    // Payments: the household with an account is paid; the one without is a problem to fix, not silently dropped.
    const pre = ok<PaymentPreview>(await w.app.call('payment-preview', { month: '2026-04', villageId: null }, clerk));
    expect(pre.households).toBe(1);
    expect(pre.amount).toBe(930.5);
    expect(pre.problems.map((x) => x.headName)).toEqual(['钱德明']);

    // The same file again: nothing new.
    const counts = ['households', 'persons', 'approvals', 'cases', 'villages', 'bank_accounts'].map((t) => rowCount(w, t));
    const again = ok<RollImportResult>(await w.app.call('roll-commit', { ...file(base64, '又一次.xlsx'), mapping: MAPPING }, clerk));
    expect(again).toMatchObject({ alreadyImported: true, import: { id: r.import.id } });
    expect(['households', 'persons', 'approvals', 'cases', 'villages', 'bank_accounts'].map((t) => rowCount(w, t))).toEqual(counts);
    const up = ok<RollUploadInfo>(await w.app.call('roll-upload', file(base64), clerk));
    expect(up.existingImport?.id).toBe(r.import.id);
  });

  it('flags amounts the policy in force would not give, and imports them as the roll has them only with a reason', async () => {
    const { version: _v, ...planFigures } = DEFAULT_POLICY;
    ok(await w.app.call('policy-add', planFigures));
    const rows: Row[] = [
      ...GOOD,
      // A 困难家庭 member above the no-income A amount (602 × 1.3 = 783).
      { village: '东山村', name: '胡海军', idNumber: NEW.hu, relation: '户主', category: '困难', personClass: 'A', amount: '900', startMonth: '2022-01' },
    ];
    const base64 = await rollXlsx(rows);
    const p = ok<RollPreview>(await w.app.call('roll-preview', { ...file(base64), mapping: MAPPING }, clerk));
    expect(p).toMatchObject({ errorCount: 0, amountFlags: 2, amountCheckNote: null });
    const warnings = (n: number) => p.rows.find((r) => r.rowNumber === n)!.problems.map((x) => x.message).join('|');
    expect(warnings(3)).toBe('');
    expect(warnings(6)).toContain('钱德明 月保障金 200 元，现行政策按标准施保为 602 元');
    expect(warnings(7)).toContain('胡海军（A类）月保障金 900 元，超过现行政策下无收入时的 783 元');
    const refused = await w.app.call('roll-commit', { ...file(base64), mapping: MAPPING }, clerk);
    expect(refused).toMatchObject({ ok: false, error: { fields: [{ path: 'amountReason', message: expect.stringContaining('有 2 户的月保障金与现行政策测算不一致') }] } });
    expect(rowCount(w, 'roll_imports')).toBe(0);
    ok(await w.app.call('roll-commit', { ...file(base64), mapping: MAPPING, amountReason: '按原县系统核定金额续发，年底复核时调整' }, clerk));
    const snap = (id: string) =>
      JSON.parse((w.app.db.prepare('SELECT a.snapshot_json AS s FROM approvals a JOIN persons p ON p.household_id = a.household_id WHERE p.id_number = ?').get(id) as { s: string }).s) as {
        amountReason: string | null;
        monthlyTotal: number;
      };
    expect(snap(NEW.hu)).toMatchObject({ amountReason: '按原县系统核定金额续发，年底复核时调整', monthlyTotal: 900 });
    expect(snap(NEW.sun)).toMatchObject({ amountReason: null, monthlyTotal: 930.5 });
  });

  it('payments generate for imported recipients, and a change case opens for them', async () => {
    ok(await w.app.call('roll-commit', { ...file(await rollXlsx(GOOD.slice(0, 3))), mapping: MAPPING }, clerk));
    const batch = ok<PaymentBatchView>(await w.app.call('payment-generate', { month: '2026-04', villageId: null }, clerk));
    expect(batch).toMatchObject({ totals: { households: 1, amount: 930.5 } });
    const hid = (w.app.db.prepare('SELECT household_id AS h FROM persons WHERE id_number = ?').get(NEW.sun) as { h: number }).h;
    const opened = await w.app.call('roster-change-open', { householdId: hid, reason: '家庭成员就业' }, clerk);
    expect(opened.ok).toBe(true);
  });

  it('the CLI prints the preview and exits 1 on refused rows; --yes commits', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    w.app.close();
    const good = join(w.app.dir, 'good.xlsx');
    const bad = join(w.app.dir, 'bad.xlsx');
    writeFileSync(good, Buffer.from(await rollXlsx(GOOD), 'base64'));
    writeFileSync(bad, Buffer.from(await rollXlsx([{ ...GOOD[0]!, idNumber: '123' }]), 'base64'));
    const out: string[] = [];
    const io = { stdin: process.stdin, stdout: (s: string) => void out.push(s), stderr: (s: string) => void out.push(s) };
    expect(await runCli(['import-roll', '--data-dir', w.app.dir, bad], io)).toBe(1);
    expect(out.join('')).toContain('第3行 D列');
    out.length = 0;
    expect(await runCli(['import-roll', '--data-dir', w.app.dir, good], io)).toBe(0);
    expect(out.join('')).toContain('2 户');
    expect(out.join('')).toContain('未导入');
    out.length = 0;
    expect(await runCli(['import-roll', '--data-dir', w.app.dir, good, '--yes'], io)).toBe(0);
    expect(out.join('')).toContain('已导入');
  });
});
